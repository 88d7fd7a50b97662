//! Action plans: what will be done for a candidate after the grand oral, by whom, under which condition.

use chrono::NaiveDate;

use super::domain::Id;
use super::feedback::Proposal;

/// Conditions an action can wait on, in the order the form offers them.
pub const ACTION_CONDITIONS: [&str; 5] = ["none", "at_release", "housing", "judge", "other"];

/// Statuses of an action.
pub const ACTION_STATUSES: [&str; 4] = ["todo", "in_progress", "done", "dropped"];

/// One item of a candidate's action plan.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct ActionItem {
    /// Row id (0 before it is stored).
    pub id: Id,
    /// Cohort.
    pub cohort_id: Id,
    /// Candidate.
    pub candidate_id: Id,
    /// The proposal it came from, if any.
    pub proposal_id: Option<Id>,
    /// What will be done.
    pub what: String,
    /// Who carries it (staff member or professional).
    pub owner_id: Option<Id>,
    /// What it waits for (see [`ACTION_CONDITIONS`]).
    pub condition: String,
    /// When it is due.
    pub due: Option<NaiveDate>,
    /// Status code (see [`ACTION_STATUSES`]).
    pub status: String,
}

impl ActionItem {
    /// Still to be done (neither done nor dropped).
    pub fn is_open(&self) -> bool {
        matches!(self.status.as_str(), "todo" | "in_progress")
    }

    /// The action a proposal becomes: its detail, offered by the same professional, to do.
    pub fn from_proposal(cohort_id: Id, p: &Proposal, what: String) -> ActionItem {
        ActionItem {
            id: 0,
            cohort_id,
            candidate_id: p.candidate_id,
            proposal_id: Some(p.id),
            what,
            owner_id: p.offered_by,
            condition: "none".into(),
            due: None,
            status: "todo".into(),
        }
    }
}

/// The next status in the cycle a key press walks through (todo → in progress → done → dropped → todo).
pub fn next_status(status: &str) -> &'static str {
    let i = ACTION_STATUSES.iter().position(|s| *s == status);
    ACTION_STATUSES[i.map_or(0, |i| (i + 1) % ACTION_STATUSES.len())]
}

/// Open actions sorted for a review meeting: by owner (unassigned last), then due date (undated last).
pub fn open_by_owner(
    actions: &[ActionItem],
    owner_name: impl Fn(Option<Id>) -> String,
) -> Vec<&ActionItem> {
    let mut open: Vec<&ActionItem> = actions.iter().filter(|a| a.is_open()).collect();
    open.sort_by_key(|a| {
        (
            a.owner_id.is_none(),
            super::text::sort_key(&owner_name(a.owner_id)),
            a.due.is_none(),
            a.due,
            a.id,
        )
    });
    open
}

/// Open actions sorted by due date (undated last), then owner.
pub fn open_by_due(actions: &[ActionItem]) -> Vec<&ActionItem> {
    let mut open: Vec<&ActionItem> = actions.iter().filter(|a| a.is_open()).collect();
    open.sort_by_key(|a| (a.due.is_none(), a.due, a.owner_id.is_none(), a.id));
    open
}

#[cfg(test)]
mod tests {
    use super::*;

    fn item(id: Id, owner: Option<Id>, due: Option<(i32, u32, u32)>, status: &str) -> ActionItem {
        ActionItem {
            id,
            owner_id: owner,
            due: due.and_then(|(y, m, d)| NaiveDate::from_ymd_opt(y, m, d)),
            status: status.into(),
            ..ActionItem::default()
        }
    }

    #[test]
    fn status_cycles_and_unknown_starts_over() {
        assert_eq!(next_status("todo"), "in_progress");
        assert_eq!(next_status("dropped"), "todo");
        assert_eq!(next_status("???"), "todo");
    }

    #[test]
    fn open_actions_sort_by_owner_then_due_and_by_due_then_owner() {
        let all = vec![
            item(1, Some(20), Some((2026, 12, 10)), "todo"),
            item(2, None, Some((2026, 12, 1)), "todo"),
            item(3, Some(10), None, "in_progress"),
            item(4, Some(10), Some((2027, 1, 5)), "todo"),
            item(5, Some(10), Some((2026, 11, 30)), "done"),
        ];
        let name = |id: Option<Id>| id.map(|i| format!("p{i}")).unwrap_or_default();
        let by_owner: Vec<Id> = open_by_owner(&all, name).iter().map(|a| a.id).collect();
        assert_eq!(
            by_owner,
            [4, 3, 1, 2],
            "done is not open; undated last per owner"
        );
        let by_due: Vec<Id> = open_by_due(&all).iter().map(|a| a.id).collect();
        assert_eq!(by_due, [2, 1, 4, 3]);
    }

    #[test]
    fn a_proposal_becomes_an_action_of_the_same_professional() {
        let p = Proposal {
            id: 7,
            candidate_id: 3,
            offered_by: Some(9),
            kind: "immersion".into(),
            ..Proposal::default()
        };
        let a = ActionItem::from_proposal(1, &p, "PMSMP".into());
        assert_eq!(
            (a.proposal_id, a.owner_id, a.status.as_str()),
            (Some(7), Some(9), "todo")
        );
    }
}
