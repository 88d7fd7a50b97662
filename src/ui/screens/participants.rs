//! Participants: everyone in the cohort — add, edit, archive, import a roster, reveal sensitive
//! fields on demand, and open the binôme composer.

use std::path::PathBuf;

use chrono::NaiveDateTime;
use ratatui::Frame;
use ratatui::crossterm::event::KeyEvent;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::Modifier;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Clear, Paragraph, Wrap};

use super::panels::{self, ComposerState};
use crate::core::dates::parse_date;
use crate::core::domain::{Id, Member, Role, Sector, SensitiveDetails, StaffRole};
use crate::core::roster::sector_for;
use crate::core::text::matches_name;
use crate::store::NewMember;
use crate::ui::app::{App, Effect, Popup};
use crate::ui::form::{Field, Form, FormOutcome};
use crate::ui::keys::Action;
use crate::ui::widgets::{centered, fit, scrolled_lines};

/// A person's form: who (None until created) and whether sensitive fields are in it.
pub struct PersonForm {
    /// The person, once created.
    pub person_id: Option<Id>,
    /// The form.
    pub form: Form,
    /// Sensitive fields are part of the form (revealed).
    pub with_sensitive: bool,
}

/// The import dialog: the path prompt, then the preview of what would change.
pub enum ImportState {
    /// Typing the path.
    Path(Form),
    /// What the file would do.
    Preview {
        /// The file.
        path: PathBuf,
        /// Role for rows without one.
        role: Option<Role>,
        /// Report lines.
        lines: Vec<String>,
        /// The file can be imported.
        ok: bool,
        /// First line shown.
        scroll: u16,
    },
}

/// State of the Participants screen.
#[derive(Default)]
pub struct ParticipantsState {
    /// Selected row.
    pub cursor: usize,
    /// Filter (name, role, sector, organisation).
    pub filter: String,
    /// Typing the filter.
    pub filtering: bool,
    /// Sensitive fields shown (hidden again when leaving the screen).
    pub reveal: bool,
    /// Open person form.
    pub form: Option<PersonForm>,
    /// Debounced write.
    pub pending: Option<(NaiveDateTime, Effect)>,
    /// Open import dialog.
    pub import: Option<ImportState>,
    /// Open binôme composer.
    pub composer: Option<ComposerState>,
}

fn role_label(app: &App, r: Role) -> &'static str {
    app.tr.t(&format!("role.one.{}", r.code()))
}

fn sector_labels(app: &App, sectors: &[Sector]) -> String {
    sectors
        .iter()
        .map(|s| app.tr.t(&format!("sector.{}", s.code())))
        .collect::<Vec<_>>()
        .join(", ")
}

/// The people shown: not archived, matching the filter by name, role, sector or organisation.
pub fn visible(app: &App) -> Vec<&Member> {
    let f = &app.participants.filter;
    app.data
        .members
        .iter()
        .filter(|m| !m.archived)
        .filter(|m| {
            f.is_empty()
                || matches_name(&m.person.full_name(), f)
                || matches_name(role_label(app, m.role), f)
                || matches_name(&sector_labels(app, &m.sectors), f)
                || matches_name(&m.person.organisation, f)
        })
        .collect()
}

/// Browsing keys.
pub fn on_action(app: &mut App, action: Action) -> Vec<Effect> {
    let last = visible(app).len().saturating_sub(1);
    let selected = visible(app)
        .get(app.participants.cursor)
        .map(|m| (*m).clone());
    let st = &mut app.participants;
    match action {
        Action::Up => st.cursor = st.cursor.saturating_sub(1),
        Action::Down => st.cursor = (st.cursor + 1).min(last),
        Action::PageUp => st.cursor = st.cursor.saturating_sub(10),
        Action::PageDown => st.cursor = (st.cursor + 10).min(last),
        Action::Home => st.cursor = 0,
        Action::End => st.cursor = last,
        Action::Filter => st.filtering = true,
        Action::Back => st.filter.clear(),
        Action::Reveal => {
            st.reveal = !st.reveal;
            let key = if st.reveal {
                "part.revealed"
            } else {
                "part.hidden"
            };
            app.warn(app.tr.t(key).to_string());
        }
        Action::AddPerson => {
            if app.data.cohort.is_none() {
                app.warn(app.tr.t("part.no_cohort").to_string());
            } else {
                open_person_form(app, None);
            }
        }
        Action::Open => {
            if let Some(m) = selected {
                open_person_form(app, Some(&m));
            }
        }
        Action::Archive => {
            if let Some(m) = selected {
                app.popup = Some(Popup::ConfirmArchivePerson(m.person.id));
            }
        }
        Action::Import => {
            if app.data.cohort.is_none() {
                app.warn(app.tr.t("part.no_cohort").to_string());
            } else {
                open_import(app);
            }
        }
        Action::Panels => panels::open(app),
        _ => {}
    }
    Vec::new()
}

fn open_import(app: &mut App) {
    let fields = vec![
        Field::text("path", "import.path", "import.path_help", "", 500),
        Field::choice(
            "role",
            "import.role",
            "import.role_help",
            vec!["none", "candidate", "professional", "staff"],
            "import.role_",
            "none",
        ),
    ];
    app.participants.import = Some(ImportState::Path(Form::new(
        "import.title",
        String::new(),
        fields,
    )));
}

/// The professionals a candidate must not meet, as the form shows them.
fn avoid_text(app: &App, m: Option<&Member>) -> String {
    // Shown for everyone; only a candidate's list is used by the planner.
    let Some(m) = m else {
        return String::new();
    };
    app.data
        .forbidden
        .iter()
        .filter(|(c, _)| *c == m.person.id)
        .filter_map(|(_, p)| app.data.member(*p))
        .map(|p| p.person.full_name())
        .collect::<Vec<_>>()
        .join(", ")
}

/// Professionals of the cohort named in `text` (full or last names, accents and case ignored).
fn parse_avoid_in(data: &crate::ui::data::Data, text: &str) -> Option<Vec<Id>> {
    use crate::core::text::fold;
    let mut out = Vec::new();
    for name in text
        .split([',', ';'])
        .map(str::trim)
        .filter(|n| !n.is_empty())
    {
        let wanted = fold(name);
        let found: Vec<Id> = data
            .members
            .iter()
            .filter(|m| m.role == Role::Professional)
            .filter(|m| {
                fold(&m.person.full_name()) == wanted || fold(&m.person.last_name) == wanted
            })
            .map(|m| m.person.id)
            .collect();
        match found.as_slice() {
            [one] => out.push(*one),
            _ => return None,
        }
    }
    Some(out)
}

fn open_person_form(app: &mut App, member: Option<&Member>) {
    let m = member.cloned();
    let with_sensitive = app.participants.reveal;
    let get = |f: fn(&Member) -> String| m.as_ref().map(f).unwrap_or_default();
    let roles = vec!["candidate", "professional", "staff"];
    let staff_roles: Vec<&'static str> = StaffRole::ALL.iter().map(|s| s.code()).collect();
    let mut fields = vec![
        Field::text(
            "first",
            "person.first_name",
            "person.name_help",
            &get(|m| m.person.first_name.clone()),
            60,
        ),
        Field::text(
            "last",
            "person.last_name",
            "person.name_help",
            &get(|m| m.person.last_name.clone()),
            60,
        ),
        Field::choice(
            "role",
            "person.role",
            "person.role_help",
            roles,
            "role.one.",
            m.as_ref().map_or("candidate", |m| m.role.code()),
        ),
        Field::choice(
            "staff_role",
            "person.staff_role",
            "person.staff_role_help",
            staff_roles,
            "staff_role.",
            m.as_ref()
                .and_then(|m| m.staff_role)
                .unwrap_or(StaffRole::Other)
                .code(),
        ),
        Field::text(
            "organisation",
            "person.organisation",
            "person.organisation_help",
            &get(|m| m.person.organisation.clone()),
            120,
        ),
        Field::text(
            "sectors",
            "person.sectors",
            "person.sectors_help",
            &m.as_ref()
                .map(|m| sector_labels(app, &m.sectors))
                .unwrap_or_default(),
            120,
        ),
        Field::text(
            "project",
            "person.project",
            "person.project_help",
            &get(|m| m.project.clone()),
            120,
        ),
        Field::text(
            "area",
            "person.area",
            "person.area_help",
            &get(|m| m.target_area.clone()),
            60,
        ),
        Field::text(
            "phone",
            "person.phone",
            "person.phone_help",
            &get(|m| m.person.phone.clone()),
            30,
        ),
        Field::text(
            "email",
            "person.email",
            "person.email_help",
            &get(|m| m.person.email.clone()),
            120,
        ),
        Field::text(
            "avoid",
            "person.avoid",
            "person.avoid_help",
            &avoid_text(app, m.as_ref()),
            300,
        ),
    ];
    if with_sensitive {
        let release = m
            .as_ref()
            .and_then(|m| m.sensitive.release_date)
            .map(|d| d.format("%d/%m/%Y").to_string())
            .unwrap_or_default();
        fields.push(Field::text(
            "release",
            "person.release_date",
            "person.sensitive_help",
            &release,
            10,
        ));
        fields.push(Field::text(
            "housing",
            "person.housing",
            "person.sensitive_help",
            &get(|m| m.sensitive.housing.clone()),
            200,
        ));
        fields.push(Field::text(
            "notes",
            "person.judicial_notes",
            "person.sensitive_help",
            &get(|m| m.sensitive.judicial_notes.clone()),
            500,
        ));
    }
    let title = if m.is_some() {
        "person.edit_title"
    } else {
        "person.new_title"
    };
    let subtitle = m.as_ref().map(|m| m.person.full_name()).unwrap_or_default();
    app.participants.form = Some(PersonForm {
        person_id: m.map(|m| m.person.id),
        form: Form::new(title, subtitle, fields),
        with_sensitive,
    });
}

/// Keys while a form, the import dialog or the filter is open.
pub fn on_edit_key(app: &mut App, action: Option<Action>, key: KeyEvent) -> Vec<Effect> {
    if app.participants.form.is_some() {
        return person_form_key(app, action, key);
    }
    if app.participants.import.is_some() {
        return import_key(app, action, key);
    }
    let st = &mut app.participants;
    crate::ui::form::filter_key(&mut st.filter, &mut st.filtering, action, key);
    st.cursor = 0;
    Vec::new()
}

fn person_form_key(app: &mut App, action: Option<Action>, key: KeyEvent) -> Vec<Effect> {
    let Some(pf) = app.participants.form.as_mut() else {
        return Vec::new();
    };
    match pf.form.on_key(action, key) {
        FormOutcome::Nothing => Vec::new(),
        FormOutcome::Changed => {
            schedule(app);
            Vec::new()
        }
        FormOutcome::Confirm | FormOutcome::Close => close_person_form(app),
    }
}

fn close_person_form(app: &mut App) -> Vec<Effect> {
    let Some(pf) = app.participants.form.as_mut() else {
        return Vec::new();
    };
    if pf.form.has_errors() && pf.form.touched && !pf.form.warned {
        pf.form.warned = true;
        let key = if pf.person_id.is_none() {
            "form.close_not_created"
        } else {
            "form.close_invalid"
        };
        pf.form.notice = Some(key);
        app.warn(app.tr.t(key).to_string());
        return Vec::new();
    }
    app.participants.form = None;
    flush(app)
}

/// Pasted text into the open form or filter.
pub fn paste(app: &mut App, text: &str) -> Vec<Effect> {
    if let Some(pf) = app.participants.form.as_mut() {
        if pf.form.paste(text) == FormOutcome::Changed {
            schedule(app);
        }
    } else if let Some(ImportState::Path(form)) = app.participants.import.as_mut() {
        form.paste(text);
    } else if app.participants.filtering {
        app.participants
            .filter
            .extend(text.chars().filter(|c| !c.is_control()).take(40));
    }
    Vec::new()
}

fn schedule(app: &mut App) {
    if let Some(effect) = validate(app) {
        crate::ui::app::debounce(&mut app.participants.pending, app.now, effect);
    }
}

/// Writes the pending person save now.
pub fn flush(app: &mut App) -> Vec<Effect> {
    crate::ui::app::take_pending(&mut app.participants.pending)
}

/// Writes the pending person save when due.
pub fn tick(app: &mut App) -> Vec<Effect> {
    crate::ui::app::due_pending(&mut app.participants.pending, app.now)
}

fn validate(app: &mut App) -> Option<Effect> {
    let cohort_id = app.data.cohort?;
    let pf = app.participants.form.as_mut()?;
    let form = &mut pf.form;
    let first = form.value("first").trim().to_string();
    let last = form.value("last").trim().to_string();
    form.set_error("first", first.is_empty().then_some("person.err_name"));
    form.set_error("last", last.is_empty().then_some("person.err_name"));
    let mut sectors = Vec::new();
    let mut bad_sector = false;
    for word in form
        .value("sectors")
        .split([',', '/', ';'])
        .map(str::trim)
        .filter(|w| !w.is_empty())
    {
        match sector_for(word) {
            Some(s) if !sectors.contains(&s) => sectors.push(s),
            Some(_) => {}
            None => bad_sector = true,
        }
    }
    form.set_error("sectors", bad_sector.then_some("person.err_sector"));
    let avoid = parse_avoid_in(&app.data, &form.value("avoid"));
    form.set_error("avoid", avoid.is_none().then_some("person.err_avoid"));
    let role = Role::from_code(&form.value("role")).unwrap_or(Role::Candidate);
    let mut sensitive = SensitiveDetails::default();
    if pf.with_sensitive {
        let text = form.value("release");
        let release = parse_date(&text);
        form.set_error(
            "release",
            (!text.trim().is_empty() && release.is_none()).then_some("form.err_date"),
        );
        sensitive = SensitiveDetails {
            release_date: release,
            housing: form.value("housing").trim().to_string(),
            judicial_notes: form.value("notes").trim().to_string(),
        };
    }
    if form.has_errors() {
        return None;
    }
    let member = NewMember {
        first_name: first,
        last_name: last,
        organisation: form.value("organisation").trim().to_string(),
        role: Some(role),
        staff_role: (role == Role::Staff)
            .then(|| StaffRole::from_code(&form.value("staff_role")).unwrap_or(StaffRole::Other)),
        sectors,
        project: form.value("project").trim().to_string(),
        target_area: form.value("area").trim().to_string(),
        sensitive,
        phone: form.value("phone").trim().to_string(),
        email: form.value("email").trim().to_string(),
        external_id: None,
    };
    Some(Effect::SavePerson {
        cohort_id,
        person_id: pf.person_id,
        member: Box::new(member),
        avoid: avoid.unwrap_or_default(),
        with_sensitive: pf.with_sensitive,
    })
}

fn import_key(app: &mut App, action: Option<Action>, key: KeyEvent) -> Vec<Effect> {
    match app.participants.import.as_mut() {
        Some(ImportState::Path(form)) => match form.on_key(action, key) {
            FormOutcome::Close => {
                app.participants.import = None;
                Vec::new()
            }
            FormOutcome::Confirm => {
                let path = clean_path(&form.value("path"));
                if path.as_os_str().is_empty() {
                    form.set_error("path", Some("import.err_no_path"));
                    return Vec::new();
                }
                let role = Role::from_code(&form.value("role"));
                vec![Effect::PreviewImport { path, role }]
            }
            _ => Vec::new(),
        },
        Some(ImportState::Preview {
            path,
            role,
            ok,
            scroll,
            ..
        }) => match action {
            Some(Action::Down) => {
                *scroll = scroll.saturating_add(1);
                Vec::new()
            }
            Some(Action::Up) => {
                *scroll = scroll.saturating_sub(1);
                Vec::new()
            }
            Some(Action::Confirm) if *ok => {
                let effect = Effect::ApplyImport {
                    path: path.clone(),
                    role: *role,
                };
                app.participants.import = None;
                vec![effect]
            }
            Some(Action::Back) => {
                app.participants.import = None;
                Vec::new()
            }
            _ => Vec::new(),
        },
        None => Vec::new(),
    }
}

/// A path as typed or dropped into a terminal: quotes removed, `~` expanded.
pub fn clean_path(text: &str) -> PathBuf {
    let t = text.trim().trim_matches(|c| c == '\'' || c == '"');
    // `~\` too: the Windows way of writing it.
    if let Some(rest) = t.strip_prefix("~/").or_else(|| t.strip_prefix("~\\"))
        && let Some(home) = crate::platform::home_dir()
    {
        return home.join(rest);
    }
    PathBuf::from(t)
}

// ---------------------------------------------------------------------------------------------
// Drawing

/// Draws the screen.
pub fn draw(app: &App, frame: &mut Frame, area: Rect) {
    if app.participants.composer.is_some() {
        panels::draw(app, frame, area);
        return;
    }
    let tr = app.tr;
    let th = app.theme;
    let Some(cohort) = app.data.current_cohort() else {
        frame.render_widget(
            Paragraph::new(tr.t("part.no_cohort"))
                .block(Block::bordered().title(tr.t("screen.participants"))),
            area,
        );
        return;
    };
    let mut title = format!(
        " {} — {} · {} ",
        tr.t("screen.participants"),
        cohort.name,
        visible(app).len()
    );
    if app.participants.filtering || !app.participants.filter.is_empty() {
        title.push_str(&format!("· / {} ", app.participants.filter));
    }
    let mut block = Block::bordered().title(Span::styled(title, th.accent()));
    if app.participants.reveal {
        block = block.title(
            Line::from(Span::styled(
                format!(" {} ", tr.t("part.reveal_banner")),
                th.bad().add_modifier(Modifier::BOLD),
            ))
            .right_aligned(),
        );
    }
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let rows = visible(app);
    if rows.is_empty() {
        let key = if app.data.members.is_empty() {
            "part.empty"
        } else {
            "att.no_match"
        };
        frame.render_widget(
            Paragraph::new(tr.t(key))
                .style(th.dim())
                .wrap(Wrap { trim: true }),
            inner,
        );
    } else {
        let mut lines = Vec::new();
        let mut selected_line = 0;
        let mut last_role = None;
        let name_w = if inner.width >= 100 { 26 } else { 20 };
        for (i, m) in rows.iter().enumerate() {
            if last_role != Some(m.role) {
                last_role = Some(m.role);
                let n = rows.iter().filter(|r| r.role == m.role).count();
                lines.push(Line::from(Span::styled(
                    format!("{} · {n}", tr.t(&format!("role.plural.{}", m.role.code()))),
                    th.accent(),
                )));
            }
            let selected = i == app.participants.cursor;
            if selected {
                selected_line = lines.len();
            }
            let detail = match m.role {
                Role::Candidate => format!("{} · {}", m.project, sector_labels(app, &m.sectors)),
                Role::Professional => format!(
                    "{} · {}",
                    m.person.organisation,
                    sector_labels(app, &m.sectors)
                ),
                Role::Staff => format!(
                    "{} · {}",
                    tr.t(&format!(
                        "staff_role.{}",
                        m.staff_role.unwrap_or(StaffRole::Other).code()
                    )),
                    m.person.organisation
                ),
            };
            let room = (inner.width as usize).saturating_sub(name_w + 4);
            let mut spans = vec![
                Span::raw(if selected { "▸ " } else { "  " }),
                Span::raw(format!("{} ", fit(&m.person.full_name(), name_w))),
            ];
            if app.participants.reveal && m.role == Role::Candidate {
                let s = &m.sensitive;
                let text = tr.tf(
                    "part.sensitive_line",
                    &[
                        (
                            "release",
                            &s.release_date
                                .map(|d| tr.date_numeric(d))
                                .unwrap_or_else(|| "—".into()),
                        ),
                        (
                            "housing",
                            &if s.housing.is_empty() {
                                "—".to_string()
                            } else {
                                s.housing.clone()
                            },
                        ),
                        (
                            "notes",
                            &if s.judicial_notes.is_empty() {
                                "—".to_string()
                            } else {
                                s.judicial_notes.clone()
                            },
                        ),
                    ],
                );
                spans.push(Span::styled(
                    fit(&text, room).trim_end().to_string(),
                    th.bad(),
                ));
            } else {
                spans.push(Span::styled(
                    fit(&detail, room).trim_end().to_string(),
                    th.dim(),
                ));
            }
            let mut line = Line::from(spans);
            if selected {
                line = line.style(th.selected());
            }
            lines.push(line);
        }
        scrolled_lines(frame, inner, lines, selected_line, th);
    }
    if let Some(pf) = &app.participants.form {
        pf.form.draw(frame, area, tr, th);
    }
    match &app.participants.import {
        Some(ImportState::Path(form)) => form.draw(frame, area, tr, th),
        Some(ImportState::Preview {
            lines,
            ok,
            scroll,
            path,
            ..
        }) => draw_preview(app, frame, area, path, lines, *ok, *scroll),
        None => {}
    }
}

fn draw_preview(
    app: &App,
    frame: &mut Frame,
    area: Rect,
    path: &std::path::Path,
    lines: &[String],
    ok: bool,
    scroll: u16,
) {
    let tr = app.tr;
    let th = app.theme;
    let r = centered(area, 78.min(area.width.saturating_sub(2)), area.height);
    frame.render_widget(Clear, r);
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().to_string())
        .unwrap_or_default();
    let hint = if ok {
        tr.t("import.preview_hint")
    } else {
        tr.t("import.preview_refused")
    };
    let block = Block::bordered()
        .border_style(if ok { th.accent() } else { th.bad() })
        .title(Span::styled(
            format!(" {} — {} ", tr.t("import.preview_title"), name),
            th.accent(),
        ))
        .title_bottom(
            Line::from(Span::styled(
                format!(" {hint} "),
                if ok { th.ok() } else { th.bad() },
            ))
            .right_aligned(),
        );
    let inner = block.inner(r);
    frame.render_widget(block, r);
    let [body] = Layout::vertical([Constraint::Min(1)]).areas(inner);
    let text: Vec<Line> = lines
        .iter()
        .enumerate()
        .map(|(i, l)| {
            let style = if i == 0 && !ok {
                th.bad().add_modifier(Modifier::BOLD)
            } else if l.trim_start().starts_with('+') {
                th.ok()
            } else if l.trim_start().starts_with('~') {
                th.warn()
            } else {
                ratatui::style::Style::default()
            };
            Line::from(Span::styled(l.clone(), style))
        })
        .collect();
    let max = (text.len() as u16).saturating_sub(body.height);
    frame.render_widget(
        Paragraph::new(text)
            .wrap(Wrap { trim: false })
            .scroll((scroll.min(max), 0)),
        body,
    );
}
