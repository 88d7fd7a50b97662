//! Writing the demo cohort in one transaction.

use rusqlite::params;

use super::members::insert_member_tx;
use super::sessions::insert_session_tx;
use super::{NewMember, Result, Store, StoreError, time_text};
use crate::core::demo::Demo;
use crate::core::domain::{Cohort, Id};

impl Store {
    /// The evening demo: the plan played, the clock run to the end, feedback and proposals
    /// (`person_ids` indexed as `demo.members`; tests and benches type a day room by room).
    pub fn write_evening(
        &mut self,
        demo: &Demo,
        e: &crate::core::demo::DemoEvening,
        session: Id,
        person_ids: &[Id],
    ) -> Result<()> {
        use crate::core::clock::ClockEvent;
        use crate::core::feedback::{Feedback, Proposal};
        let panels = self.list_panels(session)?;
        let date = demo.sessions[demo.job_training].date;
        let at = |h: u32, m: u32| date.and_hms_opt(h, m, 0).unwrap_or_default();
        self.add_clock_event(session, &ClockEvent::Start(at(9, 0)))?;
        self.add_clock_event(session, &ClockEvent::End(at(16, 45)))?;
        let mut feedback_ids = Vec::new();
        for f in &e.feedback {
            let Some(p) = panels.get(f.panel) else {
                continue;
            };
            let id = self.save_feedback(&Feedback {
                id: 0,
                session_id: session,
                candidate_id: person_ids[f.candidate],
                round: f.round,
                panel_id: Some(p.id),
                panel_label: p.label.clone(),
                panel_members: p.members.clone(),
                criteria_set: "job_training".into(),
                ratings: f.ratings.clone(),
                strengths: f.strengths.clone(),
                to_work_on: f.to_work_on.clone(),
                advice: f.advice.clone(),
                notes: String::new(),
                opinion: Some(f.opinion.to_string()),
            })?;
            feedback_ids.push((f.candidate, f.panel, id));
        }
        for (candidate, pro, kind, detail) in &e.proposals {
            let feedback_id = feedback_ids
                .iter()
                .find(|(c, p, _)| {
                    c == candidate
                        && panels
                            .get(*p)
                            .is_some_and(|x| x.members.contains(&person_ids[*pro]))
                })
                .map(|(_, _, id)| *id);
            self.save_proposal(&Proposal {
                id: 0,
                session_id: session,
                candidate_id: person_ids[*candidate],
                feedback_id,
                offered_by: Some(person_ids[*pro]),
                kind: kind.to_string(),
                detail: detail.clone(),
                status: "proposed".into(),
            })?;
        }
        Ok(())
    }

    /// Writes the demo into an empty database; returns the job-training session id.
    pub fn write_demo(&mut self, demo: &Demo) -> Result<Id> {
        if self.has_data()? {
            return Err(StoreError::NotEmpty(self.path.clone()));
        }
        self.append_demo(demo)
    }

    /// Writes years of demo cohorts (performance measurements): one per `days_apart`, the last
    /// one's job-training day today, each with actions made of its proposals. Empty database only.
    pub fn write_years(&mut self, seed: u64, today: chrono::NaiveDate, years: u32) -> Result<Id> {
        if self.has_data()? {
            return Err(StoreError::NotEmpty(self.path.clone()));
        }
        let mut last = 0;
        for demo in crate::core::demo::years(seed, today, years) {
            last = self.append_demo(&demo)?;
            let cohort = self.session(last)?.cohort_id;
            let tx = self.conn.transaction()?;
            {
                let mut stmt = tx.prepare(
                    "INSERT INTO action_item (cohort_id, candidate_id, proposal_id, what, owner_id, condition, status)
                     SELECT ?1, p.candidate_id, p.id, p.detail, p.offered_by, 'at_release', 'todo'
                     FROM proposal p JOIN session s ON s.id = p.session_id WHERE s.cohort_id = ?1",
                )?;
                stmt.execute([cohort])?;
            }
            tx.commit()?;
        }
        Ok(last)
    }

    /// Writes one demo cohort beside what the database holds (benches build years of days with it).
    pub fn append_demo(&mut self, demo: &Demo) -> Result<Id> {
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
        // The paths before the sessions: later sessions expect only who is retained or started.
        for (m, change) in &demo.paths {
            super::path::insert_status_on(&tx, cohort_id, person_ids[*m], change)?;
        }
        let mut session_ids = Vec::with_capacity(demo.sessions.len());
        for s in &demo.sessions {
            session_ids.push(insert_session_tx(&tx, &s.session(cohort_id))?);
        }
        for (s, end) in &demo.ends {
            tx.execute(
                "INSERT OR REPLACE INTO session_end (session_id, end_time) VALUES (?1, ?2)",
                params![session_ids[*s], time_text(*end)],
            )?;
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
        // A prospect came to one information meeting: past lists hold only who was marked.
        for (s, session) in demo.sessions.iter().enumerate() {
            if session.kind == crate::core::domain::SessionKind::InfoMeeting
                && session.date < demo.sessions[demo.job_training].date
            {
                tx.execute(
                    "DELETE FROM attendance WHERE session_id = ?1 AND status = 'expected'",
                    [session_ids[s]],
                )?;
            }
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
            "INSERT OR REPLACE INTO app_state (key, value) VALUES ('last_session', ?1)",
            params![job_training.to_string()],
        )?;
        tx.commit()?;
        // The plan is ready in the morning (decisions.md); the evening plays it.
        let panels = self.list_panels(job_training)?;
        let interviews: Vec<crate::store::StoredInterview> = demo
            .plan
            .iter()
            .filter_map(|(round, panel, candidate)| {
                let p = panels.get(*panel)?;
                Some(crate::store::StoredInterview {
                    round: *round,
                    panel_id: Some(p.id),
                    panel_label: p.label.clone(),
                    candidate_id: person_ids[*candidate],
                })
            })
            .collect();
        if !interviews.is_empty() {
            let date = demo.sessions[demo.job_training].date;
            let at = date.and_hms_opt(8, 55, 0).unwrap_or_default();
            self.save_plan(
                job_training,
                &at.format("%Y-%m-%dT%H:%M:%S").to_string(),
                crate::core::plan_history::PlanKind::Generated,
                &interviews,
            )?;
        }
        if let Some(e) = &demo.evening {
            self.write_evening(demo, e, job_training, &person_ids)?;
        }
        self.write_themed(&demo.themed, cohort_id, &person_ids)?;
        Ok(job_training)
    }
}

impl Store {
    /// Writes the demo's follow-up stage: the evening demo, then its contacts, checklist,
    /// outcomes and pairing. Empty database only.
    pub fn write_followup_demo(
        &mut self,
        demo: &Demo,
        fu: &crate::core::demo::followup::DemoFollowup,
    ) -> Result<Id> {
        use crate::core::followup::{CheckEntry, Contact, Outcome, Pairing};
        let session = self.write_demo(demo)?;
        let cohort = self.session(session)?.cohort_id;
        let members = self.list_members(cohort)?;
        // The demo's names are unique: they give back the person ids.
        let id_of = |i: usize| {
            let m = &demo.members[i];
            members
                .iter()
                .find(|s| s.person.first_name == m.first_name && s.person.last_name == m.last_name)
                .map(|s| s.person.id)
        };
        for c in &fu.contacts {
            let Some(candidate) = id_of(c.candidate) else {
                continue;
            };
            self.save_contact(&Contact {
                kind: c.kind,
                with_whom: c.with_whom.into(),
                note: c.note.into(),
                next_step: c.next.0.into(),
                next_date: c.next.1,
                ..Contact::new(cohort, candidate, c.date)
            })?;
        }
        for (cand, item, answer, note) in &fu.checks {
            if let Some(candidate) = id_of(*cand) {
                self.save_check(&CheckEntry {
                    cohort_id: cohort,
                    candidate_id: candidate,
                    item: *item,
                    answer: Some(*answer),
                    note: note.to_string(),
                })?;
            }
        }
        for o in &fu.outcomes {
            if let Some(candidate) = id_of(o.candidate) {
                self.save_outcome(&Outcome {
                    id: 0,
                    cohort_id: cohort,
                    candidate_id: candidate,
                    milestone: o.milestone,
                    category: o.category.into(),
                    employer: o.employer.into(),
                    start: Some(o.start),
                    source: Some(o.source),
                    source_id: None,
                    recorded_on: fu.today,
                })?;
            }
        }
        for (mentor, cand, start, status) in &fu.pairings {
            if let (Some(mentor_id), Some(candidate_id)) = (id_of(*mentor), id_of(*cand)) {
                self.save_pairing(&Pairing {
                    id: 0,
                    cohort_id: cohort,
                    mentor_id,
                    candidate_id,
                    start: *start,
                    end: None,
                    status: *status,
                })?;
            }
        }
        Ok(session)
    }

    /// The demo's themed day: its session, sectors, run of show (the speakers of the pool
    /// linked and present), the participants present and what they said.
    fn write_themed(
        &mut self,
        t: &crate::core::demo::themed::DemoThemed,
        cohort_id: Id,
        person_ids: &[Id],
    ) -> Result<()> {
        use crate::core::attendance::{Attendance, AttendanceStatus};
        let s = &t.session;
        let session_id = self.insert_session(&s.session(cohort_id))?;
        self.set_session_sectors(session_id, &t.sectors)?;
        let links: Vec<crate::core::agenda::SpeakerLink> = t
            .speakers
            .iter()
            .map(|(speaker, m)| crate::core::agenda::SpeakerLink {
                speaker: speaker.clone(),
                person_id: m.and_then(|m| person_ids.get(m).copied()),
                new: None,
            })
            .collect();
        self.import_agenda(session_id, &t.items, &links)?;
        let came = |person_id, minutes_early: i64| Attendance {
            status: AttendanceStatus::Present,
            arrived_at: Some(s.start_time - chrono::Duration::minutes(minutes_early)),
            ..Attendance::expected(session_id, person_id)
        };
        for id in links.iter().filter_map(|l| l.person_id) {
            self.save_attendance(&came(id, 20))?;
        }
        for m in &t.participants {
            if let Some(id) = person_ids.get(*m) {
                self.save_attendance(&came(*id, 5))?;
            }
        }
        for (m, sector, mark, note) in &t.interests {
            if let Some(id) = person_ids.get(*m) {
                self.set_interest(session_id, *id, *sector, Some(*mark), note)?;
            }
        }
        Ok(())
    }
}
