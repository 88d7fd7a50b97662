//! The proposal form, the same on Retours (during the day) and Grand oral (at the end).

use crate::core::feedback::{PROPOSAL_KINDS, PROPOSAL_STATUSES};
use crate::ui::form::{Field, Form};

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
