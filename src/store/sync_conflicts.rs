//! Feedback written on two laptops for one interview (issue 23): what the import keeps of the
//! other laptop's version, how Retours reads it, and its resolution through the ordinary
//! feedback and proposal writes (so the result travels in the next bundle like any edit).

use std::collections::{BTreeMap, HashMap};

use rusqlite::{OptionalExtension, params};

use super::{Result, Store, lines};
use crate::core::domain::Id;
use crate::core::feedback::{Feedback, PROPOSAL_KINDS, PROPOSAL_STATUSES, Proposal};
use crate::core::feedback_conflict::{OtherFeedback, OtherProposal, Resolution, resolve};
use crate::core::sync::{Change, Op, Val};

/// The other laptop's feedback (`vals`: a `feedback` insert in its origin's keys), with the
/// ratings and proposals of the same batch that name it: they would be refused here (their
/// feedback is not inserted), so they are kept with the conflict. JSON, for `sync_conflict.other`.
pub(super) fn other_feedback(
    cols: &HashMap<String, Vec<String>>,
    vals: &[Val],
    changes: &[Change],
    uids: &BTreeMap<String, BTreeMap<i64, String>>,
) -> String {
    let get = |table: &str, name: &str, vals: &[Val]| -> Option<Val> {
        let at = cols.get(table)?.iter().position(|c| c == name)?;
        vals.get(at).cloned()
    };
    let text = |table: &str, name: &str, vals: &[Val]| match get(table, name, vals) {
        Some(Val::Text(t)) => t,
        _ => String::new(),
    };
    let remote = get("feedback", "id", vals);
    let named = |c: &Change| {
        c.op == Op::Insert && remote.is_some() && get(&c.table, "feedback_id", &c.new) == remote
    };
    let ratings = changes
        .iter()
        .filter(|c| c.table == "feedback_rating" && named(c))
        .filter_map(|c| match get("feedback_rating", "rating", &c.new) {
            Some(Val::Int(r)) => Some((
                text("feedback_rating", "criterion", &c.new),
                u8::try_from(r).ok()?,
            )),
            _ => None,
        })
        .collect();
    let proposals = changes
        .iter()
        .filter(|c| c.table == "proposal" && named(c))
        .map(|c| OtherProposal {
            kind: text("proposal", "kind", &c.new),
            detail: text("proposal", "detail", &c.new),
            status: text("proposal", "status", &c.new),
            offered_by: match get("proposal", "offered_by", &c.new) {
                Some(Val::Int(p)) => uids.get("person").and_then(|m| m.get(&p)).cloned(),
                _ => None,
            },
        })
        .collect();
    let opinion = match get("feedback", "opinion", vals) {
        Some(Val::Text(t)) => Some(t),
        _ => None,
    };
    OtherFeedback {
        panel_label: text("feedback", "panel_label", vals),
        strengths: text("feedback", "strengths", vals),
        to_work_on: text("feedback", "to_work_on", vals),
        advice: text("feedback", "advice", vals),
        notes: text("feedback", "notes", vals),
        opinion,
        ratings,
        proposals,
    }
    .to_json()
}

/// An unresolved feedback conflict of an interview of the session, for Retours.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FeedbackConflict {
    /// Its row in `sync_conflict`.
    pub id: Id,
    /// When the import met it.
    pub at: String,
    /// The database id of the laptop it came from.
    pub origin: String,
    /// This laptop's feedback of the interview.
    pub feedback_id: Id,
    /// Candidate of the interview.
    pub candidate_id: Id,
    /// Round of the interview.
    pub round: u32,
    /// The other laptop's version, when stored as such (a feedback new on both laptops).
    pub other: Option<OtherFeedback>,
    /// The stored text, shown as it is when `other` is `None`: an import before Retours showed
    /// conflicts, or one feedback edited on both laptops (the session extension's « col=value »).
    pub raw: String,
}

impl Store {
    /// The unresolved feedback conflicts of a session's interviews.
    pub fn feedback_conflicts(&self, session_id: Id) -> Result<Vec<FeedbackConflict>> {
        Ok(self
            .conn
            .prepare_cached(
                "SELECT c.id, c.at, c.origin, f.id, f.candidate_id, f.round, c.other
                   FROM sync_conflict c JOIN feedback f ON f.uid = c.row_key
                  WHERE c.kind = 'both_feedback' AND c.resolved = 0 AND f.session_id = ?1
                  ORDER BY c.id",
            )?
            .query_map([session_id], |r| {
                let raw: String = r.get(6)?;
                Ok(FeedbackConflict {
                    id: r.get(0)?,
                    at: r.get(1)?,
                    origin: r.get(2)?,
                    feedback_id: r.get(3)?,
                    candidate_id: r.get(4)?,
                    round: r.get(5)?,
                    other: OtherFeedback::parse(&raw),
                    raw,
                })
            })?
            .collect::<rusqlite::Result<_>>()?)
    }

    /// Resolves a feedback conflict: writes the chosen feedback (and, unless this one is kept,
    /// the other's proposals) like any edit, then marks the conflict resolved, keeping this
    /// laptop's version as it was beside it. `None` when it is gone or already resolved.
    pub fn resolve_feedback_conflict(
        &mut self,
        id: Id,
        how: Resolution,
    ) -> Result<Option<Feedback>> {
        let row: Option<(String, Id, Id)> = self
            .conn
            .query_row(
                "SELECT c.other, f.id, f.session_id FROM sync_conflict c
                   JOIN feedback f ON f.uid = c.row_key
                  WHERE c.id = ?1 AND c.kind = 'both_feedback' AND c.resolved = 0",
                [id],
                |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
            )
            .optional()?;
        let Some((raw, feedback_id, session_id)) = row else {
            return Ok(None);
        };
        let Some(here) = self
            .list_feedback(session_id)?
            .into_iter()
            .find(|f| f.id == feedback_id)
        else {
            return Ok(None);
        };
        let other = OtherFeedback::parse(&raw);
        let done = resolve(&here, other.as_ref(), &raw, how);
        if done != here {
            self.save_feedback(&done)?;
        }
        if how.takes_proposals() {
            for p in other.iter().flat_map(|o| &o.proposals) {
                self.take_proposal(&here, p)?;
            }
        }
        self.conn.execute(
            "UPDATE sync_conflict SET resolved = 1, kept = ?2 WHERE id = ?1",
            params![id, lines(&OtherFeedback::of(&here).to_json())],
        )?;
        Ok(Some(done))
    }

    /// One of the other laptop's proposals, added to this feedback (its professional if here).
    fn take_proposal(&self, here: &Feedback, p: &OtherProposal) -> Result<()> {
        // A kind this version does not know cannot be stored: it stays in the conflict row.
        if !PROPOSAL_KINDS.contains(&p.kind.as_str()) {
            return Ok(());
        }
        let offered_by = match &p.offered_by {
            Some(uid) => self
                .conn
                .query_row(
                    "SELECT id FROM person WHERE uid = coalesce(
                        (SELECT kept_uid FROM sync_alias WHERE uid = ?1), ?1)",
                    [uid],
                    |r| r.get(0),
                )
                .optional()?,
            None => None,
        };
        let status = if PROPOSAL_STATUSES.contains(&p.status.as_str()) {
            p.status.clone()
        } else {
            "proposed".to_string()
        };
        self.save_proposal(&Proposal {
            id: 0,
            session_id: here.session_id,
            candidate_id: here.candidate_id,
            feedback_id: Some(here.id),
            offered_by,
            kind: p.kind.clone(),
            detail: p.detail.clone(),
            status,
        })?;
        Ok(())
    }
}
