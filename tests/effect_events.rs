//! Effects hand their results back to the pure `update` as events: the screen that asked takes
//! them into its own state, with no store in sight.

mod common;

use passerelle::core::feedback::Feedback;
use passerelle::core::plan_history::{PlanKind, PlanVersionInfo};
use passerelle::i18n::Lang;
use passerelle::ui::app::{Level, Outcome};
use passerelle::ui::{Event, update};

#[test]
fn a_loaded_plan_history_opens_the_popup_through_update() {
    let (_d, _store, mut app) = common::unplanned_app(Lang::Fr);
    let now = app.now;
    let versions = vec![PlanVersionInfo {
        version: 2,
        created_at: "2026-03-10T10:02:00".into(),
        kind: PlanKind::Replanned { from_round: 3 },
    }];
    let effects = update(
        &mut app,
        Event::Done(Outcome::PlanHistory(versions.clone())),
        now,
    );
    assert!(effects.is_empty());
    assert_eq!(app.rotation.history, Some((versions, 0)));

    app.rotation.history = None;
    update(&mut app, Event::Done(Outcome::PlanHistory(Vec::new())), now);
    assert!(app.rotation.history.is_none());
    assert_eq!(app.message.as_ref().map(|m| m.level), Some(Level::Warning));
}

#[test]
fn a_stored_feedback_takes_its_row_id_through_update() {
    let (_d, _store, mut app) = common::unplanned_app(Lang::Fr);
    let now = app.now;
    let before = app.data.feedback.len();
    let f = Feedback {
        session_id: app.data.session.unwrap_or_default(),
        candidate_id: 4242,
        round: 1,
        ..Feedback::default()
    };
    update(
        &mut app,
        Event::Done(Outcome::FeedbackSaved(Box::new(f.clone()), 77)),
        now,
    );
    update(
        &mut app,
        Event::Done(Outcome::FeedbackSaved(Box::new(f), 77)),
        now,
    );
    assert_eq!(
        app.data.feedback.len(),
        before + 1,
        "stored once, replaced after"
    );
    assert_eq!(app.data.feedback.last().map(|x| x.id), Some(77));
}

/// Sends one outcome through `update`, as the event loop does after an effect.
fn done(app: &mut passerelle::ui::App, outcome: Outcome) {
    let now = app.now;
    assert!(update(app, Event::Done(outcome), now).is_empty());
}

/// The Journée cohort cursor is on the cohort in use.
fn assert_cohort_cursor_in_use(app: &passerelle::ui::App) {
    let data = &app.data;
    let cohort = data.cohorts.iter().position(|c| Some(c.id) == data.cohort);
    assert_eq!(Some(app.day.cohort_cursor), cohort);
}

fn message(app: &passerelle::ui::App) -> String {
    app.message
        .as_ref()
        .map(|m| m.text.clone())
        .unwrap_or_default()
}

#[test]
fn an_opened_session_puts_presences_back_at_the_top_and_says_which() {
    let (_d, _store, mut app) = common::unplanned_app(Lang::Fr);
    app.attendance.cursor = 5;
    app.attendance.filter = "yan".into();
    app.day.session_cursor = 3;
    done(&mut app, Outcome::SessionOpened);
    assert_eq!(app.attendance.cursor, 0);
    assert!(app.attendance.filter.is_empty());
    let session = app
        .data
        .sessions
        .iter()
        .position(|s| Some(s.id) == app.data.session);
    assert_eq!(Some(app.day.session_cursor), session);
    assert!(message(&app).contains("Séance"), "{}", message(&app));
}

#[test]
fn reloaded_data_keep_the_journee_cursors_in_their_lists() {
    let (_d, _store, mut app) = common::unplanned_app(Lang::Fr);
    app.day.cohort_cursor = 7;
    app.day.session_cursor = 99;
    done(&mut app, Outcome::Reloaded);
    assert_cohort_cursor_in_use(&app);
    assert_eq!(app.day.session_cursor, app.data.sessions.len() - 1);
}

#[test]
fn a_created_cohort_or_session_is_what_its_form_edits_next() {
    use passerelle::ui::form::Form;
    use passerelle::ui::screens::day::{DayForm, FormTarget};
    let (_d, _store, mut app) = common::unplanned_app(Lang::Fr);
    let form = |target| DayForm {
        target,
        form: Form::new("day.new_cohort", String::new(), Vec::new()),
    };
    app.day.form = Some(form(FormTarget::Cohort(None)));
    let name = "Promo Test".to_string();
    done(&mut app, Outcome::CohortCreated { id: 41, name });
    assert_eq!(
        app.day.form.as_ref().map(|f| f.target),
        Some(FormTarget::Cohort(Some(41)))
    );
    assert!(message(&app).contains("Promo Test"), "{}", message(&app));

    let (cohort_id, id) = (
        app.data.cohort.unwrap_or_default(),
        app.data.session.unwrap_or_default(),
    );
    let new = FormTarget::Session {
        cohort_id,
        id: None,
    };
    app.day.form = Some(form(new));
    app.message = None;
    app.day.session_cursor = 99;
    done(
        &mut app,
        Outcome::SessionCreated {
            cohort_id,
            id: id + 1000,
        },
    );
    let target = app.day.form.as_ref().map(|f| f.target);
    assert_eq!(
        target,
        Some(FormTarget::Session {
            cohort_id,
            id: Some(id + 1000)
        })
    );
    assert_eq!(app.day.session_cursor, 99, "not in use: the cursors stay");
    assert!(app.message.is_none());
    done(&mut app, Outcome::SessionCreated { cohort_id, id });
    assert_ne!(app.day.session_cursor, 99, "in use: the cursors go to it");
    assert!(app.message.is_some());
}

#[test]
fn an_archived_cohort_moves_the_cursors_back_and_says_so() {
    let (_d, _store, mut app) = common::unplanned_app(Lang::En);
    app.day.cohort_cursor = 9;
    done(&mut app, Outcome::CohortArchived);
    assert_cohort_cursor_in_use(&app);
    assert!(app.message.is_some());
}

#[test]
fn a_created_person_and_a_previewed_roster_go_to_participants() {
    use passerelle::ui::screens::participants::ImportState;
    let (_d, _store, mut app) = common::unplanned_app(Lang::Fr);
    let name = "Ada Lovelace".to_string();
    done(&mut app, Outcome::PersonCreated { id: 12, name });
    assert!(message(&app).contains("Ada Lovelace"), "{}", message(&app));
    let lines = vec!["2 ajout(s)".to_string()];
    let path = std::path::PathBuf::from("liste.csv");
    let outcome = Outcome::ImportPreviewed {
        path: path.clone(),
        role: None,
        lines: lines.clone(),
        ok: true,
        ask: None,
    };
    done(&mut app, outcome);
    match &app.participants.import {
        Some(ImportState::Preview {
            path: p,
            lines: l,
            ok,
            scroll,
            ..
        }) => {
            assert_eq!((p, l, *ok, *scroll), (&path, &lines, true, 0));
        }
        _ => panic!("no preview"),
    }
}

#[test]
fn a_person_added_on_the_spot_can_be_undone_and_is_selected() {
    let (_d, _store, mut app) = common::unplanned_app(Lang::Fr);
    let session_id = app.data.session.unwrap_or_default();
    let (last, person_id) = {
        let listed = app.data.listed();
        (
            listed.len() - 1,
            listed.last().map(|(m, _)| m.person.id).unwrap_or_default(),
        )
    };
    assert!(app.attendance.undo.is_empty());
    done(
        &mut app,
        Outcome::PersonAdded {
            session_id,
            person_id,
        },
    );
    assert_eq!(app.attendance.cursor, last);
    assert!(!app.attendance.undo.is_empty());
    assert!(app.message.is_some());
}
