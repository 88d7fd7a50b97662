//! Drawing of the Présences screen: counts, the list of people, the times form and the add-person list.

use super::*;

/// Draws the screen into `area`.
pub fn draw(st: &AttendanceState, cx: &Ctx, frame: &mut Frame, area: Rect) {
    let tr = cx.tr;
    let th = cx.theme;
    let Some(session) = cx.data.current_session() else {
        let p = Paragraph::new(tr.t("att.no_session"))
            .block(Block::bordered().title(tr.t("screen.attendance")));
        frame.render_widget(p, area);
        return;
    };
    let title = format!(
        " {} — {} {} ",
        tr.t("screen.attendance"),
        tr.t(&format!("kind.{}", session.kind.code())),
        tr.date_short(session.date)
    );
    let block = Block::bordered().title(Span::styled(title, th.accent()));
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let [counts_area, list_area] =
        Layout::vertical([Constraint::Length(2), Constraint::Min(1)]).areas(inner);
    draw_counts(cx, frame, counts_area);

    let rows = visible(st, cx);
    if rows.is_empty() {
        let key = if cx.data.attendance.is_empty() {
            "att.empty_list"
        } else {
            "att.no_match"
        };
        frame.render_widget(Paragraph::new(tr.t(key)).style(th.dim()), list_area);
    } else {
        let mut lines: Vec<Line> = Vec::with_capacity(rows.len() + 3);
        let mut selected_line = 0;
        let mut last_role = None;
        let counts = cx.data.counts();
        for (i, (m, a)) in rows.iter().enumerate() {
            if last_role != Some(m.role) {
                last_role = Some(m.role);
                let c = counts.role(m.role);
                lines.push(Line::from(Span::styled(
                    format!(
                        "{} · {}/{}",
                        tr.t(&format!("role.plural.{}", m.role.code())),
                        c.came,
                        c.listed
                    ),
                    th.accent(),
                )));
            }
            if i == st.cursor {
                selected_line = lines.len();
            }
            lines.push(person_line(cx, m, a, i == st.cursor, list_area.width));
        }
        scrolled_lines(frame, list_area, lines, selected_line, th);
    }
    if st.filtering || !st.filter.is_empty() {
        let cursor = if st.filtering { "▏" } else { "" };
        let text = format!(" / {}{} ", st.filter, cursor);
        let w = (text.width() as u16 + 2).min(area.width.saturating_sub(4));
        let r = Rect::new(area.right().saturating_sub(w + 2), area.y, w, 1);
        frame.render_widget(
            Paragraph::new(text).style(th.warn().add_modifier(Modifier::BOLD)),
            r,
        );
    }
    if let Some(form) = &st.form {
        draw_form(cx, form, frame, area);
    }
    if let Some(adder) = &st.adder {
        draw_adder(cx, adder, frame, area);
    }
}

pub(super) fn draw_counts(cx: &Ctx, frame: &mut Frame, area: Rect) {
    let tr = cx.tr;
    let th = cx.theme;
    let c = cx.data.counts();
    let part = |role: Role| {
        let rc = c.role(role);
        tr.tf(
            &format!("att.count_{}", role.code()),
            &[("came", &rc.came), ("listed", &rc.listed)],
        )
    };
    let first = Line::from(vec![
        Span::styled(
            tr.tn(
                "att.came_total",
                c.came_total() as i64,
                &[("n", &c.came_total())],
            ),
            th.ok().add_modifier(Modifier::BOLD),
        ),
        Span::raw(" · "),
        Span::raw(part(Role::Candidate)),
        Span::raw(" · "),
        Span::raw(part(Role::Professional)),
        Span::raw(" · "),
        Span::raw(part(Role::Staff)),
    ]);
    let all = [c.candidates, c.professionals, c.staff];
    let sum =
        |f: fn(&crate::core::attendance::RoleCounts) -> usize| all.iter().map(f).sum::<usize>();
    let second = Line::from(Span::styled(
        fit_line(
            tr.tf(
                "att.breakdown",
                &[
                    ("late", &sum(|r| r.late)),
                    ("left", &sum(|r| r.left_early)),
                    ("absent", &sum(|r| r.absent)),
                    ("excused", &sum(|r| r.excused)),
                    ("waiting", &sum(|r| r.waiting)),
                ],
            ),
            area.width,
        ),
        th.dim(),
    ));
    frame.render_widget(Paragraph::new(vec![first, second]), area);
}

pub(super) fn fit_line(text: String, width: u16) -> String {
    fit(&text, width as usize).trim_end().to_string()
}

pub(super) fn detail(cx: &Ctx, m: &Member) -> String {
    crate::messages::member_detail(cx.tr, m)
}

pub(super) fn person_line(
    cx: &Ctx,
    m: &Member,
    a: &Attendance,
    selected: bool,
    width: u16,
) -> Line<'static> {
    let th = cx.theme;
    let name_w = if width >= 100 { 26 } else { 20 };
    let name = fit(&m.person.full_name(), name_w);
    let status = fit(status_word(cx, a.status), 12);
    let times = match (a.arrived_at, a.left_at) {
        (Some(t), Some(l)) => format!("{} → {}", t.format("%H:%M"), l.format("%H:%M")),
        (Some(t), None) => format!("{}        ", t.format("%H:%M")),
        (None, Some(l)) => format!("      → {}", l.format("%H:%M")),
        (None, None) => " ".repeat(13),
    };
    let mut extra = String::new();
    if !a.reason.is_empty() {
        extra.push_str(&format!("« {} »  ", a.reason));
    }
    if !a.expected {
        extra.push_str(cx.tr.t("att.not_expected"));
        extra.push_str("  ");
    }
    extra.push_str(&detail(cx, m));
    // marker 2 + symbol 2 + name + 1 + status 13 + times 15 + scrollbar 1
    let room = (width as usize).saturating_sub(2 + 2 + name_w + 1 + 13 + 15 + 1);
    let extra = fit(&extra, room).trim_end().to_string();
    let marker = marker_gap(selected);
    let mut spans = vec![
        Span::raw(marker),
        Span::styled(format!("{} ", status_symbol(a.status)), th.status(a.status)),
        Span::raw(format!("{name} ")),
        Span::styled(format!("{status} "), th.status(a.status)),
        Span::raw(format!("{times}  ")),
        Span::styled(extra, th.dim()),
    ];
    if selected {
        for s in &mut spans {
            s.style = s.style.add_modifier(Modifier::REVERSED);
        }
    }
    Line::from(spans)
}

pub(super) fn draw_form(cx: &Ctx, form: &TimesForm, frame: &mut Frame, area: Rect) {
    let tr = cx.tr;
    let th = cx.theme;
    let name = cx
        .data
        .member(form.person_id)
        .map(|m| m.person.full_name())
        .unwrap_or_default();
    let r = centered(area, 64, 10);
    frame.render_widget(Clear, r);
    let block = Block::bordered()
        .title(Span::styled(
            format!(" {} — {} ", tr.t("att.form_title"), name),
            th.accent(),
        ))
        .title_bottom(
            Line::from(Span::styled(
                format!(" {} ", tr.t("att.form_saved")),
                th.dim(),
            ))
            .right_aligned(),
        );
    let inner = block.inner(r);
    frame.render_widget(block, r);
    let rows = Layout::vertical([
        Constraint::Length(1),
        Constraint::Length(1),
        Constraint::Length(1),
        Constraint::Length(1),
        Constraint::Length(1),
        Constraint::Min(0),
    ])
    .split(inner);
    let labels = [
        "att.field_arrival",
        "att.field_departure",
        "att.field_reason",
    ];
    for (i, label) in labels.iter().enumerate() {
        let row = rows[i];
        let invalid = i < 2 && form.invalid[i];
        text_field(
            frame,
            row,
            tr.t(label),
            &form.inputs[i],
            form.field == i,
            invalid,
            th,
        );
    }
    let hint = if let Some(p) = form.problem {
        Span::styled(crate::messages::times_problem(tr, p), th.bad())
    } else if form.invalid.iter().any(|b| *b) {
        Span::styled(tr.t("att.invalid_time"), th.bad())
    } else {
        Span::styled(tr.t("att.form_hint"), th.dim())
    };
    // The hint may be a sentence: it wraps into the rows below.
    let hint_area = Rect {
        height: rows[4].height + rows[5].height,
        ..rows[4]
    };
    frame.render_widget(
        Paragraph::new(Line::from(hint)).wrap(ratatui::widgets::Wrap { trim: true }),
        hint_area,
    );
}

pub(super) fn draw_adder(cx: &Ctx, adder: &AddPersonForm, frame: &mut Frame, area: Rect) {
    let tr = cx.tr;
    let th = cx.theme;
    let r = centered(area, 64, 14);
    frame.render_widget(Clear, r);
    let block = Block::bordered().title(Span::styled(
        format!(" {} ", tr.t("att.add_title")),
        th.accent(),
    ));
    let inner = block.inner(r);
    frame.render_widget(block, r);
    let [input_row, list_area, role_row] = Layout::vertical([
        Constraint::Length(1),
        Constraint::Min(1),
        Constraint::Length(1),
    ])
    .areas(inner);
    text_field(
        frame,
        input_row,
        tr.t("att.add_name"),
        &adder.input,
        true,
        false,
        th,
    );
    let query = adder.input.lines().first().cloned().unwrap_or_default();
    let mut lines: Vec<Line> = addable(cx, &query)
        .iter()
        .map(|m| {
            Line::from(format!(
                "{} · {}",
                m.person.full_name(),
                tr.t(&format!("role.one.{}", m.role.code()))
            ))
        })
        .collect();
    if let Some((first, last)) = split_name(&query) {
        lines.push(Line::from(Span::styled(
            tr.tf(
                "att.add_new",
                &[
                    ("name", &format!("{first} {last}")),
                    ("role", &tr.t(&format!("role.one.{}", adder.role.code()))),
                ],
            ),
            th.ok(),
        )));
    }
    if lines.is_empty() {
        lines.push(Line::from(Span::styled(tr.t("att.add_help"), th.dim())));
    } else if let Some(l) = lines.get_mut(adder.cursor) {
        *l = l.clone().style(th.selected());
    }
    let inner_list = Rect {
        y: list_area.y + 1,
        height: list_area.height.saturating_sub(1),
        ..list_area
    };
    scrolled_lines(frame, inner_list, lines, adder.cursor, th);
    frame.render_widget(
        Paragraph::new(tr.tf(
            "att.add_role",
            &[("role", &tr.t(&format!("role.one.{}", adder.role.code())))],
        ))
        .style(th.dim()),
        role_row,
    );
}
