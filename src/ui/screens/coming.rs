//! Screens that later work fills: an honest line instead of an empty frame.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Paragraph, Wrap};

use crate::ui::app::App;
use crate::ui::screen::Screen;

/// Draws the « à venir » notice of a screen.
pub fn draw(app: &App, screen: Screen, frame: &mut Frame, area: Rect) {
    let tr = app.tr;
    let key = "coming.grand_oral";
    let block = Block::bordered().title(Span::styled(
        format!(" {} ", tr.t(screen.label())),
        app.theme.accent(),
    ));
    let text = vec![
        Line::from(Span::styled(tr.t("coming.title"), app.theme.warn())),
        Line::from(""),
        Line::from(tr.t(key)),
    ];
    frame.render_widget(
        Paragraph::new(text).wrap(Wrap { trim: true }).block(block),
        area,
    );
}
