//! A small form: labelled one-line fields (text, date, time, number, choice) with a help line,
//! validated as typed. Screens decide what the values mean and when they are saved.

use ratatui::Frame;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui::layout::Rect;
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Clear, Paragraph, Wrap};
use ratatui_textarea::{CursorMove, TextArea};

use super::keys::{Action, Scope};
use super::theme::Theme;
use super::widgets::{centered, fit};
use crate::core::text::matches_name;
use crate::i18n::Tr;

/// What a field holds.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FieldKind {
    /// Free text up to `max` characters.
    Text {
        /// Maximum length in characters.
        max: usize,
    },
    /// A choice among codes (label keys are `prefix` + code).
    Choice {
        /// The codes.
        options: Vec<&'static str>,
        /// Catalog prefix of the labels.
        prefix: &'static str,
        /// Selected option.
        selected: usize,
    },
    /// A choice among values named at run time (people): (value, label).
    Named {
        /// The options.
        options: Vec<(String, String)>,
        /// Selected option.
        selected: usize,
    },
}

/// One field.
pub struct Field {
    /// Identifier used by the screen.
    pub id: &'static str,
    /// Catalog key of the label.
    pub label: &'static str,
    /// Catalog key of the one-line explanation.
    pub help: &'static str,
    /// Kind.
    pub kind: FieldKind,
    /// Text input (unused for choices).
    pub input: TextArea<'static>,
    /// Catalog key of the current error, if the text is not acceptable.
    pub error: Option<&'static str>,
    /// What was typed to find an option of a named choice (a people picker).
    pub filter: String,
}

impl Field {
    /// A text field with an initial value.
    pub fn text(
        id: &'static str,
        label: &'static str,
        help: &'static str,
        value: &str,
        max: usize,
    ) -> Field {
        let mut input = TextArea::new(vec![value.to_string()]);
        input.move_cursor(CursorMove::End);
        input.set_cursor_line_style(Style::default());
        Field {
            id,
            label,
            help,
            kind: FieldKind::Text { max },
            input,
            error: None,
            filter: String::new(),
        }
    }

    /// The same field, its text selected as a default (a file name, a date, a time, a number, a
    /// name the app proposes): typing replaces it, an arrow key keeps it. Free text someone wrote
    /// (a note, a name) is not selected, so that typing adds to it. An empty field stays as it is.
    pub fn prefilled(mut self) -> Field {
        select_default(&mut self.input);
        self
    }

    /// A choice field.
    pub fn choice(
        id: &'static str,
        label: &'static str,
        help: &'static str,
        options: Vec<&'static str>,
        prefix: &'static str,
        selected: &str,
    ) -> Field {
        let selected = options.iter().position(|o| *o == selected).unwrap_or(0);
        Field {
            id,
            label,
            help,
            kind: FieldKind::Choice {
                options,
                prefix,
                selected,
            },
            input: TextArea::default(),
            error: None,
            filter: String::new(),
        }
    }

    /// A choice among named values.
    pub fn named(
        id: &'static str,
        label: &'static str,
        help: &'static str,
        options: Vec<(String, String)>,
    ) -> Field {
        Field {
            id,
            label,
            help,
            kind: FieldKind::Named {
                options,
                selected: 0,
            },
            input: TextArea::default(),
            error: None,
            filter: String::new(),
        }
    }

    /// The text typed (or the selected code).
    pub fn value(&self) -> String {
        match &self.kind {
            FieldKind::Named { options, selected } => options
                .get(*selected)
                .map(|o| o.0.clone())
                .unwrap_or_default(),
            FieldKind::Text { .. } => self.input.lines().first().cloned().unwrap_or_default(),
            FieldKind::Choice {
                options, selected, ..
            } => options
                .get(*selected)
                .map(|s| s.to_string())
                .unwrap_or_default(),
        }
    }
}

/// What a key did to the form.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FormOutcome {
    /// Nothing worth saving.
    Nothing,
    /// A value changed: validate and save.
    Changed,
    /// Enter: confirm (the screen decides: close, or create).
    Confirm,
    /// Esc: close.
    Close,
}

/// A form over the current screen.
pub struct Form {
    /// Catalog key of the title.
    pub title: &'static str,
    /// Extra title text (the name of what is edited).
    pub subtitle: String,
    /// Fields in order.
    pub fields: Vec<Field>,
    /// Focused field.
    pub focus: usize,
    /// A value was changed since the form opened.
    pub touched: bool,
    /// Esc was pressed once while something was invalid.
    pub warned: bool,
    /// Catalog key of a message for the whole form (e.g. « nothing created yet »).
    pub notice: Option<&'static str>,
    /// Catalog key of the line under the form (how it saves).
    pub footnote: &'static str,
}

impl Form {
    /// A form with fields.
    pub fn new(title: &'static str, subtitle: String, fields: Vec<Field>) -> Form {
        Form {
            title,
            subtitle,
            fields,
            focus: 0,
            touched: false,
            warned: false,
            notice: None,
            footnote: "form.saved",
        }
    }

    /// The value of a field by id.
    pub fn value(&self, id: &str) -> String {
        self.fields
            .iter()
            .find(|f| f.id == id)
            .map(Field::value)
            .unwrap_or_default()
    }

    /// Selects the option of a named-choice field whose value is `value` (left as it is when
    /// there is none).
    pub fn select_named(&mut self, id: &str, value: &str) {
        if let Some(f) = self.fields.iter_mut().find(|f| f.id == id)
            && let FieldKind::Named { options, selected } = &mut f.kind
            && let Some(i) = options.iter().position(|o| o.0 == value)
        {
            *selected = i;
        }
    }

    /// Marks a field's error (None clears it).
    pub fn set_error(&mut self, id: &str, error: Option<&'static str>) {
        if let Some(f) = self.fields.iter_mut().find(|f| f.id == id) {
            f.error = error;
        }
    }

    /// True when some field is in error.
    pub fn has_errors(&self) -> bool {
        self.fields.iter().any(|f| f.error.is_some())
    }

    /// Closing while a field is still wrong: true the first time (say so, stay open); a second
    /// Esc closes and keeps everything else.
    pub fn hold_on_error(&mut self) -> bool {
        if self.has_errors() && !self.warned {
            self.warned = true;
            return true;
        }
        false
    }

    /// Applies a key: moves between fields, cycles choices, edits text.
    pub fn on_key(&mut self, action: Option<Action>, key: KeyEvent) -> FormOutcome {
        // In a people picker being searched ↑ ↓ choose among the matches (keys.md); otherwise,
        // and with Tab always, they move between fields, so that going down a form never changes
        // a choice by accident.
        let picking = self
            .fields
            .get(self.focus)
            .is_some_and(|f| matches!(f.kind, FieldKind::Named { .. }) && !f.filter.is_empty())
            && matches!(key.code, KeyCode::Up | KeyCode::Down);
        match action {
            Some(a) if !picking && matches!(a, Action::NextField | Action::PrevField) => {
                self.leave_field();
                super::widgets::cycle_field(&mut self.focus, a, self.fields.len());
                return FormOutcome::Nothing;
            }
            Some(Action::Back) => return FormOutcome::Close,
            Some(Action::Confirm) => return FormOutcome::Confirm,
            _ => {}
        }
        let Some(field) = self.fields.get_mut(self.focus) else {
            return FormOutcome::Nothing;
        };
        let digit = match key.code {
            KeyCode::Char(c) => c.to_digit(10).map(|d| d as usize),
            _ => None,
        };
        let mut advance = false;
        let changed = match &mut field.kind {
            FieldKind::Choice {
                options, selected, ..
            } => {
                let len = options.len().max(1);
                match (key.code, digit.filter(|d| (1..=options.len()).contains(d))) {
                    // A digit picks the option and moves on: one key for a choice.
                    (_, Some(d)) => {
                        *selected = d - 1;
                        advance = true;
                        true
                    }
                    (KeyCode::Right | KeyCode::Char(' '), _) => {
                        *selected = (*selected + 1) % len;
                        true
                    }
                    (KeyCode::Left, _) => {
                        *selected = (*selected + len - 1) % len;
                        true
                    }
                    _ => false,
                }
            }
            FieldKind::Named { options, selected } => {
                pick_key(options, selected, &mut field.filter, key)
            }
            FieldKind::Text { max } => edit_text(&mut field.input, key, *max),
        };
        if advance {
            self.leave_field();
            super::widgets::cycle_field(&mut self.focus, Action::NextField, self.fields.len());
        }
        if changed {
            self.touched = true;
            self.warned = false;
            FormOutcome::Changed
        } else {
            FormOutcome::Nothing
        }
    }

    /// Leaving a field forgets what was typed to find a name (the choice stays).
    fn leave_field(&mut self) {
        if let Some(f) = self.fields.get_mut(self.focus) {
            f.filter.clear();
        }
    }

    /// Pastes the first line of `text` into the focused text field, cut to its maximum.
    pub fn paste(&mut self, text: &str) -> FormOutcome {
        let Some(field) = self.fields.get_mut(self.focus) else {
            return FormOutcome::Nothing;
        };
        let FieldKind::Text { max } = field.kind else {
            return FormOutcome::Nothing;
        };
        let len = field.input.lines().first().map_or(0, |l| l.chars().count());
        let room = max.saturating_sub(len);
        let line: String = text
            .lines()
            .next()
            .unwrap_or("")
            .chars()
            .take(room)
            .collect();
        if line.is_empty() {
            return FormOutcome::Nothing;
        }
        field.input.insert_str(&line);
        self.touched = true;
        FormOutcome::Changed
    }

    /// Draws the form as a popup over `area`.
    pub fn draw(&self, frame: &mut Frame, area: Rect, tr: Tr, th: Theme) {
        let height = (self.fields.len() as u16 + 6).min(area.height);
        let r = centered(area, 76.min(area.width.saturating_sub(2)), height);
        frame.render_widget(Clear, r);
        let title = if self.subtitle.is_empty() {
            format!(" {} ", tr.t(self.title))
        } else {
            format!(" {} — {} ", tr.t(self.title), self.subtitle)
        };
        let title = fit(&title, r.width.saturating_sub(4) as usize)
            .trim_end()
            .to_string()
            + " ";
        let block = Block::bordered()
            .title(Span::styled(title, th.accent()))
            .title_bottom(
                Line::from(Span::styled(format!(" {} ", tr.t(self.footnote)), th.dim()))
                    .right_aligned(),
            );
        let inner = block.inner(r);
        frame.render_widget(block, r);
        let label_w = 22usize.min(inner.width as usize / 2);
        for (i, f) in self.fields.iter().enumerate() {
            let y = inner.y + i as u16;
            if y >= inner.bottom() {
                break;
            }
            let focused = i == self.focus;
            let label_style = if f.error.is_some() {
                th.bad().add_modifier(Modifier::BOLD)
            } else if focused {
                th.accent()
            } else {
                Style::default()
            };
            let marker = if f.error.is_some() {
                "!"
            } else {
                super::widgets::marker(focused)
            };
            let label = format!("{marker}{} ", fit(tr.t(f.label), label_w.saturating_sub(2)));
            frame.render_widget(
                Paragraph::new(Span::styled(label, label_style)),
                Rect::new(inner.x, y, label_w as u16, 1),
            );
            let input_area = Rect::new(
                inner.x + label_w as u16,
                y,
                inner.width.saturating_sub(label_w as u16),
                1,
            );
            match &f.kind {
                FieldKind::Named { options, selected } => {
                    let mut text = format!(
                        "◂ {} ▸",
                        options.get(*selected).map(|o| o.1.as_str()).unwrap_or("")
                    );
                    if focused && !f.filter.is_empty() {
                        let n = matching(options, &f.filter).len();
                        text.push_str("  ");
                        text.push_str(
                            &tr.tf("form.picker_filter", &[("filter", &f.filter), ("n", &n)]),
                        );
                    }
                    let style = if focused {
                        th.selected()
                    } else {
                        Style::default()
                    };
                    frame.render_widget(Paragraph::new(Span::styled(text, style)), input_area);
                }
                FieldKind::Choice {
                    options,
                    prefix,
                    selected,
                } => {
                    let code = options.get(*selected).copied().unwrap_or("");
                    let text = format!("◂ {} ▸", tr.t(&format!("{prefix}{code}")));
                    let style = if focused {
                        th.selected()
                    } else {
                        Style::default()
                    };
                    frame.render_widget(Paragraph::new(Span::styled(text, style)), input_area);
                }
                FieldKind::Text { .. } => {
                    super::widgets::input_line(frame, input_area, &f.input, focused);
                }
            }
        }
        let help_y = inner.y + self.fields.len() as u16 + 1;
        if help_y < inner.bottom() {
            let focused = self.fields.get(self.focus);
            let (text, style) = match (focused.and_then(|f| f.error), self.notice) {
                (Some(e), _) => (tr.t(e).to_string(), th.bad()),
                (None, Some(n)) => (tr.t(n).to_string(), th.warn()),
                (None, None) => (
                    focused.map(|f| tr.t(f.help)).unwrap_or("").to_string(),
                    th.dim(),
                ),
            };
            let area = Rect::new(inner.x, help_y, inner.width, inner.bottom() - help_y);
            frame.render_widget(
                Paragraph::new(Span::styled(text, style)).wrap(Wrap { trim: true }),
                area,
            );
        }
    }
}

/// The indexes of the options whose label matches `filter` (accents and case ignored), all of
/// them when it is empty.
pub fn matching(options: &[(String, String)], filter: &str) -> Vec<usize> {
    options
        .iter()
        .enumerate()
        .filter(|(_, o)| filter.is_empty() || matches_name(&o.1, filter))
        .map(|(i, _)| i)
        .collect()
}

/// The one people picker: letters filter the options (the first match is chosen), Backspace
/// edits the filter, ↑ ↓ and ← → move among the matches (Space too while nothing is typed).
/// True when the choice changed.
pub fn pick_key(
    options: &[(String, String)],
    selected: &mut usize,
    filter: &mut String,
    key: KeyEvent,
) -> bool {
    let before = *selected;
    let plain = !key
        .modifiers
        .intersects(KeyModifiers::CONTROL | KeyModifiers::ALT);
    let step = match key.code {
        KeyCode::Char(' ') if filter.is_empty() => 1,
        KeyCode::Char(c) if plain && filter.chars().count() < 40 => {
            filter.push(c);
            0
        }
        KeyCode::Backspace => {
            filter.pop();
            0
        }
        KeyCode::Right | KeyCode::Down => 1,
        KeyCode::Left | KeyCode::Up => -1,
        _ => return false,
    };
    let hits = matching(options, filter);
    if hits.is_empty() {
        return false;
    }
    let here = hits.iter().position(|&i| i == *selected);
    *selected = match (here, step) {
        // Typing keeps a choice that still matches, else takes the first match.
        (Some(_), 0) => *selected,
        (None, 0) => hits[0],
        (Some(p), 1) => hits[(p + 1) % hits.len()],
        (Some(p), _) => hits[(p + hits.len() - 1) % hits.len()],
        (None, 1) => hits[0],
        (None, _) => hits[hits.len() - 1],
    };
    *selected != before
}

/// Applies a key to a text input with the editing keys every field shares (key table, scope
/// Text): Ctrl-U clears, Ctrl-W deletes the word before the cursor, Home / End; a selected
/// default is replaced by the first character typed and kept by a move. At most `max`
/// characters. True when the text changed.
pub fn edit_text(input: &mut TextArea<'static>, key: KeyEvent, max: usize) -> bool {
    let selecting = input.is_selecting();
    match super::keys::lookup(Scope::Text, &key) {
        Some(Action::ClearText) => {
            input.cancel_selection();
            return input.clear();
        }
        Some(Action::DeleteWord) => {
            input.cancel_selection();
            return input.delete_word();
        }
        Some(Action::Home) => {
            input.cancel_selection();
            input.move_cursor(CursorMove::Head);
            return false;
        }
        Some(Action::End) => {
            input.cancel_selection();
            input.move_cursor(CursorMove::End);
            return false;
        }
        _ => {}
    }
    if selecting
        && matches!(
            key.code,
            KeyCode::Left | KeyCode::Right | KeyCode::Up | KeyCode::Down
        )
    {
        // The default is kept; the arrow only moves the cursor.
        input.cancel_selection();
    }
    let len: usize = input.lines().iter().map(|l| l.chars().count()).sum();
    if matches!(key.code, KeyCode::Char(_)) && len >= max && !selecting {
        return false;
    }
    input.input(key)
}

/// Selects a non-empty default so that the first character typed replaces it (keys.md).
pub fn select_default(input: &mut TextArea<'static>) {
    if input.lines().iter().any(|l| !l.is_empty()) {
        input.select_all();
    }
}

/// Keys while typing a name filter: Enter keeps it, Esc clears it, letters extend it (40 at most).
pub fn filter_key(
    filter: &mut String,
    filtering: &mut bool,
    action: Option<Action>,
    key: KeyEvent,
) {
    match action {
        Some(Action::Confirm) => *filtering = false,
        Some(Action::Back) => {
            *filtering = false;
            filter.clear();
        }
        _ => match (super::keys::lookup(Scope::Text, &key), key.code) {
            // The editing keys of every text field.
            (Some(Action::ClearText), _) => filter.clear(),
            (Some(Action::DeleteWord), _) => {
                let kept = filter.trim_end().rfind(' ').map_or(0, |i| i + 1);
                filter.truncate(kept);
            }
            (_, KeyCode::Char(c))
                if filter.chars().count() < 40
                    && !key
                        .modifiers
                        .intersects(KeyModifiers::CONTROL | KeyModifiers::ALT) =>
            {
                filter.push(c)
            }
            (_, KeyCode::Backspace) => {
                filter.pop();
            }
            _ => {}
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn k(code: KeyCode) -> KeyEvent {
        KeyEvent::new(code, KeyModifiers::NONE)
    }

    fn ctrl(c: char) -> KeyEvent {
        KeyEvent::new(KeyCode::Char(c), KeyModifiers::CONTROL)
    }

    fn one_field(field: Field) -> Form {
        Form::new("form.saved", String::new(), vec![field])
    }

    fn typed(form: &mut Form, text: &str) {
        for c in text.chars() {
            form.on_key(None, k(KeyCode::Char(c)));
        }
    }

    #[test]
    fn ctrl_u_clears_ctrl_w_deletes_a_word_home_and_end_move() {
        let mut form = one_field(Field::text("t", "form.saved", "form.saved", "", 80));
        typed(&mut form, "rendez-vous mission locale");
        form.on_key(None, ctrl('w'));
        assert_eq!(form.value("t"), "rendez-vous mission ");
        form.on_key(None, k(KeyCode::Home));
        typed(&mut form, "« ");
        form.on_key(None, k(KeyCode::End));
        typed(&mut form, "»");
        assert_eq!(form.value("t"), "« rendez-vous mission »");
        assert_eq!(form.on_key(None, ctrl('u')), FormOutcome::Changed);
        assert_eq!(form.value("t"), "");
    }

    #[test]
    fn a_name_filter_clears_with_ctrl_u_and_loses_a_word_with_ctrl_w() {
        let (mut filter, mut on) = (String::new(), true);
        for c in "yanis ben".chars() {
            filter_key(&mut filter, &mut on, None, k(KeyCode::Char(c)));
        }
        filter_key(&mut filter, &mut on, None, ctrl('w'));
        assert_eq!(filter, "yanis ");
        filter_key(&mut filter, &mut on, None, ctrl('u'));
        assert_eq!(filter, "");
    }

    #[test]
    fn a_prefilled_default_is_replaced_by_typing_and_kept_by_an_arrow() {
        let field =
            || Field::text("p", "form.saved", "form.saved", "grand-oral.html", 300).prefilled();
        let mut form = one_field(field());
        typed(&mut form, "/tmp/x.html");
        assert_eq!(form.value("p"), "/tmp/x.html", "the first key replaces it");
        let mut form = one_field(field());
        form.on_key(None, k(KeyCode::Left));
        typed(&mut form, "2");
        assert_eq!(form.value("p"), "grand-oral.htm2l", "← keeps it and moves");
        let mut form = one_field(field());
        form.on_key(None, k(KeyCode::End));
        typed(&mut form, "x");
        assert_eq!(form.value("p"), "grand-oral.htmlx");
        let mut form = one_field(field());
        form.on_key(None, k(KeyCode::Backspace));
        assert_eq!(form.value("p"), "", "Backspace takes the whole default");
    }

    #[test]
    fn a_people_picker_filters_as_typed_and_arrows_move_among_the_matches() {
        let people = vec![
            (String::new(), "—".to_string()),
            ("1".into(), "Lucie Martin (Mission locale)".into()),
            ("2".into(), "Nadia Belkacem (SPIP de la Vienne)".into()),
            ("3".into(), "Noé Bellec (Transports Perrin)".into()),
        ];
        let mut form = one_field(Field::named("who", "form.saved", "form.saved", people));
        typed(&mut form, "be");
        assert_eq!(form.value("who"), "2");
        assert_eq!(form.fields[0].filter, "be");
        // While searching, ↓ (a form's next field otherwise) and → move among the two matches.
        form.on_key(Some(Action::NextField), k(KeyCode::Down));
        assert_eq!(form.value("who"), "3");
        form.on_key(None, k(KeyCode::Right));
        assert_eq!(form.value("who"), "2");
        typed(&mut form, "lle");
        assert_eq!(form.value("who"), "3", "« belle » finds Noé Bellec only");
        for _ in 0..5 {
            form.on_key(None, k(KeyCode::Backspace));
        }
        assert_eq!(form.fields[0].filter, "");
        typed(&mut form, "zzz");
        assert_eq!(form.value("who"), "3", "no match keeps the choice");
        // Tab leaves the field and forgets the filter, not the choice.
        form.on_key(Some(Action::NextField), k(KeyCode::Tab));
        assert_eq!(form.focus, 0, "one field: Tab comes back to it");
        // Without a search ↓ is the next field again.
        form.on_key(Some(Action::NextField), k(KeyCode::Down));
        assert_eq!(form.value("who"), "3");
        assert_eq!(
            (form.value("who").as_str(), form.fields[0].filter.as_str()),
            ("3", "")
        );
    }
}
