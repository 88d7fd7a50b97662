//! The application's small memory: last cohort and session used.

use rusqlite::{OptionalExtension, params};

use super::{Result, Store};
use crate::core::domain::Id;

impl Store {
    /// The session last opened, if it still exists.
    pub fn last_session(&self) -> Result<Option<Id>> {
        let value: Option<String> = self
            .conn
            .query_row(
                "SELECT value FROM app_state WHERE key = 'last_session'",
                [],
                |r| r.get(0),
            )
            .optional()?;
        let Some(id) = value.and_then(|v| v.parse::<Id>().ok()) else {
            return Ok(None);
        };
        let exists: bool = self.conn.query_row(
            "SELECT EXISTS(SELECT 1 FROM session WHERE id = ?1)",
            [id],
            |r| r.get(0),
        )?;
        Ok(exists.then_some(id))
    }

    /// Remembers the session in use, so the application reopens on it.
    pub fn set_last_session(&self, id: Id) -> Result<()> {
        self.conn.execute(
            "INSERT INTO app_state (key, value) VALUES ('last_session', ?1)
             ON CONFLICT(key) DO UPDATE SET value = excluded.value",
            params![id.to_string()],
        )?;
        Ok(())
    }

    /// This database's own random id (migration 0021), named in sync bundles as their origin.
    pub fn database_id(&self) -> Result<String> {
        Ok(self.conn.query_row(
            "SELECT value FROM app_state WHERE key = 'database_id'",
            [],
            |r| r.get(0),
        )?)
    }
}
