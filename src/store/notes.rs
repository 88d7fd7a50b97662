//! Quick notes of the staff.

use rusqlite::params;

use super::{Result, Store, lines};
use crate::core::domain::Id;
use crate::core::feedback::Note;

impl Store {
    /// Adds a note.
    pub fn add_note(&self, n: &Note) -> Result<()> {
        self.conn.execute(
            "INSERT INTO note (session_id, candidate_id, round, text, created_at) VALUES (?1, ?2, ?3, ?4, ?5)",
            params![n.session_id, n.candidate_id, n.round, lines(&n.text), n.created_at],
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

    /// The notes of every session of a cohort, oldest first.
    pub fn list_cohort_notes(&self, cohort_id: Id) -> Result<Vec<Note>> {
        Ok(self
            .conn
            .prepare_cached(
                "SELECT n.session_id, n.candidate_id, n.round, n.text, n.created_at
                 FROM note n JOIN session s ON s.id = n.session_id
                 WHERE s.cohort_id = ?1 ORDER BY n.id",
            )?
            .query_map([cohort_id], |r| {
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
