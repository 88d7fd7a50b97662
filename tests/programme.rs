//! Setting up a programme: cohorts, sessions, settings — store and keyboard behaviour.

mod common;

use common::{press, settle, typed};

use chrono::NaiveDate;
use passerelle::core::demo::Stage;
use passerelle::core::domain::{Cohort, SessionKind};
use passerelle::core::settings::{Break, SessionSettings};
use passerelle::i18n::Lang;
use passerelle::ui::app::Popup;
use passerelle::ui::screen::Screen;
use passerelle::ui::{Effect, Event, update};
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

fn d(y: i32, m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, day).unwrap()
}

#[test]
fn settings_default_then_round_trip() {
    let (_d, store) = common::demo_store(Stage::Morning);
    let session = store.last_session().unwrap().unwrap();
    assert_eq!(
        store.session_settings(session).unwrap(),
        SessionSettings::default()
    );
    let custom = SessionSettings {
        interviews_per_candidate: 5,
        breaks: vec![
            Break {
                after_round: 2,
                minutes: 15,
            },
            Break {
                after_round: 4,
                minutes: 60,
            },
        ],
        criteria_set: "clea".into(),
        ..SessionSettings::default()
    };
    store.save_session_settings(session, &custom).unwrap();
    assert_eq!(store.session_settings(session).unwrap(), custom);
}

#[test]
fn archived_cohorts_are_kept_but_hidden() {
    let (_d, store) = common::demo_store(Stage::Morning);
    let id = store.list_cohorts().unwrap()[0].id;
    store.set_cohort_archived(id, true).unwrap();
    assert!(store.list_cohorts().unwrap().is_empty());
    assert_eq!(store.list_all_cohorts().unwrap().len(), 1);
    assert!(
        !store.list_sessions(id).unwrap().is_empty(),
        "its sessions are kept"
    );
}

#[test]
fn duplicating_keeps_kinds_relative_dates_and_settings_but_no_people() {
    let (_d, mut store) = common::demo_store(Stage::Morning);
    let src = store.list_cohorts().unwrap()[0].clone();
    let src_sessions = store.list_sessions(src.id).unwrap();
    let jt = src_sessions
        .iter()
        .find(|s| s.kind == SessionKind::JobTraining)
        .unwrap();
    let k5 = SessionSettings {
        interviews_per_candidate: 5,
        ..SessionSettings::default()
    };
    store.save_session_settings(jt.id, &k5).unwrap();

    let start = d(2027, 3, 1);
    let copy = store
        .duplicate_cohort(src.id, "Promo Vivonne 2027", start)
        .unwrap();
    let copied = store.list_sessions(copy).unwrap();
    assert_eq!(copied.len(), src_sessions.len());
    let shift = start - src.start_date.unwrap();
    for (a, b) in src_sessions.iter().zip(&copied) {
        assert_eq!(a.kind, b.kind);
        assert_eq!(b.date, a.date + shift);
        assert!(store.list_attendance(b.id).unwrap().is_empty(), "no people");
    }
    let jt_copy = copied
        .iter()
        .find(|s| s.kind == SessionKind::JobTraining)
        .unwrap();
    assert_eq!(store.session_settings(jt_copy.id).unwrap(), k5);
    assert!(store.list_members(copy).unwrap().is_empty());
    assert_eq!(store.cohort(copy).unwrap().start_date, Some(start));
}

#[test]
fn session_states_count_who_came() {
    let (_d, store) = common::demo_store(Stage::Morning);
    let cohort = store.list_cohorts().unwrap()[0].id;
    let states = store.session_states(cohort).unwrap();
    let today = store.last_session().unwrap().unwrap();
    let st = states.iter().find(|s| s.session_id == today).unwrap();
    assert_eq!(st.candidates_listed, 10);
    assert_eq!(st.listed, 29);
    assert_eq!(
        st.came + st.waiting,
        29,
        "morning: nobody marked absent yet"
    );
}

#[test]
fn updating_a_cohort_and_a_session() {
    let (_d, mut store) = common::demo_store(Stage::Morning);
    let mut c = store.list_cohorts().unwrap()[0].clone();
    c.partners = "Mission locale".into();
    store.update_cohort(&c).unwrap();
    assert_eq!(store.cohort(c.id).unwrap().partners, "Mission locale");
    let id = store
        .insert_session(&passerelle::core::domain::Session {
            id: 0,
            cohort_id: c.id,
            kind: SessionKind::Review,
            date: d(2026, 12, 10),
            start_time: None,
            place: String::new(),
            title: "Bilan intermédiaire".into(),
        })
        .unwrap();
    assert!(
        store.list_attendance(id).unwrap().is_empty(),
        "a review's list is chosen by hand"
    );
    let mut s = store.session(id).unwrap();
    s.place = "Mission locale de Poitiers".into();
    store.update_session(&s).unwrap();
    assert_eq!(
        store.session(id).unwrap().place,
        "Mission locale de Poitiers"
    );
    let missing = Cohort { id: 999, ..c };
    assert!(store.update_cohort(&missing).is_err());
}

#[test]
fn a_cohort_and_a_session_are_created_by_keyboard_from_an_empty_database() {
    let (_d, mut store, mut app) = common::empty_app(Lang::Fr);
    assert_eq!(app.screen, Screen::Day);
    press(&mut app, &mut store, KeyCode::Char('c'));
    typed(&mut app, &mut store, "Promo Poitiers 2027");
    press(&mut app, &mut store, KeyCode::Tab);
    typed(&mut app, &mut store, "Centre pénitentiaire de Vivonne");
    press(&mut app, &mut store, KeyCode::Tab);
    typed(&mut app, &mut store, "12/01/2027");
    settle(&mut app, &mut store);
    let cohorts = store.list_cohorts().unwrap();
    assert_eq!(cohorts.len(), 1, "created once the name is typed");
    assert_eq!(cohorts[0].start_date, Some(d(2027, 1, 12)));
    // Still typing in the same form updates the same cohort.
    press(&mut app, &mut store, KeyCode::Tab);
    typed(&mut app, &mut store, "30/03/2027");
    press(&mut app, &mut store, KeyCode::Esc);
    let cohorts = store.list_cohorts().unwrap();
    assert_eq!(cohorts.len(), 1);
    assert_eq!(cohorts[0].end_date, Some(d(2027, 3, 30)));
    assert!(app.day.form.is_none());

    press(&mut app, &mut store, KeyCode::Char('n'));
    press(&mut app, &mut store, KeyCode::Tab);
    for _ in 0..10 {
        press(&mut app, &mut store, KeyCode::Backspace);
    }
    typed(&mut app, &mut store, "15/02/2027");
    press(&mut app, &mut store, KeyCode::Enter);
    let sessions = store.list_sessions(cohorts[0].id).unwrap();
    assert_eq!(sessions.len(), 1);
    assert_eq!(sessions[0].kind, SessionKind::JobTraining);
    assert_eq!(sessions[0].date, d(2027, 2, 15));
    assert_eq!(
        store.last_session().unwrap(),
        Some(sessions[0].id),
        "selected"
    );
    assert_eq!(app.data.session, Some(sessions[0].id));
}

#[test]
fn a_new_form_closed_untouched_creates_nothing() {
    let (_d, mut store, mut app) = common::empty_app(Lang::Fr);
    press(&mut app, &mut store, KeyCode::Char('c'));
    press(&mut app, &mut store, KeyCode::Esc);
    assert!(store.list_cohorts().unwrap().is_empty());
}

#[test]
fn an_invalid_date_is_named_and_esc_warns_before_dropping_it() {
    let (_d, mut store, mut app) = common::demo_app(Lang::Fr);
    press(&mut app, &mut store, KeyCode::Char('1'));
    press(&mut app, &mut store, KeyCode::Left);
    press(&mut app, &mut store, KeyCode::Char('e'));
    for _ in 0..3 {
        press(&mut app, &mut store, KeyCode::Tab);
    }
    // The stored date is selected (issue 18 point 10): a wrong character typed replaces it.
    typed(&mut app, &mut store, "x");
    let form = &app.day.form.as_ref().unwrap().form;
    assert!(form.fields[3].error.is_some(), "end date in error");
    press(&mut app, &mut store, KeyCode::Esc);
    assert!(app.day.form.is_some(), "first Esc warns");
    press(&mut app, &mut store, KeyCode::Esc);
    assert!(app.day.form.is_none());
    let end = store.list_cohorts().unwrap()[0].end_date;
    assert!(end.is_some(), "the stored end date was not lost");
}

#[test]
fn settings_form_refuses_k_zero_and_saves_valid_values() {
    let (_d, mut store, mut app) = common::demo_app(Lang::Fr);
    press(&mut app, &mut store, KeyCode::Char('1'));
    // The session cursor is on today's job training.
    press(&mut app, &mut store, KeyCode::Char('s'));
    assert!(app.day.form.is_some());
    press(&mut app, &mut store, KeyCode::Backspace);
    typed(&mut app, &mut store, "0");
    settle(&mut app, &mut store);
    let session = app.data.session.unwrap();
    assert_eq!(
        store
            .session_settings(session)
            .unwrap()
            .interviews_per_candidate,
        4,
        "0 refused"
    );
    assert!(
        app.day.form.as_ref().unwrap().form.fields[0]
            .error
            .is_some()
    );
    press(&mut app, &mut store, KeyCode::Backspace);
    typed(&mut app, &mut store, "5");
    settle(&mut app, &mut store);
    assert_eq!(
        store
            .session_settings(session)
            .unwrap()
            .interviews_per_candidate,
        5
    );
}

#[test]
fn settings_are_only_for_job_training_sessions() {
    let (_d, mut store, mut app) = common::demo_app(Lang::Fr);
    press(&mut app, &mut store, KeyCode::Char('1'));
    press(&mut app, &mut store, KeyCode::Home);
    // The first session is the demo's themed day (its `s` sets its sectors): the next one.
    press(&mut app, &mut store, KeyCode::Down);
    press(&mut app, &mut store, KeyCode::Char('s'));
    assert!(app.day.form.is_none());
    assert!(app.message.is_some());
}

#[test]
fn archive_asks_first() {
    let (_d, mut store, mut app) = common::demo_app(Lang::Fr);
    press(&mut app, &mut store, KeyCode::Char('1'));
    press(&mut app, &mut store, KeyCode::Left);
    press(&mut app, &mut store, KeyCode::Char('x'));
    assert!(matches!(app.popup, Some(Popup::ConfirmArchive(_))));
    press(&mut app, &mut store, KeyCode::Char('n'));
    assert_eq!(store.list_cohorts().unwrap().len(), 1);
    press(&mut app, &mut store, KeyCode::Char('x'));
    press(&mut app, &mut store, KeyCode::Char('o'));
    assert!(store.list_cohorts().unwrap().is_empty());
    assert!(app.data.cohorts.is_empty());
}

#[test]
fn duplicate_by_keyboard() {
    let (_d, mut store, mut app) = common::demo_app(Lang::Fr);
    press(&mut app, &mut store, KeyCode::Char('1'));
    press(&mut app, &mut store, KeyCode::Left);
    press(&mut app, &mut store, KeyCode::Char('d'));
    press(&mut app, &mut store, KeyCode::Tab);
    typed(&mut app, &mut store, "01/03/2027");
    press(&mut app, &mut store, KeyCode::Enter);
    let cohorts = store.list_cohorts().unwrap();
    assert_eq!(cohorts.len(), 2);
    assert!(cohorts.iter().any(|c| c.name.ends_with("(suite)")));
}

#[test]
fn form_effects_are_writes_not_loads() {
    // Typing in a form never asks for a write before the debounce.
    let (_d, mut store, mut app) = common::demo_app(Lang::Fr);
    press(&mut app, &mut store, KeyCode::Char('1'));
    press(&mut app, &mut store, KeyCode::Char('e'));
    for _ in 0..3 {
        press(&mut app, &mut store, KeyCode::Tab);
    }
    let now = app.now;
    let effects = update(
        &mut app,
        Event::Key(KeyEvent::new(KeyCode::Char('x'), KeyModifiers::NONE)),
        now,
    );
    assert!(effects.is_empty());
    assert!(matches!(
        app.day.pending,
        Some((_, Effect::SaveSession(..) | Effect::SaveSessionEnd(..)))
    ));
}
