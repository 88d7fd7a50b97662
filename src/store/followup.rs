//! Follow-up: contacts, the release checklist, outcomes, mentor pairings, and what a purge keeps.

use chrono::NaiveDate;
use rusqlite::{Row, params};

use super::{Result, Store, date_text, line, lines, parse_date};
use crate::core::domain::Id;
use crate::core::followup::{
    CheckAnswer, CheckEntry, CheckItem, Contact, ContactKind, Milestone, Outcome, OutcomeSource,
    Pairing, PairingStatus,
};

/// Anonymous outcome count kept by a purge: (milestone, category key, count).
pub type OutcomeTally = (Milestone, String, i64);

fn contact_row(r: &Row) -> rusqlite::Result<Contact> {
    Ok(Contact {
        id: r.get(0)?,
        cohort_id: r.get(1)?,
        candidate_id: r.get(2)?,
        date: parse_date(r.get(3)?).unwrap_or_default(),
        kind: ContactKind::from_code(&r.get::<_, String>(4)?).unwrap_or(ContactKind::Detention),
        with_person: r.get(5)?,
        with_whom: r.get(6)?,
        note: r.get(7)?,
        next_step: r.get(8)?,
        next_date: parse_date(r.get(9)?),
    })
}

fn outcome_row(r: &Row) -> rusqlite::Result<Outcome> {
    Ok(Outcome {
        id: r.get(0)?,
        cohort_id: r.get(1)?,
        candidate_id: r.get(2)?,
        milestone: Milestone::from_code(&r.get::<_, String>(3)?).unwrap_or(Milestone::Release),
        category: r.get(4)?,
        employer: r.get(5)?,
        start: parse_date(r.get(6)?),
        source: r
            .get::<_, Option<String>>(7)?
            .and_then(|s| OutcomeSource::from_code(&s)),
        source_id: r.get(8)?,
        recorded_on: parse_date(r.get(9)?).unwrap_or_default(),
    })
}

/// A checklist row; None for an item this version does not know (skipped, not a failure).
fn check_row(r: &Row) -> rusqlite::Result<Option<CheckEntry>> {
    let Some(item) = CheckItem::from_code(&r.get::<_, String>(2)?) else {
        return Ok(None);
    };
    Ok(Some(CheckEntry {
        cohort_id: r.get(0)?,
        candidate_id: r.get(1)?,
        item,
        answer: r
            .get::<_, Option<String>>(3)?
            .and_then(|a| CheckAnswer::from_code(&a)),
        note: r.get(4)?,
    }))
}

fn pairing_row(r: &Row) -> rusqlite::Result<Pairing> {
    Ok(Pairing {
        id: r.get(0)?,
        cohort_id: r.get(1)?,
        mentor_id: r.get(2)?,
        candidate_id: r.get(3)?,
        start: parse_date(r.get(4)?).unwrap_or_default(),
        end: parse_date(r.get(5)?),
        status: PairingStatus::from_code(&r.get::<_, String>(6)?).unwrap_or(PairingStatus::Active),
    })
}

/// A kept count; None for a milestone this version does not know.
fn tally_row(r: &Row) -> rusqlite::Result<Option<OutcomeTally>> {
    let Some(milestone) = Milestone::from_code(&r.get::<_, String>(0)?) else {
        return Ok(None);
    };
    Ok(Some((milestone, r.get(1)?, r.get(2)?)))
}

impl Store {
    /// The rows of a query on one cohort, each through `row` (None: a row of an unknown code,
    /// left out): the one mapping loop of this file's lists.
    fn cohort_rows<T>(
        &self,
        sql: &str,
        cohort_id: Id,
        row: impl Fn(&Row) -> rusqlite::Result<Option<T>>,
    ) -> Result<Vec<T>> {
        Ok(self
            .conn
            .prepare_cached(sql)?
            .query_map([cohort_id], |r| row(r))?
            .filter_map(rusqlite::Result::transpose)
            .collect::<rusqlite::Result<_>>()?)
    }

    /// The contacts of a cohort, oldest first.
    pub fn list_contacts(&self, cohort_id: Id) -> Result<Vec<Contact>> {
        self.cohort_rows(
            "SELECT id, cohort_id, candidate_id, date, kind, with_person, with_whom, note, next_step, next_date
             FROM followup_contact WHERE cohort_id = ?1 ORDER BY date, id",
            cohort_id,
            |r| contact_row(r).map(Some),
        )
    }

    /// Creates (id 0) or updates a contact; returns its id.
    pub fn save_contact(&self, c: &Contact) -> Result<Id> {
        let (date, next) = (date_text(c.date), c.next_date.map(date_text));
        if c.id == 0 {
            self.conn.execute(
                "INSERT INTO followup_contact (cohort_id, candidate_id, date, kind, with_person, with_whom, note, next_step, next_date)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
                params![c.cohort_id, c.candidate_id, date, c.kind.code(), c.with_person, line(&c.with_whom), lines(&c.note), line(&c.next_step), next],
            )?;
            return Ok(self.conn.last_insert_rowid());
        }
        self.conn.execute(
            "UPDATE followup_contact SET date = ?2, kind = ?3, with_person = ?4, with_whom = ?5, note = ?6, next_step = ?7, next_date = ?8
             WHERE id = ?1",
            params![c.id, date, c.kind.code(), c.with_person, line(&c.with_whom), lines(&c.note), line(&c.next_step), next],
        )?;
        Ok(c.id)
    }

    /// The answered checklist items of a cohort.
    pub fn list_checks(&self, cohort_id: Id) -> Result<Vec<CheckEntry>> {
        self.cohort_rows(
            "SELECT cohort_id, candidate_id, item, answer, note FROM release_check WHERE cohort_id = ?1",
            cohort_id,
            check_row,
        )
    }

    /// Writes one checklist item (its answer and note).
    pub fn save_check(&self, e: &CheckEntry) -> Result<()> {
        self.conn.execute(
            "INSERT INTO release_check (cohort_id, candidate_id, item, answer, note) VALUES (?1, ?2, ?3, ?4, ?5)
             ON CONFLICT (cohort_id, candidate_id, item) DO UPDATE SET answer = excluded.answer, note = excluded.note",
            params![e.cohort_id, e.candidate_id, e.item.code(), e.answer.map(|a| a.code()), lines(&e.note)],
        )?;
        Ok(())
    }

    /// The outcomes of a cohort, by candidate then milestone.
    pub fn list_outcomes(&self, cohort_id: Id) -> Result<Vec<Outcome>> {
        self.cohort_rows(
            "SELECT id, cohort_id, candidate_id, milestone, category, employer, start_date, source, source_id, recorded_on
             FROM outcome WHERE cohort_id = ?1 ORDER BY candidate_id, milestone",
            cohort_id,
            |r| outcome_row(r).map(Some),
        )
    }

    /// Records the outcome of a candidate at a milestone (replacing the one recorded there); its id.
    pub fn save_outcome(&self, o: &Outcome) -> Result<Id> {
        self.conn.execute(
            "INSERT INTO outcome (cohort_id, candidate_id, milestone, category, employer, start_date, source, source_id, recorded_on)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)
             ON CONFLICT (cohort_id, candidate_id, milestone) DO UPDATE SET category = excluded.category,
                 employer = excluded.employer, start_date = excluded.start_date, source = excluded.source,
                 source_id = excluded.source_id, recorded_on = excluded.recorded_on",
            params![o.cohort_id, o.candidate_id, o.milestone.code(), line(&o.category), line(&o.employer),
                    o.start.map(date_text), o.source.map(|s| s.code()), o.source_id, date_text(o.recorded_on)],
        )?;
        Ok(self.conn.query_row(
            "SELECT id FROM outcome WHERE cohort_id = ?1 AND candidate_id = ?2 AND milestone = ?3",
            params![o.cohort_id, o.candidate_id, o.milestone.code()],
            |r| r.get(0),
        )?)
    }

    /// The mentor pairings of a cohort, oldest first.
    pub fn list_pairings(&self, cohort_id: Id) -> Result<Vec<Pairing>> {
        self.cohort_rows(
            "SELECT id, cohort_id, mentor_id, candidate_id, start_date, end_date, status
             FROM mentor_pairing WHERE cohort_id = ?1 ORDER BY start_date, id",
            cohort_id,
            |r| pairing_row(r).map(Some),
        )
    }

    /// Creates (id 0) or updates a pairing; returns its id.
    pub fn save_pairing(&self, p: &Pairing) -> Result<Id> {
        let (start, end) = (date_text(p.start), p.end.map(date_text));
        if p.id == 0 {
            self.conn.execute(
                "INSERT INTO mentor_pairing (cohort_id, mentor_id, candidate_id, start_date, end_date, status)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
                params![p.cohort_id, p.mentor_id, p.candidate_id, start, end, p.status.code()],
            )?;
            return Ok(self.conn.last_insert_rowid());
        }
        self.conn.execute(
            "UPDATE mentor_pairing SET mentor_id = ?2, start_date = ?3, end_date = ?4, status = ?5 WHERE id = ?1",
            params![p.id, p.mentor_id, start, end, p.status.code()],
        )?;
        Ok(p.id)
    }

    /// The anonymous outcome counts a purge kept for a cohort.
    pub fn outcome_tallies(&self, cohort_id: Id) -> Result<Vec<OutcomeTally>> {
        self.cohort_rows(
            "SELECT milestone, category, count FROM outcome_tally WHERE cohort_id = ?1 ORDER BY milestone, category",
            cohort_id,
            tally_row,
        )
    }
}

/// Within a purge's transaction: counts the cohort's outcomes into `outcome_tally`, then erases
/// every follow-up row of the cohort.
pub(crate) fn purge_followup(
    tx: &rusqlite::Transaction,
    cohort_id: Id,
    today: NaiveDate,
) -> rusqlite::Result<()> {
    tx.execute(
        "INSERT INTO outcome_tally (cohort_id, milestone, category, count, purged_on)
         SELECT cohort_id, milestone, category, count(*), ?2 FROM outcome WHERE cohort_id = ?1
         GROUP BY milestone, category
         ON CONFLICT (cohort_id, milestone, category) DO UPDATE SET count = count + excluded.count,
             purged_on = excluded.purged_on",
        params![cohort_id, date_text(today)],
    )?;
    for table in [
        "followup_contact",
        "release_check",
        "outcome",
        "mentor_pairing",
    ] {
        tx.execute(
            &format!("DELETE FROM {table} WHERE cohort_id = ?1"),
            [cohort_id],
        )?;
    }
    Ok(())
}

/// SQL terms counting the follow-up rows that still name a person (other cohorts'), for purge.
pub(crate) const PERSON_REFERENCES: &str =
    "(SELECT count(*) FROM followup_contact WHERE candidate_id = ?1 OR with_person = ?1)
     + (SELECT count(*) FROM release_check WHERE candidate_id = ?1)
     + (SELECT count(*) FROM outcome WHERE candidate_id = ?1)
     + (SELECT count(*) FROM mentor_pairing WHERE candidate_id = ?1 OR mentor_id = ?1)";
