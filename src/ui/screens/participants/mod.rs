//! Participants: everyone in the cohort — add, edit, archive, import a roster, reveal sensitive
//! fields on demand, and open the binôme composer.

use std::path::PathBuf;

use chrono::NaiveDateTime;
use ratatui::Frame;
use ratatui::crossterm::event::KeyEvent;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::Modifier;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Clear, Paragraph, Wrap};

use crate::core::dates::parse_date;
use crate::core::domain::NewMember;
use crate::core::domain::{Id, Member, Role, Sector, SensitiveDetails, StaffRole};
use crate::core::text::matches_name;
use crate::ui::context::{Ctx, Effect, Popup};
use crate::ui::form::{Field, Form, FormOutcome};
use crate::ui::keys::Action;
use crate::ui::keys::Scope;
use crate::ui::screen::{KeyInput, Reply, Screen, ScreenView};
use crate::ui::widgets::{centered, fit, marker_gap, scrolled_lines, step};
use panels::ComposerState;

mod draw;
pub mod panels;
use draw::*;

mod forms;
use forms::*;

pub mod selection;
pub mod status;

/// A person's form: who (None until created) and whether sensitive fields are in it.
pub struct PersonForm {
    /// The person, once created.
    pub person_id: Option<Id>,
    /// The form.
    pub form: Form,
    /// Sensitive fields are part of the form (revealed).
    pub with_sensitive: bool,
}

/// The import dialog: the path prompt, then the preview of what would change.
pub enum ImportState {
    /// Typing the path.
    Path(Form),
    /// What the file would do.
    Preview {
        /// The file.
        path: PathBuf,
        /// Role for rows without one.
        role: Option<Role>,
        /// Report lines.
        lines: Vec<String>,
        /// The file can be imported.
        ok: bool,
        /// Asked before importing: an ignored column looks like a known one (Enter answers yes).
        ask: Option<String>,
        /// First line shown.
        scroll: u16,
    },
}

/// State of the Participants screen.
#[derive(Default)]
pub struct ParticipantsState {
    /// Selected row.
    pub cursor: usize,
    /// Filter (name, role, sector, organisation).
    pub filter: String,
    /// Typing the filter.
    pub filtering: bool,
    /// Sensitive fields shown (hidden again when leaving the screen).
    pub reveal: bool,
    /// Open person form.
    pub form: Option<PersonForm>,
    /// Debounced write.
    pub pending: Option<(NaiveDateTime, Effect)>,
    /// Open import dialog.
    pub import: Option<ImportState>,
    /// Open binôme composer.
    pub composer: Option<ComposerState>,
    /// The cursor is on the status column: Enter changes the status (issue 19).
    pub on_status: bool,
    /// Open status change.
    pub status: Option<status::StatusChange>,
    /// Open selection view.
    pub selection: Option<selection::SelectionState>,
}

fn role_label(cx: &Ctx, r: Role) -> &'static str {
    cx.tr.t(&format!("role.one.{}", r.code()))
}

fn sector_labels(cx: &Ctx, sectors: &[Sector]) -> String {
    sectors
        .iter()
        .map(|s| cx.tr.t(&format!("sector.{}", s.code())))
        .collect::<Vec<_>>()
        .join(", ")
}

/// The people shown: not archived, matching the filter by name, role, sector or organisation.
pub fn visible<'a>(st: &ParticipantsState, cx: &'a Ctx) -> Vec<&'a Member> {
    let f = &st.filter;
    cx.data
        .members
        .iter()
        .filter(|m| !m.archived)
        .filter(|m| {
            f.is_empty()
                || matches_name(&m.person.full_name(), f)
                || matches_name(role_label(cx, m.role), f)
                || matches_name(&sector_labels(cx, &m.sectors), f)
                || matches_name(&m.person.organisation, f)
        })
        .collect()
}

/// Browsing keys, and `c`: a follow-up contact of the candidate, on Suivi.
fn on_browse(st: &mut ParticipantsState, cx: &mut Ctx, action: Action) -> Reply {
    if action != Action::AddContact {
        return on_action(st, cx, action).into();
    }
    match visible(st, cx).get(st.cursor) {
        Some(m) if m.role == Role::Candidate => {
            Reply::intent(crate::ui::screen::Intent::ContactFor(m.person.id))
        }
        Some(_) => {
            cx.warn(cx.tr.t("followup.not_a_candidate").to_string());
            Reply::default()
        }
        None => Reply::default(),
    }
}

/// Browsing keys.
pub fn on_action(st: &mut ParticipantsState, cx: &mut Ctx, action: Action) -> Vec<Effect> {
    let len = visible(st, cx).len();
    let selected = visible(st, cx).get(st.cursor).map(|m| (*m).clone());
    match action {
        a if step(&mut st.cursor, a, len) => {}
        Action::Filter => st.filtering = true,
        Action::Back => st.filter.clear(),
        Action::Reveal => cx.toggle_reveal(&mut st.reveal),
        Action::AddPerson => {
            if cx.data.cohort.is_none() {
                cx.warn(cx.tr.t("part.no_cohort").to_string());
            } else {
                open_person_form(st, cx, None);
            }
        }
        Action::Open if st.on_status => {
            if let Some(m) = selected {
                status::open(st, cx, &m);
            }
        }
        Action::Open => {
            if let Some(m) = selected {
                open_person_form(st, cx, Some(&m));
            }
        }
        Action::Right => st.on_status = !st.on_status,
        Action::Selection => selection::open(st, cx),
        Action::Archive => {
            if let Some(m) = selected {
                cx.popup = Some(Popup::ConfirmArchivePerson(m.person.id));
            }
        }
        Action::Import => {
            if cx.data.cohort.is_none() {
                cx.warn(cx.tr.t("part.no_cohort").to_string());
            } else {
                open_import(st);
            }
        }
        Action::Panels => panels::open(st, cx),
        _ => {}
    }
    Vec::new()
}

/// Keys while a form, the import dialog or the filter is open.
pub fn on_edit_key(
    st: &mut ParticipantsState,
    cx: &mut Ctx,
    action: Option<Action>,
    key: KeyEvent,
) -> Vec<Effect> {
    if st.form.is_some() {
        return person_form_key(st, cx, action, key);
    }
    if st.import.is_some() {
        return import_key(st, action, key);
    }
    crate::ui::form::filter_key(&mut st.filter, &mut st.filtering, action, key);
    st.cursor = 0;
    Vec::new()
}

/// Pasted text into the open form or filter.
pub fn paste(st: &mut ParticipantsState, cx: &mut Ctx, text: &str) -> Vec<Effect> {
    if let Some(pf) = st.form.as_mut() {
        if pf.form.paste(text) == FormOutcome::Changed {
            schedule(st, cx);
        }
    } else if let Some(ImportState::Path(form)) = st.import.as_mut() {
        form.paste(text);
    } else if st.filtering {
        st.filter
            .extend(text.chars().filter(|c| !c.is_control()).take(40));
    }
    Vec::new()
}

/// Writes the pending person save now.
pub fn flush(st: &mut ParticipantsState) -> Vec<Effect> {
    crate::ui::context::take_pending(&mut st.pending)
}

/// A person was created: the form that made them now edits them.
pub fn person_created(st: &mut ParticipantsState, cx: &mut Ctx, id: Id, name: &str) {
    if let Some(pf) = st.form.as_mut()
        && pf.person_id.is_none()
    {
        pf.person_id = Some(id);
    }
    cx.info(cx.tr.tf("part.created", &[("name", &name)]));
}

/// A roster file was read: its preview replaces the path prompt.
pub fn import_previewed(
    st: &mut ParticipantsState,
    path: PathBuf,
    role: Option<Role>,
    lines: Vec<String>,
    ok: bool,
    ask: Option<String>,
) {
    st.import = Some(ImportState::Preview {
        path,
        role,
        lines,
        ok,
        ask,
        scroll: 0,
    });
}

// ---------------------------------------------------------------------------------------------
// Drawing

impl ScreenView for ParticipantsState {
    fn scope(&self) -> Scope {
        if let Some(sc) = &self.status {
            return if sc.form.is_some() {
                Scope::Form
            } else {
                Scope::StatusPicker
            };
        }
        if self.selection.is_some() {
            return Scope::Selection;
        }
        if self.form.is_some() || matches!(self.import, Some(ImportState::Path(_))) {
            return Scope::Form;
        }
        if self.import.is_some() {
            return Scope::ImportPreview;
        }
        if let Some(c) = &self.composer {
            return if c.table_form.is_some() {
                Scope::Form
            } else if c.search.is_some() {
                Scope::Filter
            } else {
                Scope::Composer
            };
        }
        if self.filtering {
            return Scope::Filter;
        }
        Scope::Screen(Screen::Participants)
    }

    fn on_key(&mut self, cx: &mut Ctx, input: KeyInput) -> Reply {
        if self.status.is_some() {
            return status::on_key(self, cx, input.action, input.event).into();
        }
        match (input.scope, input.action) {
            (Scope::Selection, a) => selection::on_action(self, cx, a).into(),
            (Scope::Screen(_), Some(a)) => on_browse(self, cx, a),
            (Scope::Screen(_), None) => Reply::default(),
            (Scope::Composer, _) => panels::on_action(self, cx, input.action).into(),
            (Scope::ImportPreview, _) => on_edit_key(self, cx, input.action, input.event).into(),
            (Scope::Filter, _) if self.composer.is_some() => {
                panels::on_search_key(self, cx, input.action, input.event).into()
            }
            _ if self.composer.is_some() => {
                panels::on_table_key(self, cx, input.action, input.event).into()
            }
            _ => on_edit_key(self, cx, input.action, input.event).into(),
        }
    }

    crate::ui::screen::delegated_to_module!(pending);

    fn on_confirm(&mut self, cx: &mut Ctx, popup: &Popup, yes: bool) -> Reply {
        match popup {
            Popup::ConfirmArchivePerson(id) if yes => vec![Effect::ArchivePerson(*id)].into(),
            Popup::ConfirmSuggestPanels if yes => panels::apply_suggestion(cx).into(),
            _ => Reply::default(),
        }
    }

    fn on_leave(&mut self, _cx: &mut Ctx) {
        // Sensitive fields are shown for one look, never left on screen behind the facilitator's back.
        self.reveal = false;
    }

    fn note_subject(&self, cx: &Ctx) -> (Option<Id>, Option<u32>) {
        let candidate = visible(self, cx)
            .get(self.cursor)
            .filter(|m| m.role == Role::Candidate)
            .map(|m| m.person.id);
        (candidate, None)
    }
}
