//! The passphrase of an encrypted database: from `PASSERELLE_PASSPHRASE` (scripts) or typed
//! without echo on the terminal.

use std::io::{IsTerminal, Write};

use ratatui::crossterm::event::{self, Event, KeyCode, KeyEventKind, KeyModifiers};
use ratatui::crossterm::terminal;

use crate::i18n::Tr;
use crate::store::Passphrase;

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
pub fn passphrase(tr: Tr) -> Result<String, Passphrase> {
    if let Ok(p) = std::env::var("PASSERELLE_PASSPHRASE") {
        return existing(p);
    }
    existing(read_hidden(tr.t("cli.passphrase")).ok_or(Passphrase::Missing)?)
}

/// A new passphrase: a warning, then typed twice; refused if the two differ or it is too short.
pub fn new_passphrase(tr: Tr) -> Result<String, Passphrase> {
    if let Ok(p) = std::env::var("PASSERELLE_PASSPHRASE") {
        return fresh(p);
    }
    eprintln!("{}", tr.t("cli.passphrase_warning"));
    let first = fresh(read_hidden(tr.t("cli.passphrase_new")).ok_or(Passphrase::MissingNew)?)?;
    let again = read_hidden(tr.t("cli.passphrase_again")).ok_or(Passphrase::MissingNew)?;
    if again != first {
        return Err(Passphrase::Differ);
    }
    Ok(first)
}

/// An existing database's passphrase: anything but empty (the file itself says if it is wrong).
fn existing(p: String) -> Result<String, Passphrase> {
    if p.is_empty() {
        Err(Passphrase::Empty)
    } else {
        Ok(p)
    }
}

/// A new passphrase: 8 characters at least.
fn fresh(p: String) -> Result<String, Passphrase> {
    match p.chars().count() {
        0 => Err(Passphrase::Empty),
        1..8 => Err(Passphrase::Short),
        _ => Ok(p),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_unusable_passphrase_has_its_reason() {
        assert_eq!(existing(String::new()), Err(Passphrase::Empty));
        assert_eq!(existing("x".into()), Ok("x".into()));
        assert_eq!(fresh(String::new()), Err(Passphrase::Empty));
        assert_eq!(fresh("court".into()), Err(Passphrase::Short));
        assert_eq!(fresh("assez longue".into()), Ok("assez longue".into()));
    }
}
