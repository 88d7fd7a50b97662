//! Sessions of a cohort, and their expected lists.

use chrono::{NaiveDate, NaiveTime};
use rusqlite::{Row, params};

use super::{Result, Store, StoreError, date_text, parse_date, parse_time, time_text};
use crate::core::domain::{Id, Session, SessionKind};

/// What it takes to create a session.
#[derive(Debug, Clone)]
pub struct NewSession {
    /// Cohort.
    pub cohort_id: Id,
    /// Kind.
    pub kind: SessionKind,
    /// Date.
    pub date: NaiveDate,
    /// Start time.
    pub start_time: Option<NaiveTime>,
    /// Place.
    pub place: String,
    /// Title.
    pub title: String,
}

fn session_from_row(r: &Row<'_>) -> rusqlite::Result<Session> {
    let kind: String = r.get(2)?;
    Ok(Session {
        id: r.get(0)?,
        cohort_id: r.get(1)?,
        // The CHECK constraint keeps unknown kinds out; fall back rather than fail a whole list.
        kind: SessionKind::from_code(&kind).unwrap_or(SessionKind::Review),
        date: parse_date(r.get(3)?).unwrap_or_default(),
        start_time: parse_time(r.get(4)?),
        place: r.get(5)?,
        title: r.get(6)?,
    })
}

const SESSION_COLUMNS: &str = "id, cohort_id, kind, date, start_time, place, title";

impl Store {
    /// Sessions of a cohort in date order.
    pub fn list_sessions(&self, cohort_id: Id) -> Result<Vec<Session>> {
        let mut stmt = self.conn.prepare_cached(&format!(
            "SELECT {SESSION_COLUMNS} FROM session WHERE cohort_id = ?1
             ORDER BY date, coalesce(start_time, ''), id"
        ))?;
        let rows = stmt.query_map([cohort_id], session_from_row)?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// One session.
    pub fn session(&self, id: Id) -> Result<Session> {
        let mut stmt = self.conn.prepare_cached(&format!(
            "SELECT {SESSION_COLUMNS} FROM session WHERE id = ?1"
        ))?;
        match stmt.query_row([id], session_from_row) {
            Ok(s) => Ok(s),
            Err(rusqlite::Error::QueryReturnedNoRows) => Err(StoreError::NotFound),
            Err(e) => Err(e.into()),
        }
    }

    /// Creates a session with its expected list defaulted by its kind, in one transaction.
    pub fn insert_session(&mut self, s: &NewSession) -> Result<Id> {
        let tx = self.conn.transaction()?;
        let id = insert_session_tx(&tx, s)?;
        tx.commit()?;
        Ok(id)
    }
}

/// Inserts a session and its default expected list inside a caller's transaction.
pub(crate) fn insert_session_tx(tx: &rusqlite::Transaction<'_>, s: &NewSession) -> Result<Id> {
    tx.execute(
        "INSERT INTO session (cohort_id, kind, date, start_time, place, title)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
        params![
            s.cohort_id,
            s.kind.code(),
            date_text(s.date),
            s.start_time.map(time_text),
            s.place,
            s.title
        ],
    )?;
    let id = tx.last_insert_rowid();
    let mut add = tx.prepare_cached(
        "INSERT INTO attendance (session_id, person_id, status, expected)
         SELECT ?1, person_id, 'expected', 1 FROM membership
         WHERE cohort_id = ?2 AND role = ?3 AND archived = 0",
    )?;
    for role in s.kind.default_expected() {
        add.execute(params![id, s.cohort_id, role.code()])?;
    }
    Ok(id)
}
