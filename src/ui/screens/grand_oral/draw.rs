//! Drawing of the Grand oral screen: the candidate page, the criteria bars and the actions list.

use super::*;

/// A 1–4 rating as a bar of `width` cells (eighths for the last one), the rest dotted.
pub(super) fn bar(rating: u8, width: usize) -> (String, String) {
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

pub(super) fn level_style(th: Theme, rating: u8) -> Style {
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

pub(super) fn draw_candidate(st: &GrandOralState, cx: &Ctx, frame: &mut Frame, area: Rect) {
    let tr = cx.tr;
    let th = cx.theme;
    // Only the candidate shown is rolled up: a key press must stay well under a millisecond.
    let ids = candidate_ids(cx);
    let count = ids.len();
    let current = ids
        .get(st.candidate.min(count.saturating_sub(1)))
        .and_then(|id| cx.data.candidate_summary(&cx.criteria, *id))
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
        // What partners receive in the exports is what the room sees.
        (tr.t("feedback.advice"), &c.advice),
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
    let selected_line = proposal_and_action_lines(&c, st.cursor, cx, width, &mut lines);
    sensitive_lines(&c, tr, th, width, &mut lines);
    scrolled_lines(frame, rest_area, lines, selected_line, th);
}

pub(super) fn criteria_lines(
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

pub(super) fn sensitive_lines(
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
pub(super) fn col(text: &str, width: usize) -> String {
    let mut cell = fit(text, width.saturating_sub(1));
    if width > 0 {
        cell.push(' ');
    }
    cell
}

pub(super) fn draw_actions(st: &GrandOralState, cx: &Ctx, frame: &mut Frame, area: Rect) {
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

/// The candidate's proposals (the one at `cursor` highlighted) and action items, appended to
/// `lines`; returns the line of the highlighted proposal.
fn proposal_and_action_lines(
    c: &CandidateSummary,
    cursor: usize,
    cx: &Ctx,
    width: usize,
    lines: &mut Vec<Line<'static>>,
) -> usize {
    let tr = cx.tr;
    let th = cx.theme;
    lines.push(Line::from(Span::styled(
        if c.proposals.is_empty() {
            tr.t("oral.no_proposals").to_string()
        } else {
            tr.t("export.proposals").to_string()
        },
        th.accent(),
    )));
    let mut selected_line = 0;
    let cursor = cursor.min(c.proposals.len().saturating_sub(1));
    for (i, p) in c.proposals.iter().enumerate() {
        let status = tr.t(&format!("proposal.status_{}", p.status));
        // Said, not left blank: m fixes it.
        let by = format!(
            " — {}",
            crate::export::offered_by(p).unwrap_or_else(|| tr.t("proposal.by_missing").to_string())
        );
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
    selected_line
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
