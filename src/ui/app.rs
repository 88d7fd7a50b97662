//! The application state and the pure `update(state, event, now)` that changes it.
//!
//! `update` never touches the store or the terminal: it returns [`Effect`]s that the event loop
//! carries out, so every key's behaviour can be tested without either. What is global lives here
//! (privacy screen, quick note, print menu, timer view, popups, switching screens); everything else
//! goes to the current screen through its [`ScreenView`] contract.

use std::ops::{Deref, DerefMut};

use chrono::NaiveDateTime;
use ratatui::crossterm::event::{KeyEvent, KeyEventKind, KeyModifiers};

pub use super::context::{
    Ctx, DEBOUNCE_MS, Effect, Level, Message, Outcome, Popup, debounce, due_pending, take_pending,
};
use super::data::Data;
use super::form::{Field, Form, FormOutcome};
use super::keys::{self, Action, Scope};
use super::screen::{Intent, KeyInput, Reply, Screen, ScreenView};
use super::screens::{
    attendance, day, feedback, followup, grand_oral, participants, print, rotation, timer,
};
use super::theme::Theme;
use crate::core::domain::Id;
use crate::i18n::Tr;

/// Something that happened.
#[derive(Debug, Clone)]
pub enum Event {
    /// A key press.
    Key(KeyEvent),
    /// Pasted text (bracketed paste).
    Paste(String),
    /// The terminal was resized.
    Resize,
    /// Time passed (debounced writes, timers).
    Tick,
    /// The result of an effect, handed back by the event loop.
    Done(Outcome),
}

/// The whole state of the user interface.
pub struct App {
    /// What every screen shares (data, translator, theme, now, message, popup); `app.data` etc.
    /// reach it through `Deref`.
    pub cx: Ctx,
    /// Current screen.
    pub screen: Screen,
    /// Journée screen.
    pub day: day::DayState,
    /// Participants screen.
    pub participants: participants::ParticipantsState,
    /// Présences screen.
    pub attendance: attendance::AttendanceState,
    /// Rotation screen.
    pub rotation: rotation::RotationState,
    /// The timer.
    pub timer: timer::TimerState,
    /// Retours screen.
    pub feedback: feedback::FeedbackState,
    /// Grand oral screen.
    pub grand_oral: grand_oral::GrandOralState,
    /// Suivi.
    pub followup: followup::FollowupState,
    /// Privacy screen on (Ctrl-X).
    pub privacy: bool,
    /// Set when the application should exit.
    pub quit: bool,
    /// Another Passerelle writes this database: this one only shows and follows it.
    pub read_only: bool,
    /// The print menu, when open.
    pub print: Option<Form>,
    /// The quick note being typed: who it is about (candidate, round) and its form.
    pub note: Option<(Option<Id>, Option<u32>, Form)>,
}

impl Deref for App {
    type Target = Ctx;
    fn deref(&self) -> &Ctx {
        &self.cx
    }
}

impl DerefMut for App {
    fn deref_mut(&mut self) -> &mut Ctx {
        &mut self.cx
    }
}

impl App {
    /// A new state on loaded data; opens on Présences when a session is in use.
    pub fn new(tr: Tr, theme: Theme, data: Data, now: NaiveDateTime) -> App {
        let screen = if data.session.is_some() {
            Screen::Attendance
        } else {
            Screen::Day
        };
        let mut app = App {
            cx: Ctx::new(tr, theme, data, now),
            screen,
            day: day::DayState::default(),
            participants: participants::ParticipantsState::default(),
            attendance: attendance::AttendanceState::default(),
            rotation: rotation::RotationState::default(),
            timer: timer::TimerState::default(),
            feedback: feedback::FeedbackState::default(),
            grand_oral: grand_oral::GrandOralState::default(),
            followup: followup::FollowupState::default(),
            privacy: false,
            quit: false,
            read_only: false,
            note: None,
            print: None,
        };
        day::sync_cursors(&mut app.day, &mut app.cx);
        app
    }

    /// Sets an information message.
    pub fn info(&mut self, text: String) {
        self.cx.info(text);
    }

    /// Sets a warning message.
    pub fn warn(&mut self, text: String) {
        self.cx.warn(text);
    }

    /// Sets an error message.
    pub fn error(&mut self, text: String) {
        self.cx.error(text);
    }

    /// A screen's state, by its tab: the one place that maps tabs to screens.
    pub fn view(&self, screen: Screen) -> &dyn ScreenView {
        match screen {
            Screen::Day => &self.day,
            Screen::Participants => &self.participants,
            Screen::Attendance => &self.attendance,
            Screen::Rotation => &self.rotation,
            Screen::Feedback => &self.feedback,
            Screen::GrandOral => &self.grand_oral,
            Screen::Followup => &self.followup,
        }
    }

    /// A screen's state, by its tab, with the shared context beside it.
    pub fn view_mut(&mut self, screen: Screen) -> (&mut dyn ScreenView, &mut Ctx) {
        let view: &mut dyn ScreenView = match screen {
            Screen::Day => &mut self.day,
            Screen::Participants => &mut self.participants,
            Screen::Attendance => &mut self.attendance,
            Screen::Rotation => &mut self.rotation,
            Screen::Feedback => &mut self.feedback,
            Screen::GrandOral => &mut self.grand_oral,
            Screen::Followup => &mut self.followup,
        };
        (view, &mut self.cx)
    }

    /// Every screen, in the order their pending writes have always been flushed.
    const FLUSH_ORDER: [Screen; 7] = [
        Screen::Attendance,
        Screen::Day,
        Screen::Participants,
        Screen::Feedback,
        Screen::Rotation,
        Screen::GrandOral,
        Screen::Followup,
    ];

    /// The key scope in force: a popup or form first, then the screen.
    pub fn scope(&self) -> Scope {
        match &self.cx.popup {
            Some(Popup::Help { .. }) => return Scope::Help,
            Some(_) => return Scope::Confirm,
            None => {}
        }
        if self.note.is_some() || self.print.is_some() {
            return Scope::Form;
        }
        if self.timer.view {
            if self.timer.chooser.is_some() {
                return Scope::Chooser;
            }
            return Scope::Timer;
        }
        self.view(self.screen).scope()
    }

    /// True while a form or prompt is open (keys are content).
    pub fn editing(&self) -> bool {
        matches!(
            self.scope(),
            Scope::TimesForm | Scope::AddPerson | Scope::Filter
        )
    }

    /// When the event loop must wake even without input (a debounced write is due).
    pub fn next_deadline(&self) -> Option<NaiveDateTime> {
        let timer = timer::running(&self.cx).then(|| timer::next_second(self.cx.now));
        Self::FLUSH_ORDER
            .iter()
            .map(|s| self.view(*s).next_deadline())
            .chain([timer])
            .flatten()
            .min()
    }

    /// Every write still waiting for its debounce, to run before exit.
    pub fn flush(&mut self) -> Vec<Effect> {
        let mut effects = Vec::new();
        for s in Self::FLUSH_ORDER {
            let (view, cx) = self.view_mut(s);
            effects.extend(view.flush(cx));
        }
        effects
    }

    /// Carries out what a screen handed back; returns its writes and loads.
    fn carry_out(&mut self, reply: Reply) -> Vec<Effect> {
        let mut effects = reply.effects;
        for intent in reply.intents {
            match intent {
                Intent::FeedbackRound(round) => {
                    self.screen = Screen::Feedback;
                    feedback::open_round(&mut self.feedback, &mut self.cx, round);
                }
                Intent::FeedbackAt {
                    round,
                    candidate,
                    from_timer,
                } => {
                    self.screen = Screen::Feedback;
                    self.timer.back_after_form = from_timer;
                    feedback::open_interview(&mut self.feedback, &mut self.cx, round, candidate);
                }
                Intent::ContactFor(candidate) => {
                    effects.extend(switch_screen(self, Screen::Followup));
                    followup::contact_for(&mut self.followup, &mut self.cx, candidate);
                }
                Intent::RememberForUndo(before) => {
                    self.attendance
                        .undo
                        .record(before.session_id, before.person_id, Some(before));
                }
                Intent::Timer(action) => {
                    let reply = timer::on_action(
                        &mut self.timer,
                        &mut self.cx,
                        self.rotation.round,
                        action,
                    );
                    effects.extend(self.carry_out(reply));
                }
            }
        }
        effects
    }
}

/// Applies one event to the state; returns the writes and loads to carry out.
pub fn update(app: &mut App, event: Event, now: NaiveDateTime) -> Vec<Effect> {
    app.cx.now = now;
    match event {
        Event::Resize => Vec::new(),
        Event::Tick => {
            timer::tick(&mut app.timer, &mut app.cx);
            let mut effects = Vec::new();
            for s in App::FLUSH_ORDER {
                let (view, cx) = app.view_mut(s);
                effects.extend(view.tick(cx));
            }
            effects
        }
        // A note or the print menu sits over the screen: what is pasted goes there.
        Event::Paste(text) if app.note.is_some() => {
            if let Some((_, _, form)) = app.note.as_mut() {
                form.paste(&text);
            }
            Vec::new()
        }
        Event::Paste(text) if app.print.is_some() => {
            if let Some(form) = app.print.as_mut() {
                form.paste(&text);
            }
            Vec::new()
        }
        Event::Paste(text) => {
            let (view, cx) = app.view_mut(app.screen);
            let reply = view.paste(cx, &text);
            app.carry_out(reply)
        }
        Event::Done(outcome) => {
            done(app, outcome);
            Vec::new()
        }
        Event::Key(key) => {
            // Windows terminals report releases too; only presses are commands.
            if key.kind == KeyEventKind::Release {
                return Vec::new();
            }
            let effects = on_key(app, key);
            // A form opened from the timer view: once closed, the timer view is back.
            if app.timer.back_after_form && app.feedback.form.is_none() {
                app.timer.back_after_form = false;
                app.timer.view = app.screen == Screen::Feedback;
            }
            effects
        }
    }
}

/// An effect's result, taken into the state of the screen that asked for it.
fn done(app: &mut App, outcome: Outcome) {
    let cx = &mut app.cx;
    match outcome {
        Outcome::PlanHistory(versions) => rotation::history_loaded(&mut app.rotation, cx, versions),
        Outcome::Report(r) => day::report::loaded(&mut app.day, r),
        Outcome::SyncListed(l) => day::sync::listed(&mut app.day.sync, *l),
        Outcome::SyncPreviewed(p) => day::sync::previewed(&mut app.day.sync, *p),
        Outcome::SyncApplied(lines) => day::sync::applied(&mut app.day.sync, lines),
        Outcome::FeedbackSaved(f, id) => feedback::saved(&mut app.feedback, cx, *f, id),
        Outcome::SessionOpened => {
            attendance::session_opened(&mut app.attendance);
            day::session_opened(&mut app.day, cx);
        }
        Outcome::Reloaded => day::reloaded(&mut app.day, cx),
        Outcome::CohortCreated { id, name } => day::cohort_created(&mut app.day, cx, id, &name),
        Outcome::SessionCreated { cohort_id, id } => {
            day::session_created(&mut app.day, cx, cohort_id, id)
        }
        Outcome::CohortArchived => day::cohort_archived(&mut app.day, cx),
        Outcome::PersonCreated { id, name } => {
            participants::person_created(&mut app.participants, cx, id, &name)
        }
        Outcome::ImportPreviewed {
            path,
            role,
            lines,
            ok,
            ask,
        } => participants::import_previewed(&mut app.participants, path, role, lines, ok, ask),
        Outcome::PersonAdded {
            session_id,
            person_id,
        } => attendance::person_added(&mut app.attendance, cx, session_id, person_id),
    }
}

fn on_key(app: &mut App, key: KeyEvent) -> Vec<Effect> {
    let scope = app.scope();
    let action = keys::lookup(scope, &key);
    if app.privacy {
        // Only the key that lifts the privacy screen works: a visitor must not be able to browse.
        if action == Some(Action::Privacy) {
            app.privacy = false;
        }
        return Vec::new();
    }
    if action == Some(Action::Privacy) {
        app.privacy = true;
        return Vec::new();
    }
    if action == Some(Action::QuickNote) && app.note.is_none() {
        open_note(app);
        return Vec::new();
    }
    if app.note.is_some() && scope == Scope::Form {
        return note_key(app, action, key);
    }
    if app.print.is_some() && scope == Scope::Form {
        return print::on_form_key(&mut app.print, &mut app.cx, action, key);
    }
    if action == Some(Action::TimerView) {
        app.timer.view = !app.timer.view;
        return Vec::new();
    }
    // Ctrl-P works from anywhere, even while typing; Space only where it is a command.
    if action == Some(Action::StartPause) && key.modifiers.contains(KeyModifiers::CONTROL) {
        return app.carry_out(Reply::intent(Intent::Timer(Action::StartPause)));
    }
    match scope {
        Scope::Help => {
            help_key(app, action);
            return Vec::new();
        }
        Scope::Confirm => return confirm_key(app, action),
        Scope::Timer => return timer_view_key(app, action, key),
        Scope::Chooser => {
            let reply = timer::on_chooser_key(&mut app.timer, action);
            return app.carry_out(reply);
        }
        // Quitting from a list of the screen's own: nothing is being typed.
        Scope::Actions
        | Scope::Expected
        | Scope::Report
        | Scope::Agenda
        | Scope::Interest
        | Scope::FeedbackConflict
        | Scope::Sync
        | Scope::SyncPreview
        | Scope::SyncResult
            if action == Some(Action::Quit) =>
        {
            app.quit = true;
            return app.flush();
        }
        // Something is being typed: quitting asks first.
        Scope::FeedbackForm | Scope::TimesForm | Scope::AddPerson | Scope::Filter | Scope::Form
            if action == Some(Action::Quit) =>
        {
            app.cx.popup = Some(Popup::ConfirmQuit);
            return Vec::new();
        }
        Scope::Screen(_) => {
            if key_is_message_dismissal(action) {
                app.cx.message = None;
            }
            let Some(a) = action else {
                return Vec::new();
            };
            match a {
                Action::Go(screen) => return switch_screen(app, screen),
                Action::NextScreen => return switch_screen(app, app.screen.next()),
                Action::PrevScreen => return switch_screen(app, app.screen.prev()),
                Action::Help => {
                    app.cx.popup = Some(Popup::Help { scroll: 0 });
                    return Vec::new();
                }
                Action::Quit => {
                    app.quit = true;
                    return app.flush();
                }
                Action::Print => {
                    print::open(&mut app.print, &mut app.cx);
                    return Vec::new();
                }
                _ => {}
            }
        }
        _ => {}
    }
    // The one delegation: everything else is the current screen's.
    let (view, cx) = app.view_mut(app.screen);
    let reply = view.on_key(
        cx,
        KeyInput {
            scope,
            action,
            event: key,
        },
    );
    app.carry_out(reply)
}

/// Keys of the full-screen timer (for a projector): the timer's own, and the rounds of the plan.
fn timer_view_key(app: &mut App, action: Option<Action>, key: KeyEvent) -> Vec<Effect> {
    match action {
        Some(Action::Quit) => {
            app.quit = true;
            app.flush()
        }
        Some(Action::Help) => {
            app.cx.popup = Some(Popup::Help { scroll: 0 });
            Vec::new()
        }
        Some(Action::Up | Action::Down) => {
            let reply = app.rotation.on_key(
                &mut app.cx,
                KeyInput {
                    scope: Scope::Screen(Screen::Rotation),
                    action,
                    event: key,
                },
            );
            app.carry_out(reply)
        }
        Some(a) => app.carry_out(Reply::intent(Intent::Timer(a))),
        None => Vec::new(),
    }
}

/// Ctrl-N: a one-line note about what is on screen — the candidate or interview, else the session.
fn open_note(app: &mut App) {
    if app.cx.data.session.is_none() {
        app.cx.warn(app.cx.tr.t("att.no_session").to_string());
        return;
    }
    let (candidate, round) = app.view(app.screen).note_subject(&app.cx);
    let about = candidate
        .and_then(|c| app.cx.data.member(c))
        .map(|m| m.person.short_name())
        .unwrap_or_else(|| app.cx.tr.t("note.session").to_string());
    let field = Field::text("text", "note.text", "note.help", "", 300);
    app.note = Some((
        candidate,
        round,
        Form::new("note.title", about, vec![field]),
    ));
}

fn note_key(app: &mut App, action: Option<Action>, key: KeyEvent) -> Vec<Effect> {
    let Some((candidate, round, form)) = app.note.as_mut() else {
        return Vec::new();
    };
    match form.on_key(action, key) {
        FormOutcome::Confirm | FormOutcome::Close => {
            let text = form.value("text").trim().to_string();
            let (candidate, round) = (*candidate, *round);
            app.note = None;
            match (text.is_empty(), app.cx.data.session) {
                (false, Some(session_id)) => vec![Effect::AddNote(crate::core::feedback::Note {
                    session_id,
                    candidate_id: candidate,
                    round,
                    text,
                    created_at: app.cx.now.format("%Y-%m-%dT%H:%M:%S").to_string(),
                })],
                _ => Vec::new(),
            }
        }
        _ => Vec::new(),
    }
}

fn key_is_message_dismissal(action: Option<Action>) -> bool {
    !matches!(action, Some(Action::Help))
}

fn switch_screen(app: &mut App, screen: Screen) -> Vec<Effect> {
    let arriving = app.screen != screen;
    if arriving {
        let (view, cx) = app.view_mut(app.screen);
        view.on_leave(cx);
    }
    app.screen = screen;
    app.cx.message = None;
    if arriving {
        let (view, cx) = app.view_mut(screen);
        view.on_enter(cx)
    } else {
        Vec::new()
    }
}

fn help_key(app: &mut App, action: Option<Action>) {
    let Some(Popup::Help { scroll }) = &mut app.cx.popup else {
        return;
    };
    match action {
        Some(Action::Down) => *scroll = scroll.saturating_add(1),
        Some(Action::Up) => *scroll = scroll.saturating_sub(1),
        Some(Action::Back) => app.cx.popup = None,
        _ => {}
    }
}

fn confirm_key(app: &mut App, action: Option<Action>) -> Vec<Effect> {
    let Some(popup) = app.cx.popup.clone() else {
        return Vec::new();
    };
    let yes = match action {
        Some(Action::Yes) => true,
        Some(Action::No) => false,
        _ => return Vec::new(),
    };
    app.cx.popup = None;
    match popup {
        Popup::ConfirmQuit if yes => {
            app.quit = true;
            app.flush()
        }
        Popup::ConfirmJump(round) if yes => timer::jump(&mut app.timer, &mut app.cx, round),
        Popup::ConfirmQuit | Popup::ConfirmJump(_) | Popup::Help { .. } => Vec::new(),
        // A screen's own question: raised on the current screen, answered there.
        _ => {
            let (view, cx) = app.view_mut(app.screen);
            let reply = view.on_confirm(cx, &popup, yes);
            app.carry_out(reply)
        }
    }
}
