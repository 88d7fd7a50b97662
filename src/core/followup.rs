//! Follow-up after the grand oral: the contact log, the release checklist, outcomes (« sorties »),
//! mentor pairings, and the worklist — a pure function of today's date.

use chrono::{Duration, Months, NaiveDate};

use serde::Serialize;

use super::actions::ActionItem;
use super::domain::Id;
use super::outcomes::OutcomeSet;
use super::summary::Summary;

/// Codes with a stable spelling in the database, and their order on screen.
macro_rules! coded {
    ($(#[$m:meta])* $name:ident { $($(#[$vm:meta])* $var:ident = $code:literal),+ $(,)? }) => {
        $(#[$m])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub enum $name { $($(#[$vm])* $var),+ }

        impl $name {
            /// Every value, in screen order.
            pub const ALL: &'static [$name] = &[$($name::$var),+];

            /// Stable code used in the database.
            pub fn code(self) -> &'static str {
                match self { $($name::$var => $code),+ }
            }

            /// Parses a stable code.
            pub fn from_code(code: &str) -> Option<$name> {
                Self::ALL.iter().copied().find(|v| v.code() == code)
            }

            /// The next value (wraps), for a key that cycles.
            pub fn next(self) -> $name {
                let i = Self::ALL.iter().position(|v| *v == self).unwrap_or(0);
                Self::ALL[(i + 1) % Self::ALL.len()]
            }
        }
    };
}

coded! {
    /// Where or how a contact took place.
    ContactKind {
        /// En détention.
        Detention = "detention",
        /// Au SPIP.
        Spip = "spip",
        /// Par téléphone.
        Phone = "phone",
        /// À la Mission locale.
        MissionLocale = "mission_locale",
        /// À France Travail.
        FranceTravail = "france_travail",
        /// En entreprise.
        Company = "company",
    }
}

coded! {
    /// One item of the release checklist (what a facilitator checks before a release).
    CheckItem {
        /// Logement à la sortie.
        Housing = "housing",
        /// Situation familiale.
        Family = "family",
        /// Contact professionnel à la sortie.
        ProContact = "pro_contact",
        /// Relais santé / addictions.
        Health = "health",
        /// Papiers d'identité.
        IdPapers = "id_papers",
        /// Compte bancaire.
        BankAccount = "bank_account",
    }
}

coded! {
    /// The answer to a checklist item.
    CheckAnswer {
        /// Oui.
        Yes = "yes",
        /// En cours.
        InProgress = "in_progress",
        /// Non.
        No = "no",
        /// Sans objet.
        NotApplicable = "na",
    }
}

coded! {
    /// When an outcome is recorded.
    Milestone {
        /// À la sortie.
        Release = "release",
        /// Trois mois après.
        Month3 = "month3",
        /// Six mois après.
        Month6 = "month6",
    }
}

coded! {
    /// Where an outcome came from.
    OutcomeSource {
        /// A proposal of the grand oral.
        Proposal = "proposal",
        /// A company met in the programme.
        Company = "company",
        /// The mentor.
        Mentor = "mentor",
    }
}

coded! {
    /// The state of a mentor pairing.
    PairingStatus {
        /// En cours.
        Active = "active",
        /// Terminé.
        Ended = "ended",
        /// Interrompu.
        Stopped = "stopped",
    }
}

impl Milestone {
    /// The date this milestone falls on for a release date.
    pub fn target(self, release: NaiveDate) -> NaiveDate {
        let months = match self {
            Milestone::Release => 0,
            Milestone::Month3 => 3,
            Milestone::Month6 => 6,
        };
        release
            .checked_add_months(Months::new(months))
            .unwrap_or(release)
    }
}

/// A dated contact about a candidate.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Contact {
    /// Row id (0 before it is stored).
    pub id: Id,
    /// Cohort.
    pub cohort_id: Id,
    /// Candidate.
    pub candidate_id: Id,
    /// When.
    pub date: NaiveDate,
    /// Where or how.
    pub kind: ContactKind,
    /// With whom: a person of the cohort (staff, professional, mentor), if chosen.
    pub with_person: Option<Id>,
    /// With whom, as typed (a name or a service).
    pub with_whom: String,
    /// A short note.
    pub note: String,
    /// The next step.
    pub next_step: String,
    /// When the next step is due.
    pub next_date: Option<NaiveDate>,
}

impl Contact {
    /// A new contact of today, in detention (the usual case), to fill in.
    pub fn new(cohort_id: Id, candidate_id: Id, today: NaiveDate) -> Contact {
        Contact {
            id: 0,
            cohort_id,
            candidate_id,
            date: today,
            kind: ContactKind::Detention,
            with_person: None,
            with_whom: String::new(),
            note: String::new(),
            next_step: String::new(),
            next_date: None,
        }
    }
}

/// One answered checklist item of a candidate.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CheckEntry {
    /// Cohort.
    pub cohort_id: Id,
    /// Candidate.
    pub candidate_id: Id,
    /// The item.
    pub item: CheckItem,
    /// The answer, if given.
    pub answer: Option<CheckAnswer>,
    /// A note.
    pub note: String,
}

/// A candidate's checklist: every item, answered or not, in screen order.
pub fn checklist(cohort_id: Id, candidate_id: Id, stored: &[CheckEntry]) -> Vec<CheckEntry> {
    CheckItem::ALL
        .iter()
        .map(|&item| {
            stored
                .iter()
                .find(|e| e.candidate_id == candidate_id && e.item == item)
                .cloned()
                .unwrap_or(CheckEntry {
                    cohort_id,
                    candidate_id,
                    item,
                    answer: None,
                    note: String::new(),
                })
        })
        .collect()
}

/// What a candidate does after release, at one milestone.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Outcome {
    /// Row id (0 before it is stored).
    pub id: Id,
    /// Cohort.
    pub cohort_id: Id,
    /// Candidate.
    pub candidate_id: Id,
    /// At release, 3 or 6 months.
    pub milestone: Milestone,
    /// Category key (see `core::outcomes`).
    pub category: String,
    /// Employer or training body.
    pub employer: String,
    /// Start date.
    pub start: Option<NaiveDate>,
    /// Where it came from.
    pub source: Option<OutcomeSource>,
    /// The proposal or person it came from, if any.
    pub source_id: Option<Id>,
    /// When it was recorded.
    pub recorded_on: NaiveDate,
}

impl Outcome {
    /// Started before the release: allowed (employment under an « aménagement de peine »), said.
    pub fn before_release(&self, release: Option<NaiveDate>) -> bool {
        matches!((self.start, release), (Some(s), Some(r)) if s < r)
    }
}

/// A mentor (parrain / marraine) following a candidate.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Pairing {
    /// Row id (0 before it is stored).
    pub id: Id,
    /// Cohort.
    pub cohort_id: Id,
    /// The mentor (a person, usually a professional).
    pub mentor_id: Id,
    /// The candidate.
    pub candidate_id: Id,
    /// Start.
    pub start: NaiveDate,
    /// End, if over.
    pub end: Option<NaiveDate>,
    /// Its state.
    pub status: PairingStatus,
}

impl Pairing {
    /// The pairing a « parrainage » proposal becomes: its professional follows the candidate from
    /// `today`. None for another kind of proposal, or one nobody offered.
    pub fn from_proposal(
        cohort_id: Id,
        p: &super::feedback::Proposal,
        today: NaiveDate,
    ) -> Option<Pairing> {
        let mentor_id = p.offered_by.filter(|_| p.kind == "mentoring")?;
        Some(Pairing {
            id: 0,
            cohort_id,
            mentor_id,
            candidate_id: p.candidate_id,
            start: today,
            end: None,
            status: PairingStatus::Active,
        })
    }
}

/// Why a proposal did not become a pairing.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PairingRefusal {
    /// Not a « parrainage », or nobody offered it.
    NotMentoring,
    /// The candidate already has this mentor.
    Exists {
        /// The mentor.
        mentor_id: Id,
    },
}

/// The pairing a « parrainage » proposal makes from `today`, unless the candidate already has a
/// pairing with that mentor (one key, pressed twice, makes one pairing).
pub fn pairing_for(
    cohort_id: Id,
    pairings: &[Pairing],
    p: &super::feedback::Proposal,
    today: NaiveDate,
) -> Result<Pairing, PairingRefusal> {
    let made = Pairing::from_proposal(cohort_id, p, today).ok_or(PairingRefusal::NotMentoring)?;
    let exists = pairings
        .iter()
        .any(|q| q.candidate_id == made.candidate_id && q.mentor_id == made.mentor_id);
    if exists {
        return Err(PairingRefusal::Exists {
            mentor_id: made.mentor_id,
        });
    }
    Ok(made)
}

impl Pairing {
    /// The pairing as edited: a pairing no longer under way gets an end date (`today` when none
    /// was given), and one under way keeps the end date given, if any.
    pub fn edited(
        &self,
        start: NaiveDate,
        end: Option<NaiveDate>,
        status: PairingStatus,
        today: NaiveDate,
    ) -> Pairing {
        let end = match status {
            PairingStatus::Active => end,
            _ => end.or(Some(today)),
        };
        Pairing {
            start,
            end,
            status,
            ..self.clone()
        }
    }
}

/// The candidate's mentors (every pairing, latest first, a mentor once).
pub fn mentors_of(pairings: &[Pairing], candidate: Id) -> Vec<Id> {
    let mut out: Vec<Id> = Vec::new();
    for p in pairings
        .iter()
        .rev()
        .filter(|p| p.candidate_id == candidate)
    {
        if !out.contains(&p.mentor_id) {
            out.push(p.mentor_id);
        }
    }
    out
}

/// The mentors who come inside on `date` (the access list names them): a pairing under way that
/// day — started, not ended, not stopped — whose candidate is not yet released (a release date
/// not known counts as inside). Each once, in pairing order.
pub fn mentors_inside(
    pairings: &[Pairing],
    members: &[super::domain::Member],
    date: NaiveDate,
) -> Vec<Id> {
    let inside = |candidate: Id| {
        members
            .iter()
            .find(|m| m.person.id == candidate)
            .is_some_and(|m| m.sensitive.release_date.is_none_or(|r| r > date))
    };
    let mut out: Vec<Id> = Vec::new();
    for p in pairings {
        let under_way =
            p.status == PairingStatus::Active && p.start <= date && p.end.is_none_or(|e| e >= date);
        if under_way && inside(p.candidate_id) && !out.contains(&p.mentor_id) {
            out.push(p.mentor_id);
        }
    }
    out
}

/// The worklist's thresholds (decisions.md: 8 weeks, 4 weeks, ± 2 weeks).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct WorklistRules {
    /// Releases within this many days.
    pub release_days: i64,
    /// No contact for this many days.
    pub silence_days: i64,
    /// An outcome is due from this many days before its milestone (and late this many after).
    pub window_days: i64,
}

impl Default for WorklistRules {
    fn default() -> Self {
        WorklistRules {
            release_days: 8 * 7,
            silence_days: 4 * 7,
            window_days: 14,
        }
    }
}

/// A candidate as the worklist sees them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Followed {
    /// Candidate id.
    pub candidate_id: Id,
    /// Release date (sensitive: used to select, shown only when revealed).
    pub release: Option<NaiveDate>,
}

/// Why a candidate is on the worklist.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Due {
    /// Release date not known: said rather than hidden.
    ReleaseUnknown,
    /// Released in `days` days (0 = today).
    ReleaseSoon {
        /// The date (sensitive).
        release: NaiveDate,
        /// Days from today.
        days: i64,
    },
    /// No contact for a while (`None`: never).
    NoContact {
        /// The last contact.
        last: Option<NaiveDate>,
    },
    /// An outcome to record.
    OutcomeDue {
        /// Which one.
        milestone: Milestone,
        /// When it falls.
        target: NaiveDate,
        /// Past its window.
        late: bool,
    },
    /// An open « à la sortie » action now that the release has come.
    AtRelease {
        /// The action.
        action_id: Id,
    },
    /// An open action past its due date.
    Overdue {
        /// The action.
        action_id: Id,
        /// Its due date.
        due: NaiveDate,
    },
}

impl Due {
    /// Stable code, for counts and the catalog (`followup.due.CODE`).
    pub fn code(&self) -> &'static str {
        match self {
            Due::ReleaseUnknown => "release_unknown",
            Due::ReleaseSoon { .. } => "release_soon",
            Due::NoContact { .. } => "no_contact",
            Due::OutcomeDue { .. } => "outcome",
            Due::AtRelease { .. } => "at_release",
            Due::Overdue { .. } => "overdue",
        }
    }
}

/// One line of the worklist.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WorkItem {
    /// The candidate it opens.
    pub candidate_id: Id,
    /// Why.
    pub due: Due,
}

/// What is due today: releases soon (or unknown), silences, outcomes, actions; in the order of
/// `people`, each person's lines in the order of [`Due`].
pub fn worklist(
    today: NaiveDate,
    rules: WorklistRules,
    people: &[Followed],
    contacts: &[Contact],
    outcomes: &[Outcome],
    actions: &[ActionItem],
) -> Vec<WorkItem> {
    let mut out = Vec::new();
    for p in people {
        let id = p.candidate_id;
        let mut push = |due| {
            out.push(WorkItem {
                candidate_id: id,
                due,
            })
        };
        match p.release {
            None => push(Due::ReleaseUnknown),
            Some(r) => {
                let days = (r - today).num_days();
                if (0..=rules.release_days).contains(&days) {
                    push(Due::ReleaseSoon { release: r, days });
                }
            }
        }
        let last = contacts
            .iter()
            .filter(|c| c.candidate_id == id && c.date <= today)
            .map(|c| c.date)
            .max();
        let silent = match last {
            None => true,
            Some(d) => (today - d).num_days() >= rules.silence_days,
        };
        if silent {
            push(Due::NoContact { last });
        }
        if let Some(r) = p.release {
            for &m in Milestone::ALL {
                let target = m.target(r);
                let recorded = outcomes
                    .iter()
                    .any(|o| o.candidate_id == id && o.milestone == m);
                let window = Duration::days(rules.window_days);
                if !recorded && today >= target - window {
                    push(Due::OutcomeDue {
                        milestone: m,
                        target,
                        late: today > target + window,
                    });
                }
            }
        }
        for a in actions
            .iter()
            .filter(|a| a.candidate_id == id && a.is_open())
        {
            if a.condition == "at_release" && p.release.is_some_and(|r| r <= today) {
                push(Due::AtRelease { action_id: a.id });
            } else if let Some(due) = a.due.filter(|d| *d < today) {
                push(Due::Overdue {
                    action_id: a.id,
                    due,
                });
            }
        }
    }
    out
}

/// Counts per kind of line, for the Journée screen: (code, count), kinds with none left out.
pub fn worklist_counts(items: &[WorkItem]) -> Vec<(&'static str, usize)> {
    let mut counts: Vec<(&'static str, usize)> = Vec::new();
    for i in items {
        match counts.iter_mut().find(|(c, _)| *c == i.due.code()) {
            Some((_, n)) => *n += 1,
            None => counts.push((i.due.code(), 1)),
        }
    }
    counts
}

/// A contact as a full-audience export shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ContactInfo {
    /// Date.
    pub date: NaiveDate,
    /// Kind code.
    pub kind: String,
    /// With whom.
    pub with_whom: String,
    /// The mentor it was with, by full name (the contact form's « avec le parrain »).
    pub with_mentor: Option<String>,
    /// Note.
    pub note: String,
    /// Next step.
    pub next_step: String,
    /// Its date.
    pub next_date: Option<NaiveDate>,
}

/// A checklist answer as a full-audience export shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct CheckInfo {
    /// Item code.
    pub item: String,
    /// Answer code.
    pub answer: Option<String>,
    /// Note.
    pub note: String,
}

/// An outcome as a full-audience export shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct OutcomeInfo {
    /// Milestone code.
    pub milestone: String,
    /// Category key.
    pub category: String,
    /// French label of the category.
    pub label_fr: String,
    /// English label.
    pub label_en: String,
    /// Employer or body.
    pub employer: String,
    /// Start date.
    pub start: Option<NaiveDate>,
    /// Source code.
    pub source: Option<String>,
    /// Started before the release (« aménagement de peine »).
    pub before_release: bool,
}

/// One candidate's follow-up in a full-audience export (never in a partner one).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct FollowupInfo {
    /// Contacts, oldest first.
    pub contacts: Vec<ContactInfo>,
    /// Answered checklist items.
    pub checklist: Vec<CheckInfo>,
    /// Outcomes.
    pub outcomes: Vec<OutcomeInfo>,
}

/// Anonymous count of outcomes of one group at one milestone (what partners may see).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct OutcomeCount {
    /// Milestone code.
    pub milestone: String,
    /// Group key.
    pub group: String,
    /// French label.
    pub label_fr: String,
    /// English label.
    pub label_en: String,
    /// How many.
    pub count: usize,
}

/// A candidate's follow-up rows as an export shows them (None when there is none); `members`
/// give the candidate's release date and the mentors' names.
pub fn followup_info(
    candidate: Id,
    members: &[super::domain::Member],
    rows: (&[Contact], &[CheckEntry], &[Outcome]),
    set: &OutcomeSet,
) -> Option<FollowupInfo> {
    let (contacts, checks, outcomes) = rows;
    let member = |id: Id| members.iter().find(|m| m.person.id == id);
    let release = member(candidate).and_then(|m| m.sensitive.release_date);
    let info = FollowupInfo {
        contacts: contacts
            .iter()
            .filter(|c| c.candidate_id == candidate)
            .map(|c| ContactInfo {
                date: c.date,
                kind: c.kind.code().into(),
                with_whom: c.with_whom.clone(),
                with_mentor: c.with_person.and_then(member).map(|m| m.person.full_name()),
                note: c.note.clone(),
                next_step: c.next_step.clone(),
                next_date: c.next_date,
            })
            .collect(),
        checklist: checks
            .iter()
            .filter(|e| e.candidate_id == candidate && (e.answer.is_some() || !e.note.is_empty()))
            .map(|e| CheckInfo {
                item: e.item.code().into(),
                answer: e.answer.map(|a| a.code().into()),
                note: e.note.clone(),
            })
            .collect(),
        outcomes: outcomes
            .iter()
            .filter(|o| o.candidate_id == candidate)
            .map(|o| {
                let cat = set.category(&o.category);
                OutcomeInfo {
                    milestone: o.milestone.code().into(),
                    category: o.category.clone(),
                    label_fr: cat.map_or_else(|| o.category.clone(), |c| c.label_fr.clone()),
                    label_en: cat.map_or_else(|| o.category.clone(), |c| c.label_en.clone()),
                    employer: o.employer.clone(),
                    start: o.start,
                    source: o.source.map(|s| s.code().into()),
                    before_release: o.before_release(release),
                }
            })
            .collect(),
    };
    let empty = info.contacts.is_empty() && info.checklist.is_empty() && info.outcomes.is_empty();
    (!empty).then_some(info)
}

/// Outcomes counted by milestone and group, in milestone then group order; groups with none left out.
pub fn outcome_counts(outcomes: &[Outcome], set: &OutcomeSet) -> Vec<OutcomeCount> {
    let mut out = Vec::new();
    for &m in Milestone::ALL {
        let keys = outcomes
            .iter()
            .filter(|o| o.milestone == m)
            .map(|o| o.category.as_str());
        for (g, count) in set.count_by_group(keys) {
            if count > 0 {
                out.push(OutcomeCount {
                    milestone: m.code().into(),
                    group: g.key.clone(),
                    label_fr: g.label_fr.clone(),
                    label_en: g.label_en.clone(),
                    count,
                });
            }
        }
    }
    out
}

/// Adds the follow-up to a full summary: each candidate's rows, and the anonymous counts.
/// [`super::summary::for_audience`] then keeps only the counts for partners.
pub fn attach(
    summary: &mut Summary,
    members: &[super::domain::Member],
    rows: (&[Contact], &[CheckEntry], &[Outcome]),
    set: &OutcomeSet,
) {
    summary.outcome_counts = outcome_counts(rows.2, set);
    for c in &mut summary.candidates {
        c.followup = followup_info(c.person_id, members, rows, set);
    }
}

#[cfg(test)]
mod tests;
