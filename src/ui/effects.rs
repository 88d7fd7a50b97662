//! Carrying out the effects `update` asks for: the bridge between the ui state and the store.

use super::app::{App, Effect, Event, Outcome, update};
use super::data::Data;
use crate::core::attendance::{Attendance, AttendanceStatus};
use crate::core::domain::NewMember;
use crate::core::domain::{Cohort, Session};
use crate::store::Store;

mod files;
mod sync;
use files::{export, print_sheet};

/// True for effects that only read.
fn reads_only(effect: &Effect) -> bool {
    matches!(
        effect,
        Effect::OpenSession(_)
            | Effect::OpenCohort(_)
            | Effect::PreviewImport { .. }
            | Effect::LoadPlanHistory(_)
            | Effect::LoadReport(_)
            | Effect::SyncList(_)
            | Effect::SyncPreview(_)
            | Effect::LoadOral
            | Effect::Export { .. }
            | Effect::Print { .. }
    )
}

/// Runs one effect; a failed write is shown in red and the state keeps what was typed.
pub fn apply(store: &mut Store, app: &mut App, effect: Effect) {
    if app.read_only && !reads_only(&effect) {
        // A follower never writes: put the screen back to what the database holds.
        if let Ok(data) = Data::load(store, app.data.session) {
            app.data = data;
        }
        match store.damage() {
            Some(what) => app.error(app.tr.tf("open.damaged_ui", &[("what", &what)])),
            None => app.warn(app.tr.t("app.read_only_refused").to_string()),
        }
        return;
    }
    let result = match effect {
        Effect::SaveAttendance(record) => store
            .save_attendance(&record)
            .and_then(|()| super::path::after_attendance(store, app, &record)),
        Effect::DeleteAttendance {
            session_id,
            person_id,
        } => store.delete_attendance(session_id, person_id),
        Effect::Expect {
            session_id,
            people,
            expected,
        } => expect_people(store, app, session_id, &people, expected),
        Effect::DeleteAgendaItem(id) => store
            .delete_agenda_item(id)
            .and_then(|()| reload(store, app, None)),
        Effect::SwapAgendaItems(a, b) => store
            .swap_agenda_items(a, b)
            .and_then(|()| reload(store, app, None)),
        Effect::SetInterest(w) => set_interest(store, app, &w),
        Effect::SaveAgendaItem {
            session_id,
            id,
            item,
        } => match id {
            Some(id) => store.update_agenda_item(id, &item),
            None => store.add_agenda_item(session_id, &item).map(|_| ()),
        }
        .and_then(|()| reload(store, app, None))
        .map(|()| warn_overrun(app, session_id)),
        Effect::SetSessionSectors(id, sectors) => store
            .set_session_sectors(id, &sectors)
            .and_then(|()| reload(store, app, None)),
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
        Effect::SaveCohort(cohort) => save_cohort(store, app, cohort, None),
        Effect::SaveCohortTarget(cohort, target) => save_cohort(store, app, cohort, target),
        Effect::SaveSession(session) => save_session(store, app, session),
        Effect::SaveSettings(id, settings) => store
            .save_session_settings(id, &settings)
            .and_then(|()| reload(store, app, None)),
        Effect::DuplicateCohort {
            source,
            name,
            start,
        } => store.duplicate_cohort(source, &name, start).and_then(|id| {
            app.info(app.tr.tf("day.duplicated", &[("name", &name)]));
            reload(store, app, Some(id))
        }),
        Effect::ArchiveCohort(id) => archive_cohort(store, app, id),
        Effect::SavePerson {
            cohort_id,
            person_id,
            member,
            with_sensitive,
            avoid,
        } => save_person(
            store,
            app,
            cohort_id,
            person_id,
            *member,
            with_sensitive,
            &avoid,
        ),
        Effect::ArchivePerson(person_id) => match app.data.cohort {
            Some(cohort) => store
                .set_member_archived(cohort, person_id, true)
                .and_then(|()| reload(store, app, None))
                .map(|()| app.info(app.tr.t("part.archived").to_string())),
            None => Ok(()),
        },
        Effect::PreviewImport { path, role } => {
            preview_import(store, app, path, role);
            Ok(())
        }
        Effect::ApplyImport { path, role } => apply_import(store, app, path, role),
        Effect::SavePlan {
            session_id,
            interviews,
            kind,
        } => save_plan(store, app, session_id, &interviews, kind),
        Effect::SaveFeedback(f) => store
            .save_feedback(&f)
            .map(|id| hand_back(store, app, Outcome::FeedbackSaved(f, id))),
        Effect::AddNote(n) => store.add_note(&n).and_then(|()| {
            app.data.notes = store.list_notes(n.session_id)?;
            app.info(app.tr.t("note.saved").to_string());
            Ok(())
        }),
        Effect::SaveProposal(p) => save_proposal(store, app, *p),
        Effect::ResolveFeedbackConflict(id, how) => {
            store.resolve_feedback_conflict(id, how).and_then(|done| {
                reload(store, app, None)?;
                let key = match done {
                    Some(_) => format!("feedback.conflict_done_{}", how.code()),
                    None => "feedback.conflict_gone".to_string(),
                };
                app.info(app.tr.t(&key).to_string());
                Ok(())
            })
        }
        Effect::SaveAction(a) => store.save_action(&a).and_then(|_| {
            app.data.oral.actions = store.list_actions(a.cohort_id)?;
            Ok(())
        }),
        Effect::SaveContact(c) => store
            .save_contact(&c)
            .and_then(|_| reload_followup(store, app, c.cohort_id)),
        Effect::SaveCheck(e) => store
            .save_check(&e)
            .and_then(|_| reload_followup(store, app, e.cohort_id)),
        Effect::SavePairing(p) => store
            .save_pairing(&p)
            .and_then(|_| reload_followup(store, app, p.cohort_id)),
        Effect::SaveOutcome(o) => store
            .save_outcome(&o)
            .and_then(|_| reload_followup(store, app, o.cohort_id)),
        Effect::LoadOral => match app.data.cohort {
            Some(c) => super::data::OralRows::load(store, c).map(|rows| app.data.oral = rows),
            None => Ok(()),
        },
        Effect::Print {
            session,
            sheet,
            path,
        } => {
            print_sheet(store, app, session, sheet, path);
            Ok(())
        }
        Effect::Export {
            format,
            audience,
            path,
        } => {
            export(store, app, format, audience, path);
            Ok(())
        }
        Effect::Clock { session_id, event } => store.add_clock_event(session_id, &event),
        Effect::LoadReport(cohort_id) => load_report(store, app, cohort_id),
        Effect::SyncList(folder) => sync::list(store, app, folder),
        Effect::SyncExport(folder) => sync::export(store, app, folder),
        Effect::SyncPreview(path) => sync::preview(store, app, path),
        Effect::SyncApply(path) => sync::apply(store, app, path),
        Effect::LoadPlanHistory(session_id) => store
            .plan_versions(session_id)
            .map(|v| hand_back(store, app, Outcome::PlanHistory(v))),
        Effect::RestorePlan {
            session_id,
            version,
        } => restore_plan(store, app, session_id, version),
        Effect::LockPlan { plan_id, locked } => {
            store.set_plan_locked(plan_id, locked).and_then(|()| {
                if let Some(s) = app.data.session {
                    app.data.plan = store.latest_plan(s)?;
                }
                Ok(())
            })
        }
        Effect::SaveSessionEnd(session, end) => {
            let known = (session.id != 0).then_some(session.id);
            save_session(store, app, session).and_then(|()| {
                // A new session is the last one used once created.
                match known.or(store.last_session()?) {
                    Some(id) => store.set_session_end(id, end),
                    None => Ok(()),
                }
                .and_then(|()| super::path::reload(store, app))
            })
        }
        Effect::ChangeStatus { person_id, change } => {
            super::path::change_status(store, app, person_id, *change)
        }
        Effect::SavePanels { session_id, panels } => {
            store.replace_panels(session_id, &panels).and_then(|()| {
                app.data.panels = store.list_panels(session_id)?;
                Ok(())
            })
        }
    };
    if let Err(e) = result {
        // A value changed outside Passerelle: where it is and the check command, not rusqlite's words.
        let text = if e.is_unreadable_value() {
            let at = e
                .unreadable_at()
                .cloned()
                .or_else(|| store.find_unreadable().ok().flatten());
            match at {
                Some(u) => app.tr.tf(
                    "open.unreadable_value",
                    &[
                        ("table", &u.table),
                        ("row", &u.row.map_or("?".to_string(), |r| r.to_string())),
                        ("column", &u.column),
                        ("path", &store.path().display()),
                    ],
                ),
                None => app.tr.tf(
                    "open.unreadable_value_unknown",
                    &[("path", &store.path().display())],
                ),
            }
        } else {
            app.tr.tf("app.write_failed", &[("error", &e)])
        };
        app.error(text);
    }
}

/// The expected list changed (Journée, l): written in one transaction, then the session's
/// list and the state lines are read back, so the screen shows what the database holds.
fn expect_people(
    store: &mut Store,
    app: &mut App,
    session_id: i64,
    people: &[i64],
    expected: bool,
) -> crate::store::Result<()> {
    store.set_expected(session_id, people, expected)?;
    if app.data.session == Some(session_id) {
        app.data.attendance = store.list_attendance(session_id)?;
    }
    if let Some(cohort) = app.data.cohort {
        app.data.states = store.session_states(cohort)?;
    }
    Ok(())
}

fn open_session(store: &mut Store, app: &mut App, id: i64) -> crate::store::Result<()> {
    if !app.read_only {
        store.set_last_session(id)?;
    }
    app.data = Data::load(store, Some(id))?;
    hand_back(store, app, Outcome::SessionOpened);
    Ok(())
}

/// Reloads lists after a change, keeping the session in use; `cohort` switches to another cohort.
/// A follower's refresh: the other window committed something.
pub fn follow(store: &Store, app: &mut App) {
    if let Ok(data) = Data::load(store, app.data.session) {
        app.data = data;
    }
}

/// Writes an interest mark; a new mark makes the participant a prospect of the next cohort in
/// the sector, or says that no cohort offers it (the mark is kept all the same).
fn set_interest(
    store: &mut Store,
    app: &mut App,
    w: &super::context::InterestWrite,
) -> crate::store::Result<()> {
    let old = app.data.themed.mark(w.person_id, w.sector).is_some();
    store.set_interest(w.session_id, w.person_id, w.sector, w.interest, &w.note)?;
    let sector = app.tr.t(&format!("sector.{}", w.sector.code())).to_string();
    match (w.interest, w.orient) {
        (Some(_), Some(cohort)) => {
            let name = app
                .data
                .cohorts
                .iter()
                .find(|c| c.id == cohort)
                .map(|c| c.name.clone())
                .unwrap_or_default();
            if store.orient_prospect(cohort, w.person_id, w.sector, w.date, &w.note)? {
                app.info(app.tr.tf("interest.oriented", &[("cohort", &name)]));
                return reload(store, app, None);
            }
        }
        // Said once, when the mark is new: cycling it further needs no repeat.
        (Some(_), None) if !old => {
            app.warn(app.tr.tf("interest.no_cohort", &[("sector", &sector)]));
        }
        _ => {}
    }
    reload_themed(store, app)
}

/// Says when a themed day's run of show now runs past the session's slot, and by how much.
fn warn_overrun(app: &mut App, session_id: i64) {
    if let Some(over) = app.data.agenda_overrun(session_id) {
        app.warn(app.tr.tf("agenda.overrun", &[("minutes", &over)]));
    }
}

/// After an interest mark: only the themed day's marks and the cohort's counts change.
fn reload_themed(store: &mut Store, app: &mut App) -> crate::store::Result<()> {
    if let Some(s) = app.data.session {
        app.data.themed.interests = store.interests(s)?;
    }
    if let Some(c) = app.data.cohort {
        app.data.themed.counts = store.interest_counts(c)?;
    }
    Ok(())
}

fn reload(store: &mut Store, app: &mut App, cohort: Option<i64>) -> crate::store::Result<()> {
    let session = app.data.session;
    let mut data = Data::load(store, session)?;
    if let Some(c) = cohort.filter(|c| Some(*c) != data.cohort) {
        data.session = None;
        data.attendance.clear();
        data.load_cohort(store, c)?;
    } else if let Some(c) = app.data.cohort.filter(|c| Some(*c) != data.cohort) {
        // Browsing another cohort than the session's: stay on it.
        data.session = None;
        data.attendance.clear();
        data.load_cohort(store, c)?;
        data.session = session.filter(|s| data.sessions.iter().any(|x| x.id == *s));
    }
    app.data = data;
    hand_back(store, app, Outcome::Reloaded);
    Ok(())
}

fn save_cohort(
    store: &mut Store,
    app: &mut App,
    cohort: Cohort,
    target: Option<usize>,
) -> crate::store::Result<()> {
    if cohort.id != 0 {
        store.update_cohort(&cohort)?;
        if let Some(t) = target {
            store.set_target_size(cohort.id, t)?;
        }
        return reload(store, app, None);
    }
    let id = store.insert_cohort(&cohort)?;
    if let Some(t) = target {
        store.set_target_size(id, t)?;
    }
    let name = cohort.name;
    hand_back(store, app, Outcome::CohortCreated { id, name });
    reload(store, app, Some(id))
}

fn save_session(store: &mut Store, app: &mut App, session: Session) -> crate::store::Result<()> {
    if session.id != 0 {
        store.update_session(&session)?;
        return reload(store, app, None);
    }
    let id = store.insert_session(&session)?;
    // A session just created is the one the facilitator is about to use.
    let loaded = store
        .set_last_session(id)
        .and_then(|()| Data::load(store, Some(id)))
        .map(|data| app.data = data);
    // Handed back even when loading failed: the form must edit the new row, not insert another.
    let cohort_id = session.cohort_id;
    hand_back(store, app, Outcome::SessionCreated { cohort_id, id });
    loaded
}

fn save_person(
    store: &mut Store,
    app: &mut App,
    cohort_id: i64,
    person_id: Option<i64>,
    member: NewMember,
    with_sensitive: bool,
    avoid: &[i64],
) -> crate::store::Result<()> {
    let id = match person_id {
        Some(id) => {
            store.update_member(cohort_id, id, &member, with_sensitive)?;
            id
        }
        None => {
            let id = store.insert_member(cohort_id, &member)?;
            let name = format!("{} {}", member.first_name, member.last_name);
            hand_back(store, app, Outcome::PersonCreated { id, name });
            id
        }
    };
    let is_candidate = member.role == Some(crate::core::domain::Role::Candidate);
    store.set_forbidden(cohort_id, id, if is_candidate { avoid } else { &[] })?;
    app.data.forbidden = store.forbidden_pairs(cohort_id)?;
    app.data.members = store.list_members(cohort_id)?;
    Ok(())
}

fn save_proposal(
    store: &mut Store,
    app: &mut App,
    mut p: crate::core::feedback::Proposal,
) -> crate::store::Result<()> {
    // A proposal made in a feedback belongs to it: store the feedback first if it is new.
    if p.feedback_id.is_none()
        && let Some(form) = app.feedback.form.as_ref()
        && form.feedback.candidate_id == p.candidate_id
    {
        let feedback = Box::new(form.feedback.clone());
        let id = store.save_feedback(&feedback)?;
        p.feedback_id = Some(id);
        let session_id = feedback.session_id;
        hand_back(store, app, Outcome::FeedbackSaved(feedback, id));
        // As stored (its order), not only as handed back.
        app.data.feedback = store.list_feedback(session_id)?;
    }
    p.id = store.save_proposal(&p)?;
    if let Some(c) = app.data.cohort {
        app.data.proposals = store.list_proposals(c)?;
    }
    app.info(app.tr.t("proposal.saved").to_string());
    Ok(())
}

fn import_roster(
    store: &Store,
    app: &App,
    path: &std::path::Path,
    role: Option<crate::core::domain::Role>,
) -> Result<
    (
        crate::core::roster::Roster,
        Vec<crate::core::import::Change>,
    ),
    Vec<String>,
> {
    let cohort = app
        .data
        .cohort
        .ok_or_else(|| vec![app.tr.t("part.no_cohort").to_string()])?;
    let roster = crate::roster_file::read(app.tr, path, role).map_err(|f| f.lines)?;
    let members = store
        .list_members(cohort)
        .map_err(|e| vec![e.to_string()])?;
    let plan = crate::core::import::plan(&members, &roster);
    Ok((roster, plan))
}

fn preview_import(
    store: &mut Store,
    app: &mut App,
    path: std::path::PathBuf,
    role: Option<crate::core::domain::Role>,
) {
    let (lines, ok, ask) = match import_roster(store, app, &path, role) {
        Ok((roster, plan)) => (
            crate::messages::import_report(app.tr, &roster, &plan),
            true,
            crate::messages::import_question(app.tr, &roster),
        ),
        Err(lines) => (lines, false, None),
    };
    let outcome = Outcome::ImportPreviewed {
        path,
        role,
        lines,
        ok,
        ask,
    };
    hand_back(store, app, outcome);
}

fn apply_import(
    store: &mut Store,
    app: &mut App,
    path: std::path::PathBuf,
    role: Option<crate::core::domain::Role>,
) -> crate::store::Result<()> {
    let Some(cohort) = app.data.cohort else {
        return Ok(());
    };
    match import_roster(store, app, &path, role) {
        Ok((_, plan)) => {
            store.apply_import(cohort, &plan, app.data.session, app.now.date())?;
            let (added, updated, same) = crate::messages::counts(&plan);
            reload(store, app, None)?;
            app.info(app.tr.tf(
                "part.imported",
                &[("added", &added), ("updated", &updated), ("same", &same)],
            ));
        }
        // The file changed since the preview: show why, nothing written.
        Err(lines) => app.error(lines.join(" ")),
    }
    Ok(())
}

fn archive_cohort(store: &mut Store, app: &mut App, id: i64) -> crate::store::Result<()> {
    store.set_cohort_archived(id, true)?;
    if app.data.cohort == Some(id) {
        app.data.session = None;
        app.data.cohort = None;
    }
    let mut data = Data::load(store, app.data.session)?;
    if app.data.cohort.is_none() {
        data.session = None;
        data.attendance.clear();
    }
    app.data = data;
    hand_back(store, app, Outcome::CohortArchived);
    Ok(())
}

fn open_cohort(store: &mut Store, app: &mut App, id: i64) -> crate::store::Result<()> {
    app.data.session = None;
    app.data.attendance.clear();
    app.data.load_cohort(store, id)
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
    super::path::after_attendance(store, app, &record)?;
    let listed = store.list_members(cohort_id).map(|members| {
        app.data.members = members;
        app.data.put_attendance(record);
    });
    // Handed back even when the list could not be read: the record is stored, `u` must undo it.
    let outcome = Outcome::PersonAdded {
        session_id,
        person_id,
    };
    hand_back(store, app, outcome);
    listed
}

/// Stores a new plan version and reloads the plan and the session states.
fn save_plan(
    store: &mut Store,
    app: &mut App,
    session_id: i64,
    interviews: &[crate::core::plan_history::StoredInterview],
    kind: crate::core::plan_history::PlanKind,
) -> crate::store::Result<()> {
    let at = app.now.format("%Y-%m-%dT%H:%M:%S").to_string();
    store
        .save_plan(session_id, &at, kind, interviews)
        .and_then(|_| {
            app.data.plan = store.latest_plan(session_id)?;
            if let Some(c) = app.data.cohort {
                app.data.states = store.session_states(c)?;
            }
            Ok(())
        })
}

/// Hands an effect's result back to `update` as an event (the screen that asked takes it into
/// its state), then carries out whatever that asks for.
/// A cohort's report as partners would see it (the screen may be projected at the bilan).
fn load_report(store: &mut Store, app: &mut App, cohort_id: i64) -> crate::store::Result<()> {
    let scope = crate::core::report::Scope::Cohort { id: cohort_id };
    let name = store.cohort(cohort_id)?.name;
    let rows = crate::store::report::report_rows(store.connection(), &scope)?;
    let r = crate::core::report::build(
        &[rows],
        scope,
        name,
        app.cx.now.date(),
        (&app.cx.criteria, &app.cx.outcomes),
    );
    let r = crate::core::report::for_audience(r, crate::core::summary::Audience::Partner);
    hand_back(store, app, Outcome::Report(Box::new(r)));
    Ok(())
}

fn hand_back(store: &mut Store, app: &mut App, outcome: Outcome) {
    for e in update(app, Event::Done(outcome), app.now) {
        apply(store, app, e);
    }
}

/// Makes an earlier version the current plan, as a new version.
fn restore_plan(
    store: &mut Store,
    app: &mut App,
    session_id: i64,
    version: i64,
) -> crate::store::Result<()> {
    match store.plan_version(session_id, version) {
        Ok(Some(old)) => {
            let at = app.now.format("%Y-%m-%dT%H:%M:%S").to_string();
            store
                .save_plan(
                    session_id,
                    &at,
                    crate::core::plan_history::PlanKind::Restored {
                        from_version: version,
                    },
                    &old.interviews,
                )
                .and_then(|_| {
                    app.data.plan = store.latest_plan(session_id)?;
                    app.info(app.tr.tf("rotation.restored", &[("v", &version)]));
                    Ok(())
                })
        }
        Ok(None) => Ok(()),
        Err(e) => Err(e),
    }
}

fn reload_followup(
    store: &Store,
    app: &mut App,
    cohort: crate::core::domain::Id,
) -> crate::store::Result<()> {
    app.data.followup = super::data::FollowupRows::load(store, cohort)?;
    Ok(())
}
