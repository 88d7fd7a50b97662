//! Snapshots of every screen (TestBackend + insta) at 80×24 and 120×40, fixed clock, demo data.

mod common;

use passerelle::i18n::Lang;
use passerelle::ui::screen::Screen;
use passerelle::ui::{App, Event, draw, update};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

const SIZES: [(u16, u16); 2] = [(80, 24), (120, 40)];

fn render(app: &App, w: u16, h: u16) -> String {
    let mut terminal = Terminal::new(TestBackend::new(w, h)).unwrap();
    terminal.draw(|f| draw(app, f)).unwrap();
    terminal.backend().to_string()
}

fn keys(app: &mut App, codes: &[KeyCode]) {
    for c in codes {
        let now = app.now;
        update(app, Event::Key(KeyEvent::new(*c, KeyModifiers::NONE)), now);
    }
}

fn snap_all_sizes(name: &str, app: &App) {
    for (w, h) in SIZES {
        insta::assert_snapshot!(format!("{name}_{w}x{h}"), render(app, w, h));
    }
}

#[test]
fn every_screen_in_french() {
    let (_d, _s, mut app) = common::demo_app(Lang::Fr);
    for screen in Screen::ALL {
        app.screen = screen;
        snap_all_sizes(&format!("fr_{screen:?}").to_lowercase(), &app);
    }
}

#[test]
fn attendance_in_english() {
    let (_d, _s, app) = common::demo_app(Lang::En);
    snap_all_sizes("en_attendance", &app);
}

#[test]
fn attendance_after_marks_with_a_message() {
    let (_d, _s, mut app) = common::demo_app(Lang::Fr);
    // « p » moves the cursor on to the next person not yet marked: back to Moussa, second.
    keys(
        &mut app,
        &[
            KeyCode::Char('p'),
            KeyCode::Home,
            KeyCode::Char('j'),
            KeyCode::Char('d'),
        ],
    );
    snap_all_sizes("fr_attendance_marked", &app);
}

#[test]
fn attendance_times_form_and_add_prompt() {
    let (_d, _s, mut app) = common::demo_app(Lang::Fr);
    keys(
        &mut app,
        &[KeyCode::Enter, KeyCode::Char('9'), KeyCode::Char('h')],
    );
    snap_all_sizes("fr_attendance_form", &app);
    keys(&mut app, &[KeyCode::Esc, KeyCode::Esc, KeyCode::Char('+')]);
    app.attendance
        .adder
        .as_mut()
        .unwrap()
        .input
        .insert_str("Marc Vis");
    snap_all_sizes("fr_attendance_add", &app);
}

#[test]
fn attendance_filtered() {
    let (_d, _s, mut app) = common::demo_app(Lang::Fr);
    keys(&mut app, &[KeyCode::Char('/'), KeyCode::Char('b')]);
    snap_all_sizes("fr_attendance_filter", &app);
}

#[test]
fn help_popup() {
    let (_d, _s, mut app) = common::demo_app(Lang::Fr);
    keys(&mut app, &[KeyCode::Char('?')]);
    snap_all_sizes("fr_help", &app);
}

#[test]
fn empty_database_day_screen() {
    let (_d, _s, app) = common::empty_app(Lang::Fr);
    snap_all_sizes("fr_day_empty", &app);
}

#[test]
fn small_terminals() {
    let (_d, _s, app) = common::demo_app(Lang::Fr);
    insta::assert_snapshot!("fr_attendance_60x20", render(&app, 60, 20));
    insta::assert_snapshot!("fr_too_small_50x15", render(&app, 50, 15));
}

#[test]
fn privacy_screen() {
    let (_d, _s, mut app) = common::demo_app(Lang::Fr);
    app.privacy = true;
    insta::assert_snapshot!("fr_privacy_80x24", render(&app, 80, 24));
}

#[test]
fn day_forms() {
    let (_d, _s, mut app) = common::demo_app(Lang::Fr);
    keys(&mut app, &[KeyCode::Char('1'), KeyCode::Char('n')]);
    snap_all_sizes("fr_day_session_form", &app);
    keys(&mut app, &[KeyCode::Esc, KeyCode::Left, KeyCode::Char('e')]);
    snap_all_sizes("fr_day_cohort_form", &app);
    keys(
        &mut app,
        &[
            KeyCode::Esc,
            KeyCode::Right,
            KeyCode::Char('s'),
            KeyCode::Backspace,
            KeyCode::Char('0'),
        ],
    );
    snap_all_sizes("fr_day_settings_form_error", &app);
}

#[test]
fn day_with_long_names() {
    let (_d, mut store, _app) = common::demo_app(Lang::Fr);
    let long = passerelle::core::domain::Cohort {
        id: 0,
        name: "Promotion expérimentale « Un métier, une chance » — Centre pénitentiaire de Vivonne, quartier mineurs".into(),
        establishment: "Centre pénitentiaire de Vivonne, quartier centre de détention et quartier maison d'arrêt".into(),
        start_date: Some(common::today()),
        end_date: None,
        partners: String::new(),
        archived: false,
    };
    let id = store.insert_cohort(&long).unwrap();
    store
        .insert_session(&passerelle::core::domain::Session {
            id: 0,
            cohort_id: id,
            kind: passerelle::core::domain::SessionKind::ThemedDay,
            date: common::today(),
            start_time: None,
            place: "Gymnase".into(),
            title: "Journée thématique logistique et transport avec les entreprises du Futuroscope"
                .into(),
        })
        .unwrap();
    let data = passerelle::ui::data::Data::load(&store, None).unwrap();
    let mut app = App::new(
        passerelle::i18n::Tr::new(Lang::Fr),
        passerelle::ui::theme::Theme { no_color: true },
        data,
        common::morning(),
    );
    app.screen = Screen::Day;
    snap_all_sizes("fr_day_long_names", &app);
}

#[test]
fn participants_forms_composer_and_import() {
    let (_d, _s, mut app) = common::demo_app(Lang::Fr);
    keys(&mut app, &[KeyCode::Char('2')]);
    let ctrl_r = KeyEvent::new(KeyCode::Char('r'), KeyModifiers::CONTROL);
    let now = app.now;
    update(&mut app, Event::Key(ctrl_r), now);
    snap_all_sizes("fr_participants_revealed", &app);
    keys(&mut app, &[KeyCode::Enter]);
    snap_all_sizes("fr_participants_person_form", &app);
    keys(&mut app, &[KeyCode::Esc, KeyCode::Char('b')]);
    snap_all_sizes("fr_participants_composer", &app);
    app.data.panels.clear();
    snap_all_sizes("fr_participants_composer_empty", &app);
    keys(&mut app, &[KeyCode::Esc, KeyCode::Char('i')]);
    snap_all_sizes("fr_participants_import_path", &app);
}

#[test]
fn rotation_with_a_plan() {
    let (_d, mut store, mut app) = common::unplanned_app(Lang::Fr);
    keys(&mut app, &[KeyCode::Char('4')]);
    let now = app.now;
    for e in update(
        &mut app,
        Event::Key(KeyEvent::new(KeyCode::Char('g'), KeyModifiers::NONE)),
        now,
    ) {
        passerelle::ui::effects::apply(&mut store, &mut app, e);
    }
    app.message = None;
    snap_all_sizes("fr_rotation_plan", &app);
    insta::assert_snapshot!("fr_rotation_plan_60x20", render(&app, 60, 20));
}

/// The demo day with its plan generated and the timer view open, `minutes` after a 09:00 start.
fn timer_app(
    events: impl Fn(chrono::NaiveDateTime) -> Vec<passerelle::core::clock::ClockEvent>,
    minutes: i64,
) -> (tempfile::TempDir, App) {
    let (d, mut store, mut app) = common::unplanned_app(Lang::Fr);
    keys(&mut app, &[KeyCode::Char('4')]);
    let now = app.now;
    for e in update(
        &mut app,
        Event::Key(KeyEvent::new(KeyCode::Char('g'), KeyModifiers::NONE)),
        now,
    ) {
        passerelle::ui::effects::apply(&mut store, &mut app, e);
    }
    let start = common::today().and_hms_opt(9, 0, 0).unwrap();
    app.data.clock = events(start);
    app.now = start + chrono::Duration::minutes(minutes);
    app.message = None;
    app.timer.view = true;
    (d, app)
}

#[test]
fn timer_view_in_each_phase() {
    use passerelle::core::clock::ClockEvent as E;
    let m = chrono::Duration::minutes;
    type Events = Box<dyn Fn(chrono::NaiveDateTime) -> Vec<E>>;
    let cases: Vec<(&str, Events, i64)> = vec![
        ("not_started", Box::new(|_| vec![]), 0),
        ("interview", Box::new(|s| vec![E::Start(s)]), 7),
        ("warning", Box::new(|s| vec![E::Start(s)]), 19),
        ("overtime", Box::new(|s| vec![E::Start(s)]), 23),
        (
            "feedback",
            Box::new(move |s| vec![E::Start(s), E::Skip(s + m(20))]),
            22,
        ),
        (
            "break",
            Box::new(move |s| vec![E::Start(s), E::Jump(s + m(60), 2), E::Skip(s + m(80))]),
            90,
        ),
        (
            "paused",
            Box::new(move |s| vec![E::Start(s), E::Pause(s + m(5))]),
            30,
        ),
        (
            "day_over",
            Box::new(move |s| vec![E::Start(s), E::End(s + m(400))]),
            401,
        ),
    ];
    for (name, events, minutes) in cases {
        let (_d, app) = timer_app(events, minutes);
        snap_all_sizes(&format!("fr_timer_{name}"), &app);
    }
}

/// A themed day's run of show in the timer view: the talk two minutes over (overtime in red), the
/// next item and its speaker beside it (issue 22).
#[test]
fn timer_view_on_a_themed_day() {
    let toml = "[[item]]\ntitle = \"Les métiers du gros œuvre\"\nspeaker = \"Claire Roux (FFB Vienne)\"\nminutes = 30\n\n[[item]]\ntitle = \"Témoignage d'un ancien de la promo\"\nspeaker = \"Karim Diallo (Eiffage)\"\nminutes = 20\nkind = \"témoignage\"\n";
    let (_d, _store, mut app, _) = common::themed_day_app(toml);
    let start = common::today().and_hms_opt(9, 30, 0).unwrap();
    app.data.clock = vec![passerelle::core::clock::ClockEvent::Start(start)];
    app.now = start + chrono::Duration::minutes(32);
    app.timer.view = true;
    snap_all_sizes("fr_timer_themed_day", &app);
}

/// Journée `a`: a themed day's run of show with its times, speakers and kinds (issue 22).
#[test]
fn day_run_of_show() {
    let toml = "[[item]]\ntitle = \"Les métiers du gros œuvre\"\nspeaker = \"Claire Roux (FFB Vienne)\"\nminutes = 30\n\n[[item]]\ntitle = \"Pause\"\nminutes = 15\nkind = \"pause\"\n\n[[item]]\ntitle = \"Échanges avec les entreprises\"\nminutes = 45\nkind = \"échanges individuels\"\n";
    let (_d, _store, mut app, _) = common::themed_day_app(toml);
    app.screen = passerelle::ui::screen::Screen::Day;
    keys(&mut app, &[KeyCode::Char('a'), KeyCode::Down]);
    snap_all_sizes("fr_day_run_of_show", &app);
}

/// Journée `a` then `+`: the form of a new item of the run of show (issue 22).
#[test]
fn day_agenda_item_form() {
    let toml = "[[item]]\ntitle = \"Les métiers du gros œuvre\"\nminutes = 30\n";
    let (_d, _store, mut app, _) = common::themed_day_app(toml);
    app.screen = Screen::Day;
    keys(&mut app, &[KeyCode::Char('a'), KeyCode::Char('+')]);
    snap_all_sizes("fr_day_agenda_item_form", &app);
}

/// Journée `i`: a themed day's interest capture, one sector at a time with its interested count,
/// the marks and notes of the participants (issue 22).
#[test]
fn day_interest_capture() {
    use passerelle::core::agenda::Interest;
    use passerelle::core::domain::Sector;
    let toml = "[[item]]\ntitle = \"Les métiers du gros œuvre\"\nminutes = 30\n";
    let (_d, store, _, session, people) = common::themed_day_with_participants(toml, 4);
    let mark = |p: usize, i: Interest, note: &str| {
        store
            .set_interest(session, people[p], Sector::Btp, Some(i), note)
            .unwrap()
    };
    mark(
        0,
        Interest::WantsToApply,
        "maçon, a déjà travaillé en chantier",
    );
    mark(2, Interest::Interested, "");
    let mut app = common::app_of(&store, Lang::Fr);
    app.message = None;
    app.screen = Screen::Day;
    keys(&mut app, &[KeyCode::Char('i'), KeyCode::Down]);
    snap_all_sizes("fr_day_interest_capture", &app);
    drop(store);
}

#[test]
fn retours_list_and_form() {
    let (_d, mut store, mut app) = common::unplanned_app(Lang::Fr);
    let run = |app: &mut App, store: &mut passerelle::store::Store, codes: &[KeyCode]| {
        for c in codes {
            let now = app.now;
            for e in update(app, Event::Key(KeyEvent::new(*c, KeyModifiers::NONE)), now) {
                passerelle::ui::effects::apply(store, app, e);
            }
        }
    };
    run(
        &mut app,
        &mut store,
        &[KeyCode::Char('4'), KeyCode::Char('g'), KeyCode::Char('5')],
    );
    app.message = None;
    snap_all_sizes("fr_feedback_list", &app);
    run(&mut app, &mut store, &[KeyCode::Enter]);
    snap_all_sizes("fr_feedback_form_empty", &app);
    run(
        &mut app,
        &mut store,
        &[KeyCode::Char('3'), KeyCode::Char('2'), KeyCode::Char('4')],
    );
    snap_all_sizes("fr_feedback_form_partial", &app);
    run(&mut app, &mut store, &[KeyCode::Tab]);
    let now = app.now;
    update(
        &mut app,
        Event::Paste(
            "Très clair sur son projet de cariste, connaît le CACES 3 et les horaires en 2×8. "
                .repeat(6),
        ),
        now,
    );
    app.feedback.pending = None;
    snap_all_sizes("fr_feedback_form_long_text", &app);
}

#[test]
fn feedback_candidate_view() {
    let (_d, mut store, mut app) = common::unplanned_app(Lang::Fr);
    let run = |app: &mut App, store: &mut passerelle::store::Store, codes: &[KeyCode]| {
        for c in codes {
            let now = app.now;
            for e in update(app, Event::Key(KeyEvent::new(*c, KeyModifiers::NONE)), now) {
                passerelle::ui::effects::apply(store, app, e);
            }
        }
    };
    run(
        &mut app,
        &mut store,
        &[
            KeyCode::Char('4'),
            KeyCode::Char('g'),
            KeyCode::Char('5'),
            KeyCode::Enter,
        ],
    );
    run(
        &mut app,
        &mut store,
        &[
            KeyCode::Char('3'),
            KeyCode::Char('2'),
            KeyCode::Char('4'),
            KeyCode::Char('3'),
            KeyCode::Char('3'),
            KeyCode::Char('4'),
            KeyCode::Char('1'),
            KeyCode::Tab,
        ],
    );
    let now = app.now;
    update(
        &mut app,
        Event::Paste("Très clair sur son projet de cariste".into()),
        now,
    );
    run(&mut app, &mut store, &[KeyCode::Esc, KeyCode::Char('c')]);
    app.message = None;
    snap_all_sizes("fr_feedback_candidate", &app);
}

#[test]
fn rotation_with_eight_binomes_at_80_columns() {
    let (_d, mut store, mut app) = common::unplanned_app(Lang::Fr);
    let session = app.data.session.unwrap();
    // Twelve pros present: four binômes of two and four pros alone, eight tables.
    let pros: Vec<i64> = app
        .data
        .panels
        .iter()
        .flat_map(|p| p.members.clone())
        .collect();
    let mut panels = Vec::new();
    let mut rest = pros.as_slice();
    for size in [2, 2, 2, 2, 1, 1, 1, 1] {
        let (take, more) = rest.split_at(size);
        rest = more;
        let names: Vec<String> = take
            .iter()
            .map(|id| app.data.member(*id).unwrap().person.last_name.clone())
            .collect();
        panels.push(passerelle::core::domain::Panel {
            label: names.join(" / "),
            table_name: format!("{}", panels.len() + 1),
            members: take.to_vec(),
            ..Default::default()
        });
    }
    store.replace_panels(session, &panels).unwrap();
    app.data = passerelle::ui::data::Data::load(&store, Some(session)).unwrap();
    keys(&mut app, &[KeyCode::Char('4')]);
    let now = app.now;
    for e in update(
        &mut app,
        Event::Key(KeyEvent::new(KeyCode::Char('g'), KeyModifiers::NONE)),
        now,
    ) {
        passerelle::ui::effects::apply(&mut store, &mut app, e);
    }
    app.message = None;
    assert_eq!(
        app.data.plan.as_ref().unwrap().rounds(),
        5,
        "ceil(40 / 8) = 5 rounds"
    );
    snap_all_sizes("fr_rotation_eight_binomes", &app);
}

#[test]
fn evening_candidate_view_scrolls() {
    let (_d, store) = common::demo_store(passerelle::core::demo::Stage::Evening);
    let data = passerelle::ui::data::Data::load(&store, None).unwrap();
    let mut app = App::new(
        passerelle::i18n::Tr::new(Lang::Fr),
        passerelle::ui::theme::Theme { no_color: true },
        data,
        common::morning(),
    );
    keys(&mut app, &[KeyCode::Char('5'), KeyCode::Char('c')]);
    snap_all_sizes("fr_feedback_candidate_evening", &app);
    keys(&mut app, &[KeyCode::PageDown]);
    insta::assert_snapshot!(
        "fr_feedback_candidate_evening_scrolled_80x24",
        render(&app, 80, 24)
    );
}

#[test]
fn grand_oral_screens() {
    let (_d, mut store, mut app) = common::evening_app(Lang::Fr);
    let run = |app: &mut App, store: &mut passerelle::store::Store, ev: KeyEvent| {
        let now = app.now;
        for e in update(app, Event::Key(ev), now) {
            passerelle::ui::effects::apply(store, app, e);
        }
    };
    let k = |c: KeyCode| KeyEvent::new(c, KeyModifiers::NONE);
    run(&mut app, &mut store, k(KeyCode::Char('6')));
    snap_all_sizes("fr_grand_oral", &app);
    insta::assert_snapshot!("fr_grand_oral_60x20", render(&app, 60, 20));
    run(
        &mut app,
        &mut store,
        KeyEvent::new(KeyCode::Char('o'), KeyModifiers::CONTROL),
    );
    snap_all_sizes("fr_grand_oral_proposal_form", &app);
    run(&mut app, &mut store, k(KeyCode::Esc));
    // m: the selected proposal in the same form, as stored (issue 18).
    run(&mut app, &mut store, k(KeyCode::Char('m')));
    snap_all_sizes("fr_grand_oral_edit_proposal", &app);
    run(&mut app, &mut store, k(KeyCode::Esc));
    run(&mut app, &mut store, k(KeyCode::Char('t')));
    app.message = None;
    snap_all_sizes("fr_grand_oral_action_form", &app);
    run(&mut app, &mut store, k(KeyCode::Esc));
    run(&mut app, &mut store, k(KeyCode::Char('o')));
    app.message = None;
    snap_all_sizes("fr_grand_oral_actions", &app);
    run(&mut app, &mut store, k(KeyCode::Esc));
    run(
        &mut app,
        &mut store,
        KeyEvent::new(KeyCode::Char('r'), KeyModifiers::CONTROL),
    );
    snap_all_sizes("fr_grand_oral_reveal_question", &app);
    run(&mut app, &mut store, k(KeyCode::Char('o')));
    app.message = None;
    snap_all_sizes("fr_grand_oral_revealed", &app);
    run(&mut app, &mut store, k(KeyCode::Char('e')));
    snap_all_sizes("fr_grand_oral_export_form", &app);
}

#[test]
fn grand_oral_in_english() {
    let (_d, mut store, mut app) = common::evening_app(Lang::En);
    let now = app.now;
    for e in update(
        &mut app,
        Event::Key(KeyEvent::new(KeyCode::Char('6'), KeyModifiers::NONE)),
        now,
    ) {
        passerelle::ui::effects::apply(&mut store, &mut app, e);
    }
    snap_all_sizes("en_grand_oral", &app);
}

/// Issue 17: a session's expected list (Journée, l) — the grand oral's, everyone expected; then
/// today's job training with the timer started, filtered (marked people show their status).
#[test]
fn day_expected_list() {
    let (_d, mut store, mut app) = common::demo_app(Lang::Fr);
    common::press(&mut app, &mut store, KeyCode::Char('1'));
    common::press(&mut app, &mut store, KeyCode::End);
    common::press(&mut app, &mut store, KeyCode::Char('l'));
    common::press(&mut app, &mut store, KeyCode::Char(' '));
    app.message = None;
    snap_all_sizes("fr_day_expected_list", &app);

    let (_d, mut store, mut app) = common::demo_app(Lang::Fr);
    common::press(&mut app, &mut store, KeyCode::Char('1'));
    common::press(&mut app, &mut store, KeyCode::Char('l'));
    let now = app.now;
    app.data
        .clock
        .push(passerelle::core::clock::ClockEvent::Start(now));
    common::typed(&mut app, &mut store, "ma");
    snap_all_sizes("fr_day_expected_started", &app);
}

#[test]
fn followup_screens() {
    let (_d, mut store, mut app) = common::followup_app(Lang::Fr);
    let run = |app: &mut App, store: &mut passerelle::store::Store, ev: KeyEvent| {
        let now = app.now;
        for e in update(app, Event::Key(ev), now) {
            passerelle::ui::effects::apply(store, app, e);
        }
    };
    let k = |c: KeyCode| KeyEvent::new(c, KeyModifiers::NONE);
    snap_all_sizes("fr_followup_worklist", &app);
    run(
        &mut app,
        &mut store,
        KeyEvent::new(KeyCode::Char('r'), KeyModifiers::CONTROL),
    );
    app.message = None;
    snap_all_sizes("fr_followup_worklist_revealed", &app);
    // The released candidate not heard of for four weeks, whose training began before release.
    let released = common::released_on_worklist(&app).0;
    app.followup.cursor = released;
    run(&mut app, &mut store, k(KeyCode::Enter));
    snap_all_sizes("fr_followup_log", &app);
    run(&mut app, &mut store, k(KeyCode::Right));
    snap_all_sizes("fr_followup_checklist", &app);
    run(&mut app, &mut store, k(KeyCode::Char(' ')));
    snap_all_sizes("fr_followup_checklist_answered", &app);
    run(&mut app, &mut store, k(KeyCode::Char('c')));
    snap_all_sizes("fr_followup_contact_form", &app);
    run(&mut app, &mut store, k(KeyCode::Esc));
    run(&mut app, &mut store, k(KeyCode::Char('s')));
    snap_all_sizes("fr_followup_outcome_form", &app);
}

/// Issue 20: Suivi in English — the worklist, a released candidate's log, and the morning's
/// « nothing to do » (wrapped, whole at 80 columns).
#[test]
fn followup_in_english() {
    let (_d, mut store, mut app) = common::followup_app(Lang::En);
    snap_all_sizes("en_followup_worklist", &app);
    let released = common::released_on_worklist(&app).0;
    app.followup.cursor = released;
    common::press(&mut app, &mut store, KeyCode::Enter);
    snap_all_sizes("en_followup_log", &app);
    let (_d, _s, mut app) = common::demo_app(Lang::En);
    app.screen = Screen::Followup;
    snap_all_sizes("en_followup_nothing_to_do", &app);
}

/// Issue 19: the selection view of prospects, the status change and its reason form.
#[test]
fn participants_selection_and_status_change() {
    let (_d, _s, mut app) = common::demo_app(Lang::Fr);
    keys(
        &mut app,
        &[
            KeyCode::Char('2'),
            KeyCode::Char('v'),
            KeyCode::Down,
            KeyCode::Char(' '),
        ],
    );
    snap_all_sizes("fr_participants_selection", &app);
    keys(&mut app, &[KeyCode::Esc, KeyCode::Right, KeyCode::Enter]);
    snap_all_sizes("fr_participants_status_change", &app);
    keys(&mut app, &[KeyCode::Up, KeyCode::Enter]);
    snap_all_sizes("fr_participants_status_form", &app);
}

/// Issue 21: the cohort's « Bilan » (Journée, r) — the partner version of the demo's report,
/// first screenful, then scrolled down a page.
#[test]
fn day_report() {
    let (_d, mut store, mut app) = common::evening_app(Lang::Fr);
    common::press(&mut app, &mut store, KeyCode::Char('1'));
    common::press(&mut app, &mut store, KeyCode::Char('r'));
    app.message = None;
    snap_all_sizes("fr_day_report", &app);
    common::press(&mut app, &mut store, KeyCode::PageDown);
    snap_all_sizes("fr_day_report_scrolled", &app);
    common::press(&mut app, &mut store, KeyCode::Esc);
    assert!(!common::screen_text(&app, 80, 24).contains("Présence par type de séance"));
}
