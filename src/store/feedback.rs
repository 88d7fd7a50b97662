//! Feedback rows: written whole at every change (ratings at once, text debounced).

use rusqlite::params;

use super::{Result, Store, line, lines};
use crate::core::domain::Id;
use crate::core::feedback::Feedback;

impl Store {
    /// Every feedback of a session.
    pub fn list_feedback(&self, session_id: Id) -> Result<Vec<Feedback>> {
        let mut out: Vec<Feedback> = self
            .conn
            .prepare_cached(
                "SELECT id, session_id, candidate_id, round, panel_id, panel_label, panel_members,
                        criteria_set, strengths, to_work_on, advice, notes, opinion
                 FROM feedback WHERE session_id = ?1 ORDER BY round, id",
            )?
            .query_map([session_id], |r| {
                let members: String = r.get(6)?;
                Ok(Feedback {
                    id: r.get(0)?,
                    session_id: r.get(1)?,
                    candidate_id: r.get(2)?,
                    round: r.get(3)?,
                    panel_id: r.get(4)?,
                    panel_label: r.get(5)?,
                    panel_members: members.split(',').filter_map(|x| x.parse().ok()).collect(),
                    criteria_set: r.get(7)?,
                    strengths: r.get(8)?,
                    to_work_on: r.get(9)?,
                    advice: r.get(10)?,
                    notes: r.get(11)?,
                    opinion: r.get(12)?,
                    ratings: Vec::new(),
                })
            })?
            .collect::<rusqlite::Result<_>>()?;
        let mut stmt = self.conn.prepare_cached(
            "SELECT fr.feedback_id, fr.criterion, fr.rating FROM feedback_rating fr
             JOIN feedback f ON f.id = fr.feedback_id WHERE f.session_id = ?1",
        )?;
        let rows = stmt.query_map([session_id], |r| {
            Ok((
                r.get::<_, Id>(0)?,
                r.get::<_, String>(1)?,
                r.get::<_, u8>(2)?,
            ))
        })?;
        for row in rows {
            let (id, k, v) = row?;
            if let Some(f) = out.iter_mut().find(|f| f.id == id) {
                f.ratings.push((k, v));
            }
        }
        Ok(out)
    }

    /// Writes a feedback whole (insert or update); returns its id.
    pub fn save_feedback(&mut self, f: &Feedback) -> Result<Id> {
        let tx = self.conn.transaction()?;
        let members = f
            .panel_members
            .iter()
            .map(|m| m.to_string())
            .collect::<Vec<_>>()
            .join(",");
        tx.execute(
            "INSERT INTO feedback (session_id, candidate_id, round, panel_id, panel_label, panel_members,
                                   criteria_set, strengths, to_work_on, advice, notes, opinion)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)
             ON CONFLICT(session_id, candidate_id, round) DO UPDATE SET
                strengths = excluded.strengths, to_work_on = excluded.to_work_on,
                advice = excluded.advice, notes = excluded.notes, opinion = excluded.opinion",
            params![
                f.session_id,
                f.candidate_id,
                f.round,
                f.panel_id,
                line(&f.panel_label),
                members,
                f.criteria_set,
                lines(&f.strengths),
                lines(&f.to_work_on),
                lines(&f.advice),
                lines(&f.notes),
                f.opinion
            ],
        )?;
        let id: Id = tx.query_row(
            "SELECT id FROM feedback WHERE session_id = ?1 AND candidate_id = ?2 AND round = ?3",
            params![f.session_id, f.candidate_id, f.round],
            |r| r.get(0),
        )?;
        tx.execute("DELETE FROM feedback_rating WHERE feedback_id = ?1", [id])?;
        for (k, v) in &f.ratings {
            tx.execute(
                "INSERT INTO feedback_rating (feedback_id, criterion, rating) VALUES (?1, ?2, ?3)",
                params![id, k, v],
            )?;
        }
        tx.commit()?;
        Ok(id)
    }
}
