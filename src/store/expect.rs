//! The expected day (#14): who is expected at a session, the sheets printed and the plan
//! version they were printed from.

use rusqlite::{OptionalExtension, params};

use super::{Result, Store, line};
use crate::core::domain::Id;

/// What `expect` did for one person.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Expectation {
    /// Put on the session's list.
    Added,
    /// Already on it: nothing done.
    AlreadyListed,
    /// Taken off the list.
    Removed,
    /// Not on the list: nothing done.
    NotListed,
    /// Already marked (present, absent…): kept, attendance is a record of what happened.
    Marked,
    /// Not a member of the session's cohort.
    NotMember,
}

impl Store {
    /// Puts a member of the session's cohort on its expected list.
    pub fn expect_person(&self, session_id: Id, person_id: Id) -> Result<Expectation> {
        let member: i64 = self.conn.query_row(
            "SELECT count(*) FROM membership m JOIN session s ON s.cohort_id = m.cohort_id
             WHERE s.id = ?1 AND m.person_id = ?2",
            params![session_id, person_id],
            |r| r.get(0),
        )?;
        if member == 0 {
            return Ok(Expectation::NotMember);
        }
        let n = self.conn.execute(
            "INSERT OR IGNORE INTO attendance (session_id, person_id, status, expected)
             VALUES (?1, ?2, 'expected', 1)",
            params![session_id, person_id],
        )?;
        Ok(if n == 1 {
            Expectation::Added
        } else {
            Expectation::AlreadyListed
        })
    }

    /// Takes someone off a session's expected list, unless they were already marked.
    pub fn unexpect_person(&self, session_id: Id, person_id: Id) -> Result<Expectation> {
        let status: Option<String> = self
            .conn
            .query_row(
                "SELECT status FROM attendance WHERE session_id = ?1 AND person_id = ?2",
                params![session_id, person_id],
                |r| r.get(0),
            )
            .optional()?;
        match status.as_deref() {
            None => Ok(Expectation::NotListed),
            Some("expected") => {
                self.delete_attendance(session_id, person_id)?;
                Ok(Expectation::Removed)
            }
            Some(_) => Ok(Expectation::Marked),
        }
    }

    /// Puts people on a session's list (`expected`) or takes them off, in one transaction;
    /// what was done for each, in order (someone already marked is kept, see `unexpect_person`).
    pub fn set_expected(
        &self,
        session_id: Id,
        people: &[Id],
        expected: bool,
    ) -> Result<Vec<Expectation>> {
        let tx = self.conn.unchecked_transaction()?;
        let done = people
            .iter()
            .map(|p| {
                if expected {
                    self.expect_person(session_id, *p)
                } else {
                    self.unexpect_person(session_id, *p)
                }
            })
            .collect::<Result<Vec<_>>>()?;
        tx.commit()?;
        Ok(done)
    }

    /// Notes that a sheet of a session was printed, from which plan version (best effort, like
    /// the register of written files: a busy database never fails the print itself).
    pub fn record_print(
        &self,
        session_id: Id,
        sheet: &str,
        plan_id: Option<Id>,
        now: chrono::NaiveDateTime,
    ) -> Result<()> {
        self.conn.execute(
            "INSERT INTO printed_sheet (session_id, sheet, plan_id, printed_at) VALUES (?1, ?2, ?3, ?4)",
            params![
                session_id,
                line(sheet),
                plan_id,
                now.format("%Y-%m-%dT%H:%M:%S").to_string()
            ],
        )?;
        Ok(())
    }

    /// The plan version the last plan sheet (tables, routes, mouvements) was printed from, and
    /// when (ISO local time).
    pub fn last_printed_plan(&self, session_id: Id) -> Result<Option<(Id, String)>> {
        Ok(self
            .conn
            .query_row(
                "SELECT plan_id, printed_at FROM printed_sheet
                 WHERE session_id = ?1 AND plan_id IS NOT NULL
                   AND sheet IN ('tables', 'routes', 'mouvements', 'modifications')
                 ORDER BY printed_at DESC, id DESC LIMIT 1",
                [session_id],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )
            .optional()?)
    }

    /// When a sheet of a session was last printed (ISO local time).
    pub fn last_print(&self, session_id: Id, sheet: &str) -> Result<Option<String>> {
        Ok(self
            .conn
            .query_row(
                "SELECT max(printed_at) FROM printed_sheet WHERE session_id = ?1 AND sheet = ?2",
                params![session_id, sheet],
                |r| r.get(0),
            )
            .optional()?
            .flatten())
    }

    /// True once the session's timer has started: until then its plan is « prévisionnel ».
    pub fn day_started(&self, session_id: Id) -> Result<bool> {
        let n: i64 = self.conn.query_row(
            "SELECT count(*) FROM clock_event WHERE session_id = ?1 AND kind = 'start'",
            [session_id],
            |r| r.get(0),
        )?;
        Ok(n > 0)
    }

    /// The interviews of one plan version by its row id: (round, panel, candidate).
    pub fn plan_interviews(&self, plan_id: Id) -> Result<Vec<(u32, Option<Id>, Id)>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT round, panel_id, candidate_id FROM interview WHERE plan_id = ?1
             ORDER BY round, panel_id, candidate_id",
        )?;
        let rows = stmt.query_map([plan_id], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// Every sheet printed for a session with when it was last printed (ISO local time).
    pub fn prints(&self, session_id: Id) -> Result<Vec<(String, String)>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT sheet, max(printed_at) FROM printed_sheet WHERE session_id = ?1
             GROUP BY sheet ORDER BY sheet",
        )?;
        let rows = stmt.query_map([session_id], |r| Ok((r.get(0)?, r.get(1)?)))?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }
}
