//! The selection view (`v`, issue 19): the prospects of the cohort with their referral,
//! project, zone, sectors and information meetings attended; the three criteria to tick, then
//! retenu / non retenu in one key, counted against the cohort's target size.

use super::*;
use crate::core::domain::SessionKind;
use crate::core::path::{Change, Criteria, Mark, Status, retained_against};

/// The open selection view.
#[derive(Default)]
pub struct SelectionState {
    /// Selected row.
    pub cursor: usize,
    /// The criterion Space ticks (0–2).
    pub criterion: usize,
    /// Criteria ticked so far, per person (prefilled from their last decision).
    pub ticks: Vec<(Id, Criteria)>,
}

impl SelectionState {
    /// The criteria ticked for a person.
    pub fn criteria(&self, person: Id) -> Criteria {
        self.ticks
            .iter()
            .find(|(p, _)| *p == person)
            .map(|(_, c)| *c)
            .unwrap_or_default()
    }
}

/// Whether a candidate is still a prospect: not yet started, withdrawn or completed.
fn is_prospect(status: Option<Status>) -> bool {
    !matches!(
        status,
        Some(Status::Started | Status::Withdrew | Status::Completed)
    )
}

/// The prospects, in the Participants order.
pub fn prospects(cx: &Ctx) -> Vec<&Member> {
    cx.data
        .members
        .iter()
        .filter(|m| !m.archived && m.role == Role::Candidate)
        .filter(|m| is_prospect(cx.data.path.status(m.person.id)))
        .collect()
}

/// Opens the view, the criteria prefilled from each person's last decision.
pub fn open(st: &mut ParticipantsState, cx: &Ctx) {
    let ticks = prospects(cx)
        .iter()
        .map(|m| {
            let c = cx
                .data
                .path
                .history(m.person.id)
                .iter()
                .rev()
                .find(|c| matches!(c.status, Status::Selected | Status::NotSelected))
                .map(|c| c.criteria)
                .unwrap_or_default();
            (m.person.id, c)
        })
        .collect();
    st.selection = Some(SelectionState {
        ticks,
        ..SelectionState::default()
    });
}

/// Keys of the view.
pub fn on_action(st: &mut ParticipantsState, cx: &mut Ctx, action: Option<Action>) -> Vec<Effect> {
    let rows = prospects(cx);
    let selected = rows
        .get(st.selection.as_ref().map_or(0, |s| s.cursor))
        .map(|m| (*m).clone());
    let Some(sel) = st.selection.as_mut() else {
        return Vec::new();
    };
    let Some(action) = action else {
        return Vec::new();
    };
    match action {
        Action::Back => st.selection = None,
        Action::Left => sel.criterion = (sel.criterion + 2) % 3,
        Action::Right => sel.criterion = (sel.criterion + 1) % 3,
        Action::Cycle => {
            if let Some(m) = &selected {
                let mut c = sel.criteria(m.person.id);
                c.cycle(sel.criterion);
                sel.ticks.retain(|(p, _)| *p != m.person.id);
                sel.ticks.push((m.person.id, c));
            }
        }
        Action::Retain | Action::Reject => {
            if let Some(m) = &selected {
                let status = if action == Action::Retain {
                    Status::Selected
                } else {
                    Status::NotSelected
                };
                let mut change = Change::new(status, cx.now.date());
                change.criteria = sel.criteria(m.person.id);
                return vec![Effect::ChangeStatus {
                    person_id: m.person.id,
                    change: Box::new(change),
                }];
            }
        }
        Action::Open => {
            if let Some(m) = &selected {
                super::status::open(st, cx, m);
            }
        }
        a => {
            step(&mut sel.cursor, a, rows.len());
        }
    }
    Vec::new()
}

fn mark_symbol(m: Option<Mark>) -> &'static str {
    match m {
        Some(Mark::Yes) => "✓",
        Some(Mark::Partly) => "~",
        Some(Mark::No) => "✗",
        None => "·",
    }
}

/// Information meetings of the cohort the person came to.
fn meetings_attended(cx: &Ctx, person: Id) -> usize {
    cx.data
        .oral
        .attendance
        .iter()
        .filter(|a| a.person_id == person && a.status.came())
        .filter(|a| {
            cx.data
                .sessions
                .iter()
                .any(|s| s.id == a.session_id && s.kind == SessionKind::InfoMeeting)
        })
        .count()
}

/// Draws the view.
pub fn draw(sel: &SelectionState, cx: &Ctx, frame: &mut Frame, area: Rect) {
    let tr = cx.tr;
    let th = cx.theme;
    let cohort = cx
        .data
        .current_cohort()
        .map(|c| c.name.clone())
        .unwrap_or_default();
    let (retained, target, over) = retained_against(&cx.data.path.funnel, cx.data.path.target);
    let count = tr.tf("path.retained", &[("n", &retained), ("target", &target)]);
    let block = Block::bordered()
        .title(Span::styled(
            format!(
                " {} ",
                tr.tf("path.selection_title", &[("cohort", &cohort)])
            ),
            th.accent(),
        ))
        .title(
            Line::from(Span::styled(
                format!(" {count} "),
                if over {
                    th.warn().add_modifier(Modifier::BOLD)
                } else {
                    th.ok()
                },
            ))
            .right_aligned(),
        );
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let rows = prospects(cx);
    if rows.is_empty() {
        frame.render_widget(
            Paragraph::new(tr.t("path.no_prospects"))
                .style(th.dim())
                .wrap(Wrap { trim: true }),
            inner,
        );
        return;
    }
    let width = inner.width as usize;
    let (name_w, status_w, ref_w) = if width >= 110 {
        (22, 12, 18)
    } else {
        (16, 11, 10)
    };
    // marker 2 + name + status + referral + info 3 + criteria 6 + spaces
    let fixed = 2 + name_w + 1 + status_w + 1 + ref_w + 1 + 3 + 1 + 6 + 1;
    let rest = width.saturating_sub(fixed);
    let crit_labels: Vec<String> = ["motivation", "coherence", "local_priority"]
        .iter()
        .map(|k| {
            tr.t(&format!("path.criterion.{k}"))
                .chars()
                .take(1)
                .collect::<String>()
                .to_uppercase()
        })
        .collect();
    let mut header = format!(
        "  {} {} {} {} ",
        fit(tr.t("sheet.col_name"), name_w),
        fit(tr.t("path.column"), status_w),
        fit(tr.t("path.referred_by"), ref_w),
        fit(tr.t("path.info_short"), 3),
    );
    for (i, l) in crit_labels.iter().enumerate() {
        header.push_str(&fit(
            &format!("{l}{}", if i == sel.criterion { "▾" } else { " " }),
            2,
        ));
    }
    header.push(' ');
    header.push_str(&fit(tr.t("path.project_zone"), rest));
    let mut lines = vec![Line::from(Span::styled(
        fit(&header, width).trim_end().to_string(),
        th.dim(),
    ))];
    if over {
        lines.push(Line::from(Span::styled(
            fit(
                &tr.tf("path.over_target", &[("target", &target), ("n", &retained)]),
                width,
            )
            .trim_end()
            .to_string(),
            th.warn(),
        )));
    }
    let top = lines.len();
    for (i, m) in rows.iter().enumerate() {
        let selected = i == sel.cursor;
        let history = cx.data.path.history(m.person.id);
        let status = crate::core::path::current(history)
            .map(|s| tr.t(&format!("path.status.{}", s.code())).to_string())
            .unwrap_or_else(|| tr.t("path.none").to_string());
        let referral = history
            .iter()
            .rev()
            .find(|c| c.status == Status::Referred)
            .map(|c| {
                let by = c
                    .referrer
                    .map(|r| tr.t(&format!("path.referrer.{}", r.code())).to_string())
                    .unwrap_or_default();
                format!("{by} {}", c.date.format("%d/%m"))
            })
            .unwrap_or_else(|| tr.t("path.none").to_string());
        let c = sel.criteria(m.person.id);
        let marks: String = c
            .marks()
            .iter()
            .map(|m| format!("{} ", mark_symbol(*m)))
            .collect();
        let about = [
            m.project.clone(),
            m.target_area.clone(),
            sector_labels(cx, &m.sectors),
        ]
        .into_iter()
        .filter(|s| !s.is_empty())
        .collect::<Vec<_>>()
        .join(" · ");
        let status_style = match crate::core::path::current(history) {
            Some(Status::Selected) => th.ok(),
            Some(Status::NotSelected) => th.dim(),
            _ => ratatui::style::Style::default(),
        };
        let mut line = Line::from(vec![
            Span::raw(marker_gap(selected)),
            Span::raw(format!("{} ", fit(&m.person.full_name(), name_w))),
            Span::styled(format!("{} ", fit(&status, status_w)), status_style),
            Span::raw(format!("{} ", fit(&referral, ref_w))),
            Span::raw(format!(
                "{} ",
                fit(&meetings_attended(cx, m.person.id).to_string(), 3)
            )),
            Span::styled(format!("{marks} "), th.accent()),
            Span::styled(fit(&about, rest).trim_end().to_string(), th.dim()),
        ]);
        if selected {
            line = line.style(th.selected());
        }
        lines.push(line);
    }
    let list = Rect {
        y: inner.y + top as u16,
        height: inner.height.saturating_sub(top as u16),
        ..inner
    };
    let head: Vec<Line> = lines.drain(..top).collect();
    frame.render_widget(Paragraph::new(head), inner);
    scrolled_lines(frame, list, lines, sel.cursor, th);
}
