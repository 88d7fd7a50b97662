//! Drawing of the Rotation screen: the grid of rounds, its metrics, and the history, absent-picker and re-plan popups.

use super::*;
use crate::core::plan_history::PlanKind;
use crate::ui::widgets::list::popup_list;

/// Draws the history popup.
pub fn draw_history(st: &RotationState, cx: &Ctx, frame: &mut Frame, area: Rect) {
    let Some((versions, cursor)) = &st.history else {
        return;
    };
    let tr = cx.tr;
    let rows: Vec<Line> = versions
        .iter()
        .map(|p| {
            let note = match p.kind {
                PlanKind::Generated => tr.t("rotation.note_generated").to_string(),
                PlanKind::Replanned { from_round } => {
                    tr.tf("rotation.note_replanned", &[("round", &from_round)])
                }
                PlanKind::Restored { from_version } => {
                    tr.tf("rotation.note_restored", &[("v", &from_version)])
                }
                PlanKind::Swap => tr.t("contract.note_swap").to_string(),
            };
            let when = p.created_at.replace('T', " ");
            Line::from(format!("v{}  {}  {note}", p.version, fit(&when, 16)))
        })
        .collect();
    popup_list(
        frame,
        area,
        (64, versions.len() as u16 + 4),
        tr.t("rotation.history_title"),
        tr.t("rotation.history_hint"),
        rows,
        *cursor,
        cx.theme,
    );
}

/// Draws the picker.
pub fn draw_picker(st: &RotationState, cx: &Ctx, frame: &mut Frame, area: Rect) {
    let Some((items, cursor)) = &st.absent_picker else {
        return;
    };
    let tr = cx.tr;
    let options = absentee_options(cx, items);
    // Only the names that match what was typed, the filter in the title.
    let shown = crate::ui::form::matching(&options, &st.absent_filter);
    let rows: Vec<Line> = shown
        .iter()
        .filter_map(|i| options.get(*i))
        .map(|o| Line::from(o.1.clone()))
        .collect();
    let mut title = tr.tf("rotation.absent_title", &[("round", &(st.round + 1))]);
    if !st.absent_filter.is_empty() {
        title.push_str("  ");
        title.push_str(&tr.tf(
            "form.picker_filter",
            &[("filter", &st.absent_filter), ("n", &shown.len())],
        ));
    }
    popup_list(
        frame,
        area,
        (72, items.len() as u16 + 2),
        &title,
        tr.t("rotation.absent_hint"),
        rows,
        shown.iter().position(|i| i == cursor).unwrap_or(0),
        cx.theme,
    );
}

/// Draws the screen.
pub fn draw(st: &RotationState, cx: &Ctx, frame: &mut Frame, area: Rect) {
    let tr = cx.tr;
    let th = cx.theme;
    let Some(session) = cx.data.current_session() else {
        frame.render_widget(
            Paragraph::new(tr.t("att.no_session"))
                .block(Block::bordered().title(tr.t("screen.rotation"))),
            area,
        );
        return;
    };
    let mut title = format!(
        " {} — {} {} ",
        tr.t("screen.rotation"),
        tr.t(&format!("kind.{}", session.kind.code())),
        tr.date_short(session.date)
    );
    if let Some(p) = &cx.data.plan {
        title.push_str(&tr.tf("rotation.version", &[("v", &p.version)]));
        if p.locked {
            title.push_str(&format!(" · {} ", tr.t("rotation.locked_tag")));
        }
        // Until the timer starts the plan is the expected one, printed the day before (#14).
        if !cx.data.day_started() {
            title.push_str(&format!("· {} ", tr.t("expect.provisional")));
        }
        if let Some(r) = round_in_progress(cx) {
            title.push_str(&format!(
                "· {} ",
                tr.tf("rotation.round_live", &[("round", &r)])
            ));
        }
    }
    let block = Block::bordered().title(Span::styled(title, th.accent()));
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let Some(stored) = &cx.data.plan else {
        let day = day(cx);
        let text = vec![
            Line::from(Span::styled(tr.t("rotation.no_plan"), th.accent())),
            Line::from(""),
            Line::from(tr.tf(
                "rotation.inputs",
                &[
                    ("c", &day.candidates.len()),
                    ("p", &day.panels.len()),
                    ("k", &k_of(cx)),
                ],
            )),
            Line::from(""),
            Line::from(Span::styled(tr.t("rotation.how"), th.dim())),
        ];
        frame.render_widget(Paragraph::new(text).wrap(Wrap { trim: true }), inner);
        return;
    };
    let [grid_area, info_area] =
        Layout::vertical([Constraint::Min(3), Constraint::Length(2)]).areas(inner);
    let columns = columns(cx);
    // « ▸ 3 10:40● »: the round, its start time, ● while it is under way.
    let label_w = 11usize;
    let starts = round_starts(cx);
    let live = round_in_progress(cx);
    // Every binôme on screen when each gets 8 characters or more; otherwise scroll with ← →.
    let room = (grid_area.width as usize).saturating_sub(label_w + 1);
    let cell_w = (room / columns.len().max(1)).saturating_sub(1).clamp(8, 12);
    let fit_cols = (room / (cell_w + 1)).max(1);
    // Keep the selected column on screen.
    let selected_col = st.column.min(columns.len().saturating_sub(1));
    let first = selected_col.saturating_sub(fit_cols.saturating_sub(1));
    let shown = &columns[first..(first + fit_cols).min(columns.len())];
    let table_of = |id: Option<Id>| {
        id.and_then(|id| cx.data.panels.iter().find(|p| p.id == id))
            .map(|p| format!("{} {}", tr.t("panels.table_word"), p.table_name))
            .unwrap_or_else(|| "—".into())
    };
    let mut lines = Vec::new();
    let mut head = vec![Span::styled(fit(tr.t("plan.round"), label_w), th.dim())];
    for (id, _) in shown {
        head.push(Span::styled(
            format!(" {}", fit(&table_of(*id), cell_w)),
            th.accent(),
        ));
    }
    lines.push(Line::from(head));
    let mut names = vec![Span::raw(" ".repeat(label_w))];
    for (_, label) in shown {
        names.push(Span::styled(format!(" {}", fit(label, cell_w)), th.dim()));
    }
    lines.push(Line::from(names));
    for r in 1..=stored.rounds() {
        let selected = (r as usize - 1) == st.round;
        let time = starts
            .get(r as usize - 1)
            .map(|t| t.format("%H:%M").to_string())
            .unwrap_or_default();
        let on = live == Some(r);
        let mut spans = vec![
            Span::styled(
                fit(&format!("{}{r:>2} {time}", marker(selected)), label_w - 1),
                if selected { th.accent() } else { th.dim() },
            ),
            Span::styled(if on { "●" } else { " " }, th.ok()),
        ];
        for (ci, (id, label)) in shown.iter().enumerate() {
            let col = first + ci;
            let who = stored
                .interviews
                .iter()
                .find(|i| i.round == r && i.panel_id == *id && i.panel_label == *label)
                .map(|i| short(cx, i.candidate_id));
            let text = who.unwrap_or_else(|| "·".into());
            let marked = st.swap_mark == Some((r, col));
            let cell_style = if selected && col == selected_col {
                th.selected()
            } else if marked {
                th.warn().add_modifier(Modifier::REVERSED)
            } else {
                ratatui::style::Style::default()
            };
            spans.push(Span::raw(" "));
            spans.push(Span::styled(fit(&text, cell_w), cell_style));
        }
        let mut line = Line::from(spans);
        if selected {
            line = line.style(ratatui::style::Style::default().add_modifier(Modifier::BOLD));
        }
        lines.push(line);
    }
    scrolled_lines(frame, grid_area, lines, st.round + 2, th);
    let hidden = columns.len() - shown.len();
    let (figures, idle) = metrics_line(cx, stored);
    let dim = |text: &str| {
        Line::from(Span::styled(
            fit(text, info_area.width as usize).trim_end().to_string(),
            th.dim(),
        ))
    };
    // The idle rounds in words on the second line, unless a warning needs it.
    let warning = if hidden > 0 {
        Some(tr.tf("rotation.more_columns", &[("n", &hidden)]))
    } else if stale(cx) {
        Some(tr.t("rotation.stale").to_string())
    } else {
        None
    };
    let mut info = Vec::new();
    match warning {
        Some(w) => {
            info.push(dim(&format!("{figures} · {idle}")));
            info.push(Line::from(Span::styled(w, th.warn())));
        }
        None => {
            info.push(dim(&figures));
            info.push(dim(&idle));
        }
    }
    frame.render_widget(Paragraph::new(info), info_area);
}

/// The round (from 1) whose interview, feedback or changeover is under way, while the timer runs.
fn round_in_progress(cx: &Ctx) -> Option<u32> {
    use crate::core::clock::State;
    let tt = cx.data.timetable()?;
    let pos = cx.data.clock_position(cx.now)?;
    matches!(pos.state, State::Running | State::Paused)
        .then(|| tt.phases.get(pos.phase).map(|p| p.round as u32 + 1))
        .flatten()
}

/// Each round's start time: planned from the session's start until the timer starts, then from
/// the timer's start, the rounds still to come moved by the day's drift.
fn round_starts(cx: &Ctx) -> Vec<chrono::NaiveTime> {
    use crate::core::clock::ClockEvent;
    let Some(tt) = cx.data.timetable() else {
        return Vec::new();
    };
    let started = cx.data.clock.iter().find_map(|e| match e {
        ClockEvent::Start(t) => Some(t.time()),
        _ => None,
    });
    let Some(base) = started.or_else(|| cx.data.current_session().and_then(|s| s.start_time))
    else {
        return Vec::new();
    };
    let drift = cx.data.clock_position(cx.now).map_or(0, |p| p.drift);
    let current = round_in_progress(cx).unwrap_or(0) as usize;
    tt.interview_times(base)
        .into_iter()
        .enumerate()
        .map(|(i, (start, _))| {
            if started.is_some() && i + 1 > current {
                start + chrono::Duration::seconds(drift)
            } else {
                start
            }
        })
        .collect()
}

/// « 7 tours (min. 7) · charges ±1 · 19 dans le secteur, 0 sans » and « 6 tours d'attente entre deux
/// entretiens (…) », measured on the stored plan against the day as it stands.
pub(super) fn metrics_line(
    cx: &Ctx,
    stored: &crate::core::plan_history::StoredPlan,
) -> (String, String) {
    let day = day(cx);
    let slots: Vec<crate::core::plan::Slot> = stored
        .interviews
        .iter()
        .filter_map(|i| {
            Some(crate::core::plan::Slot {
                round: i.round as usize - 1,
                panel: i
                    .panel_id
                    .and_then(|id| day.panels.iter().position(|p| *p == id))?,
                candidate: day.candidates.iter().position(|c| *c == i.candidate_id)?,
            })
        })
        .collect();
    let plan = crate::core::plan::Plan {
        rounds: stored.rounds() as usize,
        slots,
    };
    let m = crate::core::plan::measure(&day.instance, &plan);
    (
        crate::messages::plan_metrics(cx.tr, "plan.metrics_short", &m),
        idle_words(cx.tr, &m),
    )
}

/// « 0 tour d'attente entre deux entretiens », with the fewest possible when some wait (issue 17).
fn idle_words(tr: crate::i18n::Tr, m: &crate::core::plan::Metrics) -> String {
    let idle = m.idle_total();
    let key = match idle {
        0 => "idle.rounds_zero",
        1 => "idle.rounds_one",
        _ => "idle.rounds_many",
    };
    let mut text = tr.tf(key, &[("idle", &idle)]);
    // The bound is shown when some waits cannot be avoided with this many rounds.
    match m.idle_lower_bound {
        0 => {}
        1 => text.push_str(tr.t("idle.bound_one")),
        lb => text.push_str(&tr.tf("idle.bound_many", &[("lb", &lb)])),
    }
    text
}

/// True when the binômes were recomposed, or K changed, since the plan was made.
pub(super) fn stale(cx: &Ctx) -> bool {
    let Some(plan) = &cx.data.plan else {
        return false;
    };
    let k = k_of(cx);
    let first = plan.interviews.first().map(|i| i.candidate_id);
    let per_candidate = plan
        .interviews
        .iter()
        .filter(|i| Some(i.candidate_id) == first)
        .count();
    if first.is_some() && per_candidate != k {
        return true;
    }
    plan.interviews.iter().any(|i| {
        i.panel_id
            .and_then(|id| cx.data.panel(id))
            .is_none_or(|p| p.label != i.panel_label)
    })
}

/// The re-plan question: what changes, before it is confirmed.
pub(super) fn draw_replan(st: &RotationState, cx: &Ctx, frame: &mut Frame, area: Rect) {
    let th = cx.theme;
    let Some((_, lines)) = &st.pending_replan else {
        return;
    };
    let r = crate::ui::widgets::centered(area, 76, area.height);
    frame.render_widget(ratatui::widgets::Clear, r);
    let block = Block::bordered()
        .border_style(th.warn())
        .title(Span::styled(
            format!(" {} ", cx.tr.t("rotation.replan_title")),
            th.accent(),
        ))
        .title_bottom(
            Line::from(Span::styled(
                format!(" {} ", cx.tr.t("app.yes_no")),
                th.accent(),
            ))
            .right_aligned(),
        );
    let text: Vec<Line> = lines
        .iter()
        .enumerate()
        .map(|(i, l)| {
            if i == 0 {
                Line::from(Span::styled(l.clone(), th.accent()))
            } else {
                Line::from(format!("  {l}"))
            }
        })
        .collect();
    frame.render_widget(
        Paragraph::new(text).wrap(Wrap { trim: false }).block(block),
        r,
    );
}

#[cfg(test)]
mod tests {
    use super::idle_words;
    use crate::core::plan::Metrics;
    use crate::i18n::{Lang, Tr};

    fn words(lang: Lang, idle: Vec<usize>, lb: usize) -> String {
        let m = Metrics {
            idle,
            idle_lower_bound: lb,
            ..Metrics::default()
        };
        idle_words(Tr::new(lang), &m)
    }

    #[test]
    fn idle_rounds_are_said_in_words_singular_and_plural() {
        assert_eq!(
            words(Lang::Fr, vec![0, 0], 0),
            "0 tour d'attente entre deux entretiens"
        );
        assert_eq!(
            words(Lang::Fr, vec![1, 0], 1),
            "1 tour d'attente entre deux entretiens (au moins 1 inévitable)"
        );
        assert_eq!(
            words(Lang::Fr, vec![2, 3], 4),
            "5 tours d'attente entre deux entretiens (au moins 4 inévitables)"
        );
        assert_eq!(
            words(Lang::En, vec![0], 0),
            "0 idle rounds between two interviews"
        );
        assert_eq!(
            words(Lang::En, vec![1], 0),
            "1 idle round between two interviews"
        );
        assert_eq!(
            words(Lang::En, vec![3], 2),
            "3 idle rounds between two interviews (at least 2 unavoidable)"
        );
    }
}
