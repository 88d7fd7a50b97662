//! Drawing of the Retours screen: the interviews list, one candidate on paper, and the feedback form.

use super::*;
use unicode_width::UnicodeWidthStr;

/// All the interviews of one candidate side by side: ratings per criterion and binôme, what they
/// said, the proposals.
pub(super) fn draw_candidate(
    st: &FeedbackState,
    cx: &Ctx,
    candidate: Id,
    frame: &mut Frame,
    area: Rect,
) {
    let tr = cx.tr;
    let th = cx.theme;
    let member = cx.data.member(candidate);
    let name = member.map(|m| m.person.full_name()).unwrap_or_default();
    let project = member.map(|m| m.project.clone()).unwrap_or_default();
    let block = Block::bordered()
        .title(Span::styled(format!(" {name} · {project} "), th.accent()))
        .title_bottom(Line::from(format!(" {} ", tr.t("feedback.candidate_hint"))).right_aligned());
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let mut mine: Vec<&Feedback> = cx
        .data
        .feedback
        .iter()
        .filter(|f| f.candidate_id == candidate)
        .collect();
    mine.sort_by_key(|f| f.round);
    let interviews: Vec<Row> = rows(st, cx)
        .into_iter()
        .filter(|r| r.candidate_id == candidate)
        .collect();
    let set_key = mine
        .first()
        .map(|f| f.criteria_set.clone())
        .or_else(|| cx.data.session.map(|s| cx.data.settings_of(s).criteria_set))
        .unwrap_or_default();
    let Some(set) = cx.criteria.get(&set_key) else {
        return;
    };
    let label_w = (inner.width as usize / 3).clamp(16, 36);
    let col_w =
        ((inner.width as usize).saturating_sub(label_w + 2) / interviews.len().max(1)).clamp(6, 16);
    let mut lines = Vec::new();
    let mut head = vec![Span::raw(fit("", label_w))];
    for r in &interviews {
        head.push(Span::styled(
            fit(
                &format!(
                    " {}{} {}",
                    tr.t("feedback.round_short"),
                    r.round,
                    table_of(cx, r.panel_id)
                ),
                col_w,
            ),
            th.accent(),
        ));
    }
    lines.push(Line::from(head));
    for c in &set.criteria {
        let label = tr.pick(&c.label_fr, &c.label_en);
        let mut spans = vec![Span::raw(fit(label, label_w))];
        for r in &interviews {
            let rating = mine
                .iter()
                .find(|f| f.round == r.round)
                .and_then(|f| f.rating(&c.key));
            let (text, style) = match rating {
                Some(v) => (
                    format!(" {}", "●".repeat(v as usize)),
                    if v >= 3 { th.ok() } else { th.warn() },
                ),
                None => (" ·".to_string(), th.dim()),
            };
            spans.push(Span::styled(fit(&text, col_w), style));
        }
        lines.push(Line::from(spans));
    }
    lines.push(Line::from(""));
    for f in &mine {
        for (label, text) in [
            ("feedback.strengths", &f.strengths),
            ("feedback.to_work_on", &f.to_work_on),
            ("feedback.advice", &f.advice),
        ] {
            if !text.trim().is_empty() {
                lines.push(Line::from(vec![
                    Span::styled(format!("{} · ", tr.t(label)), th.dim()),
                    Span::raw(format!(
                        "« {} » — {}",
                        text.replace('\n', " "),
                        f.panel_label
                    )),
                ]));
            }
        }
    }
    for p in cx
        .data
        .proposals
        .iter()
        .filter(|p| p.candidate_id == candidate)
    {
        let by = p
            .offered_by
            .and_then(|id| cx.data.member(id))
            .map(|m| m.person.full_name())
            .unwrap_or_else(|| tr.t("proposal.by_missing").to_string());
        lines.push(Line::from(Span::styled(
            format!(
                "+ {} · {} · {} ({})",
                tr.t(&format!("proposal.kind_{}", p.kind)),
                p.detail,
                by,
                tr.t(&format!("proposal.status_{}", p.status))
            ),
            th.ok(),
        )));
    }
    // Long captures scroll (↑↓); the bottom line says when more follows.
    // Rows once wrapped (word wrapping may take a little more: the last row is left free for that).
    let width = inner.width.max(1) as usize;
    let total = lines
        .iter()
        .map(|l| l.width().max(1).div_ceil(width))
        .sum::<usize>() as u16
        + 1;
    let text = Paragraph::new(lines).wrap(Wrap { trim: false });
    let max = total.saturating_sub(inner.height);
    let scroll = st.candidate_scroll.min(max);
    frame.render_widget(text.scroll((scroll, 0)), inner);
    if scroll < max {
        let more = Rect {
            y: inner.bottom().saturating_sub(1),
            height: 1,
            ..inner
        };
        frame.render_widget(Clear, more);
        frame.render_widget(
            Paragraph::new(Span::styled(
                tr.tf("feedback.more_below", &[("n", &(max - scroll))]),
                th.warn(),
            ))
            .right_aligned(),
            more,
        );
    }
}

/// Draws the screen.
pub fn draw(st: &FeedbackState, cx: &Ctx, frame: &mut Frame, area: Rect) {
    if let Some(c) = st.candidate_view {
        draw_candidate(st, cx, c, frame, area);
        return;
    }
    if let Some(view) = &st.conflict {
        super::conflict::draw(view, cx, frame, area);
        return;
    }
    let tr = cx.tr;
    let th = cx.theme;
    let all = rows(st, cx);
    let held: Vec<HeldInterview> = all
        .iter()
        .filter_map(|r| {
            Some(HeldInterview {
                session_id: cx.data.session?,
                candidate_id: r.candidate_id,
                round: r.round,
            })
        })
        .collect();
    let (done, total) = feedback_progress(&held, &cx.data.feedback, &cx.criteria);
    let paper = st
        .paper
        .and_then(|id| cx.data.panel(id))
        .map(|p| {
            format!(
                " · {} {} {}",
                tr.t("feedback.paper"),
                tr.t("panels.table_word"),
                p.table_name
            )
        })
        .unwrap_or_default();
    let conflicts = match cx.data.feedback_conflicts.len() {
        0 => String::new(),
        n => {
            let key = crate::ui::keys::bindings(Scope::Screen(Screen::Feedback))
                .find(|b| b.action == Action::ConflictView)
                .map(|b| crate::ui::keys::keys_label(b, tr, 1))
                .unwrap_or_default();
            tr.tf("feedback.conflict_count", &[("n", &n), ("key", &key)])
        }
    };
    let title = format!(
        " {} · {}{conflicts}{paper} ",
        tr.t("screen.feedback"),
        tr.tf("feedback.count", &[("done", &done), ("all", &total)])
    );
    let block = Block::bordered().title(Span::styled(title, th.accent()));
    let inner = block.inner(area);
    frame.render_widget(block, area);
    if all.is_empty() {
        frame.render_widget(
            Paragraph::new(tr.t("feedback.no_plan"))
                .style(th.dim())
                .wrap(Wrap { trim: true }),
            inner,
        );
        return;
    }
    let mut lines = Vec::new();
    let mut selected_line = 0;
    let mut last_round = 0;
    for (i, r) in all.iter().enumerate() {
        if r.round != last_round {
            last_round = r.round;
            lines.push(Line::from(Span::styled(
                format!("{} {}", tr.t("plan.round"), r.round),
                th.accent(),
            )));
        }
        if i == st.cursor {
            selected_line = lines.len();
        }
        let f = feedback_of(cx, r);
        let (symbol, word, style) = match f.map(|f| f.completeness(&cx.criteria)) {
            Some(Completeness::Complete) => ("●", tr.t("feedback.complete"), th.ok()),
            Some(Completeness::Partial) => ("◐", tr.t("feedback.partial"), th.warn()),
            _ => ("○", tr.t("feedback.missing"), th.bad()),
        };
        // Two laptops' versions wait to be settled: said before the binôme's label.
        let mark = match super::conflict_of(cx, r) {
            Some(_) => format!("{} ", tr.t("feedback.conflict_mark")),
            None => String::new(),
        };
        let label_w = (inner.width as usize).saturating_sub(42 + mark.width());
        let mut line = Line::from(vec![
            Span::raw(marker_gap(i == st.cursor)),
            Span::styled(format!("{symbol} {} ", fit(word, 10)), style),
            Span::raw(format!("{} ", fit(&table_of(cx, r.panel_id), 9))),
            Span::raw(format!("{} ", fit(&short(cx, r.candidate_id), 14))),
            Span::styled(mark, th.warn()),
            Span::styled(
                fit(&r.panel_label, label_w).trim_end().to_string(),
                th.dim(),
            ),
        ]);
        if i == st.cursor {
            line = line.style(th.selected());
        }
        lines.push(line);
    }
    scrolled_lines(frame, inner, lines, selected_line, th);
    if let Some(form) = &st.form {
        draw_form(st, cx, form, frame, area);
    }
    if let Some((_, form)) = &st.proposal_edit {
        form.draw(frame, area, tr, th);
    }
}

pub(super) fn draw_form(
    st: &FeedbackState,
    cx: &Ctx,
    form: &FeedbackForm,
    frame: &mut Frame,
    area: Rect,
) {
    let tr = cx.tr;
    let th = cx.theme;
    let f = &form.feedback;
    frame.render_widget(Clear, area);
    let saved = if st.pending.is_some() {
        tr.t("feedback.saving")
    } else {
        tr.t("feedback.saved")
    };
    let title = format!(
        " {} · {} × {} ({}) · {} {} ",
        tr.t("feedback.title"),
        short(cx, f.candidate_id),
        table_of(cx, f.panel_id),
        f.panel_label,
        tr.t("plan.round"),
        f.round
    );
    let block = Block::bordered()
        .title(Span::styled(
            fit(&title, area.width.saturating_sub(16) as usize)
                .trim_end()
                .to_string(),
            th.accent(),
        ))
        .title(Line::from(Span::styled(format!(" {saved} "), th.ok())).right_aligned());
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let Some(set) = cx.criteria.get(&f.criteria_set) else {
        return;
    };
    let n = set.criteria.len() as u16;
    let [head_area, crit_area, hint_area, text_area] = Layout::vertical([
        Constraint::Length(1),
        Constraint::Length(n + 1),
        Constraint::Length(1),
        Constraint::Min(4),
    ])
    .areas(inner);
    // Whose form this is, in full and in bold, to check against the table before rating.
    let full_name = cx
        .data
        .member(f.candidate_id)
        .map(|m| m.person.full_name())
        .unwrap_or_default();
    let head = format!(
        "{full_name} · {} · {} {}",
        table_of(cx, f.panel_id),
        tr.t("plan.round"),
        f.round
    );
    frame.render_widget(
        Paragraph::new(Span::styled(
            fit(&head, inner.width as usize).trim_end().to_string(),
            th.accent()
                .add_modifier(Modifier::BOLD | Modifier::REVERSED),
        )),
        head_area,
    );
    let label_w = (inner.width as usize / 2).clamp(20, 44);
    let lines = criteria_rows(cx, form, set, label_w);
    frame.render_widget(Paragraph::new(lines), crit_area);
    let hint = set
        .criteria
        .get(form.criterion)
        .map(|c| tr.pick(&c.hint_fr, &c.hint_en).to_string())
        .unwrap_or_else(|| tr.t("feedback.opinion_hint").to_string());
    if form.focus == 0 {
        frame.render_widget(
            Paragraph::new(Span::styled(
                fit(&hint, inner.width as usize).trim_end().to_string(),
                th.dim(),
            )),
            hint_area,
        );
    }
    // The field being typed gets the room; the others show their first line under their label.
    let constraints: Vec<Constraint> = (0..4)
        .map(|i| {
            if form.focus == i + 1 {
                Constraint::Min(3)
            } else {
                Constraint::Length(2)
            }
        })
        .collect();
    let rows = Layout::vertical(constraints).split(text_area);
    for (i, key) in TEXT_FIELDS.iter().enumerate() {
        let focused = form.focus == i + 1;
        let [label_row, body] =
            Layout::vertical([Constraint::Length(1), Constraint::Min(0)]).areas(rows[i]);
        let marker = marker(focused);
        frame.render_widget(
            Paragraph::new(Span::styled(
                format!("{marker}{}", tr.t(key)),
                if focused { th.accent() } else { th.dim() },
            )),
            label_row,
        );
        let mut t = form.texts[i].clone();
        let body = Rect {
            x: body.x + 2,
            width: body.width.saturating_sub(2),
            ..body
        };
        t.set_style(Style::default());
        t.set_cursor_style(if focused {
            Style::default().add_modifier(Modifier::REVERSED)
        } else {
            Style::default()
        });
        frame.render_widget(&t, body);
    }
    if let Some(pf) = &form.proposal {
        pf.draw(frame, area, tr, th);
    }
}

/// One row a criterion (marker, label, four dots, the rating's word), then the overall opinion.
fn criteria_rows(
    cx: &Ctx,
    form: &FeedbackForm,
    set: &crate::core::feedback::CriteriaSet,
    label_w: usize,
) -> Vec<Line<'static>> {
    let tr = cx.tr;
    let th = cx.theme;
    let f = &form.feedback;
    let lines: Vec<Line> = set
        .criteria
        .iter()
        .enumerate()
        .map(|(i, c)| {
            let label = tr.pick(&c.label_fr, &c.label_en);
            let r = f.rating(&c.key);
            let dots: String = (1..=4)
                .map(|k| {
                    if r.is_some_and(|r| r >= k) {
                        "● "
                    } else {
                        "○ "
                    }
                })
                .collect();
            let word = r
                .map(|r| format!("{r} {}", tr.t(rating_key(r))))
                .unwrap_or_else(|| tr.t("feedback.not_rated").to_string());
            let selected = form.focus == 0 && i == form.criterion;
            let style = match r {
                Some(4) | Some(3) => th.ok(),
                Some(_) => th.warn(),
                None => th.dim(),
            };
            let mut line = Line::from(vec![
                Span::raw(marker(selected)),
                Span::raw(fit(label, label_w)),
                Span::styled(format!(" {dots}"), style),
                Span::styled(word, style),
            ]);
            if selected {
                line = line.patch_style(Style::default().add_modifier(Modifier::BOLD));
            }
            line
        })
        .collect();
    let mut lines = lines;
    // The row after the criteria: the binôme's overall opinion.
    let on_opinion = form.focus == 0 && form.criterion == set.criteria.len();
    let opinion = f
        .opinion
        .as_ref()
        .map(|o| tr.t(&format!("feedback.opinion_{o}")).to_string())
        .unwrap_or_else(|| tr.t("feedback.no_opinion").to_string());
    let mut row = Line::from(vec![
        Span::raw(marker(on_opinion)),
        Span::raw(fit(tr.t("feedback.opinion"), label_w)),
        Span::styled(
            format!(" {opinion}"),
            if f.opinion.is_some() {
                th.ok()
            } else {
                th.dim()
            },
        ),
    ]);
    if on_opinion {
        row = row.patch_style(Style::default().add_modifier(Modifier::BOLD));
    }
    lines.push(row);
    lines
}
