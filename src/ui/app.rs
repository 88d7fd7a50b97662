//! The application state and the pure `update(state, event, now)` that changes it.
//!
//! `update` never touches the store or the terminal: it returns [`Effect`]s that the event loop
//! carries out, so every key's behaviour can be tested without either.

use chrono::NaiveDateTime;
use ratatui::crossterm::event::{KeyEvent, KeyEventKind};

use super::data::Data;
use super::keys::{self, Action, Scope};
use super::screen::Screen;
use super::screens::{
    attendance, day, feedback, grand_oral, panels, participants, rotation, timer,
};
use super::theme::Theme;
use crate::core::attendance::Attendance;
use crate::core::domain::{Id, Role};
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
}

/// A write or load for the event loop to carry out.
#[derive(Debug, Clone, PartialEq)]
pub enum Effect {
    /// Write one attendance record.
    SaveAttendance(Attendance),
    /// Remove a person from a session's list.
    DeleteAttendance {
        /// Session.
        session_id: Id,
        /// Person.
        person_id: Id,
    },
    /// Make a session the current one (and remember it).
    OpenSession(Id),
    /// Show a cohort's sessions.
    OpenCohort(Id),
    /// Create (id 0) or update a cohort.
    SaveCohort(crate::core::domain::Cohort),
    /// Create (id None) or update a session.
    SaveSession {
        /// The session, once created.
        id: Option<Id>,
        /// Its fields.
        session: crate::store::NewSession,
    },
    /// Save a job-training session's settings.
    SaveSettings(Id, crate::core::settings::SessionSettings),
    /// Copy a cohort's session structure into a new cohort.
    DuplicateCohort {
        /// The cohort copied.
        source: Id,
        /// Name of the new cohort.
        name: String,
        /// Its first day.
        start: chrono::NaiveDate,
    },
    /// Archive a cohort (kept, hidden).
    ArchiveCohort(Id),
    /// Create (None) or update a person of a cohort.
    SavePerson {
        /// Cohort.
        cohort_id: Id,
        /// The person, once created.
        person_id: Option<Id>,
        /// Fields.
        member: Box<crate::store::NewMember>,
        /// Sensitive fields were in the form (and are written).
        with_sensitive: bool,
        /// Professionals a candidate must not meet.
        avoid: Vec<Id>,
    },
    /// Archive a person of the cohort in use (history kept).
    ArchivePerson(Id),
    /// Read a roster file and show what importing it would do.
    PreviewImport {
        /// The file.
        path: std::path::PathBuf,
        /// Role for rows without one.
        role: Option<Role>,
    },
    /// Import a roster file into the cohort in use.
    ApplyImport {
        /// The file.
        path: std::path::PathBuf,
        /// Role for rows without one.
        role: Option<Role>,
    },
    /// Store a new version of a session's plan.
    SavePlan {
        /// Session.
        session_id: Id,
        /// Interviews.
        interviews: Vec<crate::store::StoredInterview>,
        /// What made it.
        note: String,
    },
    /// Read the versions of a session's plan for the history popup.
    LoadPlanHistory(Id),
    /// Make an earlier version the current plan (as a new version).
    RestorePlan {
        /// Session.
        session_id: Id,
        /// Version restored.
        version: i64,
    },
    /// Store a quick note.
    AddNote(crate::store::Note),
    /// Store a feedback whole.
    SaveFeedback(Box<crate::core::feedback::Feedback>),
    /// Create or update a proposal.
    SaveProposal(Box<crate::core::feedback::Proposal>),
    /// Create or update an action item.
    SaveAction(Box<crate::core::actions::ActionItem>),
    /// Reload the cohort-wide rows of the grand oral.
    LoadOral,
    /// Write a printed sheet of a session to a file.
    Print {
        /// Session.
        session: Id,
        /// Which sheet.
        sheet: crate::export::sheets::Sheet,
        /// File (relative: in the user's documents folder).
        path: std::path::PathBuf,
    },
    /// Write the grand oral summary to a file.
    Export {
        /// Format.
        format: crate::export::Format,
        /// Audience.
        audience: crate::core::summary::Audience,
        /// File (relative: in the user's documents folder).
        path: std::path::PathBuf,
    },
    /// Store a clock event.
    Clock {
        /// Session.
        session_id: Id,
        /// What happened.
        event: crate::core::clock::ClockEvent,
    },
    /// Lock or unlock a plan version.
    LockPlan {
        /// The version's row id.
        plan_id: Id,
        /// Locked.
        locked: bool,
    },
    /// Store the binômes of a session.
    SavePanels {
        /// Session.
        session_id: Id,
        /// Its panels, in order.
        panels: Vec<crate::core::domain::Panel>,
    },
    /// Create a person who was not expected and mark them present.
    AddNewPerson {
        /// Cohort.
        cohort_id: Id,
        /// Session.
        session_id: Id,
        /// First name.
        first_name: String,
        /// Last name.
        last_name: String,
        /// Role.
        role: Role,
        /// Arrival.
        at: chrono::NaiveTime,
    },
}

/// How a message is shown.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Level {
    /// Confirmation of what just happened.
    Info,
    /// Something to look at.
    Warning,
    /// Something failed.
    Error,
}

/// A one-line message above the footer.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Message {
    /// Its text.
    pub text: String,
    /// Its level.
    pub level: Level,
}

/// A popup over the screen.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Popup {
    /// The `?` help, scrolled.
    Help {
        /// First line shown.
        scroll: u16,
    },
    /// Quit while something is open?
    ConfirmQuit,
    /// Stamp everyone still present as leaving now?
    ConfirmEndOfSession,
    /// Archive this cohort?
    ConfirmArchive(Id),
    /// Archive this person?
    ConfirmArchivePerson(Id),
    /// Replace the binômes with a suggestion?
    ConfirmSuggestPanels,
    /// Replace the plan with a new one?
    ConfirmRegenerate,
    /// Re-plan (the changes are in the Rotation state)?
    ConfirmReplan,
    /// Start this round (0-based) now?
    ConfirmJump(usize),
    /// Show sensitive fields on the (projected) grand oral screen?
    ConfirmReveal,
}

/// The whole state of the user interface.
pub struct App {
    /// Translator.
    pub tr: Tr,
    /// Palette.
    pub theme: Theme,
    /// The time of the last event (drawn in the header).
    pub now: NaiveDateTime,
    /// Current screen.
    pub screen: Screen,
    /// Loaded data.
    pub data: Data,
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
    /// Popup, if any.
    pub popup: Option<Popup>,
    /// Message line.
    pub message: Option<Message>,
    /// Privacy screen on (Ctrl-X).
    pub privacy: bool,
    /// Set when the application should exit.
    pub quit: bool,
    /// Another Passerelle writes this database: this one only shows and follows it.
    pub read_only: bool,
    /// The print menu, when open.
    pub print: Option<crate::ui::form::Form>,
    /// The quick note being typed: who it is about (candidate, round) and its form.
    pub note: Option<(Option<Id>, Option<u32>, crate::ui::form::Form)>,
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
            tr,
            theme,
            now,
            screen,
            day: day::DayState::default(),
            participants: participants::ParticipantsState::default(),
            attendance: attendance::AttendanceState::default(),
            rotation: rotation::RotationState::default(),
            timer: timer::TimerState::default(),
            feedback: feedback::FeedbackState::default(),
            grand_oral: grand_oral::GrandOralState::default(),
            popup: None,
            message: None,
            privacy: false,
            quit: false,
            read_only: false,
            note: None,
            print: None,
            data,
        };
        day::sync_cursors(&mut app);
        app
    }

    /// Sets an information message.
    pub fn info(&mut self, text: String) {
        self.message = Some(Message {
            text,
            level: Level::Info,
        });
    }

    /// Sets a warning message.
    pub fn warn(&mut self, text: String) {
        self.message = Some(Message {
            text,
            level: Level::Warning,
        });
    }

    /// Sets an error message.
    pub fn error(&mut self, text: String) {
        self.message = Some(Message {
            text,
            level: Level::Error,
        });
    }

    /// The key scope in force: a popup or form first, then the screen.
    pub fn scope(&self) -> Scope {
        match &self.popup {
            Some(Popup::Help { .. }) => return Scope::Help,
            Some(_) => return Scope::Confirm,
            None => {}
        }
        if self.note.is_some() || self.print.is_some() {
            return Scope::Form;
        }
        if self.timer.view {
            return Scope::Timer;
        }
        if self.screen == Screen::Feedback
            && let Some(f) = &self.feedback.form
        {
            return if f.proposal.is_some() {
                Scope::Form
            } else {
                Scope::FeedbackForm
            };
        }
        if self.screen == Screen::Day && self.day.form.is_some() {
            return Scope::Form;
        }
        if self.screen == Screen::GrandOral {
            if self.grand_oral.form.is_some() {
                return Scope::Form;
            }
            if self.grand_oral.actions.is_some() {
                return Scope::Actions;
            }
        }
        if self.screen == Screen::Attendance {
            if self.attendance.form.is_some() {
                return Scope::TimesForm;
            }
            if self.attendance.adder.is_some() {
                return Scope::AddPerson;
            }
            if self.attendance.filtering {
                return Scope::Filter;
            }
        }
        if self.screen == Screen::Rotation && self.rotation.history.is_some() {
            return Scope::History;
        }
        if self.screen == Screen::Rotation && self.rotation.absent_picker.is_some() {
            return Scope::Picker;
        }
        if self.screen == Screen::Participants {
            let p = &self.participants;
            if p.form.is_some() || matches!(p.import, Some(participants::ImportState::Path(_))) {
                return Scope::Form;
            }
            if p.import.is_some() {
                return Scope::ImportPreview;
            }
            if let Some(c) = &p.composer {
                return if c.table_form.is_some() {
                    Scope::Form
                } else {
                    Scope::Composer
                };
            }
            if p.filtering {
                return Scope::Filter;
            }
        }
        Scope::Screen(self.screen)
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
        [
            timer::running(self).then(|| timer::next_second(self.now)),
            self.attendance.pending.as_ref().map(|(due, _)| *due),
            self.day.pending.as_ref().map(|(due, _)| *due),
            self.participants.pending.as_ref().map(|(due, _)| *due),
            self.feedback.pending.as_ref().map(|(due, _)| *due),
        ]
        .into_iter()
        .flatten()
        .min()
    }

    /// Every write still waiting for its debounce, to run before exit.
    pub fn flush(&mut self) -> Vec<Effect> {
        let mut effects = attendance::flush(self);
        effects.extend(day::flush(self));
        effects.extend(participants::flush(self));
        effects.extend(feedback::flush(self));
        effects
    }
}

/// How long typed text waits before it is written (decisions.md: ≤ 500 ms).
pub const DEBOUNCE_MS: i64 = 400;

/// Schedules a debounced write. The deadline is set by the first unsaved key and not pushed back by
/// the next ones, so text typed without a pause is still written every 400 ms.
pub fn debounce(slot: &mut Option<(NaiveDateTime, Effect)>, now: NaiveDateTime, effect: Effect) {
    let due = slot.as_ref().map_or(
        now + chrono::Duration::milliseconds(DEBOUNCE_MS),
        |(due, _)| *due,
    );
    *slot = Some((due, effect));
}

/// The pending write, now (closing a form, quitting, a signal).
pub fn take_pending(slot: &mut Option<(NaiveDateTime, Effect)>) -> Vec<Effect> {
    slot.take().map(|(_, e)| vec![e]).unwrap_or_default()
}

/// The pending write if its time has come.
pub fn due_pending(slot: &mut Option<(NaiveDateTime, Effect)>, now: NaiveDateTime) -> Vec<Effect> {
    match slot {
        Some((due, _)) if *due <= now => take_pending(slot),
        _ => Vec::new(),
    }
}

/// Applies one event to the state; returns the writes and loads to carry out.
pub fn update(app: &mut App, event: Event, now: NaiveDateTime) -> Vec<Effect> {
    app.now = now;
    match event {
        Event::Resize => Vec::new(),
        Event::Tick => {
            timer::tick(app);
            let mut effects = attendance::tick(app);
            effects.extend(day::tick(app));
            effects.extend(participants::tick(app));
            effects.extend(feedback::tick(app));
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
        Event::Paste(text) if app.day.form.is_some() && app.screen == Screen::Day => {
            day::paste(app, &text)
        }
        Event::Paste(text) if app.screen == Screen::Participants => participants::paste(app, &text),
        Event::Paste(text) if app.screen == Screen::Feedback => feedback::paste(app, &text),
        Event::Paste(text) if app.screen == Screen::GrandOral => grand_oral::paste(app, &text),
        Event::Paste(text) => attendance::paste(app, &text),
        Event::Key(key) => {
            // Windows terminals report releases too; only presses are commands.
            if key.kind == KeyEventKind::Release {
                return Vec::new();
            }
            on_key(app, key)
        }
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
        return super::screens::print::on_form_key(app, action, key);
    }
    if action == Some(Action::TimerView) {
        app.timer.view = !app.timer.view;
        return Vec::new();
    }
    // Ctrl-P works from anywhere, even while typing; Space only where it is a command.
    if action == Some(Action::StartPause)
        && key
            .modifiers
            .contains(ratatui::crossterm::event::KeyModifiers::CONTROL)
    {
        return timer::on_action(app, Action::StartPause);
    }
    match scope {
        Scope::Help => {
            help_key(app, action);
            return Vec::new();
        }
        Scope::Confirm => return confirm_key(app, action),
        Scope::Composer => return panels::on_action(app, action),
        Scope::History => return rotation::on_history_key(app, action),
        Scope::Picker => return rotation::on_picker_key(app, action),
        Scope::Timer => {
            return match action {
                Some(Action::Quit) => {
                    app.quit = true;
                    app.flush()
                }
                Some(Action::Help) => {
                    app.popup = Some(Popup::Help { scroll: 0 });
                    Vec::new()
                }
                Some(Action::Up | Action::Down) => {
                    rotation::on_action(app, action.unwrap_or(Action::Up))
                }
                Some(a) => timer::on_action(app, a),
                None => Vec::new(),
            };
        }
        Scope::ImportPreview => return participants::on_edit_key(app, action, key),
        Scope::Actions => {
            if action == Some(Action::Quit) {
                app.quit = true;
                return app.flush();
            }
            return grand_oral::on_actions_key(app, action);
        }
        Scope::FeedbackForm => {
            if action == Some(Action::Quit) {
                app.popup = Some(Popup::ConfirmQuit);
                return Vec::new();
            }
            return feedback::on_form_key(app, action, key);
        }
        Scope::TimesForm | Scope::AddPerson | Scope::Filter | Scope::Form => {
            if action == Some(Action::Quit) {
                app.popup = Some(Popup::ConfirmQuit);
                return Vec::new();
            }
            return match app.screen {
                Screen::Day => day::on_form_key(app, action, key),
                Screen::Feedback => feedback::on_proposal_key(app, action, key),
                Screen::GrandOral => grand_oral::on_form_key(app, action, key),
                Screen::Participants if app.participants.composer.is_some() => {
                    panels::on_table_key(app, action, key)
                }
                Screen::Participants => participants::on_edit_key(app, action, key),
                _ => attendance::on_edit_key(app, scope, action, key),
            };
        }
        _ => {}
    }
    if key_is_message_dismissal(action) {
        app.message = None;
    }
    let Some(action) = action else {
        return Vec::new();
    };
    match action {
        Action::Go(screen) => switch_screen(app, screen),
        Action::NextScreen => switch_screen(app, app.screen.next()),
        Action::PrevScreen => switch_screen(app, app.screen.prev()),
        Action::Help => {
            app.popup = Some(Popup::Help { scroll: 0 });
            Vec::new()
        }
        Action::Quit => {
            app.quit = true;
            app.flush()
        }
        Action::Print => {
            super::screens::print::open(app);
            Vec::new()
        }
        other => match app.screen {
            Screen::Day => day::on_action(app, other),
            Screen::Participants => participants::on_action(app, other),
            Screen::Attendance => attendance::on_action(app, other),
            Screen::Rotation => rotation::on_action(app, other),
            Screen::Feedback => feedback::on_action(app, other),
            Screen::GrandOral => grand_oral::on_action(app, other),
        },
    }
}

/// Ctrl-N: a one-line note about what is on screen — the candidate or interview, else the session.
fn open_note(app: &mut App) {
    if app.data.session.is_none() {
        app.warn(app.tr.t("att.no_session").to_string());
        return;
    }
    let (candidate, round) = match app.screen {
        Screen::Feedback => match &app.feedback.form {
            Some(f) => (Some(f.feedback.candidate_id), Some(f.feedback.round)),
            None => feedback::rows(app)
                .get(app.feedback.cursor)
                .map_or((None, None), |r| (Some(r.candidate_id), Some(r.round))),
        },
        Screen::Attendance => (
            attendance::visible(app)
                .get(app.attendance.cursor)
                .filter(|(m, _)| m.role == Role::Candidate)
                .map(|(m, _)| m.person.id),
            None,
        ),
        Screen::Participants => (
            participants::visible(app)
                .get(app.participants.cursor)
                .filter(|m| m.role == Role::Candidate)
                .map(|m| m.person.id),
            None,
        ),
        _ => (None, None),
    };
    let about = candidate
        .and_then(|c| app.data.member(c))
        .map(|m| m.person.short_name())
        .unwrap_or_else(|| app.tr.t("note.session").to_string());
    let field = crate::ui::form::Field::text("text", "note.text", "note.help", "", 300);
    app.note = Some((
        candidate,
        round,
        crate::ui::form::Form::new("note.title", about, vec![field]),
    ));
}

fn note_key(app: &mut App, action: Option<Action>, key: KeyEvent) -> Vec<Effect> {
    let Some((candidate, round, form)) = app.note.as_mut() else {
        return Vec::new();
    };
    match form.on_key(action, key) {
        crate::ui::form::FormOutcome::Confirm | crate::ui::form::FormOutcome::Close => {
            let text = form.value("text").trim().to_string();
            let (candidate, round) = (*candidate, *round);
            app.note = None;
            match (text.is_empty(), app.data.session) {
                (false, Some(session_id)) => vec![Effect::AddNote(crate::store::Note {
                    session_id,
                    candidate_id: candidate,
                    round,
                    text,
                    created_at: app.now.format("%Y-%m-%dT%H:%M:%S").to_string(),
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
    // Sensitive fields are shown for one look, never left on screen behind the facilitator's back.
    if app.screen == Screen::Participants && screen != Screen::Participants {
        app.participants.reveal = false;
    }
    if app.screen == Screen::GrandOral && screen != Screen::GrandOral {
        grand_oral::on_leave(app);
    }
    let arriving = app.screen != screen;
    app.screen = screen;
    app.message = None;
    // Feedback and attendance may have changed elsewhere: the grand oral reads them afresh.
    if arriving && screen == Screen::GrandOral {
        vec![Effect::LoadOral]
    } else {
        Vec::new()
    }
}

fn help_key(app: &mut App, action: Option<Action>) {
    let Some(Popup::Help { scroll }) = &mut app.popup else {
        return;
    };
    match action {
        Some(Action::Down) => *scroll = scroll.saturating_add(1),
        Some(Action::Up) => *scroll = scroll.saturating_sub(1),
        Some(Action::Back) => app.popup = None,
        _ => {}
    }
}

fn confirm_key(app: &mut App, action: Option<Action>) -> Vec<Effect> {
    let Some(popup) = app.popup.clone() else {
        return Vec::new();
    };
    match action {
        Some(Action::Yes) => {
            app.popup = None;
            match popup {
                Popup::ConfirmQuit => {
                    app.quit = true;
                    app.flush()
                }
                Popup::ConfirmEndOfSession => attendance::end_of_session(app),
                Popup::ConfirmArchive(id) => vec![Effect::ArchiveCohort(id)],
                Popup::ConfirmArchivePerson(id) => vec![Effect::ArchivePerson(id)],
                Popup::ConfirmSuggestPanels => panels::apply_suggestion(app),
                Popup::ConfirmRegenerate => rotation::generate(app),
                Popup::ConfirmJump(round) => timer::jump(app, round),
                Popup::ConfirmReveal => {
                    grand_oral::reveal(app);
                    Vec::new()
                }
                Popup::ConfirmReplan => app
                    .rotation
                    .pending_replan
                    .take()
                    .map(|(e, _)| vec![e])
                    .unwrap_or_default(),
                Popup::Help { .. } => Vec::new(),
            }
        }
        Some(Action::No) => {
            app.popup = None;
            app.rotation.pending_replan = None;
            Vec::new()
        }
        _ => Vec::new(),
    }
}
