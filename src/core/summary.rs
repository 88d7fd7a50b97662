//! The grand oral roll-up: per candidate what four binômes said, per session the counts.
//!
//! Pure: built from loaded rows, then cut down for an audience before anything shows or leaves it.

use chrono::NaiveDate;
use serde::Serialize;

use super::actions::ActionItem;
use super::attendance::{Attendance, AttendanceStatus};
use super::domain::{Cohort, Id, Member, Role, Session, SessionKind};
use super::feedback::{
    Completeness, CriteriaSets, Feedback, HeldInterview, Note, PROPOSAL_KINDS, Proposal,
    feedback_progress,
};

/// Ratings this far apart on one criterion are flagged: the binômes disagree.
pub const DISAGREEMENT: u8 = 2;

/// Who a summary is for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Audience {
    /// Companies and partners: no release dates, housing, judicial or staff notes.
    Partner,
    /// The staff: everything, marked as such on every page.
    Full,
}

impl Audience {
    /// Parses `partner` / `full`.
    pub fn parse(code: &str) -> Option<Audience> {
        match code {
            "partner" => Some(Audience::Partner),
            "full" => Some(Audience::Full),
            _ => None,
        }
    }
}

/// Everything a summary is built from (one cohort's rows).
pub struct SummaryInput<'a> {
    /// The cohort.
    pub cohort: &'a Cohort,
    /// The session summarised (job training or grand oral).
    pub session: &'a Session,
    /// The cohort's sessions.
    pub sessions: &'a [Session],
    /// The cohort's members.
    pub members: &'a [Member],
    /// Feedback of the cohort's job-training sessions.
    pub feedback: &'a [Feedback],
    /// The interviews held in those sessions (the denominator of complete feedback).
    pub interviews: &'a [HeldInterview],
    /// Proposals of all the cohort's sessions.
    pub proposals: &'a [Proposal],
    /// The cohort's action items.
    pub actions: &'a [ActionItem],
    /// Attendance at all the cohort's sessions.
    pub attendance: &'a [Attendance],
    /// Staff notes of all the cohort's sessions.
    pub notes: &'a [Note],
    /// Criteria set used when no feedback names one.
    pub criteria_set: &'a str,
    /// The criteria sets known (shipped and the user's own).
    pub sets: &'a CriteriaSets,
}

/// The same rows, owned (what the store loads for a session).
#[derive(Debug, Clone)]
pub struct SummaryRows {
    /// The cohort.
    pub cohort: Cohort,
    /// The session summarised.
    pub session: Session,
    /// The cohort's sessions.
    pub sessions: Vec<Session>,
    /// The cohort's members.
    pub members: Vec<Member>,
    /// Feedback of the cohort's job-training sessions.
    pub feedback: Vec<Feedback>,
    /// The interviews held in those sessions.
    pub interviews: Vec<HeldInterview>,
    /// Proposals of all the cohort's sessions.
    pub proposals: Vec<Proposal>,
    /// Action items.
    pub actions: Vec<ActionItem>,
    /// Attendance at all sessions.
    pub attendance: Vec<Attendance>,
    /// Staff notes.
    pub notes: Vec<Note>,
    /// Criteria set of the session.
    pub criteria_set: String,
}

impl SummaryRows {
    /// Borrows the rows as a summary input, judged against `sets`.
    pub fn input<'a>(&'a self, sets: &'a CriteriaSets) -> SummaryInput<'a> {
        SummaryInput {
            cohort: &self.cohort,
            session: &self.session,
            sessions: &self.sessions,
            members: &self.members,
            feedback: &self.feedback,
            interviews: &self.interviews,
            proposals: &self.proposals,
            actions: &self.actions,
            attendance: &self.attendance,
            notes: &self.notes,
            criteria_set: &self.criteria_set,
            sets,
        }
    }
}

/// The cohort, as printed on a cover page.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CohortInfo {
    /// Name.
    pub name: String,
    /// Establishment.
    pub establishment: String,
    /// Partners.
    pub partners: String,
}

/// The session summarised.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SessionInfo {
    /// Row id.
    pub id: Id,
    /// Kind code.
    pub kind: String,
    /// Date.
    pub date: NaiveDate,
    /// Place.
    pub place: String,
    /// Title.
    pub title: String,
}

/// Counts of the day.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Counts {
    /// Candidates on the session's list.
    pub candidates_expected: usize,
    /// Candidates who came.
    pub candidates_present: usize,
    /// Professionals who came.
    pub professionals_present: usize,
    /// Staff who came.
    pub staff_present: usize,
    /// Candidates with at least one interview captured.
    pub interviewed: usize,
    /// Interviews held (planned, not cancelled): the denominator of complete feedback.
    pub feedback_total: usize,
    /// Of which have complete feedback.
    pub feedback_complete: usize,
    /// Proposals (not dropped).
    pub proposals: usize,
    /// Accepted or under way or done.
    pub proposals_accepted: usize,
    /// Open action items.
    pub actions_open: usize,
}

/// How many proposals of one kind.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct KindCount {
    /// Kind code.
    pub kind: String,
    /// Count.
    pub count: usize,
}

/// A criterion's label in both languages.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CriterionLabel {
    /// Stable key.
    pub key: String,
    /// French label.
    pub label_fr: String,
    /// English label.
    pub label_en: String,
}

/// A criterion across the candidates of the session.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CriterionMean {
    /// Which criterion.
    #[serde(flatten)]
    pub criterion: CriterionLabel,
    /// Mean of every rating given (None if none).
    pub mean: Option<f64>,
    /// Number of ratings.
    pub ratings: usize,
}

/// One interview of a candidate that has feedback.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct InterviewInfo {
    /// Round.
    pub round: u32,
    /// Binôme label.
    pub panel: String,
    /// The professionals' names.
    pub professionals: Vec<String>,
    /// Overall opinion code.
    pub opinion: Option<String>,
    /// Feedback complete.
    pub complete: bool,
}

/// One criterion for one candidate: each binôme's rating and what they add up to.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CriterionSummary {
    /// Which criterion.
    #[serde(flatten)]
    pub criterion: CriterionLabel,
    /// One per interview, in the order of `interviews` (None: not rated).
    pub ratings: Vec<Option<u8>>,
    /// Mean of the ratings given.
    pub mean: Option<f64>,
    /// Highest minus lowest rating.
    pub spread: Option<u8>,
    /// Interviews that left it unrated.
    pub unrated: usize,
    /// Binômes disagree by [`DISAGREEMENT`] points or more.
    pub disagreement: bool,
}

/// Something a binôme said, with who said it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Quote {
    /// The text.
    pub text: String,
    /// The binôme.
    pub by: String,
    /// The round.
    pub round: u32,
}

/// A proposal, with the professional's name.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ProposalInfo {
    /// Row id.
    pub id: Id,
    /// Kind code.
    pub kind: String,
    /// Detail.
    pub detail: String,
    /// Who offers it.
    pub by: Option<String>,
    /// Their company.
    pub organisation: String,
    /// Status code.
    pub status: String,
}

/// An action item, with the owner's name.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ActionInfo {
    /// Row id.
    pub id: Id,
    /// What.
    pub what: String,
    /// Who.
    pub owner: Option<String>,
    /// Condition code (left out for partners: it can tell a judicial situation).
    pub condition: Option<String>,
    /// Due date.
    pub due: Option<NaiveDate>,
    /// Status code.
    pub status: String,
}

/// Sensitive details, present only in a full summary.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SensitiveInfo {
    /// Expected release date.
    pub release_date: Option<NaiveDate>,
    /// Housing at release.
    pub housing: String,
    /// Judicial / SPIP notes.
    pub judicial_notes: String,
}

/// One candidate's roll-up.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CandidateSummary {
    /// Person id.
    pub person_id: Id,
    /// Name as the audience sees it.
    pub name: String,
    /// « Prénom N. », what a partner sees.
    #[serde(skip)]
    pub short_name: String,
    /// Target trade.
    pub project: String,
    /// Target sector codes.
    pub sectors: Vec<String>,
    /// Target area.
    pub target_area: String,
    /// Interviews with feedback, in round order.
    pub interviews: Vec<InterviewInfo>,
    /// Criteria in the set's order.
    pub criteria: Vec<CriterionSummary>,
    /// Strengths, quoted.
    pub strengths: Vec<Quote>,
    /// Points to work on, quoted.
    pub to_work_on: Vec<Quote>,
    /// First advice, quoted.
    pub advice: Vec<Quote>,
    /// Proposals.
    pub proposals: Vec<ProposalInfo>,
    /// Action plan.
    pub actions: Vec<ActionInfo>,
    /// Sessions attended.
    pub sessions_attended: usize,
    /// Sessions held where he was expected.
    pub sessions_held: usize,
    /// Binômes' other notes (full only).
    pub panel_notes: Vec<Quote>,
    /// Staff quick notes (full only).
    pub staff_notes: Vec<String>,
    /// Sensitive details (full only).
    pub sensitive: Option<SensitiveInfo>,
    /// Follow-up after the grand oral: contacts, checklist, outcomes (full audience only).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub followup: Option<super::followup::FollowupInfo>,
}

/// The whole roll-up of a session.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Summary {
    /// Who it is for.
    pub audience: Audience,
    /// The cohort.
    pub cohort: CohortInfo,
    /// The session.
    pub session: SessionInfo,
    /// The counts.
    pub counts: Counts,
    /// Proposals by kind, in the form's order (kinds with none left out).
    pub proposals_by_kind: Vec<KindCount>,
    /// Criteria averages across candidates.
    pub criteria: Vec<CriterionMean>,
    /// The candidates, by name.
    pub candidates: Vec<CandidateSummary>,
    /// Outcomes counted by milestone and group: anonymous, for every audience.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub outcome_counts: Vec<super::followup::OutcomeCount>,
    /// The cohort's funnel (issue 19), set by whoever has the store; counts only for partners.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub funnel: Option<crate::core::path::FunnelInfo>,
}

fn mean(values: &[u8]) -> Option<f64> {
    (!values.is_empty())
        .then(|| values.iter().map(|v| f64::from(*v)).sum::<f64>() / values.len() as f64)
}

fn person_name(members: &[Member], id: Id) -> Option<String> {
    members
        .iter()
        .find(|m| m.person.id == id)
        .map(|m| m.person.full_name())
}

fn quotes(mine: &[&Feedback], text: impl Fn(&Feedback) -> &str) -> Vec<Quote> {
    mine.iter()
        .filter(|f| !text(f).trim().is_empty())
        .map(|f| Quote {
            text: text(f).trim().to_string(),
            by: f.panel_label.clone(),
            round: f.round,
        })
        .collect()
}

/// The candidates a summary shows, in its order: by last name, archived ones only with feedback.
pub fn candidates_in_order<'a>(members: &'a [Member], feedback: &[Feedback]) -> Vec<&'a Member> {
    let mut candidates: Vec<&Member> = members
        .iter()
        .filter(|m| m.role == Role::Candidate)
        .filter(|m| !m.archived || feedback.iter().any(|f| f.candidate_id == m.person.id))
        .collect();
    candidates
        .sort_by_cached_key(|m| super::text::name_key(&m.person.last_name, &m.person.first_name));
    candidates
}

fn criterion_labels(input: &SummaryInput) -> Vec<CriterionLabel> {
    let set_key = input
        .feedback
        .first()
        .map_or(input.criteria_set, |f| f.criteria_set.as_str());
    input
        .sets
        .get(set_key)
        .map(|set| {
            set.criteria
                .iter()
                .map(|c| CriterionLabel {
                    key: c.key.clone(),
                    label_fr: c.label_fr.clone(),
                    label_en: c.label_en.clone(),
                })
                .collect()
        })
        .unwrap_or_default()
}

/// One candidate's roll-up alone (a screen showing one candidate need not build them all).
pub fn build_one(input: &SummaryInput, person_id: Id) -> Option<CandidateSummary> {
    let m = input.members.iter().find(|m| m.person.id == person_id)?;
    Some(candidate(input, m, &criterion_labels(input)))
}

/// Builds the full summary (every field; see [`for_audience`] before showing it to anyone else).
pub fn build(input: &SummaryInput) -> Summary {
    let labels = criterion_labels(input);
    let candidates = candidates_in_order(input.members, input.feedback);
    let summaries: Vec<CandidateSummary> = candidates
        .iter()
        .map(|m| candidate(input, m, &labels))
        .collect();
    Summary {
        audience: Audience::Full,
        cohort: CohortInfo {
            name: input.cohort.name.clone(),
            establishment: input.cohort.establishment.clone(),
            partners: input.cohort.partners.clone(),
        },
        session: SessionInfo {
            id: input.session.id,
            kind: input.session.kind.code().to_string(),
            date: input.session.date,
            place: input.session.place.clone(),
            title: input.session.title.clone(),
        },
        funnel: None,
        counts: counts(input, &summaries),
        proposals_by_kind: by_kind(input.proposals),
        criteria: labels
            .iter()
            .enumerate()
            .map(|(i, l)| {
                let all: Vec<u8> = summaries
                    .iter()
                    .flat_map(|c| {
                        c.criteria
                            .get(i)
                            .map(|c| c.ratings.clone())
                            .unwrap_or_default()
                    })
                    .flatten()
                    .collect();
                CriterionMean {
                    criterion: l.clone(),
                    mean: mean(&all),
                    ratings: all.len(),
                }
            })
            .collect(),
        candidates: summaries,
        outcome_counts: Vec::new(),
    }
}

/// A candidate's proposals in the order of the interviews they come from (date, round), then as
/// typed — not by row id alone: each laptop numbers the rows a sync brings after its own, and
/// both must show and print the same day (issue 23). The Grand oral's cursor follows this order.
pub fn proposals_of<'a>(
    proposals: &'a [Proposal],
    feedback: &[Feedback],
    sessions: &[Session],
    candidate: Id,
) -> Vec<&'a Proposal> {
    let date_of = |sid: Id| sessions.iter().find(|s| s.id == sid).map(|s| s.date);
    let mut out: Vec<&Proposal> = proposals
        .iter()
        .filter(|p| p.candidate_id == candidate)
        .collect();
    out.sort_by_key(
        |p| match feedback.iter().find(|f| Some(f.id) == p.feedback_id) {
            Some(f) => (false, date_of(f.session_id), f.round),
            None => (true, None, 0),
        },
    );
    out
}

fn candidate(input: &SummaryInput, m: &Member, labels: &[CriterionLabel]) -> CandidateSummary {
    let id = m.person.id;
    // Several job-training sessions: order by date, then round.
    let date_of = |sid: Id| input.sessions.iter().find(|s| s.id == sid).map(|s| s.date);
    let mut mine: Vec<&Feedback> = input
        .feedback
        .iter()
        .filter(|f| f.candidate_id == id)
        .collect();
    mine.sort_by_key(|f| (date_of(f.session_id), f.round));
    let criteria = labels
        .iter()
        .map(|l| {
            let ratings: Vec<Option<u8>> = mine.iter().map(|f| f.rating(&l.key)).collect();
            let given: Vec<u8> = ratings.iter().flatten().copied().collect();
            let spread = given
                .iter()
                .max()
                .zip(given.iter().min())
                .map(|(hi, lo)| hi - lo);
            CriterionSummary {
                criterion: l.clone(),
                mean: mean(&given),
                spread,
                unrated: ratings.len() - given.len(),
                disagreement: spread.is_some_and(|s| s >= DISAGREEMENT),
                ratings,
            }
        })
        .collect();
    let held: Vec<&Attendance> = input
        .attendance
        .iter()
        .filter(|a| a.person_id == id && a.status != AttendanceStatus::Expected)
        .collect();
    let offered = proposals_of(input.proposals, input.feedback, input.sessions, id);
    CandidateSummary {
        person_id: id,
        name: m.person.full_name(),
        short_name: m.person.short_name(),
        project: m.project.clone(),
        sectors: m.sectors.iter().map(|s| s.code().to_string()).collect(),
        target_area: m.target_area.clone(),
        interviews: mine
            .iter()
            .map(|f| InterviewInfo {
                round: f.round,
                panel: f.panel_label.clone(),
                professionals: f
                    .panel_members
                    .iter()
                    .filter_map(|p| person_name(input.members, *p))
                    .collect(),
                opinion: f.opinion.clone(),
                complete: f.completeness(input.sets) == Completeness::Complete,
            })
            .collect(),
        criteria,
        strengths: quotes(&mine, |f| &f.strengths),
        to_work_on: quotes(&mine, |f| &f.to_work_on),
        advice: quotes(&mine, |f| &f.advice),
        proposals: offered
            .iter()
            .map(|p| ProposalInfo {
                id: p.id,
                kind: p.kind.clone(),
                detail: p.detail.clone(),
                by: p.offered_by.and_then(|b| person_name(input.members, b)),
                organisation: p
                    .offered_by
                    .and_then(|b| input.members.iter().find(|m| m.person.id == b))
                    .map(|m| m.person.organisation.clone())
                    .unwrap_or_default(),
                status: p.status.clone(),
            })
            .collect(),
        actions: input
            .actions
            .iter()
            .filter(|a| a.candidate_id == id)
            .map(|a| ActionInfo {
                id: a.id,
                what: a.what.clone(),
                owner: a.owner_id.and_then(|o| person_name(input.members, o)),
                condition: Some(a.condition.clone()),
                due: a.due,
                status: a.status.clone(),
            })
            .collect(),
        sessions_attended: held.iter().filter(|a| a.status.came()).count(),
        sessions_held: held.len(),
        panel_notes: quotes(&mine, |f| &f.notes),
        staff_notes: input
            .notes
            .iter()
            .filter(|n| n.candidate_id == Some(id))
            .map(|n| n.text.clone())
            .collect(),
        sensitive: Some(SensitiveInfo {
            release_date: m.sensitive.release_date,
            housing: m.sensitive.housing.clone(),
            judicial_notes: m.sensitive.judicial_notes.clone(),
        }),
        followup: None,
    }
}

fn counts(input: &SummaryInput, candidates: &[CandidateSummary]) -> Counts {
    let role_of = |id: Id| {
        input
            .members
            .iter()
            .find(|m| m.person.id == id)
            .map(|m| m.role)
    };
    let here: Vec<&Attendance> = input
        .attendance
        .iter()
        .filter(|a| a.session_id == input.session.id)
        .collect();
    let came = |role: Role| {
        here.iter()
            .filter(|a| a.status.came() && role_of(a.person_id) == Some(role))
            .count()
    };
    let live = |p: &&Proposal| p.status != "dropped";
    let (feedback_complete, feedback_total) =
        feedback_progress(input.interviews, input.feedback, input.sets);
    Counts {
        candidates_expected: here
            .iter()
            .filter(|a| role_of(a.person_id) == Some(Role::Candidate))
            .count(),
        candidates_present: came(Role::Candidate),
        professionals_present: came(Role::Professional),
        staff_present: came(Role::Staff),
        interviewed: candidates
            .iter()
            .filter(|c| !c.interviews.is_empty())
            .count(),
        feedback_total,
        feedback_complete,
        proposals: input.proposals.iter().filter(live).count(),
        proposals_accepted: input
            .proposals
            .iter()
            .filter(|p| matches!(p.status.as_str(), "accepted" | "in_progress" | "done"))
            .count(),
        actions_open: input.actions.iter().filter(|a| a.is_open()).count(),
    }
}

fn by_kind(proposals: &[Proposal]) -> Vec<KindCount> {
    PROPOSAL_KINDS
        .iter()
        .map(|k| KindCount {
            kind: k.to_string(),
            count: proposals
                .iter()
                .filter(|p| p.kind == *k && p.status != "dropped")
                .count(),
        })
        .filter(|k| k.count > 0)
        .collect()
}

/// The summary as `audience` may see it: a partner summary has no sensitive details, no staff or
/// binôme notes, no action conditions, and (unless `full_names`) candidates as first name + initial.
pub fn for_audience(mut s: Summary, audience: Audience, full_names: bool) -> Summary {
    s.audience = audience;
    if audience != Audience::Full
        && let Some(f) = s.funnel.as_mut()
    {
        // Withdrawal reasons never go to partners (issue 19).
        f.reasons = None;
    }
    for c in &mut s.candidates {
        cut_candidate(c, audience, full_names);
    }
    s
}

/// One candidate as `audience` may see it (see [`for_audience`]).
pub fn cut_candidate(c: &mut CandidateSummary, audience: Audience, full_names: bool) {
    if audience == Audience::Full {
        return;
    }
    if !full_names {
        c.name = c.short_name.clone();
    }
    c.sensitive = None;
    // Dated contacts, the checklist and each outcome stay inside: partners get the counts only.
    c.followup = None;
    c.staff_notes.clear();
    c.panel_notes.clear();
    for a in &mut c.actions {
        a.condition = None;
    }
}

/// True for sessions whose summary is the cohort's grand oral material.
pub fn summarises(kind: SessionKind) -> bool {
    matches!(kind, SessionKind::JobTraining | SessionKind::GrandOral)
}
