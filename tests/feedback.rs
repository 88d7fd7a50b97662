//! Feedback capture: ratings by digits (AZERTY too), texts saved as typed, states in the list.

mod common;

use common::{press, settle, typed};

use passerelle::core::feedback::Completeness;
use passerelle::i18n::Lang;
use passerelle::store::Store;
use passerelle::ui::effects::apply;
use passerelle::ui::screens::feedback::{feedback_of, rows};
use passerelle::ui::{App, Event, update};
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

fn with_plan() -> (tempfile::TempDir, Store, App) {
    let (d, mut store, mut app) = common::unplanned_app(Lang::Fr);
    press(&mut app, &mut store, KeyCode::Char('4'));
    press(&mut app, &mut store, KeyCode::Char('g'));
    press(&mut app, &mut store, KeyCode::Char('5'));
    (d, store, app)
}

fn ctrl_o(app: &mut App, store: &mut Store) {
    common::key(
        app,
        store,
        KeyEvent::new(KeyCode::Char('o'), KeyModifiers::CONTROL),
    );
}

#[test]
fn six_ratings_a_strength_and_the_interview_is_complete() {
    let (_d, mut store, mut app) = with_plan();
    assert_eq!(rows(&app.feedback, &app.cx).len(), 40);
    press(&mut app, &mut store, KeyCode::Enter);
    // AZERTY top row and digits both rate; each rating moves to the next criterion.
    for c in ['3', 'é', '4', '"', '3', '\''] {
        press(&mut app, &mut store, KeyCode::Char(c));
    }
    let session = app.data.session.unwrap();
    let stored = store.list_feedback(session).unwrap();
    assert_eq!(stored[0].ratings.len(), 6, "ratings are written at once");
    // After the last rating the cursor is on the overall opinion; 2 gives « prêt avec accompagnement ».
    press(&mut app, &mut store, KeyCode::Char('2'));
    press(&mut app, &mut store, KeyCode::Tab);
    assert_eq!(
        app.feedback.form.as_ref().unwrap().focus,
        1,
        "Tab: the strengths"
    );
    typed(&mut app, &mut store, "Très clair sur son projet");
    settle(&mut app, &mut store);
    let stored = store.list_feedback(session).unwrap();
    assert_eq!(stored[0].strengths, "Très clair sur son projet");
    assert_eq!(
        stored[0].completeness(&Default::default()),
        Completeness::Complete
    );
    assert_eq!(stored[0].opinion.as_deref(), Some("ready_with_support"));
    press(&mut app, &mut store, KeyCode::Esc);
    let first = rows(&app.feedback, &app.cx)[0].clone();
    assert_eq!(
        feedback_of(&app, &first)
            .unwrap()
            .completeness(&Default::default()),
        Completeness::Complete
    );
}

#[test]
fn zero_clears_and_digits_are_text_in_the_text_fields() {
    let (_d, mut store, mut app) = with_plan();
    press(&mut app, &mut store, KeyCode::Enter);
    press(&mut app, &mut store, KeyCode::Char('2'));
    press(&mut app, &mut store, KeyCode::Up);
    press(&mut app, &mut store, KeyCode::Char('à'));
    assert!(
        app.feedback
            .form
            .as_ref()
            .unwrap()
            .feedback
            .ratings
            .is_empty()
    );
    press(&mut app, &mut store, KeyCode::Tab);
    typed(&mut app, &mut store, "CACES 3");
    let f = &app.feedback.form.as_ref().unwrap().feedback;
    assert_eq!(f.strengths, "CACES 3");
    assert!(f.ratings.is_empty());
}

#[test]
fn esc_writes_pending_text_at_once() {
    let (_d, mut store, mut app) = with_plan();
    press(&mut app, &mut store, KeyCode::Enter);
    press(&mut app, &mut store, KeyCode::Tab);
    typed(&mut app, &mut store, "regard fuyant au début");
    press(&mut app, &mut store, KeyCode::Esc);
    let stored = store.list_feedback(app.data.session.unwrap()).unwrap();
    assert_eq!(stored[0].strengths, "regard fuyant au début");
}

#[test]
fn bracket_goes_to_the_next_missing_feedback() {
    let (_d, mut store, mut app) = with_plan();
    press(&mut app, &mut store, KeyCode::Enter);
    for _ in 0..6 {
        press(&mut app, &mut store, KeyCode::Char('3'));
    }
    press(&mut app, &mut store, KeyCode::Tab);
    typed(&mut app, &mut store, "ok");
    press(&mut app, &mut store, KeyCode::Esc);
    press(&mut app, &mut store, KeyCode::Home);
    press(&mut app, &mut store, KeyCode::Char(']'));
    assert_eq!(app.feedback.cursor, 1);
}

#[test]
fn bracket_goes_first_to_the_missing_forms_of_the_round_just_ended() {
    let (_d, mut store, mut app) = with_plan();
    press(&mut app, &mut store, KeyCode::Char('4'));
    press(&mut app, &mut store, KeyCode::Char(' '));
    for _ in 0..12 {
        if passerelle::ui::screens::feedback::just_ended_round(&app.cx) == Some(2) {
            break;
        }
        press(&mut app, &mut store, KeyCode::Char('n'));
    }
    assert_eq!(
        passerelle::ui::screens::feedback::just_ended_round(&app.cx),
        Some(2)
    );
    press(&mut app, &mut store, KeyCode::Char('5'));
    press(&mut app, &mut store, KeyCode::Home);
    press(&mut app, &mut store, KeyCode::Char(']'));
    let all = rows(&app.feedback, &app.cx);
    let first_of_round_2 = all.iter().position(|r| r.round == 2).unwrap();
    assert_eq!(app.feedback.cursor, first_of_round_2);
}

#[test]
fn the_form_title_names_the_candidate_in_full_with_the_table() {
    let (_d, mut store, mut app) = with_plan();
    press(&mut app, &mut store, KeyCode::Enter);
    let f = &app.feedback.form.as_ref().unwrap().feedback;
    let name = app.data.member(f.candidate_id).unwrap().person.full_name();
    let table = &app.data.panel(f.panel_id.unwrap()).unwrap().table_name;
    let screen = common::screen_text(&app, 80, 24);
    assert!(
        screen.contains(&format!("{name} · Table {table} · Tour 1")),
        "{screen}"
    );
}

#[test]
fn feedback_stays_with_the_interview_that_took_place_after_the_binomes_change() {
    let (_d, mut store, mut app) = with_plan();
    press(&mut app, &mut store, KeyCode::Enter);
    press(&mut app, &mut store, KeyCode::Char('4'));
    press(&mut app, &mut store, KeyCode::Esc);
    let session = app.data.session.unwrap();
    let before = store.list_feedback(session).unwrap()[0].clone();
    // Recompose the binômes (new panel rows) and re-plan: the feedback keeps who was there.
    let mut panels = store.list_panels(session).unwrap();
    panels.reverse();
    for p in &mut panels {
        p.id = 0;
    }
    store.replace_panels(session, &panels).unwrap();
    let after = store.list_feedback(session).unwrap()[0].clone();
    assert_eq!(after.panel_label, before.panel_label);
    assert_eq!(after.panel_members, before.panel_members);
    assert_eq!(after.ratings, before.ratings);
}

#[test]
fn a_huge_paste_is_cut_with_a_message() {
    let (_d, mut store, mut app) = with_plan();
    press(&mut app, &mut store, KeyCode::Enter);
    press(&mut app, &mut store, KeyCode::Tab);
    let now = app.now;
    update(&mut app, Event::Paste("x".repeat(1_000_000)), now);
    let f = &app.feedback.form.as_ref().unwrap().feedback;
    assert!(f.strengths.chars().count() <= passerelle::ui::screens::feedback::MAX_TEXT_CHARS);
    assert!(app.message.is_some());
}

#[test]
fn ctrl_o_captures_a_proposal_in_three_keys_plus_its_text() {
    let (_d, mut store, mut app) = with_plan();
    press(&mut app, &mut store, KeyCode::Enter);
    ctrl_o(&mut app, &mut store);
    press(&mut app, &mut store, KeyCode::Char('3')); // immersion, and on to the detail
    typed(
        &mut app,
        &mut store,
        "Transports Perrin, 2 semaines en mars",
    );
    press(&mut app, &mut store, KeyCode::Enter);
    let cohort = app.data.cohort.unwrap();
    let proposals = store.list_proposals(cohort).unwrap();
    assert_eq!(proposals.len(), 1);
    let p = &proposals[0];
    assert_eq!(p.kind, "immersion");
    assert_eq!(p.detail, "Transports Perrin, 2 semaines en mars");
    assert_eq!(p.status, "proposed");
    assert!(p.offered_by.is_some(), "a pro of the binôme by default");
    let feedback = store.list_feedback(app.data.session.unwrap()).unwrap();
    assert_eq!(
        p.feedback_id,
        Some(feedback[0].id),
        "attached to the interview's feedback"
    );
    assert!(app.feedback.form.as_ref().unwrap().proposal.is_none());
}

#[test]
fn any_professional_present_may_propose_found_by_typing() {
    let (_d, mut store, mut app) = with_plan();
    press(&mut app, &mut store, KeyCode::Enter);
    let binome = app
        .feedback
        .form
        .as_ref()
        .unwrap()
        .feedback
        .panel_members
        .clone();
    let listed = app.data.listed();
    let other = passerelle::core::expect::pro_pool(&listed)
        .into_iter()
        .find(|m| !binome.contains(&m.person.id))
        .map(|m| m.person.clone())
        .expect("a professional outside this binôme");
    ctrl_o(&mut app, &mut store);
    let proposal = app
        .feedback
        .form
        .as_ref()
        .unwrap()
        .proposal
        .as_ref()
        .unwrap();
    assert_eq!(
        proposal.value("by"),
        binome[0].to_string(),
        "the binôme's own come first"
    );
    press(&mut app, &mut store, KeyCode::Char('1'));
    typed(&mut app, &mut store, "Venir avec le CV");
    press(&mut app, &mut store, KeyCode::Tab);
    typed(&mut app, &mut store, &other.full_name());
    press(&mut app, &mut store, KeyCode::Enter);
    let proposals = store.list_proposals(app.data.cohort.unwrap()).unwrap();
    assert_eq!(proposals[0].offered_by, Some(other.id));
}

#[test]
fn an_untouched_proposal_form_closes_without_writing() {
    let (_d, mut store, mut app) = with_plan();
    press(&mut app, &mut store, KeyCode::Enter);
    let now = app.now;
    update(
        &mut app,
        Event::Key(KeyEvent::new(KeyCode::Char('o'), KeyModifiers::CONTROL)),
        now,
    );
    press(&mut app, &mut store, KeyCode::Esc);
    assert!(
        store
            .list_proposals(app.data.cohort.unwrap())
            .unwrap()
            .is_empty()
    );
    assert!(
        app.feedback.form.is_some(),
        "Esc closed the proposal, not the feedback"
    );
}

#[test]
fn c_shows_all_interviews_of_the_candidate_and_esc_goes_back() {
    let (_d, mut store, mut app) = with_plan();
    press(&mut app, &mut store, KeyCode::Enter);
    for _ in 0..6 {
        press(&mut app, &mut store, KeyCode::Char('4'));
    }
    press(&mut app, &mut store, KeyCode::Tab);
    typed(&mut app, &mut store, "Très motivé");
    press(&mut app, &mut store, KeyCode::Esc);
    press(&mut app, &mut store, KeyCode::Char('c'));
    assert_eq!(
        app.feedback.candidate_view,
        Some(rows(&app.feedback, &app.cx)[0].candidate_id)
    );
    press(&mut app, &mut store, KeyCode::Esc);
    assert_eq!(app.feedback.candidate_view, None);
}

#[test]
fn ctrl_n_notes_a_thought_about_the_interview_on_screen() {
    let (_d, mut store, mut app) = with_plan();
    press(&mut app, &mut store, KeyCode::Enter);
    let now = app.now;
    update(
        &mut app,
        Event::Key(KeyEvent::new(KeyCode::Char('n'), KeyModifiers::CONTROL)),
        now,
    );
    assert!(app.note.is_some());
    typed(
        &mut app,
        &mut store,
        "parle de son frère, à voir avec le SPIP",
    );
    press(&mut app, &mut store, KeyCode::Enter);
    let notes = store.list_notes(app.data.session.unwrap()).unwrap();
    assert_eq!(notes.len(), 1);
    assert_eq!(notes[0].text, "parle de son frère, à voir avec le SPIP");
    assert_eq!(
        notes[0].candidate_id,
        Some(rows(&app.feedback, &app.cx)[0].candidate_id)
    );
    assert_eq!(notes[0].round, Some(1));
    assert!(
        app.feedback.form.is_some(),
        "the feedback form is still open"
    );
}

#[test]
fn an_empty_note_writes_nothing() {
    let (_d, mut store, mut app) = with_plan();
    let now = app.now;
    update(
        &mut app,
        Event::Key(KeyEvent::new(KeyCode::Char('n'), KeyModifiers::CONTROL)),
        now,
    );
    press(&mut app, &mut store, KeyCode::Esc);
    assert!(app.note.is_none());
    assert!(
        store
            .list_notes(app.data.session.unwrap())
            .unwrap()
            .is_empty()
    );
}

#[test]
fn text_typed_without_a_pause_is_still_written_every_400_ms() {
    let (_d, mut store, mut app) = with_plan();
    press(&mut app, &mut store, KeyCode::Enter);
    press(&mut app, &mut store, KeyCode::Tab);
    let session = app.data.session.unwrap();
    let start = app.now;
    let mut writes = 0;
    let mut last_len = 0;
    // 30 characters, one every 100 ms, with the event loop's tick after each.
    for i in 0..30 {
        let now = start + chrono::Duration::milliseconds(100 * (i + 1));
        for e in update(
            &mut app,
            Event::Key(KeyEvent::new(KeyCode::Char('a'), KeyModifiers::NONE)),
            now,
        ) {
            apply(&mut store, &mut app, e);
        }
        for e in update(&mut app, Event::Tick, now) {
            apply(&mut store, &mut app, e);
        }
        let stored = store
            .list_feedback(session)
            .unwrap()
            .first()
            .map(|f| f.strengths.len())
            .unwrap_or(0);
        if stored != last_len {
            writes += 1;
            last_len = stored;
        }
    }
    // 3 s of typing: a write about every 400 ms, never starved by the next key.
    assert!(writes >= 6, "{writes} writes");
    assert!(last_len >= 26, "at most 4 keys (400 ms) behind: {last_len}");
}

#[test]
fn the_criteria_set_is_fixed_once_a_rating_exists() {
    let (_d, mut store, mut app) = with_plan();
    press(&mut app, &mut store, KeyCode::Enter);
    press(&mut app, &mut store, KeyCode::Char('3'));
    press(&mut app, &mut store, KeyCode::Esc);
    press(&mut app, &mut store, KeyCode::Char('1'));
    press(&mut app, &mut store, KeyCode::Char('s'));
    let form = &mut app.day.form.as_mut().unwrap().form;
    form.focus = form.fields.iter().position(|f| f.id == "criteria").unwrap();
    press(&mut app, &mut store, KeyCode::Right);
    settle(&mut app, &mut store);
    let form = &app.day.form.as_ref().unwrap().form;
    assert!(
        form.fields
            .iter()
            .any(|f| f.id == "criteria" && f.error == Some("settings.err_criteria_locked"))
    );
    let session = app.data.session.unwrap();
    assert_eq!(
        store.session_settings(session).unwrap().criteria_set,
        "job_training"
    );
}

/// Issue 18: on Retours, m edits a proposal made in the selected interview, each change written
/// at once; a second m goes on to the interview's next proposal.
#[test]
fn m_on_retours_edits_the_interviews_proposal_at_once() {
    let (_d, mut store, mut app) = with_plan();
    // A proposal made in the first interview's form.
    press(&mut app, &mut store, KeyCode::Enter);
    common::key(
        &mut app,
        &mut store,
        KeyEvent::new(KeyCode::Char('o'), KeyModifiers::CONTROL),
    );
    typed(&mut app, &mut store, "3Transports Perrin");
    press(&mut app, &mut store, KeyCode::Enter);
    press(&mut app, &mut store, KeyCode::Esc);
    assert!(app.feedback.form.is_none(), "back on the list");
    let cohort = app.data.cohort.unwrap();
    let id = store.list_proposals(cohort).unwrap()[0].id;

    press(&mut app, &mut store, KeyCode::Char('m'));
    typed(&mut app, &mut store, "5");
    typed(&mut app, &mut store, ", CDD de 6 mois");
    let p = store
        .list_proposals(cohort)
        .unwrap()
        .into_iter()
        .find(|p| p.id == id)
        .unwrap();
    assert_eq!(p.kind, "job_offer", "written before the form closes");
    assert_eq!(p.detail, "Transports Perrin, CDD de 6 mois");
    press(&mut app, &mut store, KeyCode::Esc);
    assert_eq!(store.list_proposals(cohort).unwrap().len(), 1);

    // An interview without a proposal: m says so.
    press(&mut app, &mut store, KeyCode::Down);
    press(&mut app, &mut store, KeyCode::Char('m'));
    assert!(app.feedback.proposal_edit.is_none());
    assert!(app.message.is_some());
}
