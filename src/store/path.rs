//! The candidate's path (issue 19): status history, the cohort's target size, the funnel and
//! the anonymous funnel a purge keeps; sessions' end times.

use chrono::{NaiveDate, NaiveTime};
use rusqlite::{OptionalExtension, Row, params};

use super::{Result, Store, date_text, line, lines, parse_date, parse_time, time_text};
use crate::core::domain::Id;
use crate::core::path::{
    Change, Criteria, Funnel, Mark, PathError, PersonPath, Referrer, Status, Withdrawal,
};

fn change_from_row(r: &Row<'_>) -> rusqlite::Result<(Id, Change)> {
    let status: String = r.get(1)?;
    let mark = |i: usize| -> rusqlite::Result<Option<Mark>> {
        Ok(r.get::<_, Option<String>>(i)?
            .as_deref()
            .and_then(Mark::from_code))
    };
    Ok((
        r.get(0)?,
        Change {
            // The CHECK constraint keeps unknown codes out; fall back rather than fail a list.
            status: Status::from_code(&status).unwrap_or(Status::Candidate),
            date: parse_date(r.get(2)?).unwrap_or_default(),
            author: r.get(3)?,
            referrer: r
                .get::<_, Option<String>>(4)?
                .as_deref()
                .and_then(Referrer::from_code),
            criteria: Criteria {
                motivation: mark(5)?,
                coherence: mark(6)?,
                local_priority: mark(7)?,
            },
            withdrawal: r
                .get::<_, Option<String>>(8)?
                .as_deref()
                .and_then(Withdrawal::from_code),
            note: r.get(9)?,
        },
    ))
}

/// A cohort's target size when none was set (decisions.md).
pub const DEFAULT_TARGET: usize = 12;

fn counts(text: &str) -> Vec<usize> {
    text.split(',')
        .map(|n| n.trim().parse().unwrap_or(0))
        .collect()
}

pub(super) fn copy_counts(into: &mut [usize], text: &str) {
    for (a, b) in into.iter_mut().zip(counts(text)) {
        *a = b;
    }
}

fn join(n: &[usize]) -> String {
    n.iter().map(usize::to_string).collect::<Vec<_>>().join(",")
}

impl Store {
    /// Every person's status history in a cohort, oldest change first.
    pub fn status_histories(&self, cohort_id: Id) -> Result<Vec<PersonPath>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT person_id, status, date, author, referrer, motivation, coherence,
                    local_priority, withdrawal, note
             FROM status_change WHERE cohort_id = ?1 ORDER BY person_id, id",
        )?;
        let rows = stmt.query_map([cohort_id], change_from_row)?;
        let mut out: Vec<PersonPath> = Vec::new();
        for row in rows {
            let (person_id, change) = row?;
            match out.last_mut() {
                Some(p) if p.person_id == person_id => p.changes.push(change),
                _ => out.push(PersonPath {
                    person_id,
                    changes: vec![change],
                }),
            }
        }
        Ok(out)
    }

    /// One person's history in a cohort, oldest change first.
    pub fn status_history(&self, cohort_id: Id, person_id: Id) -> Result<Vec<Change>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT person_id, status, date, author, referrer, motivation, coherence,
                    local_priority, withdrawal, note
             FROM status_change WHERE cohort_id = ?1 AND person_id = ?2 ORDER BY id",
        )?;
        let rows = stmt.query_map([cohort_id, person_id], change_from_row)?;
        Ok(rows
            .map(|r| r.map(|(_, c)| c))
            .collect::<rusqlite::Result<_>>()?)
    }

    /// Records a status change after checking it against the person's history (never an
    /// update: the history only grows). The inner error says why a change is refused.
    pub fn change_status(
        &mut self,
        cohort_id: Id,
        person_id: Id,
        change: &Change,
    ) -> Result<std::result::Result<Id, PathError>> {
        let history = self.status_history(cohort_id, person_id)?;
        if let Err(e) = crate::core::path::validate(&history, change) {
            return Ok(Err(e));
        }
        Ok(Ok(self.insert_status(cohort_id, person_id, change)?))
    }

    /// Appends one row to a person's history, unchecked (the demo, imports of known paths).
    pub fn insert_status(&self, cohort_id: Id, person_id: Id, c: &Change) -> Result<Id> {
        insert_status_on(&self.conn, cohort_id, person_id, c)
    }

    /// Someone marked present at an information meeting becomes « informé » when they had no
    /// status yet or were only referred; true when a row was added.
    pub fn mark_informed(&self, session_id: Id, person_id: Id, author: &str) -> Result<bool> {
        let n = self.conn.execute(
            "INSERT INTO status_change (cohort_id, person_id, status, date, author)
             SELECT s.cohort_id, ?2, 'informed', s.date, ?3 FROM session s
              JOIN membership m ON m.cohort_id = s.cohort_id AND m.person_id = ?2
             WHERE s.id = ?1 AND s.kind = 'info_meeting' AND m.role = 'candidate'
               AND coalesce((SELECT c.status FROM status_change c
                              WHERE c.cohort_id = s.cohort_id AND c.person_id = ?2
                              ORDER BY c.id DESC LIMIT 1), 'referred') = 'referred'",
            params![session_id, person_id, line(author)],
        )?;
        Ok(n > 0)
    }

    /// The funnel kept by a purge of the cohort, if any.
    pub fn funnel_tally(&self, cohort_id: Id) -> Result<Option<Funnel>> {
        let row = self
            .conn
            .query_row(
                "SELECT reached, current, withdrawals, before_start FROM funnel_tally
                 WHERE cohort_id = ?1",
                [cohort_id],
                |r| {
                    Ok((
                        r.get::<_, String>(0)?,
                        r.get::<_, String>(1)?,
                        r.get::<_, String>(2)?,
                        r.get::<_, i64>(3)?,
                    ))
                },
            )
            .optional()?;
        Ok(row.map(|(reached, current, withdrawals, before)| {
            let mut f = Funnel::default();
            copy_counts(&mut f.reached, &reached);
            copy_counts(&mut f.current, &current);
            copy_counts(&mut f.withdrawals, &withdrawals);
            f.withdrew_before_start = usize::try_from(before).unwrap_or(0);
            f
        }))
    }

    /// The cohort's funnel: what the histories say, plus what a purge kept.
    pub fn funnel(&self, cohort_id: Id) -> Result<Funnel> {
        let histories = self.status_histories(cohort_id)?;
        let live = Funnel::count(histories.iter().map(|p| p.changes.as_slice()));
        Ok(match self.funnel_tally(cohort_id)? {
            Some(kept) => kept.plus(&live),
            None => live,
        })
    }

    /// How many the cohort means to retain (12 unless changed).
    pub fn target_size(&self, cohort_id: Id) -> Result<usize> {
        let n: Option<i64> = self
            .conn
            .query_row(
                "SELECT target_size FROM cohort_target WHERE cohort_id = ?1",
                [cohort_id],
                |r| r.get(0),
            )
            .optional()?;
        Ok(n.map_or(DEFAULT_TARGET, |n| usize::try_from(n).unwrap_or(0)))
    }

    /// Sets how many the cohort means to retain.
    pub fn set_target_size(&self, cohort_id: Id, target: usize) -> Result<()> {
        self.conn.execute(
            "INSERT OR REPLACE INTO cohort_target (cohort_id, target_size) VALUES (?1, ?2)",
            params![cohort_id, i64::try_from(target).unwrap_or(i64::MAX)],
        )?;
        Ok(())
    }

    /// The end times of a cohort's sessions that have one.
    pub fn session_ends(&self, cohort_id: Id) -> Result<Vec<(Id, NaiveTime)>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT e.session_id, e.end_time FROM session_end e
             JOIN session s ON s.id = e.session_id WHERE s.cohort_id = ?1 ORDER BY s.id",
        )?;
        let rows = stmt.query_map([cohort_id], |r| {
            Ok((r.get::<_, Id>(0)?, parse_time(r.get(1)?)))
        })?;
        let mut out = Vec::new();
        for row in rows {
            if let (id, Some(t)) = row? {
                out.push((id, t));
            }
        }
        Ok(out)
    }

    /// Sets (or clears) a session's end time.
    pub fn set_session_end(&self, session_id: Id, end: Option<NaiveTime>) -> Result<()> {
        match end {
            Some(t) => self.conn.execute(
                "INSERT OR REPLACE INTO session_end (session_id, end_time) VALUES (?1, ?2)",
                params![session_id, time_text(t)],
            )?,
            None => self.conn.execute(
                "DELETE FROM session_end WHERE session_id = ?1",
                [session_id],
            )?,
        };
        Ok(())
    }
}

/// Keeps a cohort's anonymous funnel and erases its statuses and reasons, inside a purge.
pub(crate) fn tally_funnel(
    tx: &rusqlite::Transaction<'_>,
    funnel: &Funnel,
    cohort_id: Id,
    today: NaiveDate,
) -> Result<()> {
    tx.execute(
        "INSERT OR REPLACE INTO funnel_tally
             (cohort_id, reached, current, withdrawals, before_start, purged_on)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
        params![
            cohort_id,
            join(&funnel.reached),
            join(&funnel.current),
            join(&funnel.withdrawals),
            i64::try_from(funnel.withdrew_before_start).unwrap_or(0),
            date_text(today)
        ],
    )?;
    tx.execute(
        "DELETE FROM status_change WHERE cohort_id = ?1",
        [cohort_id],
    )?;
    Ok(())
}

/// Appends one row to a person's history on a connection or inside a caller's transaction.
pub(crate) fn insert_status_on(
    conn: &rusqlite::Connection,
    cohort_id: Id,
    person_id: Id,
    c: &Change,
) -> Result<Id> {
    let mark = |m: Option<Mark>| m.map(Mark::code);
    conn.execute(
        "INSERT INTO status_change (cohort_id, person_id, status, date, author, referrer,
                                    motivation, coherence, local_priority, withdrawal, note)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)",
        params![
            cohort_id,
            person_id,
            c.status.code(),
            date_text(c.date),
            line(&c.author),
            c.referrer.map(Referrer::code),
            mark(c.criteria.motivation),
            mark(c.criteria.coherence),
            mark(c.criteria.local_priority),
            c.withdrawal.map(Withdrawal::code),
            lines(&c.note),
        ],
    )?;
    Ok(conn.last_insert_rowid())
}
