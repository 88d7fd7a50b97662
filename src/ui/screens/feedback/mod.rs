//! Retours: the interviews of the day with the state of their feedback, and the form that
//! captures a binôme's feedback by keyboard — ratings at once, text as typed.

use chrono::NaiveDateTime;
use ratatui::Frame;
use ratatui::crossterm::event::{KeyCode, KeyEvent};
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Clear, Paragraph, Wrap};
use ratatui_textarea::TextArea;

use crate::core::domain::Id;
use crate::core::feedback::{
    Completeness, Feedback, HeldInterview, OPINIONS, Proposal, feedback_progress, rating_key,
};
use crate::ui::context::{Ctx, Effect};
use crate::ui::form::{Form, FormOutcome};
use crate::ui::keys::Action;
use crate::ui::keys::Scope;
use crate::ui::screen::{KeyInput, Reply, Screen, ScreenView};
use crate::ui::widgets::{fit, marker, marker_gap, scrolled_lines, step};

mod conflict;
mod draw;
pub use conflict::{ConflictView, conflict_of};
use draw::*;

/// Longest text kept in one field (a long paste is cut, with a message).
pub const MAX_TEXT_CHARS: usize = 4000;
const TEXT_FIELDS: [&str; 4] = [
    "feedback.strengths",
    "feedback.to_work_on",
    "feedback.advice",
    "feedback.notes",
];

/// One interview of the plan, as the list shows it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Row {
    /// Round (from 1).
    pub round: u32,
    /// Candidate.
    pub candidate_id: Id,
    /// Panel.
    pub panel_id: Option<Id>,
    /// Panel label in the plan.
    pub panel_label: String,
}

/// The open form.
pub struct FeedbackForm {
    /// The feedback being written.
    pub feedback: Feedback,
    /// Selected criterion.
    pub criterion: usize,
    /// 0: ratings; 1–4: strengths, to work on, advice, notes.
    pub focus: usize,
    /// The four texts.
    pub texts: [TextArea<'static>; 4],
    /// The proposal being captured (Ctrl-O).
    pub proposal: Option<Form>,
    /// The feedback as it was when the form opened (paper mode moves on only after a change).
    pub opened_as: Feedback,
}

/// State of the Retours screen.
#[derive(Default)]
pub struct FeedbackState {
    /// Selected row.
    pub cursor: usize,
    /// Open form.
    pub form: Option<FeedbackForm>,
    /// Debounced text write.
    pub pending: Option<(NaiveDateTime, Effect)>,
    /// The per-candidate view (c): whose.
    pub candidate_view: Option<Id>,
    /// First line shown in the per-candidate view.
    pub candidate_scroll: u16,
    /// « Saisie depuis papier »: only this binôme's interviews, in round order, one form after
    /// the other, as on its table sheet.
    pub paper: Option<Id>,
    /// A saved proposal of the selected interview, edited (m): its id and the form.
    pub proposal_edit: Option<(Id, Form)>,
    /// The proposal m edited last (m again on its interview goes on to the next one).
    pub last_edited: Option<Id>,
    /// Two laptops' versions of one interview's feedback, side by side (r; issue 23).
    pub conflict: Option<ConflictView>,
}

/// The interviews of the current plan, by round then table.
pub fn rows(st: &FeedbackState, cx: &Ctx) -> Vec<Row> {
    let Some(plan) = &cx.data.plan else {
        return Vec::new();
    };
    let mut rows: Vec<Row> = plan
        .interviews
        .iter()
        .map(|i| Row {
            round: i.round,
            candidate_id: i.candidate_id,
            panel_id: i.panel_id,
            panel_label: i.panel_label.clone(),
        })
        .collect();
    let pos = |id: Option<Id>| {
        id.and_then(|id| cx.data.panels.iter().find(|p| p.id == id))
            .map_or(i64::MAX, |p| p.position)
    };
    rows.sort_by_key(|r| (r.round, pos(r.panel_id)));
    if let Some(panel) = st.paper {
        rows.retain(|r| r.panel_id == Some(panel));
    }
    rows
}

/// The stored feedback of a row.
pub fn feedback_of<'a>(cx: &'a Ctx, row: &Row) -> Option<&'a Feedback> {
    cx.data
        .feedback
        .iter()
        .find(|f| f.candidate_id == row.candidate_id && f.round == row.round)
}

fn text_area(text: &str) -> TextArea<'static> {
    let mut t = TextArea::new(text.lines().map(str::to_string).collect::<Vec<_>>());
    t.set_cursor_line_style(Style::default());
    // Sentences wrap at words, as in any notebook.
    t.set_wrap_mode(ratatui_textarea::WrapMode::WordOrGlyph);
    t.move_cursor(ratatui_textarea::CursorMove::Bottom);
    t.move_cursor(ratatui_textarea::CursorMove::End);
    t
}

/// Opens the form on the first interview of `round` whose feedback is not complete.
pub fn open_round(st: &mut FeedbackState, cx: &mut Ctx, round: u32) {
    let all = rows(st, cx);
    let first_missing = all.iter().position(|r| {
        r.round == round
            && feedback_of(cx, r)
                .is_none_or(|f| f.completeness(&cx.criteria) != Completeness::Complete)
    });
    if let Some(i) = first_missing.or_else(|| all.iter().position(|r| r.round == round)) {
        st.cursor = i;
        open_form(st, cx);
    }
}

/// Opens the form of one interview (round from 1), wherever the list's cursor was.
pub fn open_interview(st: &mut FeedbackState, cx: &mut Ctx, round: u32, candidate: Id) {
    st.paper = None;
    st.candidate_view = None;
    if let Some(i) = rows(st, cx)
        .iter()
        .position(|r| r.round == round && r.candidate_id == candidate)
    {
        st.cursor = i;
        open_form(st, cx);
    }
}

fn open_form(st: &mut FeedbackState, cx: &mut Ctx) {
    let all = rows(st, cx);
    let Some(row) = all.get(st.cursor).cloned() else {
        return;
    };
    let set = cx
        .data
        .session
        .map(|s| cx.data.settings_of(s).criteria_set)
        .unwrap_or_else(|| "job_training".into());
    let feedback = feedback_of(cx, &row).cloned().unwrap_or_else(|| Feedback {
        session_id: cx.data.session.unwrap_or_default(),
        candidate_id: row.candidate_id,
        round: row.round,
        panel_id: row.panel_id,
        panel_label: row.panel_label.clone(),
        panel_members: row
            .panel_id
            .and_then(|id| cx.data.panel(id))
            .map(|p| p.members.clone())
            .unwrap_or_default(),
        criteria_set: set,
        ..Feedback::default()
    });
    let texts = [
        text_area(&feedback.strengths),
        text_area(&feedback.to_work_on),
        text_area(&feedback.advice),
        text_area(&feedback.notes),
    ];
    st.form = Some(FeedbackForm {
        opened_as: feedback.clone(),
        feedback,
        criterion: 0,
        focus: 0,
        texts,
        proposal: None,
    });
}

/// Browsing keys of the list.
pub fn on_action(st: &mut FeedbackState, cx: &mut Ctx, action: Action) -> Vec<Effect> {
    if st.candidate_view.is_some() {
        match action {
            Action::Down => st.candidate_scroll = st.candidate_scroll.saturating_add(1),
            Action::Up => st.candidate_scroll = st.candidate_scroll.saturating_sub(1),
            Action::PageDown => st.candidate_scroll = st.candidate_scroll.saturating_add(10),
            Action::PageUp => st.candidate_scroll = st.candidate_scroll.saturating_sub(10),
            Action::Home => st.candidate_scroll = 0,
            Action::Back => st.candidate_view = None,
            _ => {}
        }
        return Vec::new();
    }
    let all = rows(st, cx);
    match action {
        a if step(&mut st.cursor, a, all.len()) => {}
        Action::Open => open_form(st, cx),
        Action::CandidateView => {
            st.candidate_view = all.get(st.cursor).map(|r| r.candidate_id);
            st.candidate_scroll = 0;
        }
        Action::Back if st.paper.is_some() => {
            st.paper = None;
            st.cursor = 0;
        }
        Action::Back => st.candidate_view = None,
        Action::PaperMode => paper_mode(st, cx),
        Action::Edit => return edit_proposal(st, cx, all.get(st.cursor)),
        Action::ConflictView => conflict::open(st, cx, all.get(st.cursor)),
        Action::NextMissing => {
            let from = st.cursor;
            let is_missing = |r: &Row| {
                feedback_of(cx, r)
                    .is_none_or(|f| f.completeness(&cx.criteria) != Completeness::Complete)
            };
            // The round that just ended comes first: its forms are the ones being written now.
            let ended = just_ended_round(cx);
            let missing = all
                .iter()
                .position(|r| Some(r.round) == ended && is_missing(r))
                .or_else(|| {
                    (1..=all.len())
                        .map(|d| (from + d) % all.len().max(1))
                        .find(|i| all.get(*i).is_some_and(is_missing))
                });
            match missing {
                Some(i) => st.cursor = i,
                None => cx.info(cx.tr.t("feedback.all_done").to_string()),
            }
        }
        _ => {}
    }
    Vec::new()
}

/// The round (from 1) whose interviews ended last, by the timer: the one in its feedback,
/// changeover or break, the one before an interview under way, the last when the day is over.
pub fn just_ended_round(cx: &Ctx) -> Option<u32> {
    use crate::core::clock::{PhaseKind, State};
    let tt = cx.data.timetable()?;
    let pos = cx.data.clock_position(cx.now)?;
    let phase = tt.phases.get(pos.phase)?;
    match (pos.state, phase.kind) {
        (State::NotStarted, _) => None,
        (State::Over, _) => Some(tt.rounds() as u32),
        (_, PhaseKind::Interview) => (phase.round > 0).then_some(phase.round as u32),
        _ => Some(phase.round as u32 + 1),
    }
}

/// b: the next binôme's interviews alone (then back to all of them).
fn paper_mode(st: &mut FeedbackState, cx: &mut Ctx) {
    let panels: Vec<Id> = cx.data.panels.iter().map(|p| p.id).collect();
    let next = match st.paper {
        None => panels.first().copied(),
        Some(p) => panels
            .iter()
            .position(|x| *x == p)
            .and_then(|i| panels.get(i + 1).copied()),
    };
    st.paper = next;
    st.cursor = 0;
    match next.and_then(|id| cx.data.panel(id)) {
        Some(p) => {
            let table = format!(
                "{} {} ({})",
                cx.tr.t("panels.table_word"),
                p.table_name,
                p.label
            );
            cx.info(cx.tr.tf("feedback.paper_on", &[("table", &table)]));
        }
        None => cx.info(cx.tr.t("feedback.paper_off").to_string()),
    }
}

/// In paper mode, closing a form that was filled opens the table's next interview.
fn next_on_paper(st: &mut FeedbackState, cx: &mut Ctx) {
    let n = rows(st, cx).len();
    if st.cursor + 1 < n {
        st.cursor += 1;
        open_form(st, cx);
    } else {
        cx.info(cx.tr.t("feedback.paper_done").to_string());
    }
}

fn save_now(st: &mut FeedbackState) -> Vec<Effect> {
    st.pending = None;
    match &st.form {
        Some(form) => vec![Effect::SaveFeedback(Box::new(form.feedback.clone()))],
        None => Vec::new(),
    }
}

/// Keys while the form is open: ratings are commands, text is content.
pub fn on_form_key(
    st: &mut FeedbackState,
    cx: &mut Ctx,
    action: Option<Action>,
    key: KeyEvent,
) -> Vec<Effect> {
    let Some(form) = st.form.as_mut() else {
        return Vec::new();
    };
    let set_len = cx
        .criteria
        .get(&form.feedback.criteria_set)
        .map_or(0, |s| s.criteria.len());
    match action {
        Some(Action::Back) => {
            let effects = flush(st);
            let changed = st.form.take().is_some_and(|f| f.feedback != f.opened_as);
            if st.paper.is_some() && changed {
                next_on_paper(st, cx);
            }
            return effects;
        }
        Some(a) if crate::ui::widgets::cycle_field(&mut form.focus, a, 5) => return Vec::new(),
        Some(Action::NewProposal) => {
            open_proposal(st, cx);
            return Vec::new();
        }
        _ => {}
    }
    if form.focus == 0 {
        match action {
            Some(Action::Up) => form.criterion = form.criterion.saturating_sub(1),
            // The row after the criteria is the overall opinion.
            Some(Action::Down) => form.criterion = (form.criterion + 1).min(set_len),
            Some(Action::Rate(r)) if form.criterion == set_len => {
                form.feedback.opinion = match r {
                    1..=3 => Some(OPINIONS[r as usize - 1].to_string()),
                    _ => None,
                };
                return save_now(st);
            }
            Some(Action::Rate(r)) => {
                let key = cx
                    .criteria
                    .get(&form.feedback.criteria_set)
                    .and_then(|s| s.criteria.get(form.criterion))
                    .map(|c| c.key.clone());
                if let Some(k) = key {
                    form.feedback.rate(&k, (r > 0).then_some(r));
                    if r > 0 {
                        // On to the next criterion, then the opinion row; Tab goes to the texts.
                        form.criterion += 1;
                    }
                    return save_now(st);
                }
            }
            _ => {}
        }
        return Vec::new();
    }
    let i = form.focus - 1;
    let len = text_len(&form.texts[i]);
    if matches!(key.code, KeyCode::Char(_) | KeyCode::Enter) && len > MAX_TEXT_CHARS {
        cx.warn(cx.tr.tf("feedback.too_long", &[("max", &MAX_TEXT_CHARS)]));
        return Vec::new();
    }
    if crate::ui::form::edit_text(&mut form.texts[i], key, usize::MAX) {
        sync_texts(form);
        let effect = Effect::SaveFeedback(Box::new(form.feedback.clone()));
        crate::ui::context::debounce(&mut st.pending, cx.now, effect);
    }
    Vec::new()
}

fn open_proposal(st: &mut FeedbackState, cx: &mut Ctx) {
    let Some(form) = st.form.as_ref() else {
        return;
    };
    // Any professional present may offer it; the binôme's own come first, the first by default.
    let binome = &form.feedback.panel_members;
    let listed = cx.data.listed();
    let others = crate::core::expect::pro_pool(&listed)
        .into_iter()
        .map(|m| m.person.id)
        .filter(|id| !binome.contains(id));
    let pros: Vec<(String, String)> = binome
        .iter()
        .copied()
        .chain(others)
        .filter_map(|id| cx.data.member(id))
        .map(|m| (m.person.id.to_string(), m.person.full_name()))
        .collect();
    let who = short(cx, form.feedback.candidate_id);
    if let Some(form) = st.form.as_mut() {
        form.proposal = Some(super::proposal::form(who, pros, "proposal.by_help"));
    }
}

/// Keys of the proposal form: Enter or Esc keep it (when something was chosen or typed).
pub fn on_proposal_key(
    st: &mut FeedbackState,
    action: Option<Action>,
    key: KeyEvent,
) -> Vec<Effect> {
    let Some(form) = st.form.as_mut() else {
        return Vec::new();
    };
    let Some(pf) = form.proposal.as_mut() else {
        return Vec::new();
    };
    match super::proposal::on_key(pf, action, key) {
        FormOutcome::Confirm | FormOutcome::Close => {
            let touched = pf.touched;
            let proposal = Proposal {
                id: 0,
                session_id: form.feedback.session_id,
                candidate_id: form.feedback.candidate_id,
                feedback_id: (form.feedback.id != 0).then_some(form.feedback.id),
                offered_by: pf.value("by").parse().ok(),
                kind: pf.value("kind"),
                detail: pf.value("detail").trim().to_string(),
                status: pf.value("status"),
            };
            form.proposal = None;
            if touched {
                let mut effects = flush(st);
                effects.push(Effect::SaveProposal(Box::new(proposal)));
                return effects;
            }
            Vec::new()
        }
        _ => Vec::new(),
    }
}

/// m: a proposal made in the interview `row` in the form, as stored; m again on the same
/// interview goes on to its next one.
fn edit_proposal(st: &mut FeedbackState, cx: &mut Ctx, row: Option<&Row>) -> Vec<Effect> {
    let Some(row) = row else {
        return Vec::new();
    };
    let feedback = feedback_of(cx, row).map(|f| f.id);
    let mine: Vec<&Proposal> = cx
        .data
        .proposals
        .iter()
        .filter(|p| {
            p.candidate_id == row.candidate_id && feedback.is_some() && p.feedback_id == feedback
        })
        .collect();
    let last = st.last_edited.take();
    let next = last
        .and_then(|id| mine.iter().position(|p| p.id == id))
        .map_or(0, |i| (i + 1) % mine.len().max(1));
    let Some(p) = mine.get(next).map(|p| (*p).clone()) else {
        cx.warn(cx.tr.t("proposal.none_in_interview").to_string());
        return Vec::new();
    };
    // The binôme's professionals, and whoever offers it if someone else.
    let mut offerers: Vec<Id> = row
        .panel_id
        .and_then(|id| cx.data.panel(id))
        .map(|panel| panel.members.clone())
        .unwrap_or_default();
    if let Some(by) = p.offered_by
        && !offerers.contains(&by)
    {
        offerers.push(by);
    }
    let offerers = offerers
        .into_iter()
        .filter_map(|id| cx.data.member(id))
        .map(|m| (m.person.id.to_string(), m.person.full_name()))
        .collect();
    let form =
        super::proposal::edit_form(&p, short(cx, p.candidate_id), offerers, "proposal.by_help");
    st.last_edited = Some(p.id);
    st.proposal_edit = Some((p.id, form));
    // Nothing else may wait in the debounce slot while the proposal is edited.
    flush(st)
}

/// Keys of the edit form: every change written at once; Enter or Esc close it.
fn on_edit_key(
    st: &mut FeedbackState,
    cx: &Ctx,
    action: Option<Action>,
    key: KeyEvent,
) -> Vec<Effect> {
    let Some((id, form)) = st.proposal_edit.as_mut() else {
        return Vec::new();
    };
    match super::proposal::on_key(form, action, key) {
        FormOutcome::Confirm | FormOutcome::Close => {
            st.proposal_edit = None;
            Vec::new()
        }
        FormOutcome::Changed => match cx.data.proposals.iter().find(|p| p.id == *id) {
            Some(p) => vec![Effect::SaveProposal(Box::new(super::proposal::edited(
                p, form,
            )))],
            None => Vec::new(),
        },
        FormOutcome::Nothing => Vec::new(),
    }
}

/// Characters in a text field, line breaks included.
fn text_len(t: &TextArea) -> usize {
    t.lines().iter().map(|l| l.chars().count() + 1).sum()
}

fn sync_texts(form: &mut FeedbackForm) {
    let text = |t: &TextArea| t.lines().join("\n");
    form.feedback.strengths = text(&form.texts[0]);
    form.feedback.to_work_on = text(&form.texts[1]);
    form.feedback.advice = text(&form.texts[2]);
    form.feedback.notes = text(&form.texts[3]);
}

/// A feedback is stored: its row id into the open form and the loaded rows.
pub fn saved(st: &mut FeedbackState, cx: &mut Ctx, f: Feedback, id: Id) {
    let mut saved = f;
    saved.id = id;
    if let Some(form) = st.form.as_mut()
        && form.feedback.candidate_id == saved.candidate_id
        && form.feedback.round == saved.round
    {
        form.feedback.id = id;
    }
    match cx
        .data
        .feedback
        .iter_mut()
        .find(|x| x.candidate_id == saved.candidate_id && x.round == saved.round)
    {
        Some(slot) => *slot = saved,
        None => cx.data.feedback.push(saved),
    }
}

/// Pasted text goes into the focused text field, cut to its maximum.
pub fn paste(st: &mut FeedbackState, cx: &mut Ctx, text: &str) -> Vec<Effect> {
    let Some(form) = st.form.as_mut() else {
        return Vec::new();
    };
    if form.focus == 0 {
        return Vec::new();
    }
    let i = form.focus - 1;
    let len = text_len(&form.texts[i]);
    let room = MAX_TEXT_CHARS.saturating_sub(len);
    let kept: String = text
        .chars()
        .filter(|c| *c == '\n' || !c.is_control())
        .take(room)
        .collect();
    if kept.chars().count() < text.chars().count() {
        cx.warn(cx.tr.tf("feedback.too_long", &[("max", &MAX_TEXT_CHARS)]));
    }
    let Some(form) = st.form.as_mut() else {
        return Vec::new();
    };
    form.texts[i].insert_str(&kept);
    sync_texts(form);
    let effect = Effect::SaveFeedback(Box::new(form.feedback.clone()));
    crate::ui::context::debounce(&mut st.pending, cx.now, effect);
    Vec::new()
}

/// Writes the pending text now.
pub fn flush(st: &mut FeedbackState) -> Vec<Effect> {
    crate::ui::context::take_pending(&mut st.pending)
}

fn short(cx: &Ctx, id: Id) -> String {
    cx.data.short_name(id)
}

fn table_of(cx: &Ctx, panel: Option<Id>) -> String {
    panel
        .and_then(|id| cx.data.panel(id))
        .map(|p| format!("{} {}", cx.tr.t("panels.table_word"), p.table_name))
        .unwrap_or_else(|| "—".into())
}

impl ScreenView for FeedbackState {
    fn scope(&self) -> Scope {
        if self.conflict.is_some() {
            return Scope::FeedbackConflict;
        }
        if self.proposal_edit.is_some() {
            return Scope::Form;
        }
        match &self.form {
            Some(f) if f.proposal.is_some() => Scope::Form,
            Some(_) => Scope::FeedbackForm,
            None => Scope::Screen(Screen::Feedback),
        }
    }

    fn on_key(&mut self, cx: &mut Ctx, input: KeyInput) -> Reply {
        match (input.scope, input.action) {
            (Scope::Screen(_), Some(a)) => on_action(self, cx, a).into(),
            (Scope::Screen(_), None) => Reply::default(),
            (Scope::FeedbackForm, _) => on_form_key(self, cx, input.action, input.event).into(),
            (Scope::FeedbackConflict, a) => conflict::on_key(self, a).into(),
            _ if self.proposal_edit.is_some() => {
                on_edit_key(self, cx, input.action, input.event).into()
            }
            _ => on_proposal_key(self, input.action, input.event).into(),
        }
    }

    crate::ui::screen::delegated_to_module!(pending);

    fn note_subject(&self, cx: &Ctx) -> (Option<Id>, Option<u32>) {
        match &self.form {
            Some(f) => (Some(f.feedback.candidate_id), Some(f.feedback.round)),
            None => rows(self, cx)
                .get(self.cursor)
                .map_or((None, None), |r| (Some(r.candidate_id), Some(r.round))),
        }
    }
}
