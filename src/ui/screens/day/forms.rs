//! The forms of the Journée screen: a cohort, a session, its settings, a duplicate; checked, then written.

use super::*;

pub(super) fn date_field_text(d: Option<chrono::NaiveDate>) -> String {
    d.map(|d| d.format("%d/%m/%Y").to_string())
        .unwrap_or_default()
}

/// `target`: the cohort's target size when known (empty field otherwise: kept as stored).
pub(super) fn open_cohort_form(st: &mut DayState, cohort: Option<&Cohort>, target: Option<usize>) {
    let c = cohort.cloned().unwrap_or(Cohort {
        id: 0,
        name: String::new(),
        establishment: String::new(),
        start_date: None,
        end_date: None,
        partners: String::new(),
        archived: false,
    });
    let fields = vec![
        Field::text("name", "cohort.name", "cohort.name_help", &c.name, 80),
        Field::text(
            "establishment",
            "cohort.establishment",
            "cohort.establishment_help",
            &c.establishment,
            120,
        ),
        Field::text(
            "start",
            "cohort.start",
            "form.date_help",
            &date_field_text(c.start_date),
            10,
        )
        .prefilled(),
        Field::text(
            "end",
            "cohort.end",
            "form.date_help",
            &date_field_text(c.end_date),
            10,
        )
        .prefilled(),
        Field::text(
            "partners",
            "cohort.partners",
            "cohort.partners_help",
            &c.partners,
            200,
        ),
        Field::text(
            "target",
            "cohort.target",
            "cohort.target_help",
            &target.map(|t| t.to_string()).unwrap_or_default(),
            3,
        ),
    ];
    let title = if cohort.is_some() {
        "cohort.edit_title"
    } else {
        "cohort.new_title"
    };
    st.form = Some(DayForm {
        target: FormTarget::Cohort(cohort.map(|c| c.id)),
        form: Form::new(title, c.name.clone(), fields),
    });
}

pub(super) fn open_session_form(
    st: &mut DayState,
    cx: &mut Ctx,
    cohort_id: Id,
    session: Option<&Session>,
) {
    let kinds: Vec<&'static str> = SessionKind::ALL.iter().map(|k| k.code()).collect();
    let (kind, date, time, place, title) = match session {
        Some(s) => (
            s.kind,
            Some(s.date),
            s.start_time
                .map(|t| t.format("%H:%M").to_string())
                .unwrap_or_default(),
            s.place.clone(),
            s.title.clone(),
        ),
        None => (
            SessionKind::JobTraining,
            Some(cx.now.date()),
            "09:00".to_string(),
            cx.data
                .sessions
                .last()
                .map(|s| s.place.clone())
                .unwrap_or_default(),
            String::new(),
        ),
    };
    let end = session
        .and_then(|s| cx.data.path.end(s.id))
        .map(|t| t.format("%H:%M").to_string())
        .unwrap_or_default();
    let fields = vec![
        Field::choice(
            "kind",
            "session.kind",
            "session.kind_help",
            kinds,
            "kind.",
            kind.code(),
        ),
        Field::text(
            "date",
            "session.date",
            "form.date_help",
            &date_field_text(date),
            10,
        )
        .prefilled(),
        Field::text("time", "session.time", "form.time_help", &time, 5).prefilled(),
        Field::text("place", "session.place", "session.place_help", &place, 120),
        Field::text("title", "session.title", "session.title_help", &title, 80),
        // Half days (issue 19): the end time, empty when unknown.
        Field::text("end", "path.end_time", "path.end_help", &end, 5).prefilled(),
    ];
    let form_title = if session.is_some() {
        "session.edit_title"
    } else {
        "session.new_title"
    };
    let subtitle = cx
        .data
        .current_cohort()
        .map(|c| c.name.clone())
        .unwrap_or_default();
    st.form = Some(DayForm {
        target: FormTarget::Session {
            cohort_id,
            id: session.map(|s| s.id),
        },
        form: Form::new(form_title, subtitle, fields),
    });
}

pub(super) fn open_settings_form(st: &mut DayState, cx: &mut Ctx, session: &Session) {
    let s = cx.data.settings_of(session.id);
    let fields = vec![
        Field::text(
            "k",
            "settings.k",
            "settings.k_help",
            &s.interviews_per_candidate.to_string(),
            2,
        )
        .prefilled(),
        Field::text(
            "interview",
            "settings.interview",
            "settings.interview_help",
            &s.interview_minutes.to_string(),
            3,
        )
        .prefilled(),
        Field::text(
            "feedback",
            "settings.feedback",
            "settings.feedback_help",
            &s.feedback_minutes.to_string(),
            3,
        )
        .prefilled(),
        Field::text(
            "changeover",
            "settings.changeover",
            "settings.changeover_help",
            &s.changeover_minutes.to_string(),
            3,
        )
        .prefilled(),
        Field::text(
            "breaks",
            "settings.breaks",
            "settings.breaks_help",
            &format_breaks(&s.breaks),
            60,
        )
        .prefilled(),
        Field::text(
            "warn1",
            "settings.warn1",
            "settings.warn1_help",
            &s.warn_first_seconds.to_string(),
            4,
        )
        .prefilled(),
        Field::text(
            "warn2",
            "settings.warn2",
            "settings.warn2_help",
            &s.warn_second_seconds.to_string(),
            4,
        )
        .prefilled(),
        criteria_field(cx, &s.criteria_set),
    ];
    let subtitle = format!(
        "{} {}",
        cx.tr.t("kind.job_training"),
        cx.tr.date_short(session.date)
    );
    st.form = Some(DayForm {
        target: FormTarget::Settings(session.id),
        form: Form::new("settings.title", subtitle, fields),
    });
}

/// The criteria sets to choose from: the shipped ones and the user's own, by name.
pub(super) fn criteria_field(cx: &Ctx, current: &str) -> Field {
    let options: Vec<(String, String)> = cx
        .criteria
        .all()
        .map(|s| {
            let label = cx.tr.pick(&s.label_fr, &s.label_en);
            (s.key.clone(), label.to_string())
        })
        .collect();
    let mut field = Field::named(
        "criteria",
        "settings.criteria",
        "settings.criteria_help",
        options.clone(),
    );
    if let crate::ui::form::FieldKind::Named { selected, .. } = &mut field.kind {
        *selected = options.iter().position(|(k, _)| k == current).unwrap_or(0);
    }
    field
}

/// The sectors a themed day presents (`s` on a themed day; issue 22).
pub(super) fn open_sectors_form(st: &mut DayState, cx: &mut Ctx, session: &Session) {
    // The sectors are loaded for the session in use only: open it first if needed.
    let current: Vec<&str> = if cx.data.session == Some(session.id) {
        cx.data
            .themed
            .sectors
            .iter()
            .map(|s| cx.tr.t(&format!("sector.{}", s.code())))
            .collect()
    } else {
        Vec::new()
    };
    let fields = vec![Field::text(
        "sectors",
        "person.sectors",
        "interest.sectors_help",
        &current.join(", "),
        200,
    )];
    let subtitle = format!(
        "{} {}",
        if session.title.is_empty() {
            cx.tr.t("kind.themed_day")
        } else {
            session.title.as_str()
        },
        cx.tr.date_short(session.date)
    );
    st.form = Some(DayForm {
        target: FormTarget::Sectors(session.id),
        form: Form::new("interest.sectors_title", subtitle, fields),
    });
}

/// An item of a themed day's run of show (`+` or Enter in the run of show).
pub(super) fn open_agenda_item_form(
    st: &mut DayState,
    cx: &mut Ctx,
    session_id: Id,
    item: Option<&crate::store::StoredItem>,
) {
    use crate::core::agenda::{ItemKind, MAX_TEXT_CHARS};
    let it = item.map(|s| &s.item);
    let kinds: Vec<&'static str> = ItemKind::ALL.iter().map(|k| k.code()).collect();
    let fields = vec![
        Field::text(
            "title",
            "agenda.field_title",
            "agenda.field_title_help",
            it.map_or("", |i| i.title.as_str()),
            MAX_TEXT_CHARS,
        ),
        Field::text(
            "speaker",
            "agenda.field_speaker",
            "agenda.field_speaker_help",
            it.and_then(|i| i.speaker.as_deref()).unwrap_or(""),
            MAX_TEXT_CHARS,
        ),
        Field::text(
            "minutes",
            "agenda.field_minutes",
            "agenda.field_minutes_help",
            &it.map_or(20, |i| i.minutes).to_string(),
            5,
        )
        .prefilled(),
        Field::choice(
            "kind",
            "agenda.field_kind",
            "agenda.field_kind_help",
            kinds,
            "agenda_kind.",
            it.map_or(ItemKind::Talk, |i| i.kind).code(),
        ),
    ];
    let title = if item.is_some() {
        "agenda.edit_title"
    } else {
        "agenda.new_title"
    };
    let subtitle = cx
        .data
        .sessions
        .iter()
        .find(|s| s.id == session_id)
        .map(|s| s.title.clone())
        .unwrap_or_default();
    let mut form = Form::new(title, subtitle, fields);
    if item.is_none() {
        // Made by Enter only, like a new session: Échap leaves nothing behind.
        form.footnote = "agenda.form_footnote_new";
    }
    st.form = Some(DayForm {
        target: FormTarget::AgendaItem {
            session_id,
            id: item.map(|s| s.id),
        },
        form,
    });
}

/// The note of a participant's interest for a sector (Enter in the interest capture).
pub(super) fn open_interest_note_form(
    st: &mut DayState,
    cx: &mut Ctx,
    person_id: Id,
    sector: crate::core::domain::Sector,
) {
    let Some(session_id) = st.interest.as_ref().map(|v| v.session_id) else {
        return;
    };
    let note = cx
        .data
        .themed
        .mark(person_id, sector)
        .map(|m| m.note.clone())
        .unwrap_or_default();
    let name = cx
        .data
        .members
        .iter()
        .find(|m| m.person.id == person_id)
        .map(|m| m.person.full_name())
        .unwrap_or_default();
    let subtitle = format!("{name} · {}", cx.tr.t(&format!("sector.{}", sector.code())));
    let fields = vec![Field::text(
        "note",
        "interest.note",
        "interest.note_help",
        &note,
        crate::core::agenda::MAX_TEXT_CHARS,
    )];
    st.form = Some(DayForm {
        target: FormTarget::InterestNote {
            session_id,
            person_id,
            sector,
        },
        form: Form::new("interest.note_title", subtitle, fields),
    });
}

pub(super) fn open_duplicate_form(st: &mut DayState, cohort: &Cohort) {
    let fields = vec![
        Field::text(
            "name",
            "cohort.name",
            "duplicate.name_help",
            &format!("{} (suite)", cohort.name),
            80,
        )
        .prefilled(),
        Field::text("start", "cohort.start", "duplicate.start_help", "", 10).prefilled(),
    ];
    st.form = Some(DayForm {
        target: FormTarget::Duplicate(cohort.id),
        form: Form::new("duplicate.title", cohort.name.clone(), fields),
    });
}

/// Keys while a form is open.
pub fn on_form_key(
    st: &mut DayState,
    cx: &mut Ctx,
    action: Option<Action>,
    key: KeyEvent,
) -> Vec<Effect> {
    let Some(df) = st.form.as_mut() else {
        return Vec::new();
    };
    match df.form.on_key(action, key) {
        FormOutcome::Nothing => Vec::new(),
        FormOutcome::Changed => {
            schedule(st, cx);
            Vec::new()
        }
        FormOutcome::Confirm => confirm(st, cx),
        FormOutcome::Close => close(st, cx),
    }
}

/// Validates the form and, when valid, schedules its write.
pub(super) fn schedule(st: &mut DayState, cx: &mut Ctx) {
    let effect = validate(st, cx);
    // A new session is made by Enter only: Échap after `n` must leave nothing behind (issue 18).
    if let (Some(effect), Some(df)) = (effect, st.form.as_ref())
        && !matches!(
            df.target,
            FormTarget::Duplicate(_)
                | FormTarget::Session { id: None, .. }
                | FormTarget::AgendaItem { id: None, .. }
        )
    {
        crate::ui::context::debounce(&mut st.pending, cx.now, effect);
    }
}

pub(super) fn confirm(st: &mut DayState, cx: &mut Ctx) -> Vec<Effect> {
    let Some(df) = st.form.as_ref() else {
        return Vec::new();
    };
    let target = df.target;
    let effect = validate(st, cx);
    match (target, effect) {
        (FormTarget::Duplicate(_), Some(effect)) => {
            st.form = None;
            vec![effect]
        }
        (FormTarget::Duplicate(_), None) => Vec::new(),
        // Enter on a valid new form creates it even if nothing was typed (defaults are fine).
        (_, Some(effect)) if is_new(target) && st.pending.is_none() => {
            st.form = None;
            vec![effect]
        }
        _ => close(st, cx),
    }
}

pub(super) fn is_new(target: FormTarget) -> bool {
    matches!(
        target,
        FormTarget::Cohort(None)
            | FormTarget::Session { id: None, .. }
            | FormTarget::AgendaItem { id: None, .. }
    )
}

pub(super) fn close(st: &mut DayState, cx: &mut Ctx) -> Vec<Effect> {
    let Some(df) = st.form.as_mut() else {
        return Vec::new();
    };
    if df.form.has_errors() && df.form.touched && !df.form.warned {
        df.form.warned = true;
        let key = if is_new(df.target) {
            "form.close_not_created"
        } else {
            "form.close_invalid"
        };
        df.form.notice = Some(key);
        cx.warn(cx.tr.t(key).to_string());
        return Vec::new();
    }
    if matches!(df.target, FormTarget::Session { id: None, .. })
        && df.form.touched
        && !df.form.warned
    {
        // What was chosen is not dropped silently: say it, a second Échap abandons it.
        df.form.warned = true;
        df.form.notice = Some("day.new_session_not_created");
        cx.warn(cx.tr.t("day.new_session_not_created").to_string());
        return Vec::new();
    }
    st.form = None;
    flush(st)
}

/// Checks every field, marks the errors, and returns the write for valid values.
pub(super) fn validate(st: &mut DayState, cx: &mut Ctx) -> Option<Effect> {
    let df = st.form.as_mut()?;
    let form = &mut df.form;
    match df.target {
        FormTarget::Cohort(id) => {
            let name = form.value("name").trim().to_string();
            form.set_error("name", name.is_empty().then_some("cohort.err_name"));
            let start = optional_date(form, "start");
            let end = optional_date(form, "end");
            if let (Some(Some(s)), Some(Some(e))) = (start, end)
                && e < s
            {
                form.set_error("end", Some("cohort.err_end_before_start"));
            }
            let target = target_field(form);
            if form.has_errors() {
                return None;
            }
            Some(Effect::SaveCohortTarget(
                Cohort {
                    id: id.unwrap_or(0),
                    name,
                    establishment: form.value("establishment").trim().to_string(),
                    start_date: start.flatten(),
                    end_date: end.flatten(),
                    partners: form.value("partners").trim().to_string(),
                    archived: false,
                },
                target?,
            ))
        }
        FormTarget::Session { cohort_id, id } => {
            let kind =
                SessionKind::from_code(&form.value("kind")).unwrap_or(SessionKind::JobTraining);
            let date = parse_date(&form.value("date"));
            form.set_error("date", date.is_none().then_some("form.err_date_required"));
            let time_text = form.value("time");
            let time: Option<Option<NaiveTime>> = if time_text.trim().is_empty() {
                Some(None)
            } else {
                parse_time(&time_text).map(Some)
            };
            form.set_error("time", time.is_none().then_some("form.err_time"));
            let end_text = form.value("end");
            let end: Option<Option<NaiveTime>> = if end_text.trim().is_empty() {
                Some(None)
            } else {
                parse_time(&end_text).map(Some)
            };
            form.set_error("end", end.is_none().then_some("form.err_time"));
            let (Some(date), Some(start_time), Some(end)) = (date, time, end) else {
                return None;
            };
            Some(Effect::SaveSessionEnd(
                Session {
                    id: id.unwrap_or(0),
                    cohort_id,
                    kind,
                    date,
                    start_time,
                    place: form.value("place").trim().to_string(),
                    title: form.value("title").trim().to_string(),
                },
                end,
            ))
        }
        FormTarget::Settings(session_id) => {
            let number = |form: &mut Form, id: &str, err: &'static str| -> Option<u32> {
                let v = form.value(id).trim().parse::<u32>().ok();
                form.set_error(id, v.is_none().then_some(err));
                v
            };
            let k = number(form, "k", "settings.err_interviews");
            let interview = number(form, "interview", "settings.err_interview_length");
            let feedback = number(form, "feedback", "settings.err_slot_length");
            let changeover = number(form, "changeover", "settings.err_slot_length");
            let warn1 = number(form, "warn1", "settings.err_warnings");
            let warn2 = number(form, "warn2", "settings.err_warnings");
            let breaks = parse_breaks(&form.value("breaks"));
            form.set_error("breaks", breaks.is_none().then_some("settings.err_breaks"));
            let settings = SessionSettings {
                interviews_per_candidate: k?,
                interview_minutes: interview?,
                feedback_minutes: feedback?,
                changeover_minutes: changeover?,
                breaks: breaks?,
                warn_first_seconds: warn1?,
                warn_second_seconds: warn2?,
                criteria_set: form.value("criteria"),
            };
            for e in settings.validate(&cx.criteria) {
                let field = match e {
                    SettingsError::Interviews => "k",
                    SettingsError::InterviewLength => "interview",
                    SettingsError::SlotLength => "feedback",
                    SettingsError::Breaks => "breaks",
                    SettingsError::Warnings => "warn1",
                    SettingsError::CriteriaSet => "criteria",
                };
                form.set_error(field, Some(e.message_key()));
            }
            if form.has_errors() {
                return None;
            }
            // Say what the change affects: a plan made for another K must be generated again.
            let old = cx.data.settings_of(session_id);
            let has_plan = cx
                .data
                .state_of(session_id)
                .is_some_and(|s| s.plan_rounds.is_some());
            // Ratings of this session are known when it is the one in use (its feedback is loaded).
            let has_ratings = cx.data.session == Some(session_id)
                && cx.data.feedback.iter().any(|f| !f.ratings.is_empty());
            let impacts = crate::core::settings::impacts(&old, &settings, has_plan, has_ratings);
            let df = st.form.as_mut()?;
            df.form.notice = impacts
                .contains(&crate::core::settings::SettingsImpact::PlanMustBeRedone)
                .then_some("settings.k_affects_plan");
            if impacts.contains(&crate::core::settings::SettingsImpact::CriteriaLocked) {
                // decisions.md: the criteria set is fixed once a rating exists.
                df.form
                    .set_error("criteria", Some("settings.err_criteria_locked"));
                return None;
            }
            Some(Effect::SaveSettings(session_id, settings))
        }
        FormTarget::AgendaItem { session_id, id } => {
            use crate::core::agenda::{AgendaItem, ItemKind, parse_minutes};
            let title = form.value("title").trim().to_string();
            form.set_error("title", title.is_empty().then_some("agenda.err_title_form"));
            let minutes = parse_minutes(&form.value("minutes"));
            form.set_error(
                "minutes",
                minutes.is_none().then_some("agenda.err_minutes_form"),
            );
            let speaker = form.value("speaker").trim().to_string();
            let item = AgendaItem {
                title,
                speaker: (!speaker.is_empty()).then_some(speaker),
                minutes: minutes?,
                kind: ItemKind::from_code(&form.value("kind")).unwrap_or(ItemKind::Talk),
            };
            if form.has_errors() {
                return None;
            }
            Some(Effect::SaveAgendaItem {
                session_id,
                id,
                item,
            })
        }
        FormTarget::Sectors(session_id) => {
            let parsed = crate::core::roster::sector_list(&form.value("sectors"));
            form.set_error("sectors", parsed.is_err().then_some("person.err_sector"));
            let mut sectors = parsed.ok()?;
            sectors.sort();
            Some(Effect::SetSessionSectors(session_id, sectors))
        }
        FormTarget::InterestNote {
            session_id,
            person_id,
            sector,
        } => {
            // A note on someone not yet marked marks them « intéressé ».
            let interest = cx
                .data
                .themed
                .mark(person_id, sector)
                .map_or(crate::core::agenda::Interest::Interested, |m| m.interest);
            let note = form.value("note").trim().to_string();
            let write =
                super::interest::write(cx, session_id, person_id, sector, Some(interest), note);
            Some(Effect::SetInterest(Box::new(write)))
        }
        FormTarget::Duplicate(source) => {
            let name = form.value("name").trim().to_string();
            form.set_error("name", name.is_empty().then_some("cohort.err_name"));
            let start = parse_date(&form.value("start"));
            form.set_error("start", start.is_none().then_some("form.err_date_required"));
            Some(Effect::DuplicateCohort {
                source,
                name,
                start: start?,
            })
            .filter(|_| !form.has_errors())
        }
    }
}

/// `Some(None)` for an empty field, `Some(Some(d))` for a date, `None` (and an error) otherwise.
pub(super) fn optional_date(form: &mut Form, id: &str) -> Option<Option<chrono::NaiveDate>> {
    let text = form.value(id);
    if text.trim().is_empty() {
        form.set_error(id, None);
        return Some(None);
    }
    let d = parse_date(&text);
    form.set_error(id, d.is_none().then_some("form.err_date"));
    d.map(Some)
}

/// The target size field: `Some(None)` when empty (keep), `Some(Some(n))` for 1–200, `None` (and an error) otherwise.
fn target_field(form: &mut Form) -> Option<Option<usize>> {
    let text = form.value("target");
    if text.trim().is_empty() {
        form.set_error("target", None);
        return Some(None);
    }
    let n = crate::core::path::parse_target(&text);
    form.set_error("target", n.is_none().then_some("cohort.err_target"));
    n.map(Some)
}
