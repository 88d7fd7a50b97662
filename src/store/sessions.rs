//! Sessions of a cohort, and their expected lists.

use chrono::NaiveDate;
use rusqlite::{Row, params};

use super::scan::Unreadable;
use super::{Result, Store, StoreError, date_text, line, parse_date, parse_time, time_text};
use crate::core::domain::{Id, Session, SessionKind};

fn session_from_row(r: &Row<'_>) -> rusqlite::Result<Session> {
    let id: Id = r.get(0)?;
    let kind: String = r.get(2)?;
    // A date or time that is no date (changed outside Passerelle) is named, not taken for none.
    let date: Option<String> = r.get(3)?;
    let start_time: Option<String> = r.get(4)?;
    let date = match (date.is_some(), parse_date(date)) {
        (_, Some(d)) => d,
        (true, None) => return Err(Unreadable::error("session", id, "date", 3)),
        (false, None) => NaiveDate::default(),
    };
    let start_time = match (start_time.is_some(), parse_time(start_time)) {
        (true, None) => return Err(Unreadable::error("session", id, "start_time", 4)),
        (_, t) => t,
    };
    Ok(Session {
        id,
        cohort_id: r.get(1)?,
        // The CHECK constraint keeps unknown kinds out; fall back rather than fail a whole list.
        kind: SessionKind::from_code(&kind).unwrap_or(SessionKind::Review),
        date,
        start_time,
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

    /// Creates a session (its `id` is not read) with its expected list defaulted by its kind, in
    /// one transaction.
    pub fn insert_session(&mut self, s: &Session) -> Result<Id> {
        let tx = self.conn.transaction()?;
        let id = insert_session_tx(&tx, s)?;
        tx.commit()?;
        Ok(id)
    }
}

/// Inserts a session and its default expected list inside a caller's transaction.
pub(crate) fn insert_session_tx(tx: &rusqlite::Transaction<'_>, s: &Session) -> Result<Id> {
    tx.execute(
        "INSERT INTO session (cohort_id, kind, date, start_time, place, title)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
        params![
            s.cohort_id,
            s.kind.code(),
            date_text(s.date),
            s.start_time.map(time_text),
            line(&s.place),
            line(&s.title)
        ],
    )?;
    let id = tx.last_insert_rowid();
    // Coaching, job training and grand oral expect only candidates whose path says « retenu »
    // or « en parcours » (issue 19); a candidate with no recorded path is expected as before.
    let mut add = tx.prepare_cached(
        "INSERT INTO attendance (session_id, person_id, status, expected)
         SELECT ?1, m.person_id, 'expected', 1 FROM membership m
         WHERE m.cohort_id = ?2 AND m.role = ?3 AND m.archived = 0
           AND (?3 <> 'candidate' OR ?4 = 0
                OR coalesce((SELECT c.status FROM status_change c
                              WHERE c.cohort_id = m.cohort_id AND c.person_id = m.person_id
                              ORDER BY c.id DESC LIMIT 1), 'started')
                   IN ('selected', 'started'))",
    )?;
    let follows_path = matches!(
        s.kind,
        SessionKind::Coaching | SessionKind::JobTraining | SessionKind::GrandOral
    );
    for role in s.kind.default_expected() {
        add.execute(params![id, s.cohort_id, role.code(), follows_path])?;
    }
    Ok(id)
}

/// The one-line state of a session on the Journée screen.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct SessionState {
    /// Session.
    pub session_id: Id,
    /// Candidates on the list.
    pub candidates_listed: i64,
    /// Candidates who came.
    pub candidates_came: i64,
    /// Everyone on the list.
    pub listed: i64,
    /// Everyone who came.
    pub came: i64,
    /// Records still « expected ».
    pub waiting: i64,
    /// Rounds of the newest rotation plan, if any.
    pub plan_rounds: Option<i64>,
}

impl Store {
    /// Writes a session's fields.
    pub fn update_session(&self, s: &Session) -> Result<()> {
        let n = self.conn.execute(
            "UPDATE session SET kind = ?2, date = ?3, start_time = ?4, place = ?5, title = ?6
             WHERE id = ?1",
            params![
                s.id,
                s.kind.code(),
                date_text(s.date),
                s.start_time.map(time_text),
                line(&s.place),
                line(&s.title)
            ],
        )?;
        if n == 0 {
            return Err(StoreError::NotFound);
        }
        Ok(())
    }

    /// Attendance figures of every session of a cohort, in one query.
    pub fn session_states(&self, cohort_id: Id) -> Result<Vec<SessionState>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT s.id,
                    count(CASE WHEN m.role = 'candidate' THEN 1 END),
                    count(CASE WHEN m.role = 'candidate'
                               AND a.status IN ('present', 'late', 'left_early') THEN 1 END),
                    -- A purged session has no list left: its anonymous counts stand in.
                    CASE WHEN count(a.person_id) = 0 THEN coalesce(max(t.expected), 0)
                         ELSE count(a.person_id) END,
                    CASE WHEN count(a.person_id) = 0 THEN coalesce(max(t.present), 0)
                         ELSE count(CASE WHEN a.status IN ('present', 'late', 'left_early') THEN 1 END) END,
                    count(CASE WHEN a.status = 'expected' THEN 1 END),
                    (SELECT max(i.round) FROM interview i JOIN plan_version v ON v.id = i.plan_id
                      WHERE v.session_id = s.id
                        AND v.version = (SELECT max(version) FROM plan_version WHERE session_id = s.id))
             FROM session s
             LEFT JOIN attendance a ON a.session_id = s.id
             LEFT JOIN membership m ON m.cohort_id = s.cohort_id AND m.person_id = a.person_id
             LEFT JOIN session_tally t ON t.session_id = s.id
             WHERE s.cohort_id = ?1
             GROUP BY s.id",
        )?;
        let rows = stmt.query_map([cohort_id], |r| {
            Ok(SessionState {
                session_id: r.get(0)?,
                candidates_listed: r.get(1)?,
                candidates_came: r.get(2)?,
                listed: r.get(3)?,
                came: r.get(4)?,
                waiting: r.get(5)?,
                plan_rounds: r.get(6)?,
            })
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// Copies a cohort's session structure (kinds, relative dates, settings) into a new cohort
    /// starting on `start`; people are not copied.
    pub fn duplicate_cohort(&mut self, source: Id, name: &str, start: NaiveDate) -> Result<Id> {
        let src = self.cohort(source)?;
        let sessions = self.list_sessions(source)?;
        let origin = src
            .start_date
            .or_else(|| sessions.first().map(|s| s.date))
            .unwrap_or(start);
        let shift = start - origin;
        let end = src.end_date.map(|e| e + shift);
        let tx = self.conn.transaction()?;
        tx.execute(
            "INSERT INTO cohort (name, establishment, start_date, end_date, partners)
             VALUES (?1, ?2, ?3, ?4, ?5)",
            params![
                line(name),
                line(&src.establishment),
                date_text(start),
                end.map(date_text),
                line(&src.partners)
            ],
        )?;
        let cohort_id = tx.last_insert_rowid();
        for s in &sessions {
            let id = insert_session_tx(
                &tx,
                &Session {
                    id: 0,
                    cohort_id,
                    kind: s.kind,
                    date: s.date + shift,
                    start_time: s.start_time,
                    place: s.place.clone(),
                    title: s.title.clone(),
                },
            )?;
            tx.execute(
                "INSERT INTO session_settings
                 SELECT ?2, interviews_per_candidate, interview_minutes, feedback_minutes,
                        changeover_minutes, breaks, warn_first_seconds, warn_second_seconds,
                        criteria_set
                 FROM session_settings WHERE session_id = ?1",
                params![s.id, id],
            )?;
        }
        tx.commit()?;
        Ok(cohort_id)
    }
}
