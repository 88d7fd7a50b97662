//! Participants: everyone in the cohort, by role (read-only until roster import and editing land).

use ratatui::Frame;
use ratatui::crossterm::event::{KeyCode, KeyEvent};
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Paragraph};

use crate::core::domain::{Member, Role, StaffRole};
use crate::core::text::matches_name;
use crate::ui::app::{App, Effect};
use crate::ui::keys::Action;
use crate::ui::widgets::{fit, scrolled_lines};

/// State of the Participants screen.
#[derive(Debug, Clone, Default)]
pub struct ParticipantsState {
    /// Selected row.
    pub cursor: usize,
    /// Name filter.
    pub filter: String,
    /// Typing the filter.
    pub filtering: bool,
}

fn visible(app: &App) -> Vec<&Member> {
    app.data
        .members
        .iter()
        .filter(|m| !m.archived)
        .filter(|m| {
            app.participants.filter.is_empty()
                || matches_name(&m.person.full_name(), &app.participants.filter)
        })
        .collect()
}

/// Browsing keys.
pub fn on_action(app: &mut App, action: Action) -> Vec<Effect> {
    let last = visible(app).len().saturating_sub(1);
    let st = &mut app.participants;
    match action {
        Action::Up => st.cursor = st.cursor.saturating_sub(1),
        Action::Down => st.cursor = (st.cursor + 1).min(last),
        Action::PageUp => st.cursor = st.cursor.saturating_sub(10),
        Action::PageDown => st.cursor = (st.cursor + 10).min(last),
        Action::Home => st.cursor = 0,
        Action::End => st.cursor = last,
        Action::Filter => st.filtering = true,
        Action::Back => st.filter.clear(),
        _ => {}
    }
    Vec::new()
}

/// Keys while typing the filter.
pub fn on_edit_key(app: &mut App, action: Option<Action>, key: KeyEvent) -> Vec<Effect> {
    let st = &mut app.participants;
    match action {
        Some(Action::Confirm) => st.filtering = false,
        Some(Action::Back) => {
            st.filtering = false;
            st.filter.clear();
        }
        _ => match key.code {
            KeyCode::Char(c) if st.filter.chars().count() < 40 => st.filter.push(c),
            KeyCode::Backspace => {
                st.filter.pop();
            }
            _ => {}
        },
    }
    st.cursor = 0;
    Vec::new()
}

/// Draws the screen.
pub fn draw(app: &App, frame: &mut Frame, area: Rect) {
    let tr = app.tr;
    let th = app.theme;
    let Some(cohort) = app.data.current_cohort() else {
        frame.render_widget(
            Paragraph::new(tr.t("part.no_cohort"))
                .block(Block::bordered().title(tr.t("screen.participants"))),
            area,
        );
        return;
    };
    let mut title = format!(" {} — {} ", tr.t("screen.participants"), cohort.name);
    if app.participants.filtering || !app.participants.filter.is_empty() {
        title.push_str(&format!("· / {} ", app.participants.filter));
    }
    let block = Block::bordered().title(Span::styled(title, th.accent()));
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let [list_area, note_area] =
        Layout::vertical([Constraint::Min(1), Constraint::Length(1)]).areas(inner);
    let rows = visible(app);
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
        if i == app.participants.cursor {
            selected_line = lines.len();
        }
        let sectors: Vec<&str> = m
            .sectors
            .iter()
            .map(|s| tr.t(&format!("sector.{}", s.code())))
            .collect();
        let detail = match m.role {
            Role::Candidate => format!("{} · {}", m.project, sectors.join(", ")),
            Role::Professional => format!("{} · {}", m.person.organisation, sectors.join(", ")),
            Role::Staff => format!(
                "{} · {}",
                tr.t(&format!(
                    "staff_role.{}",
                    m.staff_role.unwrap_or(StaffRole::Other).code()
                )),
                m.person.organisation
            ),
        };
        let mut line = Line::from(vec![
            Span::raw(if i == app.participants.cursor {
                "▸ "
            } else {
                "  "
            }),
            Span::raw(format!("{} ", fit(&m.person.full_name(), name_w))),
            Span::styled(detail, th.dim()),
        ]);
        if i == app.participants.cursor {
            line = line.style(th.selected());
        }
        lines.push(line);
    }
    scrolled_lines(frame, list_area, lines, selected_line, th);
    frame.render_widget(
        Paragraph::new(tr.t("part.coming")).style(th.warn()),
        note_area,
    );
}
