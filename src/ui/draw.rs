//! `draw(&state, frame)`: header, tabs, the current screen, message, footer and popups.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::Modifier;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Clear, Paragraph, Wrap};
use unicode_width::UnicodeWidthStr;

use super::app::App;
use super::context::{Level, Popup};
use super::keys::{self, Scope};
use super::screen::Screen;
use super::screens::timer;
use super::widgets::{centered, fit};

/// Smallest terminal the layout is made for (decisions.md).
pub const MIN_SIZE: (u16, u16) = (60, 20);

/// Draws the whole frame from the state; never changes it.
pub fn draw(app: &App, frame: &mut Frame) {
    let area = frame.area();
    if area.width < MIN_SIZE.0 || area.height < MIN_SIZE.1 {
        let text = app.tr.tf(
            "app.too_small",
            &[
                ("w", &area.width),
                ("h", &area.height),
                ("minw", &MIN_SIZE.0),
                ("minh", &MIN_SIZE.1),
            ],
        );
        frame.render_widget(Paragraph::new(text).wrap(Wrap { trim: true }), area);
        return;
    }
    let footer_text = footer_lines(app, area.width);
    // A long message takes a second line rather than being cut.
    let message_height = match &app.message {
        Some(m) if m.text.width() + 3 > area.width as usize => 2,
        _ => 1,
    };
    let [header, tabs, body, message, footer] = Layout::vertical([
        Constraint::Length(1),
        Constraint::Length(1),
        Constraint::Min(1),
        Constraint::Length(message_height),
        Constraint::Length(footer_text.len() as u16),
    ])
    .areas(area);
    draw_header(app, frame, header);
    if app.privacy {
        // The privacy screen keeps only the timer, for a projector or a visitor at the table.
        let running = app
            .data
            .clock_position(app.now)
            .is_some_and(|p| p.state != crate::core::clock::State::NotStarted);
        if running {
            timer::draw(&app.cx, frame, body);
            return;
        }
        let text = vec![
            Line::from(""),
            Line::from(Span::styled(app.tr.t("app.privacy"), app.theme.accent())),
        ];
        frame.render_widget(Paragraph::new(text).centered(), body);
        return;
    }
    draw_tabs(app, frame, tabs);
    if app.timer.view {
        // Full screen for a projector: only the timer and its keys.
        let [whole, message, footer] = Layout::vertical([
            Constraint::Min(1),
            Constraint::Length(message_height),
            Constraint::Length(footer_text.len() as u16),
        ])
        .areas(area);
        timer::draw(&app.cx, frame, whole);
        timer::draw_chooser(&app.timer, &app.cx, frame, whole);
        draw_message(app, frame, message);
        frame.render_widget(Paragraph::new(footer_text), footer);
        if let Some(Popup::ConfirmJump(r)) = &app.popup {
            let q = app.tr.tf("timer.confirm_jump", &[("round", &(r + 1))]);
            draw_confirm(app, frame, whole, &q);
        }
        if let Some(Popup::Help { scroll }) = &app.popup {
            draw_help(app, frame, whole, *scroll);
        }
        return;
    }
    let view = app.view(app.screen);
    view.draw(&app.cx, frame, body);
    draw_message(app, frame, message);
    frame.render_widget(Paragraph::new(footer_text), footer);
    if let Some((_, _, form)) = &app.note {
        form.draw(frame, body, app.tr, app.theme);
    }
    if let Some(form) = &app.print {
        form.draw(frame, body, app.tr, app.theme);
    }
    match &app.popup {
        Some(p) if view.draw_popup(&app.cx, frame, body, p) => {}
        Some(Popup::Help { scroll }) => draw_help(app, frame, body, *scroll),
        Some(Popup::ConfirmQuit) => draw_confirm(app, frame, body, app.tr.t("app.confirm_quit")),
        Some(Popup::ConfirmEndOfSession) => {
            draw_confirm(app, frame, body, app.tr.t("att.confirm_end_of_session"))
        }
        Some(Popup::ConfirmArchive(id)) => {
            let name = app
                .data
                .cohorts
                .iter()
                .find(|c| c.id == *id)
                .map(|c| c.name.clone())
                .unwrap_or_default();
            let q = app.tr.tf("day.confirm_archive", &[("name", &name)]);
            draw_confirm(app, frame, body, &q)
        }
        Some(Popup::ConfirmArchivePerson(id)) => {
            let name = app
                .data
                .member(*id)
                .map(|m| m.person.full_name())
                .unwrap_or_default();
            let q = app.tr.tf("part.confirm_archive", &[("name", &name)]);
            draw_confirm(app, frame, body, &q)
        }
        Some(Popup::ConfirmReplan) => {}
        Some(Popup::ConfirmReveal) => {
            draw_confirm(app, frame, body, app.tr.t("oral.confirm_reveal"))
        }
        Some(Popup::ConfirmJump(r)) => {
            let q = app.tr.tf("timer.confirm_jump", &[("round", &(r + 1))]);
            draw_confirm(app, frame, body, &q)
        }
        Some(Popup::ConfirmRegenerate) => {
            draw_confirm(app, frame, body, app.tr.t("rotation.confirm_regenerate"))
        }
        Some(Popup::ConfirmSuggestPanels) => {
            draw_confirm(app, frame, body, app.tr.t("panels.confirm_suggest"))
        }
        None => {}
    }
}

fn draw_header(app: &App, frame: &mut Frame, area: Rect) {
    let tr = app.tr;
    let th = app.theme;
    let mut text = String::from(" Passerelle");
    let mut present = String::new();
    if !app.privacy {
        if let Some(c) = app.data.current_cohort() {
            text.push_str(&format!(" · {}", c.name));
        }
        if let Some(s) = app.data.current_session() {
            text.push_str(&format!(
                " · {} {}",
                tr.t(&format!("kind.{}", s.kind.code())),
                tr.date_short(s.date)
            ));
            let counts = app.data.counts();
            present = format!(
                " · {}",
                tr.tn(
                    "app.header_present",
                    counts.came_total() as i64,
                    &[("n", &counts.came_total())]
                )
            );
        }
    }
    let mut clock = app.now.format("%H:%M").to_string();
    if app.read_only {
        clock = format!("{} · {clock}", app.tr.t("app.read_only_banner"));
    }
    if let Some(t) = timer::header_text(&app.cx).filter(|_| !app.privacy) {
        clock = format!("{t} · {clock}");
    }
    let width = area.width as usize;
    // The clock and the count matter most: the names give way first.
    let room = width.saturating_sub(clock.len() + 2 + present.width());
    let text = fit(&text, room).trim_end().to_string();
    let pad = width.saturating_sub(text.width() + present.width() + clock.len() + 1);
    let line = Line::from(vec![
        Span::styled(text, th.accent()),
        Span::styled(present, th.ok()),
        Span::raw(" ".repeat(pad)),
        Span::styled(clock, th.dim()),
    ]);
    frame.render_widget(Paragraph::new(line), area);
}

fn draw_tabs(app: &App, frame: &mut Frame, area: Rect) {
    let th = app.theme;
    let names: Vec<&str> = Screen::ALL.iter().map(|s| app.tr.t(s.label())).collect();
    let width = area.width as usize;
    let total = |cut: usize| -> usize {
        1 + Screen::ALL
            .iter()
            .zip(&names)
            .map(|(s, n)| {
                let len = if *s == app.screen {
                    n.chars().count()
                } else {
                    n.chars().count().min(cut)
                };
                len + 4
            })
            .sum::<usize>()
    };
    // Narrow terminals: the other tabs' names shrink (the current one stays whole).
    let cut = (0..=20).rev().find(|c| total(*c) <= width).unwrap_or(0);
    let mut spans = vec![Span::raw(" ")];
    for (s, name) in Screen::ALL.iter().zip(&names) {
        let (text, style) = if *s == app.screen {
            (
                name.to_string(),
                th.accent().add_modifier(Modifier::REVERSED),
            )
        } else {
            (name.chars().take(cut).collect::<String>(), th.dim())
        };
        let text = if text.is_empty() {
            format!(" {} ", s.number())
        } else {
            format!(" {} {text} ", s.number())
        };
        spans.push(Span::styled(text, style));
    }
    frame.render_widget(Paragraph::new(Line::from(spans)), area);
}

fn draw_message(app: &App, frame: &mut Frame, area: Rect) {
    let Some(msg) = &app.message else {
        return;
    };
    let th = app.theme;
    let (symbol, style) = match msg.level {
        Level::Info => ("✓", th.ok()),
        Level::Warning => ("!", th.warn()),
        Level::Error => ("✗", th.bad().add_modifier(Modifier::BOLD)),
    };
    frame.render_widget(
        Paragraph::new(Line::from(Span::styled(
            format!(" {symbol} {}", msg.text),
            style,
        )))
        .wrap(Wrap { trim: false }),
        area,
    );
}

/// The footer: the keys of the current scope from the key table, on two lines when one is not
/// enough, so that no hint is dropped at 80 columns.
fn footer_lines(app: &App, width: u16) -> Vec<Line<'static>> {
    let tr = app.tr;
    let th = app.theme;
    let width = width as usize;
    let mut lines = vec![Vec::new()];
    let mut used = 0;
    for b in keys::footer(app.scope()) {
        let key = keys::keys_label(b, tr, 1);
        let label = tr.t(b.label);
        let len = 1 + key.width() + 1 + label.width() + 1;
        if used + len > width && used > 0 {
            if lines.len() == 2 {
                break;
            }
            lines.push(Vec::new());
            used = 0;
        }
        if let Some(spans) = lines.last_mut() {
            spans.push(Span::raw(" "));
            spans.push(Span::styled(key, th.accent()));
            spans.push(Span::raw(format!(" {label} ")));
        }
        used += len;
    }
    lines.into_iter().map(Line::from).collect()
}

/// The `?` popup: the current screen's keys, then the global ones, from the same table.
fn draw_help(app: &App, frame: &mut Frame, area: Rect, scroll: u16) {
    let tr = app.tr;
    let th = app.theme;
    let r = centered(area, 70, area.height);
    frame.render_widget(Clear, r);
    let block = Block::bordered()
        .title(Span::styled(
            format!(" {} ", tr.t("help.title")),
            th.accent(),
        ))
        .title_bottom(Line::from(format!(" {} ", tr.t("help.close"))).right_aligned());
    let mut lines = Vec::new();
    let sections = [
        (Scope::Screen(app.screen), tr.t(app.screen.label())),
        (Scope::Global, tr.t("help.global")),
        (Scope::Always, tr.t("help.always")),
    ];
    let sections: Vec<(Scope, &str)> = match app.scope() {
        Scope::Form => [
            (Scope::Form, tr.t("help.form")),
            (Scope::Text, tr.t("help.text")),
        ]
        .into_iter()
        .chain(sections)
        .collect(),
        Scope::Actions => std::iter::once((Scope::Actions, tr.t("help.actions")))
            .chain(sections)
            .collect(),
        _ => sections.to_vec(),
    };
    for (scope, title) in sections {
        let rows: Vec<_> = keys::bindings(scope).collect();
        if rows.is_empty() {
            continue;
        }
        lines.push(Line::from(Span::styled(title.to_string(), th.accent())));
        for b in rows {
            let k = keys::keys_label(b, tr, 4);
            lines.push(Line::from(vec![
                Span::styled(format!("  {k:<18}"), th.warn()),
                Span::raw(tr.t(b.label)),
            ]));
        }
        lines.push(Line::from(""));
    }
    let inner = block.inner(r);
    let max_scroll = (lines.len() as u16).saturating_sub(inner.height);
    frame.render_widget(
        Paragraph::new(lines)
            .block(block)
            .scroll((scroll.min(max_scroll), 0)),
        r,
    );
}

/// The re-plan question: what moves, to read aloud, then yes / no.
fn draw_confirm(app: &App, frame: &mut Frame, area: Rect, question: &str) {
    let th = app.theme;
    let r = centered(area, 56, 5);
    frame.render_widget(Clear, r);
    let block = Block::bordered().border_style(th.warn());
    let text = vec![
        Line::from(question.to_string()),
        Line::from(Span::styled(app.tr.t("app.yes_no"), th.accent())),
    ];
    frame.render_widget(
        Paragraph::new(text).wrap(Wrap { trim: true }).block(block),
        r,
    );
}
