//! What the screens show, loaded from the store for the chosen cohort and session.

use crate::core::attendance::{Attendance, Counts};
use crate::core::domain::{Cohort, Id, Member, Panel, Role, Session, SessionKind};
use crate::core::feedback::CriteriaSets;
use crate::core::settings::SessionSettings;
use crate::store::{Result, SessionState, Store};

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
    /// One-line states of the cohort's sessions.
    pub states: Vec<SessionState>,
    /// Settings of the cohort's job-training sessions.
    pub settings: Vec<(Id, SessionSettings)>,
    /// Binômes of the session in use.
    pub panels: Vec<Panel>,
    /// The newest rotation plan of the session in use.
    pub plan: Option<crate::core::plan_history::StoredPlan>,
    /// The clock's events for the session in use.
    pub clock: Vec<crate::core::clock::ClockEvent>,
    /// Sheets printed for the session in use: (sheet code, last printed at, ISO local time).
    pub prints: Vec<(String, String)>,
    /// (candidate, professional) pairs that must not meet.
    pub forbidden: Vec<(Id, Id)>,
    /// Feedback of the session in use.
    pub feedback: Vec<crate::core::feedback::Feedback>,
    /// Proposals made to the cohort's candidates.
    pub proposals: Vec<crate::core::feedback::Proposal>,
    /// Staff notes of the session in use.
    pub notes: Vec<crate::core::feedback::Note>,
    /// Cohort-wide rows the grand oral summary is built from (tab 6).
    pub oral: OralRows,
    /// The cohort's follow-up after the grand oral (tab 7).
    pub followup: FollowupRows,
    /// The cohort's path (issue 19): everyone's status history, the funnel, the target size.
    pub path: PathRows,
    /// The run of show of the session in use, when it is a themed day (issue 22).
    pub agenda: Vec<crate::store::StoredItem>,
    /// Sectors and interest of the cohort's themed days (issue 22).
    pub themed: ThemedRows,
    /// Unresolved feedback conflicts of the session in use: two laptops, one interview (issue 23).
    pub feedback_conflicts: Vec<crate::store::FeedbackConflict>,
}

/// What the themed days of the cohort in use say (issue 22).
#[derive(Debug, Clone, Default)]
pub struct ThemedRows {
    /// The sectors the session in use presents (a themed day).
    pub sectors: Vec<crate::core::domain::Sector>,
    /// The interest marks of the session in use.
    pub interests: Vec<crate::store::InterestMark>,
    /// For each themed day of the cohort, the participants interested by sector.
    pub counts: Vec<(Id, crate::core::domain::Sector, usize)>,
    /// The sectors each cohort offers (its professionals'), when a themed day is in use.
    pub offers: Vec<(Id, crate::core::domain::Sector)>,
}

impl ThemedRows {
    /// The mark of a participant for a sector at the session in use, with its note.
    pub fn mark(
        &self,
        person: Id,
        sector: crate::core::domain::Sector,
    ) -> Option<&crate::store::InterestMark> {
        self.interests
            .iter()
            .find(|m| m.person_id == person && m.sector == sector)
    }

    /// The cohort that people interested in `sector` at a themed day on `day` join, if any.
    pub fn next_cohort<'a>(
        &self,
        cohorts: &'a [crate::core::domain::Cohort],
        sector: crate::core::domain::Sector,
        day: chrono::NaiveDate,
    ) -> Option<&'a crate::core::domain::Cohort> {
        crate::core::agenda::next_cohort(cohorts, &self.offers, sector, day)
    }

    /// The interested counts of one themed day, by sector.
    pub fn counts_of(&self, session: Id) -> Vec<(crate::core::domain::Sector, usize)> {
        self.counts
            .iter()
            .filter(|(s, _, _)| *s == session)
            .map(|(_, sector, n)| (*sector, *n))
            .collect()
    }
}

/// The cohort's follow-up: contacts, checklist answers, outcomes, mentor pairings.
#[derive(Debug, Clone, Default)]
pub struct FollowupRows {
    /// Contacts, oldest first.
    pub contacts: Vec<crate::core::followup::Contact>,
    /// Answered checklist items.
    pub checks: Vec<crate::core::followup::CheckEntry>,
    /// Outcomes.
    pub outcomes: Vec<crate::core::followup::Outcome>,
    /// Mentor pairings.
    pub pairings: Vec<crate::core::followup::Pairing>,
}

impl Data {
    /// The candidates the follow-up is about: of the programme, not archived (the worklist's
    /// people, and Suivi's « other candidates »).
    pub fn followed(&self) -> impl Iterator<Item = &Member> {
        self.members
            .iter()
            .filter(|m| m.role == Role::Candidate && !m.archived)
            // Prospects not (or not yet) selected are not followed (issue 19).
            .filter(|m| {
                self.path
                    .status(m.person.id)
                    .is_none_or(|s| s.in_programme() || s == crate::core::path::Status::Completed)
            })
    }

    /// What is due today on the follow-up worklist (default thresholds), archived candidates left out.
    pub fn worklist(&self, today: chrono::NaiveDate) -> Vec<crate::core::followup::WorkItem> {
        use crate::core::followup::{Followed, WorklistRules, worklist};
        let people: Vec<Followed> = self
            .followed()
            .map(|m| Followed {
                candidate_id: m.person.id,
                release: m.sensitive.release_date,
            })
            .collect();
        let rows = &self.followup;
        let mut items = worklist(
            today,
            WorklistRules::default(),
            &people,
            &rows.contacts,
            &rows.outcomes,
            &self.oral.actions,
        );
        // The follow-up begins with the grand oral: before it, silence and unknown release dates
        // are not yet work (the morning of the job training is not « 24 sans contact »).
        let after_oral = self
            .sessions
            .iter()
            .any(|s| s.kind == crate::core::domain::SessionKind::GrandOral && s.date <= today);
        if !after_oral {
            use crate::core::followup::Due;
            items.retain(|i| !matches!(i.due, Due::NoContact { .. } | Due::ReleaseUnknown));
        }
        items
    }
}

impl FollowupRows {
    /// Loads the rows of a cohort.
    pub fn load(store: &Store, cohort: Id) -> Result<FollowupRows> {
        Ok(FollowupRows {
            contacts: store.list_contacts(cohort)?,
            checks: store.list_checks(cohort)?,
            outcomes: store.list_outcomes(cohort)?,
            pairings: store.list_pairings(cohort)?,
        })
    }
}

/// The cohort's path as the screens show it (issue 19).
#[derive(Debug, Clone, Default)]
pub struct PathRows {
    /// Everyone's status history, oldest change first.
    pub histories: Vec<crate::core::path::PersonPath>,
    /// The funnel (with what a purge kept).
    pub funnel: crate::core::path::Funnel,
    /// How many the cohort means to retain.
    pub target: usize,
    /// End times of the cohort's sessions that have one.
    pub ends: Vec<(Id, chrono::NaiveTime)>,
}

impl PathRows {
    /// Loads the path of a cohort.
    pub fn load(store: &Store, cohort: Id) -> Result<PathRows> {
        Ok(PathRows {
            histories: store.status_histories(cohort)?,
            funnel: store.funnel(cohort)?,
            target: store.target_size(cohort)?,
            ends: store.session_ends(cohort)?,
        })
    }

    /// A person's history (empty when none is recorded).
    pub fn history(&self, person: Id) -> &[crate::core::path::Change] {
        self.histories
            .iter()
            .find(|p| p.person_id == person)
            .map_or(&[], |p| p.changes.as_slice())
    }

    /// A person's current status.
    pub fn status(&self, person: Id) -> Option<crate::core::path::Status> {
        crate::core::path::current(self.history(person))
    }

    /// The members a summary shows (candidates who did not get in or left are not).
    pub fn summary_members(&self, members: &[Member]) -> Vec<Member> {
        members
            .iter()
            .filter(|m| crate::core::path::in_summary(m.role, self.status(m.person.id)))
            .cloned()
            .collect()
    }

    /// A session's end time, if set.
    pub fn end(&self, session: Id) -> Option<chrono::NaiveTime> {
        self.ends
            .iter()
            .find(|(s, _)| *s == session)
            .map(|(_, t)| *t)
    }
}

/// Cohort-wide rows of the grand oral: every job-training interview, attendance, note and action.
#[derive(Debug, Clone, Default)]
pub struct OralRows {
    /// Feedback of the cohort's job-training sessions.
    pub feedback: Vec<crate::core::feedback::Feedback>,
    /// The interviews held in those sessions.
    pub interviews: Vec<crate::core::feedback::HeldInterview>,
    /// Attendance at all the cohort's sessions.
    pub attendance: Vec<Attendance>,
    /// Staff notes of all the cohort's sessions.
    pub notes: Vec<crate::core::feedback::Note>,
    /// The cohort's action items.
    pub actions: Vec<crate::core::actions::ActionItem>,
}

impl OralRows {
    /// Loads the rows of a cohort.
    pub fn load(store: &Store, cohort: Id) -> Result<OralRows> {
        Ok(OralRows {
            feedback: store.list_cohort_feedback(cohort)?,
            interviews: store.list_cohort_interviews(cohort)?,
            attendance: store.list_cohort_attendance(cohort)?,
            notes: store.list_cohort_notes(cohort)?,
            actions: store.list_actions(cohort)?,
        })
    }
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
            data.load_cohort(store, c)?;
        }
        if let Some(s) = data.session {
            data.attendance = store.list_attendance(s)?;
            data.panels = store.list_panels(s)?;
            data.plan = store.latest_plan(s)?;
            data.clock = store.clock_events(s)?;
            data.prints = store.prints(s)?;
            data.feedback = store.list_feedback(s)?;
            data.notes = store.list_notes(s)?;
            data.feedback_conflicts = store.feedback_conflicts(s)?;
            if data.current_session().map(|s| s.kind) == Some(SessionKind::ThemedDay) {
                data.agenda = store.agenda_items(s)?;
                data.themed.sectors = store.session_sectors(s)?;
                data.themed.interests = store.interests(s)?;
                data.themed.offers = store.cohort_offers()?;
            }
        }
        Ok(data)
    }

    /// Loads a cohort's sessions, their states and settings, and its members.
    pub fn load_cohort(&mut self, store: &Store, cohort: Id) -> Result<()> {
        self.cohort = Some(cohort);
        self.sessions = store.list_sessions(cohort)?;
        self.members = store.list_members(cohort)?;
        self.states = store.session_states(cohort)?;
        self.forbidden = store.forbidden_pairs(cohort)?;
        self.proposals = store.list_proposals(cohort)?;
        self.oral = OralRows::load(store, cohort)?;
        self.followup = FollowupRows::load(store, cohort)?;
        self.path = PathRows::load(store, cohort)?;
        self.themed.counts = store.interest_counts(cohort)?;
        self.settings = Vec::new();
        for s in self
            .sessions
            .iter()
            .filter(|s| s.kind == SessionKind::JobTraining)
        {
            self.settings.push((s.id, store.session_settings(s.id)?));
        }
        Ok(())
    }

    /// The settings of a session (defaults when none were saved).
    pub fn settings_of(&self, session: Id) -> SessionSettings {
        self.settings
            .iter()
            .find(|(id, _)| *id == session)
            .map(|(_, s)| s.clone())
            .unwrap_or_default()
    }

    /// The state line figures of a session.
    pub fn state_of(&self, session: Id) -> Option<&SessionState> {
        self.states.iter().find(|s| s.session_id == session)
    }

    /// The day's timetable: the plan's rounds with the session's settings.
    pub fn timetable(&self) -> Option<crate::core::clock::Timetable> {
        let settings = self.settings_of(self.session?);
        // A themed day runs its run of show on the same clock: one phase per item.
        if !self.agenda.is_empty() {
            return Some(crate::core::agenda::timetable(
                &self.agenda_items(),
                &settings,
            ));
        }
        let plan = self.plan.as_ref()?;
        Some(crate::core::clock::Timetable::new(
            plan.rounds() as usize,
            &settings,
        ))
    }

    /// Minutes the run of show of the themed day in use runs past its session's slot (start to
    /// end time), if it does.
    pub fn agenda_overrun(&self, session: Id) -> Option<u32> {
        if self.session != Some(session) {
            return None;
        }
        let s = self.sessions.iter().find(|s| s.id == session)?;
        let slot = crate::core::agenda::slot_minutes(s.start_time, self.path.end(session))?;
        crate::core::agenda::overrun_minutes(&self.agenda_items(), slot)
    }

    /// The items of the themed day's run of show, in order.
    pub fn agenda_items(&self) -> Vec<crate::core::agenda::AgendaItem> {
        self.agenda.iter().map(|s| s.item.clone()).collect()
    }

    /// Where the day stands at `now` (None without a plan or a run of show).
    pub fn clock_position(
        &self,
        now: chrono::NaiveDateTime,
    ) -> Option<crate::core::clock::Position> {
        let tt = self.timetable()?;
        Some(crate::core::clock::position(&tt, &self.clock, now))
    }

    /// The session tab 6 summarises: the one in use if it is a job training or grand oral, else the
    /// cohort's grand oral, else its job training.
    pub fn oral_session(&self) -> Option<&Session> {
        self.current_session()
            .filter(|s| crate::core::summary::summarises(s.kind))
            .or_else(|| {
                self.sessions
                    .iter()
                    .find(|s| s.kind == SessionKind::GrandOral)
            })
            .or_else(|| {
                self.sessions
                    .iter()
                    .find(|s| s.kind == SessionKind::JobTraining)
            })
    }

    /// Runs `f` on the cohort's summary input (None without a cohort or a summarised session).
    fn with_summary_input<R>(
        &self,
        sets: &CriteriaSets,
        f: impl FnOnce(&crate::core::summary::SummaryInput) -> R,
    ) -> Option<R> {
        let session = self.oral_session()?;
        let cohort = self.current_cohort()?;
        let job = self
            .sessions
            .iter()
            .find(|s| s.kind == SessionKind::JobTraining)
            .map_or(session.id, |s| s.id);
        let criteria_set = self.settings_of(job).criteria_set;
        let members = self.path.summary_members(&self.members);
        Some(f(&crate::core::summary::SummaryInput {
            cohort,
            session,
            sessions: &self.sessions,
            members: &members,
            feedback: &self.oral.feedback,
            interviews: &self.oral.interviews,
            proposals: &self.proposals,
            actions: &self.oral.actions,
            attendance: &self.oral.attendance,
            notes: &self.oral.notes,
            criteria_set: &criteria_set,
            sets,
        }))
    }

    /// The full grand oral summary of the cohort (cut it for an audience before showing it).
    pub fn summary(&self, sets: &CriteriaSets) -> Option<crate::core::summary::Summary> {
        self.with_summary_input(sets, crate::core::summary::build)
    }

    /// One candidate's full roll-up (cut it for an audience before showing it).
    pub fn candidate_summary(
        &self,
        sets: &CriteriaSets,
        person: Id,
    ) -> Option<crate::core::summary::CandidateSummary> {
        self.with_summary_input(sets, |input| crate::core::summary::build_one(input, person))
            .flatten()
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

    /// « Prénom N. » of a member, « ? » if unknown.
    pub fn short_name(&self, person_id: Id) -> String {
        self.member(person_id)
            .map(|m| m.person.short_name())
            .unwrap_or_else(|| "?".into())
    }

    /// A binôme of the session in use.
    pub fn panel(&self, panel_id: Id) -> Option<&Panel> {
        self.panels.iter().find(|p| p.id == panel_id)
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

    /// True once the session's timer has started: until then its plan is « prévisionnel ».
    pub fn day_started(&self) -> bool {
        self.clock
            .iter()
            .any(|e| matches!(e, crate::core::clock::ClockEvent::Start(_)))
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
