//! Journée: choose the cohort and the session of the day.

use chrono::{NaiveDateTime, NaiveTime};
use ratatui::Frame;
use ratatui::crossterm::event::KeyEvent;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::Modifier;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Paragraph, Wrap};
use unicode_width::UnicodeWidthStr;

use crate::core::attendance::parse_time;
use crate::core::dates::parse_date;
use crate::core::domain::{Cohort, Id, Session, SessionKind};
use crate::core::settings::{SessionSettings, SettingsError, format_breaks, parse_breaks};
use crate::ui::context::{Ctx, Effect, Popup};
use crate::ui::form::{Field, Form, FormOutcome};
use crate::ui::keys::Action;
use crate::ui::keys::Scope;
use crate::ui::screen::{KeyInput, Reply, Screen, ScreenView};
use crate::ui::widgets::{fit, scrolled_lines, step};

mod draw;
use draw::*;

mod forms;
use forms::*;

pub mod agenda;
pub mod expected;
pub mod funnel;
pub mod interest;
pub mod report;
pub mod sync;
mod sync_draw;

/// Which list has the focus.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Pane {
    /// The cohorts.
    Cohorts,
    /// The sessions of the selected cohort.
    #[default]
    Sessions,
}

/// What a form of this screen edits.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FormTarget {
    /// A cohort (None: not created yet).
    Cohort(Option<Id>),
    /// A session of a cohort (None: not created yet).
    Session {
        /// Its cohort.
        cohort_id: Id,
        /// The session, once created.
        id: Option<Id>,
    },
    /// The settings of a job-training session.
    Settings(Id),
    /// A copy of a cohort's structure.
    Duplicate(Id),
    /// The sectors a themed day presents.
    Sectors(Id),
    /// An item of a themed day's run of show (None: not created yet).
    AgendaItem {
        /// The themed day.
        session_id: Id,
        /// The item, once stored.
        id: Option<Id>,
    },
    /// The note of a participant's interest for a sector at a themed day.
    InterestNote {
        /// The themed day.
        session_id: Id,
        /// The participant.
        person_id: Id,
        /// The sector.
        sector: crate::core::domain::Sector,
    },
}

/// An open form and what it edits.
pub struct DayForm {
    /// Target.
    pub target: FormTarget,
    /// The form.
    pub form: Form,
}

/// State of the Journée screen.
#[derive(Default)]
pub struct DayState {
    /// Focused list.
    pub pane: Pane,
    /// Selected cohort row.
    pub cohort_cursor: usize,
    /// Selected session row.
    pub session_cursor: usize,
    /// Open form.
    pub form: Option<DayForm>,
    /// A debounced write: when it is due, and what.
    pub pending: Option<(NaiveDateTime, Effect)>,
    /// The selected session's expected list, when open (`l`).
    pub expected: Option<expected::ExpectedList>,
    /// The selected cohort's « Bilan », when open (`r`).
    pub report: Option<report::ReportView>,
    /// The selected themed day's run of show, when open (`a`).
    pub agenda: Option<agenda::AgendaView>,
    /// The selected themed day's interest capture, when open (`i`).
    pub interest: Option<interest::InterestView>,
    /// « Synchroniser », when open (`y`; issue 23).
    pub sync: Option<sync::SyncView>,
}

/// The row of the cohort in use (the first when none is).
fn cohort_row(data: &crate::ui::data::Data) -> usize {
    data.cohorts
        .iter()
        .position(|c| Some(c.id) == data.cohort)
        .unwrap_or(0)
}

/// Puts the cursors on the cohort and session in use (or today's session).
pub fn sync_cursors(st: &mut DayState, cx: &mut Ctx) {
    let data = &cx.data;
    st.cohort_cursor = cohort_row(data);
    let today = cx.now.date();
    st.session_cursor = data
        .sessions
        .iter()
        .position(|s| Some(s.id) == data.session)
        .or_else(|| data.sessions.iter().position(|s| s.date >= today))
        .unwrap_or(0);
    if data.cohorts.len() > 1 && data.session.is_none() {
        st.pane = Pane::Cohorts;
    }
}

fn selected_cohort<'a>(st: &DayState, cx: &'a Ctx) -> Option<&'a Cohort> {
    cx.data.cohorts.get(st.cohort_cursor)
}

fn selected_session<'a>(st: &DayState, cx: &'a Ctx) -> Option<&'a Session> {
    cx.data.sessions.get(st.session_cursor)
}

/// Browsing keys of the screen.
pub fn on_action(st: &mut DayState, cx: &mut Ctx, action: Action) -> Vec<Effect> {
    match action {
        Action::NewCohort => {
            open_cohort_form(st, None, Some(crate::store::DEFAULT_TARGET));
            return Vec::new();
        }
        Action::NewSession => {
            match cx.data.cohort {
                Some(cohort_id) => open_session_form(st, cx, cohort_id, None),
                None => cx.warn(cx.tr.t("day.need_cohort").to_string()),
            }
            return Vec::new();
        }
        Action::Edit => {
            match st.pane {
                Pane::Cohorts => {
                    if let Some(c) = selected_cohort(st, cx).cloned() {
                        // The target is loaded for the cohort in use only.
                        let target = (cx.data.cohort == Some(c.id)).then_some(cx.data.path.target);
                        open_cohort_form(st, Some(&c), target);
                    }
                }
                Pane::Sessions => {
                    if let Some(s) = selected_session(st, cx).cloned() {
                        open_session_form(st, cx, s.cohort_id, Some(&s));
                    }
                }
            }
            return Vec::new();
        }
        Action::Settings => {
            match selected_session(st, cx).cloned() {
                Some(s) if s.kind == SessionKind::JobTraining => open_settings_form(st, cx, &s),
                // A themed day's settings are the sectors it presents (issue 22).
                Some(s) if s.kind == SessionKind::ThemedDay => open_sectors_form(st, cx, &s),
                Some(_) => cx.warn(cx.tr.t("day.settings_job_training_only").to_string()),
                None => {}
            }
            return Vec::new();
        }
        Action::Duplicate => {
            if let Some(c) = selected_cohort(st, cx).cloned() {
                open_duplicate_form(st, &c);
            }
            return Vec::new();
        }
        Action::ReportView => {
            return match selected_cohort(st, cx).map(|c| c.id) {
                Some(id) => report::open(&mut st.report, id),
                None => Vec::new(),
            };
        }
        Action::ExpectedList => {
            return match selected_session(st, cx).map(|s| s.id) {
                Some(id) => expected::open(&mut st.expected, cx, id),
                None => Vec::new(),
            };
        }
        Action::AgendaView => {
            if let Some(s) = selected_session(st, cx).cloned() {
                return agenda::open(&mut st.agenda, cx, &s);
            }
            return Vec::new();
        }
        Action::InterestView => {
            if let Some(s) = selected_session(st, cx).cloned() {
                return interest::open(&mut st.interest, cx, &s);
            }
            return Vec::new();
        }
        Action::SyncView => return sync::open(&mut st.sync),
        Action::Archive => {
            if let Some(c) = selected_cohort(st, cx) {
                cx.popup = Some(Popup::ConfirmArchive(c.id));
            }
            return Vec::new();
        }
        _ => {}
    }
    let len = match st.pane {
        Pane::Cohorts => cx.data.cohorts.len(),
        Pane::Sessions => cx.data.sessions.len(),
    };
    let cursor = match st.pane {
        Pane::Cohorts => &mut st.cohort_cursor,
        Pane::Sessions => &mut st.session_cursor,
    };
    match action {
        a if step(cursor, a, len) => {}
        Action::Left | Action::Right => {
            st.pane = match st.pane {
                Pane::Cohorts => Pane::Sessions,
                Pane::Sessions => Pane::Cohorts,
            }
        }
        Action::Open => match st.pane {
            Pane::Cohorts => {
                if let Some(c) = cx.data.cohorts.get(st.cohort_cursor) {
                    st.pane = Pane::Sessions;
                    st.session_cursor = 0;
                    return vec![Effect::OpenCohort(c.id)];
                }
            }
            Pane::Sessions => {
                if let Some(s) = cx.data.sessions.get(st.session_cursor) {
                    return vec![Effect::OpenSession(s.id)];
                }
            }
        },
        _ => {}
    }
    Vec::new()
}

/// Pasted text into the open form.
pub fn paste(st: &mut DayState, cx: &mut Ctx, text: &str) -> Vec<Effect> {
    if let Some(df) = st.form.as_mut()
        && df.form.paste(text) == FormOutcome::Changed
    {
        schedule(st, cx);
    }
    Vec::new()
}

/// Writes the pending form save now.
pub fn flush(st: &mut DayState) -> Vec<Effect> {
    crate::ui::context::take_pending(&mut st.pending)
}

/// A session became the one in use: the cursors go to it, and the facilitator is told which.
pub fn session_opened(st: &mut DayState, cx: &mut Ctx) {
    sync_cursors(st, cx);
    if let Some(s) = cx.data.current_session() {
        let kind = cx.tr.t(&format!("kind.{}", s.kind.code()));
        let session = format!("{kind} {}", cx.tr.date_short(s.date));
        let text = cx.tr.tf("day.session_opened", &[("session", &session)]);
        cx.info(text);
    }
}

/// The data were loaded again: the cohort cursor follows the cohort in use, the session cursor
/// stays on its row when it still can.
pub fn reloaded(st: &mut DayState, cx: &mut Ctx) {
    let data = &cx.data;
    st.cohort_cursor = cohort_row(data);
    st.session_cursor = st.session_cursor.min(data.sessions.len().saturating_sub(1));
}

/// A cohort was created: the form that made it now edits it.
pub fn cohort_created(st: &mut DayState, cx: &mut Ctx, id: Id, name: &str) {
    if let Some(df) = st.form.as_mut()
        && df.target == FormTarget::Cohort(None)
    {
        df.target = FormTarget::Cohort(Some(id));
    }
    cx.info(cx.tr.tf("day.cohort_created", &[("name", &name)]));
}

/// A session was created: the form that made it now edits it; once it is the one in use, the
/// cursors go to it.
pub fn session_created(st: &mut DayState, cx: &mut Ctx, cohort_id: Id, id: Id) {
    if let Some(df) = st.form.as_mut()
        && matches!(df.target, FormTarget::Session { id: None, .. })
    {
        df.target = FormTarget::Session {
            cohort_id,
            id: Some(id),
        };
    }
    if cx.data.session == Some(id) {
        sync_cursors(st, cx);
        cx.info(cx.tr.t("day.session_created").to_string());
    }
}

/// A cohort was archived: the cursors go back to what is in use.
pub fn cohort_archived(st: &mut DayState, cx: &mut Ctx) {
    sync_cursors(st, cx);
    cx.info(cx.tr.t("day.archived").to_string());
}

impl ScreenView for DayState {
    fn scope(&self) -> Scope {
        if self.form.is_some() {
            Scope::Form
        } else if let Some(view) = &self.sync {
            view.scope()
        } else if self.expected.is_some() {
            Scope::Expected
        } else if self.report.is_some() {
            Scope::Report
        } else if self.interest.is_some() {
            Scope::Interest
        } else if self.agenda.is_some() {
            Scope::Agenda
        } else {
            Scope::Screen(Screen::Day)
        }
    }

    fn on_key(&mut self, cx: &mut Ctx, input: KeyInput) -> Reply {
        match (input.scope, input.action) {
            _ if self.form.is_none() && self.sync.is_some() => {
                sync::on_key(&mut self.sync, cx, input.action, input.event).into()
            }
            (Scope::Screen(_), Some(a)) => on_action(self, cx, a).into(),
            (Scope::Screen(_), None) => Reply::default(),
            (Scope::Report, a) => {
                report::on_action(&mut self.report, a);
                Reply::default()
            }
            (Scope::Expected, _) => {
                expected::on_key(&mut self.expected, cx, input.action, input.event).into()
            }
            (Scope::Agenda, Some(Action::AgendaAdd)) => {
                if let Some(view) = &self.agenda {
                    open_agenda_item_form(self, cx, view.session_id, None);
                }
                Reply::default()
            }
            (Scope::Agenda, Some(Action::Open)) => {
                let chosen = self
                    .agenda
                    .as_ref()
                    .and_then(|v| agenda::selected(v, cx).map(|s| (v.session_id, s.clone())));
                if let Some((session_id, item)) = chosen {
                    open_agenda_item_form(self, cx, session_id, Some(&item));
                }
                Reply::default()
            }
            (Scope::Agenda, action) => agenda::on_key(&mut self.agenda, cx, action).into(),
            (Scope::Interest, action) => match interest::on_key(&mut self.interest, cx, action) {
                interest::InterestKey::Effects(effects) => effects.into(),
                interest::InterestKey::Note(person, sector) => {
                    open_interest_note_form(self, cx, person, sector);
                    Reply::default()
                }
            },
            _ => on_form_key(self, cx, input.action, input.event).into(),
        }
    }

    fn paste(&mut self, cx: &mut Ctx, text: &str) -> Reply {
        if self.form.is_none() && self.sync.is_some() {
            sync::paste(&mut self.sync, text);
            return Reply::default();
        }
        if self.form.is_none() && self.expected.is_some() {
            expected::paste(&mut self.expected, text);
            return Reply::default();
        }
        if self.form.is_none() {
            return Reply::default();
        }
        paste(self, cx, text).into()
    }

    crate::ui::screen::debounced_in!(pending);

    fn draw(&self, cx: &Ctx, frame: &mut Frame, area: Rect) {
        draw(self, cx, frame, area);
    }

    fn on_confirm(&mut self, _cx: &mut Ctx, popup: &Popup, yes: bool) -> Reply {
        match popup {
            Popup::ConfirmArchive(id) if yes => vec![Effect::ArchiveCohort(*id)].into(),
            _ => Reply::default(),
        }
    }
}
