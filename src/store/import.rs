//! Applying a roster import: all rows in one transaction, or none.

use chrono::NaiveDate;
use rusqlite::params;

use super::members::insert_member_tx;
use super::{NewMember, Result, Store, date_text, line, lines};
use crate::core::domain::{Id, Role, Sector, SensitiveDetails, SessionKind};
use crate::core::import::{Change, staff_role_of};

impl Store {
    /// Writes an import plan into a cohort; everyone imported joins the expected lists of the
    /// cohort's sessions from `today` on (by kind), and of `session` if given.
    pub fn apply_import(
        &mut self,
        cohort_id: Id,
        changes: &[Change],
        session: Option<Id>,
        today: NaiveDate,
    ) -> Result<()> {
        let tx = self.conn.transaction()?;
        // The sessions people join are read once, not once per row.
        let upcoming: Vec<(Id, SessionKind)> = tx
            .prepare_cached("SELECT id, kind FROM session WHERE cohort_id = ?1 AND date >= ?2")?
            .query_map(params![cohort_id, date_text(today)], |r| {
                Ok((r.get(0)?, r.get::<_, String>(1)?))
            })?
            .collect::<rusqlite::Result<Vec<_>>>()?
            .into_iter()
            .filter_map(|(id, k)| SessionKind::from_code(&k).map(|k| (id, k)))
            .collect();
        for change in changes {
            let row = change.row();
            let (person_id, role) = match change {
                Change::Add(row) => {
                    let role = row.role.unwrap_or(Role::Candidate);
                    let id = insert_member_tx(
                        &tx,
                        cohort_id,
                        &NewMember {
                            first_name: row.first_name.clone(),
                            last_name: row.last_name.clone(),
                            organisation: row.organisation.clone().unwrap_or_default(),
                            role: Some(role),
                            staff_role: staff_role_of(row, None),
                            sectors: row.sectors.clone().unwrap_or_default(),
                            project: row.project.clone().unwrap_or_default(),
                            target_area: row.area.clone().unwrap_or_default(),
                            sensitive: SensitiveDetails {
                                release_date: row.release_date,
                                housing: row.housing.clone().unwrap_or_default(),
                                judicial_notes: row.judicial_notes.clone().unwrap_or_default(),
                            },
                            phone: row.phone.clone().unwrap_or_default(),
                            email: row.email.clone().unwrap_or_default(),
                            external_id: row.external_id.clone(),
                        },
                    )?;
                    (id, role)
                }
                Change::Update { person_id, .. } | Change::Same { person_id, .. } => {
                    let id = *person_id;
                    let current: (String, Option<String>) = tx.query_row(
                        "SELECT role, staff_role FROM membership WHERE cohort_id = ?1 AND person_id = ?2",
                        params![cohort_id, id],
                        |r| Ok((r.get(0)?, r.get(1)?)),
                    )?;
                    let current_role = Role::from_code(&current.0).unwrap_or(Role::Candidate);
                    let role = row.role.unwrap_or(current_role);
                    let staff = staff_role_of(
                        row,
                        current
                            .1
                            .as_deref()
                            .and_then(crate::core::domain::StaffRole::from_code),
                    );
                    tx.execute(
                        "UPDATE person SET first_name = coalesce(?2, first_name), last_name = coalesce(?3, last_name),
                            organisation = coalesce(?4, organisation), phone = coalesce(?5, phone),
                            email = coalesce(?6, email), external_id = coalesce(?7, external_id)
                         WHERE id = ?1",
                        params![
                            id,
                            line(&names(change).0),
                            line(&names(change).1),
                            line(&row.organisation),
                            line(&row.phone),
                            line(&row.email),
                            line(&row.external_id)
                        ],
                    )?;
                    tx.execute(
                        "UPDATE membership SET role = ?3, staff_role = ?4,
                            sectors = coalesce(?5, sectors), project = coalesce(?6, project),
                            target_area = coalesce(?7, target_area), archived = 0
                         WHERE cohort_id = ?1 AND person_id = ?2",
                        params![
                            cohort_id,
                            id,
                            role.code(),
                            staff.map(|s| s.code()),
                            row.sectors.as_ref().map(|s| Sector::join_codes(s)),
                            line(&row.project),
                            line(&row.area)
                        ],
                    )?;
                    let any_sensitive = row.release_date.is_some()
                        || row.housing.is_some()
                        || row.judicial_notes.is_some();
                    if role == Role::Candidate && any_sensitive {
                        tx.execute(
                            "INSERT INTO candidate_sensitive (cohort_id, person_id, release_date, housing, judicial_notes)
                             VALUES (?1, ?2, ?3, coalesce(?4, ''), coalesce(?5, ''))
                             ON CONFLICT(cohort_id, person_id) DO UPDATE SET
                                release_date = coalesce(?3, release_date),
                                housing = coalesce(?4, housing),
                                judicial_notes = coalesce(?5, judicial_notes)",
                            params![
                                cohort_id,
                                id,
                                row.release_date.map(date_text),
                                line(&row.housing),
                                lines(&row.judicial_notes)
                            ],
                        )?;
                    }
                    (id, role)
                }
            };
            let mut expect = tx.prepare_cached(
                "INSERT OR IGNORE INTO attendance (session_id, person_id, status, expected)
                 VALUES (?1, ?2, 'expected', 1)",
            )?;
            for (sid, kind) in &upcoming {
                if kind.default_expected().contains(&role) {
                    expect.execute(params![sid, person_id])?;
                }
            }
            if let Some(sid) = session {
                expect.execute(params![sid, person_id])?;
            }
        }
        tx.commit()?;
        Ok(())
    }
}

/// The names to store: the file's spelling only when the change says the name changed.
fn names(change: &Change) -> (Option<String>, Option<String>) {
    let Change::Update { changes, row, .. } = change else {
        return (None, None);
    };
    let first = changes
        .iter()
        .any(|c| c.field == "import.field_first_name")
        .then(|| row.first_name.clone());
    let last = changes
        .iter()
        .any(|c| c.field == "import.field_last_name")
        .then(|| row.last_name.clone());
    (first, last)
}
