//! The pure `update`: what each key does to the state and which writes it asks for.

mod common;

use chrono::{Duration, NaiveTime};
use passerelle::core::attendance::AttendanceStatus;
use passerelle::i18n::Lang;
use passerelle::ui::app::Popup;
use passerelle::ui::effects::apply;
use passerelle::ui::screen::Screen;
use passerelle::ui::screens::attendance::visible;
use passerelle::ui::{App, Effect, Event, update};
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

fn press(app: &mut App, code: KeyCode) -> Vec<Effect> {
    let now = app.now;
    update(
        app,
        Event::Key(KeyEvent::new(code, KeyModifiers::NONE)),
        now,
    )
}

fn ch(app: &mut App, c: char) -> Vec<Effect> {
    press(app, KeyCode::Char(c))
}

fn typed(app: &mut App, text: &str) {
    for c in text.chars() {
        ch(app, c);
    }
}

fn selected_name(app: &App) -> String {
    visible(&app.attendance, &app.cx)[app.attendance.cursor]
        .0
        .person
        .full_name()
}

fn t(h: u32, m: u32) -> NaiveTime {
    NaiveTime::from_hms_opt(h, m, 0).unwrap()
}

#[test]
fn opens_on_the_attendance_of_todays_session() {
    let (_d, _s, app) = common::demo_app(Lang::Fr);
    assert_eq!(app.screen, Screen::Attendance);
    assert_eq!(app.data.current_session().unwrap().date, common::today());
}

#[test]
fn p_marks_present_now_and_asks_for_a_write() {
    let (_d, _s, mut app) = common::demo_app(Lang::Fr);
    assert_eq!(selected_name(&app), "Yanis Benali");
    let effects = ch(&mut app, 'p');
    let [Effect::SaveAttendance(rec)] = effects.as_slice() else {
        panic!("{effects:?}")
    };
    assert_eq!(rec.status, AttendanceStatus::Present);
    assert_eq!(rec.arrived_at, Some(t(9, 10)));
    assert!(app.message.as_ref().unwrap().text.contains("Yanis B."));
    // Same key again on Yanis: nothing changes, nothing is written.
    press(&mut app, KeyCode::Home);
    assert!(ch(&mut app, 'p').is_empty());
}

fn expected_rows(app: &App) -> Vec<usize> {
    visible(&app.attendance, &app.cx)
        .iter()
        .enumerate()
        .filter(|(_, (_, a))| a.status == AttendanceStatus::Expected)
        .map(|(i, _)| i)
        .collect()
}

#[test]
fn a_status_key_moves_on_to_the_next_person_not_yet_marked_wrapping() {
    let (_d, _s, mut app) = common::demo_app(Lang::Fr);
    let waiting = expected_rows(&app);
    assert!(waiting.len() > 3, "{waiting:?}");
    // From the last row, the next one not yet marked is found from the top again.
    press(&mut app, KeyCode::End);
    let last = app.attendance.cursor;
    ch(&mut app, 'e');
    let first_waiting = waiting.iter().copied().find(|&i| i != last).unwrap();
    assert_eq!(app.attendance.cursor, first_waiting);
    // One key a person: p, r, a, e each move on.
    let mut keys = 1;
    for c in "prae".chars().cycle() {
        if expected_rows(&app).is_empty() {
            break;
        }
        ch(&mut app, c);
        keys += 1;
        assert!(keys <= 29, "one key per person");
    }
    assert_eq!(keys, waiting.len() + usize::from(!waiting.contains(&last)));
    // Everyone marked: the cursor stays where it is.
    let here = app.attendance.cursor;
    ch(&mut app, 'p');
    assert_eq!(app.attendance.cursor, here);
}

#[test]
fn u_takes_back_the_last_change() {
    let (_d, _s, mut app) = common::demo_app(Lang::Fr);
    ch(&mut app, 'a');
    // The cursor went on to the next person not yet marked: back to Moussa, second.
    press(&mut app, KeyCode::Home);
    ch(&mut app, 'j');
    ch(&mut app, 'r');
    let effects = ch(&mut app, 'u');
    let [Effect::SaveAttendance(rec)] = effects.as_slice() else {
        panic!("{effects:?}")
    };
    assert_eq!(
        rec.status,
        AttendanceStatus::Present,
        "Moussa was present before « r »"
    );
    let effects = ch(&mut app, 'u');
    let [Effect::SaveAttendance(rec)] = effects.as_slice() else {
        panic!("{effects:?}")
    };
    assert_eq!(rec.status, AttendanceStatus::Expected);
    assert_eq!(
        selected_name(&app),
        "Yanis Benali",
        "the cursor follows the undone change"
    );
    assert!(ch(&mut app, 'u').is_empty());
}

#[test]
fn slash_filters_by_name_ignoring_accents_and_esc_clears() {
    let (_d, _s, mut app) = common::demo_app(Lang::Fr);
    ch(&mut app, '/');
    typed(&mut app, "helene");
    press(&mut app, KeyCode::Enter);
    assert_eq!(visible(&app.attendance, &app.cx).len(), 1);
    assert_eq!(selected_name(&app), "Hélène Caillaud");
    // While browsing a filtered list, the letters are commands again.
    assert!(!ch(&mut app, 'a').is_empty());
    press(&mut app, KeyCode::Esc);
    assert_eq!(visible(&app.attendance, &app.cx).len(), 29);
}

#[test]
fn the_times_form_saves_as_typed_after_the_debounce() {
    let (_d, mut store, mut app) = common::demo_app(Lang::Fr);
    press(&mut app, KeyCode::Enter);
    assert!(app.attendance.form.is_some());
    typed(&mut app, "9h25");
    let Some((_, Effect::SaveAttendance(pending))) = app.attendance.pending.clone() else {
        panic!("a write is waiting")
    };
    assert_eq!(pending.arrived_at, Some(t(9, 25)));
    assert_eq!(pending.status, AttendanceStatus::Present);
    // Not yet due: nothing written.
    let now = app.now;
    assert!(update(&mut app, Event::Tick, now).is_empty());
    let later = now + Duration::milliseconds(500);
    let effects = update(&mut app, Event::Tick, later);
    assert_eq!(effects.len(), 1);
    for e in effects {
        apply(&mut store, &mut app, e);
    }
    let session = app.data.session.unwrap();
    let saved = store
        .list_attendance(session)
        .unwrap()
        .into_iter()
        .find(|a| a.person_id == pending.person_id)
        .unwrap();
    assert_eq!(saved.arrived_at, Some(t(9, 25)));
}

#[test]
fn closing_the_form_writes_what_is_pending_at_once() {
    let (_d, _s, mut app) = common::demo_app(Lang::Fr);
    press(&mut app, KeyCode::Enter);
    press(&mut app, KeyCode::Tab);
    press(&mut app, KeyCode::Tab);
    typed(&mut app, "parloir");
    let effects = press(&mut app, KeyCode::Esc);
    let [Effect::SaveAttendance(rec)] = effects.as_slice() else {
        panic!("{effects:?}")
    };
    assert_eq!(rec.reason, "parloir");
    assert!(app.attendance.form.is_none());
}

#[test]
fn an_invalid_time_is_not_saved_and_esc_warns_first() {
    let (_d, _s, mut app) = common::demo_app(Lang::Fr);
    press(&mut app, KeyCode::Enter);
    typed(&mut app, "midi");
    assert!(app.attendance.pending.is_none());
    assert!(app.attendance.form.as_ref().unwrap().invalid[0]);
    press(&mut app, KeyCode::Esc);
    assert!(app.attendance.form.is_some(), "first Esc warns");
    assert!(app.message.is_some());
    press(&mut app, KeyCode::Esc);
    assert!(
        app.attendance.form.is_none(),
        "second Esc abandons the invalid text"
    );
}

#[test]
fn digits_in_a_form_are_text_not_screen_switches() {
    let (_d, _s, mut app) = common::demo_app(Lang::Fr);
    press(&mut app, KeyCode::Enter);
    ch(&mut app, '1');
    assert_eq!(app.screen, Screen::Attendance);
    assert_eq!(
        app.attendance.form.as_ref().unwrap().inputs[0].lines()[0],
        "1"
    );
}

#[test]
fn someone_not_expected_can_be_added_on_the_spot() {
    let (_d, mut store, mut app) = common::demo_app(Lang::Fr);
    ch(&mut app, '+');
    typed(&mut app, "Marc Visiteur");
    press(&mut app, KeyCode::Tab); // professional
    let effects = press(&mut app, KeyCode::Enter);
    assert_eq!(effects.len(), 1);
    for e in effects {
        apply(&mut store, &mut app, e);
    }
    assert_eq!(selected_name(&app), "Marc Visiteur");
    let (member, record) = visible(&app.attendance, &app.cx)[app.attendance.cursor];
    assert_eq!(member.role, passerelle::core::domain::Role::Professional);
    assert_eq!(record.status, AttendanceStatus::Present);
    assert!(!record.expected);
    // Undo removes him from the list again.
    let effects = ch(&mut app, 'u');
    assert!(matches!(
        effects.as_slice(),
        [Effect::DeleteAttendance { .. }]
    ));
}

#[test]
fn the_add_prompt_needs_a_first_and_last_name() {
    let (_d, _s, mut app) = common::demo_app(Lang::Fr);
    ch(&mut app, '+');
    typed(&mut app, "Marc");
    assert!(press(&mut app, KeyCode::Enter).is_empty());
    assert!(app.attendance.adder.is_some());
    assert!(app.message.is_some());
}

#[test]
fn screens_switch_with_digits_azerty_and_tab() {
    let (_d, _s, mut app) = common::demo_app(Lang::Fr);
    ch(&mut app, '1');
    assert_eq!(app.screen, Screen::Day);
    ch(&mut app, 'é');
    assert_eq!(app.screen, Screen::Participants);
    press(&mut app, KeyCode::Tab);
    assert_eq!(app.screen, Screen::Attendance);
    press(&mut app, KeyCode::F(6));
    assert_eq!(app.screen, Screen::GrandOral);
}

#[test]
fn end_of_session_asks_then_stamps_everyone_present() {
    let (_d, _s, mut app) = common::demo_app(Lang::Fr);
    ch(&mut app, 'f');
    assert_eq!(app.popup, Some(Popup::ConfirmEndOfSession));
    let effects = ch(&mut app, 'o');
    assert_eq!(effects.len(), app.data.counts().came_total());
    assert!(
        app.data
            .attendance
            .iter()
            .filter(|a| a.status.came())
            .all(|a| a.left_at.is_some())
    );
}

/// Clears the focused field of the times form (five Backspaces cover « 09:10 »).
fn clear_field(app: &mut App) {
    for _ in 0..5 {
        press(app, KeyCode::Backspace);
    }
}

/// Puts the cursor on the first person who came.
fn select_first_present(app: &mut App) -> i64 {
    let (pos, id) = visible(&app.attendance, &app.cx)
        .iter()
        .enumerate()
        .find(|(_, (_, a))| a.status.came())
        .map(|(i, (m, _))| (i, m.person.id))
        .unwrap();
    app.attendance.cursor = pos;
    id
}

/// Issue 18 point 2: a departure before the arrival is refused with a sentence, the typed text stays.
/// Failed before: « 09:00 → 08:00 » was saved and made the person « parti tôt ».
#[test]
fn a_departure_before_the_arrival_is_refused_and_the_text_kept() {
    let (_d, _s, mut app) = common::demo_app(Lang::Fr);
    press(&mut app, KeyCode::Enter);
    typed(&mut app, "9h");
    press(&mut app, KeyCode::Tab);
    typed(&mut app, "8h");
    let id = app.attendance.form.as_ref().unwrap().person_id;
    let rec = app.data.attendance_of(id).unwrap().clone();
    assert_eq!(rec.arrived_at, Some(t(9, 0)));
    assert_eq!(rec.left_at, None, "the impossible departure is not kept");
    assert_eq!(rec.status, AttendanceStatus::Present);
    let form = app.attendance.form.as_ref().unwrap();
    assert_eq!(
        form.inputs[1].lines()[0],
        "8h",
        "what was typed stays to correct"
    );
    assert!(common::screen_text(&app, 120, 40).contains("Départ avant l'arrivée"));
    press(&mut app, KeyCode::Esc);
    assert!(app.attendance.form.is_some(), "first Esc says it again");
    clear_field(&mut app);
    typed(&mut app, "17h");
    assert_eq!(app.data.attendance_of(id).unwrap().left_at, Some(t(17, 0)));
}

/// Issue 18 point 2: after `f`, a departure corrected to the end time is not « parti tôt », and an
/// arrival after the end is refused. Failed before: both were saved as typed.
#[test]
fn after_f_the_end_time_is_not_leaving_early_and_a_later_arrival_is_refused() {
    let (_d, _s, mut app) = common::demo_app(Lang::Fr);
    ch(&mut app, 'f');
    ch(&mut app, 'o');
    let id = select_first_present(&mut app);
    let before = app.data.attendance_of(id).unwrap().clone();
    assert_eq!(before.left_at, Some(t(9, 10)));
    press(&mut app, KeyCode::Enter);
    press(&mut app, KeyCode::Tab);
    clear_field(&mut app);
    typed(&mut app, "9h10");
    let rec = app.data.attendance_of(id).unwrap().clone();
    assert_eq!(rec.left_at, Some(t(9, 10)));
    assert_eq!(
        rec.status, before.status,
        "not « parti tôt » at the end time"
    );
    press(&mut app, KeyCode::BackTab);
    clear_field(&mut app);
    typed(&mut app, "9h25");
    let rec = app.data.attendance_of(id).unwrap().clone();
    // Saved as typed up to « 9h2 »; « 9h25 » is after the end and refused.
    assert_eq!(
        rec.arrived_at,
        Some(t(9, 2)),
        "an arrival after the end is refused"
    );
    let screen = common::screen_text(&app, 120, 40);
    assert!(screen.contains("Séance close à 09:10"), "{screen}");
}

/// Issue 18 point 2: `r` after `f` closed the session records the person as late, but stamps no
/// arrival after the close (it would print on `emargement-rempli`) and says so in one sentence.
/// Failed before: the arrival was the time of the key, later than the close, without a word.
#[test]
fn a_mark_after_f_records_the_status_without_an_arrival_after_the_close() {
    let (_d, _s, mut app) = common::demo_app(Lang::Fr);
    ch(&mut app, 'f');
    ch(&mut app, 'o');
    app.now += Duration::minutes(20);
    let pos = expected_rows(&app)[0];
    app.attendance.cursor = pos;
    let id = visible(&app.attendance, &app.cx)[pos].0.person.id;
    let effects = ch(&mut app, 'r');
    let [Effect::SaveAttendance(rec)] = effects.as_slice() else {
        panic!("{effects:?}")
    };
    assert_eq!(rec.person_id, id);
    assert_eq!(rec.status, AttendanceStatus::Late, "the mark is recorded");
    assert_eq!(rec.arrived_at, None, "no arrival after the close at 09:10");
    let said = &app.message.as_ref().unwrap().text;
    assert!(said.contains("Séance close à 09:10"), "{said}");
}

#[test]
fn privacy_screen_swallows_every_key_but_ctrl_x() {
    let (_d, _s, mut app) = common::demo_app(Lang::Fr);
    let ctrl_x = KeyEvent::new(KeyCode::Char('x'), KeyModifiers::CONTROL);
    let now = app.now;
    update(&mut app, Event::Key(ctrl_x), now);
    assert!(app.privacy);
    assert!(ch(&mut app, 'p').is_empty());
    ch(&mut app, '1');
    assert_eq!(app.screen, Screen::Attendance);
    update(&mut app, Event::Key(ctrl_x), now);
    assert!(!app.privacy);
}

#[test]
fn q_quits_but_in_a_form_ctrl_c_asks_first() {
    let (_d, _s, mut app) = common::demo_app(Lang::Fr);
    press(&mut app, KeyCode::Enter);
    ch(&mut app, 'q');
    assert!(!app.quit, "q is text in a form");
    let ctrl_c = KeyEvent::new(KeyCode::Char('c'), KeyModifiers::CONTROL);
    let now = app.now;
    update(&mut app, Event::Key(ctrl_c), now);
    assert_eq!(app.popup, Some(Popup::ConfirmQuit));
    ch(&mut app, 'o');
    assert!(app.quit);
}

#[test]
fn a_huge_paste_into_the_reason_is_cut_without_freezing() {
    let (_d, _s, mut app) = common::demo_app(Lang::Fr);
    press(&mut app, KeyCode::Enter);
    press(&mut app, KeyCode::Tab);
    press(&mut app, KeyCode::Tab);
    let now = app.now;
    update(&mut app, Event::Paste("é".repeat(1_000_000)), now);
    let Some((_, Effect::SaveAttendance(pending))) = &app.attendance.pending else {
        panic!("a write is waiting")
    };
    let reason = &pending.reason;
    assert_eq!(
        reason.chars().count(),
        passerelle::ui::screens::attendance::MAX_REASON_CHARS
    );
}

#[test]
fn choosing_a_session_on_the_day_screen_opens_it() {
    let (_d, mut store, mut app) = common::demo_app(Lang::Fr);
    ch(&mut app, '1');
    press(&mut app, KeyCode::Home);
    let effects = press(&mut app, KeyCode::Enter);
    let [Effect::OpenSession(id)] = effects.as_slice() else {
        panic!("{effects:?}")
    };
    let id = *id;
    for e in effects {
        apply(&mut store, &mut app, e);
    }
    assert_eq!(app.data.session, Some(id));
    assert_eq!(store.last_session().unwrap(), Some(id));
}

/// Issue 18 point 5: a session nobody is expected at is not « 0/0 présents · terminée » on Journée.
/// Failed before.
#[test]
fn an_empty_session_is_not_zero_of_zero_present_and_done() {
    let (_d, mut store, _) = common::demo_app(Lang::Fr);
    let cohort = store.list_cohorts().unwrap()[0].id;
    store
        .insert_session(&passerelle::core::domain::Session {
            id: 0,
            cohort_id: cohort,
            kind: passerelle::core::domain::SessionKind::Review,
            date: common::today() - Duration::days(1),
            start_time: None,
            place: String::new(),
            title: "Bilan vide".into(),
        })
        .unwrap();
    let mut app = common::app_of(&store, Lang::Fr);
    app.screen = Screen::Day;
    let screen = common::screen_text(&app, 120, 40);
    let line = screen.lines().find(|l| l.contains("Bilan vide")).unwrap();
    assert!(!line.contains("0/0"), "{line}");
    assert!(!line.contains("terminée"), "{line}");
    assert!(line.contains("personne sur la liste"), "{line}");
}

/// Issue 18 point 6: `n`, a choice, then Échap on Journée leaves no new session behind (the first
/// Échap says so, the second abandons); Enter creates it. Failed before: the choice was written as a
/// new session while the form was open, and Échap kept it.
#[test]
fn n_then_esc_on_the_day_screen_creates_no_session() {
    let (_d, mut store, mut app) = common::demo_app(Lang::Fr);
    let cohort = store.list_cohorts().unwrap()[0].id;
    let before = store.list_sessions(cohort).unwrap().len();
    common::press(&mut app, &mut store, KeyCode::Char('1'));
    common::press(&mut app, &mut store, KeyCode::Char('n'));
    common::press(&mut app, &mut store, KeyCode::Right);
    common::settle(&mut app, &mut store);
    assert_eq!(store.list_sessions(cohort).unwrap().len(), before);
    common::press(&mut app, &mut store, KeyCode::Esc);
    assert!(
        app.day.form.is_some(),
        "the first Échap says nothing is created"
    );
    assert!(
        app.message
            .as_ref()
            .unwrap()
            .text
            .contains("pas encore créée")
    );
    common::press(&mut app, &mut store, KeyCode::Esc);
    common::settle(&mut app, &mut store);
    assert!(app.day.form.is_none());
    assert_eq!(store.list_sessions(cohort).unwrap().len(), before);
    common::press(&mut app, &mut store, KeyCode::Char('n'));
    common::press(&mut app, &mut store, KeyCode::Right);
    common::press(&mut app, &mut store, KeyCode::Enter);
    assert_eq!(store.list_sessions(cohort).unwrap().len(), before + 1);
}

/// Issue 18 point 16: Présences shows staff with their organisation. Failed before (role only).
#[test]
fn attendance_shows_staff_with_their_organisation() {
    let (_d, _s, app) = common::demo_app(Lang::Fr);
    let screen = common::screen_text(&app, 120, 40);
    let nadia = screen
        .lines()
        .find(|l| l.contains("Nadia Belkacem"))
        .unwrap();
    assert!(nadia.contains("SPIP de la Vienne"), "{nadia}");
}

/// Issue 18 point 10: on Journée, the new session's date and time are defaults — the first key
/// typed replaces them, an arrow keeps them. Failed before: typing added to « 01/12/2026 ».
#[test]
fn a_new_sessions_date_and_time_are_replaced_by_typing() {
    let (_d, mut store, mut app) = common::demo_app(Lang::Fr);
    common::press(&mut app, &mut store, KeyCode::Char('1'));
    common::press(&mut app, &mut store, KeyCode::Char('n'));
    press(&mut app, KeyCode::Tab);
    typed(&mut app, "15/12/2026");
    press(&mut app, KeyCode::Tab);
    typed(&mut app, "14:00");
    let form = &app.day.form.as_ref().unwrap().form;
    assert_eq!(form.value("date"), "15/12/2026");
    assert_eq!(form.value("time"), "14:00");
    press(&mut app, KeyCode::Esc);
    press(&mut app, KeyCode::Esc);
    ch(&mut app, 'n');
    press(&mut app, KeyCode::Tab);
    press(&mut app, KeyCode::Right);
    let date = app.day.form.as_ref().unwrap().form.value("date");
    assert_eq!(
        date,
        common::today().format("%d/%m/%Y").to_string(),
        "an arrow keeps it"
    );
}

/// Issue 18 point 10: the duplicated cohort's « (suite) » name is a default typing replaces.
/// Failed before: typing added to it.
#[test]
fn a_duplicated_cohorts_name_is_replaced_by_typing() {
    let (_d, mut store, mut app) = common::demo_app(Lang::Fr);
    common::press(&mut app, &mut store, KeyCode::Char('1'));
    common::press(&mut app, &mut store, KeyCode::Char('d'));
    let form = &app.day.form.as_ref().unwrap().form;
    assert!(
        form.value("name").ends_with("(suite)"),
        "{}",
        form.value("name")
    );
    typed(&mut app, "Printemps");
    assert_eq!(
        app.day.form.as_ref().unwrap().form.value("name"),
        "Printemps"
    );
}

/// Issue 18 point 10: in the Présences times form a recorded time is selected: typing replaces it,
/// an arrow keeps it (the reason, free text, is not selected). Failed before: « 09:029h15 ».
#[test]
fn a_recorded_time_is_replaced_by_typing_and_kept_by_an_arrow() {
    let (_d, _s, mut app) = common::demo_app(Lang::Fr);
    let id = select_first_present(&mut app);
    let arrived = app.data.attendance_of(id).unwrap().arrived_at.unwrap();
    press(&mut app, KeyCode::Enter);
    typed(&mut app, "9h15");
    assert_eq!(
        app.data.attendance_of(id).unwrap().arrived_at,
        Some(t(9, 15))
    );
    press(&mut app, KeyCode::Esc);
    press(&mut app, KeyCode::Enter);
    press(&mut app, KeyCode::Left);
    let form = app.attendance.form.as_ref().unwrap();
    assert_eq!(form.inputs[0].lines()[0], "09:15");
    assert!(!form.inputs[0].is_selecting(), "the arrow keeps the time");
    assert_ne!(arrived, t(9, 15));
}
