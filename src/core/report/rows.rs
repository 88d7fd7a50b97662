//! The rows a report is built from, loaded from one database file each.

use super::*;

// ---------------------------------------------------------------- rows loaded from one file

/// A cohort in scope.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CohortRow {
    /// Row id (in its own file).
    pub id: Id,
    /// Name.
    pub name: String,
    /// Establishment.
    pub establishment: String,
}

/// How many sessions of a kind a cohort had.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SessionCount {
    /// Cohort.
    pub cohort_id: Id,
    /// Kind.
    pub kind: SessionKind,
    /// Sessions.
    pub count: usize,
}

/// How many candidate attendance rows of a session kind had a status.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AttendanceCount {
    /// Cohort.
    pub cohort_id: Id,
    /// Kind of the sessions.
    pub kind: SessionKind,
    /// Status.
    pub status: AttendanceStatus,
    /// Rows.
    pub count: usize,
}

/// How many proposals of a kind had a status.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ProposalCount {
    /// Cohort.
    pub cohort_id: Id,
    /// Kind code.
    pub kind: String,
    /// Status code.
    pub status: String,
    /// Proposals.
    pub count: usize,
}

/// A person named in a report row, with what the audience cut needs.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct NameRow {
    /// First name.
    pub first_name: String,
    /// Last name.
    pub last_name: String,
    /// Role in the cohort (`None`: not a member).
    pub role: Option<Role>,
    /// « Nommé dans les bilans » (professionals who agreed to be named to partners).
    pub named: bool,
}

/// One action item.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ActionRow {
    /// Cohort.
    pub cohort_id: Id,
    /// What will be done.
    pub what: String,
    /// Status code.
    pub status: String,
    /// Due date.
    pub due: Option<NaiveDate>,
    /// Who carries it.
    pub owner: Option<NameRow>,
    /// The candidate (full audience only).
    pub candidate: String,
}

/// A member of a cohort, as far as a report needs.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MemberRow {
    /// Cohort.
    pub cohort_id: Id,
    /// The person's row id in its own file.
    pub person_id: Id,
    /// The person's stable identifier (`person.uid`), the same in every file the person travelled to.
    pub uid: Option<String>,
    /// Role.
    pub role: Role,
    /// First name (used for named professionals only).
    pub first_name: String,
    /// « Nommé dans les bilans ».
    pub named: bool,
    /// Company or service.
    pub organisation: String,
    /// Sectors of the project (candidates) or of the company (professionals).
    pub sectors: Vec<Sector>,
    /// Zone of the candidate's project.
    pub target_area: String,
    /// Current status on the candidate's path (`None`: none recorded).
    pub status: Option<super::super::path::Status>,
}

/// One feedback (an interview that took place).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FeedbackRow {
    /// Cohort.
    pub cohort_id: Id,
    /// The feedback.
    pub feedback: Feedback,
}

/// One status change of a person in a cohort (no note: a report never shows one).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StatusRow {
    /// Cohort.
    pub cohort_id: Id,
    /// Person.
    pub person_id: Id,
    /// The change (status, date, withdrawal reason).
    pub change: super::super::path::Change,
}

/// How many outcomes of a category were recorded at a milestone in a cohort.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OutcomeCount {
    /// Cohort.
    pub cohort_id: Id,
    /// Milestone code.
    pub milestone: String,
    /// Category key.
    pub category: String,
    /// Outcomes.
    pub count: usize,
    /// Still recorded (false: kept by a purge).
    pub live: bool,
}

/// Everything a report reads from one database file.
#[derive(Debug, Clone, Default)]
pub struct ReportRows {
    /// Cohorts in scope.
    pub cohorts: Vec<CohortRow>,
    /// Sessions by kind.
    pub sessions: Vec<SessionCount>,
    /// Candidate attendance by kind and status.
    pub attendance: Vec<AttendanceCount>,
    /// Feedback of the job-training sessions.
    pub feedback: Vec<FeedbackRow>,
    /// Proposals by kind and status.
    pub proposals: Vec<ProposalCount>,
    /// Action items.
    pub actions: Vec<ActionRow>,
    /// Members.
    pub members: Vec<MemberRow>,
    /// Status changes, per person oldest first.
    pub statuses: Vec<StatusRow>,
    /// Funnels kept by purges, per cohort.
    pub funnel_kept: Vec<(Id, Funnel)>,
    /// Outcomes by milestone and category, recorded and kept by purges.
    pub outcomes: Vec<OutcomeCount>,
}
