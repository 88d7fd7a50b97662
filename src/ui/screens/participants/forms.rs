//! The forms of the Participants screen: a person (checked, then written), and the roster import.

use super::*;

pub(super) fn open_import(st: &mut ParticipantsState) {
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
    st.import = Some(ImportState::Path(Form::new(
        "import.title",
        String::new(),
        fields,
    )));
}

/// The professionals a candidate must not meet, as the form shows them.
pub(super) fn avoid_text(cx: &Ctx, m: Option<&Member>) -> String {
    // Shown for everyone; only a candidate's list is used by the planner.
    let Some(m) = m else {
        return String::new();
    };
    cx.data
        .forbidden
        .iter()
        .filter(|(c, _)| *c == m.person.id)
        .filter_map(|(_, p)| cx.data.member(*p))
        .map(|p| p.person.full_name())
        .collect::<Vec<_>>()
        .join(", ")
}

/// Professionals of the cohort named in `text` (full or last names, accents and case ignored).
pub(super) fn parse_avoid_in(data: &crate::ui::data::Data, text: &str) -> Option<Vec<Id>> {
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

pub(super) fn open_person_form(st: &mut ParticipantsState, cx: &mut Ctx, member: Option<&Member>) {
    let m = member.cloned();
    let with_sensitive = st.reveal;
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
                .map(|m| sector_labels(cx, &m.sectors))
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
            &avoid_text(cx, m.as_ref()),
            300,
        ),
    ];
    if with_sensitive {
        let release = m
            .as_ref()
            .and_then(|m| m.sensitive.release_date)
            .map(|d| d.format("%d/%m/%Y").to_string())
            .unwrap_or_default();
        let housing = get(|m| m.sensitive.housing.clone());
        let notes = get(|m| m.sensitive.judicial_notes.clone());
        // (id, label, value, maximum length): all three share one help line.
        let sensitive = [
            ("release", "person.release_date", release, 10),
            ("housing", "person.housing", housing, 200),
            ("notes", "person.judicial_notes", notes, 500),
        ];
        fields.extend(sensitive.iter().map(|(id, label, value, max)| {
            Field::text(id, label, "person.sensitive_help", value, *max)
        }));
    }
    let title = if m.is_some() {
        "person.edit_title"
    } else {
        "person.new_title"
    };
    let subtitle = m.as_ref().map(|m| m.person.full_name()).unwrap_or_default();
    st.form = Some(PersonForm {
        person_id: m.map(|m| m.person.id),
        form: Form::new(title, subtitle, fields),
        with_sensitive,
    });
}

pub(super) fn person_form_key(
    st: &mut ParticipantsState,
    cx: &mut Ctx,
    action: Option<Action>,
    key: KeyEvent,
) -> Vec<Effect> {
    let Some(pf) = st.form.as_mut() else {
        return Vec::new();
    };
    match pf.form.on_key(action, key) {
        FormOutcome::Nothing => Vec::new(),
        FormOutcome::Changed => {
            schedule(st, cx);
            Vec::new()
        }
        FormOutcome::Confirm | FormOutcome::Close => close_person_form(st, cx),
    }
}

pub(super) fn close_person_form(st: &mut ParticipantsState, cx: &mut Ctx) -> Vec<Effect> {
    let Some(pf) = st.form.as_mut() else {
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
        cx.warn(cx.tr.t(key).to_string());
        return Vec::new();
    }
    st.form = None;
    flush(st)
}

pub(super) fn schedule(st: &mut ParticipantsState, cx: &mut Ctx) {
    if let Some(effect) = validate(st, cx) {
        crate::ui::context::debounce(&mut st.pending, cx.now, effect);
    }
}

pub(super) fn validate(st: &mut ParticipantsState, cx: &mut Ctx) -> Option<Effect> {
    let cohort_id = cx.data.cohort?;
    let pf = st.form.as_mut()?;
    let form = &mut pf.form;
    let first = form.value("first").trim().to_string();
    let last = form.value("last").trim().to_string();
    form.set_error("first", first.is_empty().then_some("person.err_name"));
    form.set_error("last", last.is_empty().then_some("person.err_name"));
    let parsed = crate::core::roster::sector_list(&form.value("sectors"));
    form.set_error("sectors", parsed.is_err().then_some("person.err_sector"));
    let sectors = parsed.unwrap_or_default();
    let avoid = parse_avoid_in(&cx.data, &form.value("avoid"));
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

pub(super) fn import_key(
    st: &mut ParticipantsState,
    action: Option<Action>,
    key: KeyEvent,
) -> Vec<Effect> {
    match st.import.as_mut() {
        Some(ImportState::Path(form)) => match form.on_key(action, key) {
            FormOutcome::Close => {
                st.import = None;
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
            lines,
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
            Some(Action::Home) => {
                *scroll = 0;
                Vec::new()
            }
            Some(Action::End) => {
                // Past the end is fine: drawing stops at the last page.
                *scroll = u16::try_from(lines.len()).unwrap_or(u16::MAX);
                Vec::new()
            }
            Some(Action::Confirm) if *ok => {
                let effect = Effect::ApplyImport {
                    path: path.clone(),
                    role: *role,
                };
                st.import = None;
                vec![effect]
            }
            Some(Action::Back) => {
                st.import = None;
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_path_typed_with_a_tilde_expands_the_unix_and_the_windows_way() {
        let home = crate::platform::home_dir().expect("a home folder");
        assert_eq!(clean_path("~/liste.csv"), home.join("liste.csv"));
        assert_eq!(clean_path("\"~\\liste.csv\""), home.join("liste.csv"));
        // Windows Terminal pastes a dropped file in double quotes.
        assert_eq!(
            clean_path(" \"C:\\Users\\Léa\\liste.csv\" "),
            PathBuf::from("C:\\Users\\Léa\\liste.csv")
        );
    }
}
