//! Copies of the database: daily automatic ones (the last 7 kept), on demand, and restoring one.

use std::path::{Path, PathBuf};

use chrono::NaiveDate;
use rusqlite::{Connection, OpenFlags};

use super::open::{APPLICATION_ID, MIGRATIONS};
use super::{Result, Store, StoreError};
use crate::safe_file::{self, Rules, Written};

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

/// Every copy Passerelle names and writes beside a database: daily ones, those made before a
/// migration, by `backup` without `-o`, before a restore, the sync base (and its journal), and
/// temporary files a kill left.
pub fn automatic_copies(db: &Path) -> Vec<PathBuf> {
    let mut all = copies_marked(db, ".daily-");
    all.extend(copies_marked(db, ".bak-v"));
    all.extend(copies_marked(db, ".backup-"));
    all.extend(copies_marked(db, ".before-restore-"));
    all.extend(copies_marked(db, ".sync-base"));
    all.extend(safe_file::leftover_temps(db));
    all
}

/// `NAME.backup-YYYYMMDD-HHMMSS`: the name of a copy made by `backup` (beside the database, or
/// inside the folder given to `-o`).
pub fn backup_name(db: &Path, stamp: &str) -> String {
    format!(
        "{}.backup-{stamp}",
        db.file_name()
            .map(|n| n.to_string_lossy())
            .unwrap_or_default()
    )
}

/// True when the file starts like a Passerelle database: SQLite's header with our
/// `application_id` (read from the header: opening it with SQLite could leave files beside it).
pub fn is_passerelle_copy(path: &Path) -> bool {
    use std::io::Read;
    let mut head = [0u8; 72];
    let read = std::fs::File::open(path).and_then(|mut f| f.read_exact(&mut head));
    read.is_ok()
        && &head[..16] == b"SQLite format 3\0"
        && i64::from(u32::from_be_bytes([head[68], head[69], head[70], head[71]])) == APPLICATION_ID
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

    /// Writes a consistent copy of the open database to `target` through the safe writer: an
    /// existing target is replaced only when Passerelle wrote it.
    pub fn write_copy(&self, target: &Path) -> Result<Written> {
        self.write_copy_forced(target, false)
    }

    /// The same; `force` replaces a file Passerelle did not write (never the database itself).
    pub fn write_copy_forced(&self, target: &Path, force: bool) -> Result<Written> {
        let ours = |p: &Path| is_passerelle_copy(p) || self.wrote(p);
        let rules = Rules {
            db: Some(&self.path),
            force,
            ours: &ours,
        };
        safe_file::write_with(target, &rules, |tmp| -> Result<()> {
            let mut dst = Connection::open(tmp)?;
            // A copy of an encrypted database is encrypted with the same passphrase.
            if let Some(k) = &self.key {
                super::open::apply_key(&dst, k)?;
            }
            // The temporary file is thrown away if anything fails: no journal file beside it.
            dst.query_row("PRAGMA journal_mode=MEMORY", [], |_| Ok(()))?;
            // No sync of its own: the whole file is synced once before its rename (safe_file).
            dst.execute_batch("PRAGMA synchronous=OFF")?;
            let backup = rusqlite::backup::Backup::new(&self.conn, &mut dst)?;
            backup.run_to_completion(256, std::time::Duration::ZERO, None)?;
            drop(backup);
            dst.close().map_err(|(_, e)| e)?;
            Ok(())
        })
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
    let conn = open_untouched(path).map_err(|_| StoreError::NotSqlite(path.to_path_buf()))?;
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
    if safe_file::is_database_file(from, db) {
        return Err(StoreError::Refused(safe_file::Refusal::OpenDatabase(
            from.to_path_buf(),
        )));
    }
    check_file_keyed(from, key)?;
    let mut name = db.as_os_str().to_os_string();
    name.push(format!(".before-restore-{stamp}"));
    let mut aside = PathBuf::from(&name);
    // Two restores in the same second: the first copy aside may be the only good one.
    let mut n = 2;
    while std::fs::symlink_metadata(&aside).is_ok() {
        aside = PathBuf::from(format!("{}.{n}", PathBuf::from(&name).display()));
        n += 1;
    }
    let mut register = Vec::new();
    if db.exists() {
        // A consistent copy of the current file, WAL included, before anything is replaced.
        let current = Store::open_keyed(db, key)?;
        current.write_copy(&aside)?;
        // The files written so far stay known: purge must still name them after the restore.
        register = current.written_rows().unwrap_or_default();
        drop(current);
    }
    let src = open_untouched(from)?;
    if let Some(k) = key {
        super::open::apply_key(&src, k)?;
    }
    let mut dst = Store::open_keyed(db, key).map(|s| s.conn)?;
    let backup = rusqlite::backup::Backup::new(&src, &mut dst)?;
    backup.run_to_completion(256, std::time::Duration::ZERO, None)?;
    drop(backup);
    drop(dst);
    // Reopened: a copy from an older version is migrated, then gets the register back.
    let restored = Store::open_keyed(db, key)?;
    restored.add_written_rows(&register);
    // The restored file is not what the last sync saw: it starts afresh (its differences with
    // the old base are not changes to send).
    let _ = std::fs::remove_file(restored.sync_base_path());
    Ok(aside)
}

/// Opens a copy to read it without leaving anything beside it: SQLite would create `-wal` and
/// `-shm` for a file in WAL mode. A copy with a `-wal` already beside it is read with it (its
/// last changes live there).
pub(crate) fn open_untouched(path: &Path) -> rusqlite::Result<Connection> {
    let mut wal = path.as_os_str().to_os_string();
    wal.push("-wal");
    if cfg!(unix) && !Path::new(&wal).exists() {
        let abs = std::fs::canonicalize(path).map_err(|e| {
            rusqlite::Error::SqliteFailure(
                rusqlite::ffi::Error::new(rusqlite::ffi::SQLITE_CANTOPEN),
                Some(e.to_string()),
            )
        })?;
        let uri = format!("file:{}?immutable=1", uri_escape(&abs));
        return Connection::open_with_flags(
            uri,
            OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_URI,
        );
    }
    Connection::open_with_flags(path, OpenFlags::SQLITE_OPEN_READ_ONLY)
}

/// A path as an URI path: every byte but unreserved ones and `/` percent-encoded.
fn uri_escape(path: &Path) -> String {
    let mut out = String::new();
    for b in path.to_string_lossy().bytes() {
        if b.is_ascii_alphanumeric() || b"/-._~".contains(&b) {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

/// `NAME.running`: present while a writer runs, left behind by a crash.
pub fn running_marker(db: &Path) -> PathBuf {
    let mut name = db.as_os_str().to_os_string();
    name.push(".running");
    PathBuf::from(name)
}

/// Creates an empty private file in place, never through a link planted at its path (best effort:
/// a marker must never stop the day).
pub fn create_private_file(path: &Path) {
    let _ = crate::safe_file::open_in_place(path, true);
}
