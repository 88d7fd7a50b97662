//! Opening a database: private file modes, pragmas, version checks, backup, migrations.

use std::fs;
use std::io::Read;
use std::path::{Path, PathBuf};

use rusqlite::Connection;

use super::{Result, Store, StoreError};

/// `PRAGMA application_id`: « PASR » in ASCII, so other tools can tell our files.
pub const APPLICATION_ID: i64 = 0x5041_5352;

/// Schema migrations, in order; migration `i` brings the file to `user_version = i + 1`.
pub const MIGRATIONS: &[&str] = &[
    include_str!("../../assets/migrations/0001_init.sql"),
    include_str!("../../assets/migrations/0002_attendance.sql"),
    include_str!("../../assets/migrations/0003_settings.sql"),
    include_str!("../../assets/migrations/0004_roster_panels.sql"),
    include_str!("../../assets/migrations/0005_plans.sql"),
    include_str!("../../assets/migrations/0006_clock.sql"),
    include_str!("../../assets/migrations/0007_forbidden.sql"),
    include_str!("../../assets/migrations/0008_feedback.sql"),
    include_str!("../../assets/migrations/0009_proposals.sql"),
    include_str!("../../assets/migrations/0010_notes.sql"),
    include_str!("../../assets/migrations/0011_opinion.sql"),
    include_str!("../../assets/migrations/0012_actions.sql"),
    include_str!("../../assets/migrations/0013_purge.sql"),
    include_str!("../../assets/migrations/0014_written_files.sql"),
    include_str!("../../assets/migrations/0015_printed.sql"),
    include_str!("../../assets/migrations/0016_plan_kind.sql"),
    include_str!("../../assets/migrations/0017_path.sql"),
    include_str!("../../assets/migrations/0018_followup.sql"),
    include_str!("../../assets/migrations/0019_named_in_reports.sql"),
    include_str!("../../assets/migrations/0020_themed_days.sql"),
    include_str!("../../assets/migrations/0021_stable_ids.sql"),
    include_str!("../../assets/migrations/0022_sync.sql"),
];

/// How long a statement waits for another connection's write before giving up.
pub(crate) const BUSY_TIMEOUT: std::time::Duration = std::time::Duration::from_secs(5);

/// Files under this size get a `quick_check` at open: about 0.16 s for the 8.9 MB 5-year
/// database (benches/quick_check.rs), so up to a second or two at this size.
pub const QUICK_CHECK_MAX: u64 = 64 * 1024 * 1024;

const SQLITE_MAGIC: &[u8; 16] = b"SQLite format 3\0";

/// Where the copy taken before migrating from `version` goes: `NAME.bak-vN`.
pub fn backup_path_for(db: &Path, version: i64) -> PathBuf {
    let mut name = db.as_os_str().to_os_string();
    name.push(format!(".bak-v{version}"));
    PathBuf::from(name)
}

impl Store {
    /// Opens (creating if needed) the database at `path` and brings its schema up to date.
    pub fn open(path: &Path) -> Result<Store> {
        Self::open_keyed(path, None)
    }

    /// Opens an encrypted database with its passphrase (feature `encryption`; a new file is
    /// created encrypted). Without a passphrase, the same as [`Store::open`].
    pub fn open_keyed(path: &Path, key: Option<&str>) -> Result<Store> {
        Self::open_to_keyed(path, MIGRATIONS.len(), key)
    }

    /// Opens and migrates only up to `target` (tests build old files with it).
    pub fn open_to(path: &Path, target: usize) -> Result<Store> {
        Self::open_to_keyed(path, target, None)
    }

    fn open_to_keyed(path: &Path, target: usize, key: Option<&str>) -> Result<Store> {
        // SQLCipher takes an empty key for « no encryption »: never let it mean that.
        if key.is_some_and(str::is_empty) {
            return Err(StoreError::Passphrase(super::Passphrase::Empty));
        }
        prepare_file(path, key.is_some())?;
        // The file, not the name: `./d.db`, a relative path and a symlink all become one path,
        // so the lock, the marker, the copies and SQLite's `-wal` / `-shm` are the same.
        let mut path = fs::canonicalize(path)?;
        // A hard link is another name of the same inode: use the name the writer recorded, so
        // this connection shares its `-wal` and `-shm` instead of making new ones.
        if let Some(theirs) = super::lock::writer_alias(&path) {
            path = theirs;
        }
        let path = path.as_path();
        let mut made_private = make_private(path);
        let conn = Connection::open(path)?;
        if let Some(k) = key {
            apply_key(&conn, k)?;
        }
        conn.busy_timeout(BUSY_TIMEOUT)?;
        // The first read of the file: where a wrong passphrase shows.
        let mode: String = conn
            .query_row("PRAGMA journal_mode=WAL", [], |r| r.get(0))
            .map_err(|e| match (&e, key) {
                (rusqlite::Error::SqliteFailure(f, _), Some(_))
                    if f.code == rusqlite::ErrorCode::NotADatabase =>
                {
                    StoreError::WrongKey(path.to_path_buf())
                }
                _ => e.into(),
            })?;
        if !mode.eq_ignore_ascii_case("wal") {
            return Err(StoreError::NoWal(mode));
        }
        // SQLite gives its -wal and -shm files the database's mode on unix only; on Windows they
        // would inherit the folder's ACL (any folder, with --db).
        #[cfg(windows)]
        for suffix in ["-wal", "-shm"] {
            let mut name = path.as_os_str().to_os_string();
            name.push(suffix);
            set_mode(Path::new(&name), 0o600);
        }
        conn.execute_batch("PRAGMA synchronous=FULL; PRAGMA foreign_keys=ON;")?;
        // SQLite gives a new `-wal` / `-shm` the database's mode; an old one may be looser.
        made_private |= make_private(path);
        let mut store = Store {
            conn,
            path: path.to_path_buf(),
            key: key.map(str::to_string),
            made_private,
            damaged: None,
        };
        store.check_identity()?;
        store.migrate(target)?;
        Ok(store)
    }

    /// `quick_check` when the file is under [`QUICK_CHECK_MAX`]: `None` when sound (or too big
    /// to check quickly), else what SQLite found.
    pub fn quick_check_if_small(&self) -> Result<Option<String>> {
        let size = fs::metadata(&self.path).map(|m| m.len()).unwrap_or(0);
        if size >= QUICK_CHECK_MAX {
            return Ok(None);
        }
        let found: Vec<String> = self
            .conn
            .prepare("PRAGMA quick_check(20)")?
            .query_map([], |r| r.get(0))?
            .collect::<rusqlite::Result<_>>()
            .map_err(|e| match e {
                // A damaged page can fail the check itself: that is its answer.
                rusqlite::Error::SqliteFailure(f, Some(m))
                    if f.code == rusqlite::ErrorCode::DatabaseCorrupt =>
                {
                    StoreError::Corrupt(m)
                }
                other => other.into(),
            })?;
        if found.len() == 1 && found[0] == "ok" {
            Ok(None)
        } else {
            Ok(Some(found.join("; ")))
        }
    }

    /// A check to run on a thread of its own (a connection of its own, read-only): the answer
    /// of [`Store::quick_check_if_small`], `None` when sound or when the check could not start.
    pub fn background_check(&self) -> impl FnOnce() -> Option<String> + Send + 'static {
        let path = self.path.clone();
        let key = self.key.clone();
        move || {
            let conn =
                Connection::open_with_flags(&path, rusqlite::OpenFlags::SQLITE_OPEN_READ_ONLY)
                    .ok()?;
            if let Some(k) = &key {
                apply_key(&conn, k).ok()?;
            }
            let store = Store {
                conn,
                path,
                key,
                made_private: false,
                damaged: None,
            };
            match store.quick_check_if_small() {
                Ok(found) => found,
                Err(e) if e.is_damage() => Some(e.to_string()),
                Err(_) => None,
            }
        }
    }

    /// After a failed check: no more writes through this connection (`query_only`), and what
    /// was found is kept for the messages.
    pub fn mark_damaged(&mut self, what: &str) {
        let _ = self.conn.execute_batch("PRAGMA query_only = ON;");
        self.damaged = Some(what.to_string());
    }

    /// What a failed check found, if one did.
    pub fn damage(&self) -> Option<&str> {
        self.damaged.as_deref()
    }

    /// The schema version of the open file.
    pub fn schema_version(&self) -> Result<i64> {
        Ok(self
            .conn
            .query_row("PRAGMA user_version", [], |r| r.get(0))?)
    }

    fn check_identity(&self) -> Result<()> {
        let version = self.schema_version()?;
        let app_id: i64 = self
            .conn
            .query_row("PRAGMA application_id", [], |r| r.get(0))?;
        let tables: i64 = self
            .conn
            .query_row("SELECT count(*) FROM sqlite_master", [], |r| r.get(0))?;
        let ours = app_id == APPLICATION_ID || (app_id == 0 && version == 0 && tables == 0);
        if !ours {
            return Err(StoreError::ForeignDatabase(self.path.clone()));
        }
        if version < 0 {
            return Err(StoreError::BadVersion(version));
        }
        if version > MIGRATIONS.len() as i64 {
            return Err(StoreError::NewerVersion {
                found: version,
                supported: MIGRATIONS.len() as i64,
            });
        }
        Ok(())
    }

    fn migrate(&mut self, target: usize) -> Result<()> {
        let version = self.schema_version()? as usize;
        if version >= target {
            return Ok(());
        }
        if version > 0 {
            self.backup_before_migration(version as i64)?;
        }
        for (i, sql) in MIGRATIONS.iter().enumerate().take(target).skip(version) {
            let tx = self.conn.transaction()?;
            // A migration that does not fit the file's tables: its version was tampered with,
            // or it is not a Passerelle file. Disk and lock errors keep their own words.
            tx.execute_batch(sql).map_err(|e| match &e {
                rusqlite::Error::SqliteFailure(f, _) if f.code == rusqlite::ErrorCode::Unknown => {
                    StoreError::BadVersion(version as i64)
                }
                rusqlite::Error::SqlInputError { .. } => StoreError::BadVersion(version as i64),
                _ => e.into(),
            })?;
            tx.execute_batch(&format!(
                "PRAGMA user_version = {}; PRAGMA application_id = {APPLICATION_ID};",
                i + 1
            ))?;
            tx.commit()?;
        }
        Ok(())
    }

    fn backup_before_migration(&self, version: i64) -> Result<()> {
        let mut target = backup_path_for(&self.path, version);
        let mut n = 2;
        while target.exists() {
            // An earlier copy from the same version is kept: it may be the only good one.
            target = PathBuf::from(format!(
                "{}.{n}",
                backup_path_for(&self.path, version).display()
            ));
            n += 1;
        }
        self.write_copy(&target).map(drop)
    }
}

/// Creates the folder (0700) and an empty file (0600) before SQLite touches them, and refuses
/// a file that is not SQLite, so nothing of the user's is ever overwritten.
fn prepare_file(path: &Path, keyed: bool) -> Result<()> {
    // A FIFO would block the first read forever, a device or a folder is no database: refuse
    // them before anything opens the path (metadata never opens it).
    match fs::metadata(path) {
        Ok(meta) if !meta.is_file() => return Err(StoreError::NotRegular(path.to_path_buf())),
        Ok(_) => {}
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            if fs::symlink_metadata(path).is_ok() {
                // A symlink to nothing: creating would write wherever it points.
                return Err(StoreError::NotRegular(path.to_path_buf()));
            }
        }
        Err(e) => return Err(e.into()),
    }
    if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty())
        && !dir.exists()
    {
        fs::create_dir_all(dir)?;
        set_mode(dir, 0o700);
    }
    if path.exists() {
        let mut head = [0u8; 16];
        let mut file = fs::File::open(path)?;
        let read = file.read(&mut head)?;
        if read > 0 && (read < 16 || &head != SQLITE_MAGIC) {
            // An encrypted file has no readable header: only its passphrase tells.
            if keyed {
                return Ok(());
            }
            if cfg!(feature = "encryption") {
                return Err(StoreError::Encrypted(path.to_path_buf()));
            }
            return Err(StoreError::NotSqlite(path.to_path_buf()));
        }
        Ok(())
    } else {
        create_private(path)
    }
}

/// Keys a connection (SQLCipher). Built without the `encryption` feature, asking for a key is an
/// error rather than a silently clear file.
pub(crate) fn apply_key(conn: &Connection, key: &str) -> Result<()> {
    if !cfg!(feature = "encryption") {
        return Err(StoreError::Encrypted(std::path::PathBuf::new()));
    }
    // SQLCipher would print its decryption failures on the terminal: a wrong passphrase is
    // said once, in the user's words.
    let _ = conn.execute_batch("PRAGMA cipher_log_level = NONE;");
    conn.pragma_update(None, "key", key)?;
    Ok(())
}

/// Creates an empty file readable by its owner only.
fn create_private(path: &Path) -> Result<()> {
    let mut options = fs::OpenOptions::new();
    options.write(true).create(true).truncate(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.mode(0o600);
    }
    options.open(path)?;
    set_mode(path, 0o600);
    Ok(())
}

/// Makes the database and its `-wal` / `-shm` private when others could read or write them;
/// true when a mode was changed (the user is told once). Best effort, like [`set_mode`].
fn make_private(db: &Path) -> bool {
    let mut changed = false;
    for suffix in ["", "-wal", "-shm"] {
        let mut name = db.as_os_str().to_os_string();
        name.push(suffix);
        let file = PathBuf::from(name);
        if !fs::metadata(&file).is_ok_and(|m| m.is_file()) {
            continue;
        }
        // Modes on unix, the ACL on Windows: read back, so a FAT stick is not called private.
        if !crate::platform::is_private(&file) {
            let _ = crate::platform::restrict_to_owner(&file);
            changed |= crate::platform::is_private(&file);
        }
    }
    changed
}

/// Best effort: on file systems without modes (FAT USB sticks) this cannot work and must not fail.
pub(crate) fn set_mode(path: &Path, mode: u32) {
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let _ = fs::set_permissions(path, fs::Permissions::from_mode(mode));
    }
    // Windows: an owner-only ACL (a folder's passes to the files it will hold).
    #[cfg(not(unix))]
    {
        let _ = mode;
        let _ = crate::platform::restrict_to_owner(path);
    }
}
