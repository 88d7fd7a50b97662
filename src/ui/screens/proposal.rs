//! The proposal form, the same on Retours (during the day) and Grand oral (at the end): a new
//! proposal (Ctrl-O), or a saved one edited (m), every change then written at once.

use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use crate::core::feedback::{PROPOSAL_KINDS, PROPOSAL_STATUSES, Proposal};
use crate::ui::form::{Field, FieldKind, Form, FormOutcome};
use crate::ui::keys::Action;

/// A new proposal for `who`: its kind, detail, who offers it (`offerers`, the first chosen by
/// default; `by_help` says where they come from) and its status.
pub fn form(who: String, offerers: Vec<(String, String)>, by_help: &'static str) -> Form {
    let fields = vec![
        Field::choice(
            "kind",
            "proposal.kind",
            "proposal.kind_help",
            PROPOSAL_KINDS.to_vec(),
            "proposal.kind_",
            "advice",
        ),
        Field::text("detail", "proposal.detail", "proposal.detail_help", "", 200),
        Field::named("by", "proposal.by", by_help, offerers),
        Field::choice(
            "status",
            "proposal.status",
            "proposal.status_help",
            PROPOSAL_STATUSES.to_vec(),
            "proposal.status_",
            "proposed",
        ),
    ];
    Form::new("proposal.title", who, fields)
}

/// The form on a saved proposal: its values in place, « — » among `offerers` for « nobody yet »
/// (added when missing), the one who offers it selected.
pub fn edit_form(
    p: &Proposal,
    who: String,
    mut offerers: Vec<(String, String)>,
    by_help: &'static str,
) -> Form {
    if !offerers.iter().any(|(id, _)| id.is_empty()) {
        offerers.insert(0, (String::new(), "—".to_string()));
    }
    let by = p.offered_by.map(|id| id.to_string()).unwrap_or_default();
    let mut form = form(who, offerers, by_help);
    form.title = "proposal.edit_title";
    for f in &mut form.fields {
        match (f.id, &mut f.kind) {
            (
                "kind",
                FieldKind::Choice {
                    options, selected, ..
                },
            )
            | (
                "status",
                FieldKind::Choice {
                    options, selected, ..
                },
            ) => {
                let value = if f.id == "kind" { &p.kind } else { &p.status };
                if let Some(i) = options.iter().position(|o| o == value) {
                    *selected = i;
                }
            }
            ("by", FieldKind::Named { options, selected }) => {
                if let Some(i) = options.iter().position(|o| o.0 == by) {
                    *selected = i;
                }
            }
            _ => {}
        }
    }
    if let Some(f) = form.fields.iter_mut().find(|f| f.id == "detail") {
        *f = Field::text(
            "detail",
            "proposal.detail",
            "proposal.detail_help",
            &p.detail,
            200,
        );
    }
    form
}

/// A key in the proposal form. → at the end of the detail goes on to who offers it (there is
/// nowhere further for the text cursor to go), so the proposer is reached in order.
pub fn on_key(form: &mut Form, action: Option<Action>, key: KeyEvent) -> FormOutcome {
    let at_end_of_detail = form.fields.get(form.focus).is_some_and(|f| {
        f.id == "detail"
            && f.input.cursor().1 >= f.input.lines().first().map_or(0, |l| l.chars().count())
    });
    if action.is_none()
        && key.code == KeyCode::Right
        && key.modifiers == KeyModifiers::NONE
        && at_end_of_detail
        && let Some(by) = form.fields.iter().position(|f| f.id == "by")
    {
        form.focus = by;
        return FormOutcome::Nothing;
    }
    form.on_key(action, key)
}

/// `p` with the form's values.
pub fn edited(p: &Proposal, form: &Form) -> Proposal {
    Proposal {
        offered_by: form.value("by").parse().ok(),
        kind: form.value("kind"),
        detail: form.value("detail").trim().to_string(),
        status: form.value("status"),
        ..p.clone()
    }
}

/// One key, on Grand oral's proposal row or Suivi: a « parrainage » proposal becomes a pairing of
/// its professional with the candidate, from today; said when it is not one or already made.
pub fn pair(cx: &mut crate::ui::context::Ctx, p: &Proposal) -> Vec<crate::ui::context::Effect> {
    use crate::core::followup::{PairingRefusal, pairing_for};
    let Some(cohort) = cx.data.cohort else {
        return Vec::new();
    };
    match pairing_for(cohort, &cx.data.followup.pairings, p, cx.now.date()) {
        Ok(pairing) => {
            let name = cx.data.short_name(pairing.mentor_id);
            cx.info(cx.tr.tf("followup.pairing_made", &[("name", &name)]));
            vec![crate::ui::context::Effect::SavePairing(pairing)]
        }
        Err(PairingRefusal::Exists { mentor_id }) => {
            let name = cx.data.short_name(mentor_id);
            cx.warn(cx.tr.tf("followup.pairing_exists", &[("name", &name)]));
            Vec::new()
        }
        Err(PairingRefusal::NotMentoring) => {
            cx.warn(cx.tr.t("followup.not_mentoring").to_string());
            Vec::new()
        }
    }
}
