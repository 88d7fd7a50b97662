//! Drawing of the Participants screen: the people of the cohort, a person, and the import preview.

use super::*;

/// Draws the screen.
pub fn draw(st: &ParticipantsState, cx: &Ctx, frame: &mut Frame, area: Rect) {
    if st.composer.is_some() {
        super::panels::draw(st, cx, frame, area);
        return;
    }
    if let Some(sel) = &st.selection {
        super::selection::draw(sel, cx, frame, area);
        if let Some(sc) = &st.status {
            super::status::draw(sc, cx, frame, area);
        }
        return;
    }
    let tr = cx.tr;
    let th = cx.theme;
    let Some(cohort) = cx.data.current_cohort() else {
        frame.render_widget(
            Paragraph::new(tr.t("part.no_cohort"))
                .block(Block::bordered().title(tr.t("screen.participants"))),
            area,
        );
        return;
    };
    let mut title = format!(
        " {} — {} · {} ",
        tr.t("screen.participants"),
        cohort.name,
        visible(st, cx).len()
    );
    if st.filtering || !st.filter.is_empty() {
        title.push_str(&format!("· / {} ", st.filter));
    }
    let mut block = Block::bordered().title(Span::styled(title, th.accent()));
    if st.reveal {
        block = block.title(
            Line::from(Span::styled(
                format!(" {} ", tr.t("part.reveal_banner")),
                th.bad().add_modifier(Modifier::BOLD),
            ))
            .right_aligned(),
        );
    }
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let rows = visible(st, cx);
    if rows.is_empty() {
        let key = if cx.data.members.is_empty() {
            "part.empty"
        } else {
            "att.no_match"
        };
        frame.render_widget(
            Paragraph::new(tr.t(key))
                .style(th.dim())
                .wrap(Wrap { trim: true }),
            inner,
        );
    } else {
        let mut lines = Vec::new();
        let mut selected_line = 0;
        let mut last_role = None;
        let name_w = if inner.width >= 100 { 26 } else { 20 };
        for (i, m) in rows.iter().enumerate() {
            if last_role != Some(m.role) {
                last_role = Some(m.role);
                let n = rows.iter().filter(|r| r.role == m.role).count();
                lines.push(Line::from(Span::styled(
                    format!("{} · {n}", tr.t(&format!("role.plural.{}", m.role.code()))),
                    th.accent(),
                )));
            }
            let selected = i == st.cursor;
            if selected {
                selected_line = lines.len();
            }
            let detail = crate::messages::member_detail(tr, m);
            let (status, status_w) = super::status::cell(cx, st, m, selected);
            let room = (inner.width as usize).saturating_sub(name_w + 4 + status_w);
            let mut spans = vec![
                Span::raw(marker_gap(selected)),
                Span::raw(format!("{} ", fit(&m.person.full_name(), name_w))),
                status,
            ];
            if st.reveal && m.role == Role::Candidate {
                let s = &m.sensitive;
                let text = tr.tf(
                    "part.sensitive_line",
                    &[
                        (
                            "release",
                            &s.release_date
                                .map(|d| tr.date_numeric(d))
                                .unwrap_or_else(|| "—".into()),
                        ),
                        (
                            "housing",
                            &if s.housing.is_empty() {
                                "—".to_string()
                            } else {
                                s.housing.clone()
                            },
                        ),
                        (
                            "notes",
                            &if s.judicial_notes.is_empty() {
                                "—".to_string()
                            } else {
                                s.judicial_notes.clone()
                            },
                        ),
                    ],
                );
                spans.push(Span::styled(
                    fit(&text, room).trim_end().to_string(),
                    th.bad(),
                ));
            } else {
                spans.push(Span::styled(
                    fit(&detail, room).trim_end().to_string(),
                    th.dim(),
                ));
            }
            let mut line = Line::from(spans);
            if selected {
                line = line.style(th.selected());
            }
            lines.push(line);
        }
        scrolled_lines(frame, inner, lines, selected_line, th);
    }
    if let Some(pf) = &st.form {
        pf.form.draw(frame, area, tr, th);
    }
    if let Some(sc) = &st.status {
        super::status::draw(sc, cx, frame, area);
    }
    match &st.import {
        Some(ImportState::Path(form)) => form.draw(frame, area, tr, th),
        Some(preview @ ImportState::Preview { .. }) => draw_preview(cx, frame, area, preview),
        None => {}
    }
}

pub(super) fn draw_preview(cx: &Ctx, frame: &mut Frame, area: Rect, preview: &ImportState) {
    let ImportState::Preview {
        path,
        lines,
        ok,
        ask,
        scroll,
        ..
    } = preview
    else {
        return;
    };
    let (ok, ask, scroll) = (*ok, ask.as_deref(), *scroll);
    let tr = cx.tr;
    let th = cx.theme;
    let r = centered(area, 78.min(area.width.saturating_sub(2)), area.height);
    frame.render_widget(Clear, r);
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().to_string())
        .unwrap_or_default();
    let hint = if ok && ask.is_some() {
        tr.t("import.preview_ask_hint")
    } else if ok {
        tr.t("import.preview_hint")
    } else {
        tr.t("import.preview_refused")
    };
    let block = Block::bordered()
        .border_style(if ok { th.accent() } else { th.bad() })
        .title(Span::styled(
            format!(" {} — {} ", tr.t("import.preview_title"), name),
            th.accent(),
        ))
        .title_bottom(
            Line::from(Span::styled(
                format!(" {hint} "),
                if ok { th.ok() } else { th.bad() },
            ))
            .right_aligned(),
        );
    let inner = block.inner(r);
    frame.render_widget(block, r);
    // The question stays on top while the report scrolls under it.
    let ask_h = ask.map_or(0, |q| {
        crate::ui::widgets::wrap_text(q, inner.width as usize).len() as u16
    });
    let [question, body] =
        Layout::vertical([Constraint::Length(ask_h), Constraint::Min(1)]).areas(inner);
    if let Some(q) = ask {
        frame.render_widget(
            Paragraph::new(q.to_string())
                .wrap(Wrap { trim: false })
                .style(th.warn().add_modifier(Modifier::BOLD)),
            question,
        );
    }
    let text: Vec<Line> = lines
        .iter()
        .enumerate()
        .map(|(i, l)| {
            let style = if i == 0 && !ok {
                th.bad().add_modifier(Modifier::BOLD)
            } else if l.trim_start().starts_with('+') {
                th.ok()
            } else if l.trim_start().starts_with('~') {
                th.warn()
            } else {
                ratatui::style::Style::default()
            };
            Line::from(Span::styled(l.clone(), style))
        })
        .collect();
    // Rows once wrapped, so that the last page (End) shows the last line whole.
    let rows: usize = lines
        .iter()
        .map(|l| {
            crate::ui::widgets::wrap_text(l, body.width as usize)
                .len()
                .max(1)
        })
        .sum();
    let max = u16::try_from(rows)
        .unwrap_or(u16::MAX)
        .saturating_sub(body.height);
    frame.render_widget(
        Paragraph::new(text)
            .wrap(Wrap { trim: false })
            .scroll((scroll.min(max), 0)),
        body,
    );
}
