//! The programme report (issue 21): a cohort's or a year's figures for the bilan intermédiaire,
//! the comité de pilotage and the regional network.
//!
//! Pure: built from rows loaded from one or several database files ([`ReportRows`], one per file),
//! then cut for its audience ([`for_audience`]) before anything shows or leaves it.

use std::collections::{BTreeMap, BTreeSet};

use chrono::NaiveDate;
use serde::{Deserialize, Deserializer, Serialize, Serializer};

use super::actions::ACTION_STATUSES;
use super::attendance::AttendanceStatus;
use super::domain::{Id, Role, Sector, SessionKind};
use super::feedback::{Completeness, CriteriaSets, Feedback, PROPOSAL_KINDS, PROPOSAL_STATUSES};
use super::followup::Milestone;
use super::outcomes::{OutcomeCategory, OutcomeSet};
use super::path::{Funnel, FunnelInfo, Withdrawal};
use super::summary::Audience;

/// Version of the JSON shape (README, « Report JSON »); bumped when a field changes meaning.
pub const SCHEMA_VERSION: u32 = 2;

/// Counts below this are shown « < 3 » to partners: small numbers identify people.
pub const SMALL: usize = 3;

/// The session kinds a report counts attendance for, in the programme's order.
pub const ATTENDANCE_KINDS: [SessionKind; 5] = [
    SessionKind::InfoMeeting,
    SessionKind::Coaching,
    SessionKind::JobTraining,
    SessionKind::GrandOral,
    SessionKind::ThemedDay,
];

/// What a report covers.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Scope {
    /// One cohort (by its row id in the one file read).
    Cohort {
        /// Row id.
        id: Id,
    },
    /// Every cohort that started in a year, optionally of one establishment.
    Year {
        /// Calendar year.
        year: i32,
        /// Only this establishment (exact name).
        establishment: Option<String>,
    },
}

/// A count as a reader may see it: partners see « < 3 » for 1 and 2.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Count {
    /// The true number (never serialised once hidden); with `more`, the least it can be.
    pub n: usize,
    /// Up to this many more: a partner file's « < 3 » added in counts as 1 to 2, so a sum
    /// holding one is a range (0 for everything read from a database).
    pub more: usize,
    /// Shown as « < 3 ».
    pub hidden: bool,
}

impl Count {
    /// A visible count.
    pub fn of(n: usize) -> Count {
        Count {
            n,
            more: 0,
            hidden: false,
        }
    }

    /// Adds another count (its range too).
    pub fn add(&mut self, o: Count) {
        self.n += o.n;
        self.more += o.more;
    }

    fn mask(&mut self) {
        // Zero identifies nobody; 1 and 2 do, and so does a range that stays under 3.
        let most = self.n + self.more;
        self.hidden = most > 0 && most < SMALL;
    }

    /// The text shown: the number, « < 3 », or « 11–12 » when partner files were added in.
    pub fn text(self) -> String {
        if self.hidden {
            format!("< {SMALL}")
        } else if self.more > 0 {
            format!("{}–{}", self.n, self.n + self.more)
        } else {
            self.n.to_string()
        }
    }

    /// Reads what [`Count::text`] wrote (a JSON count given as a string).
    fn parse(text: &str) -> Option<Count> {
        if text.trim() == format!("< {SMALL}") {
            return Some(Count {
                n: 1,
                more: SMALL - 2,
                hidden: false,
            });
        }
        let (low, high) = text.split_once('–')?;
        let (n, high) = (low.trim().parse().ok()?, high.trim().parse::<usize>().ok()?);
        (high >= n).then_some(Count {
            n,
            more: high - n,
            hidden: false,
        })
    }
}

impl Serialize for Count {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        if self.hidden || self.more > 0 {
            s.serialize_str(&self.text())
        } else {
            s.serialize_u64(self.n as u64)
        }
    }
}

impl<'de> Deserialize<'de> for Count {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Count, D::Error> {
        #[derive(Deserialize)]
        #[serde(untagged)]
        enum Raw {
            Number(u64),
            Text(String),
        }
        match Raw::deserialize(d)? {
            Raw::Number(n) => usize::try_from(n)
                .map(Count::of)
                .map_err(serde::de::Error::custom),
            Raw::Text(t) => Count::parse(&t)
                .ok_or_else(|| serde::de::Error::custom(format!("not a count: {t}"))),
        }
    }
}

mod rows;
pub use rows::*;

// ---------------------------------------------------------------- the report

/// The funnel of the cohorts in scope, summed across cohorts and files (a purge's kept counts
/// included). Reasons are counts by category only: no withdrawal note ever reaches a report.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct FunnelSection {
    /// Per stage of [`super::path::STAGES`] (stage code), how many reached it.
    pub stages: Vec<Tally>,
    /// Non retenus now.
    pub not_selected: Count,
    /// Abandons.
    pub withdrawn: Count,
    /// Of whom before the coaching.
    pub withdrew_before_start: Count,
    /// Withdrawals by reason code, every reason in order.
    pub reasons: Vec<Tally>,
}

impl FunnelSection {
    /// The section of a summed funnel.
    pub fn of(f: &Funnel) -> FunnelSection {
        let info = FunnelInfo::of(f);
        FunnelSection {
            stages: info.stages().iter().map(|(k, n)| tally(k, *n)).collect(),
            not_selected: Count::of(info.not_selected),
            withdrawn: Count::of(info.withdrawn),
            withdrew_before_start: Count::of(info.withdrew_before_start),
            reasons: Withdrawal::ALL
                .iter()
                .zip(f.withdrawals)
                .map(|(w, n)| tally(w.code(), n))
                .collect(),
        }
    }
}

/// The outcomes at one milestone, by category of the shipped set (a purge's kept counts included).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct MilestoneLine {
    /// Milestone code (`release`, `month3`, `month6`).
    pub milestone: String,
    /// Per category key of the set, in order.
    pub by_category: Vec<Tally>,
    /// « Sorties positives »: the categories of the set's first `positive_groups` groups.
    pub positive: Count,
    /// Candidates of the programme with no outcome recorded at this milestone.
    pub unknown: Count,
}

/// Attendance of candidates at one session kind.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct AttendanceLine {
    /// Kind code.
    pub kind: String,
    /// Sessions held.
    pub sessions: Count,
    /// Candidates expected (summed over the sessions).
    pub expected: Count,
    /// Of whom came (present, late or left early).
    pub present: Count,
}

/// A criterion across the interviews of the report.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CriterionStat {
    /// Stable key.
    pub key: String,
    /// French label.
    pub label_fr: String,
    /// English label.
    pub label_en: String,
    /// Mean rating.
    pub mean: Option<f64>,
    /// Lowest rating.
    pub min: Option<u8>,
    /// Highest rating.
    pub max: Option<u8>,
    /// Standard deviation (population).
    pub spread: Option<f64>,
    /// Ratings given.
    pub ratings: Count,
}

/// The job-training days.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct JobTraining {
    /// Interviews held (a feedback exists for each).
    pub interviews: Count,
    /// Feedback complete.
    pub complete: Count,
    /// Feedback started, not complete.
    pub partial: Count,
    /// Feedback opened, nothing said.
    pub empty: Count,
    /// The criteria, with mean and spread.
    pub criteria: Vec<CriterionStat>,
}

/// A code and its count (proposal kind or status, zone, sector).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Tally {
    /// Code (or the zone as written).
    pub key: String,
    /// Count.
    pub count: Count,
}

/// The actions one owner carries, by status.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct OwnerLine {
    /// The owner as this audience may see them (empty: nobody named).
    pub owner: String,
    /// Role code of the owner (`staff`, `professional`, or empty when none).
    pub role: String,
    /// Per status of [`ACTION_STATUSES`], in that order.
    pub by_status: Vec<Tally>,
    /// Open and past their due date.
    pub overdue: Count,
    /// The first name partners may see (the owner agreed to be named), else `None`.
    #[serde(skip)]
    pub partner_name: Option<String>,
}

/// An overdue action, named (full audience only).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct OverdueAction {
    /// Candidate.
    pub candidate: String,
    /// What.
    pub what: String,
    /// Owner.
    pub owner: String,
    /// Due date.
    pub due: NaiveDate,
}

/// One cohort's line of a year report.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CohortLine {
    /// Name.
    pub name: String,
    /// Establishment.
    pub establishment: String,
    /// Figures.
    #[serde(flatten)]
    pub figures: Figures,
}

/// One establishment's line of a year report.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct EstablishmentLine {
    /// Establishment.
    pub establishment: String,
    /// Cohorts.
    pub cohorts: Count,
    /// Figures.
    #[serde(flatten)]
    pub figures: Figures,
}

/// The figures of a line (cohort, establishment, totals).
#[derive(Debug, Clone, Copy, Default, PartialEq, Serialize, Deserialize)]
pub struct Figures {
    /// Candidates.
    pub candidates: Count,
    /// Professionals (in totals and establishment lines, each person once: [`person_key`]).
    pub professionals: Count,
    /// Interviews held.
    pub interviews: Count,
    /// Proposals made (every status).
    pub proposals: Count,
    /// Proposals realised (status done).
    pub realised: Count,
    /// Actions still open.
    pub actions_open: Count,
}

impl Figures {
    fn add(&mut self, o: &Figures) {
        for (a, b) in self.counts_mut().into_iter().zip(o.counts()) {
            a.add(b);
        }
    }

    fn counts(&self) -> [Count; 6] {
        [
            self.candidates,
            self.professionals,
            self.interviews,
            self.proposals,
            self.realised,
            self.actions_open,
        ]
    }

    fn counts_mut(&mut self) -> [&mut Count; 6] {
        [
            &mut self.candidates,
            &mut self.professionals,
            &mut self.interviews,
            &mut self.proposals,
            &mut self.realised,
            &mut self.actions_open,
        ]
    }
}

/// The totals of the report.
#[derive(Debug, Clone, Copy, Default, PartialEq, Serialize, Deserialize)]
pub struct Totals {
    /// Cohorts.
    pub cohorts: Count,
    /// Companies, each counted once across files (matched by normalised name).
    pub companies: Count,
    /// Figures.
    #[serde(flatten)]
    pub figures: Figures,
}

/// The programme report.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Report {
    /// JSON shape version ([`SCHEMA_VERSION`]).
    pub schema_version: u32,
    /// Who it is for.
    pub audience: Audience,
    /// What it covers.
    pub scope: Scope,
    /// Title: the cohort's name, or the year (and establishment).
    pub title: String,
    /// The date it is as of (today, or the review session's date).
    pub dated: NaiveDate,
    /// Database files read.
    pub files: usize,
    /// Totals.
    pub totals: Totals,
    /// The funnel (issue 19).
    pub funnel: FunnelSection,
    /// Attendance by session kind.
    pub attendance: Vec<AttendanceLine>,
    /// The job-training days.
    pub job_training: JobTraining,
    /// Proposals by kind (every status).
    pub proposals_by_kind: Vec<Tally>,
    /// Proposals by status: offers are not results.
    pub proposals_by_status: Vec<Tally>,
    /// Actions by owner and status.
    pub actions: Vec<OwnerLine>,
    /// Overdue actions, named (full audience only; empty for partners).
    pub overdue: Vec<OverdueAction>,
    /// The outcomes (issue 20): one line per milestone.
    pub outcomes: Vec<MilestoneLine>,
    /// The outcome categories the lines count, in order: the shipped set or a network's own
    /// (`--outcomes`), so the report names them as the network does.
    #[serde(default)]
    pub outcome_categories: Vec<OutcomeCategory>,
    /// Candidates by zone of their project.
    pub zones: Vec<Tally>,
    /// Candidates by sector of their project.
    pub sectors: Vec<Tally>,
    /// First names of the professionals who agreed to be named in reports.
    pub named_professionals: Vec<String>,
    /// One line per cohort.
    pub cohorts: Vec<CohortLine>,
    /// One line per establishment.
    pub establishments: Vec<EstablishmentLine>,
}

/// A company name as matched across files, by the roster import's folding
/// ([`crate::core::text::fold`]: case, accents, spacing) with punctuation ignored too
/// (« Transports Perrin » = « TRANSPORTS  PERRIN. »).
pub fn company_key(name: &str) -> String {
    let folded: String = crate::core::text::fold(name)
        .chars()
        .map(|c| if c.is_alphanumeric() { c } else { ' ' })
        .collect();
    folded.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Who a member is across the files of a report.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub enum PersonKey {
    /// The stable identifier, the same in every file the person travelled to.
    Uid(String),
    /// A row of one file (the file's index among those read): never matched with another file.
    Row(usize, Id),
}

/// The key people are matched by across files: `person.uid` when the file has one, else the row
/// in its own file (so a person counts once per file, never merged by name).
pub fn person_key(file: usize, m: &MemberRow) -> PersonKey {
    match m.uid.as_deref().map(str::trim).filter(|u| !u.is_empty()) {
        Some(uid) => PersonKey::Uid(uid.to_string()),
        None => PersonKey::Row(file, m.person_id),
    }
}

/// The distinct candidates of the programme and professionals of a set of members.
#[derive(Debug, Default)]
struct People {
    candidates: BTreeSet<PersonKey>,
    professionals: BTreeSet<PersonKey>,
}

impl People {
    /// Puts the counts into a line's figures.
    fn set(&self, f: &mut Figures) {
        f.candidates = Count::of(self.candidates.len());
        f.professionals = Count::of(self.professionals.len());
    }
}

/// The people of every file, each once (by `key`): in all, and per establishment.
fn distinct_people(
    files: &[ReportRows],
    key: impl Fn(usize, &MemberRow) -> PersonKey,
) -> (People, BTreeMap<String, People>) {
    let mut all = People::default();
    let mut by_place: BTreeMap<String, People> = BTreeMap::new();
    for (i, f) in files.iter().enumerate() {
        let place: BTreeMap<Id, &str> = f
            .cohorts
            .iter()
            .map(|c| (c.id, c.establishment.as_str()))
            .collect();
        for m in &f.members {
            let Some(establishment) = place.get(&m.cohort_id) else {
                continue;
            };
            let here = by_place.entry((*establishment).to_string()).or_default();
            let k = key(i, m);
            match m.role {
                Role::Candidate if super::path::in_summary(m.role, m.status) => {
                    all.candidates.insert(k.clone());
                    here.candidates.insert(k);
                }
                Role::Professional => {
                    all.professionals.insert(k.clone());
                    here.professionals.insert(k);
                }
                Role::Candidate | Role::Staff => {}
            }
        }
    }
    (all, by_place)
}

fn mean_spread(all: &[u8]) -> (Option<f64>, Option<f64>) {
    if all.is_empty() {
        return (None, None);
    }
    let n = all.len() as f64;
    let mean = all.iter().map(|&r| f64::from(r)).sum::<f64>() / n;
    let var = all
        .iter()
        .map(|&r| (f64::from(r) - mean).powi(2))
        .sum::<f64>()
        / n;
    (Some(mean), Some(var.sqrt()))
}

/// A person's full name, or empty.
fn full(n: &Option<NameRow>) -> String {
    n.as_ref()
        .map(|n| format!("{} {}", n.first_name, n.last_name))
        .unwrap_or_default()
}

/// Builds the full report from the rows of every file read (cut it with [`for_audience`]).
pub fn build(
    files: &[ReportRows],
    scope: Scope,
    title: String,
    dated: NaiveDate,
    (sets, outcome_set): (&CriteriaSets, &OutcomeSet),
) -> Report {
    let mut attendance: BTreeMap<SessionKind, (usize, usize, usize)> = BTreeMap::new();
    let mut kinds: BTreeMap<&str, usize> = BTreeMap::new();
    let mut statuses: BTreeMap<&str, usize> = BTreeMap::new();
    let mut ratings: BTreeMap<String, Vec<u8>> = BTreeMap::new();
    let mut job = JobTraining::default();
    let mut owners: BTreeMap<(String, String), OwnerAcc> = BTreeMap::new();
    let mut overdue = Vec::new();
    let mut zones: BTreeMap<String, usize> = BTreeMap::new();
    let mut sectors: BTreeMap<&str, usize> = BTreeMap::new();
    let mut zoned: BTreeSet<PersonKey> = BTreeSet::new();
    let mut named: BTreeSet<String> = BTreeSet::new();
    let mut companies: BTreeSet<String> = BTreeSet::new();
    let mut cohorts = Vec::new();
    let mut funnel = Funnel::default();
    let mut outcomes: BTreeMap<(String, String), usize> = BTreeMap::new();
    let mut recorded: BTreeMap<String, usize> = BTreeMap::new();
    for (i, f) in files.iter().enumerate() {
        funnel = funnel.plus(&file_funnel(f));
        for o in &f.outcomes {
            *outcomes
                .entry((o.milestone.clone(), o.category.clone()))
                .or_default() += o.count;
            if o.live {
                *recorded.entry(o.milestone.clone()).or_default() += o.count;
            }
        }
        for s in &f.sessions {
            attendance.entry(s.kind).or_default().0 += s.count;
        }
        for a in &f.attendance {
            let e = attendance.entry(a.kind).or_default();
            e.1 += a.count;
            if a.status.came() {
                e.2 += a.count;
            }
        }
        for r in &f.feedback {
            job.interviews.n += 1;
            match r.feedback.completeness(sets) {
                Completeness::Complete => job.complete.n += 1,
                Completeness::Partial => job.partial.n += 1,
                Completeness::Empty => job.empty.n += 1,
            }
            for (k, v) in &r.feedback.ratings {
                ratings.entry(k.clone()).or_default().push(*v);
            }
        }
        for p in &f.proposals {
            if let Some(k) = PROPOSAL_KINDS.iter().find(|k| **k == p.kind) {
                *kinds.entry(k).or_default() += p.count;
            }
            if let Some(s) = PROPOSAL_STATUSES.iter().find(|s| **s == p.status) {
                *statuses.entry(s).or_default() += p.count;
            }
        }
        for a in &f.actions {
            let role = a
                .owner
                .as_ref()
                .and_then(|o| o.role)
                .map_or("", Role::code)
                .to_string();
            let acc = owners.entry((full(&a.owner), role)).or_default();
            acc.first_name = a.owner.as_ref().map(|o| o.first_name.clone());
            acc.named = a.owner.as_ref().is_some_and(|o| o.named);
            *acc.by_status.entry(a.status.clone()).or_default() += 1;
            let open = matches!(a.status.as_str(), "todo" | "in_progress");
            if let Some(due) = a.due.filter(|d| open && *d < dated) {
                acc.overdue += 1;
                overdue.push(OverdueAction {
                    candidate: a.candidate.clone(),
                    what: a.what.clone(),
                    owner: full(&a.owner),
                    due,
                });
            }
        }
        for m in &f.members {
            match m.role {
                // The cohort's candidates, as counted in the totals: not prospects still
                // orientés or informés, nor those not retained; and
                // once each, like the totals: a person met in two files is one candidate.
                Role::Candidate if !super::path::in_summary(m.role, m.status) => {}
                Role::Candidate if !zoned.insert(person_key(i, m)) => {}
                Role::Candidate => {
                    *zones.entry(m.target_area.trim().to_string()).or_default() += 1;
                    for s in &m.sectors {
                        *sectors.entry(s.code()).or_default() += 1;
                    }
                }
                Role::Professional => {
                    let key = company_key(&m.organisation);
                    if !key.is_empty() {
                        companies.insert(key);
                    }
                    if m.named && !m.first_name.trim().is_empty() {
                        named.insert(m.first_name.trim().to_string());
                    }
                }
                Role::Staff => {}
            }
        }
        for c in &f.cohorts {
            cohorts.push(CohortLine {
                name: c.name.clone(),
                establishment: c.establishment.clone(),
                figures: cohort_figures(f, c.id),
            });
        }
    }
    job.criteria = criteria_stats(&ratings, sets);
    let mut establishments: BTreeMap<String, EstablishmentLine> = BTreeMap::new();
    let mut totals = Totals {
        companies: Count::of(companies.len()),
        cohorts: Count::of(cohorts.len()),
        ..Totals::default()
    };
    for c in &cohorts {
        let e = establishments
            .entry(c.establishment.clone())
            .or_insert_with(|| EstablishmentLine {
                establishment: c.establishment.clone(),
                cohorts: Count::default(),
                figures: Figures::default(),
            });
        e.cohorts.n += 1;
        e.figures.add(&c.figures);
        totals.figures.add(&c.figures);
    }
    // Outcomes are recorded per cohort membership: their unknown counts every cohort's candidates.
    let unknown_of = totals.figures.candidates.n;
    // A person met in two cohorts or two files counts once in the totals and per establishment.
    let (people, by_place) = distinct_people(files, person_key);
    people.set(&mut totals.figures);
    for (place, p) in &by_place {
        if let Some(e) = establishments.get_mut(place) {
            p.set(&mut e.figures);
        }
    }
    overdue.sort_by(|a, b| (a.due, &a.candidate).cmp(&(b.due, &b.candidate)));
    Report {
        schema_version: SCHEMA_VERSION,
        audience: Audience::Full,
        scope,
        title,
        dated,
        files: files.len(),
        totals,
        funnel: FunnelSection::of(&funnel),
        attendance: ATTENDANCE_KINDS
            .iter()
            .map(|k| {
                let (sessions, expected, present) = attendance.get(k).copied().unwrap_or_default();
                AttendanceLine {
                    kind: k.code().to_string(),
                    sessions: Count::of(sessions),
                    expected: Count::of(expected),
                    present: Count::of(present),
                }
            })
            .collect(),
        job_training: job,
        proposals_by_kind: PROPOSAL_KINDS
            .iter()
            .map(|k| tally(k, kinds.get(k).copied().unwrap_or(0)))
            .collect(),
        proposals_by_status: PROPOSAL_STATUSES
            .iter()
            .map(|s| tally(s, statuses.get(s).copied().unwrap_or(0)))
            .collect(),
        actions: owners
            .into_iter()
            .map(|((owner, role), acc)| OwnerLine {
                owner,
                role,
                by_status: ACTION_STATUSES
                    .iter()
                    .map(|s| tally(s, acc.by_status.get(*s).copied().unwrap_or(0)))
                    .collect(),
                overdue: Count::of(acc.overdue),
                partner_name: acc.named.then(|| acc.first_name.unwrap_or_default()),
            })
            .collect(),
        overdue,
        outcomes: outcome_lines(outcome_set, &outcomes, &recorded, unknown_of),
        outcome_categories: outcome_set.categories().map(|(_, c)| c.clone()).collect(),
        zones: zones.into_iter().map(|(k, n)| tally(&k, n)).collect(),
        sectors: sectors.into_iter().map(|(k, n)| tally(k, n)).collect(),
        named_professionals: named.into_iter().collect(),
        cohorts,
        establishments: establishments.into_values().collect(),
    }
}

#[derive(Default)]
struct OwnerAcc {
    first_name: Option<String>,
    named: bool,
    by_status: BTreeMap<String, usize>,
    overdue: usize,
}

fn tally(key: &str, n: usize) -> Tally {
    Tally {
        key: key.to_string(),
        count: Count::of(n),
    }
}

/// The funnel of one file's cohorts in scope: the recorded histories plus what purges kept.
fn file_funnel(f: &ReportRows) -> Funnel {
    let mut histories: BTreeMap<(Id, Id), Vec<super::path::Change>> = BTreeMap::new();
    for s in &f.statuses {
        histories
            .entry((s.cohort_id, s.person_id))
            .or_default()
            .push(s.change.clone());
    }
    let live = Funnel::count(histories.values().map(Vec::as_slice));
    f.funnel_kept
        .iter()
        .fold(live, |acc, (_, kept)| acc.plus(kept))
}

/// The outcome lines per milestone; the unknown count is the programme's candidates without a
/// recorded outcome there (a purge's kept counts name nobody left to be unknown).
fn outcome_lines(
    set: &OutcomeSet,
    outcomes: &BTreeMap<(String, String), usize>,
    recorded: &BTreeMap<String, usize>,
    candidates: usize,
) -> Vec<MilestoneLine> {
    Milestone::ALL
        .iter()
        .map(|m| {
            let code = m.code().to_string();
            let n = |c: &str| {
                outcomes
                    .get(&(code.clone(), c.to_string()))
                    .copied()
                    .unwrap_or(0)
            };
            MilestoneLine {
                by_category: set
                    .categories()
                    .map(|(_, c)| tally(&c.key, n(&c.key)))
                    .collect(),
                positive: Count::of(
                    set.categories()
                        .filter(|(_, c)| set.is_positive(&c.key))
                        .map(|(_, c)| n(&c.key))
                        .sum(),
                ),
                unknown: Count::of(
                    candidates.saturating_sub(recorded.get(&code).copied().unwrap_or(0)),
                ),
                milestone: code,
            }
        })
        .collect()
}

/// One cohort's figures from its file's rows.
fn cohort_figures(f: &ReportRows, cohort: Id) -> Figures {
    // Candidates of the programme only (retained, started, completed, or no recorded path):
    // prospects who were informed or not retained are the funnel's, not the cohort's.
    let members = |role: Role| {
        f.members
            .iter()
            .filter(|m| m.cohort_id == cohort && m.role == role)
            .filter(|m| super::path::in_summary(m.role, m.status))
            .count()
    };
    let proposals = f.proposals.iter().filter(|p| p.cohort_id == cohort);
    Figures {
        candidates: Count::of(members(Role::Candidate)),
        professionals: Count::of(members(Role::Professional)),
        interviews: Count::of(f.feedback.iter().filter(|r| r.cohort_id == cohort).count()),
        proposals: Count::of(proposals.clone().map(|p| p.count).sum()),
        realised: Count::of(
            proposals
                .filter(|p| p.status == "done")
                .map(|p| p.count)
                .sum(),
        ),
        actions_open: Count::of(
            f.actions
                .iter()
                .filter(|a| {
                    a.cohort_id == cohort && matches!(a.status.as_str(), "todo" | "in_progress")
                })
                .count(),
        ),
    }
}

/// Mean and spread per criterion, in the order of the criteria sets that define them.
fn criteria_stats(ratings: &BTreeMap<String, Vec<u8>>, sets: &CriteriaSets) -> Vec<CriterionStat> {
    let mut out: Vec<CriterionStat> = Vec::new();
    let mut seen = BTreeSet::new();
    let labelled = sets
        .all()
        .flat_map(|s| s.criteria.iter())
        .map(|c| (c.key.clone(), c.label_fr.clone(), c.label_en.clone()));
    // Keys no known set defines still count, labelled by their key.
    let unknown = ratings
        .keys()
        .map(|k| (k.clone(), k.clone(), k.clone()))
        .collect::<Vec<_>>();
    for (key, label_fr, label_en) in labelled.chain(unknown) {
        let Some(all) = ratings.get(&key) else {
            continue;
        };
        if !seen.insert(key.clone()) {
            continue;
        }
        let (mean, spread) = mean_spread(all);
        out.push(CriterionStat {
            min: all.iter().min().copied(),
            max: all.iter().max().copied(),
            key,
            label_fr,
            label_en,
            mean,
            spread,
            ratings: Count::of(all.len()),
        });
    }
    out
}

mod audience;
pub use audience::for_audience;
mod merge;
pub use merge::{JsonRefusal, merge, parse_json};

#[cfg(test)]
mod tests;
