//! The binôme composer (inside Participants): pair the professionals present into panels,
//! by hand or with a suggestion, and name their tables.

use ratatui::Frame;
use ratatui::crossterm::event::KeyEvent;
use ratatui::layout::Rect;
use ratatui::style::Modifier;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Paragraph, Wrap};

use super::ParticipantsState;
use crate::core::domain::{Id, Panel, SessionKind};
use crate::core::panels::{MAX_PANEL, label, suggest};
use crate::core::text::matches_name;
use crate::ui::context::{Ctx, Effect, Popup};
use crate::ui::form::{Field, Form, FormOutcome};
use crate::ui::keys::Action;
use crate::ui::widgets::{fit, marker_gap, scrolled_lines, step};

/// State of the composer.
#[derive(Default)]
pub struct ComposerState {
    /// Selected row.
    pub cursor: usize,
    /// A professional picked up, waiting to be placed.
    pub holding: Option<Id>,
    /// The table-name form: which panel (index) and the form.
    pub table_form: Option<(usize, Form)>,
    /// A name being typed to find a professional (/), while it is typed.
    pub search: Option<String>,
}

/// A line of the composer.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Row {
    /// A panel's heading (index into the panels).
    Panel(usize),
    /// A member of a panel.
    Member(usize, Id),
    /// The heading of the professionals without a panel.
    FreeHeading,
    /// A professional without a panel.
    Free(Id),
    /// « + new binôme ».
    NewPanel,
}

/// Opens the composer on the session in use.
pub fn open(ps: &mut ParticipantsState, cx: &mut Ctx) {
    match cx.data.current_session() {
        Some(s) if s.kind == SessionKind::JobTraining || s.kind == SessionKind::GrandOral => {
            ps.composer = Some(ComposerState::default());
        }
        Some(_) => cx.warn(cx.tr.t("panels.job_training_only").to_string()),
        None => cx.warn(cx.tr.t("att.no_session").to_string()),
    }
}

/// Professionals present at the session (or expected, while none is marked present) and not
/// in a panel.
pub fn free_pros(cx: &Ctx) -> Vec<Id> {
    let listed = cx.data.listed();
    crate::core::expect::pro_pool(&listed)
        .into_iter()
        .map(|m| m.person.id)
        .filter(|id| !cx.data.panels.iter().any(|p| p.members.contains(id)))
        .collect()
}

/// The composer's lines, top to bottom.
pub fn rows(cx: &Ctx) -> Vec<Row> {
    let mut out = Vec::new();
    for (i, p) in cx.data.panels.iter().enumerate() {
        out.push(Row::Panel(i));
        out.extend(p.members.iter().map(|m| Row::Member(i, *m)));
    }
    out.push(Row::FreeHeading);
    out.extend(free_pros(cx).into_iter().map(Row::Free));
    out.push(Row::NewPanel);
    out
}

fn last_name(cx: &Ctx, id: Id) -> String {
    cx.data
        .member(id)
        .map(|m| m.person.last_name.clone())
        .unwrap_or_default()
}

/// Removes empty panels, renumbers and relabels them; the result is what gets stored.
fn tidy(cx: &Ctx, mut panels: Vec<Panel>) -> Vec<Panel> {
    panels.retain(|p| !p.members.is_empty());
    for (i, p) in panels.iter_mut().enumerate() {
        p.position = i as i64 + 1;
        let names: Vec<String> = p.members.iter().map(|m| last_name(cx, *m)).collect();
        p.label = label(&names.iter().map(String::as_str).collect::<Vec<_>>());
        if p.table_name.trim().is_empty() {
            p.table_name = format!("{}", i + 1);
        }
    }
    panels
}

fn store_panels(cx: &mut Ctx, panels: Vec<Panel>) -> Vec<Effect> {
    let Some(session_id) = cx.data.session else {
        return Vec::new();
    };
    let panels = tidy(cx, panels);
    cx.data.panels = panels.clone();
    vec![Effect::SavePanels { session_id, panels }]
}

/// The suggestion for the pros present.
pub fn suggestion(cx: &Ctx) -> Vec<Panel> {
    let listed = cx.data.listed();
    let pros = crate::core::expect::pool_info(&listed);
    let wanted = crate::core::expect::wanted_sectors(&listed);
    let mut panels = suggest(&pros, &wanted);
    for (i, p) in panels.iter_mut().enumerate() {
        p.table_name = format!("{}", i + 1);
    }
    panels
}

/// Applies the suggestion (after confirmation when panels exist).
pub fn apply_suggestion(cx: &mut Ctx) -> Vec<Effect> {
    let panels = suggestion(cx);
    if panels.is_empty() {
        cx.warn(cx.tr.t("expect.no_pros").to_string());
        return Vec::new();
    }
    let n = panels.len();
    let effects = store_panels(cx, panels);
    let text = cx.tr.tf("panels.suggested", &[("n", &n)]);
    // Fewer binômes than interviews per candidate: say so now, not when the plan is refused.
    let k = cx
        .data
        .current_session()
        .filter(|s| s.kind == SessionKind::JobTraining)
        .map(|s| cx.data.settings_of(s.id).interviews_per_candidate as usize)
        .filter(|k| n < *k);
    match k {
        Some(k) => {
            let short = crate::messages::plan_error(
                cx.tr,
                &crate::core::plan::PlanError::MoreInterviewsThanPanels { k, panels: n },
                &|c| c.to_string(),
            );
            cx.warn(format!("{text} {short}"));
        }
        None => cx.info(text),
    }
    effects
}

/// Browsing keys of the composer.
pub fn on_action(ps: &mut ParticipantsState, cx: &mut Ctx, action: Option<Action>) -> Vec<Effect> {
    let rows = rows(cx);
    let Some(st) = ps.composer.as_mut() else {
        return Vec::new();
    };
    match action {
        Some(a) if step(&mut st.cursor, a, rows.len()) => {}
        // Esc drops what is in hand first, then leaves the composer.
        Some(Action::Back) if st.holding.is_some() => st.holding = None,
        Some(Action::Back) => ps.composer = None,
        Some(Action::Filter) => st.search = Some(String::new()),
        Some(Action::Suggest) => {
            if cx.data.panels.is_empty() {
                return apply_suggestion(cx);
            }
            cx.popup = Some(Popup::ConfirmSuggestPanels);
        }
        Some(Action::TableName) => {
            let row = rows.get(st.cursor).copied();
            if let Some(Row::Panel(i) | Row::Member(i, _)) = row {
                let current = cx
                    .data
                    .panels
                    .get(i)
                    .map(|p| p.table_name.clone())
                    .unwrap_or_default();
                let field = Field::text("table", "panels.table", "panels.table_help", &current, 40);
                let subtitle = cx
                    .data
                    .panels
                    .get(i)
                    .map(|p| p.label.clone())
                    .unwrap_or_default();
                st.table_form = Some((i, Form::new("panels.table_title", subtitle, vec![field])));
            }
        }
        Some(Action::Open) => {
            return enter(
                ps,
                cx,
                rows.get(ps.composer.as_ref().map_or(0, |s| s.cursor))
                    .copied(),
            );
        }
        _ => {}
    }
    Vec::new()
}

fn enter(ps: &mut ParticipantsState, cx: &mut Ctx, row: Option<Row>) -> Vec<Effect> {
    let Some(row) = row else {
        return Vec::new();
    };
    let holding = ps.composer.as_ref().and_then(|s| s.holding);
    let Some(pro) = holding else {
        // Nothing in hand: pick up the professional on this line.
        if let Row::Member(_, id) | Row::Free(id) = row {
            if let Some(st) = ps.composer.as_mut() {
                st.holding = Some(id);
            }
            let name = cx
                .data
                .member(id)
                .map(|m| m.person.full_name())
                .unwrap_or_default();
            cx.info(cx.tr.tf("panels.holding", &[("name", &name)]));
        }
        return Vec::new();
    };
    if matches!(row, Row::Member(_, id) | Row::Free(id) if id == pro) {
        // Enter on the person in hand puts them down where they were.
        if let Some(st) = ps.composer.as_mut() {
            st.holding = None;
        }
        return Vec::new();
    }
    let mut panels = cx.data.panels.clone();
    for p in &mut panels {
        p.members.retain(|m| *m != pro);
    }
    match row {
        Row::Panel(i) | Row::Member(i, _) => {
            let Some(target) = panels.get_mut(i) else {
                return Vec::new();
            };
            if target.members.len() >= MAX_PANEL {
                cx.warn(cx.tr.tf("panels.full", &[("max", &MAX_PANEL)]));
                return Vec::new();
            }
            target.members.push(pro);
        }
        Row::FreeHeading | Row::Free(_) => {}
        Row::NewPanel => panels.push(Panel {
            members: vec![pro],
            ..Panel::default()
        }),
    }
    if let Some(st) = ps.composer.as_mut() {
        st.holding = None;
    }
    let effects = store_panels(cx, panels);
    let at = rows(cx)
        .iter()
        .position(|r| matches!(r, Row::Member(_, id) | Row::Free(id) if *id == pro));
    if let (Some(st), Some(at)) = (ps.composer.as_mut(), at) {
        st.cursor = at;
    }
    effects
}

/// Keys of the table-name form.
pub fn on_table_key(
    ps: &mut ParticipantsState,
    cx: &mut Ctx,
    action: Option<Action>,
    key: KeyEvent,
) -> Vec<Effect> {
    let Some(st) = ps.composer.as_mut() else {
        return Vec::new();
    };
    let Some((i, form)) = st.table_form.as_mut() else {
        return Vec::new();
    };
    let i = *i;
    match form.on_key(action, key) {
        FormOutcome::Changed => {
            let name = form.value("table").trim().to_string();
            let mut panels = cx.data.panels.clone();
            if let Some(p) = panels.get_mut(i) {
                p.table_name = name;
            }
            let effects = store_panels(cx, panels);
            if let Some(effect) = effects.into_iter().next() {
                crate::ui::context::debounce(&mut ps.pending, cx.now, effect);
            }
            Vec::new()
        }
        FormOutcome::Confirm | FormOutcome::Close => {
            st.table_form = None;
            super::flush(ps)
        }
        FormOutcome::Nothing => Vec::new(),
    }
}

/// Keys while a name is typed (/): the cursor goes to the first professional whose name matches,
/// those still without a binôme first; Enter keeps the place, Esc forgets the name.
pub fn on_search_key(
    ps: &mut ParticipantsState,
    cx: &Ctx,
    action: Option<Action>,
    key: KeyEvent,
) -> Vec<Effect> {
    let rows = rows(cx);
    let Some(st) = ps.composer.as_mut() else {
        return Vec::new();
    };
    let Some(search) = st.search.as_mut() else {
        return Vec::new();
    };
    let mut typing = true;
    crate::ui::form::filter_key(search, &mut typing, action, key);
    let named = |id: &Id| {
        cx.data
            .member(*id)
            .is_some_and(|m| matches_name(&m.person.full_name(), search))
    };
    let found = rows
        .iter()
        .position(|r| matches!(r, Row::Free(id) if named(id)))
        .or_else(|| {
            rows.iter()
                .position(|r| matches!(r, Row::Member(_, id) if named(id)))
        });
    if let Some(i) = found.filter(|_| !search.is_empty()) {
        st.cursor = i;
    }
    if !typing {
        st.search = None;
    }
    Vec::new()
}

/// Draws the composer.
pub fn draw(ps: &ParticipantsState, cx: &Ctx, frame: &mut Frame, area: Rect) {
    let tr = cx.tr;
    let th = cx.theme;
    let Some(st) = &ps.composer else {
        return;
    };
    let title = cx
        .data
        .current_session()
        .map(|s| {
            format!(
                " {} — {} {} ",
                tr.t("panels.title"),
                tr.t(&format!("kind.{}", s.kind.code())),
                tr.date_short(s.date)
            )
        })
        .unwrap_or_default();
    let title = match &st.search {
        Some(s) => format!("{title}· / {s} "),
        None => title,
    };
    let block = Block::bordered().title(Span::styled(title, th.accent()));
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let sectors_of = |id: Id| {
        cx.data
            .member(id)
            .map(|m| {
                m.sectors
                    .iter()
                    .map(|s| tr.t(&format!("sector.{}", s.code())))
                    .collect::<Vec<_>>()
                    .join(", ")
            })
            .unwrap_or_default()
    };
    let rows = rows(cx);
    let width = inner.width as usize;
    let lines: Vec<Line> = rows
        .iter()
        .enumerate()
        .map(|(i, row)| {
            let selected = i == st.cursor;
            let marker = marker_gap(selected);
            let mut line = match row {
                Row::Panel(p) => {
                    let panel = &cx.data.panels[*p];
                    let mut sectors: Vec<String> = Vec::new();
                    for m in &panel.members {
                        for s in sectors_of(*m).split(", ").filter(|s| !s.is_empty()) {
                            if !sectors.iter().any(|x| x == s) {
                                sectors.push(s.to_string());
                            }
                        }
                    }
                    let text = format!(
                        "{marker}{} {}",
                        tr.t("panels.table_word"),
                        crate::core::text::join_parts([
                            panel.table_name.clone(),
                            panel.label.clone(),
                            sectors.join(", ")
                        ])
                    );
                    Line::from(Span::styled(
                        fit(&text, width).trim_end().to_string(),
                        th.accent(),
                    ))
                }
                Row::Member(_, id) | Row::Free(id) => {
                    let name = cx
                        .data
                        .member(*id)
                        .map(|m| m.person.full_name())
                        .unwrap_or_default();
                    let org = cx
                        .data
                        .member(*id)
                        .map(|m| m.person.organisation.clone())
                        .unwrap_or_default();
                    let hand = if st.holding == Some(*id) {
                        "✋ "
                    } else {
                        "   "
                    };
                    let text = format!(
                        "{marker}{hand}{} {}",
                        fit(&name, 22),
                        crate::core::text::join_parts([org, sectors_of(*id)])
                    );
                    Line::from(fit(&text, width).trim_end().to_string())
                }
                Row::FreeHeading => {
                    let n = free_pros(cx).len();
                    Line::from(Span::styled(
                        format!("{marker}{}", tr.tf("panels.free", &[("n", &n)])),
                        th.warn(),
                    ))
                }
                Row::NewPanel => Line::from(Span::styled(
                    format!("{marker}{}", tr.t("panels.new")),
                    th.ok(),
                )),
            };
            if selected {
                line = line.style(th.selected());
            }
            if st.holding.is_some()
                && matches!(row, Row::Panel(_) | Row::NewPanel | Row::FreeHeading)
            {
                line =
                    line.patch_style(ratatui::style::Style::default().add_modifier(Modifier::BOLD));
            }
            line
        })
        .collect();
    if cx.data.panels.is_empty() && free_pros(cx).is_empty() {
        frame.render_widget(
            Paragraph::new(tr.t("expect.no_pros"))
                .style(th.dim())
                .wrap(Wrap { trim: true }),
            inner,
        );
    } else {
        scrolled_lines(frame, inner, lines, st.cursor, th);
    }
    if let Some((_, form)) = &st.table_form {
        form.draw(frame, area, tr, th);
    }
}
