//! Quick notes of the staff.

use rusqlite::params;

use super::{Result, Store};
use crate::core::domain::Id;

/// A quick note.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Note {
    /// Session.
    pub session_id: Id,
    /// The candidate it is about, if any.
    pub candidate_id: Option<Id>,
    /// The round of the interview it is about, if any.
    pub round: Option<u32>,
    /// The note.
    pub text: String,
    /// When (local time, ISO).
    pub created_at: String,
}

impl Store {
    /// Adds a note.
    pub fn add_note(&self, n: &Note) -> Result<()> {
        self.conn.execute(
            "INSERT INTO note (session_id, candidate_id, round, text, created_at) VALUES (?1, ?2, ?3, ?4, ?5)",
            params![n.session_id, n.candidate_id, n.round, n.text, n.created_at],
        )?;
        Ok(())
    }

    /// The notes of a session, oldest first.
    pub fn list_notes(&self, session_id: Id) -> Result<Vec<Note>> {
        Ok(self
            .conn
            .prepare_cached(
                "SELECT session_id, candidate_id, round, text, created_at FROM note WHERE session_id = ?1 ORDER BY id",
            )?
            .query_map([session_id], |r| {
                Ok(Note {
                    session_id: r.get(0)?,
                    candidate_id: r.get(1)?,
                    round: r.get(2)?,
                    text: r.get(3)?,
                    created_at: r.get(4)?,
                })
            })?
            .collect::<rusqlite::Result<_>>()?)
    }
}
