//! Drawing of the Journée screen: cohorts, their sessions and the selected session state.

use super::*;
use ratatui::style::Style;

/// The one-line state of a session: « 8/10 présents », « prévue », « terminé ».
pub(super) fn state_line(cx: &Ctx, s: &Session) -> (String, ratatui::style::Style) {
    let tr = cx.tr;
    let th = cx.theme;
    let today = cx.now.date();
    let Some(st) = cx.data.state_of(s.id) else {
        return (String::new(), th.dim());
    };
    let plan = st
        .plan_rounds
        .map(|n| format!(" · {}", tr.tf("day.state_plan", &[("n", &n)])))
        .unwrap_or_default();
    // Nobody on the list yet: neither « 0/0 présents » nor « terminée » (issue 18).
    let Some(came) = crate::messages::session_presence(tr, st) else {
        return (format!("{}{plan}", tr.t("day.state_empty")), th.dim());
    };
    if s.date > today {
        (
            format!(
                "{}{plan}",
                tr.tn("day.state_planned", st.listed, &[("n", &st.listed)])
            ),
            th.dim(),
        )
    } else if s.date == today {
        if st.waiting > 0 {
            (
                format!(
                    "{came} · {}",
                    tr.tf("day.state_waiting", &[("n", &st.waiting)])
                ),
                th.warn(),
            )
        } else {
            (came, th.ok())
        }
    } else if st.waiting > 0 {
        (
            format!(
                "{came} · {}",
                tr.tn("day.state_incomplete", st.waiting, &[("n", &st.waiting)])
            ),
            th.warn(),
        )
    } else {
        (format!("{came} · {}", tr.t("day.state_done")), th.dim())
    }
}

/// Draws the screen.
pub fn draw(st: &DayState, cx: &Ctx, frame: &mut Frame, area: Rect) {
    let tr = cx.tr;
    let th = cx.theme;
    if cx.data.cohorts.is_empty() {
        let text = vec![
            Line::from(Span::styled(tr.t("day.empty_title"), th.accent())),
            Line::from(""),
            Line::from(tr.t("day.empty_create")),
            Line::from(""),
            Line::from(tr.t("day.empty_demo")),
            Line::from(Span::styled("    passerelle demo", th.ok())),
        ];
        let block = Block::bordered().title(format!(" {} ", tr.t("screen.day")));
        frame.render_widget(
            Paragraph::new(text).wrap(Wrap { trim: false }).block(block),
            area,
        );
    } else {
        draw_lists(st, cx, frame, area);
    }
    if let Some(list) = &st.expected {
        expected::draw(list, cx, frame, area);
    }
    if let Some(view) = &st.report {
        super::report::draw(view, cx, frame, area);
    }
    if let Some(view) = &st.agenda {
        super::agenda::draw(view, cx, frame, area);
    }
    if let Some(view) = &st.interest {
        super::interest::draw(view, cx, frame, area);
    }
    if let Some(view) = &st.sync {
        super::sync::draw(view, cx, frame, area);
    }
    // Last: a form opened from a view (a note, an agenda item) is drawn over it.
    if let Some(df) = &st.form {
        df.form.draw(frame, area, tr, th);
    }
}

pub(super) fn draw_lists(st: &DayState, cx: &Ctx, frame: &mut Frame, area: Rect) {
    let tr = cx.tr;
    let th = cx.theme;
    // The sessions need the room: the cohort list keeps a quarter at most.
    let left_w = (area.width / 4).clamp(18, 36);
    let [left, right] =
        Layout::horizontal([Constraint::Length(left_w), Constraint::Min(20)]).areas(area);
    let focus = |p: Pane| {
        if st.pane == p { th.accent() } else { th.dim() }
    };
    // The cohort's funnel under the cohorts (issue 19).
    let (left, funnel) = super::funnel::split(cx, left);
    draw_cohorts(st, cx, frame, left, focus(Pane::Cohorts));
    if let Some((area, body)) = funnel {
        super::funnel::draw(cx, frame, area, body);
    }

    let title = cx
        .data
        .current_cohort()
        .map(|c| {
            format!(
                " {} ",
                fit(
                    &format!("{} · {}", c.name, c.establishment),
                    right.width.saturating_sub(6) as usize
                )
                .trim_end()
            )
        })
        .unwrap_or_default();
    let session_block = Block::bordered()
        .title(Span::styled(title, focus(Pane::Sessions)))
        .title_bottom(Span::styled(followup_counts(cx), th.dim()));
    let inner = session_block.inner(right);
    frame.render_widget(session_block, right);
    if cx.data.sessions.is_empty() {
        frame.render_widget(
            Paragraph::new(tr.t("day.no_sessions"))
                .style(th.dim())
                .wrap(Wrap { trim: true }),
            inner,
        );
        return;
    }
    let ready = selected_session(st, cx)
        .map(|s| readiness_lines(cx, s, inner.width as usize))
        .unwrap_or_default();
    let [list_area, detail_area] = Layout::vertical([
        Constraint::Min(3),
        Constraint::Length(3 + ready.len() as u16),
    ])
    .areas(inner);
    let today = cx.now.date();
    let wide = inner.width >= 80;
    let label_w = if wide { 26 } else { 18 };
    let time_w = if cx.data.path.ends.is_empty() { 5 } else { 11 };
    let lines: Vec<Line> = cx
        .data
        .sessions
        .iter()
        .enumerate()
        .map(|(i, s)| {
            let current = Some(s.id) == cx.data.session;
            // Start–end when the session has an end time (half days, issue 19).
            let span = crate::messages::time_span(s.start_time, cx.data.path.end(s.id));
            let when = format!("{} {}", fit(&tr.date_short(s.date), 13), fit(&span, time_w));
            let label = if s.title.is_empty() {
                tr.t(&format!("kind.{}", s.kind.code())).to_string()
            } else {
                s.title.clone()
            };
            let today_mark = if s.date == today && wide {
                Span::styled(
                    format!("{} ", tr.t("day.today")),
                    th.warn().add_modifier(Modifier::BOLD),
                )
            } else {
                Span::raw("")
            };
            let (state, style) = state_line(cx, s);
            // 2 marker + date and time + 1 + label + 1 + today mark
            let used = 2 + 14 + time_w + 1 + label_w + 1 + today_mark.content.width();
            let state = fit(&state, (list_area.width as usize).saturating_sub(used + 1))
                .trim_end()
                .to_string();
            let mut line = Line::from(vec![
                Span::styled(if current { "● " } else { "  " }, th.ok()),
                Span::raw(when),
                Span::raw(" "),
                Span::raw(fit(&label, label_w)),
                Span::raw(" "),
                today_mark,
                Span::styled(state, style),
            ]);
            if i == st.session_cursor && st.pane == Pane::Sessions {
                line = line.style(th.selected());
            }
            line
        })
        .collect();
    scrolled_lines(frame, list_area, lines, st.session_cursor, th);
    if let Some(s) = selected_session(st, cx) {
        let mut detail = session_detail(cx, s, detail_area.width as usize);
        detail.extend(ready);
        let top = Rect {
            y: detail_area.y + 1,
            height: detail_area.height.saturating_sub(1),
            ..detail_area
        };
        frame.render_widget(Paragraph::new(detail), top);
    }
}

/// The cohorts pane: the one in use marked « ● », the cursor's row highlighted when it has focus.
fn draw_cohorts(st: &DayState, cx: &Ctx, frame: &mut Frame, left: Rect, title_style: Style) {
    let tr = cx.tr;
    let th = cx.theme;
    let cohort_block = Block::bordered().title(Span::styled(
        format!(" {} ", tr.t("day.cohorts")),
        title_style,
    ));
    let inner = cohort_block.inner(left);
    frame.render_widget(cohort_block, left);
    let lines: Vec<Line> = cx
        .data
        .cohorts
        .iter()
        .enumerate()
        .map(|(i, c)| {
            let current = Some(c.id) == cx.data.cohort;
            let mark = if current { "● " } else { "  " };
            let mut line = Line::from(vec![
                Span::styled(mark, th.ok()),
                Span::raw(fit(&c.name, inner.width.saturating_sub(2) as usize)),
            ]);
            if i == st.cohort_cursor && st.pane == Pane::Cohorts {
                line = line.style(th.selected());
            }
            line
        })
        .collect();
    scrolled_lines(frame, inner, lines, st.cohort_cursor, th);
}

/// A themed day's interested participants by sector (« intéressés : BTP 6 »), none before the
/// first mark.
pub(super) fn interest_counts(cx: &Ctx, s: &Session) -> Option<String> {
    if s.kind != SessionKind::ThemedDay {
        return None;
    }
    let counts = cx.data.themed.counts_of(s.id);
    if counts.is_empty() {
        return None;
    }
    let list: Vec<String> = counts
        .iter()
        .map(|(sector, n)| format!("{} {n}", cx.tr.t(&format!("sector.{}", sector.code()))))
        .collect();
    Some(cx.tr.tf("interest.counts", &[("list", &list.join(", "))]))
}

/// Two lines under the sessions: kind and place, and a job-training session's settings (a
/// themed day's sectors).
fn session_detail(cx: &Ctx, s: &Session, width: usize) -> Vec<Line<'static>> {
    let tr = cx.tr;
    let th = cx.theme;
    let mut detail = vec![Line::from(Span::styled(
        fit(
            &format!(
                "{} · {}",
                tr.t(&format!("kind.{}", s.kind.code())),
                if s.place.is_empty() {
                    tr.t("day.no_place")
                } else {
                    &s.place
                }
            ),
            width,
        ),
        th.dim(),
    ))];
    if s.kind == SessionKind::ThemedDay {
        // The sectors are loaded for the session in use; the counts for every themed day.
        let mut parts = Vec::new();
        if cx.data.session == Some(s.id) {
            let sectors: Vec<&str> = cx
                .data
                .themed
                .sectors
                .iter()
                .map(|x| tr.t(&format!("sector.{}", x.code())))
                .collect();
            parts.push(if sectors.is_empty() {
                tr.t("interest.sectors_none").to_string()
            } else {
                tr.tf("interest.sectors_line", &[("list", &sectors.join(", "))])
            });
        }
        parts.extend(interest_counts(cx, s));
        if !parts.is_empty() {
            detail.push(Line::from(Span::styled(
                fit(&parts.join(" · "), width),
                th.dim(),
            )));
        }
    }
    if s.kind == SessionKind::JobTraining {
        let st = cx.data.settings_of(s.id);
        detail.push(Line::from(Span::styled(
            fit(
                &tr.tf(
                    "day.settings_line",
                    &[
                        ("k", &st.interviews_per_candidate),
                        ("interview", &st.interview_minutes),
                        ("feedback", &st.feedback_minutes),
                        ("changeover", &st.changeover_minutes),
                        (
                            "breaks",
                            &if st.breaks.is_empty() {
                                "—".to_string()
                            } else {
                                format_breaks(&st.breaks)
                            },
                        ),
                        (
                            "criteria",
                            &cx.criteria
                                .get(&st.criteria_set)
                                .map(|c| tr.pick(&c.label_fr, &c.label_en).to_string())
                                .unwrap_or_default(),
                        ),
                    ],
                ),
                width,
            ),
            th.dim(),
        )));
    }
    detail
}

/// The readiness of a job-training day not yet started (#14): each item ✓, or ✗ with what is
/// missing and the key that does it. Empty for any other session, or once the timer started.
fn readiness_lines(cx: &Ctx, s: &Session, width: usize) -> Vec<Line<'static>> {
    use crate::core::expect::{Ready, readiness};
    let tr = cx.tr;
    let th = cx.theme;
    if s.kind != SessionKind::JobTraining
        || cx.data.session != Some(s.id)
        || s.date < cx.now.date()
        || cx.data.day_started()
    {
        return Vec::new();
    }
    let listed = cx.data.listed();
    let plan = cx.data.plan.as_ref().map(|p| (p.version, p.rounds()));
    let items = readiness(&listed, cx.data.panels.len(), plan, &cx.data.prints);
    let date = |d: &chrono::NaiveDate| d.format("%d/%m").to_string();
    let text = |r: &Ready| match r {
        Ready::Candidates(0) => tr.t("expect.ready_no_candidates").to_string(),
        Ready::Candidates(n) => tr.tf("expect.ready_candidates", &[("n", n)]),
        Ready::Professionals(0) => tr.t("expect.ready_no_pros").to_string(),
        Ready::Professionals(n) => tr.tf("expect.ready_pros", &[("n", n)]),
        Ready::AccessList(Some(d)) => tr.tf("expect.ready_access", &[("date", &date(d))]),
        Ready::AccessList(None) => tr.t("expect.ready_no_access").to_string(),
        Ready::Binomes(0) => tr.t("expect.ready_no_binomes").to_string(),
        Ready::Binomes(n) => tr.tf("expect.ready_binomes", &[("n", n)]),
        Ready::Plan(Some((v, rounds))) => {
            tr.tf("expect.ready_plan", &[("v", v), ("rounds", rounds)])
        }
        Ready::Plan(None) => tr.t("expect.ready_no_plan").to_string(),
        Ready::Sheets(Some(d)) => tr.tf("expect.ready_sheets", &[("date", &date(d))]),
        Ready::Sheets(None) => tr.t("expect.ready_no_sheets").to_string(),
    };
    let mut out = vec![Line::from(Span::styled(
        fit(
            &tr.tf(
                "expect.ready_title",
                &[
                    ("kind", &tr.t(&format!("kind.{}", s.kind.code()))),
                    ("date", &tr.date_short(s.date)),
                ],
            ),
            width,
        ),
        th.accent(),
    ))];
    // Items one after the other, wrapped by display width; the missing ones on lines of their own.
    let mut line: Vec<Span<'static>> = vec![Span::raw("  ")];
    let mut used = 2;
    for r in &items {
        let (mark, style) = if r.ok() {
            ("✓", th.ok())
        } else {
            ("✗", th.bad())
        };
        let item = format!("{mark} {}", text(r));
        let w = item.width() + 3;
        if (used + w > width || !r.ok()) && used > 2 {
            out.push(Line::from(std::mem::replace(
                &mut line,
                vec![Span::raw("  ")],
            )));
            used = 2;
        }
        // fit pads to the width: trimmed, so that the next item follows on the same line.
        let shown = fit(&item, width.saturating_sub(used))
            .trim_end()
            .to_string();
        line.push(Span::styled(shown, style));
        line.push(Span::raw("   "));
        used += w;
        if !r.ok() {
            out.push(Line::from(std::mem::replace(
                &mut line,
                vec![Span::raw("  ")],
            )));
            used = 2;
        }
    }
    if used > 2 {
        out.push(Line::from(line));
    }
    out
}

/// The follow-up worklist's counts in one line (tab 7 has the detail).
fn followup_counts(cx: &Ctx) -> String {
    let counts = crate::core::followup::worklist_counts(&cx.data.worklist(cx.now.date()));
    if counts.is_empty() {
        return format!(" {} ", cx.tr.t("followup.day_none"));
    }
    let parts: Vec<String> = counts
        .iter()
        .map(|(code, n)| cx.tr.tf(&format!("followup.count_{code}"), &[("n", n)]))
        .collect();
    format!(
        " {} ",
        cx.tr
            .tf("followup.day_counts", &[("counts", &parts.join(", "))])
    )
}
