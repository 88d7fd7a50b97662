//! Action plan items.

use rusqlite::params;

use super::{Result, Store, date_text, line, lines, parse_date};
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
                params![a.cohort_id, a.candidate_id, a.proposal_id, lines(&a.what), a.owner_id, lines(&a.condition), due, line(&a.status)],
            )?;
            return Ok(self.conn.last_insert_rowid());
        }
        self.conn.execute(
            "UPDATE action_item SET what = ?2, owner_id = ?3, condition = ?4, due_date = ?5, status = ?6
             WHERE id = ?1",
            params![a.id, lines(&a.what), a.owner_id, lines(&a.condition), due, line(&a.status)],
        )?;
        Ok(a.id)
    }
}
