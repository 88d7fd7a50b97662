//! The passphrase of an encrypted database: from `PASSERELLE_PASSPHRASE` (scripts) or typed
//! without echo on the terminal.

use std::io::{IsTerminal, Write};

use ratatui::crossterm::event::{self, Event, KeyCode, KeyEventKind, KeyModifiers};
use ratatui::crossterm::terminal;

use crate::i18n::Tr;

/// Reads a line without showing it; None on Esc, Ctrl-C or without a terminal.
fn read_hidden(prompt: &str) -> Option<String> {
    if !std::io::stdin().is_terminal() {
        return None;
    }
    eprint!("{prompt} ");
    let _ = std::io::stderr().flush();
    terminal::enable_raw_mode().ok()?;
    let mut text = String::new();
    let typed = loop {
        match event::read() {
            Ok(Event::Key(k)) if k.kind != KeyEventKind::Release => match k.code {
                KeyCode::Enter => break Some(text),
                KeyCode::Esc => break None,
                KeyCode::Char('c') if k.modifiers.contains(KeyModifiers::CONTROL) => break None,
                KeyCode::Backspace => {
                    text.pop();
                }
                KeyCode::Char(c) => text.push(c),
                _ => {}
            },
            Ok(_) => {}
            Err(_) => break None,
        }
    };
    let _ = terminal::disable_raw_mode();
    eprintln!();
    typed
}

/// The passphrase of an existing encrypted database.
pub fn passphrase(tr: Tr) -> Option<String> {
    if let Ok(p) = std::env::var("PASSERELLE_PASSPHRASE") {
        return Some(p);
    }
    read_hidden(tr.t("cli.passphrase"))
}

/// A new passphrase: a warning, then typed twice; None if the two differ or it is too short.
pub fn new_passphrase(tr: Tr) -> Option<String> {
    if let Ok(p) = std::env::var("PASSERELLE_PASSPHRASE") {
        return (p.chars().count() >= 8).then_some(p);
    }
    eprintln!("{}", tr.t("cli.passphrase_warning"));
    let first = read_hidden(tr.t("cli.passphrase_new"))?;
    if first.chars().count() < 8 {
        eprintln!("{}", tr.t("cli.passphrase_short"));
        return None;
    }
    let again = read_hidden(tr.t("cli.passphrase_again"))?;
    if again != first {
        eprintln!("{}", tr.t("cli.passphrase_differ"));
        return None;
    }
    Some(first)
}
