//! A job-training day played in two rooms (issue 23): the demo's evening typed by tables, each
//! laptop typing the attendance, feedback and proposals of its own tables with the store
//! functions the application calls when a facilitator types. Shared by tests/sync_two_rooms.rs
//! and benches/sync.rs (which includes this file by path: it uses nothing else of `common`).

use std::collections::HashMap;

use passerelle::core::attendance::Attendance;
use passerelle::core::demo::{Demo, DemoEvening};
use passerelle::core::domain::{Id, Role, SessionKind};
use passerelle::store::Store;

/// The day as it is before being played: the cohort, its sessions, binômes and rotation plan
/// (shared before the day), the past sessions' attendance — nothing of the day itself.
pub fn before(day: &Demo) -> Demo {
    let mut d = day.clone();
    d.evening = None;
    d.marks.retain(|m| m.session != d.job_training);
    d
}

/// What one laptop typed.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct Typed {
    /// Attendance marks.
    pub marks: usize,
    /// Feedback (each with its ratings).
    pub feedback: usize,
    /// Proposals.
    pub proposals: usize,
}

/// Types into `store` the part of `day`'s evening played at the tables `here` holds (table
/// index from 0, in the order of the binômes): the feedback and proposals of their interviews,
/// the attendance of their professionals and of the candidates whose first interview is there.
/// Staff, and anyone at no table, are marked in the room of the first table. `day` is the
/// evening demo whose [`before`] `store` holds (its cohort found by name: the demo's names are
/// unique within a cohort).
pub fn type_day(store: &mut Store, day: &Demo, here: impl Fn(usize) -> bool) -> Typed {
    let evening = day.evening.as_ref().expect("an evening demo");
    // The application takes the sync base before its first write (cli::open, ui::run).
    store.ensure_sync_base().expect("sync base");
    let cohort = store
        .list_cohorts()
        .expect("cohorts")
        .into_iter()
        .find(|c| c.name == day.cohort.name)
        .expect("the day's cohort")
        .id;
    let date = day.sessions[day.job_training].date;
    let session = store
        .list_sessions(cohort)
        .expect("sessions")
        .into_iter()
        .find(|s| s.kind == SessionKind::JobTraining && s.date == date)
        .expect("the job-training session")
        .id;
    let members = store.list_members(cohort).expect("members");
    let person: Vec<Id> = day
        .members
        .iter()
        .map(|m| {
            members
                .iter()
                .find(|s| s.person.first_name == m.first_name && s.person.last_name == m.last_name)
                .expect("a demo member")
                .person
                .id
        })
        .collect();
    // Where each person is marked: a professional at their table, a candidate at the table of
    // their first interview, everyone else in the first room.
    let mut table_of: HashMap<usize, usize> = HashMap::new();
    for (t, (_, pros)) in day.panels.iter().enumerate() {
        for p in pros {
            table_of.entry(*p).or_insert(t);
        }
    }
    let mut first = day.plan.clone();
    first.sort_by_key(|(round, panel, _)| (*round, *panel));
    for (_, panel, candidate) in first {
        table_of.entry(candidate).or_insert(panel);
    }
    let mut typed = Typed::default();
    let listed: HashMap<Id, Attendance> = store
        .list_attendance(session)
        .expect("attendance")
        .into_iter()
        .map(|a| (a.person_id, a))
        .collect();
    for m in day.marks.iter().filter(|m| m.session == day.job_training) {
        let table = match day.members[m.member].role {
            Role::Staff => 0,
            _ => table_of.get(&m.member).copied().unwrap_or(0),
        };
        // Only those on the day's list: the demo's writer marks the same rows.
        let (true, Some(row)) = (here(table), listed.get(&person[m.member])) else {
            continue;
        };
        store
            .save_attendance(&Attendance {
                status: m.status,
                arrived_at: m.arrived_at,
                left_at: m.left_at,
                reason: m.reason.clone(),
                ..row.clone()
            })
            .expect("mark");
        typed.marks += 1;
    }
    // The room's share of the evening, written as the demo writes it: the same store functions
    // the Retours and Grand oral screens call, and the room's own clock.
    let share = DemoEvening {
        interviews: evening
            .interviews
            .iter()
            .filter(|(_, panel, _)| here(*panel))
            .copied()
            .collect(),
        feedback: evening
            .feedback
            .iter()
            .filter(|f| here(f.panel))
            .cloned()
            .collect(),
        // A proposal is typed at the table of the interview it comes from.
        proposals: evening
            .proposals
            .iter()
            .filter(|(candidate, pro, _, _)| {
                here(
                    evening
                        .feedback
                        .iter()
                        .find(|f| f.candidate == *candidate && day.panels[f.panel].1.contains(pro))
                        .map_or(0, |f| f.panel),
                )
            })
            .cloned()
            .collect(),
    };
    store
        .write_evening(day, &share, session, &person)
        .expect("the room's evening");
    typed.feedback = share.feedback.len();
    typed.proposals = share.proposals.len();
    typed
}
