//! The candidate's path on screen (issue 19): the selection view, the status change with its
//! reason form, the refusal said in one sentence, by keyboard and counted in keys.

mod common;

use common::{press, typed};
use passerelle::core::path::{Mark, Status, Withdrawal};
use passerelle::i18n::Lang;
use ratatui::crossterm::event::KeyCode;

fn person(store: &passerelle::store::Store, cohort: i64, full: &str) -> i64 {
    store
        .list_members(cohort)
        .unwrap()
        .into_iter()
        .find(|m| m.person.full_name() == full)
        .unwrap()
        .person
        .id
}

/// Moves the status list's cursor to row `to`.
fn go_to(app: &mut passerelle::ui::App, store: &mut passerelle::store::Store, to: usize) {
    let from = app.participants.status.as_ref().unwrap().cursor;
    let key = if from < to {
        KeyCode::Down
    } else {
        KeyCode::Up
    };
    for _ in 0..from.abs_diff(to) {
        press(app, store, key);
    }
}

#[test]
fn a_prospect_is_selected_from_the_selection_view_in_a_few_keys() {
    let (_d, mut store, mut app) = common::demo_app(Lang::Fr);
    let cohort = app.data.cohort.unwrap();
    let theo = person(&store, cohort, "Theo Fleury");
    assert_eq!(app.data.path.status(theo), Some(Status::Informed));
    let mut keys = 0;
    let mut k = |app: &mut _, store: &mut _, c| {
        keys += 1;
        press(app, store, c);
    };
    k(&mut app, &mut store, KeyCode::Char('2'));
    k(&mut app, &mut store, KeyCode::Char('v'));
    let rows = passerelle::ui::screens::participants::selection::prospects(&app.cx);
    let at = rows.iter().position(|m| m.person.id == theo).unwrap();
    for _ in 0..at {
        k(&mut app, &mut store, KeyCode::Down);
    }
    // Motivation yes, coherence yes, local priority yes; then retenu.
    k(&mut app, &mut store, KeyCode::Char(' '));
    k(&mut app, &mut store, KeyCode::Right);
    k(&mut app, &mut store, KeyCode::Char(' '));
    k(&mut app, &mut store, KeyCode::Right);
    k(&mut app, &mut store, KeyCode::Char(' '));
    k(&mut app, &mut store, KeyCode::Char('r'));
    let h = store.status_history(cohort, theo).unwrap();
    let last = h.last().unwrap();
    assert_eq!(last.status, Status::Selected);
    assert_eq!(last.criteria.marks(), [Some(Mark::Yes); 3]);
    // 12 retained now (10 started + Theo + none withdrawn counted): within the target.
    let text = common::screen_text(&app, 120, 40);
    assert!(text.contains("retenus 11/12"), "{text}");
    println!("selection of one prospect: {keys} keys ({at} to reach the row)");
    assert!(keys - at <= 8, "{keys}");
}

#[test]
fn over_the_target_is_a_warning_not_a_refusal() {
    let (_d, mut store, mut app) = common::demo_app(Lang::Fr);
    let cohort = app.data.cohort.unwrap();
    store.set_target_size(cohort, 10).unwrap();
    passerelle::ui::path::reload(&store, &mut app).unwrap();
    press(&mut app, &mut store, KeyCode::Char('2'));
    press(&mut app, &mut store, KeyCode::Char('v'));
    press(&mut app, &mut store, KeyCode::Char('r'));
    let first = passerelle::ui::screens::participants::selection::prospects(&app.cx)[0]
        .person
        .id;
    assert_eq!(app.data.path.status(first), Some(Status::Selected));
    let text = common::screen_text(&app, 120, 40);
    assert!(text.contains("retenus 11/10"), "{text}");
    assert!(text.contains("au-delà de l'effectif visé"), "{text}");
}

#[test]
fn a_withdrawal_is_recorded_with_its_reason_and_one_dated_before_the_referral_is_refused() {
    let (_d, mut store, mut app) = common::demo_app(Lang::Fr);
    let cohort = app.data.cohort.unwrap();
    let yanis = person(&store, cohort, "Yanis Benali");
    press(&mut app, &mut store, KeyCode::Char('2'));
    // Yanis is the first row: → to the status column, Enter opens the status change.
    press(&mut app, &mut store, KeyCode::Right);
    press(&mut app, &mut store, KeyCode::Enter);
    assert!(app.participants.status.is_some());
    let withdrew = Status::ALL
        .iter()
        .position(|s| *s == Status::Withdrew)
        .unwrap();
    go_to(&mut app, &mut store, withdrew);
    press(&mut app, &mut store, KeyCode::Enter);
    // The form: date, reason, note. A date before the referral first.
    for _ in 0..10 {
        press(&mut app, &mut store, KeyCode::Backspace);
    }
    typed(&mut app, &mut store, "01/01/2026");
    press(&mut app, &mut store, KeyCode::Tab);
    press(&mut app, &mut store, KeyCode::Char('2')); // libération
    typed(&mut app, &mut store, "aménagement de peine accordé");
    press(&mut app, &mut store, KeyCode::Enter);
    assert!(
        app.participants.status.is_none(),
        "{:?}",
        app.participants
            .status
            .as_ref()
            .and_then(|s| s.form.as_ref())
            .map(|(_, f)| (f.value("date"), f.value("withdrawal"), f.value("note")))
    );
    let message = app
        .message
        .as_ref()
        .map(|m| m.text.clone())
        .unwrap_or_default();
    assert!(
        message.contains("ne peut pas être daté avant l'orientation"),
        "{message}"
    );
    assert_eq!(
        store
            .status_history(cohort, yanis)
            .unwrap()
            .last()
            .unwrap()
            .status,
        Status::Started
    );
    // Again, dated today (the cursor is still on the status column).
    press(&mut app, &mut store, KeyCode::Enter);
    go_to(&mut app, &mut store, withdrew);
    press(&mut app, &mut store, KeyCode::Enter);
    press(&mut app, &mut store, KeyCode::Tab);
    press(&mut app, &mut store, KeyCode::Char('2'));
    typed(&mut app, &mut store, "aménagement de peine accordé");
    press(&mut app, &mut store, KeyCode::Enter);
    let last = store.status_history(cohort, yanis).unwrap().pop().unwrap();
    assert_eq!(last.status, Status::Withdrew);
    assert_eq!(last.withdrawal, Some(Withdrawal::Release));
    assert_eq!(last.note, "aménagement de peine accordé");
    assert_eq!(app.data.path.funnel.withdrawn(), 3);
}

#[test]
fn end_of_session_defaults_to_the_half_day_end_and_lists_show_start_end() {
    let (_d, mut store, _) = common::demo_app(Lang::Fr);
    let cohort = store.list_cohorts().unwrap()[0].id;
    let last_coaching = store
        .list_sessions(cohort)
        .unwrap()
        .into_iter()
        .rfind(|s| s.kind == passerelle::core::domain::SessionKind::Coaching)
        .unwrap();
    let half = chrono::NaiveTime::from_hms_opt(12, 30, 0).unwrap();
    assert!(
        store
            .session_ends(cohort)
            .unwrap()
            .contains(&(last_coaching.id, half))
    );
    let data = passerelle::ui::data::Data::load(&store, Some(last_coaching.id)).unwrap();
    let mut app = passerelle::ui::App::new(
        passerelle::i18n::Tr::new(Lang::Fr),
        passerelle::ui::theme::Theme { no_color: true },
        data,
        common::morning(),
    );
    press(&mut app, &mut store, KeyCode::Char('1'));
    let text = common::screen_text(&app, 120, 40);
    assert!(text.contains("09:00–12:30"), "{text}");
    press(&mut app, &mut store, KeyCode::Char('3'));
    press(&mut app, &mut store, KeyCode::Char('f'));
    press(&mut app, &mut store, KeyCode::Char('o'));
    let came: Vec<_> = store
        .list_attendance(last_coaching.id)
        .unwrap()
        .into_iter()
        .filter(|a| a.status.came())
        .collect();
    assert!(!came.is_empty());
    assert!(came.iter().all(|a| a.left_at == Some(half)), "{came:?}");
}

#[test]
fn the_target_size_is_set_in_the_cohort_form_and_the_selection_view_follows() {
    let (_d, mut store, mut app) = common::demo_app(Lang::Fr);
    let cohort = app.data.cohort.unwrap();
    press(&mut app, &mut store, KeyCode::Char('1'));
    press(&mut app, &mut store, KeyCode::Left);
    press(&mut app, &mut store, KeyCode::Char('e'));
    for _ in 0..5 {
        press(&mut app, &mut store, KeyCode::Tab);
    }
    let form = &app.day.form.as_ref().unwrap().form;
    assert_eq!(form.value("target"), "12", "the default, prefilled");
    for _ in 0..3 {
        press(&mut app, &mut store, KeyCode::Backspace);
    }
    typed(&mut app, &mut store, "0");
    common::settle(&mut app, &mut store);
    let text = common::screen_text(&app, 120, 40);
    assert!(text.contains("nombre entier de 1 à 200"), "{text}");
    assert_eq!(store.target_size(cohort).unwrap(), 12, "nothing written");
    press(&mut app, &mut store, KeyCode::Backspace);
    typed(&mut app, &mut store, "201");
    let form = &app.day.form.as_ref().unwrap().form;
    assert!(form.fields[5].error.is_some(), "201 is refused");
    for _ in 0..3 {
        press(&mut app, &mut store, KeyCode::Backspace);
    }
    typed(&mut app, &mut store, "10");
    common::settle(&mut app, &mut store);
    assert_eq!(store.target_size(cohort).unwrap(), 10, "saved at once");
    press(&mut app, &mut store, KeyCode::Esc);
    press(&mut app, &mut store, KeyCode::Char('2'));
    press(&mut app, &mut store, KeyCode::Char('v'));
    let text = common::screen_text(&app, 120, 40);
    assert!(text.contains("retenus 10/10"), "{text}");
}
