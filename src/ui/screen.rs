//! The six screens of the day, and the contract each of them provides ([`ScreenView`]).
//!
//! A screen owns its state and answers, over a [`Ctx`] (loaded data, translator, theme, now, message
//! line, popup), for its key scope, its keys, pastes, debounced writes and drawing. What it cannot do
//! alone (open another screen, drive the timer, touch another screen's state) it returns as an
//! [`Intent`] that `app.rs` carries out. Screens never see `App`.

use chrono::NaiveDateTime;
use ratatui::Frame;
use ratatui::crossterm::event::KeyEvent;
use ratatui::layout::Rect;

use super::context::{Ctx, Effect, Pending, Popup, due_pending, take_pending};
use super::keys::{self, Action, Scope};
pub use super::tab::Screen;
use crate::core::attendance::Attendance;
use crate::core::domain::Id;

/// A move that reaches beyond one screen, carried out by the application.
#[derive(Debug, Clone, PartialEq)]
pub enum Intent {
    /// Go to Retours and open the form of this round (1-based) at its first missing feedback.
    FeedbackRound(u32),
    /// An attendance record as it was before a change made elsewhere, for Présences' undo.
    RememberForUndo(Attendance),
    /// A timer key (the timer runs under every screen and belongs to the application).
    Timer(Action),
    /// Go to Retours and open the form of one interview (round from 1); `from_timer`: Esc on
    /// the form goes back to the timer view.
    FeedbackAt {
        /// Round, from 1.
        round: u32,
        /// The candidate.
        candidate: Id,
        /// Opened from the timer view.
        from_timer: bool,
    },
    /// Go to Suivi and open a new contact (dated today) of this candidate.
    ContactFor(Id),
}

/// A key as a screen receives it: the scope it was looked up in, its action there (if any), and
/// the key event itself (for the text typed into a form).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct KeyInput {
    /// The scope in force ([`ScreenView::scope`]).
    pub scope: Scope,
    /// What the key does there, if anything.
    pub action: Option<Action>,
    /// The key itself.
    pub event: KeyEvent,
}

/// What a screen hands back: writes and loads for the event loop, moves for the application.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Reply {
    /// Writes and loads.
    pub effects: Vec<Effect>,
    /// Moves beyond the screen.
    pub intents: Vec<Intent>,
}

impl Reply {
    /// A reply with one intent and no effect.
    pub fn intent(intent: Intent) -> Reply {
        Reply {
            effects: Vec::new(),
            intents: vec![intent],
        }
    }
}

impl From<Vec<Effect>> for Reply {
    fn from(effects: Vec<Effect>) -> Reply {
        Reply {
            effects,
            intents: Vec::new(),
        }
    }
}

/// The contract of a screen. Only `scope`, `on_key` and `draw` are required; the rest has
/// do-nothing defaults.
pub trait ScreenView {
    /// The key scope in force: an open form or sub-mode of the screen, else its own
    /// `Scope::Screen`.
    fn scope(&self) -> Scope;

    /// A key looked up in [`ScreenView::scope`]. In `Scope::Screen` the application has already
    /// handled the global keys (tabs, help, quit, print) and passes only `Some(action)`.
    fn on_key(&mut self, cx: &mut Ctx, input: KeyInput) -> Reply;

    /// Pasted text (bracketed paste).
    fn paste(&mut self, _cx: &mut Ctx, _text: &str) -> Reply {
        Reply::default()
    }

    /// The screen's debounced write slot, if it has one: `tick` and `flush` then need no code.
    fn pending(&mut self) -> Option<&mut Pending> {
        None
    }

    /// Time passed: the debounced writes whose time has come.
    fn tick(&mut self, cx: &mut Ctx) -> Vec<Effect> {
        self.pending()
            .map(|slot| due_pending(slot, cx.now))
            .unwrap_or_default()
    }

    /// Every write still waiting for its debounce (leaving, quitting, a signal).
    fn flush(&mut self, _cx: &mut Ctx) -> Vec<Effect> {
        self.pending().map(take_pending).unwrap_or_default()
    }

    /// When the event loop must wake for this screen even without input.
    fn next_deadline(&self) -> Option<NaiveDateTime> {
        None
    }

    /// Draws the screen in `area`; never changes it.
    fn draw(&self, cx: &Ctx, frame: &mut Frame, area: Rect);

    /// Draws a popup of this screen's own (over the screen) if it has one for `popup`.
    fn draw_popup(&self, _cx: &Ctx, _frame: &mut Frame, _area: Rect, _popup: &Popup) -> bool {
        false
    }

    /// The answer (`yes`) to a confirmation popup raised on this screen.
    fn on_confirm(&mut self, _cx: &mut Ctx, _popup: &Popup, _yes: bool) -> Reply {
        Reply::default()
    }

    /// The screen becomes the current one (from another).
    fn on_enter(&mut self, _cx: &mut Ctx) -> Vec<Effect> {
        Vec::new()
    }

    /// The screen stops being the current one.
    fn on_leave(&mut self, _cx: &mut Ctx) {}

    /// Who a quick note (Ctrl-N) is about on this screen: a candidate, and a round.
    fn note_subject(&self, _cx: &Ctx) -> (Option<Id>, Option<u32>) {
        (None, None)
    }
}

/// The debounce methods of a screen whose waiting write sits in one [`Pending`] field:
/// `debounced_in!(pending);` inside `impl ScreenView` gives `pending` (so `tick` and `flush` come
/// for free) and `next_deadline` over that field.
macro_rules! debounced_in {
    ($field:ident) => {
        fn pending(&mut self) -> Option<&mut $crate::ui::context::Pending> {
            Some(&mut self.$field)
        }

        fn next_deadline(&self) -> Option<chrono::NaiveDateTime> {
            $crate::ui::context::deadline(&self.$field)
        }
    };
}
pub(crate) use debounced_in;

/// The methods of a screen whose module holds `paste` and `draw` functions over its state and
/// whose waiting write sits in one [`Pending`] field: `delegated_to_module!(pending);` inside
/// `impl ScreenView` hands `paste` and `draw` to them and adds [`debounced_in!`] over that field.
macro_rules! delegated_to_module {
    ($field:ident) => {
        fn paste(&mut self, cx: &mut Ctx, text: &str) -> Reply {
            paste(self, cx, text).into()
        }

        $crate::ui::screen::debounced_in!($field);

        fn draw(&self, cx: &Ctx, frame: &mut Frame, area: Rect) {
            draw(self, cx, frame, area);
        }
    };
}
pub(crate) use delegated_to_module;

/// One key through a screen as the application hands it over: looked up in the screen's scope,
/// then given to it (for a screen alone, e.g. in tests).
pub fn press(view: &mut dyn ScreenView, cx: &mut Ctx, key: KeyEvent) -> Reply {
    let scope = view.scope();
    let action = keys::lookup(scope, &key);
    if matches!(scope, Scope::Screen(_)) && action.is_none() {
        return Reply::default();
    }
    view.on_key(
        cx,
        KeyInput {
            scope,
            action,
            event: key,
        },
    )
}

/// Draws a screen alone over the whole frame (for a screen alone, e.g. in tests).
pub fn draw_alone(view: &dyn ScreenView, cx: &Ctx, frame: &mut Frame) {
    let area = frame.area();
    view.draw(cx, frame, area);
}
