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
use crate::i18n::Tr;
use crate::store::Store;

enum Input {
    Terminal(event::Event),
    Signal(i32),
    Closed,
}

/// How the loop ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Exit {
    /// The user quit.
    Quit,
    /// A signal asked us to stop (its number).
    Signal(i32),
}

/// The local wall clock; the only place the ui reads it.
pub fn wall_clock() -> NaiveDateTime {
    chrono::Local::now().naive_local()
}

/// Runs the application on `store` until the user quits or a signal arrives.
pub fn run(mut store: Store, tr: Tr) -> color_eyre::Result<Exit> {
    // One writer: a second window on the same file shows it read-only and follows it.
    let lock = store.lock_writer()?;
    // The writer leaves a marker while it runs: found at the next start, it means an unclean exit.
    let marker = crate::store::running_marker(store.path());
    if lock.is_some() {
        crate::store::create_private_file(&marker);
    }
    let data = Data::load(&store, None)?;
    let mut app = App::new(tr, Theme::from_env(), data, wall_clock());
    app.read_only = lock.is_none();
    let mut seen_version = store.data_version()?;
    let (tx, rx) = mpsc::channel::<Input>();
    spawn_signal_listener(tx.clone())?;
    let mut terminal = ratatui::init();
    let _ = execute!(std::io::stdout(), EnableBracketedPaste);
    spawn_input_reader(tx);
    let result = event_loop(&mut terminal, &mut store, &mut app, &rx, &mut seen_version);
    if lock.is_some() && result.is_ok() {
        let _ = std::fs::remove_file(&marker);
    }
    drop(lock);
    let _ = execute!(std::io::stdout(), DisableBracketedPaste);
    ratatui::restore();
    console_done();
    result
}

fn event_loop(
    terminal: &mut ratatui::DefaultTerminal,
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
            Input::Terminal(event::Event::Key(k)) if k.kind != KeyEventKind::Release => {
                Event::Key(super::keys::from_terminal(k))
            }
            Input::Terminal(event::Event::Paste(text)) => Event::Paste(text),
            Input::Terminal(event::Event::Resize(..)) => Event::Resize,
            Input::Terminal(_) => continue,
            Input::Signal(sig) => {
                // Pending text is written before we go (decisions.md).
                for e in app.flush() {
                    apply(store, app, e);
                }
                return Ok(Exit::Signal(sig));
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
