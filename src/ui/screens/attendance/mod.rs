//! Présences: take attendance of everyone at the session, one key per status.

use chrono::NaiveDateTime;
use ratatui::Frame;
use ratatui::crossterm::event::KeyEvent;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Clear, Paragraph};
use ratatui_textarea::TextArea;
use unicode_width::UnicodeWidthStr;

use crate::core::attendance::{
    Attendance, AttendanceStatus, TimesProblem, UndoLog, check_times, mark_after_end, parse_time,
    session_end, status_with_departure,
};
use crate::core::domain::{Id, Member, Role};
use crate::core::text::matches_name;
use crate::ui::context::{Ctx, Effect, Popup};
use crate::ui::keys::{Action, Scope};
use crate::ui::screen::{KeyInput, Reply, Screen, ScreenView};
use crate::ui::theme::status_symbol;
use crate::ui::widgets::{centered, fit, marker_gap, scrolled_lines, step, text_field};

mod draw;
use draw::*;

mod forms;
use forms::*;

/// Longest reason kept; longer pastes are cut with a message.
pub const MAX_REASON_CHARS: usize = 200;

/// The times / reason form of one person.
pub struct TimesForm {
    /// Whose record.
    pub person_id: Id,
    /// Focused field: 0 arrival, 1 departure, 2 reason.
    pub field: usize,
    /// The three inputs.
    pub inputs: [TextArea<'static>; 3],
    /// Fields whose text is not a time.
    pub invalid: [bool; 2],
    /// Times that cannot be kept together: shown, not saved, the text left to correct.
    pub problem: Option<TimesProblem>,
    /// Esc was pressed once with an invalid time: the next Esc abandons that text.
    pub warned: bool,
    /// The record as it was when the form opened (for undo).
    pub before: Attendance,
    /// Whether the undo entry for this form was recorded.
    pub undo_recorded: bool,
}

/// The « add a person » prompt.
pub struct AddPersonForm {
    /// Name typed.
    pub input: TextArea<'static>,
    /// Selected line in the choices.
    pub cursor: usize,
    /// Role of a new person.
    pub role: Role,
}

/// State of the Présences screen.
#[derive(Default)]
pub struct AttendanceState {
    /// Selected row in the visible list.
    pub cursor: usize,
    /// Name filter.
    pub filter: String,
    /// Typing the filter.
    pub filtering: bool,
    /// Changes that `u` takes back.
    pub undo: UndoLog,
    /// Open times form.
    pub form: Option<TimesForm>,
    /// Open « add a person » prompt.
    pub adder: Option<AddPersonForm>,
    /// Debounced write.
    pub pending: Option<(NaiveDateTime, Effect)>,
}

/// The rows shown: the session's list, filtered by name.
pub fn visible<'a>(st: &AttendanceState, cx: &'a Ctx) -> Vec<(&'a Member, &'a Attendance)> {
    let filter = st.filter.as_str();
    cx.data
        .listed()
        .into_iter()
        .filter(|(m, _)| filter.is_empty() || matches_name(&m.person.full_name(), filter))
        .collect()
}

fn selected(st: &AttendanceState, cx: &Ctx) -> Option<(Member, Attendance)> {
    visible(st, cx)
        .get(st.cursor)
        .map(|(m, a)| ((*m).clone(), (*a).clone()))
}

fn clamp_cursor(st: &mut AttendanceState, cx: &mut Ctx) {
    let len = visible(st, cx).len();
    st.cursor = st.cursor.min(len.saturating_sub(1));
}

fn status_word(cx: &Ctx, s: AttendanceStatus) -> &'static str {
    cx.tr.t(&format!("status.{}", s.code()))
}

/// Browsing keys of the screen.
pub fn on_action(st: &mut AttendanceState, cx: &mut Ctx, action: Action) -> Vec<Effect> {
    let len = visible(st, cx).len();
    match action {
        a if step(&mut st.cursor, a, len) => {}
        Action::MarkPresent => return mark(st, cx, AttendanceStatus::Present),
        Action::MarkLate => return mark(st, cx, AttendanceStatus::Late),
        Action::MarkAbsent => return mark(st, cx, AttendanceStatus::Absent),
        Action::MarkExcused => return mark(st, cx, AttendanceStatus::Excused),
        Action::MarkLeftEarly => return mark(st, cx, AttendanceStatus::LeftEarly),
        Action::Undo => return undo(st, cx),
        Action::Open => open_form(st, cx),
        Action::AddPerson => {
            if cx.data.session.is_none() {
                cx.warn(cx.tr.t("att.no_session").to_string());
            } else {
                st.adder = Some(AddPersonForm {
                    input: single_line(""),
                    cursor: 0,
                    role: Role::Candidate,
                });
            }
        }
        Action::EndOfSession if cx.data.session.is_some() => {
            cx.popup = Some(Popup::ConfirmEndOfSession);
        }
        Action::Filter => st.filtering = true,
        Action::Back if !st.filter.is_empty() => {
            st.filter.clear();
            st.cursor = 0;
        }
        _ => {}
    }
    Vec::new()
}

fn mark(st: &mut AttendanceState, cx: &mut Ctx, status: AttendanceStatus) -> Vec<Effect> {
    let Some((member, before)) = selected(st, cx) else {
        cx.warn(cx.tr.t("att.nobody_selected").to_string());
        return Vec::new();
    };
    // After `f`, the time of the key is not an arrival (issue 18 point 2).
    let ended = session_end(cx.data.attendance.iter());
    let after = mark_after_end(&before, status, cx.now.time(), ended);
    if after == before {
        return Vec::new();
    }
    let mut effects = flush(st);
    st.undo
        .record(before.session_id, before.person_id, Some(before.clone()));
    cx.data.put_attendance(after.clone());
    let time = after
        .left_at
        .filter(|_| status == AttendanceStatus::LeftEarly)
        .or(after.arrived_at)
        .map(|t| t.format("%H:%M").to_string())
        .unwrap_or_default();
    let unstamped = ended.filter(|_| after.status.came() && after.arrived_at.is_none());
    let text = match unstamped {
        Some(end) => cx.tr.tf(
            "att.marked_after_end",
            &[
                ("end", &end.format("%H:%M").to_string()),
                ("name", &member.person.short_name()),
                ("status", &status_word(cx, status)),
            ],
        ),
        None => cx.tr.tf(
            "att.marked",
            &[
                ("name", &member.person.short_name()),
                ("status", &status_word(cx, status)),
                ("time", &time),
            ],
        ),
    };
    let leaves = matches!(
        status,
        AttendanceStatus::Absent | AttendanceStatus::Excused | AttendanceStatus::LeftEarly
    );
    if leaves && cx.data.plan.is_some() {
        // The plan counted on this person: offer the re-plan (decisions.md).
        cx.warn(format!(
            "{} {}",
            text.trim_end(),
            cx.tr.t("att.offer_replan")
        ));
    } else {
        cx.info(text.trim_end().to_string());
    }
    effects.push(Effect::SaveAttendance(after));
    if status != AttendanceStatus::LeftEarly {
        next_unmarked(st, cx);
    }
    effects
}

/// Moves the cursor to the next person not yet marked, wrapping; it stays when all are marked, so
/// taking attendance is one key per person (keys.md, second batch).
fn next_unmarked(st: &mut AttendanceState, cx: &Ctx) {
    let rows = visible(st, cx);
    let len = rows.len();
    if let Some(next) = (1..len).map(|i| (st.cursor + i) % len).find(|&i| {
        rows.get(i)
            .is_some_and(|r| r.1.status == AttendanceStatus::Expected)
    }) {
        st.cursor = next;
    }
}

fn undo(st: &mut AttendanceState, cx: &mut Ctx) -> Vec<Effect> {
    let mut effects = flush(st);
    let Some(entry) = st.undo.pop() else {
        cx.info(cx.tr.t("att.nothing_to_undo").to_string());
        return effects;
    };
    if Some(entry.session_id) != cx.data.session {
        // A change made on another session: undo it there too, but say so.
        cx.warn(cx.tr.t("att.undo_other_session").to_string());
    }
    let name = cx
        .data
        .member(entry.person_id)
        .map(|m| m.person.short_name())
        .unwrap_or_default();
    match entry.before {
        Some(before) => {
            let word = status_word(cx, before.status);
            if Some(entry.session_id) == cx.data.session {
                cx.data.put_attendance(before.clone());
            }
            cx.info(
                cx.tr
                    .tf("att.undone", &[("name", &name), ("status", &word)]),
            );
            effects.push(Effect::SaveAttendance(before));
        }
        None => {
            if Some(entry.session_id) == cx.data.session {
                cx.data.remove_attendance(entry.person_id);
            }
            cx.info(cx.tr.tf("att.undone_added", &[("name", &name)]));
            effects.push(Effect::DeleteAttendance {
                session_id: entry.session_id,
                person_id: entry.person_id,
            });
        }
    }
    if let Some(pos) = visible(st, cx)
        .iter()
        .position(|(m, _)| m.person.id == entry.person_id)
    {
        st.cursor = pos;
    }
    clamp_cursor(st, cx);
    effects
}

fn single_line(text: &str) -> TextArea<'static> {
    let mut t = TextArea::new(vec![text.to_string()]);
    t.move_cursor(ratatui_textarea::CursorMove::End);
    t.set_cursor_line_style(Style::default());
    t
}

/// Keys while a form, prompt or filter is open.
pub fn on_edit_key(
    st: &mut AttendanceState,
    cx: &mut Ctx,
    scope: Scope,
    action: Option<Action>,
    key: KeyEvent,
) -> Vec<Effect> {
    match scope {
        Scope::TimesForm => form_key(st, cx, action, key),
        Scope::AddPerson => adder_key(st, cx, action, key),
        Scope::Filter => {
            filter_key(st, action, key);
            Vec::new()
        }
        _ => Vec::new(),
    }
}

fn filter_key(st: &mut AttendanceState, action: Option<Action>, key: KeyEvent) {
    crate::ui::form::filter_key(&mut st.filter, &mut st.filtering, action, key);
    st.cursor = 0;
}

/// Pasted text goes into the open field, cut to its maximum.
pub fn paste(st: &mut AttendanceState, cx: &mut Ctx, text: &str) -> Vec<Effect> {
    let first_line: String = text
        .lines()
        .next()
        .unwrap_or("")
        .chars()
        .take(MAX_REASON_CHARS + 1)
        .collect();
    if let Some(form) = st.form.as_mut() {
        let field = form.field;
        form.inputs[field].insert_str(&first_line);
        return form_changed(st, cx);
    }
    if let Some(adder) = st.adder.as_mut() {
        let kept: String = first_line.chars().take(80).collect();
        adder.input.insert_str(&kept);
        adder.cursor = 0;
    } else if st.filtering {
        st.filter.extend(first_line.chars().take(40));
    }
    Vec::new()
}

/// Writes the debounced record now, whatever its due time.
pub fn flush(st: &mut AttendanceState) -> Vec<Effect> {
    crate::ui::context::take_pending(&mut st.pending)
}

/// Stamps everyone still present as leaving now (confirmed « fin de séance »).
pub fn end_of_session(st: &mut AttendanceState, cx: &mut Ctx) -> Vec<Effect> {
    let mut effects = flush(st);
    let now = cx.now.time();
    let time = chrono::NaiveTime::from_hms_opt(
        chrono::Timelike::hour(&now),
        chrono::Timelike::minute(&now),
        0,
    )
    .unwrap_or(now);
    let time = crate::ui::path::end_of_session_time(cx, time);
    let open: Vec<Attendance> = cx
        .data
        .attendance
        .iter()
        .filter(|a| a.status.came() && a.left_at.is_none())
        .cloned()
        .collect();
    for before in &open {
        let mut after = before.clone();
        after.left_at = Some(time);
        st.undo
            .record(before.session_id, before.person_id, Some(before.clone()));
        cx.data.put_attendance(after.clone());
        effects.push(Effect::SaveAttendance(after));
    }
    cx.info(cx.tr.tn(
        "att.session_ended",
        open.len() as i64,
        &[("n", &open.len())],
    ));
    effects
}

// ---------------------------------------------------------------------------------------------
// Drawing

/// Another session is in use: back to the top of an unfiltered list.
pub fn session_opened(st: &mut AttendanceState) {
    st.cursor = 0;
    st.filter.clear();
}

/// Someone not on the list was added and marked present: `u` takes it back, the cursor goes to
/// them.
pub fn person_added(st: &mut AttendanceState, cx: &mut Ctx, session_id: Id, person_id: Id) {
    st.undo.record(session_id, person_id, None);
    if let Some(m) = cx.data.member(person_id) {
        let name = m.person.short_name();
        cx.info(cx.tr.tf("att.added", &[("name", &name)]));
    }
    let pos = visible(st, cx)
        .iter()
        .position(|(m, _)| m.person.id == person_id);
    if let Some(pos) = pos {
        st.cursor = pos;
    }
}

impl ScreenView for AttendanceState {
    fn scope(&self) -> Scope {
        if self.form.is_some() {
            Scope::TimesForm
        } else if self.adder.is_some() {
            Scope::AddPerson
        } else if self.filtering {
            Scope::Filter
        } else {
            Scope::Screen(Screen::Attendance)
        }
    }

    fn on_key(&mut self, cx: &mut Ctx, input: KeyInput) -> Reply {
        match (input.scope, input.action) {
            (Scope::Screen(_), Some(a)) => on_action(self, cx, a).into(),
            (Scope::Screen(_), None) => Reply::default(),
            _ => on_edit_key(self, cx, input.scope, input.action, input.event).into(),
        }
    }

    crate::ui::screen::delegated_to_module!(pending);

    fn on_confirm(&mut self, cx: &mut Ctx, popup: &Popup, yes: bool) -> Reply {
        match popup {
            Popup::ConfirmEndOfSession if yes => end_of_session(self, cx).into(),
            _ => Reply::default(),
        }
    }

    fn note_subject(&self, cx: &Ctx) -> (Option<Id>, Option<u32>) {
        let candidate = visible(self, cx)
            .get(self.cursor)
            .filter(|(m, _)| m.role == Role::Candidate)
            .map(|(m, _)| m.person.id);
        (candidate, None)
    }
}
