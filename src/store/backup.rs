//! Copies of the database: daily automatic ones (the last 7 kept), on demand, and restoring one.

use std::path::{Path, PathBuf};

use chrono::NaiveDate;
use rusqlite::{Connection, OpenFlags};

use super::open::{APPLICATION_ID, MIGRATIONS};
use super::{Result, Store, StoreError};

/// Daily copies kept.
pub const DAILY_KEPT: usize = 7;

/// `NAME.daily-YYYY-MM-DD`.
pub fn daily_path(db: &Path, day: NaiveDate) -> PathBuf {
    let mut name = db.as_os_str().to_os_string();
    name.push(format!(".daily-{}", day.format("%Y-%m-%d")));
    PathBuf::from(name)
}

/// The daily copies beside a database, newest first.
pub fn daily_copies(db: &Path) -> Vec<PathBuf> {
    copies_marked(db, ".daily-")
}

/// Every automatic copy beside a database: daily ones and those made before a migration.
pub fn automatic_copies(db: &Path) -> Vec<PathBuf> {
    let mut all = copies_marked(db, ".daily-");
    all.extend(copies_marked(db, ".bak-v"));
    all
}

/// Files named `NAME<marker>…` beside the database, newest (highest) first.
fn copies_marked(db: &Path, marker: &str) -> Vec<PathBuf> {
    let Some(dir) = db
        .parent()
        .filter(|d| !d.as_os_str().is_empty())
        .or(Some(Path::new(".")))
    else {
        return Vec::new();
    };
    let prefix = format!(
        "{}{marker}",
        db.file_name()
            .map(|n| n.to_string_lossy())
            .unwrap_or_default()
    );
    let mut out: Vec<PathBuf> = std::fs::read_dir(dir)
        .map(|entries| {
            entries
                .flatten()
                .map(|e| e.path())
                .filter(|p| {
                    p.file_name()
                        .is_some_and(|n| n.to_string_lossy().starts_with(&prefix))
                })
                .collect()
        })
        .unwrap_or_default();
    out.sort();
    out.reverse();
    out
}

impl Store {
    /// The first open of a day writes that day's copy; only the last [`DAILY_KEPT`] are kept.
    pub fn daily_backup(&self, today: NaiveDate) -> Result<Option<PathBuf>> {
        let target = daily_path(&self.path, today);
        if target.exists() {
            return Ok(None);
        }
        self.write_copy(&target)?;
        for old in daily_copies(&self.path).into_iter().skip(DAILY_KEPT) {
            let _ = std::fs::remove_file(old);
        }
        Ok(Some(target))
    }

    /// SQLite's full integrity check: « ok » or what is wrong (first lines).
    pub fn integrity_check(&self) -> Result<String> {
        let lines: Vec<String> = self
            .conn
            .prepare("PRAGMA integrity_check(20)")?
            .query_map([], |r| r.get(0))?
            .collect::<rusqlite::Result<_>>()?;
        Ok(lines.join("; "))
    }

    /// SQLite's quick check: « ok » or what is wrong.
    pub fn quick_check(&self) -> Result<String> {
        Ok(self
            .conn
            .query_row("PRAGMA quick_check", [], |r| r.get(0))?)
    }
}

/// Checks that a file is a sound Passerelle database this version can open, without changing it.
pub fn check_file(path: &Path) -> Result<()> {
    check_file_keyed(path, None)
}

/// The same for an encrypted copy, with its passphrase.
pub fn check_file_keyed(path: &Path, key: Option<&str>) -> Result<()> {
    let conn = Connection::open_with_flags(path, OpenFlags::SQLITE_OPEN_READ_ONLY)
        .map_err(|_| StoreError::NotSqlite(path.to_path_buf()))?;
    if let Some(k) = key {
        super::open::apply_key(&conn, k)?;
    }
    let app_id: i64 = conn
        .query_row("PRAGMA application_id", [], |r| r.get(0))
        .map_err(|_| StoreError::NotSqlite(path.to_path_buf()))?;
    if app_id != APPLICATION_ID {
        return Err(StoreError::ForeignDatabase(path.to_path_buf()));
    }
    let version: i64 = conn.query_row("PRAGMA user_version", [], |r| r.get(0))?;
    if version > MIGRATIONS.len() as i64 {
        return Err(StoreError::NewerVersion {
            found: version,
            supported: MIGRATIONS.len() as i64,
        });
    }
    let check: String = conn.query_row("PRAGMA integrity_check", [], |r| r.get(0))?;
    if check != "ok" {
        return Err(StoreError::Corrupt(check));
    }
    Ok(())
}

/// Puts `from` in place of the database at `db`, keeping the current one aside; returns where.
pub fn restore(db: &Path, from: &Path, stamp: &str) -> Result<PathBuf> {
    restore_keyed(db, from, stamp, None)
}

/// The same for an encrypted database and copy (one passphrase for both).
pub fn restore_keyed(db: &Path, from: &Path, stamp: &str, key: Option<&str>) -> Result<PathBuf> {
    check_file_keyed(from, key)?;
    let mut aside = db.as_os_str().to_os_string();
    aside.push(format!(".before-restore-{stamp}"));
    let aside = PathBuf::from(aside);
    if db.exists() {
        // A consistent copy of the current file, WAL included, before anything is replaced.
        let current = Store::open_keyed(db, key)?;
        current.write_copy(&aside)?;
        drop(current);
    }
    let src = Connection::open_with_flags(from, OpenFlags::SQLITE_OPEN_READ_ONLY)?;
    if let Some(k) = key {
        super::open::apply_key(&src, k)?;
    }
    let mut dst = Store::open_keyed(db, key).map(|s| s.conn)?;
    let backup = rusqlite::backup::Backup::new(&src, &mut dst)?;
    backup.run_to_completion(256, std::time::Duration::ZERO, None)?;
    Ok(aside)
}

/// `NAME.running`: present while a writer runs, left behind by a crash.
pub fn running_marker(db: &Path) -> PathBuf {
    let mut name = db.as_os_str().to_os_string();
    name.push(".running");
    PathBuf::from(name)
}

/// Creates an empty private file (best effort: a marker must never stop the day).
pub fn create_private_file(path: &Path) {
    let mut options = std::fs::OpenOptions::new();
    options.write(true).create(true).truncate(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.mode(0o600);
    }
    let _ = options.open(path);
    #[cfg(not(unix))]
    let _ = crate::platform::restrict_to_owner(path);
}
