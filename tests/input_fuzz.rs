//! Fuzz-style properties of keyboard and paste input (#8): random keys, control characters,
//! combining characters, emoji, very long pastes, on every screen and form — no panic, the
//! screen still draws, texts stay within their documented maximum.

mod common;

use common::screen_text;
use passerelle::i18n::Lang;
use passerelle::store::Store;
use passerelle::ui::screens::feedback::MAX_TEXT_CHARS;
use passerelle::ui::{App, Event, effects, update};
use proptest::prelude::*;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

fn arb_text() -> impl Strategy<Value = String> {
    prop_oneof![
        ".{0,40}",
        "[\\x00-\\x1f\\x7f]{0,10}",
        "(e\u{301}|\u{1F600}|\u{200D}|\u{FE0F}|ß|\u{0308}|\t|\r\n){0,30}",
        (0usize..20_000).prop_map(|n| "é".repeat(n)),
    ]
}

#[derive(Debug, Clone)]
enum Input {
    Key(KeyCode, KeyModifiers),
    Paste(String),
    Tick,
}

fn arb_input() -> impl Strategy<Value = Input> {
    let code = prop_oneof![
        any::<char>().prop_map(KeyCode::Char),
        proptest::sample::select(vec![
            '1', '2', '3', '4', '5', '6', 'j', 'k', '+', '/', 'o', 't', 'a', 'c', 'g', ' ', '?',
            'n'
        ])
        .prop_map(KeyCode::Char),
        proptest::sample::select(vec![
            KeyCode::Enter,
            KeyCode::Esc,
            KeyCode::Tab,
            KeyCode::BackTab,
            KeyCode::Backspace,
            KeyCode::Up,
            KeyCode::Down,
            KeyCode::Left,
            KeyCode::Right,
            KeyCode::Home,
            KeyCode::End,
            KeyCode::PageDown,
            KeyCode::Delete,
            KeyCode::F(1),
        ]),
    ];
    // Ctrl-Q and Ctrl-C would quit; every other Ctrl key is fair game. No `e` in the list: on the
    // grand oral it exports, and a test must not write into the user's Documents folder.
    let modifiers = proptest::sample::select(vec![
        KeyModifiers::NONE,
        KeyModifiers::NONE,
        KeyModifiers::SHIFT,
        KeyModifiers::CONTROL,
        KeyModifiers::ALT,
    ]);
    prop_oneof![
        8 => (code, modifiers).prop_map(|(c, m)| Input::Key(c, m)),
        1 => arb_text().prop_map(Input::Paste),
        1 => Just(Input::Tick),
    ]
}

fn apply(app: &mut App, store: &mut Store, input: &Input) {
    let now = app.now + chrono::Duration::milliseconds(300);
    let event = match input {
        Input::Key(KeyCode::Char('q' | 'c'), m) if m.contains(KeyModifiers::CONTROL) => return,
        Input::Key(KeyCode::Char('q'), _) => return,
        Input::Key(c, m) => Event::Key(KeyEvent::new(*c, *m)),
        Input::Paste(t) => Event::Paste(t.clone()),
        Input::Tick => Event::Tick,
    };
    for e in update(app, event, now) {
        effects::apply(store, app, e);
    }
}

fn texts_within_limits(app: &App) -> Result<(), TestCaseError> {
    if let Some(form) = &app.feedback.form {
        for t in &form.texts {
            let len: usize = t.lines().iter().map(|l| l.chars().count() + 1).sum();
            prop_assert!(
                len <= MAX_TEXT_CHARS + 1,
                "feedback text {len} > {MAX_TEXT_CHARS}"
            );
        }
    }
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 48, ..ProptestConfig::default() })]

    #[test]
    fn random_input_on_the_evening_day_never_panics(inputs in proptest::collection::vec(arb_input(), 1..60)) {
        let (_d, mut store, mut app) = common::evening_app(Lang::Fr);
        for input in &inputs {
            apply(&mut app, &mut store, input);
            texts_within_limits(&app)?;
        }
        for (w, h) in [(80, 24), (60, 20), (20, 5)] {
            let _ = screen_text(&app, w, h);
        }
        let check: String = store.connection().query_row("PRAGMA integrity_check", [], |r| r.get(0)).unwrap();
        prop_assert_eq!(check, "ok");
    }

    #[test]
    fn random_input_in_the_feedback_form_stays_within_limits(inputs in proptest::collection::vec(arb_input(), 1..60)) {
        let (_d, mut store, mut app) = common::evening_app(Lang::En);
        for code in [KeyCode::Char('5'), KeyCode::Enter, KeyCode::Tab] {
            apply(&mut app, &mut store, &Input::Key(code, KeyModifiers::NONE));
        }
        for input in &inputs {
            apply(&mut app, &mut store, input);
            texts_within_limits(&app)?;
        }
        let _ = screen_text(&app, 80, 24);
    }
}

#[test]
fn a_megabyte_pasted_into_each_kind_of_field_is_cut_with_a_message() {
    let mega: String = "Très long texte collé depuis un autre document. ".repeat(22_000);
    assert!(mega.len() > 1_000_000);
    let (_d, mut store, mut app) = common::evening_app(Lang::Fr);
    // Feedback text.
    for code in [KeyCode::Char('5'), KeyCode::Enter, KeyCode::Tab] {
        apply(&mut app, &mut store, &Input::Key(code, KeyModifiers::NONE));
    }
    apply(&mut app, &mut store, &Input::Paste(mega.clone()));
    texts_within_limits(&app).unwrap();
    assert!(
        app.message
            .as_ref()
            .is_some_and(|m| m.text.contains("4000")),
        "{:?}",
        app.message
    );
    apply(
        &mut app,
        &mut store,
        &Input::Key(KeyCode::Esc, KeyModifiers::NONE),
    );
    let saved = store.list_feedback(app.data.session.unwrap()).unwrap();
    assert!(
        saved
            .iter()
            .all(|f| f.strengths.chars().count() <= MAX_TEXT_CHARS)
    );
    // A one-line form field (proposal detail on the grand oral): first line, cut to 200.
    apply(
        &mut app,
        &mut store,
        &Input::Key(KeyCode::Char('6'), KeyModifiers::NONE),
    );
    apply(
        &mut app,
        &mut store,
        &Input::Key(KeyCode::Char('o'), KeyModifiers::CONTROL),
    );
    apply(
        &mut app,
        &mut store,
        &Input::Key(KeyCode::Tab, KeyModifiers::NONE),
    );
    apply(&mut app, &mut store, &Input::Paste(mega.clone()));
    let detail = app.grand_oral.form.as_ref().unwrap().1.value("detail");
    assert_eq!(detail.chars().count(), 200);
    apply(
        &mut app,
        &mut store,
        &Input::Key(KeyCode::Esc, KeyModifiers::NONE),
    );
    // The attendance reason and the name filter.
    apply(
        &mut app,
        &mut store,
        &Input::Key(KeyCode::Char('3'), KeyModifiers::NONE),
    );
    apply(
        &mut app,
        &mut store,
        &Input::Key(KeyCode::Char('/'), KeyModifiers::NONE),
    );
    apply(&mut app, &mut store, &Input::Paste(mega));
    assert!(app.attendance.filter.chars().count() <= 40);
    let _ = screen_text(&app, 80, 24);
}

#[test]
fn a_paste_into_the_quick_note_goes_into_the_note() {
    let (_d, mut store, mut app) = common::evening_app(Lang::Fr);
    apply(
        &mut app,
        &mut store,
        &Input::Key(KeyCode::Char('n'), KeyModifiers::CONTROL),
    );
    assert!(app.note.is_some());
    apply(
        &mut app,
        &mut store,
        &Input::Paste("parloir à 15h\nligne suivante".into()),
    );
    let text = app.note.as_ref().unwrap().2.value("text");
    assert_eq!(text, "parloir à 15h", "one line, into the note");
    assert!(app.attendance.filter.is_empty());
}
