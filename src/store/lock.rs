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

use std::fs::{File, TryLockError};
use std::io::{Read, Seek, Write};
use std::path::{Path, PathBuf};

use super::{Result, Store};

/// Held while this process is the database's writer.
#[derive(Debug)]
pub struct WriterLock {
    _file: File,
}

/// The lock file of a database; `None` when the file cannot be looked at.
pub fn lock_path(db: &Path) -> Option<PathBuf> {
    // Keyed by the file's identity (device + inode; volume serial + file index on Windows), so
    // every name of the file — a hard link too — meets the same lock.
    let (volume, index) = crate::platform::file_identity(db)?;
    let dir = std::fs::canonicalize(db).ok()?.parent()?.to_path_buf();
    Some(dir.join(format!(".passerelle-{volume}-{index}.lock")))
}

/// Opened in place, never replaced (its `flock` belongs to the inode), and never through a link
/// planted at its path (see [`crate::safe_file::open_in_place`]).
fn open_lock_file(path: &Path) -> std::io::Result<File> {
    crate::safe_file::open_in_place(path, false)
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

/// One file under two names (see [`crate::platform::same_file`]).
pub(crate) fn same_file(a: &Path, b: &Path) -> bool {
    crate::platform::same_file(a, b)
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
