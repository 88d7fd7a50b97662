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
use crate::core::feedback::{PROPOSAL_KINDS, PROPOSAL_STATUSES, Proposal};
use crate::core::summary::{self, Audience, CandidateSummary, Summary};
use crate::export::{Format, criterion_label, mean_text};
use crate::ui::context::{Ctx, Effect, Popup};
use crate::ui::form::{Field, FieldKind, Form, FormOutcome};
use crate::ui::keys::Action;
use crate::ui::keys::Scope;
use crate::ui::screen::{Reply, Screen, ScreenView};
use crate::ui::theme::Theme;
use crate::ui::widgets::{fit, marker_gap, scrolled_lines, step, wrap_text};

/// What the open form edits.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FormTarget {
    /// A new proposal for the candidate shown.
    Proposal(Id),
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
    let full = cx.data.summary()?;
    Some(summary::for_audience(full, shown_audience(st), false))
}

/// The candidates in the summary's order (cheap: no summary is built for a key press).
fn candidate_ids(cx: &Ctx) -> Vec<Id> {
    summary::candidates_in_order(&cx.data.members, &cx.data.oral.feedback)
        .into_iter()
        .map(|m| m.person.id)
        .collect()
}

fn proposals_of(cx: &Ctx, candidate: Id) -> Vec<&Proposal> {
    cx.data
        .proposals
        .iter()
        .filter(|p| p.candidate_id == candidate)
        .collect()
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
        Action::ToAction => return to_action(st, cx, candidate),
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
            select_named(form, "owner", &owner.to_string());
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

fn select_named(form: &mut Form, id: &str, value: &str) {
    if let Some(f) = form.fields.iter_mut().find(|f| f.id == id)
        && let FieldKind::Named { options, selected } = &mut f.kind
        && let Some(i) = options.iter().position(|o| o.0 == value)
    {
        *selected = i;
    }
}

/// People of the cohort of some roles, as (id, « Prénom Nom (organisation) »), with « — » first.
fn people(cx: &Ctx, roles: &[Role]) -> Vec<(String, String)> {
    let mut out = vec![(String::new(), "—".to_string())];
    for role in roles {
        for m in cx
            .data
            .members
            .iter()
            .filter(|m| m.role == *role && !m.archived)
        {
            let org = &m.person.organisation;
            let label = if org.is_empty() {
                m.person.full_name()
            } else {
                format!("{} ({org})", m.person.full_name())
            };
            out.push((m.person.id.to_string(), label));
        }
    }
    out
}

/// The professionals who can offer something, those who interviewed the candidate first (in
/// round order): they make most proposals, one or two ← → away.
fn offerers(cx: &Ctx, candidate: Id) -> Vec<(String, String)> {
    let mut met: Vec<(u32, Id)> = cx
        .data
        .oral
        .feedback
        .iter()
        .filter(|f| f.candidate_id == candidate)
        .flat_map(|f| f.panel_members.iter().map(move |p| (f.round, *p)))
        .collect();
    met.sort();
    let first: Vec<String> = met.iter().map(|(_, p)| p.to_string()).collect();
    let mut all = people(cx, &[Role::Professional]);
    let none = all.remove(0);
    all.sort_by_key(|(id, _)| first.iter().position(|f| f == id).unwrap_or(usize::MAX));
    all.insert(0, none);
    all
}

fn open_proposal_form(st: &mut GrandOralState, cx: &mut Ctx, candidate: Id) {
    let fields = vec![
        Field::choice(
            "kind",
            "proposal.kind",
            "proposal.kind_help",
            PROPOSAL_KINDS.to_vec(),
            "proposal.kind_",
            "advice",
        ),
        Field::text("detail", "proposal.detail", "proposal.detail_help", "", 200),
        Field::named("by", "proposal.by", "oral.by_help", offerers(cx, candidate)),
        Field::choice(
            "status",
            "proposal.status",
            "proposal.status_help",
            PROPOSAL_STATUSES.to_vec(),
            "proposal.status_",
            "proposed",
        ),
    ];
    let who = cx.data.short_name(candidate);
    st.form = Some((
        FormTarget::Proposal(candidate),
        Form::new("proposal.title", who, fields),
    ));
}

fn open_action_form(
    st: &mut GrandOralState,
    cx: &mut Ctx,
    id: Option<Id>,
    candidate: Id,
    proposal: Option<Id>,
) {
    let existing = id.and_then(|id| cx.data.oral.actions.iter().find(|a| a.id == id).cloned());
    let a = existing.unwrap_or_else(|| ActionItem {
        condition: "none".into(),
        status: "todo".into(),
        ..ActionItem::default()
    });
    let due = a.due.map(|d| cx.tr.date_numeric(d)).unwrap_or_default();
    let mut form = Form::new(
        "action.title",
        cx.data.short_name(candidate),
        vec![
            Field::text("what", "action.what", "action.what_help", &a.what, 200),
            Field::named(
                "owner",
                "action.owner",
                "action.owner_help",
                people(cx, &[Role::Staff, Role::Professional]),
            ),
            Field::choice(
                "condition",
                "action.condition",
                "action.condition_help",
                ACTION_CONDITIONS.to_vec(),
                "action.condition_",
                &a.condition,
            ),
            Field::text("due", "action.due", "action.due_help", &due, 10),
            Field::choice(
                "status",
                "action.status",
                "action.status_help",
                ACTION_STATUSES.to_vec(),
                "action.status_",
                &a.status,
            ),
        ],
    );
    if let Some(owner) = a.owner_id {
        select_named(&mut form, "owner", &owner.to_string());
    }
    st.form = Some((
        FormTarget::Action {
            id: a.id,
            candidate,
            proposal: proposal.or(a.proposal_id),
        },
        form,
    ));
}

fn open_export_form(st: &mut GrandOralState, cx: &mut Ctx) {
    let Some(session) = cx.data.oral_session() else {
        cx.warn(cx.tr.t("oral.no_session").to_string());
        return;
    };
    let name = crate::export::default_name(cx.tr, session.date, Format::Html, Audience::Partner);
    let fields = vec![
        Field::choice(
            "format",
            "oral.export_format",
            "oral.export_format_help",
            vec!["html", "md", "csv", "json"],
            "oral.format_",
            "html",
        ),
        Field::choice(
            "audience",
            "oral.export_audience",
            "oral.export_audience_help",
            vec!["partner", "full"],
            "oral.audience_",
            "partner",
        ),
        Field::text(
            "path",
            "oral.export_path",
            "oral.export_path_help",
            &name.display().to_string(),
            300,
        ),
    ];
    let mut form = Form::new("oral.export_title", String::new(), fields);
    form.footnote = "form.writes_file";
    st.form = Some((FormTarget::Export, form));
}

/// Keys of the open form (editing).
pub fn on_form_key(
    st: &mut GrandOralState,
    cx: &mut Ctx,
    action: Option<Action>,
    key: KeyEvent,
) -> Vec<Effect> {
    let Some((target, form)) = st.form.as_mut() else {
        return Vec::new();
    };
    let target = *target;
    let outcome = form.on_key(action, key);
    if target == FormTarget::Export {
        return export_form_outcome(st, cx, outcome);
    }
    if let Some((_, form)) = st.form.as_mut()
        && matches!(target, FormTarget::Action { .. })
        && outcome == FormOutcome::Changed
    {
        let due = form.value("due");
        let bad = !due.trim().is_empty() && crate::core::dates::parse_date(&due).is_none();
        form.set_error("due", bad.then_some("action.err_due"));
    }
    if !matches!(outcome, FormOutcome::Confirm | FormOutcome::Close) {
        return Vec::new();
    }
    let Some((_, form)) = st.form.as_mut() else {
        return Vec::new();
    };
    // A date still wrong: say so once; a second Esc closes and keeps everything else.
    if form.has_errors() && !form.warned {
        form.warned = true;
        return Vec::new();
    }
    let Some((_, form)) = st.form.take() else {
        return Vec::new();
    };
    match target {
        FormTarget::Proposal(candidate) => save_proposal_form(st, cx, candidate, &form),
        FormTarget::Action {
            id,
            candidate,
            proposal,
        } => save_action_form(cx, id, candidate, proposal, &form),
        FormTarget::Export => Vec::new(),
    }
}

fn save_proposal_form(
    st: &mut GrandOralState,
    cx: &mut Ctx,
    candidate: Id,
    form: &Form,
) -> Vec<Effect> {
    let Some(session) = cx.data.oral_session().map(|s| s.id) else {
        return Vec::new();
    };
    if !form.touched {
        return Vec::new();
    }
    let p = Proposal {
        id: 0,
        session_id: session,
        candidate_id: candidate,
        feedback_id: None,
        offered_by: form.value("by").parse().ok(),
        kind: form.value("kind"),
        detail: form.value("detail").trim().to_string(),
        status: form.value("status"),
    };
    // The new proposal is the last of the candidate's: select it.
    st.cursor = proposals_of(cx, candidate).len();
    vec![Effect::SaveProposal(Box::new(p))]
}

fn save_action_form(
    cx: &mut Ctx,
    id: Id,
    candidate: Id,
    proposal: Option<Id>,
    form: &Form,
) -> Vec<Effect> {
    let Some(cohort) = cx.data.cohort else {
        return Vec::new();
    };
    let what = form.value("what").trim().to_string();
    // A new action only when something was said; one made by `t` (id 0 in the form) is found by proposal.
    let id = if id == 0 {
        proposal
            .and_then(|p| {
                cx.data
                    .oral
                    .actions
                    .iter()
                    .find(|a| a.proposal_id == Some(p))
            })
            .map_or(0, |a| a.id)
    } else {
        id
    };
    if id == 0 && what.is_empty() {
        if form.touched {
            cx.warn(cx.tr.t("action.not_created").to_string());
        }
        return Vec::new();
    }
    let due_text = form.value("due");
    let due = crate::core::dates::parse_date(&due_text);
    if due.is_none() && !due_text.trim().is_empty() {
        cx.warn(cx.tr.t("action.due_dropped").to_string());
    }
    vec![Effect::SaveAction(Box::new(ActionItem {
        id,
        cohort_id: cohort,
        candidate_id: candidate,
        proposal_id: proposal,
        what,
        owner_id: form.value("owner").parse().ok(),
        condition: form.value("condition"),
        due,
        status: form.value("status"),
    }))]
}

fn export_form_outcome(st: &mut GrandOralState, cx: &mut Ctx, outcome: FormOutcome) -> Vec<Effect> {
    match outcome {
        FormOutcome::Close => {
            st.form = None;
            Vec::new()
        }
        FormOutcome::Confirm => {
            let Some((_, form)) = st.form.take() else {
                return Vec::new();
            };
            let path = form.value("path").trim().to_string();
            if path.is_empty() {
                cx.warn(cx.tr.t("oral.export_no_path").to_string());
                st.form = Some((FormTarget::Export, form));
                return Vec::new();
            }
            let format = Format::parse(&form.value("format")).unwrap_or(Format::Html);
            let audience = Audience::parse(&form.value("audience")).unwrap_or(Audience::Partner);
            vec![Effect::Export {
                format,
                audience,
                path: path.into(),
            }]
        }
        FormOutcome::Changed => {
            // The file name follows the format and audience until the user types one of their own.
            if let (Some((_, form)), Some(session)) = (st.form.as_mut(), cx.data.oral_session()) {
                let format = Format::parse(&form.value("format")).unwrap_or(Format::Html);
                let audience =
                    Audience::parse(&form.value("audience")).unwrap_or(Audience::Partner);
                let typed = form.value("path");
                let defaults: Vec<String> = Format::ALL
                    .iter()
                    .flat_map(|f| {
                        [Audience::Partner, Audience::Full].map(|a| {
                            crate::export::default_name(cx.tr, session.date, *f, a)
                                .display()
                                .to_string()
                        })
                    })
                    .collect();
                if defaults.contains(&typed) {
                    let name = crate::export::default_name(cx.tr, session.date, format, audience);
                    if let Some(f) = form.fields.iter_mut().find(|f| f.id == "path") {
                        *f = Field::text(
                            "path",
                            "oral.export_path",
                            "oral.export_path_help",
                            &name.display().to_string(),
                            300,
                        );
                    }
                }
            }
            Vec::new()
        }
        FormOutcome::Nothing => Vec::new(),
    }
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

/// A 1–4 rating as a bar of `width` cells (eighths for the last one), the rest dotted.
fn bar(rating: u8, width: usize) -> (String, String) {
    const PARTS: [char; 8] = [' ', '▏', '▎', '▍', '▌', '▋', '▊', '▉'];
    let eighths = usize::from(rating) * width * 2;
    let mut filled: String = "█".repeat(eighths / 8);
    let mut used = eighths / 8;
    if !eighths.is_multiple_of(8) && used < width {
        filled.push(PARTS[eighths % 8]);
        used += 1;
    }
    (filled, "░".repeat(width.saturating_sub(used)))
}

fn level_style(th: Theme, rating: u8) -> Style {
    match rating {
        1 => th.bad(),
        2 => th.warn(),
        _ => th.ok(),
    }
}

/// Draws the screen.
pub fn draw(st: &GrandOralState, cx: &Ctx, frame: &mut Frame, area: Rect) {
    if st.actions.is_some() {
        draw_actions(st, cx, frame, area);
    } else {
        draw_candidate(st, cx, frame, area);
    }
    if let Some((_, form)) = &st.form {
        form.draw(frame, area, cx.tr, cx.theme);
    }
}

fn draw_candidate(st: &GrandOralState, cx: &Ctx, frame: &mut Frame, area: Rect) {
    let tr = cx.tr;
    let th = cx.theme;
    // Only the candidate shown is rolled up: a key press must stay well under a millisecond.
    let ids = candidate_ids(cx);
    let count = ids.len();
    let current = ids
        .get(st.candidate.min(count.saturating_sub(1)))
        .and_then(|id| cx.data.candidate_summary(*id))
        .map(|mut c| {
            summary::cut_candidate(&mut c, shown_audience(st), false);
            c
        });
    let Some(c) = current else {
        let block = Block::bordered().title(Span::styled(
            format!(" {} ", tr.t("screen.grand_oral")),
            th.accent(),
        ));
        let inner = block.inner(area);
        frame.render_widget(block, area);
        let key = if cx.data.oral_session().is_none() {
            "oral.no_session"
        } else {
            "oral.no_candidate"
        };
        frame.render_widget(ratatui::widgets::Paragraph::new(tr.t(key)), inner);
        return;
    };
    let mode = if st.reveal {
        Span::styled(format!(" {} ", tr.t("oral.mode_revealed")), th.bad())
    } else {
        Span::styled(format!(" {} ", tr.t("oral.mode_presentation")), th.dim())
    };
    let block = Block::bordered()
        .title(Span::styled(
            format!(
                " {} · {} ({}/{count}) ",
                tr.t("screen.grand_oral"),
                c.name,
                st.candidate.min(count.saturating_sub(1)) + 1
            ),
            th.accent(),
        ))
        .title(Line::from(mode).right_aligned());
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let width = inner.width as usize;
    // The bars stay on top; what was said, the proposals and the actions scroll below them.
    let mut top: Vec<Line> = Vec::new();
    let mut head = crate::export::project_line(&c, tr);
    let counts = tr.tf(
        "export.candidate_counts",
        &[
            ("interviews", &c.interviews.len()),
            ("proposals", &c.proposals.len()),
        ],
    );
    head = if head.is_empty() {
        counts
    } else {
        format!("{head} · {counts}")
    };
    top.push(Line::from(Span::styled(fit(&head, width), th.dim())));
    criteria_lines(&c, tr, th, width, &mut top);
    // Rounds name the binômes here (the header says which): short enough for one line at 80 columns.
    let opinions: Vec<String> = c
        .interviews
        .iter()
        .filter_map(|i| {
            i.opinion.as_ref().map(|o| {
                format!(
                    "{}{} {}",
                    tr.t("feedback.round_short"),
                    i.round,
                    tr.t(&format!("feedback.opinion_{o}"))
                )
            })
        })
        .collect();
    if !opinions.is_empty() {
        let text = format!("{} : {}", tr.t("feedback.opinion"), opinions.join(" · "));
        for l in wrap_text(&text, width).into_iter().take(2) {
            top.push(Line::from(Span::styled(l, th.dim())));
        }
    }
    let top_h = (top.len() as u16).min(inner.height / 2 + 2);
    let [top_area, rest_area] = ratatui::layout::Layout::vertical([
        ratatui::layout::Constraint::Length(top_h),
        ratatui::layout::Constraint::Min(0),
    ])
    .areas(inner);
    frame.render_widget(ratatui::widgets::Paragraph::new(top), top_area);
    // One column is kept for the scrollbar.
    let width = width.saturating_sub(1);
    let mut lines: Vec<Line> = Vec::new();
    for (title, quotes) in [
        (tr.t("feedback.strengths"), &c.strengths),
        (tr.t("feedback.to_work_on"), &c.to_work_on),
    ] {
        if quotes.is_empty() {
            continue;
        }
        lines.push(Line::from(Span::styled(title.to_string(), th.accent())));
        for q in quotes {
            for l in wrap_text(
                &format!("« {} » — {}", q.text, q.by),
                width.saturating_sub(2),
            ) {
                lines.push(Line::from(format!("  {l}")));
            }
        }
    }
    lines.push(Line::from(Span::styled(
        if c.proposals.is_empty() {
            tr.t("oral.no_proposals").to_string()
        } else {
            tr.t("export.proposals").to_string()
        },
        th.accent(),
    )));
    let mut selected_line = 0;
    let cursor = st.cursor.min(c.proposals.len().saturating_sub(1));
    for (i, p) in c.proposals.iter().enumerate() {
        let status = tr.t(&format!("proposal.status_{}", p.status));
        let by = crate::export::offered_by(p)
            .map(|b| format!(" — {b}"))
            .unwrap_or_default();
        let text = format!(
            "{} · {}{by}",
            tr.t(&format!("proposal.kind_{}", p.kind)),
            p.detail
        );
        let mark = marker_gap(i == cursor);
        let room = width.saturating_sub(status.width() + 3);
        if i == cursor {
            selected_line = lines.len();
        }
        let style = if i == cursor {
            th.selected()
        } else {
            Style::default()
        };
        let status_style = match p.status.as_str() {
            "accepted" | "in_progress" | "done" => th.ok(),
            "dropped" => th.dim(),
            _ => th.warn(),
        };
        lines.push(Line::from(vec![
            Span::styled(format!("{mark}{}", fit(&text, room)), style),
            Span::styled(format!(" {status}"), status_style),
        ]));
    }
    if !c.actions.is_empty() {
        lines.push(Line::from(Span::styled(
            tr.t("export.actions").to_string(),
            th.accent(),
        )));
        for a in &c.actions {
            let mut text = a.what.clone();
            for part in crate::export::action_details(a, tr) {
                text.push_str(&format!(" — {part}"));
            }
            let status = tr.t(&format!("action.status_{}", a.status));
            let room = width.saturating_sub(status.width() + 3);
            lines.push(Line::from(vec![
                Span::raw(format!("  {}", fit(&text, room))),
                Span::styled(format!(" {status}"), th.dim()),
            ]));
        }
    }
    sensitive_lines(&c, tr, th, width, &mut lines);
    scrolled_lines(frame, rest_area, lines, selected_line, th);
}

fn criteria_lines(
    c: &CandidateSummary,
    tr: crate::i18n::Tr,
    th: Theme,
    width: usize,
    lines: &mut Vec<Line<'static>>,
) {
    if c.interviews.is_empty() {
        lines.push(Line::from(tr.t("export.no_interview").to_string()));
        return;
    }
    let n = c.interviews.len();
    let label_w = (width / 4).clamp(10, 28);
    let tail_w = 13;
    let col_w = (width.saturating_sub(label_w + tail_w) / n).clamp(5, 20);
    let bar_w = col_w.saturating_sub(5).max(1);
    let mut head = vec![Span::raw(fit("", label_w))];
    for i in &c.interviews {
        head.push(Span::styled(
            fit(
                &format!(" {}{} {}", tr.t("feedback.round_short"), i.round, i.panel),
                col_w,
            ),
            th.dim(),
        ));
    }
    lines.push(Line::from(head));
    for cr in &c.criteria {
        let mut spans = vec![Span::raw(fit(criterion_label(&cr.criterion, tr), label_w))];
        for r in &cr.ratings {
            match r {
                Some(v) => {
                    let (full, rest) = bar(*v, bar_w);
                    spans.push(Span::raw(" "));
                    spans.push(Span::styled(full, level_style(th, *v)));
                    spans.push(Span::styled(rest, th.dim()));
                    spans.push(Span::raw(fit(&format!(" {v}"), col_w - 1 - bar_w)));
                }
                None => spans.push(Span::styled(
                    fit(&format!(" {}", "·".repeat(bar_w)), col_w),
                    th.dim(),
                )),
            }
        }
        spans.push(Span::raw(format!(
            " {} {}",
            tr.t("export.mean"),
            mean_text(cr.mean, tr)
        )));
        if cr.disagreement {
            spans.push(Span::styled(format!(" ⚠ {}", tr.t("oral.gap")), th.warn()));
        }
        lines.push(Line::from(spans));
    }
}

fn sensitive_lines(
    c: &CandidateSummary,
    tr: crate::i18n::Tr,
    th: Theme,
    width: usize,
    lines: &mut Vec<Line<'static>>,
) {
    let rows = crate::export::sensitive_rows(c, tr);
    if rows.is_empty() && c.staff_notes.is_empty() && c.panel_notes.is_empty() {
        return;
    }
    lines.push(Line::from(Span::styled(
        tr.t("export.sensitive").to_string(),
        th.bad(),
    )));
    for (label, value) in rows {
        for l in wrap_text(&format!("{label} : {value}"), width.saturating_sub(2)) {
            lines.push(Line::from(format!("  {l}")));
        }
    }
    for q in &c.panel_notes {
        for l in wrap_text(
            &format!("« {} » — {}", q.text, q.by),
            width.saturating_sub(2),
        ) {
            lines.push(Line::from(format!("  {l}")));
        }
    }
    for n in &c.staff_notes {
        for l in wrap_text(&format!("✎ {n}"), width.saturating_sub(2)) {
            lines.push(Line::from(format!("  {l}")));
        }
    }
}

/// A table cell: `text` in `width - 1` characters and a space, so columns never run together.
fn col(text: &str, width: usize) -> String {
    let mut cell = fit(text, width.saturating_sub(1));
    if width > 0 {
        cell.push(' ');
    }
    cell
}

fn draw_actions(st: &GrandOralState, cx: &Ctx, frame: &mut Frame, area: Rect) {
    let tr = cx.tr;
    let th = cx.theme;
    let view = st.actions.unwrap_or_default();
    let rows = open_actions(st, cx);
    let sort = if view.by_due {
        tr.t("oral.sorted_due")
    } else {
        tr.t("oral.sorted_owner")
    };
    let block = Block::bordered().title(Span::styled(
        format!(
            " {} · {} ",
            tr.tf("oral.actions_title", &[("n", &rows.len())]),
            sort
        ),
        th.accent(),
    ));
    let inner = block.inner(area);
    frame.render_widget(block, area);
    if rows.is_empty() {
        frame.render_widget(
            ratatui::widgets::Paragraph::new(tr.t("oral.no_actions")),
            inner,
        );
        return;
    }
    let width = inner.width as usize;
    let cand_w = 12;
    let owner_w = (width / 5).clamp(10, 22);
    let due_w = 11;
    let status_w = 10;
    let cond_w = if st.reveal {
        (width / 6).clamp(10, 24)
    } else {
        0
    };
    let what_w = width.saturating_sub(cand_w + owner_w + due_w + status_w + cond_w + 2);
    let mut lines = Vec::new();
    let mut head = format!(
        "  {}{}{}",
        col(tr.t("export.col_candidate"), cand_w),
        col(tr.t("oral.col_action"), what_w),
        col(tr.t("export.col_by"), owner_w)
    );
    if cond_w > 0 {
        head.push_str(&col(tr.t("export.col_condition"), cond_w));
    }
    head.push_str(&col(tr.t("export.col_due"), due_w));
    head.push_str(&col(tr.t("export.col_status"), status_w));
    lines.push(Line::from(Span::styled(head, th.dim())));
    let today = cx.now.date();
    let cursor = view.cursor.min(rows.len() - 1);
    for (i, a) in rows.iter().enumerate() {
        let owner = a
            .owner_id
            .map(|o| cx.data.short_name(o))
            .unwrap_or_else(|| "—".into());
        let mut text = format!(
            "{}{}{}{}",
            marker_gap(i == cursor),
            col(&cx.data.short_name(a.candidate_id), cand_w),
            col(&a.what, what_w),
            col(&owner, owner_w)
        );
        if cond_w > 0 {
            text.push_str(&col(
                tr.t(&format!("action.condition_{}", a.condition)),
                cond_w,
            ));
        }
        let due = a
            .due
            .map(|d| tr.date_numeric(d))
            .unwrap_or_else(|| "—".into());
        let late = a.due.is_some_and(|d| d < today);
        let style = if i == cursor {
            th.selected()
        } else {
            Style::default()
        };
        lines.push(Line::from(vec![
            Span::styled(text, style),
            Span::styled(col(&due, due_w), if late { th.bad() } else { style }),
            Span::styled(
                col(tr.t(&format!("action.status_{}", a.status)), status_w),
                th.dim(),
            ),
        ]));
    }
    scrolled_lines(frame, inner, lines, cursor + 1, th);
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

    fn on_key(
        &mut self,
        cx: &mut Ctx,
        scope: Scope,
        action: Option<Action>,
        key: KeyEvent,
    ) -> Reply {
        match (scope, action) {
            (Scope::Screen(_), Some(a)) => on_action(self, cx, a).into(),
            (Scope::Screen(_), None) => Reply::default(),
            (Scope::Actions, _) => on_actions_key(self, cx, action).into(),
            _ => on_form_key(self, cx, action, key).into(),
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bars_grow_with_the_rating_and_keep_their_width() {
        for w in 1..12 {
            for r in 1..=4u8 {
                let (full, rest) = bar(r, w);
                assert_eq!(full.chars().count() + rest.chars().count(), w, "{r} {w}");
            }
        }
        assert_eq!(bar(4, 6).0, "██████");
        assert_eq!(bar(2, 6).0, "███");
        assert_eq!(bar(1, 6).0, "█▌");
    }
}
