//! Action plan items.

use rusqlite::params;

use super::{Result, Store, date_text, parse_date};
use crate::core::actions::ActionItem;
use crate::core::domain::Id;

impl Store {
    /// The action items of a cohort, in creation order.
    pub fn list_actions(&self, cohort_id: Id) -> Result<Vec<ActionItem>> {
        Ok(self
            .conn
            .prepare_cached(
                "SELECT id, cohort_id, candidate_id, proposal_id, what, owner_id, condition, due_date, status
                 FROM action_item WHERE cohort_id = ?1 ORDER BY id",
            )?
            .query_map([cohort_id], |r| {
                Ok(ActionItem {
                    id: r.get(0)?,
                    cohort_id: r.get(1)?,
                    candidate_id: r.get(2)?,
                    proposal_id: r.get(3)?,
                    what: r.get(4)?,
                    owner_id: r.get(5)?,
                    condition: r.get(6)?,
                    due: parse_date(r.get(7)?),
                    status: r.get(8)?,
                })
            })?
            .collect::<rusqlite::Result<_>>()?)
    }

    /// Creates (id 0) or updates an action item; returns its id.
    pub fn save_action(&self, a: &ActionItem) -> Result<Id> {
        let due = a.due.map(date_text);
        if a.id == 0 {
            self.conn.execute(
                "INSERT INTO action_item (cohort_id, candidate_id, proposal_id, what, owner_id, condition, due_date, status)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
                params![a.cohort_id, a.candidate_id, a.proposal_id, a.what, a.owner_id, a.condition, due, a.status],
            )?;
            return Ok(self.conn.last_insert_rowid());
        }
        self.conn.execute(
            "UPDATE action_item SET what = ?2, owner_id = ?3, condition = ?4, due_date = ?5, status = ?6
             WHERE id = ?1",
            params![a.id, a.what, a.owner_id, a.condition, due, a.status],
        )?;
        Ok(a.id)
    }

    /// Attendance at every session of a cohort.
    pub fn list_cohort_attendance(
        &self,
        cohort_id: Id,
    ) -> Result<Vec<crate::core::attendance::Attendance>> {
        let mut out = Vec::new();
        for s in self.list_sessions(cohort_id)? {
            out.extend(self.list_attendance(s.id)?);
        }
        Ok(out)
    }

    /// The feedback of every job-training session of a cohort (decisions.md: tab 6 works on the cohort).
    pub fn list_cohort_feedback(
        &self,
        cohort_id: Id,
    ) -> Result<Vec<crate::core::feedback::Feedback>> {
        let mut out = Vec::new();
        for s in self.list_sessions(cohort_id)? {
            if s.kind == crate::core::domain::SessionKind::JobTraining {
                out.extend(self.list_feedback(s.id)?);
            }
        }
        Ok(out)
    }

    /// Everything the grand oral summary of a session is built from.
    pub fn summary_rows(&self, session_id: Id) -> Result<crate::core::summary::SummaryRows> {
        let session = self.session(session_id)?;
        let cohort = self.cohort(session.cohort_id)?;
        // A grand-oral session reports the interviews of its cohort's job-training day (decisions.md).
        let job = self
            .list_sessions(cohort.id)?
            .into_iter()
            .find(|s| s.kind == crate::core::domain::SessionKind::JobTraining)
            .map_or(session_id, |s| s.id);
        Ok(crate::core::summary::SummaryRows {
            sessions: self.list_sessions(cohort.id)?,
            members: self.list_members(cohort.id)?,
            feedback: self.list_cohort_feedback(cohort.id)?,
            proposals: self.list_proposals(cohort.id)?,
            actions: self.list_actions(cohort.id)?,
            attendance: self.list_cohort_attendance(cohort.id)?,
            notes: self.list_cohort_notes(cohort.id)?,
            criteria_set: self.session_settings(job)?.criteria_set,
            cohort,
            session,
        })
    }
}
