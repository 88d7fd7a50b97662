//! What every list shares: the « ▸ » marker of the selected row, the cursor moves, and the list
//! drawn in a popup.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Clear};

use super::{centered, scrolled_lines};
use crate::ui::keys::Action;
use crate::ui::theme::Theme;

/// The marker of the selected row, in every list and menu.
pub const MARKER: &str = "▸";

/// « ▸ » before the selected row, a space before the others (one column).
pub fn marker(selected: bool) -> &'static str {
    if selected { MARKER } else { " " }
}

/// « ▸ » and a space before the selected row, two spaces before the others (two columns).
pub fn marker_gap(selected: bool) -> &'static str {
    if selected { "▸ " } else { "  " }
}

/// Rows a page key moves.
pub const PAGE: usize = 10;

/// Moves a list cursor over `len` rows for a browsing key (↑ ↓ PgUp PgDn Home End), staying on
/// the list; false (cursor untouched) for any other action.
pub fn step(cursor: &mut usize, action: Action, len: usize) -> bool {
    let last = len.saturating_sub(1);
    *cursor = match action {
        Action::Up => cursor.saturating_sub(1),
        Action::Down => (*cursor + 1).min(last),
        Action::PageUp => cursor.saturating_sub(PAGE),
        Action::PageDown => (*cursor + PAGE).min(last),
        Action::Home => 0,
        Action::End => last,
        _ => return false,
    };
    true
}

/// Moves the focus among `count` fields for Tab / Shift-Tab, round the end; false (focus
/// untouched) for any other action.
pub fn cycle_field(focus: &mut usize, action: Action, count: usize) -> bool {
    let n = count.max(1);
    *focus = match action {
        Action::NextField => (*focus + 1) % n,
        Action::PrevField => (*focus + n - 1) % n,
        _ => return false,
    };
    true
}

/// A list in a popup centred over `area` (`size`: columns, rows at most): a title, a hint on the
/// bottom border, the row at `cursor` highlighted and kept in view.
#[allow(clippy::too_many_arguments)]
pub fn popup_list(
    frame: &mut Frame,
    area: Rect,
    size: (u16, u16),
    title: &str,
    hint: &str,
    rows: Vec<Line<'_>>,
    cursor: usize,
    th: Theme,
) {
    let r = centered(area, size.0, size.1.min(area.height));
    frame.render_widget(Clear, r);
    let block = Block::bordered()
        .title(Span::styled(format!(" {title} "), th.accent()))
        .title_bottom(Line::from(format!(" {hint} ")).right_aligned());
    let inner = block.inner(r);
    frame.render_widget(block, r);
    let rows: Vec<Line> = rows
        .into_iter()
        .enumerate()
        .map(|(i, l)| {
            if i == cursor {
                l.style(th.selected())
            } else {
                l
            }
        })
        .collect();
    scrolled_lines(frame, inner, rows, cursor, th);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_cursor_stays_on_the_list() {
        let mut c = 0;
        assert!(step(&mut c, Action::Up, 5));
        assert_eq!(c, 0);
        step(&mut c, Action::PageDown, 5);
        assert_eq!(c, 4);
        step(&mut c, Action::Down, 5);
        assert_eq!(c, 4);
        step(&mut c, Action::Home, 5);
        assert_eq!(c, 0);
        step(&mut c, Action::End, 0);
        assert_eq!(c, 0, "an empty list keeps the cursor at 0");
        assert!(!step(&mut c, Action::Open, 5));
    }

    #[test]
    fn the_focus_goes_round_the_fields() {
        let mut f = 0;
        assert!(cycle_field(&mut f, Action::PrevField, 3));
        assert_eq!(f, 2);
        cycle_field(&mut f, Action::NextField, 3);
        assert_eq!(f, 0);
        assert!(cycle_field(&mut f, Action::NextField, 0));
        assert_eq!(f, 0, "no field: the focus stays at 0");
        assert!(!cycle_field(&mut f, Action::Down, 3));
    }
}
