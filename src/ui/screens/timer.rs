//! The rotation timer: big digits readable across the room, who is where now and next, and the
//! keys that drive the day. Every key is stored as a clock event at once.

use chrono::{Duration, NaiveDateTime, Timelike};
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::Modifier;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, LineGauge, Paragraph, Wrap};
use tui_big_text::{BigText, PixelSize};
use unicode_width::UnicodeWidthStr;

use crate::core::clock::{ClockEvent, PhaseKind, Position, State, warning_level};
use crate::core::domain::Id;
use crate::core::feedback::Completeness;
use crate::ui::context::{Ctx, Effect, Popup};
use crate::ui::keys::Action;
use crate::ui::screen::{Intent, Reply};
use crate::ui::widgets::fit;

/// State of the timer.
#[derive(Debug, Clone)]
pub struct TimerState {
    /// The timer view is shown (Ctrl-T).
    pub view: bool,
    /// Bell at phase changes and warnings.
    pub sound: bool,
    /// Phase and warning level at the last tick, to ring on changes.
    pub last: Option<(usize, u8)>,
    /// Ring at the next chance.
    pub bell: bool,
    /// The view flashes until then (with the bell, for rooms where sound is off).
    pub flash_until: Option<NaiveDateTime>,
    /// The chooser of a round's tables (Enter in the timer view).
    pub chooser: Option<TableChooser>,
    /// A feedback form was opened from the timer view: closing it shows the timer again.
    pub back_after_form: bool,
}

/// The interviews of one round, to open one's feedback form from the timer view.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TableChooser {
    /// Round, from 1.
    pub round: u32,
    /// The round's interviews in table order: (panel, candidate).
    pub rows: Vec<(Option<Id>, Id)>,
    /// Selected line.
    pub cursor: usize,
}

impl Default for TimerState {
    fn default() -> Self {
        TimerState {
            view: false,
            sound: true,
            last: None,
            bell: false,
            flash_until: None,
            chooser: None,
            back_after_form: false,
        }
    }
}

/// True while the clock runs (the event loop then wakes every second).
pub fn running(cx: &Ctx) -> bool {
    cx.data
        .clock_position(cx.now)
        .is_some_and(|p| p.state == State::Running)
}

/// The next whole second after `now`.
pub fn next_second(now: NaiveDateTime) -> NaiveDateTime {
    now - Duration::nanoseconds(i64::from(now.nanosecond())) + Duration::seconds(1)
}

fn record(cx: &mut Ctx, e: ClockEvent) -> Vec<Effect> {
    let Some(session_id) = cx.data.session else {
        return Vec::new();
    };
    cx.data.clock.push(e);
    vec![Effect::Clock {
        session_id,
        event: e,
    }]
}

/// Timer keys, on the Rotation screen and in the timer view.
pub fn on_action(st: &mut TimerState, cx: &mut Ctx, round: usize, action: Action) -> Reply {
    let Some(pos) = cx.data.clock_position(cx.now) else {
        if matches!(
            action,
            Action::StartPause | Action::NextPhase | Action::NudgeUp | Action::NudgeDown
        ) {
            cx.warn(cx.tr.t("timer.need_plan").to_string());
        }
        return Reply::default();
    };
    let now = cx.now;
    let effects = match action {
        Action::StartPause => match pos.state {
            State::NotStarted => {
                cx.info(cx.tr.t("timer.started").to_string());
                record(cx, ClockEvent::Start(now))
            }
            State::Running => record(cx, ClockEvent::Pause(now)),
            State::Paused => record(cx, ClockEvent::Resume(now)),
            State::Over => Vec::new(),
        },
        Action::NudgeUp if started(&pos) => record(cx, ClockEvent::Nudge(now, 60)),
        Action::NudgeDown if started(&pos) => record(cx, ClockEvent::Nudge(now, -60)),
        Action::NextPhase if started(&pos) => {
            st.bell = st.sound;
            record(cx, ClockEvent::Skip(now))
        }
        Action::JumpRound if started(&pos) => {
            cx.popup = Some(Popup::ConfirmJump(round));
            Vec::new()
        }
        Action::Ring => {
            st.bell = true;
            Vec::new()
        }
        Action::Sound => {
            let key = crate::ui::context::flip(&mut st.sound, "timer.sound_on", "timer.sound_off");
            cx.info(cx.tr.t(key).to_string());
            Vec::new()
        }
        Action::Back => {
            st.view = false;
            Vec::new()
        }
        Action::Open => {
            // The round under way, or the one that just ended: choose its table, at the first
            // interview still missing its feedback.
            let phase = cx
                .data
                .timetable()
                .and_then(|tt| tt.phases.get(pos.phase).copied());
            if let Some(p) = phase.filter(|_| pos.state != State::NotStarted) {
                open_chooser(st, cx, p.round as u32 + 1);
            }
            Vec::new()
        }
        _ => Vec::new(),
    };
    effects.into()
}

/// True when the interview's feedback is complete.
fn captured(cx: &Ctx, round: u32, candidate: Id) -> bool {
    cx.data.feedback.iter().any(|f| {
        f.round == round
            && f.candidate_id == candidate
            && f.completeness(&cx.criteria) == Completeness::Complete
    })
}

fn open_chooser(st: &mut TimerState, cx: &Ctx, round: u32) {
    let Some(plan) = &cx.data.plan else {
        return;
    };
    let position = |id: Option<Id>| {
        id.and_then(|id| cx.data.panel(id))
            .map_or(i64::MAX, |p| p.position)
    };
    let mut rows: Vec<(Option<Id>, Id)> = plan
        .interviews
        .iter()
        .filter(|i| i.round == round)
        .map(|i| (i.panel_id, i.candidate_id))
        .collect();
    rows.sort_by_key(|(panel, _)| position(*panel));
    if rows.is_empty() {
        return;
    }
    let cursor = rows
        .iter()
        .position(|(_, c)| !captured(cx, round, *c))
        .unwrap_or(0);
    st.chooser = Some(TableChooser {
        round,
        rows,
        cursor,
    });
}

/// Keys of the chooser: Enter opens the selected interview's form (Esc there comes back to the
/// timer view), Esc closes the chooser.
pub fn on_chooser_key(st: &mut TimerState, action: Option<Action>) -> Reply {
    let Some(ch) = st.chooser.as_mut() else {
        return Reply::default();
    };
    match action {
        Some(a) if crate::ui::widgets::step(&mut ch.cursor, a, ch.rows.len()) => {}
        Some(Action::Back) => st.chooser = None,
        Some(Action::Confirm) => {
            let round = ch.round;
            let picked = ch.rows.get(ch.cursor).copied();
            st.chooser = None;
            if let Some((_, candidate)) = picked {
                st.view = false;
                st.back_after_form = true;
                return Reply::intent(Intent::FeedbackAt {
                    round,
                    candidate,
                    from_timer: true,
                });
            }
        }
        _ => {}
    }
    Reply::default()
}

/// Draws the chooser over the timer view.
pub fn draw_chooser(st: &TimerState, cx: &Ctx, frame: &mut Frame, area: Rect) {
    let Some(ch) = &st.chooser else {
        return;
    };
    let tr = cx.tr;
    let lines: Vec<Line> = ch
        .rows
        .iter()
        .map(|(panel, candidate)| {
            let table = panel
                .and_then(|id| cx.data.panel(id))
                .map(|p| format!("{} {}", tr.t("panels.table_word"), p.table_name))
                .unwrap_or_else(|| "—".into());
            let name = cx
                .data
                .member(*candidate)
                .map(|m| m.person.full_name())
                .unwrap_or_default();
            let state = if captured(cx, ch.round, *candidate) {
                tr.t("timer.chooser_done")
            } else {
                tr.t("timer.chooser_missing")
            };
            Line::from(format!("{} · {} · {state}", fit(&table, 10), name))
        })
        .collect();
    crate::ui::widgets::list::popup_list(
        frame,
        area,
        (64, ch.rows.len() as u16 + 2),
        &tr.tf("timer.chooser_title", &[("round", &ch.round)]),
        tr.t("timer.chooser_hint"),
        lines,
        ch.cursor,
        cx.theme,
    );
}

fn started(p: &Position) -> bool {
    matches!(p.state, State::Running | State::Paused)
}

/// Confirmed jump: round `r` (0-based) starts now.
pub fn jump(st: &mut TimerState, cx: &mut Ctx, round: usize) -> Vec<Effect> {
    let now = cx.now;
    st.bell = st.sound;
    record(cx, ClockEvent::Jump(now, round))
}

/// Once a second while running: ring at a phase change and at the first warning.
pub fn tick(st: &mut TimerState, cx: &mut Ctx) {
    let Some(tt) = cx.data.timetable() else {
        return;
    };
    let Some(pos) = cx.data.clock_position(cx.now) else {
        return;
    };
    let level = warning_level(&tt, &pos);
    if let Some((phase, last_level)) = st.last
        && pos.state == State::Running
        && (phase != pos.phase || (level == 1 && last_level == 0))
    {
        st.bell = st.bell || st.sound;
        st.flash_until = Some(cx.now + Duration::seconds(1));
    }
    st.last = Some((pos.phase, level));
}

fn clock_text(seconds: i64) -> String {
    let s = seconds.abs();
    let sign = if seconds < 0 { "+" } else { "" };
    if s >= 3600 {
        format!("{sign}{}:{:02}:{:02}", s / 3600, (s % 3600) / 60, s % 60)
    } else {
        format!("{sign}{:02}:{:02}", s / 60, s % 60)
    }
}

/// « Tour 3/8 · Entretien 12:41 » for the header, while the day runs.
pub fn header_text(cx: &Ctx) -> Option<String> {
    let tt = cx.data.timetable()?;
    let pos = cx.data.clock_position(cx.now)?;
    if !started(&pos) {
        return None;
    }
    let phase = tt.phases.get(pos.phase)?;
    let paused = if pos.state == State::Paused {
        format!(" {}", cx.tr.t("timer.paused"))
    } else {
        String::new()
    };
    Some(format!(
        "{} {}/{} {} {}{paused}",
        cx.tr.t(unit(cx)),
        phase.round + 1,
        tt.rounds(),
        cx.tr.t(phase_label(cx, phase.round, phase.kind)),
        clock_text(pos.remaining)
    ))
}

fn table_lines(cx: &Ctx, round: u32, width: u16) -> Vec<Line<'static>> {
    let Some(plan) = &cx.data.plan else {
        return Vec::new();
    };
    let mut rows: Vec<(i64, String, String, String)> = plan
        .interviews
        .iter()
        .filter(|i| i.round == round)
        .map(|i| {
            let panel = i
                .panel_id
                .and_then(|id| cx.data.panels.iter().find(|p| p.id == id));
            let position = panel.map_or(i64::MAX, |p| p.position);
            let table = panel
                .map(|p| p.table_name.clone())
                .unwrap_or_else(|| "—".into());
            let who = cx
                .data
                .member(i.candidate_id)
                .map(|m| m.person.short_name())
                .unwrap_or_default();
            (position, table, i.panel_label.clone(), who)
        })
        .collect();
    rows.sort();
    // Table and candidate are what the facilitator calls out; the binôme's names when there is room.
    let label_w = (width as usize).saturating_sub(9 + 1 + 12 + 1).min(28);
    rows.into_iter()
        .map(|(_, table, label, who)| {
            let table = fit(&format!("{} {table}", cx.tr.t("panels.table_word")), 9);
            if label_w >= 8 {
                Line::from(format!("{table} {} {who}", fit(&label, label_w)))
            } else {
                Line::from(format!("{table} {who}"))
            }
        })
        .collect()
}

/// « Tour » on a rotation day, « Intervention » on a themed day.
fn unit(cx: &Ctx) -> &'static str {
    if cx.data.agenda.is_empty() {
        "plan.round"
    } else {
        "clock.item"
    }
}

/// The phase's name: the item's kind on a themed day (exposé, témoignage…).
fn phase_label(cx: &Ctx, index: usize, kind: PhaseKind) -> &'static str {
    cx.data
        .agenda
        .get(index)
        .map_or(kind.label(), |s| s.item.kind.label())
}

/// A themed day's current item and the next one, each with its speaker.
fn draw_agenda(cx: &Ctx, frame: &mut Frame, area: Rect, index: usize) {
    let tr = cx.tr;
    let th = cx.theme;
    let [now_area, next_area] =
        Layout::horizontal([Constraint::Percentage(50), Constraint::Percentage(50)])
            .spacing(1)
            .areas(area);
    let item_lines = |heading: String, index: usize, width: u16| -> Vec<Line<'static>> {
        let mut lines = vec![Line::from(Span::styled(heading, th.accent()))];
        if let Some(s) = cx.data.agenda.get(index) {
            let w = width as usize;
            lines.push(Line::from(Span::styled(
                fit(&s.item.title, w),
                Modifier::BOLD,
            )));
            if let Some(speaker) = &s.item.speaker {
                lines.push(Line::from(fit(speaker, w)));
            }
            lines.push(Line::from(Span::styled(
                fit(
                    &format!("{} · {} min", tr.t(s.item.kind.label()), s.item.minutes),
                    w,
                ),
                th.dim(),
            )));
        }
        lines
    };
    frame.render_widget(
        Paragraph::new(item_lines(
            tr.t("timer.now").to_string(),
            index,
            now_area.width,
        )),
        now_area,
    );
    if index + 1 < cx.data.agenda.len() {
        frame.render_widget(
            Paragraph::new(item_lines(
                tr.t("agenda.next").to_string(),
                index + 1,
                next_area.width,
            )),
            next_area,
        );
    }
}

/// Draws the timer view.
pub fn draw(cx: &Ctx, frame: &mut Frame, area: Rect) {
    let tr = cx.tr;
    let th = cx.theme;
    let block = Block::bordered().title(Span::styled(
        format!(" {} ", tr.t("timer.title")),
        th.accent(),
    ));
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let (Some(tt), Some(pos)) = (cx.data.timetable(), cx.data.clock_position(cx.now)) else {
        frame.render_widget(
            Paragraph::new(tr.t("timer.need_plan")).wrap(Wrap { trim: true }),
            inner,
        );
        return;
    };
    let phase = tt.phases.get(pos.phase).copied();
    let level = warning_level(&tt, &pos);
    let style = match level {
        0 => th.ok(),
        1 | 2 => th.warn(),
        _ => th.bad(),
    }
    .add_modifier(Modifier::BOLD);
    let tall = inner.height >= 30;
    let big_h = if tall { 8 } else { 4 };
    let [top, big, gauge, rest] = Layout::vertical([
        Constraint::Length(1),
        Constraint::Length(big_h),
        Constraint::Length(1),
        Constraint::Min(0),
    ])
    .areas(inner);
    let (title, digits) = match (pos.state, phase) {
        (State::NotStarted, _) => (
            tr.t("timer.not_started").to_string(),
            clock_text(pos.remaining),
        ),
        (State::Over, _) => (tr.t("timer.over").to_string(), "00:00".to_string()),
        (_, Some(p)) => {
            let mut t = format!(
                "{} {} / {} · {}",
                tr.t(unit(cx)),
                p.round + 1,
                tt.rounds(),
                tr.t(phase_label(cx, p.round, p.kind))
            );
            if pos.state == State::Paused {
                t.push_str(&format!(" · {}", tr.t("timer.paused")));
            }
            if pos.remaining < 0 {
                t.push_str(&format!(" · {}", tr.t("timer.overtime")));
            }
            (t, clock_text(pos.remaining))
        }
        (_, None) => (String::new(), String::new()),
    };
    let end = pos
        .expected_end
        .map(|e| {
            let drift = pos.drift / 60;
            let d = if drift == 0 {
                String::new()
            } else {
                format!(" ({drift:+} min)")
            };
            tr.tf(
                "timer.expected_end",
                &[("time", &e.format("%H:%M")), ("drift", &d)],
            )
        })
        .unwrap_or_default();
    let pad = (top.width as usize).saturating_sub(title.width() + end.width());
    frame.render_widget(
        Paragraph::new(Line::from(vec![
            Span::styled(title, th.accent()),
            Span::raw(" ".repeat(pad)),
            Span::styled(end, th.dim()),
        ])),
        top,
    );
    let big_text = BigText::builder()
        .pixel_size(if tall {
            PixelSize::Full
        } else {
            PixelSize::HalfHeight
        })
        .style(style)
        .lines(vec![digits.clone().into()])
        .centered()
        .build();
    frame.render_widget(big_text, big);
    let ratio = if pos.length > 0 {
        ((pos.length - pos.remaining.max(0)) as f64 / pos.length as f64).clamp(0.0, 1.0)
    } else {
        1.0
    };
    frame.render_widget(
        LineGauge::default()
            .filled_style(style)
            .ratio(ratio)
            .label(Span::styled(
                tr.tf(
                    if pos.remaining < 0 {
                        "timer.over_by"
                    } else {
                        "timer.left"
                    },
                    &[("time", &digits)],
                ),
                style,
            )),
        gauge,
    );
    let Some(p) = phase.filter(|_| pos.state != State::Over) else {
        return;
    };
    if !cx.data.agenda.is_empty() {
        draw_agenda(cx, frame, rest, p.round);
        return;
    }
    let current = p.round as u32 + 1;
    let feedback = p.kind == PhaseKind::Feedback;
    // Side by side, so that the next round is always visible with the current one.
    let [now_area, next_area] =
        Layout::horizontal([Constraint::Percentage(50), Constraint::Percentage(50)])
            .spacing(1)
            .areas(rest);
    let now_title = if feedback {
        tr.tf("timer.feedback_due", &[("round", &current)])
    } else {
        tr.t("timer.now").to_string()
    };
    let mut now_lines = vec![Line::from(Span::styled(now_title, th.accent()))];
    now_lines.extend(table_lines(cx, current, now_area.width));
    frame.render_widget(Paragraph::new(now_lines), now_area);
    if current < tt.rounds() as u32 {
        let mut next = vec![Line::from(Span::styled(
            tr.tf("timer.next", &[("round", &(current + 1))]),
            th.accent(),
        ))];
        next.extend(table_lines(cx, current + 1, next_area.width));
        frame.render_widget(Paragraph::new(next), next_area);
    }
}
