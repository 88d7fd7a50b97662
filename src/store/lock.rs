//! One writer per database: a lock on `NAME.lock` held while the application runs. The system
//! releases it when the process ends, however it ends, so a crash leaves no stale lock.

use std::fs::{File, OpenOptions, TryLockError};
use std::path::{Path, PathBuf};

use super::open::set_mode;
use super::{Result, Store};

/// Held while this process is the database's writer.
#[derive(Debug)]
pub struct WriterLock {
    _file: File,
}

/// The lock file beside a database.
pub fn lock_path(db: &Path) -> PathBuf {
    let mut name = db.as_os_str().to_os_string();
    name.push(".lock");
    PathBuf::from(name)
}

impl Store {
    /// Takes the writer lock; `None` when another Passerelle holds it.
    pub fn lock_writer(&self) -> Result<Option<WriterLock>> {
        let path = lock_path(&self.path);
        let mut options = OpenOptions::new();
        options.create(true).truncate(false).write(true);
        #[cfg(unix)]
        {
            use std::os::unix::fs::OpenOptionsExt;
            options.mode(0o600);
        }
        let file = options.open(&path)?;
        set_mode(&path, 0o600);
        match file.try_lock() {
            Ok(()) => Ok(Some(WriterLock { _file: file })),
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
