//! Store tests of the candidate's path (issue 19): migration 17 on a file made by the previous
//! schema, status changes kept as a history, the funnel, what a purge keeps.

mod common;

use chrono::NaiveDate;
use passerelle::core::demo::Stage;
use passerelle::core::domain::{Role, SessionKind};
use passerelle::core::path::{Change, PathError, Status, Withdrawal};
use passerelle::store::{MIGRATIONS, Store};

/// Takes a file written by today's demo writer back to schema 16 (no statuses, no target size,
/// no end times), the way a user's file of the previous version looks.
fn as_version_16(store: &Store) {
    common::undo_path_schema(store);
    store
        .connection()
        .execute_batch("PRAGMA user_version = 16;")
        .unwrap();
}

#[test]
fn candidates_of_a_previous_file_become_started_or_completed_from_their_attendance() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("p.db");
    let (cohort, finisher);
    {
        let mut old = Store::open(&path).unwrap();
        old.write_demo(&passerelle::core::demo::generate(
            passerelle::core::demo::DEFAULT_SEED,
            common::today(),
            Stage::Evening,
        ))
        .unwrap();
        cohort = old.list_cohorts().unwrap()[0].id;
        as_version_16(&old);
        assert_eq!(old.schema_version().unwrap(), 16);
        // One candidate who came to the job training also came to the grand oral.
        let sessions = old.list_sessions(cohort).unwrap();
        let jt = sessions
            .iter()
            .find(|s| s.kind == SessionKind::JobTraining)
            .unwrap()
            .id;
        let oral = sessions
            .iter()
            .find(|s| s.kind == SessionKind::GrandOral)
            .unwrap()
            .id;
        finisher = old
            .list_attendance(jt)
            .unwrap()
            .into_iter()
            .find(|a| a.status.came())
            .map(|a| a.person_id)
            .filter(|p| {
                old.list_members(cohort)
                    .unwrap()
                    .iter()
                    .any(|m| m.person.id == *p && m.role == Role::Candidate)
            })
            .unwrap();
        old.connection()
            .execute(
                "INSERT OR REPLACE INTO attendance (session_id, person_id, status) VALUES (?1, ?2, 'present')",
                [oral, finisher],
            )
            .unwrap();
    }
    let store = Store::open(&path).unwrap();
    assert_eq!(store.schema_version().unwrap(), MIGRATIONS.len() as i64);
    let candidates: Vec<i64> = store
        .list_members(cohort)
        .unwrap()
        .into_iter()
        .filter(|m| m.role == Role::Candidate)
        .map(|m| m.person.id)
        .collect();
    let histories = store.status_histories(cohort).unwrap();
    assert_eq!(
        histories.len(),
        candidates.len(),
        "every candidate, nobody else"
    );
    for h in &histories {
        assert_eq!(h.changes.len(), 1);
        let want = if h.person_id == finisher {
            Status::Completed
        } else {
            Status::Started
        };
        assert_eq!(h.changes[0].status, want, "person {}", h.person_id);
    }
    let funnel = store.funnel(cohort).unwrap();
    assert_eq!(funnel.now(Status::Completed), 1);
    assert_eq!(funnel.now(Status::Started), candidates.len() - 1);
    assert_eq!(store.target_size(cohort).unwrap(), 12);
    assert!(store.session_ends(cohort).unwrap().is_empty());
}

fn d(day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 9, day).unwrap()
}

/// Adds a candidate with no path yet.
fn add_candidate(store: &mut Store, cohort: i64, first: &str, last: &str) -> i64 {
    store
        .insert_member(
            cohort,
            &passerelle::store::NewMember {
                first_name: first.into(),
                last_name: last.into(),
                role: Some(Role::Candidate),
                ..Default::default()
            },
        )
        .unwrap()
}

/// A cohort with one prospect referred on the 10th, on a fresh file.
fn one_prospect() -> (tempfile::TempDir, Store, i64, i64) {
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::open(&dir.path().join("p.db")).unwrap();
    store
        .connection()
        .execute_batch("INSERT INTO cohort (id, name) VALUES (1, 'Promo');")
        .unwrap();
    let person = add_candidate(&mut store, 1, "Yanis", "Benali");
    let mut referred = Change::new(Status::Referred, d(10));
    referred.referrer = Some(passerelle::core::path::Referrer::Cpip);
    referred.author = "Claire".into();
    store.change_status(1, person, &referred).unwrap().unwrap();
    (dir, store, 1, person)
}

#[test]
fn a_withdrawal_before_the_referral_is_refused_and_nothing_is_written() {
    let (_d, mut store, cohort, person) = one_prospect();
    let mut w = Change::new(Status::Withdrew, d(5));
    w.withdrawal = Some(Withdrawal::Transfer);
    assert_eq!(
        store.change_status(cohort, person, &w).unwrap(),
        Err(PathError::WithdrawalBeforeReferral { referred: d(10) })
    );
    assert_eq!(store.status_history(cohort, person).unwrap().len(), 1);
}

#[test]
fn changes_are_kept_as_a_history_and_going_back_is_a_new_row() {
    let (_d, mut store, cohort, person) = one_prospect();
    for (s, day) in [(Status::Informed, 11), (Status::Candidate, 12)] {
        store
            .change_status(cohort, person, &Change::new(s, d(day)))
            .unwrap()
            .unwrap();
    }
    let mut back = Change::new(Status::Informed, d(13));
    back.note = "candidature retirée\u{202E} puis reprise".into();
    store.change_status(cohort, person, &back).unwrap().unwrap();
    let h = store.status_history(cohort, person).unwrap();
    let statuses: Vec<Status> = h.iter().map(|c| c.status).collect();
    assert_eq!(
        statuses,
        [
            Status::Referred,
            Status::Informed,
            Status::Candidate,
            Status::Informed
        ]
    );
    assert_eq!(h[0].author, "Claire");
    assert_eq!(h[3].note, "candidature retirée puis reprise", "sanitized");
    assert_eq!(store.funnel(cohort).unwrap().reached, [1, 1, 1, 0, 0, 0]);
}

#[test]
fn purge_erases_statuses_and_reasons_and_keeps_the_anonymous_funnel() {
    let (dir, mut store, cohort, person) = one_prospect();
    let mut w = Change::new(Status::Withdrew, d(20));
    w.withdrawal = Some(Withdrawal::Health);
    w.note = "hospitalisé à Poitiers".into();
    store.change_status(cohort, person, &w).unwrap().unwrap();
    let before = store.funnel(cohort).unwrap();
    store.purge(cohort, None, common::today()).unwrap();
    assert!(store.status_histories(cohort).unwrap().is_empty());
    assert_eq!(store.funnel(cohort).unwrap(), before);
    assert_eq!(before.withdrawals[2], 1);
    drop(store);
    for e in std::fs::read_dir(dir.path()).unwrap().flatten() {
        let bytes = std::fs::read(e.path()).unwrap_or_default();
        assert!(
            !bytes.windows(11).any(|w| w == b"hospitalis\xc3"),
            "{}",
            e.path().display()
        );
    }
}

#[test]
fn the_target_size_and_end_times_are_kept() {
    let (_d, store, cohort, _) = one_prospect();
    store.set_target_size(cohort, 10).unwrap();
    assert_eq!(store.target_size(cohort).unwrap(), 10);
    store
        .connection()
        .execute_batch("INSERT INTO session (id, cohort_id, kind, date, start_time) VALUES (7, 1, 'coaching', '2026-09-21', '09:00');")
        .unwrap();
    let noon = chrono::NaiveTime::from_hms_opt(12, 30, 0).unwrap();
    store.set_session_end(7, Some(noon)).unwrap();
    assert_eq!(store.session_ends(cohort).unwrap(), [(7, noon)]);
    store.set_session_end(7, None).unwrap();
    assert!(store.session_ends(cohort).unwrap().is_empty());
}

#[test]
fn present_at_an_information_meeting_makes_informed_once() {
    use passerelle::core::attendance::{Attendance, AttendanceStatus};
    use passerelle::ui::Effect;
    let (_d, mut store, mut app) = common::demo_app(passerelle::i18n::Lang::Fr);
    let cohort = app.data.cohort.unwrap();
    let meeting = store
        .list_sessions(cohort)
        .unwrap()
        .into_iter()
        .find(|s| s.kind == SessionKind::InfoMeeting)
        .unwrap();
    let members = store.list_members(cohort).unwrap();
    let newcomer = add_candidate(&mut store, cohort, "Karim", "Haddad");
    let staff = members.iter().find(|m| m.role == Role::Staff).unwrap();
    let nine = chrono::NaiveTime::from_hms_opt(9, 0, 0).unwrap();
    for person in [newcomer, staff.person.id] {
        let record = Attendance::expected(meeting.id, person).mark(AttendanceStatus::Present, nine);
        passerelle::ui::effects::apply(
            &mut store,
            &mut app,
            Effect::SaveAttendance(record.clone()),
        );
        // Twice: the second mark adds nothing.
        passerelle::ui::effects::apply(&mut store, &mut app, Effect::SaveAttendance(record));
    }
    let h = store.status_history(cohort, newcomer).unwrap();
    assert_eq!(h.len(), 1);
    assert_eq!(h[0].status, Status::Informed);
    assert_eq!(h[0].date, meeting.date);
    assert_eq!(
        app.data.path.status(newcomer),
        Some(Status::Informed),
        "the screen knows"
    );
    assert!(
        store
            .status_history(cohort, staff.person.id)
            .unwrap()
            .is_empty(),
        "staff have no path"
    );
    // Absent: nothing.
    let absent =
        Attendance::expected(meeting.id, members[0].person.id).mark(AttendanceStatus::Absent, nine);
    let before = store.status_history(cohort, members[0].person.id).unwrap();
    passerelle::ui::effects::apply(&mut store, &mut app, Effect::SaveAttendance(absent));
    assert_eq!(
        store.status_history(cohort, members[0].person.id).unwrap(),
        before
    );
}

#[test]
fn later_sessions_expect_only_selected_or_started_candidates() {
    let (_d, mut store) = common::demo_store(Stage::Morning);
    let cohort = store.list_cohorts().unwrap()[0].id;
    let candidates: Vec<i64> = ["Ana", "Bob", "Cyd", "Dan"]
        .iter()
        .map(|n| add_candidate(&mut store, cohort, n, "Test"))
        .collect();
    let (out, withdrew, kept) = (candidates[0], candidates[1], candidates[2]);
    let mut no = Change::new(Status::NotSelected, common::today());
    no.note = "projet hors département".into();
    store.insert_status(cohort, out, &no).unwrap();
    let mut w = Change::new(Status::Withdrew, common::today());
    w.withdrawal = Some(Withdrawal::Transfer);
    store.insert_status(cohort, withdrew, &w).unwrap();
    store
        .insert_status(
            cohort,
            kept,
            &Change::new(Status::Selected, common::today()),
        )
        .unwrap();
    for kind in [
        SessionKind::Coaching,
        SessionKind::GrandOral,
        SessionKind::InfoMeeting,
    ] {
        let id = store
            .insert_session(&passerelle::core::domain::Session {
                id: 0,
                cohort_id: cohort,
                kind,
                date: common::today() + chrono::Duration::days(7),
                start_time: None,
                place: String::new(),
                title: String::new(),
            })
            .unwrap();
        let listed: Vec<i64> = store
            .list_attendance(id)
            .unwrap()
            .iter()
            .map(|a| a.person_id)
            .collect();
        let follows = kind != SessionKind::InfoMeeting;
        assert_eq!(listed.contains(&out), !follows, "{kind:?}");
        assert_eq!(listed.contains(&withdrew), !follows, "{kind:?}");
        assert!(listed.contains(&kept), "{kind:?}");
        assert!(
            listed.contains(&candidates[3]),
            "no path recorded: expected as before"
        );
    }
}
