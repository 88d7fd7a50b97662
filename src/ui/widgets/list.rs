//! What every list shares: the « ▸ » marker of the selected row and the cursor moves.

use crate::ui::keys::Action;

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
}
