//! Journée: choose the cohort and the session of the day.

use chrono::{NaiveDateTime, NaiveTime};
use ratatui::Frame;
use ratatui::crossterm::event::KeyEvent;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::Modifier;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Paragraph, Wrap};
use unicode_width::UnicodeWidthStr;

use crate::core::attendance::parse_time;
use crate::core::dates::parse_date;
use crate::core::domain::{Cohort, Id, Session, SessionKind};
use crate::core::settings::{SessionSettings, SettingsError, format_breaks, parse_breaks};
use crate::store::NewSession;
use crate::ui::context::{Ctx, Effect, Popup};
use crate::ui::form::{Field, Form, FormOutcome};
use crate::ui::keys::Action;
use crate::ui::keys::Scope;
use crate::ui::screen::{Reply, Screen, ScreenView};
use crate::ui::widgets::{fit, scrolled_lines, step};

/// Which list has the focus.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Pane {
    /// The cohorts.
    Cohorts,
    /// The sessions of the selected cohort.
    #[default]
    Sessions,
}

/// What a form of this screen edits.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FormTarget {
    /// A cohort (None: not created yet).
    Cohort(Option<Id>),
    /// A session of a cohort (None: not created yet).
    Session {
        /// Its cohort.
        cohort_id: Id,
        /// The session, once created.
        id: Option<Id>,
    },
    /// The settings of a job-training session.
    Settings(Id),
    /// A copy of a cohort's structure.
    Duplicate(Id),
}

/// An open form and what it edits.
pub struct DayForm {
    /// Target.
    pub target: FormTarget,
    /// The form.
    pub form: Form,
}

/// State of the Journée screen.
#[derive(Default)]
pub struct DayState {
    /// Focused list.
    pub pane: Pane,
    /// Selected cohort row.
    pub cohort_cursor: usize,
    /// Selected session row.
    pub session_cursor: usize,
    /// Open form.
    pub form: Option<DayForm>,
    /// A debounced write: when it is due, and what.
    pub pending: Option<(NaiveDateTime, Effect)>,
}

/// Puts the cursors on the cohort and session in use (or today's session).
pub fn sync_cursors(st: &mut DayState, cx: &mut Ctx) {
    let data = &cx.data;
    st.cohort_cursor = data
        .cohorts
        .iter()
        .position(|c| Some(c.id) == data.cohort)
        .unwrap_or(0);
    let today = cx.now.date();
    st.session_cursor = data
        .sessions
        .iter()
        .position(|s| Some(s.id) == data.session)
        .or_else(|| data.sessions.iter().position(|s| s.date >= today))
        .unwrap_or(0);
    if data.cohorts.len() > 1 && data.session.is_none() {
        st.pane = Pane::Cohorts;
    }
}

fn selected_cohort<'a>(st: &DayState, cx: &'a Ctx) -> Option<&'a Cohort> {
    cx.data.cohorts.get(st.cohort_cursor)
}

fn selected_session<'a>(st: &DayState, cx: &'a Ctx) -> Option<&'a Session> {
    cx.data.sessions.get(st.session_cursor)
}

/// Browsing keys of the screen.
pub fn on_action(st: &mut DayState, cx: &mut Ctx, action: Action) -> Vec<Effect> {
    match action {
        Action::NewCohort => {
            open_cohort_form(st, None);
            return Vec::new();
        }
        Action::NewSession => {
            match cx.data.cohort {
                Some(cohort_id) => open_session_form(st, cx, cohort_id, None),
                None => cx.warn(cx.tr.t("day.need_cohort").to_string()),
            }
            return Vec::new();
        }
        Action::Edit => {
            match st.pane {
                Pane::Cohorts => {
                    if let Some(c) = selected_cohort(st, cx).cloned() {
                        open_cohort_form(st, Some(&c));
                    }
                }
                Pane::Sessions => {
                    if let Some(s) = selected_session(st, cx).cloned() {
                        open_session_form(st, cx, s.cohort_id, Some(&s));
                    }
                }
            }
            return Vec::new();
        }
        Action::Settings => {
            match selected_session(st, cx).cloned() {
                Some(s) if s.kind == SessionKind::JobTraining => open_settings_form(st, cx, &s),
                Some(_) => cx.warn(cx.tr.t("day.settings_job_training_only").to_string()),
                None => {}
            }
            return Vec::new();
        }
        Action::Duplicate => {
            if let Some(c) = selected_cohort(st, cx).cloned() {
                open_duplicate_form(st, &c);
            }
            return Vec::new();
        }
        Action::Archive => {
            if let Some(c) = selected_cohort(st, cx) {
                cx.popup = Some(Popup::ConfirmArchive(c.id));
            }
            return Vec::new();
        }
        _ => {}
    }
    let len = match st.pane {
        Pane::Cohorts => cx.data.cohorts.len(),
        Pane::Sessions => cx.data.sessions.len(),
    };
    let cursor = match st.pane {
        Pane::Cohorts => &mut st.cohort_cursor,
        Pane::Sessions => &mut st.session_cursor,
    };
    match action {
        a if step(cursor, a, len) => {}
        Action::Left | Action::Right => {
            st.pane = match st.pane {
                Pane::Cohorts => Pane::Sessions,
                Pane::Sessions => Pane::Cohorts,
            }
        }
        Action::Open => match st.pane {
            Pane::Cohorts => {
                if let Some(c) = cx.data.cohorts.get(st.cohort_cursor) {
                    st.pane = Pane::Sessions;
                    st.session_cursor = 0;
                    return vec![Effect::OpenCohort(c.id)];
                }
            }
            Pane::Sessions => {
                if let Some(s) = cx.data.sessions.get(st.session_cursor) {
                    return vec![Effect::OpenSession(s.id)];
                }
            }
        },
        _ => {}
    }
    Vec::new()
}

fn date_field_text(d: Option<chrono::NaiveDate>) -> String {
    d.map(|d| d.format("%d/%m/%Y").to_string())
        .unwrap_or_default()
}

fn open_cohort_form(st: &mut DayState, cohort: Option<&Cohort>) {
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
        ),
        Field::text(
            "end",
            "cohort.end",
            "form.date_help",
            &date_field_text(c.end_date),
            10,
        ),
        Field::text(
            "partners",
            "cohort.partners",
            "cohort.partners_help",
            &c.partners,
            200,
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

fn open_session_form(st: &mut DayState, cx: &mut Ctx, cohort_id: Id, session: Option<&Session>) {
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
        ),
        Field::text("time", "session.time", "form.time_help", &time, 5),
        Field::text("place", "session.place", "session.place_help", &place, 120),
        Field::text("title", "session.title", "session.title_help", &title, 80),
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

fn open_settings_form(st: &mut DayState, cx: &mut Ctx, session: &Session) {
    let s = cx.data.settings_of(session.id);
    let fields = vec![
        Field::text(
            "k",
            "settings.k",
            "settings.k_help",
            &s.interviews_per_candidate.to_string(),
            2,
        ),
        Field::text(
            "interview",
            "settings.interview",
            "settings.interview_help",
            &s.interview_minutes.to_string(),
            3,
        ),
        Field::text(
            "feedback",
            "settings.feedback",
            "settings.feedback_help",
            &s.feedback_minutes.to_string(),
            3,
        ),
        Field::text(
            "changeover",
            "settings.changeover",
            "settings.changeover_help",
            &s.changeover_minutes.to_string(),
            3,
        ),
        Field::text(
            "breaks",
            "settings.breaks",
            "settings.breaks_help",
            &format_breaks(&s.breaks),
            60,
        ),
        Field::text(
            "warn1",
            "settings.warn1",
            "settings.warn1_help",
            &s.warn_first_seconds.to_string(),
            4,
        ),
        Field::text(
            "warn2",
            "settings.warn2",
            "settings.warn2_help",
            &s.warn_second_seconds.to_string(),
            4,
        ),
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
fn criteria_field(cx: &Ctx, current: &str) -> Field {
    let options: Vec<(String, String)> = crate::core::feedback::all_sets()
        .map(|s| {
            let label = if cx.tr.lang == crate::i18n::Lang::En {
                &s.label_en
            } else {
                &s.label_fr
            };
            (s.key.clone(), label.clone())
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

fn open_duplicate_form(st: &mut DayState, cohort: &Cohort) {
    let fields = vec![
        Field::text(
            "name",
            "cohort.name",
            "duplicate.name_help",
            &format!("{} (suite)", cohort.name),
            80,
        ),
        Field::text("start", "cohort.start", "duplicate.start_help", "", 10),
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

/// Pasted text into the open form.
pub fn paste(st: &mut DayState, cx: &mut Ctx, text: &str) -> Vec<Effect> {
    if let Some(df) = st.form.as_mut()
        && df.form.paste(text) == FormOutcome::Changed
    {
        schedule(st, cx);
    }
    Vec::new()
}

/// Validates the form and, when valid, schedules its write.
fn schedule(st: &mut DayState, cx: &mut Ctx) {
    let effect = validate(st, cx);
    if let (Some(effect), Some(df)) = (effect, st.form.as_ref())
        && !matches!(df.target, FormTarget::Duplicate(_))
    {
        crate::ui::context::debounce(&mut st.pending, cx.now, effect);
    }
}

fn confirm(st: &mut DayState, cx: &mut Ctx) -> Vec<Effect> {
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

fn is_new(target: FormTarget) -> bool {
    matches!(
        target,
        FormTarget::Cohort(None) | FormTarget::Session { id: None, .. }
    )
}

fn close(st: &mut DayState, cx: &mut Ctx) -> Vec<Effect> {
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
    st.form = None;
    flush(st)
}

/// Writes the pending form save now.
pub fn flush(st: &mut DayState) -> Vec<Effect> {
    crate::ui::context::take_pending(&mut st.pending)
}

/// Writes the pending form save when due.
pub fn tick(st: &mut DayState, cx: &mut Ctx) -> Vec<Effect> {
    crate::ui::context::due_pending(&mut st.pending, cx.now)
}

/// Checks every field, marks the errors, and returns the write for valid values.
fn validate(st: &mut DayState, cx: &mut Ctx) -> Option<Effect> {
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
            if form.has_errors() {
                return None;
            }
            Some(Effect::SaveCohort(Cohort {
                id: id.unwrap_or(0),
                name,
                establishment: form.value("establishment").trim().to_string(),
                start_date: start.flatten(),
                end_date: end.flatten(),
                partners: form.value("partners").trim().to_string(),
                archived: false,
            }))
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
            let (Some(date), Some(start_time)) = (date, time) else {
                return None;
            };
            Some(Effect::SaveSession {
                id,
                session: NewSession {
                    cohort_id,
                    kind,
                    date,
                    start_time,
                    place: form.value("place").trim().to_string(),
                    title: form.value("title").trim().to_string(),
                },
            })
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
            for e in settings.validate() {
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
fn optional_date(form: &mut Form, id: &str) -> Option<Option<chrono::NaiveDate>> {
    let text = form.value(id);
    if text.trim().is_empty() {
        form.set_error(id, None);
        return Some(None);
    }
    let d = parse_date(&text);
    form.set_error(id, d.is_none().then_some("form.err_date"));
    d.map(Some)
}

/// The one-line state of a session: « 8/10 présents », « prévue », « terminé ».
fn state_line(cx: &Ctx, s: &Session) -> (String, ratatui::style::Style) {
    let tr = cx.tr;
    let th = cx.theme;
    let today = cx.now.date();
    let Some(st) = cx.data.state_of(s.id) else {
        return (String::new(), th.dim());
    };
    let plan = st
        .plan_rounds
        .map(|n| format!(" · {}", tr.tf("day.state_plan", &[("n", &n)])))
        .unwrap_or_default();
    let came = if st.candidates_listed > 0 {
        tr.tf(
            "day.state_candidates",
            &[
                ("came", &st.candidates_came),
                ("listed", &st.candidates_listed),
            ],
        )
    } else {
        tr.tf(
            "day.state_people",
            &[("came", &st.came), ("listed", &st.listed)],
        )
    };
    if s.date > today {
        (
            format!("{}{plan}", tr.tf("day.state_planned", &[("n", &st.listed)])),
            th.dim(),
        )
    } else if s.date == today {
        if st.waiting > 0 {
            (
                format!(
                    "{came} · {}",
                    tr.tf("day.state_waiting", &[("n", &st.waiting)])
                ),
                th.warn(),
            )
        } else {
            (came, th.ok())
        }
    } else if st.waiting > 0 {
        (
            format!(
                "{came} · {}",
                tr.tf("day.state_incomplete", &[("n", &st.waiting)])
            ),
            th.warn(),
        )
    } else {
        (format!("{came} · {}", tr.t("day.state_done")), th.dim())
    }
}

/// Draws the screen.
pub fn draw(st: &DayState, cx: &Ctx, frame: &mut Frame, area: Rect) {
    let tr = cx.tr;
    let th = cx.theme;
    if cx.data.cohorts.is_empty() {
        let text = vec![
            Line::from(Span::styled(tr.t("day.empty_title"), th.accent())),
            Line::from(""),
            Line::from(tr.t("day.empty_create")),
            Line::from(""),
            Line::from(tr.t("day.empty_demo")),
            Line::from(Span::styled("    passerelle demo", th.ok())),
        ];
        let block = Block::bordered().title(format!(" {} ", tr.t("screen.day")));
        frame.render_widget(
            Paragraph::new(text).wrap(Wrap { trim: false }).block(block),
            area,
        );
    } else {
        draw_lists(st, cx, frame, area);
    }
    if let Some(df) = &st.form {
        df.form.draw(frame, area, tr, th);
    }
}

fn draw_lists(st: &DayState, cx: &Ctx, frame: &mut Frame, area: Rect) {
    let tr = cx.tr;
    let th = cx.theme;
    // The sessions need the room: the cohort list keeps a quarter at most.
    let left_w = (area.width / 4).clamp(18, 36);
    let [left, right] =
        Layout::horizontal([Constraint::Length(left_w), Constraint::Min(20)]).areas(area);
    let focus = |p: Pane| {
        if st.pane == p { th.accent() } else { th.dim() }
    };
    let cohort_block = Block::bordered().title(Span::styled(
        format!(" {} ", tr.t("day.cohorts")),
        focus(Pane::Cohorts),
    ));
    let inner = cohort_block.inner(left);
    frame.render_widget(cohort_block, left);
    let lines: Vec<Line> = cx
        .data
        .cohorts
        .iter()
        .enumerate()
        .map(|(i, c)| {
            let current = Some(c.id) == cx.data.cohort;
            let mark = if current { "● " } else { "  " };
            let mut line = Line::from(vec![
                Span::styled(mark, th.ok()),
                Span::raw(fit(&c.name, inner.width.saturating_sub(2) as usize)),
            ]);
            if i == st.cohort_cursor && st.pane == Pane::Cohorts {
                line = line.style(th.selected());
            }
            line
        })
        .collect();
    scrolled_lines(frame, inner, lines, st.cohort_cursor, th);

    let title = cx
        .data
        .current_cohort()
        .map(|c| {
            format!(
                " {} ",
                fit(
                    &format!("{} · {}", c.name, c.establishment),
                    right.width.saturating_sub(6) as usize
                )
                .trim_end()
            )
        })
        .unwrap_or_default();
    let session_block = Block::bordered().title(Span::styled(title, focus(Pane::Sessions)));
    let inner = session_block.inner(right);
    frame.render_widget(session_block, right);
    if cx.data.sessions.is_empty() {
        frame.render_widget(
            Paragraph::new(tr.t("day.no_sessions"))
                .style(th.dim())
                .wrap(Wrap { trim: true }),
            inner,
        );
        return;
    }
    let [list_area, detail_area] =
        Layout::vertical([Constraint::Min(3), Constraint::Length(3)]).areas(inner);
    let today = cx.now.date();
    let wide = inner.width >= 80;
    let label_w = if wide { 26 } else { 18 };
    let lines: Vec<Line> = cx
        .data
        .sessions
        .iter()
        .enumerate()
        .map(|(i, s)| {
            let current = Some(s.id) == cx.data.session;
            let when = format!(
                "{} {}",
                fit(&tr.date_short(s.date), 13),
                s.start_time
                    .map(|t| t.format("%H:%M").to_string())
                    .unwrap_or_else(|| "     ".into())
            );
            let label = if s.title.is_empty() {
                tr.t(&format!("kind.{}", s.kind.code())).to_string()
            } else {
                s.title.clone()
            };
            let today_mark = if s.date == today && wide {
                Span::styled(
                    format!("{} ", tr.t("day.today")),
                    th.warn().add_modifier(Modifier::BOLD),
                )
            } else {
                Span::raw("")
            };
            let (state, style) = state_line(cx, s);
            // 2 marker + 19 date and time + 1 + label + 1 + today mark
            let used = 2 + 19 + 1 + label_w + 1 + today_mark.content.width();
            let state = fit(&state, (list_area.width as usize).saturating_sub(used + 1))
                .trim_end()
                .to_string();
            let mut line = Line::from(vec![
                Span::styled(if current { "● " } else { "  " }, th.ok()),
                Span::raw(when),
                Span::raw(" "),
                Span::raw(fit(&label, label_w)),
                Span::raw(" "),
                today_mark,
                Span::styled(state, style),
            ]);
            if i == st.session_cursor && st.pane == Pane::Sessions {
                line = line.style(th.selected());
            }
            line
        })
        .collect();
    scrolled_lines(frame, list_area, lines, st.session_cursor, th);
    if let Some(s) = selected_session(st, cx) {
        let mut detail = vec![Line::from(Span::styled(
            fit(
                &format!(
                    "{} · {}",
                    tr.t(&format!("kind.{}", s.kind.code())),
                    if s.place.is_empty() {
                        tr.t("day.no_place")
                    } else {
                        &s.place
                    }
                ),
                detail_area.width as usize,
            ),
            th.dim(),
        ))];
        if s.kind == SessionKind::JobTraining {
            let st = cx.data.settings_of(s.id);
            detail.push(Line::from(Span::styled(
                fit(
                    &tr.tf(
                        "day.settings_line",
                        &[
                            ("k", &st.interviews_per_candidate),
                            ("interview", &st.interview_minutes),
                            ("feedback", &st.feedback_minutes),
                            ("changeover", &st.changeover_minutes),
                            (
                                "breaks",
                                &if st.breaks.is_empty() {
                                    "—".to_string()
                                } else {
                                    format_breaks(&st.breaks)
                                },
                            ),
                            (
                                "criteria",
                                &crate::core::feedback::criteria_set(&st.criteria_set)
                                    .map(|c| {
                                        if tr.lang == crate::i18n::Lang::En {
                                            c.label_en.clone()
                                        } else {
                                            c.label_fr.clone()
                                        }
                                    })
                                    .unwrap_or_default(),
                            ),
                        ],
                    ),
                    detail_area.width as usize,
                ),
                th.dim(),
            )));
        }
        let top = Rect {
            y: detail_area.y + 1,
            height: detail_area.height.saturating_sub(1),
            ..detail_area
        };
        frame.render_widget(Paragraph::new(detail), top);
    }
}

impl ScreenView for DayState {
    fn scope(&self) -> Scope {
        if self.form.is_some() {
            Scope::Form
        } else {
            Scope::Screen(Screen::Day)
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
            _ => on_form_key(self, cx, action, key).into(),
        }
    }

    fn paste(&mut self, cx: &mut Ctx, text: &str) -> Reply {
        if self.form.is_none() {
            return Reply::default();
        }
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

    fn on_confirm(&mut self, _cx: &mut Ctx, popup: &Popup, yes: bool) -> Reply {
        match popup {
            Popup::ConfirmArchive(id) if yes => vec![Effect::ArchiveCohort(*id)].into(),
            _ => Reply::default(),
        }
    }
}
