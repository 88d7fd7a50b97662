//! Carrying out the effects `update` asks for: the bridge between the ui state and the store.

use super::app::{App, Effect};
use super::data::Data;
use super::screens::day;
use crate::core::attendance::{Attendance, AttendanceStatus};
use crate::store::{NewMember, Store};

/// Runs one effect; a failed write is shown in red and the state keeps what was typed.
pub fn apply(store: &mut Store, app: &mut App, effect: Effect) {
    let result = match effect {
        Effect::SaveAttendance(record) => store.save_attendance(&record),
        Effect::DeleteAttendance {
            session_id,
            person_id,
        } => store.delete_attendance(session_id, person_id),
        Effect::OpenSession(id) => open_session(store, app, id),
        Effect::OpenCohort(id) => open_cohort(store, app, id),
        Effect::AddNewPerson {
            cohort_id,
            session_id,
            first_name,
            last_name,
            role,
            at,
        } => add_new_person(
            store, app, cohort_id, session_id, first_name, last_name, role, at,
        ),
    };
    if let Err(e) = result {
        app.error(app.tr.tf("app.write_failed", &[("error", &e)]));
    }
}

fn open_session(store: &mut Store, app: &mut App, id: i64) -> crate::store::Result<()> {
    store.set_last_session(id)?;
    app.data = Data::load(store, Some(id))?;
    app.attendance.cursor = 0;
    app.attendance.filter.clear();
    day::sync_cursors(app);
    if let Some(s) = app.data.current_session() {
        let text = app.tr.tf(
            "day.session_opened",
            &[(
                "session",
                &format!(
                    "{} {}",
                    app.tr.t(&format!("kind.{}", s.kind.code())),
                    app.tr.date_short(s.date)
                ),
            )],
        );
        app.info(text);
    }
    Ok(())
}

fn open_cohort(store: &mut Store, app: &mut App, id: i64) -> crate::store::Result<()> {
    app.data.cohort = Some(id);
    app.data.session = None;
    app.data.sessions = store.list_sessions(id)?;
    app.data.members = store.list_members(id)?;
    app.data.attendance.clear();
    Ok(())
}

#[allow(clippy::too_many_arguments)]
fn add_new_person(
    store: &mut Store,
    app: &mut App,
    cohort_id: i64,
    session_id: i64,
    first_name: String,
    last_name: String,
    role: crate::core::domain::Role,
    at: chrono::NaiveTime,
) -> crate::store::Result<()> {
    let person_id = store.insert_member(
        cohort_id,
        &NewMember {
            first_name,
            last_name,
            role: Some(role),
            ..NewMember::default()
        },
    )?;
    let record = Attendance {
        expected: false,
        ..Attendance::expected(session_id, person_id)
    }
    .mark(AttendanceStatus::Present, at);
    store.save_attendance(&record)?;
    app.attendance.undo.record(session_id, person_id, None);
    app.data.members = store.list_members(cohort_id)?;
    app.data.put_attendance(record);
    if let Some(m) = app.data.member(person_id) {
        let name = m.person.short_name();
        app.info(app.tr.tf("att.added", &[("name", &name)]));
    }
    let pos = super::screens::attendance::visible(app)
        .iter()
        .position(|(m, _)| m.person.id == person_id);
    if let Some(pos) = pos {
        app.attendance.cursor = pos;
    }
    Ok(())
}
