//! The event loop: block on input when nothing is due, draw only after a change, and restore the
//! terminal on every way out (normal exit, error, panic, SIGTERM, SIGHUP).

use std::sync::mpsc::{self, RecvTimeoutError};
use std::time::Duration;

use chrono::{NaiveDateTime, Timelike};
use ratatui::crossterm::event::{self, DisableBracketedPaste, EnableBracketedPaste, KeyEventKind};
use ratatui::crossterm::execute;

use super::app::{App, Event, update};
use super::data::Data;
use super::draw::draw;
use super::effects::apply;
use super::theme::Theme;
use crate::core::feedback::CriteriaSets;
use crate::i18n::Tr;
use crate::store::Store;

enum Input {
    Terminal(event::Event),
    Signal(i32),
    Closed,
    /// The background `quick_check` found damage (what SQLite said).
    Damaged(String),
}

/// How the loop ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Exit {
    /// The user quit.
    Quit,
    /// A signal asked us to stop (its number).
    Signal(i32),
    /// No terminal to draw on (started from a script or a pipe): said in one sentence.
    NoTerminal,
}

/// The local wall clock; the only place the ui reads it. Its date is « today » (injectable), so
/// a new session's default date and the Journée's « aujourd'hui » follow `PASSERELLE_TODAY`.
pub fn wall_clock() -> NaiveDateTime {
    let now = chrono::Local::now().naive_local();
    today().and_time(now.time())
}

/// « Today », injectable for tests and demos (`PASSERELLE_TODAY=2026-10-15`).
pub fn today() -> chrono::NaiveDate {
    std::env::var("PASSERELLE_TODAY")
        .ok()
        .and_then(|t| chrono::NaiveDate::parse_from_str(t.trim(), "%Y-%m-%d").ok())
        .unwrap_or_else(|| chrono::Local::now().date_naive())
}

/// Runs the application on `store` until the user quits or a signal arrives.
/// `criteria` are the shipped criteria sets and the user's own.
pub fn run(
    mut store: Store,
    tr: Tr,
    criteria: CriteriaSets,
    outcomes: crate::core::outcomes::OutcomeSet,
) -> color_eyre::Result<Exit> {
    // Without a terminal, ratatui cannot take the screen: one sentence instead of a crash report,
    // before any lock or marker is taken.
    use std::io::IsTerminal as _;
    if !(std::io::stdin().is_terminal() && std::io::stdout().is_terminal()) {
        eprintln!("passerelle: {}", tr.t("cli.no_terminal"));
        return Ok(Exit::NoTerminal);
    }
    // One writer: a second window on the same file shows it read-only and follows it.
    let lock = store.lock_writer()?;
    // Loaded before the marker: a file that cannot be read stops here and leaves no marker.
    let data = Data::load(&store, None)?;
    // The writer leaves a marker while it runs: found at the next start, it means an unclean exit.
    let marker = crate::store::running_marker(store.path());
    if lock.is_some() {
        crate::store::create_private_file(&marker);
    }
    let mut app = App::new(tr, Theme::from_env(), data, wall_clock());
    app.read_only = lock.is_none();
    app.criteria = criteria;
    app.outcomes = outcomes;
    if store.made_private() {
        app.info(tr.tf("open.made_private", &[("path", &store.path().display())]));
    }
    let mut seen_version = store.data_version()?;
    let (tx, rx) = mpsc::channel::<Input>();
    spawn_signal_listener(tx.clone())?;
    // ratatui::init sets raw mode, the alternate screen and the restoring panic hook; the
    // terminal actually drawn on is the same stdout behind the cleaning backend.
    drop(ratatui::init());
    let mut terminal = ratatui::Terminal::new(CleanBackend(
        ratatui::backend::CrosstermBackend::new(std::io::stdout()),
    ))?;
    let _ = execute!(std::io::stdout(), EnableBracketedPaste);
    // Started once the first frame is on its way: the check never delays the screen.
    let check = store.background_check();
    let check_tx = tx.clone();
    std::thread::spawn(move || {
        if let Some(what) = check() {
            let _ = check_tx.send(Input::Damaged(what));
        }
    });
    spawn_input_reader(tx);
    let result = event_loop(&mut terminal, &mut store, &mut app, &rx, &mut seen_version);
    // Any return here is an orderly exit (a panic does not come back): the marker goes.
    if lock.is_some() {
        let _ = std::fs::remove_file(&marker);
    }
    drop(lock);
    let _ = execute!(std::io::stdout(), DisableBracketedPaste);
    ratatui::restore();
    console_done();
    result
}

/// The terminal Passerelle draws on.
type Term = ratatui::Terminal<CleanBackend<ratatui::backend::CrosstermBackend<std::io::Stdout>>>;

fn event_loop(
    terminal: &mut Term,
    store: &mut Store,
    app: &mut App,
    rx: &mpsc::Receiver<Input>,
    seen_version: &mut i64,
) -> color_eyre::Result<Exit> {
    let mut dirty = true;
    loop {
        if app.timer.bell {
            app.timer.bell = false;
            // The terminal's own bell: a sound, or a flash where the terminal is set so.
            let _ = execute!(std::io::stdout(), ratatui::crossterm::style::Print("\x07"));
        }
        if dirty {
            terminal.draw(|f| draw(app, f))?;
            dirty = false;
            inject_panic_for_tests();
        }
        let now = wall_clock();
        let mut wait = wait_time(app, now);
        if app.read_only {
            // Following another window: look for its commits once a second.
            wait = wait.min(Duration::from_secs(1));
        }
        let input = match rx.recv_timeout(wait) {
            Ok(input) => input,
            Err(RecvTimeoutError::Timeout) => {
                if app.read_only
                    && let Ok(v) = store.data_version()
                    && v != *seen_version
                {
                    *seen_version = v;
                    super::effects::follow(store, app);
                }
                let effects = update(app, Event::Tick, wall_clock());
                for e in effects {
                    apply(store, app, e);
                }
                // The header clock shows minutes: redraw when the minute turned.
                dirty = true;
                continue;
            }
            Err(RecvTimeoutError::Disconnected) => Input::Closed,
        };
        let event = match input {
            Input::Terminal(e) => match app_event(e) {
                Some(e) => e,
                None => continue,
            },
            Input::Signal(sig) => {
                // Pending text is written before we go (decisions.md).
                for e in app.flush() {
                    apply(store, app, e);
                }
                return Ok(Exit::Signal(sig));
            }
            Input::Damaged(what) => {
                store.mark_damaged(&what);
                app.read_only = true;
                app.error(app.tr.tf("open.damaged_ui", &[("what", &what)]));
                dirty = true;
                continue;
            }
            Input::Closed => {
                for e in app.flush() {
                    apply(store, app, e);
                }
                return Ok(Exit::Quit);
            }
        };
        for e in update(app, event, wall_clock()) {
            apply(store, app, e);
        }
        // Continuous typing never lets the wait time out: run due writes here too.
        let now = wall_clock();
        if app.next_deadline().is_some_and(|due| due <= now) {
            for e in update(app, Event::Tick, now) {
                apply(store, app, e);
            }
        }
        dirty = true;
        if app.quit {
            for e in app.flush() {
                apply(store, app, e);
            }
            return Ok(Exit::Quit);
        }
    }
}

/// Until the next debounced write or timer second, or the next minute for the header clock.
fn wait_time(app: &App, now: NaiveDateTime) -> Duration {
    let to_minute =
        Duration::from_millis((60_000u64).saturating_sub(
            u64::from(now.second()) * 1000 + u64::from(now.nanosecond() / 1_000_000),
        ));
    match app.next_deadline() {
        Some(due) => {
            let ms = (due - now).num_milliseconds().max(0) as u64;
            Duration::from_millis(ms).min(to_minute)
        }
        None => to_minute,
    }
}

fn spawn_input_reader(tx: mpsc::Sender<Input>) {
    std::thread::spawn(move || {
        loop {
            match event::read() {
                Ok(ev) => {
                    if tx.send(Input::Terminal(ev)).is_err() {
                        return;
                    }
                }
                Err(_) => {
                    let _ = tx.send(Input::Closed);
                    return;
                }
            }
        }
    });
}

#[cfg(unix)]
fn spawn_signal_listener(tx: mpsc::Sender<Input>) -> color_eyre::Result<()> {
    use signal_hook::consts::{SIGHUP, SIGTERM};
    let mut signals = signal_hook::iterator::Signals::new([SIGTERM, SIGHUP])?;
    std::thread::spawn(move || {
        if let Some(sig) = signals.forever().next() {
            let _ = tx.send(Input::Signal(sig));
        }
    });
    Ok(())
}

/// Windows: the console closed (1, like SIGHUP), log-off or shutdown (15, like SIGTERM). Windows
/// waits in its handler until `run` has written and restored the console ([`console_done`]).
#[cfg(windows)]
fn spawn_signal_listener(tx: mpsc::Sender<Input>) -> color_eyre::Result<()> {
    let tx = std::sync::Mutex::new(tx);
    crate::platform::on_console_close(move |sig| {
        if let Ok(tx) = tx.lock() {
            let _ = tx.send(Input::Signal(sig));
        }
    })?;
    Ok(())
}

#[cfg(not(any(unix, windows)))]
fn spawn_signal_listener(_tx: mpsc::Sender<Input>) -> color_eyre::Result<()> {
    Ok(())
}

/// Lets a waiting console-close handler return (Windows); nothing to do elsewhere.
fn console_done() {
    #[cfg(windows)]
    crate::platform::close_handled();
}

/// Debug builds only: `PASSERELLE_TEST_PANIC=1` panics after the first frame, so a test can
/// prove the terminal is restored.
fn inject_panic_for_tests() {
    #[cfg(debug_assertions)]
    if std::env::var_os("PASSERELLE_TEST_PANIC").is_some() {
        panic!("panic injected by PASSERELLE_TEST_PANIC");
    }
}

/// A terminal event as the app sees it, text sanitized once here: a typed control, bidi or
/// format character is dropped, a paste loses them (its line breaks kept: the fields cut it
/// to its first line themselves).
pub fn app_event(e: event::Event) -> Option<Event> {
    use crate::core::text::{Lines, is_forbidden, sanitize};
    use ratatui::crossterm::event::KeyCode;
    match e {
        event::Event::Key(k) if k.kind == KeyEventKind::Release => None,
        event::Event::Key(k) => match k.code {
            KeyCode::Char(c) if is_forbidden(c, Lines::Single) => None,
            // AltGr on Windows arrives as Ctrl+Alt: the character it typed is what counts.
            _ => Some(Event::Key(super::keys::from_terminal(k))),
        },
        event::Event::Paste(text) => {
            let text = sanitize(&text, Lines::Multi).into_owned();
            (!text.is_empty()).then_some(Event::Paste(text))
        }
        event::Event::Resize(..) => Some(Event::Resize),
        _ => None,
    }
}

/// A backend that draws no control, bidi or format character, whatever a widget was given:
/// the last exit before the terminal, so text from an older file (stored before sanitizing)
/// cannot move the cursor, retitle the window or reorder a line either. ratatui already skips
/// controls; zero-width characters (bidi marks, BOM, joiners) it would attach to a cell.
pub struct CleanBackend<B>(pub B);

impl<B: ratatui::backend::Backend> ratatui::backend::Backend for CleanBackend<B> {
    type Error = B::Error;

    fn draw<'a, I>(&mut self, content: I) -> Result<(), Self::Error>
    where
        I: Iterator<Item = (u16, u16, &'a ratatui::buffer::Cell)>,
    {
        use crate::core::text::{Lines, sanitize};
        use std::borrow::Cow;
        let cells: Vec<(u16, u16, Cow<'a, ratatui::buffer::Cell>)> = content
            .map(
                |(x, y, cell)| match sanitize(cell.symbol(), Lines::Single) {
                    Cow::Borrowed(_) => (x, y, Cow::Borrowed(cell)),
                    Cow::Owned(clean) => {
                        let mut cell = cell.clone();
                        cell.set_symbol(if clean.is_empty() { " " } else { &clean });
                        (x, y, Cow::Owned(cell))
                    }
                },
            )
            .collect();
        self.0
            .draw(cells.iter().map(|(x, y, c)| (*x, *y, c.as_ref())))
    }
    fn append_lines(&mut self, n: u16) -> Result<(), Self::Error> {
        self.0.append_lines(n)
    }
    fn hide_cursor(&mut self) -> Result<(), Self::Error> {
        self.0.hide_cursor()
    }
    fn show_cursor(&mut self) -> Result<(), Self::Error> {
        self.0.show_cursor()
    }
    fn get_cursor_position(&mut self) -> Result<ratatui::layout::Position, Self::Error> {
        self.0.get_cursor_position()
    }
    fn set_cursor_position<P: Into<ratatui::layout::Position>>(
        &mut self,
        position: P,
    ) -> Result<(), Self::Error> {
        self.0.set_cursor_position(position)
    }
    fn clear(&mut self) -> Result<(), Self::Error> {
        self.0.clear()
    }
    fn clear_region(&mut self, clear_type: ratatui::backend::ClearType) -> Result<(), Self::Error> {
        self.0.clear_region(clear_type)
    }
    fn size(&self) -> Result<ratatui::layout::Size, Self::Error> {
        self.0.size()
    }
    fn window_size(&mut self) -> Result<ratatui::backend::WindowSize, Self::Error> {
        self.0.window_size()
    }
    fn flush(&mut self) -> Result<(), Self::Error> {
        self.0.flush()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

    #[test]
    fn typed_and_pasted_hostile_characters_never_reach_the_app() {
        for c in [
            '\u{1b}', '\u{7}', '\u{9b}', '\u{202e}', '\u{feff}', '\u{200b}',
        ] {
            let k = KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE);
            assert!(
                app_event(event::Event::Key(k)).is_none(),
                "{:04x}",
                c as u32
            );
        }
        let k = KeyEvent::new(KeyCode::Char('é'), KeyModifiers::NONE);
        assert!(matches!(app_event(event::Event::Key(k)), Some(Event::Key(got)) if got == k));
        let pasted = "Jean\u{1b}]52;c;aGk=\u{7}\r\nDu\u{202e}pont";
        assert!(matches!(
            app_event(event::Event::Paste(pasted.into())),
            Some(Event::Paste(t)) if t == "Jean]52;c;aGk=\nDupont"
        ));
        assert!(app_event(event::Event::Paste("\u{1b}\u{7}".into())).is_none());
    }
}
