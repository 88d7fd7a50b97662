//! Proposals.

use rusqlite::params;

use super::{Result, Store, line, lines};
use crate::core::domain::Id;
use crate::core::feedback::Proposal;

impl Store {
    /// Proposals made to the candidates of a cohort (all its sessions).
    pub fn list_proposals(&self, cohort_id: Id) -> Result<Vec<Proposal>> {
        Ok(self
            .conn
            .prepare_cached(
                "SELECT p.id, p.session_id, p.candidate_id, p.feedback_id, p.offered_by, p.kind, p.detail, p.status
                 FROM proposal p JOIN session s ON s.id = p.session_id
                 WHERE s.cohort_id = ?1 ORDER BY p.id",
            )?
            .query_map([cohort_id], |r| {
                Ok(Proposal {
                    id: r.get(0)?,
                    session_id: r.get(1)?,
                    candidate_id: r.get(2)?,
                    feedback_id: r.get(3)?,
                    offered_by: r.get(4)?,
                    kind: r.get(5)?,
                    detail: r.get(6)?,
                    status: r.get(7)?,
                })
            })?
            .collect::<rusqlite::Result<_>>()?)
    }

    /// Creates (id 0) or updates a proposal; returns its id.
    pub fn save_proposal(&self, p: &Proposal) -> Result<Id> {
        if p.id == 0 {
            self.conn.execute(
                "INSERT INTO proposal (session_id, candidate_id, feedback_id, offered_by, kind, detail, status)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
                params![p.session_id, p.candidate_id, p.feedback_id, p.offered_by, line(&p.kind), lines(&p.detail), line(&p.status)],
            )?;
            return Ok(self.conn.last_insert_rowid());
        }
        self.conn.execute(
            "UPDATE proposal SET offered_by = ?2, kind = ?3, detail = ?4, status = ?5 WHERE id = ?1",
            params![p.id, p.offered_by, line(&p.kind), lines(&p.detail), line(&p.status)],
        )?;
        Ok(p.id)
    }
}
