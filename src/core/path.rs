//! The candidate's path through a cohort (issue 19): referred, informed, applied, selected or
//! not, started, withdrew or completed. A history of dated changes, never overwritten; the
//! current status is the latest row. The funnel of a cohort is counted from the histories.

use chrono::NaiveDate;

use super::domain::Id;

/// A step of the path (glossary: `Status::*`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Status {
    /// Orienté: someone sent the person to the programme.
    Referred,
    /// Informé: attended an information meeting.
    Informed,
    /// Candidat: applied.
    Candidate,
    /// Retenu: selected.
    Selected,
    /// Non retenu: not selected.
    NotSelected,
    /// En parcours: started (first coaching attended).
    Started,
    /// Abandon: left the programme.
    Withdrew,
    /// Terminé: went through the whole action.
    Completed,
}

impl Status {
    /// Every status, in the order of the path.
    pub const ALL: [Status; 8] = [
        Status::Referred,
        Status::Informed,
        Status::Candidate,
        Status::Selected,
        Status::NotSelected,
        Status::Started,
        Status::Withdrew,
        Status::Completed,
    ];

    /// Stable code used in the database and in JSON.
    pub fn code(self) -> &'static str {
        match self {
            Status::Referred => "referred",
            Status::Informed => "informed",
            Status::Candidate => "candidate",
            Status::Selected => "selected",
            Status::NotSelected => "not_selected",
            Status::Started => "started",
            Status::Withdrew => "withdrew",
            Status::Completed => "completed",
        }
    }

    /// Parses a stable code.
    pub fn from_code(code: &str) -> Option<Status> {
        Status::ALL.into_iter().find(|s| s.code() == code)
    }

    /// How far along the main path this status lies (0 = referred … 5 = completed). A
    /// decision against, or a withdrawal, has no rank of its own: it ends the path where it was.
    pub fn rank(self) -> Option<usize> {
        match self {
            Status::Referred => Some(0),
            Status::Informed => Some(1),
            Status::Candidate => Some(2),
            Status::Selected => Some(3),
            Status::Started => Some(4),
            Status::Completed => Some(5),
            Status::NotSelected | Status::Withdrew => None,
        }
    }

    /// Whether this status is expected at coaching, job training and grand oral.
    pub fn in_programme(self) -> bool {
        matches!(self, Status::Selected | Status::Started)
    }

    /// Whether changing to this status opens a reason form (referrer, criteria, withdrawal).
    pub fn needs_form(self) -> bool {
        matches!(
            self,
            Status::Referred | Status::Selected | Status::NotSelected | Status::Withdrew
        )
    }
}

/// Who referred the person (orienté par).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Referrer {
    /// A CPIP (SPIP).
    Cpip,
    /// A Mission locale adviser.
    MissionLocale,
    /// A France Travail adviser.
    FranceTravail,
    /// The person themself.
    SelfReferred,
    /// Met at a themed day.
    ThemedDay,
}

impl Referrer {
    /// Every referrer.
    pub const ALL: [Referrer; 5] = [
        Referrer::Cpip,
        Referrer::MissionLocale,
        Referrer::FranceTravail,
        Referrer::SelfReferred,
        Referrer::ThemedDay,
    ];

    /// Stable code.
    pub fn code(self) -> &'static str {
        match self {
            Referrer::Cpip => "cpip",
            Referrer::MissionLocale => "mission_locale",
            Referrer::FranceTravail => "france_travail",
            Referrer::SelfReferred => "self",
            Referrer::ThemedDay => "themed_day",
        }
    }

    /// Parses a stable code.
    pub fn from_code(code: &str) -> Option<Referrer> {
        Referrer::ALL.into_iter().find(|r| r.code() == code)
    }
}

/// One selection criterion's answer.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Mark {
    /// Oui.
    Yes,
    /// En partie.
    Partly,
    /// Non.
    No,
}

impl Mark {
    /// Every answer, in the order a key cycles them.
    pub const ALL: [Mark; 3] = [Mark::Yes, Mark::Partly, Mark::No];

    /// Stable code.
    pub fn code(self) -> &'static str {
        match self {
            Mark::Yes => "yes",
            Mark::Partly => "partly",
            Mark::No => "no",
        }
    }

    /// Parses a stable code.
    pub fn from_code(code: &str) -> Option<Mark> {
        Mark::ALL.into_iter().find(|m| m.code() == code)
    }

    /// The next answer when cycling: none → yes → partly → no → none.
    pub fn cycle(mark: Option<Mark>) -> Option<Mark> {
        match mark {
            None => Some(Mark::Yes),
            Some(Mark::Yes) => Some(Mark::Partly),
            Some(Mark::Partly) => Some(Mark::No),
            Some(Mark::No) => None,
        }
    }
}

/// The three selection criteria of the seed.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash)]
pub struct Criteria {
    /// La motivation.
    pub motivation: Option<Mark>,
    /// La cohérence du projet.
    pub coherence: Option<Mark>,
    /// Priorité locale: a project in the département.
    pub local_priority: Option<Mark>,
}

impl Criteria {
    /// The criteria as an array, in display order.
    pub fn marks(&self) -> [Option<Mark>; 3] {
        [self.motivation, self.coherence, self.local_priority]
    }

    /// Cycles the answer of criterion `i` (0–2).
    pub fn cycle(&mut self, i: usize) {
        match i {
            0 => self.motivation = Mark::cycle(self.motivation),
            1 => self.coherence = Mark::cycle(self.coherence),
            _ => self.local_priority = Mark::cycle(self.local_priority),
        }
    }
}

/// Why someone left the programme.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Withdrawal {
    /// Transfert to another establishment.
    Transfer,
    /// Libération.
    Release,
    /// Santé.
    Health,
    /// Incident / sanction.
    Incident,
    /// Démotivation.
    Demotivation,
    /// Autre.
    Other,
}

impl Withdrawal {
    /// Every reason, in the order of decisions.md.
    pub const ALL: [Withdrawal; 6] = [
        Withdrawal::Transfer,
        Withdrawal::Release,
        Withdrawal::Health,
        Withdrawal::Incident,
        Withdrawal::Demotivation,
        Withdrawal::Other,
    ];

    /// Stable code.
    pub fn code(self) -> &'static str {
        match self {
            Withdrawal::Transfer => "transfer",
            Withdrawal::Release => "release",
            Withdrawal::Health => "health",
            Withdrawal::Incident => "incident",
            Withdrawal::Demotivation => "demotivation",
            Withdrawal::Other => "other",
        }
    }

    /// Parses a stable code.
    pub fn from_code(code: &str) -> Option<Withdrawal> {
        Withdrawal::ALL.into_iter().find(|w| w.code() == code)
    }
}

/// One row of a person's history in a cohort.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Change {
    /// The new status.
    pub status: Status,
    /// When it happened.
    pub date: NaiveDate,
    /// Who recorded it.
    pub author: String,
    /// Referred: by whom.
    pub referrer: Option<Referrer>,
    /// Selected / not selected: the three criteria.
    pub criteria: Criteria,
    /// Withdrew: why.
    pub withdrawal: Option<Withdrawal>,
    /// The free reason or note (the reason of a decision, of a step back, a withdrawal's note).
    pub note: String,
}

impl Change {
    /// A change with nothing but its status and date.
    pub fn new(status: Status, date: NaiveDate) -> Change {
        Change {
            status,
            date,
            author: String::new(),
            referrer: None,
            criteria: Criteria::default(),
            withdrawal: None,
            note: String::new(),
        }
    }
}

/// Why a change is refused.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PathError {
    /// The person already has this status.
    Unchanged,
    /// A withdrawal dated before the referral.
    WithdrawalBeforeReferral {
        /// The referral's date.
        referred: NaiveDate,
    },
    /// A change dated before the latest one.
    BeforeLatest {
        /// The latest change's date.
        latest: NaiveDate,
    },
    /// A withdrawal without its reason.
    WithdrawalWithoutReason,
    /// Going back in the path without saying why.
    BackWithoutReason,
}

/// The current status: the latest row.
pub fn current(history: &[Change]) -> Option<Status> {
    history.last().map(|c| c.status)
}

/// The date of the latest referral, if any.
pub fn referred_on(history: &[Change]) -> Option<NaiveDate> {
    history
        .iter()
        .rev()
        .find(|c| c.status == Status::Referred)
        .map(|c| c.date)
}

/// The furthest rank reached on the main path (a decision against counts as having applied).
pub fn furthest(history: &[Change]) -> Option<usize> {
    history
        .iter()
        .map(|c| match c.status {
            Status::NotSelected => Some(2),
            s => s.rank(),
        })
        .max()
        .flatten()
}

/// Whether `next` takes the person back in the path (needs a reason).
pub fn is_step_back(history: &[Change], next: Status) -> bool {
    let Some(now) = current(history) else {
        return false;
    };
    match (now.rank(), next.rank()) {
        (Some(a), Some(b)) => b < a,
        // Leaving a decision against or a withdrawal for an earlier step is a step back;
        // for « retenu » after « non retenu » it is a decision revised, also with its reason.
        (None, Some(_)) => true,
        _ => false,
    }
}

/// Checks a change against a person's history; the history itself is never changed here.
pub fn validate(history: &[Change], next: &Change) -> Result<(), PathError> {
    if current(history) == Some(next.status) {
        return Err(PathError::Unchanged);
    }
    if next.status == Status::Withdrew {
        if let Some(referred) = referred_on(history).filter(|d| next.date < *d) {
            return Err(PathError::WithdrawalBeforeReferral { referred });
        }
        if next.withdrawal.is_none() {
            return Err(PathError::WithdrawalWithoutReason);
        }
    }
    if let Some(latest) = history.last().map(|c| c.date).filter(|d| next.date < *d) {
        return Err(PathError::BeforeLatest { latest });
    }
    if is_step_back(history, next.status) && next.note.trim().is_empty() {
        return Err(PathError::BackWithoutReason);
    }
    Ok(())
}

/// Appends a change after checking it: the history only ever grows.
pub fn apply(history: &mut Vec<Change>, next: Change) -> Result<(), PathError> {
    validate(history, &next)?;
    history.push(next);
    Ok(())
}

/// The stages the funnel shows, in order (orientés → … → terminés).
pub const STAGES: [Status; 6] = [
    Status::Referred,
    Status::Informed,
    Status::Candidate,
    Status::Selected,
    Status::Started,
    Status::Completed,
];

/// A cohort's funnel: how many people reached each stage, where everyone is now, and the
/// withdrawals with their reasons. Anonymous counts only: safe for partners.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Funnel {
    /// People who reached each of [`STAGES`] (or further).
    pub reached: [usize; 6],
    /// People whose current status is each of [`Status::ALL`].
    pub current: [usize; 8],
    /// Withdrawals by reason, in the order of [`Withdrawal::ALL`].
    pub withdrawals: [usize; 6],
    /// Of the withdrawals, those who left before starting (before the first coaching).
    pub withdrew_before_start: usize,
}

impl Funnel {
    /// Counts the funnel of everyone's history (one history per person).
    pub fn count<'a>(histories: impl IntoIterator<Item = &'a [Change]>) -> Funnel {
        let mut f = Funnel::default();
        for h in histories {
            let Some(last) = h.last() else { continue };
            f.add(last.status, furthest(h), last.withdrawal);
        }
        f
    }

    /// Adds one person: their current status, the furthest rank reached, a withdrawal's reason.
    pub fn add(&mut self, status: Status, furthest: Option<usize>, why: Option<Withdrawal>) {
        if let Some(i) = Status::ALL.iter().position(|s| *s == status) {
            self.current[i] += 1;
        }
        if let Some(r) = furthest {
            for n in self.reached.iter_mut().take(r + 1) {
                *n += 1;
            }
        }
        if status == Status::Withdrew {
            let i = Withdrawal::ALL
                .iter()
                .position(|w| Some(*w) == why)
                .unwrap_or(Withdrawal::ALL.len() - 1);
            self.withdrawals[i] += 1;
            if furthest.is_none_or(|r| r < 4) {
                self.withdrew_before_start += 1;
            }
        }
    }

    /// The number of people whose current status is `status`.
    pub fn now(&self, status: Status) -> usize {
        Status::ALL
            .iter()
            .position(|s| *s == status)
            .map_or(0, |i| self.current[i])
    }

    /// The number of people who reached `stage` (one of [`STAGES`]).
    pub fn reached(&self, stage: Status) -> usize {
        STAGES
            .iter()
            .position(|s| *s == stage)
            .map_or(0, |i| self.reached[i])
    }

    /// Everyone counted.
    pub fn people(&self) -> usize {
        self.current.iter().sum()
    }

    /// Withdrawals in all.
    pub fn withdrawn(&self) -> usize {
        self.withdrawals.iter().sum()
    }

    /// Sums two funnels (a purged cohort's kept counts and what is still recorded).
    pub fn plus(&self, other: &Funnel) -> Funnel {
        let mut f = self.clone();
        for (a, b) in f.reached.iter_mut().zip(other.reached) {
            *a += b;
        }
        for (a, b) in f.current.iter_mut().zip(other.current) {
            *a += b;
        }
        for (a, b) in f.withdrawals.iter_mut().zip(other.withdrawals) {
            *a += b;
        }
        f.withdrew_before_start += other.withdrew_before_start;
        f
    }
}

/// The funnel as exports and `list cohorts --json` write it: counts only; the withdrawals'
/// reasons only for the full audience (never for partners).
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Serialize)]
pub struct FunnelInfo {
    /// Orientés.
    pub referred: usize,
    /// Informés.
    pub informed: usize,
    /// Candidats.
    pub candidates: usize,
    /// Retenus.
    pub selected: usize,
    /// En parcours (started, whatever came after).
    pub started: usize,
    /// Terminés.
    pub completed: usize,
    /// Non retenus now.
    pub not_selected: usize,
    /// Abandons.
    pub withdrawn: usize,
    /// Of whom before the coaching.
    pub withdrew_before_start: usize,
    /// Withdrawals by reason code (full audience only).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub reasons: Option<Vec<(String, usize)>>,
}

impl FunnelInfo {
    /// The figures of a funnel, reasons included.
    pub fn of(f: &Funnel) -> FunnelInfo {
        FunnelInfo {
            referred: f.reached[0],
            informed: f.reached[1],
            candidates: f.reached[2],
            selected: f.reached[3],
            started: f.reached[4],
            completed: f.reached[5],
            not_selected: f.now(Status::NotSelected),
            withdrawn: f.withdrawn(),
            withdrew_before_start: f.withdrew_before_start,
            reasons: Some(
                Withdrawal::ALL
                    .iter()
                    .zip(f.withdrawals)
                    .filter(|(_, n)| *n > 0)
                    .map(|(w, n)| (w.code().to_string(), n))
                    .collect(),
            ),
        }
    }

    /// The stages in order with their codes: (stage code, count).
    pub fn stages(&self) -> [(&'static str, usize); 6] {
        [
            ("referred", self.referred),
            ("informed", self.informed),
            ("candidate", self.candidates),
            ("selected", self.selected),
            ("started", self.started),
            ("completed", self.completed),
        ]
    }
}

/// A person's history in one cohort, as the store hands it back.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PersonPath {
    /// The person.
    pub person_id: Id,
    /// Their changes, oldest first.
    pub changes: Vec<Change>,
}

/// The status a person gets from their attendance, for files made before statuses existed:
/// completed when present at a job training and at a grand oral, otherwise started.
pub fn from_attendance(job_training: bool, grand_oral: bool) -> Status {
    if job_training && grand_oral {
        Status::Completed
    } else {
        Status::Started
    }
}

/// Whether a member belongs in the cohort's summaries and grand oral: everyone but candidates
/// who did not get in or left (a candidate with no recorded path is kept, as before statuses).
pub fn in_summary(role: super::domain::Role, status: Option<Status>) -> bool {
    role != super::domain::Role::Candidate
        || status
            .is_none_or(|s| matches!(s, Status::Selected | Status::Started | Status::Completed))
}

/// How many are retained against the target: (retained, target, over the target).
pub fn retained_against(funnel: &Funnel, target: usize) -> (usize, usize, bool) {
    let retained = funnel.now(Status::Selected) + funnel.now(Status::Started);
    (retained, target, retained > target)
}

/// A cohort's target size from 1 to 200, as the cohort form and `new cohort --target` accept it.
pub fn parse_target(text: &str) -> Option<usize> {
    text.trim()
        .parse::<usize>()
        .ok()
        .filter(|n| (1..=200).contains(n))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 9, day).unwrap()
    }

    #[test]
    fn a_withdrawal_before_the_referral_is_refused() {
        let mut h = vec![];
        apply(&mut h, Change::new(Status::Referred, d(10))).unwrap();
        let mut w = Change::new(Status::Withdrew, d(5));
        w.withdrawal = Some(Withdrawal::Transfer);
        assert_eq!(
            validate(&h, &w),
            Err(PathError::WithdrawalBeforeReferral { referred: d(10) })
        );
    }

    #[test]
    fn going_back_needs_a_reason_and_is_a_new_row() {
        let mut h = vec![];
        apply(&mut h, Change::new(Status::Informed, d(1))).unwrap();
        apply(&mut h, Change::new(Status::Candidate, d(2))).unwrap();
        let back = Change::new(Status::Informed, d(3));
        assert_eq!(validate(&h, &back), Err(PathError::BackWithoutReason));
        let mut back = back;
        back.note = "dossier incomplet".into();
        apply(&mut h, back).unwrap();
        assert_eq!(h.len(), 3);
        assert_eq!(current(&h), Some(Status::Informed));
        assert_eq!(furthest(&h), Some(2));
    }

    #[test]
    fn the_funnel_counts_reached_stages_and_withdrawals() {
        let mut a = vec![];
        for (s, day) in [
            (Status::Referred, 1),
            (Status::Informed, 2),
            (Status::Candidate, 3),
            (Status::Selected, 4),
        ] {
            apply(&mut a, Change::new(s, d(day))).unwrap();
        }
        let mut w = Change::new(Status::Withdrew, d(5));
        w.withdrawal = Some(Withdrawal::Release);
        apply(&mut a, w).unwrap();
        let b = vec![Change::new(Status::Informed, d(2))];
        let f = Funnel::count([a.as_slice(), b.as_slice()]);
        assert_eq!(f.reached, [2, 2, 1, 1, 0, 0]);
        assert_eq!(f.now(Status::Withdrew), 1);
        assert_eq!(f.withdrawals[1], 1);
        assert_eq!(f.withdrew_before_start, 1);
        assert_eq!(f.people(), 2);
    }
}
