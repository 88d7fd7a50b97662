//! The forms of the Grand oral screen: a proposal, an action item, the export of the summary.

use super::*;

/// People of the cohort of some roles, as (id, « Prénom Nom (organisation) »), with « — » first.
pub(super) fn people(cx: &Ctx, roles: &[Role]) -> Vec<(String, String)> {
    let mut out = vec![(String::new(), "—".to_string())];
    for role in roles {
        for m in cx
            .data
            .members
            .iter()
            .filter(|m| m.role == *role && !m.archived)
        {
            let org = &m.person.organisation;
            let label = if org.is_empty() {
                m.person.full_name()
            } else {
                format!("{} ({org})", m.person.full_name())
            };
            out.push((m.person.id.to_string(), label));
        }
    }
    out
}

/// The professionals who can offer something, those who interviewed the candidate first (in
/// round order): they make most proposals, one or two ← → away.
pub(super) fn offerers(cx: &Ctx, candidate: Id) -> Vec<(String, String)> {
    let mut met: Vec<(u32, Id)> = cx
        .data
        .oral
        .feedback
        .iter()
        .filter(|f| f.candidate_id == candidate)
        .flat_map(|f| f.panel_members.iter().map(move |p| (f.round, *p)))
        .collect();
    met.sort();
    let first: Vec<String> = met.iter().map(|(_, p)| p.to_string()).collect();
    let mut all = people(cx, &[Role::Professional]);
    let none = all.remove(0);
    all.sort_by_key(|(id, _)| first.iter().position(|f| f == id).unwrap_or(usize::MAX));
    all.insert(0, none);
    all
}

pub(super) fn open_proposal_form(st: &mut GrandOralState, cx: &mut Ctx, candidate: Id) {
    let who = cx.data.short_name(candidate);
    st.form = Some((
        FormTarget::Proposal(candidate),
        crate::ui::screens::proposal::form(who, offerers(cx, candidate), "oral.by_help"),
    ));
}

/// m: the selected proposal in the form, as stored.
pub(super) fn open_edit_form(st: &mut GrandOralState, cx: &mut Ctx, p: &Proposal) {
    let who = cx.data.short_name(p.candidate_id);
    let form = crate::ui::screens::proposal::edit_form(
        p,
        who,
        offerers(cx, p.candidate_id),
        "oral.by_help",
    );
    st.form = Some((FormTarget::EditProposal(p.id), form));
}

/// A change in the edit form, written at once; Enter or Esc only close it.
fn edit_proposal_key(
    st: &mut GrandOralState,
    cx: &Ctx,
    id: Id,
    outcome: FormOutcome,
) -> Vec<Effect> {
    match outcome {
        FormOutcome::Confirm | FormOutcome::Close => {
            st.form = None;
            Vec::new()
        }
        FormOutcome::Changed => {
            let stored = cx.data.proposals.iter().find(|p| p.id == id);
            match (stored, st.form.as_ref()) {
                (Some(p), Some((_, form))) => {
                    let p = crate::ui::screens::proposal::edited(p, form);
                    vec![Effect::SaveProposal(Box::new(p))]
                }
                _ => Vec::new(),
            }
        }
        FormOutcome::Nothing => Vec::new(),
    }
}

pub(super) fn open_action_form(
    st: &mut GrandOralState,
    cx: &mut Ctx,
    id: Option<Id>,
    candidate: Id,
    proposal: Option<Id>,
) {
    let existing = id.and_then(|id| cx.data.oral.actions.iter().find(|a| a.id == id).cloned());
    let a = existing.unwrap_or_else(|| ActionItem {
        condition: "none".into(),
        status: "todo".into(),
        ..ActionItem::default()
    });
    let due = a.due.map(|d| cx.tr.date_numeric(d)).unwrap_or_default();
    let mut form = Form::new(
        "action.title",
        cx.data.short_name(candidate),
        vec![
            Field::text("what", "action.what", "action.what_help", &a.what, 200),
            Field::named(
                "owner",
                "action.owner",
                "action.owner_help",
                people(cx, &[Role::Staff, Role::Professional]),
            ),
            Field::choice(
                "condition",
                "action.condition",
                "action.condition_help",
                ACTION_CONDITIONS.to_vec(),
                "action.condition_",
                &a.condition,
            ),
            Field::text("due", "action.due", "action.due_help", &due, 10).prefilled(),
            Field::choice(
                "status",
                "action.status",
                "action.status_help",
                ACTION_STATUSES.to_vec(),
                "action.status_",
                &a.status,
            ),
        ],
    );
    if let Some(owner) = a.owner_id {
        form.select_named("owner", &owner.to_string());
    }
    st.form = Some((
        FormTarget::Action {
            id: a.id,
            candidate,
            proposal: proposal.or(a.proposal_id),
        },
        form,
    ));
}

pub(super) fn open_export_form(st: &mut GrandOralState, cx: &mut Ctx) {
    let Some(session) = cx.data.oral_session() else {
        cx.warn(cx.tr.t("oral.no_session").to_string());
        return;
    };
    let name = crate::export::default_name(cx.tr, session.date, Format::Html, Audience::Partner);
    let fields = vec![
        Field::choice(
            "format",
            "oral.export_format",
            "oral.export_format_help",
            vec!["html", "md", "csv", "json"],
            "oral.format_",
            "html",
        ),
        Field::choice(
            "audience",
            "oral.export_audience",
            "oral.export_audience_help",
            vec!["partner", "full"],
            "oral.audience_",
            "partner",
        ),
        Field::text(
            "path",
            "oral.export_path",
            "oral.export_path_help",
            &name.display().to_string(),
            300,
        )
        .prefilled(),
    ];
    let mut form = Form::new("oral.export_title", String::new(), fields);
    form.footnote = "form.writes_file";
    st.form = Some((FormTarget::Export, form));
}

/// Keys of the open form (editing).
pub fn on_form_key(
    st: &mut GrandOralState,
    cx: &mut Ctx,
    action: Option<Action>,
    key: KeyEvent,
) -> Vec<Effect> {
    let Some((target, form)) = st.form.as_mut() else {
        return Vec::new();
    };
    let target = *target;
    let outcome = match target {
        FormTarget::Proposal(_) | FormTarget::EditProposal(_) => {
            crate::ui::screens::proposal::on_key(form, action, key)
        }
        _ => form.on_key(action, key),
    };
    if target == FormTarget::Export {
        return export_form_outcome(st, cx, outcome);
    }
    if let FormTarget::EditProposal(id) = target {
        return edit_proposal_key(st, cx, id, outcome);
    }
    if let Some((_, form)) = st.form.as_mut()
        && matches!(target, FormTarget::Action { .. })
        && outcome == FormOutcome::Changed
    {
        let due = form.value("due");
        let bad = !due.trim().is_empty() && crate::core::dates::parse_date(&due).is_none();
        form.set_error("due", bad.then_some("action.err_due"));
    }
    if !matches!(outcome, FormOutcome::Confirm | FormOutcome::Close) {
        return Vec::new();
    }
    let Some((_, form)) = st.form.as_mut() else {
        return Vec::new();
    };
    // A date still wrong: say so once; a second Esc closes and keeps everything else.
    if form.hold_on_error() {
        return Vec::new();
    }
    let Some((_, form)) = st.form.take() else {
        return Vec::new();
    };
    match target {
        FormTarget::Proposal(candidate) => save_proposal_form(st, cx, candidate, &form),
        FormTarget::Action {
            id,
            candidate,
            proposal,
        } => save_action_form(cx, id, candidate, proposal, &form),
        FormTarget::Export | FormTarget::EditProposal(_) => Vec::new(),
    }
}

pub(super) fn save_proposal_form(
    st: &mut GrandOralState,
    cx: &mut Ctx,
    candidate: Id,
    form: &Form,
) -> Vec<Effect> {
    let Some(session) = cx.data.oral_session().map(|s| s.id) else {
        return Vec::new();
    };
    if !form.touched {
        return Vec::new();
    }
    let p = Proposal {
        id: 0,
        session_id: session,
        candidate_id: candidate,
        feedback_id: None,
        offered_by: form.value("by").parse().ok(),
        kind: form.value("kind"),
        detail: form.value("detail").trim().to_string(),
        status: form.value("status"),
    };
    // The new proposal is the last of the candidate's: select it.
    st.cursor = proposals_of(cx, candidate).len();
    vec![Effect::SaveProposal(Box::new(p))]
}

pub(super) fn save_action_form(
    cx: &mut Ctx,
    id: Id,
    candidate: Id,
    proposal: Option<Id>,
    form: &Form,
) -> Vec<Effect> {
    let Some(cohort) = cx.data.cohort else {
        return Vec::new();
    };
    let what = form.value("what").trim().to_string();
    // A new action only when something was said; one made by `t` (id 0 in the form) is found by proposal.
    let id = if id == 0 {
        proposal
            .and_then(|p| {
                cx.data
                    .oral
                    .actions
                    .iter()
                    .find(|a| a.proposal_id == Some(p))
            })
            .map_or(0, |a| a.id)
    } else {
        id
    };
    if id == 0 && what.is_empty() {
        if form.touched {
            cx.warn(cx.tr.t("action.not_created").to_string());
        }
        return Vec::new();
    }
    let due_text = form.value("due");
    let due = crate::core::dates::parse_date(&due_text);
    if due.is_none() && !due_text.trim().is_empty() {
        cx.warn(cx.tr.t("action.due_dropped").to_string());
    }
    vec![Effect::SaveAction(Box::new(ActionItem {
        id,
        cohort_id: cohort,
        candidate_id: candidate,
        proposal_id: proposal,
        what,
        owner_id: form.value("owner").parse().ok(),
        condition: form.value("condition"),
        due,
        status: form.value("status"),
    }))]
}

pub(super) fn export_form_outcome(
    st: &mut GrandOralState,
    cx: &mut Ctx,
    outcome: FormOutcome,
) -> Vec<Effect> {
    match outcome {
        FormOutcome::Close => {
            st.form = None;
            Vec::new()
        }
        FormOutcome::Confirm => {
            let Some((_, form)) = st.form.take() else {
                return Vec::new();
            };
            let path = form.value("path").trim().to_string();
            if path.is_empty() {
                cx.warn(cx.tr.t("oral.export_no_path").to_string());
                st.form = Some((FormTarget::Export, form));
                return Vec::new();
            }
            let format = Format::parse(&form.value("format")).unwrap_or(Format::Html);
            let audience = Audience::parse(&form.value("audience")).unwrap_or(Audience::Partner);
            vec![Effect::Export {
                format,
                audience,
                path: path.into(),
            }]
        }
        FormOutcome::Changed => {
            // The file name follows the format and audience until the user types one of their own.
            if let (Some((_, form)), Some(session)) = (st.form.as_mut(), cx.data.oral_session()) {
                let format = Format::parse(&form.value("format")).unwrap_or(Format::Html);
                let audience =
                    Audience::parse(&form.value("audience")).unwrap_or(Audience::Partner);
                let typed = form.value("path");
                let defaults: Vec<String> = Format::ALL
                    .iter()
                    .flat_map(|f| {
                        [Audience::Partner, Audience::Full].map(|a| {
                            crate::export::default_name(cx.tr, session.date, *f, a)
                                .display()
                                .to_string()
                        })
                    })
                    .collect();
                if defaults.contains(&typed) {
                    let name = crate::export::default_name(cx.tr, session.date, format, audience);
                    if let Some(f) = form.fields.iter_mut().find(|f| f.id == "path") {
                        *f = Field::text(
                            "path",
                            "oral.export_path",
                            "oral.export_path_help",
                            &name.display().to_string(),
                            300,
                        )
                        .prefilled();
                    }
                }
            }
            Vec::new()
        }
        FormOutcome::Nothing => Vec::new(),
    }
}
