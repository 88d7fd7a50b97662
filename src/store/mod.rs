//! The only place with SQL: one SQLite file, migrated by numbered files, every edit committed at once.

mod actions;
mod agenda;
mod attendance;
mod backup;
mod clock;
mod cohorts;
mod demo;
mod error;
mod expect;
mod feedback;
mod followup;
mod import;
mod lock;
mod members;
mod notes;
mod open;
mod panels;
mod path;
mod plans;
mod proposals;
mod purge;
pub mod report;
mod scan;
mod sessions;
mod settings;
mod state;
mod summary;
mod sync;
mod sync_conflicts;
mod sync_daily;
mod sync_view;
mod written;

pub use crate::core::domain::NewMember;
pub use crate::core::feedback::Note;
pub use agenda::{InterestMark, StoredItem};
pub use backup::{
    DAILY_KEPT, automatic_copies, backup_name, check_file, check_file_keyed, create_private_file,
    daily_copies, daily_path, is_passerelle_copy, restore, restore_keyed, running_marker,
};
pub use error::{Passphrase, StoreError};
pub use expect::Expectation;
pub use followup::OutcomeTally;
pub use lock::{WriterLock, lock_path};
pub use open::{APPLICATION_ID, MIGRATIONS, backup_path_for};

/// Makes a folder Passerelle created readable by its owner only (best effort: FAT has no modes).
pub fn set_private_dir(dir: &std::path::Path) {
    open::set_mode(dir, 0o700);
}
pub use crate::core::plan_history::{StoredInterview, StoredPlan};
pub use path::DEFAULT_TARGET;
pub use purge::PurgeReport;
pub use scan::{Unreadable, conversion};
pub use sessions::SessionState;
pub use sync::{Conflict, ConflictKind, Exported, ImportReport, Sealed, StoredConflict};
pub use sync_conflicts::FeedbackConflict;
pub use sync_view::{SyncOutbox, SyncPeer};
pub use written::register_path;

use rusqlite::Connection;

use crate::core::text::{Lines, sanitize};

/// User text as the store binds it: every text column goes through [`line`] or [`lines`], so
/// no control, bidi or zero-width character is ever written, whoever called.
pub(crate) trait Clean {
    /// The bound value.
    type Out;
    /// Sanitized with the given line rule.
    fn clean(&self, lines: Lines) -> Self::Out;
}

impl Clean for str {
    type Out = String;
    fn clean(&self, lines: Lines) -> String {
        sanitize(self, lines).into_owned()
    }
}

impl Clean for String {
    type Out = String;
    fn clean(&self, lines: Lines) -> String {
        self.as_str().clean(lines)
    }
}

impl<T: Clean> Clean for Option<T> {
    type Out = Option<T::Out>;
    fn clean(&self, lines: Lines) -> Self::Out {
        self.as_ref().map(|v| v.clean(lines))
    }
}

impl<T: Clean + ?Sized> Clean for &T {
    type Out = T::Out;
    fn clean(&self, lines: Lines) -> Self::Out {
        (**self).clean(lines)
    }
}

/// A single-line text (name, title, cell) ready to bind.
pub(crate) fn line<T: Clean + ?Sized>(v: &T) -> T::Out {
    v.clean(Lines::Single)
}

/// A multi-line text (note, feedback) ready to bind.
pub(crate) fn lines<T: Clean + ?Sized>(v: &T) -> T::Out {
    v.clean(Lines::Multi)
}

/// Result of a store operation.
pub type Result<T> = std::result::Result<T, StoreError>;

/// An open Passerelle database.
pub struct Store {
    conn: Connection,
    path: std::path::PathBuf,
    /// The passphrase of an encrypted database (feature `encryption`), kept to key its copies.
    key: Option<String>,
    /// Open made the file (or its `-wal` / `-shm`) private: others could read it before.
    made_private: bool,
    /// What a failed `quick_check` found: writes are refused from then on.
    damaged: Option<String>,
}

impl Store {
    /// The database file.
    pub fn path(&self) -> &std::path::Path {
        &self.path
    }

    /// True when opening made the database files private (mode 0600): say it once.
    pub fn made_private(&self) -> bool {
        self.made_private
    }

    /// The raw connection, for tests that check pragmas.
    pub fn connection(&self) -> &Connection {
        &self.conn
    }
}

/// Date as stored: ISO 8601.
pub(crate) fn date_text(d: chrono::NaiveDate) -> String {
    d.format("%Y-%m-%d").to_string()
}

/// Time as stored: HH:MM.
pub(crate) fn time_text(t: chrono::NaiveTime) -> String {
    t.format("%H:%M").to_string()
}

pub(crate) fn parse_date(text: Option<String>) -> Option<chrono::NaiveDate> {
    text.and_then(|t| chrono::NaiveDate::parse_from_str(&t, "%Y-%m-%d").ok())
}

pub(crate) fn parse_time(text: Option<String>) -> Option<chrono::NaiveTime> {
    text.and_then(|t| chrono::NaiveTime::parse_from_str(&t, "%H:%M").ok())
}
