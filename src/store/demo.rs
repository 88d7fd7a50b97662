//! Writing the demo cohort in one transaction.

use rusqlite::params;

use super::members::insert_member_tx;
use super::sessions::insert_session_tx;
use super::{NewMember, NewSession, Result, Store, StoreError, time_text};
use crate::core::demo::Demo;
use crate::core::domain::{Cohort, Id};

impl Store {
    /// Writes the demo into an empty database; returns the job-training session id.
    pub fn write_demo(&mut self, demo: &Demo) -> Result<Id> {
        if self.has_data()? {
            return Err(StoreError::NotEmpty(self.path.clone()));
        }
        let cohort_id = self.insert_cohort(&Cohort {
            id: 0,
            name: demo.cohort.name.clone(),
            establishment: demo.cohort.establishment.clone(),
            start_date: Some(demo.cohort.start_date),
            end_date: Some(demo.cohort.end_date),
            partners: demo.cohort.partners.clone(),
            archived: false,
        })?;
        let tx = self.conn.transaction()?;
        let mut person_ids = Vec::with_capacity(demo.members.len());
        for m in &demo.members {
            person_ids.push(insert_member_tx(
                &tx,
                cohort_id,
                &NewMember {
                    first_name: m.first_name.clone(),
                    last_name: m.last_name.clone(),
                    organisation: m.organisation.clone(),
                    role: Some(m.role),
                    staff_role: m.staff_role,
                    sectors: m.sectors.clone(),
                    project: m.project.clone(),
                    target_area: m.target_area.clone(),
                    sensitive: m.sensitive.clone(),
                    ..NewMember::default()
                },
            )?);
        }
        let mut session_ids = Vec::with_capacity(demo.sessions.len());
        for s in &demo.sessions {
            session_ids.push(insert_session_tx(
                &tx,
                &NewSession {
                    cohort_id,
                    kind: s.kind,
                    date: s.date,
                    start_time: Some(s.start_time),
                    place: s.place.clone(),
                    title: s.title.clone(),
                },
            )?);
        }
        for mark in &demo.marks {
            tx.execute(
                "UPDATE attendance SET status = ?3, arrived_at = ?4, left_at = ?5, reason = ?6
                 WHERE session_id = ?1 AND person_id = ?2",
                params![
                    session_ids[mark.session],
                    person_ids[mark.member],
                    mark.status.code(),
                    mark.arrived_at.map(time_text),
                    mark.left_at.map(time_text),
                    mark.reason
                ],
            )?;
        }
        let job_training = session_ids[demo.job_training];
        for (position, (table, members)) in demo.panels.iter().enumerate() {
            let names: Vec<&str> = members
                .iter()
                .map(|m| demo.members[*m].last_name.as_str())
                .collect();
            tx.execute(
                "INSERT INTO panel (session_id, position, label, table_name) VALUES (?1, ?2, ?3, ?4)",
                params![job_training, position as i64 + 1, crate::core::panels::label(&names), table],
            )?;
            let panel = tx.last_insert_rowid();
            for m in members {
                tx.execute(
                    "INSERT INTO panel_member (panel_id, session_id, person_id) VALUES (?1, ?2, ?3)",
                    params![panel, job_training, person_ids[*m]],
                )?;
            }
        }
        tx.execute(
            "INSERT INTO app_state (key, value) VALUES ('last_session', ?1)",
            params![job_training.to_string()],
        )?;
        tx.commit()?;
        Ok(job_training)
    }
}
