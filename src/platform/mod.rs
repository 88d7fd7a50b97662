//! What differs between operating systems, behind small functions: owner-only protection of the
//! files that hold personal data, a file's identity, and the console closing under us (Windows).
//!
//! Unix: file modes (0600 / 0700) and device + inode. Windows: an explicit ACL (the current user
//! and SYSTEM, nothing inherited) and volume serial + file index.

use std::io;
use std::path::{Path, PathBuf};

#[cfg(unix)]
mod unix;
#[cfg(unix)]
use unix as imp;

#[cfg(windows)]
mod windows;
#[cfg(windows)]
use windows as imp;
#[cfg(windows)]
pub use windows::{close_handled, on_console_close};

pub mod removable;

/// True when this Windows build runs under Wine (whose ACLs are only unix modes); false elsewhere.
pub fn running_under_wine() -> bool {
    #[cfg(windows)]
    return windows::running_under_wine();
    #[cfg(not(windows))]
    false
}

/// What protecting a file achieved.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Protection {
    /// Readable and writable by the current user only (and SYSTEM on Windows).
    Private,
    /// The file system keeps no permissions (a FAT USB stick): anyone can read the file.
    Unsupported,
}

/// Makes `path` (a file, or a folder and what it will hold) readable by its owner only, then
/// reads the permissions back: `Unsupported` when the file system did not keep them.
pub fn restrict_to_owner(path: &Path) -> io::Result<Protection> {
    imp::restrict_to_owner(path)
}

/// True when nobody but the current user (and SYSTEM on Windows) may read `path`; false when
/// others may, or when the permissions cannot be read.
pub fn is_private(path: &Path) -> bool {
    imp::is_private(path)
}

/// The identity of the file at `path`, the same through any name that reaches it: device and
/// inode on unix, volume serial number and file index on Windows. `None` when it cannot be read.
pub fn file_identity(path: &Path) -> Option<(u64, u64)> {
    imp::file_identity(path)
}

/// True when `a` and `b` name one file (same identity), whatever the names: a hard link, a
/// symlink, `./`. Falls back to canonical names where no identity can be read.
pub fn same_file(a: &Path, b: &Path) -> bool {
    match (file_identity(a), file_identity(b)) {
        (Some(x), Some(y)) => x == y,
        _ => matches!(
            (std::fs::canonicalize(a), std::fs::canonicalize(b)),
            (Ok(x), Ok(y)) if x == y
        ),
    }
}

/// The user's home folder: `HOME`, or `USERPROFILE` on Windows where `HOME` is rarely set.
pub fn home_dir() -> Option<PathBuf> {
    std::env::var_os("HOME")
        .filter(|h| !h.is_empty())
        .or_else(|| std::env::var_os("USERPROFILE").filter(|h| !h.is_empty()))
        .map(PathBuf::from)
}

#[cfg(not(any(unix, windows)))]
mod imp {
    use super::Protection;
    use std::io;
    use std::path::Path;

    pub fn restrict_to_owner(path: &Path) -> io::Result<Protection> {
        std::fs::metadata(path)?;
        Ok(Protection::Unsupported)
    }

    pub fn is_private(_path: &Path) -> bool {
        false
    }

    pub fn file_identity(_path: &Path) -> Option<(u64, u64)> {
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::fs;

    #[test]
    fn a_file_and_a_folder_become_private() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("notes.csv");
        fs::write(&file, "x").unwrap();
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            fs::set_permissions(&file, fs::Permissions::from_mode(0o644)).unwrap();
            assert!(!is_private(&file), "0644 is readable by others");
        }
        if running_under_wine() {
            eprintln!("under Wine: ACLs are unix modes, checked by tests/windows-check.sh");
            assert!(restrict_to_owner(&file).is_ok());
            return;
        }
        assert_eq!(restrict_to_owner(&file).unwrap(), Protection::Private);
        assert!(is_private(&file));
        let sub = dir.path().join("data");
        fs::create_dir(&sub).unwrap();
        assert_eq!(restrict_to_owner(&sub).unwrap(), Protection::Private);
        assert!(is_private(&sub));
        // The owner can still write and read it.
        fs::write(&file, "y").unwrap();
        assert_eq!(fs::read_to_string(&file).unwrap(), "y");
    }

    #[test]
    fn a_missing_file_is_an_error_and_not_private() {
        let dir = tempfile::tempdir().unwrap();
        let missing = dir.path().join("nope");
        assert!(restrict_to_owner(&missing).is_err());
        assert!(!is_private(&missing));
        assert_eq!(file_identity(&missing), None);
    }

    #[test]
    fn a_file_keeps_its_identity_under_another_name_and_differs_from_others() {
        let dir = tempfile::tempdir().unwrap();
        let a = dir.path().join("a.db");
        let b = dir.path().join("b.db");
        fs::write(&a, "a").unwrap();
        fs::write(&b, "b").unwrap();
        let id = file_identity(&a).expect("identity of a");
        assert_ne!(Some(id), file_identity(&b));
        // The same file through a relative name with a detour.
        let detour = dir.path().join("x").join("..").join("a.db");
        fs::create_dir(dir.path().join("x")).unwrap();
        assert_eq!(file_identity(&detour), Some(id));
        // Renamed, it is still the same file.
        let c = dir.path().join("c.db");
        fs::rename(&a, &c).unwrap();
        assert_eq!(file_identity(&c), Some(id));
        // Folders have one too (a lock may sit on either).
        assert!(file_identity(dir.path()).is_some());
    }
}
