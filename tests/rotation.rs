//! Rotation screen: generating, storing versions, locking.

mod common;

use common::press;

use passerelle::i18n::Lang;
use passerelle::store::Store;
use passerelle::ui::app::Popup;
use passerelle::ui::effects::apply;
use passerelle::ui::{App, Event, update};
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

#[test]
fn g_generates_an_optimal_plan_for_the_demo_morning_and_stores_it() {
    let (_d, mut store, mut app) = common::unplanned_app(Lang::Fr);
    press(&mut app, &mut store, KeyCode::Char('4'));
    press(&mut app, &mut store, KeyCode::Char('g'));
    let session = app.data.session.unwrap();
    let plan = store.latest_plan(session).unwrap().expect("stored");
    assert_eq!(plan.version, 1);
    // 10 candidates × 4 interviews over 6 binômes: ceil(40 / 6) = 7 rounds.
    assert_eq!(plan.rounds(), 7);
    assert_eq!(plan.interviews.len(), 40);
    for cand in plan.interviews.iter().map(|i| i.candidate_id) {
        let mut panels: Vec<_> = plan
            .interviews
            .iter()
            .filter(|i| i.candidate_id == cand)
            .map(|i| i.panel_id)
            .collect();
        panels.sort();
        panels.dedup();
        assert_eq!(panels.len(), 4, "four different binômes");
    }
}

#[test]
fn regenerating_asks_keeps_history_and_a_locked_plan_is_refused() {
    let (_d, mut store, mut app) = common::unplanned_app(Lang::Fr);
    press(&mut app, &mut store, KeyCode::Char('4'));
    press(&mut app, &mut store, KeyCode::Char('g'));
    press(&mut app, &mut store, KeyCode::Char('g'));
    assert_eq!(app.popup, Some(Popup::ConfirmRegenerate));
    press(&mut app, &mut store, KeyCode::Char('o'));
    let session = app.data.session.unwrap();
    assert_eq!(store.plan_versions(session).unwrap().len(), 2);
    press(&mut app, &mut store, KeyCode::Char('v'));
    assert!(store.latest_plan(session).unwrap().unwrap().locked);
    press(&mut app, &mut store, KeyCode::Char('g'));
    assert!(
        app.popup.is_none(),
        "locked: refused with a message, no question"
    );
    assert!(app.message.as_ref().unwrap().text.contains('v'));
    assert_eq!(store.plan_versions(session).unwrap().len(), 2);
}

#[test]
fn an_absent_candidate_is_left_out_of_a_new_plan() {
    let (_d, mut store, mut app) = common::unplanned_app(Lang::Fr);
    press(&mut app, &mut store, KeyCode::Char('a')); // Yanis absent
    press(&mut app, &mut store, KeyCode::Char('4'));
    press(&mut app, &mut store, KeyCode::Char('g'));
    let plan = store
        .latest_plan(app.data.session.unwrap())
        .unwrap()
        .unwrap();
    assert_eq!(plan.interviews.len(), 36);
}

#[test]
fn changing_k_after_a_plan_says_the_plan_must_be_redone() {
    let (_d, mut store, mut app) = common::unplanned_app(Lang::Fr);
    press(&mut app, &mut store, KeyCode::Char('4'));
    press(&mut app, &mut store, KeyCode::Char('g'));
    press(&mut app, &mut store, KeyCode::Char('1'));
    press(&mut app, &mut store, KeyCode::Char('s'));
    press(&mut app, &mut store, KeyCode::Backspace);
    press(&mut app, &mut store, KeyCode::Char('5'));
    let form = &app.day.form.as_ref().unwrap().form;
    assert_eq!(form.notice, Some("settings.k_affects_plan"));
}

#[test]
fn replanning_after_an_absence_keeps_played_rounds_and_lists_the_moves() {
    let (_d, mut store, mut app) = common::unplanned_app(Lang::Fr);
    press(&mut app, &mut store, KeyCode::Char('4'));
    press(&mut app, &mut store, KeyCode::Char('g'));
    let session = app.data.session.unwrap();
    let before = store.latest_plan(session).unwrap().unwrap();
    // Both members of the first binôme leave after round 2.
    let leaving = app.data.panels[0].members.clone();
    press(&mut app, &mut store, KeyCode::Char('3'));
    for pro in &leaving {
        let pos = passerelle::ui::screens::attendance::visible(&app.attendance, &app.cx)
            .iter()
            .position(|(m, _)| m.person.id == *pro)
            .unwrap();
        app.attendance.cursor = pos;
        press(&mut app, &mut store, KeyCode::Char('d'));
    }
    press(&mut app, &mut store, KeyCode::Char('4'));
    press(&mut app, &mut store, KeyCode::Down);
    press(&mut app, &mut store, KeyCode::Down); // round 3 is the first re-planned
    press(&mut app, &mut store, KeyCode::Char('e'));
    assert_eq!(app.popup, Some(Popup::ConfirmReplan));
    let lines = &app.rotation.pending_replan.as_ref().unwrap().1;
    assert!(lines.len() > 1, "the moves are listed: {lines:?}");
    assert!(lines.iter().skip(1).all(|l| l.contains(" : ")));
    press(&mut app, &mut store, KeyCode::Char('o'));
    let after = store.latest_plan(session).unwrap().unwrap();
    assert_eq!(after.version, before.version + 1);
    let first_panel = Some(app.data.panels[0].id);
    for i in before.interviews.iter().filter(|i| i.round <= 2) {
        assert!(after.interviews.contains(i), "played rounds unchanged");
    }
    assert!(
        !after
            .interviews
            .iter()
            .any(|i| i.round > 2 && i.panel_id == first_panel),
        "the binôme that left sits no more rounds"
    );
    assert_eq!(after.interviews.len(), 40, "everyone keeps 4 interviews");
}

#[test]
fn answering_no_to_a_replan_writes_nothing() {
    let (_d, mut store, mut app) = common::unplanned_app(Lang::Fr);
    press(&mut app, &mut store, KeyCode::Char('4'));
    press(&mut app, &mut store, KeyCode::Char('g'));
    press(&mut app, &mut store, KeyCode::Down);
    press(&mut app, &mut store, KeyCode::Char('e'));
    press(&mut app, &mut store, KeyCode::Char('n'));
    assert_eq!(
        store
            .plan_versions(app.data.session.unwrap())
            .unwrap()
            .len(),
        1
    );
    assert!(app.rotation.pending_replan.is_none());
}

#[test]
fn history_restores_an_earlier_version_as_a_new_one() {
    let (_d, mut store, mut app) = common::unplanned_app(Lang::Fr);
    press(&mut app, &mut store, KeyCode::Char('4'));
    press(&mut app, &mut store, KeyCode::Char('g'));
    press(&mut app, &mut store, KeyCode::Down);
    press(&mut app, &mut store, KeyCode::Char('e'));
    press(&mut app, &mut store, KeyCode::Char('o'));
    let session = app.data.session.unwrap();
    let v1 = store.plan_version(session, 1).unwrap().unwrap();
    press(&mut app, &mut store, KeyCode::Char('h'));
    let (versions, _) = app.rotation.history.clone().expect("history open");
    assert_eq!(versions.len(), 2);
    // The popup: its title, one row a version (newest first), the hint on its border.
    let text = common::screen_text(&app, 100, 30);
    assert!(text.contains("Historique du plan"), "{text}");
    assert!(
        text.contains("v2  ") && text.contains("v1  ") && text.contains("généré"),
        "{text}"
    );
    assert!(text.contains("Entrée restaurer · Échap fermer"), "{text}");
    press(&mut app, &mut store, KeyCode::Down); // v1 (newest first)
    press(&mut app, &mut store, KeyCode::Enter);
    let latest = store.latest_plan(session).unwrap().unwrap();
    assert_eq!(latest.version, 3);
    assert_eq!(latest.interviews, v1.interviews);
}

#[test]
fn marking_someone_absent_offers_the_replan_when_a_plan_exists() {
    let (_d, mut store, mut app) = common::unplanned_app(Lang::Fr);
    press(&mut app, &mut store, KeyCode::Char('4'));
    press(&mut app, &mut store, KeyCode::Char('g'));
    press(&mut app, &mut store, KeyCode::Char('3'));
    press(&mut app, &mut store, KeyCode::Char('a'));
    assert!(app.message.as_ref().unwrap().text.contains("re-planifier"));
}

#[test]
fn the_timer_is_driven_by_keys_and_every_key_is_stored() {
    use passerelle::core::clock::State;
    let (_d, mut store, mut app) = common::unplanned_app(Lang::Fr);
    press(&mut app, &mut store, KeyCode::Char('4'));
    press(&mut app, &mut store, KeyCode::Char('g'));
    press(&mut app, &mut store, KeyCode::Char(' '));
    let session = app.data.session.unwrap();
    assert_eq!(store.clock_events(session).unwrap().len(), 1);
    assert_eq!(
        app.data.clock_position(app.now).unwrap().state,
        State::Running
    );
    press(&mut app, &mut store, KeyCode::Char('>'));
    assert_eq!(app.data.clock_position(app.now).unwrap().remaining, 21 * 60);
    press(&mut app, &mut store, KeyCode::Char('n'));
    assert!(app.timer.bell, "a phase change rings");
    // Ctrl-T: full view; Enter opens the chooser of the round's tables, Enter again the form
    // of the table chosen (not always the first), and Esc there comes back to the timer view.
    let now = app.now;
    update(
        &mut app,
        Event::Key(KeyEvent::new(KeyCode::Char('t'), KeyModifiers::CONTROL)),
        now,
    );
    assert!(app.timer.view);
    press(&mut app, &mut store, KeyCode::Enter);
    let chooser = app.timer.chooser.clone().expect("the chooser of round 1");
    assert_eq!((chooser.round, chooser.cursor), (1, 0));
    assert!(common::screen_text(&app, 80, 24).contains("Tour 1 : retour de quelle table ?"));
    press(&mut app, &mut store, KeyCode::Down);
    press(&mut app, &mut store, KeyCode::Enter);
    assert_eq!(app.screen, passerelle::ui::screen::Screen::Feedback);
    assert!(!app.timer.view);
    let form = app
        .feedback
        .form
        .as_ref()
        .expect("the form of the table chosen");
    assert_eq!(form.feedback.round, 1);
    assert_eq!(form.feedback.candidate_id, chooser.rows[1].1);
    press(&mut app, &mut store, KeyCode::Esc);
    assert!(app.timer.view, "Esc on the form goes back to the timer");
    update(
        &mut app,
        Event::Key(KeyEvent::new(KeyCode::Char('t'), KeyModifiers::CONTROL)),
        now,
    );
    // Ctrl-P pauses from anywhere.
    for e in update(
        &mut app,
        Event::Key(KeyEvent::new(KeyCode::Char('p'), KeyModifiers::CONTROL)),
        now,
    ) {
        apply(&mut store, &mut app, e);
    }
    assert_eq!(
        app.data.clock_position(app.now).unwrap().state,
        State::Paused
    );
    assert_eq!(store.clock_events(session).unwrap().len(), 4);
}

#[test]
fn enter_on_the_grid_opens_the_feedback_of_the_selected_interview() {
    let (_d, mut store, mut app) = common::unplanned_app(Lang::Fr);
    press(&mut app, &mut store, KeyCode::Char('4'));
    press(&mut app, &mut store, KeyCode::Char('g'));
    go(&mut app, &mut store, 2, 1);
    let candidate = cell(&app, 3, 1).expect("an interview there");
    press(&mut app, &mut store, KeyCode::Enter);
    assert_eq!(app.screen, passerelle::ui::screen::Screen::Feedback);
    let form = app.feedback.form.as_ref().expect("its form");
    assert_eq!(
        (form.feedback.round, form.feedback.candidate_id),
        (3, candidate)
    );
    press(&mut app, &mut store, KeyCode::Esc);
    assert!(
        !app.timer.view,
        "not opened from the timer: Esc stays on Retours"
    );
}

#[test]
fn the_grid_shows_each_rounds_start_and_marks_the_round_under_way() {
    let (_d, mut store, mut app) = common::unplanned_app(Lang::Fr);
    press(&mut app, &mut store, KeyCode::Char('4'));
    press(&mut app, &mut store, KeyCode::Char('g'));
    let start = app.data.current_session().unwrap().start_time.unwrap();
    let first = start.format("%H:%M").to_string();
    let screen = common::screen_text(&app, 120, 40);
    let row = |screen: &str, r: &str| {
        screen
            .lines()
            .find(|l| l.contains(&format!("{r} ")) && l.contains(':'))
            .map(str::to_string)
            .unwrap_or_default()
    };
    assert!(row(&screen, " 1").contains(&first), "{screen}");
    assert!(!screen.contains('●'), "nothing under way before the start");
    // Space starts round 1 now: its line is marked, the next rounds follow from now.
    press(&mut app, &mut store, KeyCode::Char(' '));
    let screen = common::screen_text(&app, 120, 40);
    assert!(screen.contains("● tour 1 en cours"), "{screen}");
    let now = app.now.time().format("%H:%M").to_string();
    let line = screen
        .lines()
        .find(|l| l.contains(&format!(" 1 {now} ●")))
        .unwrap_or_else(|| panic!("round 1 at {now}, marked:\n{screen}"));
    assert!(line.contains('▸'), "{line}");
}

fn cell(app: &App, round: u32, col: usize) -> Option<i64> {
    let cols = passerelle::ui::screens::rotation::columns(&app.cx);
    let plan = app.data.plan.as_ref()?;
    plan.interviews
        .iter()
        .find(|i| i.round == round && i.panel_id == cols[col].0)
        .map(|i| i.candidate_id)
}

fn go(app: &mut App, store: &mut Store, round: usize, col: usize) {
    press(app, store, KeyCode::Home);
    for _ in 0..round {
        press(app, store, KeyCode::Down);
    }
    for _ in 0..10 {
        press(app, store, KeyCode::Left);
    }
    for _ in 0..col {
        press(app, store, KeyCode::Right);
    }
}

#[test]
fn a_swap_that_breaks_a_rule_asks_first_and_a_clean_one_is_stored() {
    let (_d, mut store, mut app) = common::unplanned_app(Lang::Fr);
    press(&mut app, &mut store, KeyCode::Char('4'));
    press(&mut app, &mut store, KeyCode::Char('g'));
    // Find X in round 1 (column 0) who is also in round 2 at another column than c: moving X to
    // (round 2, c) puts him twice in round 2.
    let x = cell(&app, 1, 0).unwrap();
    let c = (0..6).find(|c| cell(&app, 2, *c) != Some(x)).unwrap();
    go(&mut app, &mut store, 0, 0);
    press(&mut app, &mut store, KeyCode::Char('w'));
    go(&mut app, &mut store, 1, c);
    press(&mut app, &mut store, KeyCode::Char('w'));
    let twice = app
        .data
        .plan
        .as_ref()
        .unwrap()
        .interviews
        .iter()
        .filter(|i| i.round == 2 && i.candidate_id == x)
        .count()
        == 1;
    if twice {
        assert_eq!(
            app.popup,
            Some(Popup::ConfirmReplan),
            "a broken rule is shown before writing"
        );
    }
    if app.popup.is_some() {
        press(&mut app, &mut store, KeyCode::Char('n'));
    }
    let session = app.data.session.unwrap();
    assert_eq!(
        store.plan_versions(session).unwrap().len(),
        1,
        "nothing written on no"
    );

    // Two tables of the same round: swapping is stored at once when no rule breaks, or asked.
    let (a, b) = (cell(&app, 3, 0), cell(&app, 3, 1));
    go(&mut app, &mut store, 2, 0);
    press(&mut app, &mut store, KeyCode::Char('w'));
    go(&mut app, &mut store, 2, 1);
    press(&mut app, &mut store, KeyCode::Char('w'));
    if app.popup == Some(Popup::ConfirmReplan) {
        press(&mut app, &mut store, KeyCode::Char('o'));
    }
    assert_eq!(store.plan_versions(session).unwrap().len(), 2);
    assert_eq!((cell(&app, 3, 0), cell(&app, 3, 1)), (b, a));
}

#[test]
fn a_candidate_never_meets_a_binome_holding_a_professional_he_must_not_meet() {
    let (_d, mut store, mut app) = common::unplanned_app(Lang::Fr);
    // Yanis knows Claire Morel: say so in his form (Participants, Enter, field « Ne doit pas rencontrer »).
    press(&mut app, &mut store, KeyCode::Char('2'));
    press(&mut app, &mut store, KeyCode::Enter);
    let form = &mut app.participants.form.as_mut().unwrap().form;
    form.focus = form.fields.iter().position(|f| f.id == "avoid").unwrap();
    for c in "morel".chars() {
        press(&mut app, &mut store, KeyCode::Char(c));
    }
    press(&mut app, &mut store, KeyCode::Esc);
    let cohort = app.data.cohort.unwrap();
    let yanis = app
        .data
        .members
        .iter()
        .find(|m| m.person.first_name == "Yanis")
        .unwrap()
        .person
        .id;
    let morel = app
        .data
        .members
        .iter()
        .find(|m| m.person.last_name == "Morel")
        .unwrap()
        .person
        .id;
    assert_eq!(store.forbidden_pairs(cohort).unwrap(), vec![(yanis, morel)]);
    press(&mut app, &mut store, KeyCode::Char('4'));
    press(&mut app, &mut store, KeyCode::Char('g'));
    let plan = store
        .latest_plan(app.data.session.unwrap())
        .unwrap()
        .unwrap();
    let morel_panel = app
        .data
        .panels
        .iter()
        .find(|p| p.members.contains(&morel))
        .unwrap()
        .id;
    assert!(
        !plan
            .interviews
            .iter()
            .any(|i| i.candidate_id == yanis && i.panel_id == Some(morel_panel))
    );
    assert_eq!(
        plan.interviews
            .iter()
            .filter(|i| i.candidate_id == yanis)
            .count(),
        4
    );
}

#[test]
fn an_unknown_name_to_avoid_is_named_and_not_saved() {
    let (_d, mut store, mut app) = common::unplanned_app(Lang::Fr);
    press(&mut app, &mut store, KeyCode::Char('2'));
    press(&mut app, &mut store, KeyCode::Enter);
    let form = &mut app.participants.form.as_mut().unwrap().form;
    form.focus = form.fields.iter().position(|f| f.id == "avoid").unwrap();
    for c in "Dupont".chars() {
        press(&mut app, &mut store, KeyCode::Char(c));
    }
    let form = &app.participants.form.as_ref().unwrap().form;
    assert!(
        form.fields
            .iter()
            .any(|f| f.id == "avoid" && f.error.is_some())
    );
    assert!(
        store
            .forbidden_pairs(app.data.cohort.unwrap())
            .unwrap()
            .is_empty()
    );
}

#[test]
fn the_absent_picker_finds_a_candidate_by_typing() {
    let (_d, mut store, mut app) = common::unplanned_app(Lang::Fr);
    press(&mut app, &mut store, KeyCode::Char('4'));
    press(&mut app, &mut store, KeyCode::Char('g'));
    press(&mut app, &mut store, KeyCode::Char('a'));
    common::typed(&mut app, &mut store, "yan");
    let text = common::screen_text(&app, 100, 30);
    assert!(text.contains("« yan »"), "the filter is shown:\n{text}");
    let (items, cursor) = app.rotation.absent_picker.clone().unwrap();
    let label = passerelle::ui::screens::rotation::absentee_label(&app.cx, &items[cursor]);
    assert_eq!(label, "Yanis Benali");
    press(&mut app, &mut store, KeyCode::Enter);
    assert_eq!(app.popup, Some(Popup::ConfirmReplan));
}

#[test]
fn a_marks_a_binome_gone_from_the_selected_round_then_offers_the_replan() {
    let (_d, mut store, mut app) = common::unplanned_app(Lang::Fr);
    press(&mut app, &mut store, KeyCode::Char('4'));
    press(&mut app, &mut store, KeyCode::Char('g'));
    press(&mut app, &mut store, KeyCode::Down);
    press(&mut app, &mut store, KeyCode::Down);
    press(&mut app, &mut store, KeyCode::Char('a'));
    let (items, _) = app.rotation.absent_picker.clone().expect("picker open");
    let text = common::screen_text(&app, 100, 30);
    assert!(
        text.contains("Qui n'est plus là à partir du tour 3 ?"),
        "{text}"
    );
    assert!(
        text.contains("Entrée : absent puis re-planifier · Échap"),
        "{text}"
    );
    let panel_line = items
        .iter()
        .position(|a| matches!(a, passerelle::ui::screens::rotation::Absentee::Panel(_)))
        .unwrap();
    for _ in 0..panel_line {
        press(&mut app, &mut store, KeyCode::Down);
    }
    press(&mut app, &mut store, KeyCode::Enter);
    assert_eq!(app.popup, Some(Popup::ConfirmReplan));
    press(&mut app, &mut store, KeyCode::Char('o'));
    let session = app.data.session.unwrap();
    let plan = store.latest_plan(session).unwrap().unwrap();
    let gone = app.data.panels[0].id;
    assert!(
        !plan
            .interviews
            .iter()
            .any(|i| i.round > 2 && i.panel_id == Some(gone))
    );
    // The binôme's pros are recorded as having left.
    let att = store.list_attendance(session).unwrap();
    for pro in &app.data.panels[0].members {
        let a = att.iter().find(|a| a.person_id == *pro).unwrap();
        assert_eq!(
            a.status,
            passerelle::core::attendance::AttendanceStatus::LeftEarly
        );
    }
}

#[test]
fn a_candidate_gone_from_a_round_has_his_remaining_interviews_listed_as_cancelled() {
    let (_d, mut store, mut app) = common::unplanned_app(Lang::Fr);
    press(&mut app, &mut store, KeyCode::Char('4'));
    press(&mut app, &mut store, KeyCode::Char('g'));
    for _ in 0..3 {
        press(&mut app, &mut store, KeyCode::Down);
    }
    press(&mut app, &mut store, KeyCode::Char('a'));
    press(&mut app, &mut store, KeyCode::Enter); // the first candidate in the list
    let lines = app.rotation.pending_replan.as_ref().unwrap().1.clone();
    assert!(
        lines.iter().any(|l| l.contains("entretien annulé")),
        "{lines:?}"
    );
}

#[test]
fn before_anyone_is_marked_the_rotation_replan_keeps_the_expected_binomes() {
    use passerelle::core::attendance::AttendanceStatus;
    let (_d, mut store, mut app) = common::unplanned_app(Lang::Fr);
    let session = app.data.session.unwrap();
    // The day before (#14): everyone still expected.
    for a in store.list_attendance(session).unwrap() {
        let mut a = a;
        a.status = AttendanceStatus::Expected;
        a.arrived_at = None;
        store.save_attendance(&a).unwrap();
    }
    app.data.attendance = store.list_attendance(session).unwrap();
    press(&mut app, &mut store, KeyCode::Char('4'));
    press(&mut app, &mut store, KeyCode::Char('g'));
    let before = store.latest_plan(session).unwrap().unwrap();
    assert!(!before.interviews.is_empty());
    // One candidate will not come: re-plan from round 1, every binôme still sits.
    let absent = before.interviews[0].candidate_id;
    for a in app.data.attendance.iter_mut() {
        if a.person_id == absent {
            a.status = AttendanceStatus::Absent;
            store.save_attendance(a).unwrap();
        }
    }
    press(&mut app, &mut store, KeyCode::Char('e'));
    assert_eq!(app.popup, Some(Popup::ConfirmReplan), "{:?}", app.message);
    press(&mut app, &mut store, KeyCode::Char('o'));
    let after = store.latest_plan(session).unwrap().unwrap();
    assert_eq!(after.version, before.version + 1);
    assert!(after.interviews.iter().all(|i| i.candidate_id != absent));
    let kept = before
        .interviews
        .iter()
        .filter(|i| i.candidate_id != absent && after.interviews.contains(i))
        .count();
    let others = before
        .interviews
        .iter()
        .filter(|i| i.candidate_id != absent)
        .count();
    assert_eq!(kept, others, "every other printed interview is kept");
}

/// Issue 17: a professional with a « Ne doit pas rencontrer » rule against every candidate of
/// the day — the plan is still made (6 binômes, 4 interviews) and the message names them.
#[test]
fn g_names_a_professional_who_must_meet_none_of_the_candidates() {
    let (_d, mut store, mut app) = common::unplanned_app(Lang::Fr);
    let cohort = app.data.cohort.unwrap();
    let pro = app.data.panels[0].members[0];
    for c in app
        .data
        .members
        .iter()
        .filter(|m| m.role == passerelle::core::domain::Role::Candidate)
    {
        store.set_forbidden(cohort, c.person.id, &[pro]).unwrap();
    }
    app.data = passerelle::ui::data::Data::load(&store, app.data.session).unwrap();
    let name = app.data.short_name(pro);
    press(&mut app, &mut store, KeyCode::Char('4'));
    press(&mut app, &mut store, KeyCode::Char('g'));
    let text = &app.message.as_ref().unwrap().text;
    assert!(
        text.contains(&format!(
            "Ne doit rencontrer aucun des candidats attendus : {name}"
        )),
        "{text}"
    );
    let plan = store.latest_plan(app.data.session.unwrap()).unwrap();
    let plan = plan.expect("still planned without that table");
    assert!(
        plan.interviews
            .iter()
            .all(|i| i.panel_id != Some(app.data.panels[0].id))
    );
}
