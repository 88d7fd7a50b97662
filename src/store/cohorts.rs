//! Cohorts (promotions).

use rusqlite::{Row, params};

use super::{Result, Store, date_text, line, parse_date};
use crate::core::domain::{Cohort, Id};

fn cohort_from_row(r: &Row<'_>) -> rusqlite::Result<Cohort> {
    Ok(Cohort {
        id: r.get(0)?,
        name: r.get(1)?,
        establishment: r.get(2)?,
        start_date: parse_date(r.get(3)?),
        end_date: parse_date(r.get(4)?),
        partners: r.get(5)?,
        archived: r.get(6)?,
    })
}

impl Store {
    /// Cohorts not archived, most recent first.
    pub fn list_cohorts(&self) -> Result<Vec<Cohort>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT id, name, establishment, start_date, end_date, partners, archived
             FROM cohort WHERE archived = 0
             ORDER BY coalesce(start_date, '') DESC, id DESC",
        )?;
        let rows = stmt.query_map([], cohort_from_row)?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// Creates a cohort and returns its id.
    pub fn insert_cohort(&self, c: &Cohort) -> Result<Id> {
        self.conn.execute(
            "INSERT INTO cohort (name, establishment, start_date, end_date, partners, archived)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
            params![
                line(&c.name),
                line(&c.establishment),
                c.start_date.map(date_text),
                c.end_date.map(date_text),
                line(&c.partners),
                c.archived
            ],
        )?;
        Ok(self.conn.last_insert_rowid())
    }

    /// True when the database holds at least one cohort.
    pub fn has_data(&self) -> Result<bool> {
        Ok(self
            .conn
            .query_row("SELECT EXISTS(SELECT 1 FROM cohort)", [], |r| r.get(0))?)
    }
}

impl Store {
    /// Every cohort, archived ones included (for `passerelle list --all`).
    pub fn list_all_cohorts(&self) -> Result<Vec<Cohort>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT id, name, establishment, start_date, end_date, partners, archived
             FROM cohort ORDER BY coalesce(start_date, '') DESC, id DESC",
        )?;
        let rows = stmt.query_map([], cohort_from_row)?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// One cohort.
    pub fn cohort(&self, id: Id) -> Result<Cohort> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT id, name, establishment, start_date, end_date, partners, archived
             FROM cohort WHERE id = ?1",
        )?;
        match stmt.query_row([id], cohort_from_row) {
            Ok(c) => Ok(c),
            Err(rusqlite::Error::QueryReturnedNoRows) => Err(super::StoreError::NotFound),
            Err(e) => Err(e.into()),
        }
    }

    /// Writes a cohort's fields.
    pub fn update_cohort(&self, c: &Cohort) -> Result<()> {
        let n = self.conn.execute(
            "UPDATE cohort SET name = ?2, establishment = ?3, start_date = ?4, end_date = ?5,
                    partners = ?6, archived = ?7 WHERE id = ?1",
            params![
                c.id,
                line(&c.name),
                line(&c.establishment),
                c.start_date.map(date_text),
                c.end_date.map(date_text),
                line(&c.partners),
                c.archived
            ],
        )?;
        if n == 0 {
            return Err(super::StoreError::NotFound);
        }
        Ok(())
    }

    /// Archives (hides, keeps) or brings back a cohort.
    pub fn set_cohort_archived(&self, id: Id, archived: bool) -> Result<()> {
        self.conn.execute(
            "UPDATE cohort SET archived = ?2 WHERE id = ?1",
            params![id, archived],
        )?;
        Ok(())
    }
}
