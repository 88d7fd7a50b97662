//! Attendance rows: every change is its own committed statement.

use rusqlite::{Row, params};

use super::{Result, Store, line, parse_time, time_text};
use crate::core::attendance::{Attendance, AttendanceStatus};
use crate::core::domain::Id;

fn attendance_from_row(r: &Row<'_>) -> rusqlite::Result<Attendance> {
    let status: String = r.get(2)?;
    Ok(Attendance {
        session_id: r.get(0)?,
        person_id: r.get(1)?,
        status: AttendanceStatus::from_code(&status).unwrap_or(AttendanceStatus::Expected),
        arrived_at: parse_time(r.get(3)?),
        left_at: parse_time(r.get(4)?),
        reason: r.get(5)?,
        expected: r.get(6)?,
    })
}

impl Store {
    /// The attendance list of a session.
    pub fn list_attendance(&self, session_id: Id) -> Result<Vec<Attendance>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT session_id, person_id, status, arrived_at, left_at, reason, expected
             FROM attendance WHERE session_id = ?1",
        )?;
        let rows = stmt.query_map([session_id], attendance_from_row)?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// Writes one record (insert or replace), committed at once.
    pub fn save_attendance(&self, a: &Attendance) -> Result<()> {
        // One commit for the mark and its time: one wait on the disk per key.
        let tx = self.conn.unchecked_transaction()?;
        tx.prepare_cached(
                "INSERT INTO attendance (session_id, person_id, status, arrived_at, left_at, reason, expected)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)
                 ON CONFLICT(session_id, person_id) DO UPDATE SET
                    status = excluded.status, arrived_at = excluded.arrived_at,
                    left_at = excluded.left_at, reason = excluded.reason,
                    expected = excluded.expected",
            )?
            .execute(params![
                a.session_id,
                a.person_id,
                a.status.code(),
                a.arrived_at.map(time_text),
                a.left_at.map(time_text),
                line(&a.reason),
                a.expected
            ])?;
        // When the mark was made: between two laptops, the later mark wins (sync).
        tx.prepare_cached(
            "INSERT INTO attendance_mark (session_id, person_id, marked_at)
                 VALUES (?1, ?2, strftime('%Y-%m-%dT%H:%M:%f', 'now'))
                 ON CONFLICT(session_id, person_id) DO UPDATE SET marked_at = excluded.marked_at",
        )?
        .execute(params![a.session_id, a.person_id])?;
        tx.commit()?;
        Ok(())
    }

    /// Removes someone from a session's list (undo of an addition).
    pub fn delete_attendance(&self, session_id: Id, person_id: Id) -> Result<()> {
        self.conn
            .prepare_cached("DELETE FROM attendance WHERE session_id = ?1 AND person_id = ?2")?
            .execute(params![session_id, person_id])?;
        Ok(())
    }
}
