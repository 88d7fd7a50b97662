//! What can go wrong when opening or writing the database.

use std::fmt;
use std::path::PathBuf;

/// A store failure; the ui and cli turn it into a translated message.
#[derive(Debug)]
pub enum StoreError {
    /// The file exists and is not an SQLite database: it is never overwritten.
    NotSqlite(PathBuf),
    /// The file is not readable as SQLite: encrypted (give the passphrase) or not a database.
    Encrypted(PathBuf),
    /// The passphrase does not open this encrypted database.
    WrongKey(PathBuf),
    /// An SQLite database that belongs to another application.
    ForeignDatabase(PathBuf),
    /// Written by a newer Passerelle: left untouched.
    NewerVersion {
        /// Version found in the file.
        found: i64,
        /// Newest version this build knows.
        supported: i64,
    },
    /// A file read by `report --db` whose schema is not this build's: refused by name.
    OtherVersion {
        /// The file.
        path: PathBuf,
        /// Its schema version.
        found: i64,
        /// This build's.
        expected: i64,
    },
    /// A FIFO, a device, a folder or a dangling symlink: never opened.
    NotRegular(PathBuf),
    /// The schema version is impossible for this file (tampered with, or not a Passerelle file).
    BadVersion(i64),
    /// No usable passphrase: the sentence says which way (nothing opened, nothing created).
    Passphrase(Passphrase),
    /// WAL could not be enabled (e.g. a network file system).
    NoWal(String),
    /// A demo was asked to write into a database that already holds cohorts.
    NotEmpty(PathBuf),
    /// A row that should exist does not.
    NotFound,
    /// `integrity_check` / `quick_check` found damage (what SQLite said).
    Corrupt(String),
    /// The safe writer refused the target (nothing written).
    Refused(crate::safe_file::Refusal),
    /// A sync bundle written by another schema version (both sides must run the same Passerelle).
    SyncSchema {
        /// The bundle's schema version.
        found: i64,
        /// This file's.
        here: i64,
    },
    /// A sync bundle whose changes cannot be read (or that names tables this file lacks).
    SyncDamaged,
    /// File system error.
    Io(std::io::Error),
    /// SQLite error.
    Sqlite(rusqlite::Error),
}

/// Why a passphrase could not be used.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Passphrase {
    /// Given, but empty.
    Empty,
    /// A new one shorter than 8 characters.
    Short,
    /// A new one typed twice differently.
    Differ,
    /// Neither typed nor in the environment (no terminal, Esc, Ctrl-C), for an encrypted file.
    Missing,
    /// The same when a new encrypted file was to be created.
    MissingNew,
}

impl fmt::Display for StoreError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            StoreError::NotSqlite(p) => write!(f, "not an SQLite database: {}", p.display()),
            StoreError::Encrypted(p) => write!(f, "encrypted or not a database: {}", p.display()),
            StoreError::WrongKey(p) => write!(f, "wrong passphrase for {}", p.display()),
            StoreError::ForeignDatabase(p) => {
                write!(f, "SQLite database of another application: {}", p.display())
            }
            StoreError::NewerVersion { found, supported } => {
                write!(f, "database version {found} is newer than {supported}")
            }
            StoreError::OtherVersion {
                path,
                found,
                expected,
            } => write!(
                f,
                "{}: schema version {found}, this Passerelle reads {expected}",
                path.display()
            ),
            StoreError::NotRegular(p) => write!(f, "not a regular file: {}", p.display()),
            StoreError::BadVersion(v) => write!(f, "impossible schema version {v}"),
            StoreError::Passphrase(p) => write!(f, "passphrase not usable: {p:?}"),
            StoreError::NoWal(mode) => write!(f, "WAL journal unavailable (got {mode})"),
            StoreError::NotEmpty(p) => write!(f, "database already holds data: {}", p.display()),
            StoreError::NotFound => write!(f, "not found"),
            StoreError::Corrupt(what) => write!(f, "damaged database: {what}"),
            StoreError::Refused(r) => {
                write!(f, "refused ({}): {}", r.key(), r.path().display())
            }
            StoreError::SyncSchema { found, here } => {
                write!(
                    f,
                    "sync bundle of schema version {found}, this file is at {here}"
                )
            }
            StoreError::SyncDamaged => write!(f, "sync bundle damaged"),
            StoreError::Io(e) => write!(f, "{e}"),
            StoreError::Sqlite(e) => write!(f, "{e}"),
        }
    }
}

impl std::error::Error for StoreError {}

impl From<rusqlite::Error> for StoreError {
    fn from(e: rusqlite::Error) -> Self {
        StoreError::Sqlite(e)
    }
}

impl From<std::io::Error> for StoreError {
    fn from(e: std::io::Error) -> Self {
        StoreError::Io(e)
    }
}

impl From<crate::safe_file::WriteError> for StoreError {
    fn from(e: crate::safe_file::WriteError) -> Self {
        match e {
            crate::safe_file::WriteError::Refused(r) => StoreError::Refused(r),
            crate::safe_file::WriteError::Io(e) => StoreError::Io(e),
        }
    }
}

impl StoreError {
    /// True when SQLite found the file damaged (corrupt pages, a truncated file).
    pub fn is_damage(&self) -> bool {
        match self {
            StoreError::Corrupt(_) => true,
            StoreError::Sqlite(rusqlite::Error::SqliteFailure(e, _)) => matches!(
                e.code,
                rusqlite::ErrorCode::DatabaseCorrupt | rusqlite::ErrorCode::NotADatabase
            ),
            _ => false,
        }
    }
}
