//! A screen added through the `ScreenView` contract alone, without `App` or `app.rs`: the proof that
//! a new screen needs no edit in the hub to take keys, pastes, debounced writes and drawing.

use chrono::{Duration, NaiveDate, NaiveDateTime};
use passerelle::i18n::{Lang, Tr};
use passerelle::ui::Effect;
use passerelle::ui::context::Ctx;
use passerelle::ui::data::Data;
use passerelle::ui::keys::{Action, Scope};
use passerelle::ui::screen::{self, Intent, KeyInput, Reply, Screen, ScreenView};
use passerelle::ui::theme::Theme;
use ratatui::Frame;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui::layout::Rect;
use ratatui::text::Line;
use ratatui::widgets::Paragraph;

/// A list of three words, a cursor, and a note written 400 ms after the last paste.
#[derive(Default)]
struct Toy {
    cursor: usize,
    note: String,
    due: Option<NaiveDateTime>,
}

const WORDS: [&str; 3] = ["alpha", "beta", "gamma"];

impl ScreenView for Toy {
    fn scope(&self) -> Scope {
        // Borrows a tab's scope for its arrows and Enter; a real screen would have its own.
        Scope::Screen(Screen::Day)
    }

    fn on_key(&mut self, cx: &mut Ctx, input: KeyInput) -> Reply {
        let KeyInput { action, .. } = input;
        match action {
            Some(Action::Down) => self.cursor = (self.cursor + 1).min(WORDS.len() - 1),
            Some(Action::Up) => self.cursor = self.cursor.saturating_sub(1),
            Some(Action::Open) => {
                cx.info(format!("chosen {}", WORDS[self.cursor]));
                return Reply::intent(Intent::FeedbackRound(self.cursor as u32 + 1));
            }
            _ => {}
        }
        Reply::default()
    }

    fn paste(&mut self, cx: &mut Ctx, text: &str) -> Reply {
        self.note.push_str(text);
        self.due.get_or_insert(cx.now + Duration::milliseconds(400));
        Reply::default()
    }

    fn tick(&mut self, cx: &mut Ctx) -> Vec<Effect> {
        match self.due {
            Some(due) if due <= cx.now => self.flush(cx),
            _ => Vec::new(),
        }
    }

    fn flush(&mut self, _cx: &mut Ctx) -> Vec<Effect> {
        match self.due.take() {
            Some(_) => vec![Effect::LoadOral],
            None => Vec::new(),
        }
    }

    fn next_deadline(&self) -> Option<NaiveDateTime> {
        self.due
    }

    fn draw(&self, _cx: &Ctx, frame: &mut Frame, area: Rect) {
        let lines: Vec<Line> = WORDS
            .iter()
            .enumerate()
            .map(|(i, w)| {
                let marker = if i == self.cursor { "▸ " } else { "  " };
                Line::from(format!("{marker}{w}"))
            })
            .chain([Line::from(self.note.clone())])
            .collect();
        frame.render_widget(Paragraph::new(lines), area);
    }
}

fn now() -> NaiveDateTime {
    NaiveDate::from_ymd_opt(2026, 10, 15)
        .and_then(|d| d.and_hms_opt(9, 0, 0))
        .expect("date")
}

fn key(code: KeyCode) -> KeyEvent {
    KeyEvent::new(code, KeyModifiers::NONE)
}

fn text(toy: &Toy, cx: &Ctx) -> String {
    let mut terminal = Terminal::new(TestBackend::new(20, 5)).expect("terminal");
    terminal
        .draw(|f| screen::draw_alone(toy, cx, f))
        .expect("draw");
    terminal.backend().to_string()
}

#[test]
fn a_toy_screen_takes_keys_pastes_and_draws_through_the_contract_alone() {
    let mut cx = Ctx::new(
        Tr::new(Lang::Fr),
        Theme { no_color: true },
        Data::default(),
        now(),
    );
    let mut toy = Toy::default();
    assert!(text(&toy, &cx).contains("▸ alpha"));

    screen::press(&mut toy, &mut cx, key(KeyCode::Down));
    screen::press(&mut toy, &mut cx, key(KeyCode::Down));
    screen::press(&mut toy, &mut cx, key(KeyCode::Down));
    assert_eq!(toy.cursor, 2, "the cursor stops at the last row");
    assert!(text(&toy, &cx).contains("▸ gamma"));

    // Enter: a message posted on the context, and a move handed back for the application.
    let reply = screen::press(&mut toy, &mut cx, key(KeyCode::Enter));
    assert_eq!(reply.intents, vec![Intent::FeedbackRound(3)]);
    assert_eq!(
        cx.message.as_ref().map(|m| m.text.as_str()),
        Some("chosen gamma")
    );

    // A paste waits for its debounce; the tick before is silent, the one after writes.
    toy.paste(&mut cx, "hello");
    assert_eq!(
        toy.next_deadline(),
        Some(now() + Duration::milliseconds(400))
    );
    assert!(toy.tick(&mut cx).is_empty());
    cx.now = now() + Duration::milliseconds(500);
    assert_eq!(toy.tick(&mut cx), vec![Effect::LoadOral]);
    assert_eq!(toy.next_deadline(), None);
    assert!(text(&toy, &cx).contains("hello"));
}

#[test]
fn the_six_tabs_answer_the_same_contract() {
    let mut cx = Ctx::new(
        Tr::new(Lang::En),
        Theme { no_color: true },
        Data::default(),
        now(),
    );
    let mut app = passerelle::ui::App::new(
        Tr::new(Lang::En),
        Theme { no_color: true },
        Data::default(),
        now(),
    );
    for s in Screen::ALL {
        let (view, _) = app.view_mut(s);
        assert_eq!(
            view.scope(),
            Scope::Screen(s),
            "{s:?} opens on its own scope"
        );
        assert_eq!(view.next_deadline(), None);
        assert!(view.flush(&mut cx).is_empty());
        // Drawing on no data never panics.
        let mut terminal = Terminal::new(TestBackend::new(80, 24)).expect("terminal");
        terminal
            .draw(|f| screen::draw_alone(view, &cx, f))
            .expect("draw");
    }
}
