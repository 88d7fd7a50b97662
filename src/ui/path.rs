//! The candidate's path in the application (issue 19): what the event loop does after an
//! attendance mark, and the status changes the Participants screen asks for.

use super::app::App;
use super::data::PathRows;
use crate::core::attendance::Attendance;
use crate::core::domain::Id;
use crate::core::path::Change;
use crate::store::Store;

/// Who records a change: the session's user name, as the system gives it (empty if none).
pub fn author() -> String {
    let name = std::env::var("USER")
        .or_else(|_| std::env::var("USERNAME"))
        .unwrap_or_default();
    crate::core::text::sanitize(&name, crate::core::text::Lines::Single).into_owned()
}

/// After a mark at an information meeting, someone present becomes « informé ».
pub fn after_attendance(
    store: &mut Store,
    app: &mut App,
    record: &Attendance,
) -> crate::store::Result<()> {
    if record.status.came()
        && store.mark_informed(record.session_id, record.person_id, &author())?
    {
        reload(store, app)?;
    }
    Ok(())
}

/// Reloads the cohort's path rows.
pub fn reload(store: &Store, app: &mut App) -> crate::store::Result<()> {
    if let Some(c) = app.data.cohort {
        app.data.path = PathRows::load(store, c)?;
    }
    Ok(())
}

/// Records a status change; a refused change is said in one sentence and nothing is written.
pub fn change_status(
    store: &mut Store,
    app: &mut App,
    person: Id,
    mut change: Change,
) -> crate::store::Result<()> {
    let Some(cohort) = app.data.cohort else {
        return Ok(());
    };
    if change.author.is_empty() {
        change.author = author();
    }
    match store.change_status(cohort, person, &change)? {
        Ok(_) => {
            reload(store, app)?;
            let name = app
                .data
                .member(person)
                .map(|m| m.person.short_name())
                .unwrap_or_default();
            let status = app
                .tr
                .t(&format!("path.status.{}", change.status.code()))
                .to_string();
            app.info(
                app.tr
                    .tf("path.changed", &[("name", &name), ("status", &status)]),
            );
        }
        Err(e) => {
            let text = crate::messages::path_refusal(app.tr, &e);
            app.warn(text);
        }
    }
    Ok(())
}

/// The departure time `f` (fin de séance) records: the session's end time when it has one and
/// it is reached (or the session is past), else `now` (a session ended early).
pub fn end_of_session_time(cx: &super::context::Ctx, now: chrono::NaiveTime) -> chrono::NaiveTime {
    let Some(session) = cx.data.current_session() else {
        return now;
    };
    match cx.data.path.end(session.id) {
        Some(end) if end <= now || session.date < cx.now.date() => end,
        _ => now,
    }
}
