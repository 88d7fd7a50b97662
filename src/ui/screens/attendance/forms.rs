//! The forms of the Présences screen: arrival and departure times with a reason, and adding someone.

use super::*;

pub(super) fn open_form(st: &mut AttendanceState, cx: &mut Ctx) {
    let Some((_, record)) = selected(st, cx) else {
        return;
    };
    let time =
        |t: Option<chrono::NaiveTime>| t.map(|t| t.format("%H:%M").to_string()).unwrap_or_default();
    st.form = Some(TimesForm {
        person_id: record.person_id,
        field: 0,
        inputs: [
            // Recorded times are defaults to correct: typing replaces them (issue 18 point 10).
            selected_line(&time(record.arrived_at)),
            selected_line(&time(record.left_at)),
            single_line(&record.reason),
        ],
        invalid: [false, false],
        problem: None,
        warned: false,
        before: record,
        undo_recorded: false,
    });
}

fn selected_line(text: &str) -> TextArea<'static> {
    let mut t = single_line(text);
    crate::ui::form::select_default(&mut t);
    t
}

pub(super) fn form_key(
    st: &mut AttendanceState,
    cx: &mut Ctx,
    action: Option<Action>,
    key: KeyEvent,
) -> Vec<Effect> {
    let Some(form) = st.form.as_mut() else {
        return Vec::new();
    };
    match action {
        Some(a) if crate::ui::widgets::cycle_field(&mut form.field, a, 3) => return Vec::new(),
        Some(Action::Back) => {
            if form.invalid.iter().any(|b| *b) && !form.warned {
                form.warned = true;
                cx.warn(cx.tr.t("att.invalid_time_close").to_string());
                return Vec::new();
            }
            if let Some(p) = form.problem.filter(|_| !form.warned) {
                form.warned = true;
                cx.warn(format!(
                    "{} {}",
                    crate::messages::times_problem(cx.tr, p),
                    cx.tr.t("att.esc_keeps_saved")
                ));
                return Vec::new();
            }
            st.form = None;
            return flush(st);
        }
        _ => {}
    }
    let field = form.field;
    crate::ui::form::edit_text(&mut form.inputs[field], key, usize::MAX);
    form.warned = false;
    form_changed(st, cx)
}

/// Recomputes the record from the form's fields and schedules its write.
pub(super) fn form_changed(st: &mut AttendanceState, cx: &mut Ctx) -> Vec<Effect> {
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
    // The end `f` stamped, judged without this person's edits (their own stamp counts as typed).
    let end = session_end(
        cx.data
            .attendance
            .iter()
            .filter(|a| a.person_id != form.person_id)
            .chain([&form.before]),
    );
    form.problem = check_times(record.arrived_at, record.left_at, end).err();
    if form.problem.is_some() {
        // Refused, not lost: the text stays in the form, the stored times stay as they were.
        record.arrived_at = current.arrived_at;
        record.left_at = current.left_at;
    }
    // A typed arrival means the person came: keep the status coherent with the times.
    if record.arrived_at.is_some() && !record.status.came() {
        record.status = AttendanceStatus::Present;
    }
    record.status = status_with_departure(record.status, record.left_at, end);
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
pub(super) fn split_name(text: &str) -> Option<(String, String)> {
    let mut words = text.split_whitespace();
    let first = words.next()?.to_string();
    let last = words.collect::<Vec<_>>().join(" ");
    (!last.is_empty()).then_some((first, last))
}

pub(super) fn adder_key(
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
            crate::ui::form::edit_text(&mut adder.input, key, 80);
            adder.cursor = 0;
        }
    }
    Vec::new()
}

pub(super) fn confirm_add(st: &mut AttendanceState, cx: &mut Ctx) -> Vec<Effect> {
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
