//! Small reusable drawing pieces.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Scrollbar, ScrollbarOrientation, ScrollbarState};
use ratatui_textarea::TextArea;

use unicode_width::{UnicodeWidthChar, UnicodeWidthStr};

use super::theme::Theme;

pub mod list;

pub use list::{cycle_field, marker, marker_gap, step};

/// A rectangle of at most `w`×`h` centred in `area`.
pub fn centered(area: Rect, w: u16, h: u16) -> Rect {
    let w = w.min(area.width);
    let h = h.min(area.height);
    Rect::new(
        area.x + (area.width - w) / 2,
        area.y + (area.height - h) / 2,
        w,
        h,
    )
}

/// `text` cut to `width` columns with « … », or padded with spaces to exactly `width` columns.
/// Columns are display width: a wide character (CJK, most emoji) takes two, a combining one none.
pub fn fit(text: &str, width: usize) -> String {
    let w = text.width();
    if w <= width {
        let mut s = text.to_string();
        s.extend(std::iter::repeat_n(' ', width - w));
        return s;
    }
    if width == 0 {
        return String::new();
    }
    let mut s = String::new();
    let mut used = 0;
    for c in text.chars() {
        let cw = c.width().unwrap_or(0);
        if used + cw > width - 1 {
            break;
        }
        s.push(c);
        used += cw;
    }
    s.push('…');
    // A wide character that did not fit leaves one column: pad it so columns still line up.
    s.extend(std::iter::repeat_n(' ', width - 1 - used));
    s
}

/// `text` broken into lines of at most `width` columns, at spaces where possible.
pub fn wrap_text(text: &str, width: usize) -> Vec<String> {
    let width = width.max(1);
    let mut out = Vec::new();
    let mut line = String::new();
    let mut len = 0;
    for mut word in text.split_whitespace() {
        let room = if len == 0 {
            width
        } else {
            width.saturating_sub(len + 1)
        };
        if word.width() > room && len > 0 {
            out.push(std::mem::take(&mut line));
            len = 0;
        }
        // A word longer than the line is cut.
        while word.width() > width {
            let (head, rest) = split_at_width(word, width);
            out.push(head.to_string());
            word = rest;
        }
        if len > 0 {
            line.push(' ');
            len += 1;
        }
        line.push_str(word);
        len += word.width();
    }
    if !line.is_empty() || out.is_empty() {
        out.push(line);
    }
    out
}

/// The longest head of `word` that fits in `width` columns (at least one character), and the rest.
fn split_at_width(word: &str, width: usize) -> (&str, &str) {
    let mut used = 0;
    let mut end = 0;
    for (i, c) in word.char_indices() {
        let cw = c.width().unwrap_or(0);
        if used + cw > width && i > 0 {
            break;
        }
        used += cw;
        end = i + c.len_utf8();
    }
    word.split_at(end)
}

/// Draws `lines` keeping `selected` in view, with a scrollbar when they do not all fit,
/// so nothing is ever cut off silently.
pub fn scrolled_lines(
    frame: &mut Frame,
    area: Rect,
    lines: Vec<Line<'_>>,
    selected: usize,
    th: Theme,
) {
    let height = area.height as usize;
    let total = lines.len();
    if height == 0 {
        return;
    }
    let offset = if total <= height {
        0
    } else {
        selected.saturating_sub(height / 2).min(total - height)
    };
    let visible: Vec<Line> = lines.into_iter().skip(offset).take(height).collect();
    let text_area = if total > height {
        Rect {
            width: area.width.saturating_sub(1),
            ..area
        }
    } else {
        area
    };
    frame.render_widget(Paragraph::new(visible), text_area);
    if total > height {
        let mut state = ScrollbarState::new(total - height).position(offset);
        frame.render_stateful_widget(
            Scrollbar::new(ScrollbarOrientation::VerticalRight)
                .begin_symbol(Some("↑"))
                .end_symbol(Some("↓"))
                .style(th.dim()),
            area,
            &mut state,
        );
    }
}

/// A labelled one-line input: « Label  [text▏] ».
pub fn text_field(
    frame: &mut Frame,
    area: Rect,
    label: &str,
    input: &TextArea<'_>,
    focused: bool,
    invalid: bool,
    th: Theme,
) {
    let label_w = 14u16.min(area.width / 3);
    let [label_area, input_area] =
        Layout::horizontal([Constraint::Length(label_w), Constraint::Min(1)]).areas(area);
    let label_style = if invalid {
        th.bad().add_modifier(Modifier::BOLD)
    } else if focused {
        th.accent()
    } else {
        Style::default()
    };
    let marker = marker(focused);
    frame.render_widget(
        Paragraph::new(Line::from(Span::styled(
            format!("{marker}{}", fit(label, label_w as usize - 1)),
            label_style,
        ))),
        label_area,
    );
    input_line(frame, input_area, input, focused);
}

/// A bordered box over `r` titled `title` (cut to fit), drawn; returns the area inside it.
pub fn titled_box(frame: &mut Frame, r: Rect, title: &str, th: Theme) -> Rect {
    let block = ratatui::widgets::Block::bordered().title(Span::styled(
        format!(
            " {} ",
            fit(title, r.width.saturating_sub(6) as usize).trim_end()
        ),
        th.accent(),
    ));
    let inner = block.inner(r);
    frame.render_widget(block, r);
    inner
}

/// A one-line input as every form shows it: underlined, the cursor shown only where it is focused.
pub fn input_line(frame: &mut Frame, area: Rect, input: &TextArea<'_>, focused: bool) {
    let mut shown = input.clone();
    shown.set_style(Style::default().add_modifier(Modifier::UNDERLINED));
    // A pre-filled default shows selected in the focused field: the first key typed replaces it.
    shown.set_selection_style(if focused {
        Style::default().add_modifier(Modifier::REVERSED)
    } else {
        Style::default().add_modifier(Modifier::UNDERLINED)
    });
    shown.set_cursor_style(if focused {
        Style::default().add_modifier(Modifier::REVERSED)
    } else {
        Style::default().add_modifier(Modifier::UNDERLINED)
    });
    frame.render_widget(&shown, area);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_wraps_at_spaces_and_cuts_long_words() {
        assert_eq!(wrap_text("un deux trois", 7), ["un deux", "trois"]);
        assert_eq!(wrap_text("abcdefghij", 4), ["abcd", "efgh", "ij"]);
        assert_eq!(wrap_text("", 5), [""]);
        for l in wrap_text(
            "Très clair sur son projet, sait expliquer pourquoi ce métier.",
            12,
        ) {
            assert!(l.chars().count() <= 12, "{l}");
        }
    }

    #[test]
    fn fit_counts_display_columns() {
        assert_eq!(fit("abc", 5), "abc  ");
        assert_eq!(fit("abcdef", 4), "abc…");
        // « ⚠ » is one column, a CJK character two, a combining accent none.
        assert_eq!(fit("⚠ x", 4).width(), 4);
        assert_eq!(fit("日本語", 6), "日本語");
        assert_eq!(fit("日本語", 5), "日本…");
        assert_eq!(fit("日本語", 4), "日… ");
        assert_eq!(fit("e\u{301}te\u{301}", 4), "e\u{301}te\u{301} ");
        for w in 0..8 {
            assert_eq!(fit("日本語 abc", w).width(), w);
        }
        assert_eq!(wrap_text("日本語", 4), ["日本", "語"]);
        assert_eq!(
            wrap_text("日本", 1),
            ["日", "本"],
            "a wide character alone on a line"
        );
    }
}
