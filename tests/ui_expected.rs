//! A session's expected list on the Journée screen (issue 17, `l`): opening it on the selected
//! session, Space, typing to filter, Ctrl-A, Esc, and the day once the timer runs.

mod common;

use passerelle::core::attendance::AttendanceStatus;
use passerelle::core::domain::{Id, Role};
use passerelle::i18n::{Lang, Tr};
use passerelle::store::Store;
use passerelle::ui::keys::{self, Action, Scope};
use passerelle::ui::screen::Screen;
use passerelle::ui::screens::day::expected::people;
use passerelle::ui::{App, Effect, Event, update};
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

/// The demo's grand oral: a week after the job training, everyone expected, nobody marked.
fn on_grand_oral_list() -> (tempfile::TempDir, Store, App, Id) {
    let (d, mut store, mut app) = common::demo_app(Lang::Fr);
    common::press(&mut app, &mut store, KeyCode::Char('1'));
    common::press(&mut app, &mut store, KeyCode::End);
    let now = app.now;
    let effects = update(&mut app, key(KeyCode::Char('l')), now);
    let [Effect::OpenSession(id)] = effects.as_slice() else {
        panic!("the grand oral is made the session in use first: {effects:?}")
    };
    let id = *id;
    for e in effects {
        passerelle::ui::effects::apply(&mut store, &mut app, e);
    }
    assert_eq!(app.data.session, Some(id));
    assert_eq!(app.scope(), Scope::Expected);
    (d, store, app, id)
}

fn key(code: KeyCode) -> Event {
    Event::Key(KeyEvent::new(code, KeyModifiers::NONE))
}

fn ctrl_a() -> KeyEvent {
    KeyEvent::new(KeyCode::Char('a'), KeyModifiers::CONTROL)
}

fn listed(store: &Store, session: Id) -> Vec<Id> {
    store
        .list_attendance(session)
        .unwrap()
        .into_iter()
        .map(|a| a.person_id)
        .collect()
}

fn shown(app: &App) -> Vec<String> {
    let list = app.day.expected.as_ref().expect("the list is open");
    people(list, &app.cx)
        .iter()
        .map(|(m, _)| m.person.full_name())
        .collect()
}

#[test]
fn space_takes_the_selected_person_off_the_list_and_back_written_at_once() {
    let (_d, mut store, mut app, session) = on_grand_oral_list();
    let before = listed(&store, session);
    let first = shown(&app)[0].clone();
    let now = app.now;
    let effects = update(&mut app, key(KeyCode::Char(' ')), now);
    assert!(
        matches!(effects.as_slice(), [Effect::Expect { expected: false, people, .. }] if people.len() == 1),
        "{effects:?}"
    );
    for e in effects {
        passerelle::ui::effects::apply(&mut store, &mut app, e);
    }
    assert_eq!(listed(&store, session).len(), before.len() - 1);
    assert!(app.message.as_ref().unwrap().text.contains(&first));
    // Twice more: back on the list, then off again — one row at most, never two.
    common::press(&mut app, &mut store, KeyCode::Char(' '));
    assert_eq!(listed(&store, session).len(), before.len());
    let mut ids = listed(&store, session);
    ids.sort();
    ids.dedup();
    assert_eq!(ids.len(), before.len(), "nobody is on the list twice");
}

#[test]
fn typing_filters_by_name_letters_are_text_and_esc_clears_then_closes() {
    let (_d, mut store, mut app, _) = on_grand_oral_list();
    let everyone = shown(&app).len();
    // `q` and digits are part of the name typed, not quit or a screen.
    common::typed(&mut app, &mut store, "yani");
    assert_eq!(shown(&app), vec!["Yanis Benali".to_string()]);
    common::typed(&mut app, &mut store, "q1");
    assert!(shown(&app).is_empty());
    assert!(!app.quit);
    assert_eq!(app.screen, Screen::Day);
    let text = common::screen_text(&app, 80, 24);
    assert!(text.contains("yaniq1"), "{text}");
    common::press(&mut app, &mut store, KeyCode::Backspace);
    common::press(&mut app, &mut store, KeyCode::Backspace);
    assert_eq!(shown(&app).len(), 1);
    common::press(&mut app, &mut store, KeyCode::Esc);
    assert_eq!(shown(&app).len(), everyone, "Esc clears the filter first");
    common::press(&mut app, &mut store, KeyCode::Esc);
    assert!(app.day.expected.is_none());
    assert_eq!(app.scope(), Scope::Screen(Screen::Day));
}

/// Ctrl-A puts every candidate of the programme on the grand oral's list: prospects not
/// selected or withdrawn (issue 19) stay off.
#[test]
fn ctrl_a_puts_every_candidate_on_the_list_once() {
    let (_d, mut store, mut app, session) = on_grand_oral_list();
    let candidates: Vec<Id> = app
        .data
        .members
        .iter()
        .filter(|m| m.role == Role::Candidate && !m.archived)
        .filter(|m| {
            app.data
                .path
                .status(m.person.id)
                .is_none_or(|s| s.in_programme())
        })
        .map(|m| m.person.id)
        .collect();
    // Two candidates taken off (the first two rows are candidates).
    common::press(&mut app, &mut store, KeyCode::Char(' '));
    common::press(&mut app, &mut store, KeyCode::Down);
    common::press(&mut app, &mut store, KeyCode::Char(' '));
    let before = listed(&store, session);
    let missing = candidates.iter().filter(|c| !before.contains(c)).count();
    assert!(missing >= 1, "a candidate was taken off");
    common::key(&mut app, &mut store, ctrl_a());
    assert_eq!(listed(&store, session).len(), before.len() + missing);
    let said = format!("{missing} candidat(s)");
    assert!(app.message.as_ref().unwrap().text.contains(&said));
    let now = app.now;
    let effects = update(&mut app, Event::Key(ctrl_a()), now);
    assert!(effects.is_empty(), "all there already: nothing to write");
    assert!(app.message.as_ref().unwrap().text.contains("déjà"));
    let on_list = listed(&store, session);
    assert!(candidates.iter().all(|c| on_list.contains(c)));
    assert_eq!(
        on_list.iter().filter(|p| candidates.contains(p)).count(),
        candidates.len(),
        "each candidate once"
    );
}

#[test]
fn the_counts_at_the_top_follow_the_list() {
    let (_d, mut store, mut app, _) = on_grand_oral_list();
    let text = common::screen_text(&app, 120, 40);
    assert!(
        text.contains("10 candidats, 15 professionnels, 4 encadrants attendus"),
        "{text}"
    );
    common::press(&mut app, &mut store, KeyCode::Char(' '));
    let text = common::screen_text(&app, 120, 40);
    assert!(text.contains("9 candidats, 15 professionnels"), "{text}");
    // The smallest terminal supported still shows the list and its counts.
    let text = common::screen_text(&app, 60, 20);
    assert!(
        text.contains("Liste des attendus") && text.contains("9 candidats"),
        "{text}"
    );
}

#[test]
fn someone_already_marked_stays_and_a_started_day_sends_changes_to_presences() {
    // Today's job training: attendance is being taken.
    let (_d, mut store, mut app) = common::demo_app(Lang::Fr);
    common::press(&mut app, &mut store, KeyCode::Char('1'));
    common::press(&mut app, &mut store, KeyCode::Char('l'));
    let session = app.data.session.unwrap();
    let list = app.day.expected.clone().unwrap();
    let marked = people(&list, &app.cx)
        .iter()
        .position(|(_, a)| a.is_some_and(|a| a.status == AttendanceStatus::Present))
        .unwrap();
    for _ in 0..marked {
        common::press(&mut app, &mut store, KeyCode::Down);
    }
    let before = store.list_attendance(session).unwrap();
    common::press(&mut app, &mut store, KeyCode::Char(' '));
    assert_eq!(store.list_attendance(session).unwrap(), before);
    assert!(app.message.as_ref().unwrap().text.contains("déjà pointé"));

    // The timer starts: the list says plainly where changes go now, and Space changes nothing.
    let now = app.now;
    app.data
        .clock
        .push(passerelle::core::clock::ClockEvent::Start(now));
    assert!(update(&mut app, Event::Key(ctrl_a()), now).is_empty());
    assert!(update(&mut app, key(KeyCode::Char(' ')), now).is_empty());
    assert!(app.message.as_ref().unwrap().text.contains("Présences"));
    let text = common::screen_text(&app, 80, 24);
    assert!(
        text.contains("(minuteur lancé)") && text.contains("Présences (écran 3)"),
        "{text}"
    );
}

#[test]
fn the_readiness_line_names_the_key_of_the_list() {
    let binding = keys::bindings(Scope::Screen(Screen::Day))
        .find(|b| b.action == Action::ExpectedList)
        .expect("the Journée screen binds the expected list");
    for lang in [Lang::Fr, Lang::En] {
        let tr = Tr::new(lang);
        let key = keys::keys_label(binding, tr, 1);
        for line in ["expect.ready_no_candidates", "expect.ready_no_pros"] {
            assert!(
                tr.t(line).contains(&format!("— {key} (")),
                "{line} in {lang:?}: {}",
                tr.t(line)
            );
        }
    }
}
