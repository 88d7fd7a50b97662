//! Writing an export: private (0600) and atomic (temporary file, then rename), never half a file.

use std::fs::{self, File, OpenOptions};
use std::io::{self, Write};
use std::path::{Path, PathBuf};

/// What writing a file found worth saying, beside success.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Written {
    /// Written, readable by the user only.
    Private,
    /// Written, but the file system ignores permissions (a FAT USB stick): anyone can read it.
    ModesIgnored,
}

/// The path of a part: `notes.csv` + `-propositions` → `notes-propositions.csv`.
pub fn part_path(main: &Path, suffix: &str) -> PathBuf {
    if suffix.is_empty() {
        return main.to_path_buf();
    }
    let stem = main
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default();
    let name = match main.extension() {
        Some(ext) => format!("{stem}{suffix}.{}", ext.to_string_lossy()),
        None => format!("{stem}{suffix}"),
    };
    main.with_file_name(name)
}

fn open_private(path: &Path) -> io::Result<File> {
    let mut options = OpenOptions::new();
    options.write(true).create_new(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.mode(0o600);
    }
    options.open(path)
}

/// Writes `bytes` to `path` through a temporary file in the same directory, synced, then renamed.
pub fn write_private(path: &Path, bytes: &[u8]) -> io::Result<Written> {
    let dir = match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d.to_path_buf(),
        _ => PathBuf::from("."),
    };
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .ok_or_else(|| io::Error::new(io::ErrorKind::InvalidInput, "no file name"))?;
    let tmp = dir.join(format!(".{name}.{}.tmp", std::process::id()));
    let result = (|| {
        let mut file = open_private(&tmp)?;
        // Windows: the owner-only ACL before a byte is written (unix did it at creation).
        #[cfg(not(unix))]
        let _ = crate::platform::restrict_to_owner(&tmp);
        file.write_all(bytes)?;
        file.sync_all()?;
        fs::rename(&tmp, path)
    })();
    if let Err(e) = result {
        let _ = fs::remove_file(&tmp);
        return Err(e);
    }
    // The rename is durable only once the directory is synced (not possible everywhere: best effort).
    if let Ok(d) = File::open(&dir) {
        let _ = d.sync_all();
    }
    Ok(modes_kept(path))
}

/// Writes every part of an export beside `main`; stops at the first failure.
pub fn write_parts(main: &Path, parts: &[super::Part]) -> io::Result<Vec<(PathBuf, Written)>> {
    let mut done = Vec::new();
    for part in parts {
        let path = part_path(main, &part.suffix);
        let written = write_private(&path, &part.bytes)?;
        done.push((path, written));
    }
    Ok(done)
}

/// The permissions read back, not assumed: modes on unix, the ACL on Windows.
fn modes_kept(path: &Path) -> Written {
    if crate::platform::is_private(path) {
        Written::Private
    } else {
        Written::ModesIgnored
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parts_sit_beside_the_main_file() {
        let p = Path::new("/tmp/oral.csv");
        assert_eq!(part_path(p, ""), p);
        assert_eq!(
            part_path(p, "-propositions"),
            Path::new("/tmp/oral-propositions.csv")
        );
        assert_eq!(part_path(Path::new("oral"), "-x"), Path::new("oral-x"));
    }

    #[test]
    fn a_file_is_written_whole_and_private_and_replaces_the_old_one() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("summary.html");
        fs::write(&path, "old").unwrap();
        let written = write_private(&path, b"new").unwrap();
        // Wine keeps no ACL (tests/windows-check.sh checks what it does keep).
        if !crate::platform::running_under_wine() {
            assert_eq!(written, Written::Private);
        }
        assert_eq!(fs::read_to_string(&path).unwrap(), "new");
        let left: Vec<_> = fs::read_dir(dir.path()).unwrap().flatten().collect();
        assert_eq!(left.len(), 1, "no temporary file left behind");
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let mode = fs::metadata(&path).unwrap().permissions().mode();
            assert_eq!(mode & 0o777, 0o600);
        }
    }

    #[test]
    fn a_missing_directory_is_an_error_and_leaves_nothing() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("nope").join("summary.md");
        assert!(write_private(&path, b"x").is_err());
        assert!(!path.exists());
    }
}
