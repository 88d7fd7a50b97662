use super::*;
use ratatui::crossterm::event::KeyEvent;

fn key(code: KeyCode) -> KeyEvent {
    KeyEvent::new(code, KeyModifiers::NONE)
}

#[test]
fn azerty_digits_switch_screens() {
    let s = Scope::Screen(Screen::Attendance);
    assert_eq!(
        lookup(s, &key(KeyCode::Char('é'))),
        Some(Action::Go(Screen::Participants))
    );
    assert_eq!(
        lookup(s, &key(KeyCode::Char('"'))),
        Some(Action::Go(Screen::Attendance))
    );
    assert_eq!(
        lookup(s, &key(KeyCode::F(6))),
        Some(Action::Go(Screen::GrandOral))
    );
}

#[test]
fn screen_keys_win_over_global_and_ctrl_keys_always_work() {
    let s = Scope::Screen(Screen::Attendance);
    assert_eq!(
        lookup(s, &key(KeyCode::Char('p'))),
        Some(Action::MarkPresent)
    );
    let ctrl_x = KeyEvent::new(KeyCode::Char('x'), KeyModifiers::CONTROL);
    assert_eq!(lookup(Scope::TimesForm, &ctrl_x), Some(Action::Privacy));
    // In a form, digits and letters are content.
    assert_eq!(lookup(Scope::TimesForm, &key(KeyCode::Char('1'))), None);
    assert_eq!(lookup(Scope::AddPerson, &key(KeyCode::Char('q'))), None);
}

#[test]
fn no_key_is_bound_twice_in_one_scope() {
    for (i, a) in BINDINGS.iter().enumerate() {
        for b in &BINDINGS[i + 1..] {
            let same_scope = a.scope == b.scope
                || (matches!(a.scope, Scope::Screen(_)) && b.scope == Scope::Always);
            if !same_scope {
                continue;
            }
            for k in a.keys {
                // Ctrl-C is both a browsing quit and an always-quit, on purpose.
                if *k == Key::Ctrl('c') {
                    continue;
                }
                assert!(!b.keys.contains(k), "{k:?} bound twice in {:?}", a.scope);
            }
        }
    }
}

/// Every scope the key table knows.
fn all_scopes() -> Vec<Scope> {
    let mut scopes: Vec<Scope> = Screen::ALL.iter().map(|s| Scope::Screen(*s)).collect();
    scopes.extend([
        Scope::Global,
        Scope::Always,
        Scope::TimesForm,
        Scope::Form,
        Scope::AddPerson,
        Scope::ImportPreview,
        Scope::Composer,
        Scope::History,
        Scope::Timer,
        Scope::Picker,
        Scope::FeedbackForm,
        Scope::Actions,
        Scope::Filter,
        Scope::Expected,
        Scope::Report,
        Scope::Agenda,
        Scope::Interest,
        Scope::Sync,
        Scope::SyncPreview,
        Scope::SyncResult,
        Scope::Help,
        Scope::Confirm,
        Scope::Text,
        Scope::Chooser,
        Scope::Selection,
        Scope::StatusPicker,
        Scope::FeedbackConflict,
    ]);
    scopes
}

/// What crossterm reports on a French AZERTY Windows console: the top row unshifted gives these
/// characters with no modifier; with Shift, the digit with SHIFT set (Linux terminals send the
/// digit alone).
const WINDOWS_AZERTY_TOP_ROW: [(char, char); 10] = [
    ('&', '1'),
    ('é', '2'),
    ('"', '3'),
    ('\'', '4'),
    ('(', '5'),
    ('-', '6'),
    ('è', '7'),
    ('_', '8'),
    ('ç', '9'),
    ('à', '0'),
];

#[test]
fn a_french_windows_keyboard_gets_the_same_actions_as_linux() {
    for scope in all_scopes() {
        for (azerty, digit) in WINDOWS_AZERTY_TOP_ROW {
            let linux = lookup(scope, &key(KeyCode::Char(digit)));
            let unshifted = from_terminal(key(KeyCode::Char(azerty)));
            let shifted = from_terminal(KeyEvent::new(KeyCode::Char(digit), KeyModifiers::SHIFT));
            assert_eq!(
                lookup(scope, &shifted),
                linux,
                "Shift+{azerty} in {scope:?}"
            );
            // Where a digit is a command, its AZERTY character is the same command; in text,
            // neither is a command.
            if linux.is_some() {
                assert_eq!(lookup(scope, &unshifted), linux, "{azerty} in {scope:?}");
            }
        }
    }
    // The seven screens from the top row, unshifted, from any screen.
    for screen in Screen::ALL {
        let s = Scope::Screen(screen);
        let go: Vec<_> = ['&', 'é', '"', '\'', '(', '-', 'è']
            .iter()
            .map(|c| lookup(s, &key(KeyCode::Char(*c))))
            .collect();
        let want: Vec<_> = Screen::ALL.iter().map(|t| Some(Action::Go(*t))).collect();
        assert_eq!(go, want, "from {screen:?}");
    }
    // The feedback ratings: & é " ' rate 1–4, à clears.
    for (c, r) in [('&', 1), ('é', 2), ('"', 3), ('\'', 4), ('à', 0)] {
        let ev = from_terminal(key(KeyCode::Char(c)));
        assert_eq!(lookup(Scope::FeedbackForm, &ev), Some(Action::Rate(r)));
    }
}

#[test]
fn altgr_characters_from_windows_are_plain_characters() {
    let altgr = KeyModifiers::CONTROL | KeyModifiers::ALT;
    // `]` is AltGr+) on French AZERTY: Windows says Ctrl+Alt+].
    let ev = from_terminal(KeyEvent::new(KeyCode::Char(']'), altgr));
    assert_eq!(ev.modifiers, KeyModifiers::NONE);
    assert_eq!(
        lookup(Scope::Screen(Screen::Feedback), &ev),
        Some(Action::NextMissing)
    );
    for c in ['@', '#', '{', '[', '|', '\\', '}', '~', '€', '`', '^'] {
        let ev = from_terminal(KeyEvent::new(KeyCode::Char(c), altgr));
        assert_eq!(ev, key(KeyCode::Char(c)), "AltGr {c}");
    }
    // Every character command is reached the same way typed plain or with AltGr.
    for b in BINDINGS {
        for k in b.keys {
            if let Key::Char(c) = k
                && !c.is_ascii_alphanumeric()
            {
                let ev = from_terminal(KeyEvent::new(KeyCode::Char(*c), altgr));
                assert_eq!(
                    lookup(b.scope, &ev),
                    lookup(b.scope, &key(KeyCode::Char(*c))),
                    "{c} in {:?}",
                    b.scope
                );
            }
        }
    }
    // Ctrl keys and Ctrl+Alt+letter keep their modifiers.
    let ctrl_x = KeyEvent::new(KeyCode::Char('x'), KeyModifiers::CONTROL);
    assert_eq!(from_terminal(ctrl_x), ctrl_x);
    let ctrl_alt_e = KeyEvent::new(KeyCode::Char('e'), altgr);
    assert_eq!(from_terminal(ctrl_alt_e), ctrl_alt_e);
}

#[test]
fn no_screen_command_uses_an_azerty_digit_character() {
    let azerty = ['&', 'é', '"', '\'', '(', '-', 'è', '_', 'ç', 'à', '§'];
    for b in BINDINGS
        .iter()
        .filter(|b| matches!(b.scope, Scope::Screen(_)))
    {
        for k in b.keys {
            if let Key::Char(c) = k {
                assert!(!azerty.contains(c), "{c} is a digit on AZERTY");
            }
        }
    }
}
