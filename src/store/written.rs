//! The register of files Passerelle wrote away from the database (exports, prints, `backup -o`):
//! a later write may replace them without `--force`, and purge names those it cannot reach.

use std::path::{Path, PathBuf};

use super::{Result, Store};

/// The path as registered: its folder absolute and free of links, so that any spelling of the
/// same place meets the same row.
pub fn register_path(path: &Path) -> PathBuf {
    let name = path.file_name().map(PathBuf::from).unwrap_or_default();
    let dir = match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d,
        _ => Path::new("."),
    };
    std::fs::canonicalize(dir)
        .map(|d| d.join(&name))
        .unwrap_or_else(|_| path.to_path_buf())
}

impl Store {
    /// Notes that Passerelle wrote `path` (`kind`: export, print, backup). Best effort: a busy
    /// database (the application writing) or a read-only file never fails the write itself.
    pub fn record_written(&self, path: &Path, kind: &str, now: chrono::NaiveDateTime) {
        // A bookkeeping row is not worth making the user wait for another writer.
        let _ = self
            .conn
            .busy_timeout(std::time::Duration::from_millis(300));
        let _ = self.conn.execute(
            "INSERT OR REPLACE INTO written_file (path, kind, written_at) VALUES (?1, ?2, ?3)",
            rusqlite::params![
                register_path(path).to_string_lossy(),
                kind,
                now.format("%Y-%m-%dT%H:%M:%S").to_string()
            ],
        );
        let _ = self.conn.busy_timeout(super::open::BUSY_TIMEOUT);
    }

    /// True when the register says Passerelle wrote `path` (false when it cannot be read).
    pub fn wrote(&self, path: &Path) -> bool {
        self.conn
            .query_row(
                "SELECT count(*) FROM written_file WHERE path = ?1",
                [register_path(path).to_string_lossy()],
                |r| r.get::<_, i64>(0),
            )
            .is_ok_and(|n| n > 0)
    }

    /// Every registered file, oldest first, with its kind.
    pub fn written_files(&self) -> Result<Vec<(PathBuf, String)>> {
        Ok(self
            .conn
            .prepare("SELECT path, kind FROM written_file ORDER BY written_at, path")?
            .query_map([], |r| {
                Ok((
                    PathBuf::from(r.get::<_, String>(0)?),
                    r.get::<_, String>(1)?,
                ))
            })?
            .collect::<rusqlite::Result<_>>()?)
    }

    /// The raw rows (path, kind, written_at), to carry the register across a restore.
    pub(crate) fn written_rows(&self) -> Result<Vec<(String, String, String)>> {
        Ok(self
            .conn
            .prepare("SELECT path, kind, written_at FROM written_file")?
            .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?
            .collect::<rusqlite::Result<_>>()?)
    }

    /// Adds rows kept from another file (best effort, as [`Store::record_written`]).
    pub(crate) fn add_written_rows(&self, rows: &[(String, String, String)]) {
        for (path, kind, at) in rows {
            let _ = self.conn.execute(
                "INSERT OR IGNORE INTO written_file (path, kind, written_at) VALUES (?1, ?2, ?3)",
                rusqlite::params![path, kind, at],
            );
        }
    }
}
