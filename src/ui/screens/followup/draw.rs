//! Drawing the Suivi screen: the worklist, or one candidate's log, checklist and outcomes.

use chrono::NaiveDate;
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Paragraph};

use super::{FollowupState, Pane, contacts_of, others, release_of, worklist};
use crate::core::domain::Id;
use crate::core::followup::{self, CheckItem, Due, Milestone};
use crate::ui::context::Ctx;
use crate::ui::widgets::{fit, marker_gap, scrolled_lines, wrap_text};

/// Draws the screen, and the open form over it.
pub fn draw(st: &FollowupState, cx: &Ctx, frame: &mut Frame, area: Rect) {
    match st.candidate {
        Some(c) => draw_candidate(st, cx, frame, area, c),
        None => draw_worklist(st, cx, frame, area),
    }
    if let Some((_, form)) = &st.form {
        form.draw(frame, area, cx.tr, cx.theme);
    }
}

/// A release date as this screen may show it: the date when revealed, else « masquée ».
fn release_text(st: &FollowupState, cx: &Ctx, release: Option<NaiveDate>) -> String {
    match release {
        None => cx.tr.t("followup.release_unknown").to_string(),
        Some(_) if !st.reveal => cx.tr.t("followup.release_hidden").to_string(),
        Some(d) => cx
            .tr
            .tf("followup.release_on", &[("date", &cx.tr.date_short(d))]),
    }
}

fn milestone_label(cx: &Ctx, m: Milestone) -> &'static str {
    cx.tr.t(&format!("followup.milestone_{}", m.code()))
}

/// One worklist line's reason, release dates only when revealed.
pub fn due_text(st: &FollowupState, cx: &Ctx, due: &Due) -> String {
    let tr = cx.tr;
    let action_what = |id: Id| {
        cx.data
            .oral
            .actions
            .iter()
            .find(|a| a.id == id)
            .map(|a| a.what.clone())
            .unwrap_or_default()
    };
    match due {
        Due::ReleaseUnknown => tr.t("followup.due.release_unknown").to_string(),
        Due::ReleaseSoon { release, days } if st.reveal => tr.tf(
            "followup.due.release_soon_date",
            &[("date", &tr.date_short(*release)), ("days", days)],
        ),
        Due::ReleaseSoon { .. } => tr.t("followup.due.release_soon").to_string(),
        Due::NoContact { last: None } => tr.t("followup.due.never_contacted").to_string(),
        Due::NoContact { last: Some(d) } => {
            tr.tf("followup.due.no_contact", &[("date", &tr.date_short(*d))])
        }
        Due::OutcomeDue {
            milestone,
            target,
            late,
        } => {
            let mut s = tr.tf(
                "followup.due.outcome",
                &[("milestone", &milestone_label(cx, *milestone))],
            );
            if st.reveal {
                s.push_str(&format!(" ({})", tr.date_short(*target)));
            }
            if *late {
                s.push_str(&format!(" — {}", tr.t("followup.due.late")));
            }
            s
        }
        Due::AtRelease { action_id } => tr.tf(
            "followup.due.at_release",
            &[("what", &action_what(*action_id))],
        ),
        Due::Overdue { action_id, due } => tr.tf(
            "followup.due.overdue",
            &[
                ("what", &action_what(*action_id)),
                ("date", &tr.date_short(*due)),
            ],
        ),
    }
}

fn draw_worklist(st: &FollowupState, cx: &Ctx, frame: &mut Frame, area: Rect) {
    let tr = cx.tr;
    let th = cx.theme;
    let items = worklist(cx);
    let others = others(cx, &items);
    let block = Block::bordered().title(Span::styled(
        format!(
            " {} ",
            tr.tf("followup.worklist_title", &[("n", &items.len())])
        ),
        th.accent(),
    ));
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let width = inner.width as usize;
    let name_w = (width / 4).clamp(12, 24);
    let rows = items.len() + others.len();
    let cursor = st.cursor.min(rows.saturating_sub(1));
    let row = |i: usize, name: Id, text: String, style: Style| {
        let text = format!(
            "{}{} {text}",
            marker_gap(i == cursor),
            fit(&cx.data.short_name(name), name_w),
        );
        let style = if i == cursor { th.selected() } else { style };
        Line::from(Span::styled(fit(&text, width), style))
    };
    let mut lines: Vec<Line> = Vec::new();
    if items.is_empty() {
        // Wrapped by display width: the sentence is longer than 80 columns.
        lines.extend(
            wrap_text(tr.t("followup.worklist_empty"), width)
                .into_iter()
                .map(Line::from),
        );
    }
    for (i, w) in items.iter().enumerate() {
        let style = if matches!(
            w.due,
            Due::Overdue { .. } | Due::OutcomeDue { late: true, .. }
        ) {
            th.warn()
        } else {
            Style::default()
        };
        lines.push(row(i, w.candidate_id, due_text(st, cx, &w.due), style));
    }
    // The line the cursor is on, once the heading of the others is counted.
    let mut selected = lines.len() - items.len() + cursor;
    if !others.is_empty() {
        lines.push(Line::from(Span::styled(
            fit(
                &tr.tf("followup.others_title", &[("n", &others.len())]),
                width,
            ),
            th.accent(),
        )));
        if cursor >= items.len() {
            selected += 1;
        }
    }
    for (j, &c) in others.iter().enumerate() {
        let last = cx
            .data
            .followup
            .contacts
            .iter()
            .filter(|k| k.candidate_id == c)
            .map(|k| k.date)
            .max()
            .map(|d| tr.tf("followup.last_contact", &[("date", &tr.date_short(d))]))
            .unwrap_or_default();
        lines.push(row(items.len() + j, c, last, th.dim()));
    }
    scrolled_lines(frame, inner, lines, selected, cx.theme);
}

fn pane_block<'a>(cx: &Ctx, title: String, focused: bool) -> Block<'a> {
    let style = if focused {
        cx.theme.accent()
    } else {
        cx.theme.dim()
    };
    Block::bordered().title(Span::styled(format!(" {title} "), style))
}

fn row_style(cx: &Ctx, focused: bool, selected: bool) -> ratatui::style::Style {
    if focused && selected {
        cx.theme.selected()
    } else {
        ratatui::style::Style::default()
    }
}

fn draw_candidate(st: &FollowupState, cx: &Ctx, frame: &mut Frame, area: Rect, candidate: Id) {
    let tr = cx.tr;
    let release = release_of(cx, candidate);
    let mut head = format!(
        "{} · {}",
        cx.data
            .member(candidate)
            .map_or_else(|| cx.data.short_name(candidate), |m| m.person.full_name()),
        release_text(st, cx, release)
    );
    if let Some(p) = super::pairing_of(cx, candidate) {
        head.push_str(" · ");
        head.push_str(&tr.tf(
            "followup.mentor",
            &[
                ("name", &cx.data.short_name(p.mentor_id)),
                ("date", &tr.date_short(p.start)),
                (
                    "status",
                    &tr.t(&format!("followup.pairing_{}", p.status.code())),
                ),
            ],
        ));
    }
    let [top, log_area, bottom] = Layout::vertical([
        Constraint::Length(1),
        Constraint::Min(4),
        Constraint::Length(CheckItem::ALL.len() as u16 + 2),
    ])
    .areas(area);
    frame.render_widget(
        Paragraph::new(Span::styled(
            fit(&head, top.width as usize),
            cx.theme.accent(),
        )),
        top,
    );
    draw_log(st, cx, frame, log_area, candidate);
    let [check_area, outcome_area] =
        Layout::horizontal([Constraint::Percentage(50), Constraint::Percentage(50)]).areas(bottom);
    draw_checklist(st, cx, frame, check_area, candidate);
    draw_outcomes(st, cx, frame, outcome_area, candidate, release);
}

fn draw_log(st: &FollowupState, cx: &Ctx, frame: &mut Frame, area: Rect, candidate: Id) {
    let tr = cx.tr;
    let focused = st.pane == Pane::Log;
    let contacts = contacts_of(cx, candidate);
    let block = pane_block(
        cx,
        tr.tf("followup.log_title", &[("n", &contacts.len())]),
        focused,
    );
    let inner = block.inner(area);
    frame.render_widget(block, area);
    if contacts.is_empty() {
        frame.render_widget(Paragraph::new(tr.t("followup.no_contacts")), inner);
        return;
    }
    let width = inner.width as usize;
    let cursor = st.row.min(contacts.len() - 1);
    let lines: Vec<Line> = contacts
        .iter()
        .enumerate()
        .map(|(i, c)| {
            let mut text = format!(
                "{}{} · {}",
                marker_gap(focused && i == cursor),
                tr.date_short(c.date),
                tr.t(&format!("followup.kind_{}", c.kind.code()))
            );
            // The mentor's contacts name them, with their role.
            if let Some(p) = c.with_person {
                text.push_str(" · ");
                text.push_str(&super::mentor_label(cx, p));
            }
            for part in [&c.with_whom, &c.note] {
                if !part.is_empty() {
                    text.push_str(" · ");
                    text.push_str(&part.replace('\n', " "));
                }
            }
            if !c.next_step.is_empty() {
                text.push_str(" → ");
                text.push_str(&c.next_step);
                if let Some(d) = c.next_date {
                    text.push_str(&format!(" ({})", tr.date_short(d)));
                }
            }
            Line::from(Span::styled(
                fit(&text, width),
                row_style(cx, focused, i == cursor),
            ))
        })
        .collect();
    scrolled_lines(frame, inner, lines, cursor, cx.theme);
}

fn draw_checklist(st: &FollowupState, cx: &Ctx, frame: &mut Frame, area: Rect, candidate: Id) {
    let tr = cx.tr;
    let focused = st.pane == Pane::Checklist;
    let block = pane_block(cx, tr.t("followup.checklist_title").to_string(), focused);
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let Some(cohort) = cx.data.cohort else {
        return;
    };
    let width = inner.width as usize;
    let label_w = (width * 3 / 5).clamp(10, 34);
    let lines: Vec<Line> = followup::checklist(cohort, candidate, &cx.data.followup.checks)
        .iter()
        .enumerate()
        .map(|(i, e)| {
            let answer = e
                .answer
                .map_or("—", |a| tr.t(&format!("followup.answer_{}", a.code())));
            let mut text = format!(
                "{}{} {answer}",
                marker_gap(focused && i == st.row),
                fit(tr.t(&format!("followup.check_{}", e.item.code())), label_w),
            );
            if !e.note.is_empty() {
                text.push_str(" · ");
                text.push_str(&e.note.replace('\n', " "));
            }
            Line::from(Span::styled(
                fit(&text, width),
                row_style(cx, focused, i == st.row),
            ))
        })
        .collect();
    frame.render_widget(Paragraph::new(lines), inner);
}

fn draw_outcomes(
    st: &FollowupState,
    cx: &Ctx,
    frame: &mut Frame,
    area: Rect,
    candidate: Id,
    release: Option<NaiveDate>,
) {
    let tr = cx.tr;
    let focused = st.pane == Pane::Outcomes;
    let block = pane_block(cx, tr.t("followup.outcomes_title").to_string(), focused);
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let width = inner.width as usize;
    let mut lines: Vec<Line> = Vec::new();
    for (i, m) in Milestone::ALL.iter().enumerate() {
        let o = cx
            .data
            .followup
            .outcomes
            .iter()
            .find(|o| o.candidate_id == candidate && o.milestone == *m);
        // « à la sortie : », « at release: »: each language's colon.
        let mut text = format!(
            "{}{}{}",
            marker_gap(focused && i == st.row),
            milestone_label(cx, *m),
            crate::export::colon(tr)
        );
        match o {
            None => text.push('—'),
            Some(o) => {
                let label = cx
                    .outcomes
                    .category(&o.category)
                    .map_or(o.category.as_str(), |c| tr.pick(&c.label_fr, &c.label_en));
                text.push_str(label);
                if !o.employer.is_empty() {
                    text.push_str(" · ");
                    text.push_str(&o.employer);
                }
                if let Some(s) = o.start {
                    text.push_str(&format!(" · {}", tr.date_short(s)));
                }
                if o.before_release(release) {
                    text.push_str(&format!(" · {}", tr.t("followup.adjustment")));
                }
            }
        }
        lines.push(Line::from(Span::styled(
            fit(&text, width),
            row_style(cx, focused, i == st.row),
        )));
    }
    frame.render_widget(Paragraph::new(lines), inner);
}
