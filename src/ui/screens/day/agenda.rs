//! A themed day's run of show (issue 22, Journée `a`): each item with its planned times, speaker
//! and kind, the total; `K` / `J` move the selected item, `-` removes it, each change written at
//! once. Items come from `passerelle import agenda`; the timer view (Ctrl-T) runs them.

use chrono::NaiveTime;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Clear, Paragraph};

use crate::core::agenda::{planned_times, total_minutes};
use crate::core::domain::{Id, Session, SessionKind};
use crate::ui::context::{Ctx, Effect};
use crate::ui::keys::Action;
use crate::ui::widgets::{centered, fit, step};

/// The open run of show: which session, the selected item.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AgendaView {
    /// The themed day (made the current session when opened).
    pub session_id: Id,
    /// Selected item.
    pub cursor: usize,
}

/// Opens the run of show of `session` if it is a themed day (and makes it the current session).
pub fn open(view: &mut Option<AgendaView>, cx: &mut Ctx, session: &Session) -> Vec<Effect> {
    if session.kind != SessionKind::ThemedDay {
        cx.warn(cx.tr.t("agenda.themed_day_only").to_string());
        return Vec::new();
    }
    *view = Some(AgendaView {
        session_id: session.id,
        cursor: 0,
    });
    if cx.data.session == Some(session.id) {
        Vec::new()
    } else {
        vec![Effect::OpenSession(session.id)]
    }
}

/// The selected item of the open run of show, when its day is the session in use.
pub fn selected<'a>(view: &AgendaView, cx: &'a Ctx) -> Option<&'a crate::store::StoredItem> {
    if cx.data.session != Some(view.session_id) {
        return None;
    }
    let items = &cx.data.agenda;
    items.get(view.cursor.min(items.len().saturating_sub(1)))
}

/// A key while the run of show is open; clears `slot` when it closes.
pub fn on_key(slot: &mut Option<AgendaView>, cx: &mut Ctx, action: Option<Action>) -> Vec<Effect> {
    let Some(view) = slot.as_mut() else {
        return Vec::new();
    };
    let ids: Vec<Id> = if cx.data.session == Some(view.session_id) {
        cx.data.agenda.iter().map(|s| s.id).collect()
    } else {
        Vec::new()
    };
    let at = view.cursor.min(ids.len().saturating_sub(1));
    match action {
        Some(Action::Back) => *slot = None,
        Some(Action::AgendaRemove) => {
            if let Some(&id) = ids.get(at) {
                view.cursor = at.saturating_sub(usize::from(at + 1 == ids.len()));
                return vec![Effect::DeleteAgendaItem(id)];
            }
        }
        Some(Action::AgendaMoveUp) if at > 0 && at < ids.len() => {
            view.cursor = at - 1;
            return vec![Effect::SwapAgendaItems(ids[at], ids[at - 1])];
        }
        Some(Action::AgendaMoveDown) if at + 1 < ids.len() => {
            view.cursor = at + 1;
            return vec![Effect::SwapAgendaItems(ids[at], ids[at + 1])];
        }
        Some(a) => {
            step(&mut view.cursor, a, ids.len());
        }
        None => {}
    }
    Vec::new()
}

/// The frame of a themed day's overlay (run of show, interest) titled « Title · Day date »:
/// the session and the area inside.
pub(super) fn overlay<'a>(
    cx: &'a Ctx,
    frame: &mut Frame,
    area: Rect,
    session_id: Id,
    title_key: &str,
) -> (Option<&'a Session>, Rect) {
    let tr = cx.tr;
    let r = centered(area, area.width.saturating_sub(4).min(100), area.height);
    frame.render_widget(Clear, r);
    let session = cx.data.sessions.iter().find(|s| s.id == session_id);
    let title = session.map_or_else(String::new, |s| {
        format!(
            "{} · {} {}",
            tr.t(title_key),
            if s.title.is_empty() {
                tr.t("kind.themed_day")
            } else {
                s.title.as_str()
            },
            tr.date_short(s.date)
        )
    });
    let block = Block::bordered().title(Span::styled(format!(" {title} "), cx.theme.accent()));
    let inner = block.inner(r);
    frame.render_widget(block, r);
    (session, inner)
}

/// Draws the run of show over the Journée screen.
pub fn draw(view: &AgendaView, cx: &Ctx, frame: &mut Frame, area: Rect) {
    let tr = cx.tr;
    let th = cx.theme;
    let (session, inner) = overlay(cx, frame, area, view.session_id, "agenda.title");
    let items = if cx.data.session == Some(view.session_id) {
        cx.data.agenda_items()
    } else {
        Vec::new()
    };
    let w = inner.width as usize;
    let mut lines = Vec::new();
    if items.is_empty() {
        lines.push(Line::from(tr.t("agenda.empty")));
    } else {
        lines.push(Line::from(Span::styled(
            tr.tf(
                "agenda.report_counts",
                &[("n", &items.len()), ("minutes", &total_minutes(&items))],
            ),
            th.dim(),
        )));
        if let Some(over) = cx.data.agenda_overrun(view.session_id) {
            lines.push(Line::from(Span::styled(
                fit(&tr.tf("agenda.overrun", &[("minutes", &over)]), w),
                th.warn(),
            )));
        }
        let start = session
            .and_then(|s| s.start_time)
            .or_else(|| NaiveTime::from_hms_opt(9, 0, 0))
            .unwrap_or_default();
        let cursor = view.cursor.min(items.len() - 1);
        for (i, (it, (from, to))) in items.iter().zip(planned_times(&items, start)).enumerate() {
            let mark = if i == cursor { "›" } else { " " };
            let text = format!("{mark} {}", crate::messages::agenda_line(tr, it, from, to));
            let style = if i == cursor {
                th.accent()
            } else {
                ratatui::style::Style::default()
            };
            lines.push(Line::from(Span::styled(fit(&text, w), style)));
        }
    }
    // The visible rows follow the cursor.
    let skip =
        (view.cursor + lines.len() - items.len().max(1) + 1).saturating_sub(inner.height as usize);
    frame.render_widget(Paragraph::new(lines).scroll((skip as u16, 0)), inner);
}
