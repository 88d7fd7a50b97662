//! What the screens show, loaded from the store for the chosen cohort and session.

use crate::core::attendance::{Attendance, Counts};
use crate::core::domain::{Cohort, Id, Member, Role, Session};
use crate::store::{Result, Store};

/// The loaded data of the application.
#[derive(Debug, Clone, Default)]
pub struct Data {
    /// Cohorts, most recent first.
    pub cohorts: Vec<Cohort>,
    /// The cohort in use.
    pub cohort: Option<Id>,
    /// Its sessions in date order.
    pub sessions: Vec<Session>,
    /// The session in use.
    pub session: Option<Id>,
    /// Members of the cohort in use.
    pub members: Vec<Member>,
    /// Attendance list of the session in use.
    pub attendance: Vec<Attendance>,
}

impl Data {
    /// Loads everything for `session` (or the last one used, or the first cohort).
    pub fn load(store: &Store, session: Option<Id>) -> Result<Data> {
        let cohorts = store.list_cohorts()?;
        let session = match session {
            Some(id) => Some(id),
            None => store.last_session()?,
        };
        let session_row = match session {
            Some(id) => store.session(id).ok(),
            None => None,
        };
        let cohort = session_row
            .as_ref()
            .map(|s| s.cohort_id)
            .or_else(|| cohorts.first().map(|c| c.id));
        let mut data = Data {
            cohorts,
            cohort,
            session: session_row.as_ref().map(|s| s.id),
            ..Data::default()
        };
        if let Some(c) = cohort {
            data.sessions = store.list_sessions(c)?;
            data.members = store.list_members(c)?;
        }
        if let Some(s) = data.session {
            data.attendance = store.list_attendance(s)?;
        }
        Ok(data)
    }

    /// The cohort in use.
    pub fn current_cohort(&self) -> Option<&Cohort> {
        self.cohorts.iter().find(|c| Some(c.id) == self.cohort)
    }

    /// The session in use.
    pub fn current_session(&self) -> Option<&Session> {
        self.sessions.iter().find(|s| Some(s.id) == self.session)
    }

    /// A member of the cohort in use.
    pub fn member(&self, person_id: Id) -> Option<&Member> {
        self.members.iter().find(|m| m.person.id == person_id)
    }

    /// The attendance record of a person at the session in use.
    pub fn attendance_of(&self, person_id: Id) -> Option<&Attendance> {
        self.attendance.iter().find(|a| a.person_id == person_id)
    }

    /// Replaces (or adds) a record in memory after it was written.
    pub fn put_attendance(&mut self, record: Attendance) {
        match self
            .attendance
            .iter_mut()
            .find(|a| a.person_id == record.person_id)
        {
            Some(slot) => *slot = record,
            None => self.attendance.push(record),
        }
    }

    /// Removes a record from memory.
    pub fn remove_attendance(&mut self, person_id: Id) {
        self.attendance.retain(|a| a.person_id != person_id);
    }

    /// Counts per role for the session in use.
    pub fn counts(&self) -> Counts {
        Counts::tally(
            self.attendance
                .iter()
                .filter_map(|a| self.member(a.person_id).map(|m| (m.role, a.status))),
        )
    }

    /// The people on the session's list, grouped by role and sorted by name (members' order).
    pub fn listed(&self) -> Vec<(&Member, &Attendance)> {
        let mut out = Vec::with_capacity(self.attendance.len());
        for role in Role::ALL {
            for m in self.members.iter().filter(|m| m.role == role) {
                if let Some(a) = self.attendance_of(m.person.id) {
                    out.push((m, a));
                }
            }
        }
        out
    }
}
