//! Présences: take attendance of everyone at the session, one key per status.

use chrono::NaiveDateTime;
use ratatui::Frame;
use ratatui::crossterm::event::{KeyCode, KeyEvent};
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Clear, Paragraph};
use ratatui_textarea::TextArea;
use unicode_width::UnicodeWidthStr;

use crate::core::attendance::{Attendance, AttendanceStatus, UndoLog, parse_time};
use crate::core::domain::{Id, Member, Role, StaffRole};
use crate::core::text::matches_name;
use crate::ui::context::{Ctx, Effect, Popup};
use crate::ui::keys::{Action, Scope};
use crate::ui::screen::{Reply, Screen, ScreenView};
use crate::ui::theme::status_symbol;
use crate::ui::widgets::{centered, fit, marker_gap, scrolled_lines, step, text_field};

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
    let after = before.mark(status, cx.now.time());
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
    let text = cx.tr.tf(
        "att.marked",
        &[
            ("name", &member.person.short_name()),
            ("status", &status_word(cx, status)),
            ("time", &time),
        ],
    );
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
    effects
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

fn open_form(st: &mut AttendanceState, cx: &mut Ctx) {
    let Some((_, record)) = selected(st, cx) else {
        return;
    };
    let time =
        |t: Option<chrono::NaiveTime>| t.map(|t| t.format("%H:%M").to_string()).unwrap_or_default();
    st.form = Some(TimesForm {
        person_id: record.person_id,
        field: 0,
        inputs: [
            single_line(&time(record.arrived_at)),
            single_line(&time(record.left_at)),
            single_line(&record.reason),
        ],
        invalid: [false, false],
        warned: false,
        before: record,
        undo_recorded: false,
    });
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

fn form_key(
    st: &mut AttendanceState,
    cx: &mut Ctx,
    action: Option<Action>,
    key: KeyEvent,
) -> Vec<Effect> {
    let Some(form) = st.form.as_mut() else {
        return Vec::new();
    };
    match action {
        Some(Action::NextField) => {
            form.field = (form.field + 1) % 3;
            return Vec::new();
        }
        Some(Action::PrevField) => {
            form.field = (form.field + 2) % 3;
            return Vec::new();
        }
        Some(Action::Back) => {
            if form.invalid.iter().any(|b| *b) && !form.warned {
                form.warned = true;
                cx.warn(cx.tr.t("att.invalid_time_close").to_string());
                return Vec::new();
            }
            st.form = None;
            return flush(st);
        }
        _ => {}
    }
    let field = form.field;
    form.inputs[field].input(key);
    form.warned = false;
    form_changed(st, cx)
}

/// Recomputes the record from the form's fields and schedules its write.
fn form_changed(st: &mut AttendanceState, cx: &mut Ctx) -> Vec<Effect> {
    let now = cx.now;
    let Some(form) = st.form.as_mut() else {
        return Vec::new();
    };
    let mut cut = false;
    let reason_text = form.inputs[2].lines().first().cloned().unwrap_or_default();
    if reason_text.chars().count() > MAX_REASON_CHARS {
        let kept: String = reason_text.chars().take(MAX_REASON_CHARS).collect();
        form.inputs[2] = single_line(&kept);
        cut = true;
    }
    let Some(current) = cx.data.attendance_of(form.person_id).cloned() else {
        return Vec::new();
    };
    let mut record = current.clone();
    for (i, slot) in [&mut record.arrived_at, &mut record.left_at]
        .into_iter()
        .enumerate()
    {
        let text = form.inputs[i].lines().first().cloned().unwrap_or_default();
        if text.trim().is_empty() {
            *slot = None;
            form.invalid[i] = false;
        } else if let Some(t) = parse_time(&text) {
            *slot = Some(t);
            form.invalid[i] = false;
        } else {
            form.invalid[i] = true;
        }
    }
    record.reason = form.inputs[2].lines().first().cloned().unwrap_or_default();
    // A typed arrival means the person came: keep the status coherent with the times.
    if record.arrived_at.is_some() && !record.status.came() {
        record.status = AttendanceStatus::Present;
    }
    if record.left_at.is_some()
        && record.status != AttendanceStatus::LeftEarly
        && record.status.came()
    {
        record.status = AttendanceStatus::LeftEarly;
    }
    if !form.undo_recorded && record != current {
        form.undo_recorded = true;
        let before = form.before.clone();
        st.undo
            .record(before.session_id, before.person_id, Some(before));
    }
    if cut {
        cx.warn(cx.tr.tf("att.reason_cut", &[("max", &MAX_REASON_CHARS)]));
    }
    if record != current {
        cx.data.put_attendance(record.clone());
        crate::ui::context::debounce(&mut st.pending, now, Effect::SaveAttendance(record));
    }
    Vec::new()
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

/// Writes a due debounced record.
pub fn tick(st: &mut AttendanceState, cx: &mut Ctx) -> Vec<Effect> {
    crate::ui::context::due_pending(&mut st.pending, cx.now)
}

/// Writes the debounced record now, whatever its due time.
pub fn flush(st: &mut AttendanceState) -> Vec<Effect> {
    crate::ui::context::take_pending(&mut st.pending)
}

/// The people an addition can pick: cohort members not on the list, matching the typed name.
pub fn addable<'a>(cx: &'a Ctx, query: &str) -> Vec<&'a Member> {
    cx.data
        .members
        .iter()
        .filter(|m| !m.archived && cx.data.attendance_of(m.person.id).is_none())
        .filter(|m| matches_name(&m.person.full_name(), query))
        .collect()
}

/// Splits « Prénom Nom de famille » into first and last name.
fn split_name(text: &str) -> Option<(String, String)> {
    let mut words = text.split_whitespace();
    let first = words.next()?.to_string();
    let last = words.collect::<Vec<_>>().join(" ");
    (!last.is_empty()).then_some((first, last))
}

fn adder_key(
    st: &mut AttendanceState,
    cx: &mut Ctx,
    action: Option<Action>,
    key: KeyEvent,
) -> Vec<Effect> {
    let Some(adder) = st.adder.as_mut() else {
        return Vec::new();
    };
    let query = adder.input.lines().first().cloned().unwrap_or_default();
    let choices = addable(cx, &query).len() + usize::from(split_name(&query).is_some());
    let Some(adder) = st.adder.as_mut() else {
        return Vec::new();
    };
    match action {
        Some(a @ (Action::Up | Action::Down)) => {
            step(&mut adder.cursor, a, choices);
        }
        Some(Action::Cycle) => {
            adder.role = match adder.role {
                Role::Candidate => Role::Professional,
                Role::Professional => Role::Staff,
                Role::Staff => Role::Candidate,
            }
        }
        Some(Action::Back) => st.adder = None,
        Some(Action::Confirm) => return confirm_add(st, cx),
        _ => {
            if adder.input.lines().first().map_or(0, |l| l.chars().count()) < 80
                || !matches!(key.code, KeyCode::Char(_))
            {
                adder.input.input(key);
            }
            adder.cursor = 0;
        }
    }
    Vec::new()
}

fn confirm_add(st: &mut AttendanceState, cx: &mut Ctx) -> Vec<Effect> {
    let Some(adder) = st.adder.as_ref() else {
        return Vec::new();
    };
    let (Some(session_id), Some(cohort_id)) = (cx.data.session, cx.data.cohort) else {
        return Vec::new();
    };
    let query = adder.input.lines().first().cloned().unwrap_or_default();
    let cursor = adder.cursor;
    let role = adder.role;
    let now = cx.now.time();
    let existing: Vec<Member> = addable(cx, &query).into_iter().cloned().collect();
    if let Some(member) = existing.get(cursor) {
        let record = Attendance {
            expected: false,
            ..Attendance::expected(session_id, member.person.id)
        }
        .mark(AttendanceStatus::Present, now);
        st.undo.record(session_id, member.person.id, None);
        cx.data.put_attendance(record.clone());
        st.adder = None;
        cx.info(
            cx.tr
                .tf("att.added", &[("name", &member.person.short_name())]),
        );
        if let Some(pos) = visible(st, cx)
            .iter()
            .position(|(m, _)| m.person.id == member.person.id)
        {
            st.cursor = pos;
        }
        return vec![Effect::SaveAttendance(record)];
    }
    match split_name(&query) {
        Some((first_name, last_name)) => {
            st.adder = None;
            vec![Effect::AddNewPerson {
                cohort_id,
                session_id,
                first_name,
                last_name,
                role,
                at: now,
            }]
        }
        None => {
            cx.warn(cx.tr.t("att.add_need_name").to_string());
            Vec::new()
        }
    }
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
    cx.info(cx.tr.tf("att.session_ended", &[("n", &open.len())]));
    effects
}

// ---------------------------------------------------------------------------------------------
// Drawing

/// Draws the screen into `area`.
pub fn draw(st: &AttendanceState, cx: &Ctx, frame: &mut Frame, area: Rect) {
    let tr = cx.tr;
    let th = cx.theme;
    let Some(session) = cx.data.current_session() else {
        let p = Paragraph::new(tr.t("att.no_session"))
            .block(Block::bordered().title(tr.t("screen.attendance")));
        frame.render_widget(p, area);
        return;
    };
    let title = format!(
        " {} — {} {} ",
        tr.t("screen.attendance"),
        tr.t(&format!("kind.{}", session.kind.code())),
        tr.date_short(session.date)
    );
    let block = Block::bordered().title(Span::styled(title, th.accent()));
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let [counts_area, list_area] =
        Layout::vertical([Constraint::Length(2), Constraint::Min(1)]).areas(inner);
    draw_counts(cx, frame, counts_area);

    let rows = visible(st, cx);
    if rows.is_empty() {
        let key = if cx.data.attendance.is_empty() {
            "att.empty_list"
        } else {
            "att.no_match"
        };
        frame.render_widget(Paragraph::new(tr.t(key)).style(th.dim()), list_area);
    } else {
        let mut lines: Vec<Line> = Vec::with_capacity(rows.len() + 3);
        let mut selected_line = 0;
        let mut last_role = None;
        let counts = cx.data.counts();
        for (i, (m, a)) in rows.iter().enumerate() {
            if last_role != Some(m.role) {
                last_role = Some(m.role);
                let c = counts.role(m.role);
                lines.push(Line::from(Span::styled(
                    format!(
                        "{} · {}/{}",
                        tr.t(&format!("role.plural.{}", m.role.code())),
                        c.came,
                        c.listed
                    ),
                    th.accent(),
                )));
            }
            if i == st.cursor {
                selected_line = lines.len();
            }
            lines.push(person_line(cx, m, a, i == st.cursor, list_area.width));
        }
        scrolled_lines(frame, list_area, lines, selected_line, th);
    }
    if st.filtering || !st.filter.is_empty() {
        let cursor = if st.filtering { "▏" } else { "" };
        let text = format!(" / {}{} ", st.filter, cursor);
        let w = (text.width() as u16 + 2).min(area.width.saturating_sub(4));
        let r = Rect::new(area.right().saturating_sub(w + 2), area.y, w, 1);
        frame.render_widget(
            Paragraph::new(text).style(th.warn().add_modifier(Modifier::BOLD)),
            r,
        );
    }
    if let Some(form) = &st.form {
        draw_form(cx, form, frame, area);
    }
    if let Some(adder) = &st.adder {
        draw_adder(cx, adder, frame, area);
    }
}

fn draw_counts(cx: &Ctx, frame: &mut Frame, area: Rect) {
    let tr = cx.tr;
    let th = cx.theme;
    let c = cx.data.counts();
    let part = |role: Role| {
        let rc = c.role(role);
        tr.tf(
            &format!("att.count_{}", role.code()),
            &[("came", &rc.came), ("listed", &rc.listed)],
        )
    };
    let first = Line::from(vec![
        Span::styled(
            tr.tf("att.came_total", &[("n", &c.came_total())]),
            th.ok().add_modifier(Modifier::BOLD),
        ),
        Span::raw(" · "),
        Span::raw(part(Role::Candidate)),
        Span::raw(" · "),
        Span::raw(part(Role::Professional)),
        Span::raw(" · "),
        Span::raw(part(Role::Staff)),
    ]);
    let all = [c.candidates, c.professionals, c.staff];
    let sum =
        |f: fn(&crate::core::attendance::RoleCounts) -> usize| all.iter().map(f).sum::<usize>();
    let second = Line::from(Span::styled(
        fit_line(
            tr.tf(
                "att.breakdown",
                &[
                    ("late", &sum(|r| r.late)),
                    ("left", &sum(|r| r.left_early)),
                    ("absent", &sum(|r| r.absent)),
                    ("excused", &sum(|r| r.excused)),
                    ("waiting", &sum(|r| r.waiting)),
                ],
            ),
            area.width,
        ),
        th.dim(),
    ));
    frame.render_widget(Paragraph::new(vec![first, second]), area);
}

fn fit_line(text: String, width: u16) -> String {
    fit(&text, width as usize).trim_end().to_string()
}

fn detail(cx: &Ctx, m: &Member) -> String {
    let tr = cx.tr;
    match m.role {
        Role::Candidate => {
            let sectors: Vec<&str> = m
                .sectors
                .iter()
                .map(|s| tr.t(&format!("sector.{}", s.code())))
                .collect();
            if m.project.is_empty() {
                sectors.join(", ")
            } else {
                format!("{} · {}", m.project, sectors.join(", "))
            }
        }
        Role::Professional => {
            let sectors: Vec<&str> = m
                .sectors
                .iter()
                .map(|s| tr.t(&format!("sector.{}", s.code())))
                .collect();
            format!("{} · {}", m.person.organisation, sectors.join(", "))
        }
        Role::Staff => {
            let role = m.staff_role.unwrap_or(StaffRole::Other);
            tr.t(&format!("staff_role.{}", role.code())).to_string()
        }
    }
}

fn person_line(cx: &Ctx, m: &Member, a: &Attendance, selected: bool, width: u16) -> Line<'static> {
    let th = cx.theme;
    let name_w = if width >= 100 { 26 } else { 20 };
    let name = fit(&m.person.full_name(), name_w);
    let status = fit(status_word(cx, a.status), 12);
    let times = match (a.arrived_at, a.left_at) {
        (Some(t), Some(l)) => format!("{} → {}", t.format("%H:%M"), l.format("%H:%M")),
        (Some(t), None) => format!("{}        ", t.format("%H:%M")),
        (None, Some(l)) => format!("      → {}", l.format("%H:%M")),
        (None, None) => " ".repeat(13),
    };
    let mut extra = String::new();
    if !a.reason.is_empty() {
        extra.push_str(&format!("« {} »  ", a.reason));
    }
    if !a.expected {
        extra.push_str(cx.tr.t("att.not_expected"));
        extra.push_str("  ");
    }
    extra.push_str(&detail(cx, m));
    // marker 2 + symbol 2 + name + 1 + status 13 + times 15 + scrollbar 1
    let room = (width as usize).saturating_sub(2 + 2 + name_w + 1 + 13 + 15 + 1);
    let extra = fit(&extra, room).trim_end().to_string();
    let marker = marker_gap(selected);
    let mut spans = vec![
        Span::raw(marker),
        Span::styled(format!("{} ", status_symbol(a.status)), th.status(a.status)),
        Span::raw(format!("{name} ")),
        Span::styled(format!("{status} "), th.status(a.status)),
        Span::raw(format!("{times}  ")),
        Span::styled(extra, th.dim()),
    ];
    if selected {
        for s in &mut spans {
            s.style = s.style.add_modifier(Modifier::REVERSED);
        }
    }
    Line::from(spans)
}

fn draw_form(cx: &Ctx, form: &TimesForm, frame: &mut Frame, area: Rect) {
    let tr = cx.tr;
    let th = cx.theme;
    let name = cx
        .data
        .member(form.person_id)
        .map(|m| m.person.full_name())
        .unwrap_or_default();
    let r = centered(area, 64, 10);
    frame.render_widget(Clear, r);
    let block = Block::bordered()
        .title(Span::styled(
            format!(" {} — {} ", tr.t("att.form_title"), name),
            th.accent(),
        ))
        .title_bottom(
            Line::from(Span::styled(
                format!(" {} ", tr.t("att.form_saved")),
                th.dim(),
            ))
            .right_aligned(),
        );
    let inner = block.inner(r);
    frame.render_widget(block, r);
    let rows = Layout::vertical([
        Constraint::Length(1),
        Constraint::Length(1),
        Constraint::Length(1),
        Constraint::Length(1),
        Constraint::Length(1),
        Constraint::Min(0),
    ])
    .split(inner);
    let labels = [
        "att.field_arrival",
        "att.field_departure",
        "att.field_reason",
    ];
    for (i, label) in labels.iter().enumerate() {
        let row = rows[i];
        let invalid = i < 2 && form.invalid[i];
        text_field(
            frame,
            row,
            tr.t(label),
            &form.inputs[i],
            form.field == i,
            invalid,
            th,
        );
    }
    let hint = if form.invalid.iter().any(|b| *b) {
        Span::styled(tr.t("att.invalid_time"), th.bad())
    } else {
        Span::styled(tr.t("att.form_hint"), th.dim())
    };
    frame.render_widget(Paragraph::new(Line::from(hint)), rows[4]);
}

fn draw_adder(cx: &Ctx, adder: &AddPersonForm, frame: &mut Frame, area: Rect) {
    let tr = cx.tr;
    let th = cx.theme;
    let r = centered(area, 64, 14);
    frame.render_widget(Clear, r);
    let block = Block::bordered().title(Span::styled(
        format!(" {} ", tr.t("att.add_title")),
        th.accent(),
    ));
    let inner = block.inner(r);
    frame.render_widget(block, r);
    let [input_row, list_area, role_row] = Layout::vertical([
        Constraint::Length(1),
        Constraint::Min(1),
        Constraint::Length(1),
    ])
    .areas(inner);
    text_field(
        frame,
        input_row,
        tr.t("att.add_name"),
        &adder.input,
        true,
        false,
        th,
    );
    let query = adder.input.lines().first().cloned().unwrap_or_default();
    let mut lines: Vec<Line> = addable(cx, &query)
        .iter()
        .map(|m| {
            Line::from(format!(
                "{} · {}",
                m.person.full_name(),
                tr.t(&format!("role.one.{}", m.role.code()))
            ))
        })
        .collect();
    if let Some((first, last)) = split_name(&query) {
        lines.push(Line::from(Span::styled(
            tr.tf(
                "att.add_new",
                &[
                    ("name", &format!("{first} {last}")),
                    ("role", &tr.t(&format!("role.one.{}", adder.role.code()))),
                ],
            ),
            th.ok(),
        )));
    }
    if lines.is_empty() {
        lines.push(Line::from(Span::styled(tr.t("att.add_help"), th.dim())));
    } else if let Some(l) = lines.get_mut(adder.cursor) {
        *l = l.clone().style(th.selected());
    }
    let inner_list = Rect {
        y: list_area.y + 1,
        height: list_area.height.saturating_sub(1),
        ..list_area
    };
    scrolled_lines(frame, inner_list, lines, adder.cursor, th);
    frame.render_widget(
        Paragraph::new(tr.tf(
            "att.add_role",
            &[("role", &tr.t(&format!("role.one.{}", adder.role.code())))],
        ))
        .style(th.dim()),
        role_row,
    );
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

    fn on_key(
        &mut self,
        cx: &mut Ctx,
        scope: Scope,
        action: Option<Action>,
        key: KeyEvent,
    ) -> Reply {
        match (scope, action) {
            (Scope::Screen(_), Some(a)) => on_action(self, cx, a).into(),
            (Scope::Screen(_), None) => Reply::default(),
            _ => on_edit_key(self, cx, scope, action, key).into(),
        }
    }

    fn paste(&mut self, cx: &mut Ctx, text: &str) -> Reply {
        paste(self, cx, text).into()
    }

    fn tick(&mut self, cx: &mut Ctx) -> Vec<Effect> {
        tick(self, cx)
    }

    fn flush(&mut self, _cx: &mut Ctx) -> Vec<Effect> {
        flush(self)
    }

    fn next_deadline(&self) -> Option<NaiveDateTime> {
        self.pending.as_ref().map(|(due, _)| *due)
    }

    fn draw(&self, cx: &Ctx, frame: &mut Frame, area: Rect) {
        draw(self, cx, frame, area);
    }

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
