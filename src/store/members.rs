//! People and their membership (role) in cohorts.

use rusqlite::{Row, params};

use super::{Result, Store, date_text, line, lines, parse_date};
use crate::core::domain::{
    Id, Member, NewMember, Person, Role, Sector, SensitiveDetails, StaffRole,
};

fn member_from_row(r: &Row<'_>) -> rusqlite::Result<Member> {
    let role: String = r.get(6)?;
    let staff_role: Option<String> = r.get(7)?;
    let sectors: String = r.get(8)?;
    Ok(Member {
        person: Person {
            id: r.get(0)?,
            first_name: r.get(1)?,
            last_name: r.get(2)?,
            organisation: r.get(3)?,
            phone: r.get(4)?,
            email: r.get(5)?,
            external_id: r.get(15)?,
        },
        role: Role::from_code(&role).unwrap_or(Role::Staff),
        staff_role: staff_role.as_deref().and_then(StaffRole::from_code),
        sectors: Sector::parse_codes(&sectors),
        project: r.get(9)?,
        target_area: r.get(10)?,
        archived: r.get(11)?,
        sensitive: SensitiveDetails {
            release_date: parse_date(r.get(12)?),
            housing: r.get::<_, Option<String>>(13)?.unwrap_or_default(),
            judicial_notes: r.get::<_, Option<String>>(14)?.unwrap_or_default(),
        },
    })
}

impl Store {
    /// Everyone in a cohort (archived included, for history), by role then name.
    pub fn list_members(&self, cohort_id: Id) -> Result<Vec<Member>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT p.id, p.first_name, p.last_name, p.organisation, p.phone, p.email,
                    m.role, m.staff_role, m.sectors, m.project, m.target_area, m.archived,
                    s.release_date, s.housing, s.judicial_notes, p.external_id
             FROM membership m
             JOIN person p ON p.id = m.person_id
             LEFT JOIN candidate_sensitive s
                    ON s.cohort_id = m.cohort_id AND s.person_id = m.person_id
             WHERE m.cohort_id = ?1",
        )?;
        let rows = stmt.query_map([cohort_id], member_from_row)?;
        let mut members: Vec<Member> = rows.collect::<rusqlite::Result<_>>()?;
        // French order is sorted here, not in SQL: SQLite's NOCASE knows neither Œ nor accents.
        members.sort_by_cached_key(|m| {
            (
                m.role,
                crate::core::text::name_key(&m.person.last_name, &m.person.first_name),
            )
        });
        Ok(members)
    }

    /// Creates a person and their membership of a cohort; returns the person's id.
    pub fn insert_member(&mut self, cohort_id: Id, m: &NewMember) -> Result<Id> {
        let tx = self.conn.transaction()?;
        let id = insert_member_tx(&tx, cohort_id, m)?;
        tx.commit()?;
        Ok(id)
    }
}

/// Inserts a person and membership inside a caller's transaction.
pub(crate) fn insert_member_tx(
    tx: &rusqlite::Transaction<'_>,
    cohort_id: Id,
    m: &NewMember,
) -> Result<Id> {
    tx.execute(
        "INSERT INTO person (first_name, last_name, organisation, phone, email, external_id)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
        params![
            line(&m.first_name).trim(),
            line(&m.last_name).trim(),
            line(&m.organisation).trim(),
            line(&m.phone).trim(),
            line(&m.email).trim(),
            line(&m.external_id)
        ],
    )?;
    let person_id = tx.last_insert_rowid();
    let role = m.role.unwrap_or(Role::Candidate);
    tx.execute(
        "INSERT INTO membership (cohort_id, person_id, role, staff_role, sectors, project, target_area)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
        params![
            cohort_id,
            person_id,
            role.code(),
            m.staff_role.map(StaffRole::code),
            Sector::join_codes(&m.sectors),
            line(&m.project),
            line(&m.target_area)
        ],
    )?;
    if role == Role::Candidate && m.sensitive != SensitiveDetails::default() {
        tx.execute(
            "INSERT INTO candidate_sensitive (cohort_id, person_id, release_date, housing, judicial_notes)
             VALUES (?1, ?2, ?3, ?4, ?5)",
            params![
                cohort_id,
                person_id,
                m.sensitive.release_date.map(date_text),
                line(&m.sensitive.housing),
                lines(&m.sensitive.judicial_notes)
            ],
        )?;
    }
    Ok(person_id)
}

impl Store {
    /// Writes a member's fields (person, role in the cohort, sensitive details when `with_sensitive`).
    pub fn update_member(
        &mut self,
        cohort_id: Id,
        person_id: Id,
        m: &NewMember,
        with_sensitive: bool,
    ) -> Result<()> {
        let tx = self.conn.transaction()?;
        tx.execute(
            "UPDATE person SET first_name = ?2, last_name = ?3, organisation = ?4, phone = ?5, email = ?6
             WHERE id = ?1",
            params![
                person_id,
                line(&m.first_name).trim(),
                line(&m.last_name).trim(),
                line(&m.organisation).trim(),
                line(&m.phone).trim(),
                line(&m.email).trim()
            ],
        )?;
        let role = m.role.unwrap_or(Role::Candidate);
        tx.execute(
            "UPDATE membership SET role = ?3, staff_role = ?4, sectors = ?5, project = ?6, target_area = ?7
             WHERE cohort_id = ?1 AND person_id = ?2",
            params![
                cohort_id,
                person_id,
                role.code(),
                m.staff_role.map(StaffRole::code),
                Sector::join_codes(&m.sectors),
                line(&m.project).trim(),
                line(&m.target_area).trim()
            ],
        )?;
        if with_sensitive && role == Role::Candidate {
            tx.execute(
                "INSERT INTO candidate_sensitive (cohort_id, person_id, release_date, housing, judicial_notes)
                 VALUES (?1, ?2, ?3, ?4, ?5)
                 ON CONFLICT(cohort_id, person_id) DO UPDATE SET release_date = excluded.release_date,
                    housing = excluded.housing, judicial_notes = excluded.judicial_notes",
                params![
                    cohort_id,
                    person_id,
                    m.sensitive.release_date.map(date_text),
                    line(&m.sensitive.housing).trim(),
                    lines(&m.sensitive.judicial_notes).trim()
                ],
            )?;
        }
        tx.commit()?;
        Ok(())
    }

    /// Archives (or brings back) a member: kept with their history, hidden from lists.
    pub fn set_member_archived(&self, cohort_id: Id, person_id: Id, archived: bool) -> Result<()> {
        self.conn.execute(
            "UPDATE membership SET archived = ?3 WHERE cohort_id = ?1 AND person_id = ?2",
            params![cohort_id, person_id, archived],
        )?;
        Ok(())
    }
}

impl Store {
    /// (candidate, professional) pairs that must not meet in a cohort.
    pub fn forbidden_pairs(&self, cohort_id: Id) -> Result<Vec<(Id, Id)>> {
        Ok(self
            .conn
            .prepare_cached(
                "SELECT candidate_id, professional_id FROM forbidden_pair WHERE cohort_id = ?1
                 ORDER BY candidate_id, professional_id",
            )?
            .query_map([cohort_id], |r| Ok((r.get(0)?, r.get(1)?)))?
            .collect::<rusqlite::Result<_>>()?)
    }

    /// Replaces the professionals a candidate must not meet.
    pub fn set_forbidden(
        &mut self,
        cohort_id: Id,
        candidate_id: Id,
        professionals: &[Id],
    ) -> Result<()> {
        let tx = self.conn.transaction()?;
        tx.execute(
            "DELETE FROM forbidden_pair WHERE cohort_id = ?1 AND candidate_id = ?2",
            params![cohort_id, candidate_id],
        )?;
        for pro in professionals {
            tx.execute(
                "INSERT OR IGNORE INTO forbidden_pair (cohort_id, candidate_id, professional_id) VALUES (?1, ?2, ?3)",
                params![cohort_id, candidate_id, pro],
            )?;
        }
        tx.commit()?;
        Ok(())
    }
}
