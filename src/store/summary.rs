//! What the grand oral summary of a session is built from: the cohort's rows across its sessions.

use super::{Result, Store};
use crate::core::domain::Id;

impl Store {
    /// Attendance at every session of a cohort.
    pub fn list_cohort_attendance(
        &self,
        cohort_id: Id,
    ) -> Result<Vec<crate::core::attendance::Attendance>> {
        let mut out = Vec::new();
        for s in self.list_sessions(cohort_id)? {
            out.extend(self.list_attendance(s.id)?);
        }
        Ok(out)
    }

    /// The feedback of every job-training session of a cohort (decisions.md: tab 6 works on the cohort).
    pub fn list_cohort_feedback(
        &self,
        cohort_id: Id,
    ) -> Result<Vec<crate::core::feedback::Feedback>> {
        let mut out = Vec::new();
        for s in self.list_sessions(cohort_id)? {
            if s.kind == crate::core::domain::SessionKind::JobTraining {
                out.extend(self.list_feedback(s.id)?);
            }
        }
        Ok(out)
    }

    /// The interviews held in a cohort's job-training sessions: their newest plans (a re-plan drops
    /// the cancelled ones).
    pub fn list_cohort_interviews(
        &self,
        cohort_id: Id,
    ) -> Result<Vec<crate::core::feedback::HeldInterview>> {
        let mut out = Vec::new();
        for s in self.list_sessions(cohort_id)? {
            if s.kind != crate::core::domain::SessionKind::JobTraining {
                continue;
            }
            if let Some(plan) = self.latest_plan(s.id)? {
                out.extend(
                    plan.interviews
                        .iter()
                        .map(|i| crate::core::feedback::HeldInterview {
                            session_id: s.id,
                            candidate_id: i.candidate_id,
                            round: i.round,
                        }),
                );
            }
        }
        Ok(out)
    }

    /// The members a summary shows: not the candidates who did not get in or left (issue 19).
    fn summary_members(&self, cohort: Id) -> Result<Vec<crate::core::domain::Member>> {
        let paths = self.status_histories(cohort)?;
        let status = |p: Id| {
            paths
                .iter()
                .find(|h| h.person_id == p)
                .and_then(|h| crate::core::path::current(&h.changes))
        };
        Ok(self
            .list_members(cohort)?
            .into_iter()
            .filter(|m| crate::core::path::in_summary(m.role, status(m.person.id)))
            .collect())
    }

    /// Everything the grand oral summary of a session is built from.
    pub fn summary_rows(&self, session_id: Id) -> Result<crate::core::summary::SummaryRows> {
        let session = self.session(session_id)?;
        let cohort = self.cohort(session.cohort_id)?;
        // A grand-oral session reports the interviews of its cohort's job-training day (decisions.md).
        let job = self
            .list_sessions(cohort.id)?
            .into_iter()
            .find(|s| s.kind == crate::core::domain::SessionKind::JobTraining)
            .map_or(session_id, |s| s.id);
        Ok(crate::core::summary::SummaryRows {
            sessions: self.list_sessions(cohort.id)?,
            members: self.summary_members(cohort.id)?,
            feedback: self.list_cohort_feedback(cohort.id)?,
            interviews: self.list_cohort_interviews(cohort.id)?,
            proposals: self.list_proposals(cohort.id)?,
            actions: self.list_actions(cohort.id)?,
            attendance: self.list_cohort_attendance(cohort.id)?,
            notes: self.list_cohort_notes(cohort.id)?,
            criteria_set: self.session_settings(job)?.criteria_set,
            cohort,
            session,
        })
    }
}
