//! One writer per database file. The lock belongs to the file, not to the name it was opened by:
//! on unix it is `.passerelle-<device>-<inode>.lock` in the database's folder, so a symlink, a
//! relative path and a hard link (two names, one inode) all meet the same lock.
//!
//! It is an `flock` on that separate file, never a lock on the database file itself: SQLite
//! holds POSIX (`fcntl`) locks on the database, and closing any other descriptor of that file
//! would silently drop them. The system releases the lock when the process ends, however it
//! ends, so a crash leaves no stale lock. The holder writes its database path into the lock
//! file, so another opener through a hard link uses the writer's own name (SQLite keeps its
//! `-wal` and `-shm` by name).

use std::fs::{File, OpenOptions, TryLockError};
use std::io::{Read, Seek, Write};
use std::path::{Path, PathBuf};

use super::open::set_mode;
use super::{Result, Store};

/// Held while this process is the database's writer.
#[derive(Debug)]
pub struct WriterLock {
    _file: File,
}

/// The lock file of a database; `None` when the file cannot be looked at.
pub fn lock_path(db: &Path) -> Option<PathBuf> {
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        let meta = std::fs::metadata(db).ok()?;
        let dir = std::fs::canonicalize(db).ok()?.parent()?.to_path_buf();
        Some(dir.join(format!(".passerelle-{}-{}.lock", meta.dev(), meta.ino())))
    }
    #[cfg(not(unix))]
    {
        // No inode at hand: the canonical name, which still joins `./`, relative paths and links.
        let mut name = std::fs::canonicalize(db).ok()?.into_os_string();
        name.push(".lock");
        Some(PathBuf::from(name))
    }
}

fn open_lock_file(path: &Path) -> std::io::Result<File> {
    let mut options = OpenOptions::new();
    options.create(true).truncate(false).read(true).write(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.mode(0o600);
    }
    let file = options.open(path)?;
    set_mode(path, 0o600);
    Ok(file)
}

/// The name the last writer opened the database by, when it is another name of the same file
/// (a hard link). Read without taking the lock: probing it could make a starting writer
/// believe another one holds it. When no writer runs, its name is as good as ours, and better
/// after a crash (its `-wal` is the one to replay).
pub(crate) fn writer_alias(db: &Path) -> Option<PathBuf> {
    let lock = lock_path(db)?;
    let mut text = String::new();
    File::open(&lock).ok()?.read_to_string(&mut text).ok()?;
    let theirs = PathBuf::from(text.trim_end_matches('\n'));
    (!text.is_empty() && theirs != db && same_file(&theirs, db)).then_some(theirs)
}

/// Same device and inode (unix); elsewhere, the same canonical name.
pub(crate) fn same_file(a: &Path, b: &Path) -> bool {
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        match (std::fs::metadata(a), std::fs::metadata(b)) {
            (Ok(x), Ok(y)) => x.dev() == y.dev() && x.ino() == y.ino(),
            _ => false,
        }
    }
    #[cfg(not(unix))]
    {
        matches!(
            (std::fs::canonicalize(a), std::fs::canonicalize(b)),
            (Ok(x), Ok(y)) if x == y
        )
    }
}

impl Store {
    /// Takes the writer lock; `None` when another Passerelle holds it (under any name).
    pub fn lock_writer(&self) -> Result<Option<WriterLock>> {
        let Some(path) = lock_path(&self.path) else {
            return Err(std::io::Error::from(std::io::ErrorKind::NotFound).into());
        };
        let mut file = open_lock_file(&path)?;
        match file.try_lock() {
            Ok(()) => {
                // Best effort: only used to lead a hard-link opener to the writer's name.
                let _ = file.set_len(0);
                let _ = file.rewind();
                let _ = writeln!(file, "{}", self.path.display());
                Ok(Some(WriterLock { _file: file }))
            }
            Err(TryLockError::WouldBlock) => Ok(None),
            Err(TryLockError::Error(e)) => Err(e.into()),
        }
    }

    /// Changes whenever another connection commits: a follower reloads when it moves.
    pub fn data_version(&self) -> Result<i64> {
        Ok(self
            .conn
            .query_row("PRAGMA data_version", [], |r| r.get(0))?)
    }
}
