//! Journée: choose the cohort and the session of the day.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::Modifier;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Paragraph, Wrap};

use crate::ui::app::{App, Effect};
use crate::ui::keys::Action;
use crate::ui::widgets::{fit, scrolled_lines};

/// Which list has the focus.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Pane {
    /// The cohorts.
    Cohorts,
    /// The sessions of the selected cohort.
    #[default]
    Sessions,
}

/// State of the Journée screen.
#[derive(Debug, Clone, Default)]
pub struct DayState {
    /// Focused list.
    pub pane: Pane,
    /// Selected cohort row.
    pub cohort_cursor: usize,
    /// Selected session row.
    pub session_cursor: usize,
}

/// Puts the cursors on the cohort and session in use (or today's session).
pub fn sync_cursors(app: &mut App) {
    let data = &app.data;
    app.day.cohort_cursor = data
        .cohorts
        .iter()
        .position(|c| Some(c.id) == data.cohort)
        .unwrap_or(0);
    let today = app.now.date();
    app.day.session_cursor = data
        .sessions
        .iter()
        .position(|s| Some(s.id) == data.session)
        .or_else(|| data.sessions.iter().position(|s| s.date >= today))
        .unwrap_or(0);
    if data.cohorts.len() > 1 && data.session.is_none() {
        app.day.pane = Pane::Cohorts;
    }
}

/// Browsing keys of the screen.
pub fn on_action(app: &mut App, action: Action) -> Vec<Effect> {
    let st = &mut app.day;
    let len = match st.pane {
        Pane::Cohorts => app.data.cohorts.len(),
        Pane::Sessions => app.data.sessions.len(),
    };
    let cursor = match st.pane {
        Pane::Cohorts => &mut st.cohort_cursor,
        Pane::Sessions => &mut st.session_cursor,
    };
    let last = len.saturating_sub(1);
    match action {
        Action::Up => *cursor = cursor.saturating_sub(1),
        Action::Down => *cursor = (*cursor + 1).min(last),
        Action::PageUp => *cursor = cursor.saturating_sub(10),
        Action::PageDown => *cursor = (*cursor + 10).min(last),
        Action::Home => *cursor = 0,
        Action::End => *cursor = last,
        Action::Left | Action::Right => {
            st.pane = match st.pane {
                Pane::Cohorts => Pane::Sessions,
                Pane::Sessions => Pane::Cohorts,
            }
        }
        Action::Open => match st.pane {
            Pane::Cohorts => {
                if let Some(c) = app.data.cohorts.get(st.cohort_cursor) {
                    st.pane = Pane::Sessions;
                    st.session_cursor = 0;
                    return vec![Effect::OpenCohort(c.id)];
                }
            }
            Pane::Sessions => {
                if let Some(s) = app.data.sessions.get(st.session_cursor) {
                    return vec![Effect::OpenSession(s.id)];
                }
            }
        },
        _ => {}
    }
    Vec::new()
}

/// Draws the screen.
pub fn draw(app: &App, frame: &mut Frame, area: Rect) {
    let tr = app.tr;
    let th = app.theme;
    if app.data.cohorts.is_empty() {
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
        return;
    }
    let [left, right] =
        Layout::horizontal([Constraint::Percentage(34), Constraint::Percentage(66)]).areas(area);
    let focus = |p: Pane| {
        if app.day.pane == p {
            th.accent()
        } else {
            th.dim()
        }
    };
    let cohort_block = Block::bordered().title(Span::styled(
        format!(" {} ", tr.t("day.cohorts")),
        focus(Pane::Cohorts),
    ));
    let inner = cohort_block.inner(left);
    frame.render_widget(cohort_block, left);
    let lines: Vec<Line> = app
        .data
        .cohorts
        .iter()
        .enumerate()
        .map(|(i, c)| {
            let current = Some(c.id) == app.data.cohort;
            let mark = if current { "● " } else { "  " };
            let mut line = Line::from(vec![
                Span::raw(mark),
                Span::raw(fit(&c.name, inner.width.saturating_sub(2) as usize)),
            ]);
            if i == app.day.cohort_cursor && app.day.pane == Pane::Cohorts {
                line = line.style(th.selected());
            }
            line
        })
        .collect();
    scrolled_lines(frame, inner, lines, app.day.cohort_cursor, th);

    let title = app
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
    let session_block = Block::bordered().title(Span::styled(title, focus(Pane::Sessions)));
    let inner = session_block.inner(right);
    frame.render_widget(session_block, right);
    if app.data.sessions.is_empty() {
        frame.render_widget(
            Paragraph::new(tr.t("day.no_sessions")).style(th.dim()),
            inner,
        );
        return;
    }
    let today = app.now.date();
    let lines: Vec<Line> = app
        .data
        .sessions
        .iter()
        .enumerate()
        .map(|(i, s)| {
            let current = Some(s.id) == app.data.session;
            let when = format!(
                "{} {}",
                fit(&tr.date_short(s.date), 14),
                s.start_time
                    .map(|t| t.format("%H:%M").to_string())
                    .unwrap_or_else(|| "     ".into())
            );
            let label = if s.title.is_empty() {
                tr.t(&format!("kind.{}", s.kind.code())).to_string()
            } else {
                s.title.clone()
            };
            let tag = if s.date == today {
                Span::styled(
                    format!("  {}", tr.t("day.today")),
                    th.warn().add_modifier(Modifier::BOLD),
                )
            } else if s.date < today {
                Span::styled(format!("  {}", tr.t("day.past")), th.dim())
            } else {
                Span::raw("")
            };
            let mut line = Line::from(vec![
                Span::styled(if current { "● " } else { "  " }, th.ok()),
                Span::raw(when),
                Span::raw("  "),
                Span::raw(fit(&label, 26)),
                tag,
            ]);
            if i == app.day.session_cursor && app.day.pane == Pane::Sessions {
                line = line.style(th.selected());
            }
            line
        })
        .collect();
    scrolled_lines(frame, inner, lines, app.day.session_cursor, th);
}
