//! The one way Passerelle writes a file: checked first (never through a symlink, never onto the
//! open database or one of its files, never over a file of the user's without `--force`, never
//! into a FIFO or a device), then written whole to a private temporary file in the target's
//! folder, synced, renamed over the target, and the folder synced. A kill at any instant leaves
//! the old file or the new one, never half of one.
//!
//! Two small files of Passerelle's own are exempt from the rename, and only from it: the writer
//! lock (`.passerelle-<device>-<inode>.lock`, whose `flock` belongs to its inode, so it must never
//! be replaced) and the `NAME.running` marker (empty: there is no half of it to fear). Both are
//! opened in place through [`open_in_place`], which keeps the other rules: never through a
//! symbolic link planted at the path, never a FIFO or a device (refused without waiting on it),
//! created private and made private again if they already existed.

use std::fs::{self, File, OpenOptions};
use std::io::{self, Write};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};

/// What writing a file found worth saying, beside success.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Written {
    /// Written, readable by the user only.
    Private,
    /// Written, but the file system ignores permissions (a FAT USB stick): anyone can read it.
    ModesIgnored,
}

/// Why a target was refused (nothing written).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Refusal {
    /// The target is a symbolic link.
    Symlink(PathBuf),
    /// The target is the open database, or its `-wal`, `-shm` or `-journal`, under any name.
    OpenDatabase(PathBuf),
    /// The target is a FIFO, a device, a socket.
    NotRegular(PathBuf),
    /// The target exists and Passerelle did not write it (`--force` replaces it).
    Foreign(PathBuf),
}

impl Refusal {
    /// The catalog key of the sentence that says it.
    pub fn key(&self) -> &'static str {
        match self {
            Refusal::Symlink(_) => "safe.symlink",
            Refusal::OpenDatabase(_) => "safe.open_database",
            Refusal::NotRegular(_) => "safe.not_regular",
            Refusal::Foreign(_) => "safe.foreign",
        }
    }

    /// The refused path.
    pub fn path(&self) -> &Path {
        match self {
            Refusal::Symlink(p)
            | Refusal::OpenDatabase(p)
            | Refusal::NotRegular(p)
            | Refusal::Foreign(p) => p,
        }
    }
}

/// A failed write: refused before anything was written, or the file system failed (nothing
/// replaced either way).
#[derive(Debug)]
pub enum WriteError {
    /// Refused by the rules.
    Refused(Refusal),
    /// The system said no (no such folder, disk full, no permission).
    Io(io::Error),
}

impl std::fmt::Display for WriteError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            WriteError::Refused(r) => write!(f, "refused ({}): {}", r.key(), r.path().display()),
            WriteError::Io(e) => write!(f, "{e}"),
        }
    }
}

impl std::error::Error for WriteError {}

impl From<io::Error> for WriteError {
    fn from(e: io::Error) -> Self {
        WriteError::Io(e)
    }
}

/// What a write must respect.
pub struct Rules<'a> {
    /// The open database, whose files are never written over (none: no database open).
    pub db: Option<&'a Path>,
    /// Replace an existing file even though Passerelle did not write it.
    pub force: bool,
    /// Tells whether an existing file is one Passerelle wrote (the register, a copy's header).
    pub ours: &'a dyn Fn(&Path) -> bool,
}

impl Rules<'_> {
    /// No database to protect, nothing recognised as ours: only new files or `--force`.
    pub const NONE: Rules<'static> = Rules {
        db: None,
        force: false,
        ours: &|_| false,
    };
}

/// A directory target gets `default_name` inside it; any other target is kept as given. (A link
/// to a folder leads inside the folder: the file written there is a new one, not the link.)
pub fn resolve(target: &Path, default_name: &str) -> PathBuf {
    match fs::metadata(target) {
        Ok(m) if m.is_dir() => target.join(default_name),
        _ => target.to_path_buf(),
    }
}

/// Checks a target against the rules, without writing anything.
pub fn check(target: &Path, rules: &Rules<'_>) -> Result<(), Refusal> {
    if let Some(db) = rules.db
        && is_database_file(target, db)
    {
        return Err(Refusal::OpenDatabase(target.to_path_buf()));
    }
    let meta = match fs::symlink_metadata(target) {
        Ok(m) => m,
        // Nothing there (or unreadable: the write itself will say why).
        Err(_) => return Ok(()),
    };
    if meta.file_type().is_symlink() {
        return Err(Refusal::Symlink(target.to_path_buf()));
    }
    if !meta.is_file() {
        return Err(Refusal::NotRegular(target.to_path_buf()));
    }
    if !rules.force && !(rules.ours)(target) {
        return Err(Refusal::Foreign(target.to_path_buf()));
    }
    Ok(())
}

/// The database and the files SQLite keeps beside it.
fn database_files(db: &Path) -> Vec<PathBuf> {
    let mut all = vec![db.to_path_buf()];
    for suffix in ["-wal", "-shm", "-journal"] {
        let mut name = db.as_os_str().to_os_string();
        name.push(suffix);
        all.push(PathBuf::from(name));
    }
    all
}

/// True when `target` is the database or one of its files, whatever name reaches it.
pub fn is_database_file(target: &Path, db: &Path) -> bool {
    let target_abs = absolute(target);
    database_files(db)
        .iter()
        .any(|f| same_file(target, f) || (target_abs.is_some() && target_abs == absolute(f)))
}

/// The path with its folder made absolute and free of links (the file itself may not exist).
fn absolute(path: &Path) -> Option<PathBuf> {
    let name = path.file_name()?;
    let dir = match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d,
        _ => Path::new("."),
    };
    Some(fs::canonicalize(dir).ok()?.join(name))
}

/// One file under two names (device + inode, or volume + index on Windows).
fn same_file(a: &Path, b: &Path) -> bool {
    crate::platform::same_file(a, b)
}

/// Writes `bytes` to `target` under the rules.
pub fn write_bytes(target: &Path, bytes: &[u8], rules: &Rules<'_>) -> Result<Written, WriteError> {
    write_with(target, rules, |tmp| -> Result<(), WriteError> {
        let mut file = OpenOptions::new().write(true).open(tmp)?;
        file.write_all(bytes)?;
        Ok(())
    })
}

/// Lets `fill` write the content into a fresh private temporary path beside `target` (SQLite's
/// backup API writes there), then syncs it and renames it over `target`. On any failure the
/// temporary file is removed and `target` is untouched.
pub fn write_with<E: From<WriteError>>(
    target: &Path,
    rules: &Rules<'_>,
    fill: impl FnOnce(&Path) -> Result<(), E>,
) -> Result<Written, E> {
    check(target, rules).map_err(|r| E::from(WriteError::Refused(r)))?;
    let dir = folder_of(target);
    remove_stale_temps(target);
    let tmp = temp_path(target).map_err(|e| E::from(e.into()))?;
    create_private(&tmp).map_err(|e| E::from(e.into()))?;
    let result = fill(&tmp).and_then(|()| finish(&tmp, target, rules).map_err(E::from));
    if let Err(e) = result {
        remove_temp(&tmp);
        return Err(e);
    }
    // The rename is durable only once the folder is synced (not possible everywhere: best effort).
    if let Ok(d) = File::open(&dir) {
        let _ = d.sync_all();
    }
    Ok(modes_kept(target))
}

/// Lets `fill` build a file at a fresh private temporary path beside `near` (SQLite writes
/// there; the caller reads it back), then removes it and any journal, whatever happened. A kill
/// leaves it under the temporary suffix: the next write beside it and purge remove it.
pub fn scratch<T, E: From<io::Error>>(
    near: &Path,
    fill: impl FnOnce(&Path) -> Result<T, E>,
) -> Result<T, E> {
    let tmp = temp_path(near)?;
    create_private(&tmp)?;
    let out = fill(&tmp);
    remove_temp(&tmp);
    out
}

/// Syncs the filled temporary file and renames it over the target, after a last look at the
/// target (it may have changed while the content was written).
fn finish(tmp: &Path, target: &Path, rules: &Rules<'_>) -> Result<(), WriteError> {
    // Opened for writing: Windows refuses to flush a read-only handle (« Access denied »).
    OpenOptions::new().write(true).open(tmp)?.sync_all()?;
    check(target, rules).map_err(WriteError::Refused)?;
    fs::rename(tmp, target)?;
    Ok(())
}

/// The suffix of every temporary file: purge finds the ones a kill left behind.
pub const TEMP_SUFFIX: &str = ".passerelle-tmp";

fn folder_of(target: &Path) -> PathBuf {
    match target.parent() {
        Some(d) if !d.as_os_str().is_empty() => d.to_path_buf(),
        _ => PathBuf::from("."),
    }
}

/// `.NAME.PID-N.passerelle-tmp` beside the target: hidden, unique within this process.
fn temp_path(target: &Path) -> io::Result<PathBuf> {
    static COUNTER: AtomicUsize = AtomicUsize::new(0);
    let name = target
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .ok_or_else(|| io::Error::new(io::ErrorKind::InvalidInput, "no file name"))?;
    let n = COUNTER.fetch_add(1, Ordering::Relaxed);
    Ok(folder_of(target).join(format!(".{name}.{}-{n}{TEMP_SUFFIX}", std::process::id())))
}

/// Temporary files of the same target left by a killed process (another process id): they may
/// hold a whole copy of the data, so they do not stay.
fn remove_stale_temps(target: &Path) {
    let Some(name) = target.file_name().map(|n| n.to_string_lossy().into_owned()) else {
        return;
    };
    let prefix = format!(".{name}.");
    let ours = format!("{prefix}{}-", std::process::id());
    let Ok(entries) = fs::read_dir(folder_of(target)) else {
        return;
    };
    for path in entries.flatten().map(|e| e.path()) {
        let Some(n) = path.file_name().map(|n| n.to_string_lossy().into_owned()) else {
            continue;
        };
        if n.starts_with(&prefix)
            && !n.starts_with(&ours)
            && n.ends_with(TEMP_SUFFIX)
            && n[prefix.len()..n.len() - TEMP_SUFFIX.len()]
                .split('-')
                .all(|part| part.chars().all(|c| c.is_ascii_digit()))
        {
            remove_temp(&path);
        }
    }
}

fn remove_temp(tmp: &Path) {
    let _ = fs::remove_file(tmp);
    for suffix in ["-journal", "-wal", "-shm"] {
        let mut name = tmp.as_os_str().to_os_string();
        name.push(suffix);
        let _ = fs::remove_file(PathBuf::from(name));
    }
}

/// Creates a new, empty file readable by its owner only (fails if anything is there).
fn create_private(path: &Path) -> io::Result<()> {
    let mut options = OpenOptions::new();
    options.write(true).create_new(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.mode(0o600);
    }
    options.open(path)?;
    // Windows: the owner-only ACL before a byte is written (unix did it at creation).
    #[cfg(not(unix))]
    let _ = crate::platform::restrict_to_owner(path);
    Ok(())
}

/// Opens (creating it private if needed) one of the two files Passerelle keeps in place: the
/// writer lock and the `.running` marker (see the module doc). Refused with an error, and nothing
/// opened, when a symbolic link, a FIFO, a device or a folder sits at `path`; `truncate` empties
/// the file only once it is known to be a regular file.
pub fn open_in_place(path: &Path, truncate: bool) -> io::Result<File> {
    let mut options = OpenOptions::new();
    options.read(true).write(true).create(true).truncate(false);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        // O_NOFOLLOW: a link at the path fails the open itself (no check-then-open race);
        // O_NONBLOCK: a FIFO never makes the open wait for a reader.
        options
            .mode(0o600)
            .custom_flags(libc::O_NOFOLLOW | libc::O_NONBLOCK);
    }
    #[cfg(windows)]
    {
        use std::os::windows::fs::OpenOptionsExt;
        // FILE_FLAG_OPEN_REPARSE_POINT: a link at the path is opened itself, then refused below.
        const FILE_FLAG_OPEN_REPARSE_POINT: u32 = 0x0020_0000;
        options.custom_flags(FILE_FLAG_OPEN_REPARSE_POINT);
    }
    let file = options.open(path)?;
    let kind = file.metadata()?.file_type();
    if kind.is_symlink() || !kind.is_file() {
        return Err(io::Error::new(
            io::ErrorKind::InvalidInput,
            format!("not a regular file: {}", path.display()),
        ));
    }
    if truncate {
        file.set_len(0)?;
    }
    // Private even when it was already there with wider permissions (best effort).
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let _ = file.set_permissions(fs::Permissions::from_mode(0o600));
    }
    #[cfg(not(unix))]
    let _ = crate::platform::restrict_to_owner(path);
    Ok(file)
}

/// The permissions read back, not assumed: modes on unix, the ACL on Windows.
fn modes_kept(path: &Path) -> Written {
    if crate::platform::is_private(path) {
        Written::Private
    } else {
        Written::ModesIgnored
    }
}

/// Temporary files a kill left beside `db` (named after the database or one of its copies).
pub fn leftover_temps(db: &Path) -> Vec<PathBuf> {
    let Some(name) = db.file_name().map(|n| format!(".{}", n.to_string_lossy())) else {
        return Vec::new();
    };
    fs::read_dir(folder_of(db))
        .map(|entries| {
            entries
                .flatten()
                .map(|e| e.path())
                .filter(|p| {
                    p.file_name().is_some_and(|n| {
                        let n = n.to_string_lossy();
                        n.starts_with(&name) && n.contains(TEMP_SUFFIX)
                    })
                })
                .collect()
        })
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names(dir: &Path) -> Vec<String> {
        let mut v: Vec<String> = fs::read_dir(dir)
            .unwrap()
            .flatten()
            .map(|e| e.file_name().to_string_lossy().into_owned())
            .collect();
        v.sort();
        v
    }

    const OURS: Rules<'static> = Rules {
        db: None,
        force: false,
        ours: &|_| true,
    };

    #[test]
    fn a_file_is_written_whole_and_private_and_replaces_one_of_ours() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("summary.html");
        fs::write(&path, "old").unwrap();
        let written = write_bytes(&path, b"new", &OURS).unwrap();
        // Wine keeps no ACL (tests/windows-check.sh checks what it does keep).
        if !crate::platform::running_under_wine() {
            assert_eq!(written, Written::Private);
        }
        assert_eq!(fs::read_to_string(&path).unwrap(), "new");
        assert_eq!(
            names(dir.path()),
            ["summary.html"],
            "no temporary file left"
        );
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let mode = fs::metadata(&path).unwrap().permissions().mode();
            assert_eq!(mode & 0o777, 0o600);
        }
    }

    #[test]
    fn an_existing_foreign_file_needs_force() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("notes.txt");
        fs::write(&path, "mine").unwrap();
        assert!(matches!(
            write_bytes(&path, b"x", &Rules::NONE),
            Err(WriteError::Refused(Refusal::Foreign(_)))
        ));
        assert_eq!(fs::read_to_string(&path).unwrap(), "mine");
        let force = Rules {
            force: true,
            ..Rules::NONE
        };
        write_bytes(&path, b"x", &force).unwrap();
        assert_eq!(fs::read_to_string(&path).unwrap(), "x");
        assert_eq!(names(dir.path()), ["notes.txt"]);
    }

    #[cfg(unix)]
    #[test]
    fn a_symlink_is_refused_even_with_force_and_its_target_untouched() {
        let dir = tempfile::tempdir().unwrap();
        let real = dir.path().join("real.txt");
        fs::write(&real, "mine").unwrap();
        let link = dir.path().join("link.txt");
        std::os::unix::fs::symlink(&real, &link).unwrap();
        let force = Rules {
            force: true,
            ..OURS
        };
        assert!(matches!(
            write_bytes(&link, b"x", &force),
            Err(WriteError::Refused(Refusal::Symlink(_)))
        ));
        assert_eq!(fs::read_to_string(&real).unwrap(), "mine");
        // A dangling link too: it would create the file wherever it points.
        let dangling = dir.path().join("dangling");
        std::os::unix::fs::symlink(dir.path().join("nowhere"), &dangling).unwrap();
        assert!(write_bytes(&dangling, b"x", &force).is_err());
        assert!(!dir.path().join("nowhere").exists());
    }

    #[cfg(unix)]
    #[test]
    fn the_database_is_refused_under_any_name() {
        let dir = tempfile::tempdir().unwrap();
        let db = dir.path().join("p.db");
        fs::write(&db, "db").unwrap();
        let hard = dir.path().join("other-name.db");
        fs::hard_link(&db, &hard).unwrap();
        let rules = Rules {
            db: Some(&db),
            force: true,
            ours: &|_| true,
        };
        for target in [
            db.clone(),
            hard.clone(),
            dir.path().join(".").join("p.db"),
            dir.path().join("p.db-wal"),
            dir.path().join("p.db-journal"),
        ] {
            assert!(
                matches!(
                    write_bytes(&target, b"x", &rules),
                    Err(WriteError::Refused(Refusal::OpenDatabase(_)))
                ),
                "{}",
                target.display()
            );
        }
        assert_eq!(fs::read_to_string(&db).unwrap(), "db");
        assert_eq!(names(dir.path()), ["other-name.db", "p.db"]);
    }

    #[test]
    fn a_directory_target_gets_a_name_inside_it() {
        let dir = tempfile::tempdir().unwrap();
        let path = resolve(dir.path(), "copy.db");
        assert_eq!(path, dir.path().join("copy.db"));
        let file = dir.path().join("f");
        assert_eq!(resolve(&file, "copy.db"), file);
        // A directory that is still given as the target is not a regular file.
        assert!(matches!(
            check(dir.path(), &OURS),
            Err(Refusal::NotRegular(_))
        ));
    }

    #[cfg(unix)]
    #[test]
    fn a_fifo_is_refused_without_opening_it() {
        let dir = tempfile::tempdir().unwrap();
        let fifo = dir.path().join("pipe");
        assert!(
            std::process::Command::new("mkfifo")
                .arg(&fifo)
                .status()
                .unwrap()
                .success()
        );
        let force = Rules {
            force: true,
            ..OURS
        };
        assert!(matches!(
            write_bytes(&fifo, b"x", &force),
            Err(WriteError::Refused(Refusal::NotRegular(_)))
        ));
    }

    #[test]
    fn a_failed_fill_leaves_no_temporary_file_and_the_old_file() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("copy.db");
        fs::write(&path, "old").unwrap();
        let r: Result<Written, WriteError> = write_with(&path, &OURS, |tmp| {
            fs::write(tmp, "half")?;
            let mut j = tmp.as_os_str().to_os_string();
            j.push("-journal");
            fs::write(PathBuf::from(j), "j")?;
            Err(WriteError::Io(io::Error::other("disk full")))
        });
        assert!(r.is_err());
        assert_eq!(fs::read_to_string(&path).unwrap(), "old");
        assert_eq!(names(dir.path()), ["copy.db"]);
    }

    #[test]
    fn a_missing_directory_is_an_error_and_leaves_nothing() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("nope").join("summary.md");
        assert!(write_bytes(&path, b"x", &Rules::NONE).is_err());
        assert!(!path.exists());
    }

    #[test]
    fn a_temporary_file_a_kill_left_is_removed_by_the_next_write() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("copy.db");
        fs::write(dir.path().join(".copy.db.1-0.passerelle-tmp"), "half").unwrap();
        fs::write(dir.path().join(".copy.db.1-0.passerelle-tmp-journal"), "j").unwrap();
        fs::write(dir.path().join(".other.db.1-0.passerelle-tmp"), "x").unwrap();
        write_bytes(&path, b"x", &Rules::NONE).unwrap();
        assert_eq!(
            names(dir.path()),
            [".other.db.1-0.passerelle-tmp", "copy.db"]
        );
    }

    #[test]
    fn leftover_temporary_files_are_found_beside_the_database() {
        let dir = tempfile::tempdir().unwrap();
        let db = dir.path().join("p.db");
        fs::write(dir.path().join(".p.db.backup-1.12-0.passerelle-tmp"), "x").unwrap();
        fs::write(dir.path().join(".other.12-0.passerelle-tmp"), "x").unwrap();
        assert_eq!(leftover_temps(&db).len(), 1);
    }
}
