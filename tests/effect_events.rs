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
