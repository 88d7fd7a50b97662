//! Store tests of the expected day (#14): the printed plan versions (migration 15, including a
//! file made by the previous schema), the expected list, the day started.

mod common;

use passerelle::core::demo::Stage;
use passerelle::store::{Expectation, MIGRATIONS, Store};

fn day(store: &Store) -> i64 {
    store.last_session().unwrap().unwrap()
}

#[test]
fn a_file_of_the_previous_schema_gains_the_printed_sheets_and_keeps_its_plan() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("p.db");
    {
        // A file made by the schema before the printed sheets (0015), holding a prepared day:
        // today's demo writer needs the later plan kinds, so the file is written whole and then
        // taken back to version 14 without the printed-sheet table.
        let mut old = Store::open(&path).unwrap();
        old.write_demo(&passerelle::core::demo::generate(
            passerelle::core::demo::DEFAULT_SEED,
            common::today(),
            Stage::Morning,
        ))
        .unwrap();
        common::undo_path_schema(&old);
        old.connection()
            .execute_batch("DROP TABLE printed_sheet; PRAGMA user_version = 14;")
            .unwrap();
        assert_eq!(old.schema_version().unwrap(), 14);
    }
    let store = Store::open(&path).unwrap();
    assert_eq!(store.schema_version().unwrap(), MIGRATIONS.len() as i64);
    let session = store
        .list_sessions(store.list_cohorts().unwrap()[0].id)
        .unwrap()
        .into_iter()
        .find(|s| s.kind == passerelle::core::domain::SessionKind::JobTraining)
        .unwrap()
        .id;
    let plan = store
        .latest_plan(session)
        .unwrap()
        .expect("the plan survives");
    assert_eq!(store.last_printed_plan(session).unwrap(), None);
    let t = |h: u32| common::today().and_hms_opt(h, 0, 0).unwrap();
    // The access list is not a plan sheet: it never becomes « the printed version ».
    store
        .record_print(session, "intervenants", None, t(7))
        .unwrap();
    assert_eq!(store.last_printed_plan(session).unwrap(), None);
    store
        .record_print(session, "tables", Some(plan.id), t(8))
        .unwrap();
    let (id, at) = store.last_printed_plan(session).unwrap().unwrap();
    assert_eq!(id, plan.id);
    assert_eq!(at, "2026-10-15T08:00:00");
    assert_eq!(
        store.plan_interviews(id).unwrap().len(),
        plan.interviews.len()
    );
    assert_eq!(
        store
            .last_print(session, "intervenants")
            .unwrap()
            .as_deref(),
        Some("2026-10-15T07:00:00")
    );
    assert!(!store.day_started(session).unwrap());
}

#[test]
fn printed_twice_the_changes_are_against_the_last_print() {
    let (_d, mut store) = common::demo_store(Stage::Morning);
    let session = day(&store);
    let v1 = store.latest_plan(session).unwrap().unwrap();
    let t = |h: u32| common::today().and_hms_opt(h, 0, 0).unwrap();
    store
        .record_print(session, "routes", Some(v1.id), t(7))
        .unwrap();
    let mut moved = v1.interviews.clone();
    moved.swap(0, 1);
    let r0 = moved[0].round;
    moved[0].round = moved[1].round;
    moved[1].round = r0;
    store
        .save_plan(
            session,
            "2026-10-15T07:30:00",
            passerelle::core::plan_history::PlanKind::Swap,
            &moved,
        )
        .unwrap();
    let v2 = store.latest_plan(session).unwrap().unwrap();
    store
        .record_print(session, "mouvements", Some(v2.id), t(8))
        .unwrap();
    assert_eq!(store.last_printed_plan(session).unwrap().unwrap().0, v2.id);
    let rows = passerelle::export::sheets::load(&store, session, &Default::default()).unwrap();
    let html = passerelle::export::sheets::render(
        &rows,
        passerelle::export::sheets::Sheet::Changes,
        passerelle::i18n::Tr::new(passerelle::i18n::Lang::Fr),
        t(9),
    );
    assert!(
        html.contains("Aucun changement depuis la version imprimée"),
        "{html}"
    );
}

#[test]
fn the_expected_list_takes_members_once_and_keeps_what_was_marked() {
    let (_d, store) = common::demo_store(Stage::Morning);
    let session = day(&store);
    let listed = store.list_attendance(session).unwrap();
    let marked = listed
        .iter()
        .find(|a| a.status != passerelle::core::attendance::AttendanceStatus::Expected)
        .expect("the morning demo has marks");
    assert_eq!(
        store.unexpect_person(session, marked.person_id).unwrap(),
        Expectation::Marked
    );
    let waiting = listed
        .iter()
        .find(|a| a.status == passerelle::core::attendance::AttendanceStatus::Expected)
        .expect("someone still expected");
    assert_eq!(
        store.expect_person(session, waiting.person_id).unwrap(),
        Expectation::AlreadyListed
    );
    assert_eq!(
        store.unexpect_person(session, waiting.person_id).unwrap(),
        Expectation::Removed
    );
    assert_eq!(
        store.expect_person(session, waiting.person_id).unwrap(),
        Expectation::Added
    );
    assert_eq!(
        store.expect_person(session, 987_654).unwrap(),
        Expectation::NotMember
    );
    assert_eq!(store.list_attendance(session).unwrap().len(), listed.len());
}
