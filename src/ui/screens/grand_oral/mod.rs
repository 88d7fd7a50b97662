//! Grand oral: candidate by candidate, what the binômes said as bars and quotes, the proposals
//! captured live and turned into actions. Projected: sensitive fields stay hidden until Ctrl-R.

use ratatui::Frame;
use ratatui::crossterm::event::KeyEvent;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::Block;
use unicode_width::UnicodeWidthStr;

use crate::core::actions::{ACTION_CONDITIONS, ACTION_STATUSES, ActionItem, next_status};
use crate::core::domain::{Id, Role};
use crate::core::feedback::{PROPOSAL_STATUSES, Proposal};
use crate::core::summary::{self, Audience, CandidateSummary, Summary};
use crate::export::{Format, criterion_label, mean_text};
use crate::ui::context::{Ctx, Effect, Popup};
use crate::ui::form::{Field, Form, FormOutcome};
use crate::ui::keys::Action;
use crate::ui::keys::Scope;
use crate::ui::screen::{KeyInput, Reply, Screen, ScreenView};
use crate::ui::theme::Theme;
use crate::ui::widgets::{fit, marker_gap, scrolled_lines, step, wrap_text};

mod draw;
use draw::*;

mod forms;
use forms::*;

/// What the open form edits.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FormTarget {
    /// A new proposal for the candidate shown.
    Proposal(Id),
    /// A saved proposal, edited (every change written at once).
    EditProposal(Id),
    /// An action (id 0: new) of a candidate.
    Action {
        /// The action, once stored.
        id: Id,
        /// Candidate.
        candidate: Id,
        /// The proposal it comes from.
        proposal: Option<Id>,
    },
    /// Export the summary to a file.
    Export,
}

/// The cohort's open actions (o).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct ActionsView {
    /// Selected row.
    pub cursor: usize,
    /// Sorted by due date (else by owner).
    pub by_due: bool,
}

/// State of the Grand oral screen.
#[derive(Default)]
pub struct GrandOralState {
    /// Candidate shown (index in the summary's order).
    pub candidate: usize,
    /// Selected proposal of that candidate.
    pub cursor: usize,
    /// Sensitive fields and staff notes shown (after confirmation; hidden again on leaving).
    pub reveal: bool,
    /// Open form.
    pub form: Option<(FormTarget, Form)>,
    /// The cohort's open actions, when shown.
    pub actions: Option<ActionsView>,
}

/// Who the projected screen is for: partners, unless sensitive fields were revealed.
fn shown_audience(st: &GrandOralState) -> Audience {
    if st.reveal {
        Audience::Full
    } else {
        Audience::Partner
    }
}

/// The summary as the screen may show it: partner cut unless revealed, full names in the room.
pub fn summary_shown(st: &GrandOralState, cx: &Ctx) -> Option<Summary> {
    let full = cx.data.summary(&cx.criteria)?;
    Some(summary::for_audience(full, shown_audience(st), false))
}

/// The candidates in the summary's order (cheap: no summary is built for a key press).
fn candidate_ids(cx: &Ctx) -> Vec<Id> {
    summary::candidates_in_order(&cx.data.members, &cx.data.oral.feedback)
        .into_iter()
        .filter(|m| crate::core::path::in_summary(m.role, cx.data.path.status(m.person.id)))
        .map(|m| m.person.id)
        .collect()
}

/// In the order the summary shows them (the cursor points at what is drawn).
fn proposals_of(cx: &Ctx, candidate: Id) -> Vec<&Proposal> {
    summary::proposals_of(
        &cx.data.proposals,
        &cx.data.oral.feedback,
        &cx.data.sessions,
        candidate,
    )
}

/// Keys of the screen (browsing).
pub fn on_action(st: &mut GrandOralState, cx: &mut Ctx, action: Action) -> Vec<Effect> {
    if cx.data.oral_session().is_none() {
        cx.warn(cx.tr.t("oral.no_session").to_string());
        return Vec::new();
    }
    let ids = candidate_ids(cx);
    let count = ids.len();
    st.candidate = st.candidate.min(count.saturating_sub(1));
    let candidate = ids.get(st.candidate).copied();
    let n_props = candidate.map_or(0, |c| proposals_of(cx, c).len());
    match action {
        Action::Left if count > 0 => {
            st.candidate = (st.candidate + count - 1) % count;
            st.cursor = 0;
        }
        Action::Right if count > 0 => {
            st.candidate = (st.candidate + 1) % count;
            st.cursor = 0;
        }
        a @ (Action::Up | Action::Down | Action::Home | Action::End) => {
            step(&mut st.cursor, a, n_props);
        }
        Action::NewProposal => match candidate {
            Some(c) => open_proposal_form(st, cx, c),
            None => cx.warn(cx.tr.t("oral.no_candidate").to_string()),
        },
        Action::NextStatus => return cycle_proposal(st, cx, candidate),
        Action::Edit => match selected_proposal(st, cx, candidate) {
            Some(p) => open_edit_form(st, cx, &p),
            None => cx.warn(cx.tr.t("oral.no_proposal").to_string()),
        },
        Action::ToAction => return to_action(st, cx, candidate),
        Action::Pairing => match selected_proposal(st, cx, candidate) {
            Some(p) => return crate::ui::screens::proposal::pair(cx, &p),
            None => cx.warn(cx.tr.t("oral.no_proposal").to_string()),
        },
        Action::NewAction => match candidate {
            Some(c) => open_action_form(st, cx, None, c, None),
            None => cx.warn(cx.tr.t("oral.no_candidate").to_string()),
        },
        Action::ActionsView => st.actions = Some(ActionsView::default()),
        Action::Export => open_export_form(st, cx),
        Action::Reveal if st.reveal => {
            st.reveal = false;
            cx.info(cx.tr.t("oral.hidden").to_string());
        }
        Action::Reveal => cx.popup = Some(Popup::ConfirmReveal),
        _ => {}
    }
    Vec::new()
}

/// After « yes » to the reveal question.
pub fn reveal(st: &mut GrandOralState, cx: &mut Ctx) {
    st.reveal = true;
    cx.warn(cx.tr.t("oral.revealed").to_string());
}

fn selected_proposal(st: &GrandOralState, cx: &Ctx, candidate: Option<Id>) -> Option<Proposal> {
    let c = candidate?;
    proposals_of(cx, c).get(st.cursor).map(|p| (*p).clone())
}

fn cycle_proposal(st: &mut GrandOralState, cx: &mut Ctx, candidate: Option<Id>) -> Vec<Effect> {
    let Some(mut p) = selected_proposal(st, cx, candidate) else {
        cx.warn(cx.tr.t("oral.no_proposal").to_string());
        return Vec::new();
    };
    let i = PROPOSAL_STATUSES.iter().position(|s| *s == p.status);
    p.status = PROPOSAL_STATUSES[i.map_or(0, |i| (i + 1) % PROPOSAL_STATUSES.len())].to_string();
    cx.info(cx.tr.tf(
        "oral.status_now",
        &[("status", &cx.tr.t(&format!("proposal.status_{}", p.status)))],
    ));
    vec![Effect::SaveProposal(Box::new(p))]
}

fn to_action(st: &mut GrandOralState, cx: &mut Ctx, candidate: Option<Id>) -> Vec<Effect> {
    let Some(p) = selected_proposal(st, cx, candidate) else {
        cx.warn(cx.tr.t("oral.no_proposal").to_string());
        return Vec::new();
    };
    let Some(cohort) = cx.data.cohort else {
        return Vec::new();
    };
    if let Some(a) = cx
        .data
        .oral
        .actions
        .iter()
        .find(|a| a.proposal_id == Some(p.id))
    {
        // Already an action: open it rather than making a second one.
        let (id, c) = (a.id, a.candidate_id);
        open_action_form(st, cx, Some(id), c, Some(p.id));
        return Vec::new();
    }
    let what = format!(
        "{} : {}",
        cx.tr.t(&format!("proposal.kind_{}", p.kind)),
        p.detail
    );
    let action = ActionItem::from_proposal(cohort, &p, what.trim_end_matches(" : ").to_string());
    open_action_form(st, cx, None, p.candidate_id, Some(p.id));
    // The action exists from this key on; the form only refines it.
    if let Some((target, form)) = st.form.as_mut() {
        if let Some(f) = form.fields.iter_mut().find(|f| f.id == "what") {
            *f = Field::text("what", "action.what", "action.what_help", &action.what, 200);
        }
        if let Some(owner) = action.owner_id {
            form.select_named("owner", &owner.to_string());
        }
        *target = FormTarget::Action {
            id: 0,
            candidate: p.candidate_id,
            proposal: Some(p.id),
        };
    }
    cx.info(cx.tr.t("oral.action_created").to_string());
    vec![Effect::SaveAction(Box::new(action))]
}

/// Pasted text goes into the open form.
pub fn paste(st: &mut GrandOralState, text: &str) -> Vec<Effect> {
    if let Some((_, form)) = st.form.as_mut() {
        form.paste(text);
    }
    Vec::new()
}

/// The cohort's open actions in the order shown.
pub fn open_actions(st: &GrandOralState, cx: &Ctx) -> Vec<ActionItem> {
    let owner = |id: Option<Id>| id.map(|i| cx.data.short_name(i)).unwrap_or_default();
    let list = if st.actions.is_some_and(|v| v.by_due) {
        crate::core::actions::open_by_due(&cx.data.oral.actions)
    } else {
        crate::core::actions::open_by_owner(&cx.data.oral.actions, owner)
    };
    list.into_iter().cloned().collect()
}

/// Keys of the actions list.
pub fn on_actions_key(
    st: &mut GrandOralState,
    cx: &mut Ctx,
    action: Option<Action>,
) -> Vec<Effect> {
    let rows = open_actions(st, cx);
    let Some(view) = st.actions.as_mut() else {
        return Vec::new();
    };
    let last = rows.len().saturating_sub(1);
    view.cursor = view.cursor.min(last);
    match action {
        Some(a @ (Action::Up | Action::Down)) => {
            step(&mut view.cursor, a, rows.len());
        }
        Some(Action::SortActions) => {
            view.by_due = !view.by_due;
            view.cursor = 0;
        }
        Some(Action::Back) => st.actions = None,
        Some(Action::Open) => {
            if let Some(a) = rows.get(view.cursor) {
                let (id, c, p) = (a.id, a.candidate_id, a.proposal_id);
                open_action_form(st, cx, Some(id), c, p);
            }
        }
        Some(Action::NextStatus) => {
            if let Some(a) = rows.get(view.cursor) {
                let mut a = a.clone();
                a.status = next_status(&a.status).to_string();
                cx.info(cx.tr.tf(
                    "oral.status_now",
                    &[("status", &cx.tr.t(&format!("action.status_{}", a.status)))],
                ));
                return vec![Effect::SaveAction(Box::new(a))];
            }
        }
        _ => {}
    }
    Vec::new()
}

/// Leaving the screen hides the sensitive fields again.
pub fn on_leave(st: &mut GrandOralState) {
    st.reveal = false;
    st.actions = None;
}

impl ScreenView for GrandOralState {
    fn scope(&self) -> Scope {
        if self.form.is_some() {
            Scope::Form
        } else if self.actions.is_some() {
            Scope::Actions
        } else {
            Scope::Screen(Screen::GrandOral)
        }
    }

    fn on_key(&mut self, cx: &mut Ctx, input: KeyInput) -> Reply {
        match (input.scope, input.action) {
            (Scope::Screen(_), Some(a)) => on_action(self, cx, a).into(),
            (Scope::Screen(_), None) => Reply::default(),
            (Scope::Actions, _) => on_actions_key(self, cx, input.action).into(),
            _ => on_form_key(self, cx, input.action, input.event).into(),
        }
    }

    fn paste(&mut self, _cx: &mut Ctx, text: &str) -> Reply {
        paste(self, text).into()
    }

    fn draw(&self, cx: &Ctx, frame: &mut Frame, area: Rect) {
        draw(self, cx, frame, area);
    }

    fn on_confirm(&mut self, cx: &mut Ctx, popup: &Popup, yes: bool) -> Reply {
        if yes && *popup == Popup::ConfirmReveal {
            reveal(self, cx);
        }
        Reply::default()
    }

    fn on_enter(&mut self, _cx: &mut Ctx) -> Vec<Effect> {
        // Feedback and attendance may have changed elsewhere: the grand oral reads them afresh.
        vec![Effect::LoadOral]
    }

    fn on_leave(&mut self, _cx: &mut Ctx) {
        on_leave(self);
    }
}
