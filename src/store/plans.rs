//! Rotation plan versions of a session.

use rusqlite::{OptionalExtension, params};

use super::{Result, Store, line};
use crate::core::domain::Id;
use crate::core::plan_history::{PlanKind, PlanVersionInfo, StoredInterview, StoredPlan};

impl Store {
    /// Saves a new version of a session's plan; returns its version number.
    pub fn save_plan(
        &mut self,
        session_id: Id,
        created_at: &str,
        kind: PlanKind,
        interviews: &[StoredInterview],
    ) -> Result<i64> {
        let tx = self.conn.transaction()?;
        let version: i64 = tx.query_row(
            "SELECT coalesce(max(version), 0) + 1 FROM plan_version WHERE session_id = ?1",
            [session_id],
            |r| r.get(0),
        )?;
        tx.execute(
            "INSERT INTO plan_version (session_id, version, created_at) VALUES (?1, ?2, ?3)",
            params![session_id, version, created_at],
        )?;
        let plan_id = tx.last_insert_rowid();
        tx.execute(
            "INSERT INTO plan_origin (plan_id, kind, from_round, from_version) VALUES (?1, ?2, ?3, ?4)",
            params![plan_id, kind.code(), kind.from_round(), kind.from_version()],
        )?;
        {
            let mut stmt = tx.prepare_cached(
                "INSERT INTO interview (plan_id, round, panel_id, panel_label, candidate_id)
                 VALUES (?1, ?2, ?3, ?4, ?5)",
            )?;
            for i in interviews {
                stmt.execute(params![
                    plan_id,
                    i.round,
                    i.panel_id,
                    line(&i.panel_label),
                    i.candidate_id
                ])?;
            }
        }
        tx.commit()?;
        Ok(version)
    }

    /// The newest plan version of a session.
    pub fn latest_plan(&self, session_id: Id) -> Result<Option<StoredPlan>> {
        let version: Option<i64> = self
            .conn
            .query_row(
                "SELECT max(version) FROM plan_version WHERE session_id = ?1",
                [session_id],
                |r| r.get(0),
            )
            .optional()?
            .flatten();
        match version {
            Some(v) => self.plan_version(session_id, v),
            None => Ok(None),
        }
    }

    /// One version of a session's plan.
    pub fn plan_version(&self, session_id: Id, version: i64) -> Result<Option<StoredPlan>> {
        let head = self
            .conn
            .query_row(
                "SELECT v.id, v.version, v.created_at, o.kind, o.from_round, o.from_version, v.locked
                 FROM plan_version v LEFT JOIN plan_origin o ON o.plan_id = v.id
                 WHERE v.session_id = ?1 AND v.version = ?2",
                params![session_id, version],
                |r| {
                    Ok((
                        r.get::<_, Id>(0)?,
                        r.get(1)?,
                        r.get(2)?,
                        plan_kind(r, 3)?,
                        r.get(6)?,
                    ))
                },
            )
            .optional()?;
        let Some((id, version, created_at, kind, locked)) = head else {
            return Ok(None);
        };
        let interviews = self
            .conn
            .prepare_cached(
                "SELECT round, panel_id, panel_label, candidate_id FROM interview
                 WHERE plan_id = ?1 ORDER BY round, id",
            )?
            .query_map([id], |r| {
                Ok(StoredInterview {
                    round: r.get(0)?,
                    panel_id: r.get(1)?,
                    panel_label: r.get(2)?,
                    candidate_id: r.get(3)?,
                })
            })?
            .collect::<rusqlite::Result<_>>()?;
        Ok(Some(StoredPlan {
            id,
            version,
            created_at,
            kind,
            locked,
            interviews,
        }))
    }

    /// Locks or unlocks a plan version.
    pub fn set_plan_locked(&self, plan_id: Id, locked: bool) -> Result<()> {
        self.conn.execute(
            "UPDATE plan_version SET locked = ?2 WHERE id = ?1",
            params![plan_id, locked],
        )?;
        Ok(())
    }

    /// Versions of a session's plan, newest first.
    pub fn plan_versions(&self, session_id: Id) -> Result<Vec<PlanVersionInfo>> {
        Ok(self
            .conn
            .prepare_cached(
                "SELECT v.version, v.created_at, o.kind, o.from_round, o.from_version
                 FROM plan_version v LEFT JOIN plan_origin o ON o.plan_id = v.id
                 WHERE v.session_id = ?1 ORDER BY v.version DESC",
            )?
            .query_map([session_id], |r| {
                Ok(PlanVersionInfo {
                    version: r.get(0)?,
                    created_at: r.get(1)?,
                    kind: plan_kind(r, 2)?,
                })
            })?
            .collect::<rusqlite::Result<_>>()?)
    }
}

/// A plan's kind from three columns from `at`: code, from_round, from_version (no row: generated).
fn plan_kind(r: &rusqlite::Row, at: usize) -> rusqlite::Result<PlanKind> {
    let code: Option<String> = r.get(at)?;
    Ok(PlanKind::from_columns(
        code.as_deref().unwrap_or_default(),
        r.get(at + 1)?,
        r.get(at + 2)?,
    ))
}
