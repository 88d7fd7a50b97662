//! A realistic, entirely fictional cohort for trying Passerelle and for tests.
//!
//! Pure: the same seed and the same « today » always give the same data.

use chrono::{Datelike, Days, NaiveDate, NaiveTime};

use super::attendance::AttendanceStatus;
use super::domain::{Role, Sector, SensitiveDetails, SessionKind, StaffRole};
use super::rng::Rng;

pub mod followup;
mod texts;
use texts::*;

mod prospects;
pub mod themed;

/// Which moment of the job-training day the demo shows (decisions.md).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Stage {
    /// Morning: attendance being taken, nothing played yet.
    Morning,
    /// Evening: the day is over.
    Evening,
}

/// A cohort to write.
#[derive(Debug, Clone)]
pub struct DemoCohort {
    /// Name.
    pub name: String,
    /// Establishment.
    pub establishment: String,
    /// First day.
    pub start_date: NaiveDate,
    /// Last day.
    pub end_date: NaiveDate,
    /// Partners.
    pub partners: String,
}

/// A member to write.
#[derive(Debug, Clone)]
pub struct DemoMember {
    /// First name.
    pub first_name: String,
    /// Last name.
    pub last_name: String,
    /// Company or service.
    pub organisation: String,
    /// Role in the cohort.
    pub role: Role,
    /// Staff role, for staff.
    pub staff_role: Option<StaffRole>,
    /// Sectors.
    pub sectors: Vec<Sector>,
    /// Target trade.
    pub project: String,
    /// Target area.
    pub target_area: String,
    /// Sensitive details (candidates).
    pub sensitive: SensitiveDetails,
}

/// A session to write.
#[derive(Debug, Clone)]
pub struct DemoSession {
    /// Kind.
    pub kind: SessionKind,
    /// Date.
    pub date: NaiveDate,
    /// Start time.
    pub start_time: NaiveTime,
    /// Place.
    pub place: String,
    /// Title.
    pub title: String,
}

impl DemoSession {
    /// The session to insert into a cohort.
    pub fn session(&self, cohort_id: super::domain::Id) -> super::domain::Session {
        super::domain::Session {
            id: 0,
            cohort_id,
            kind: self.kind,
            date: self.date,
            start_time: Some(self.start_time),
            place: self.place.clone(),
            title: self.title.clone(),
        }
    }
}

/// One attendance mark to write (indexes into `sessions` and `members`).
#[derive(Debug, Clone)]
pub struct DemoMark {
    /// Index into [`Demo::sessions`].
    pub session: usize,
    /// Index into [`Demo::members`].
    pub member: usize,
    /// Status.
    pub status: AttendanceStatus,
    /// Arrival.
    pub arrived_at: Option<NaiveTime>,
    /// Departure.
    pub left_at: Option<NaiveTime>,
    /// Reason.
    pub reason: String,
}

/// Everything the demo writes.
#[derive(Debug, Clone)]
pub struct Demo {
    /// The cohort.
    pub cohort: DemoCohort,
    /// Its members: candidates who started, professionals, staff, then the candidates who did
    /// not start (met at the information meetings).
    pub members: Vec<DemoMember>,
    /// Its sessions in date order.
    pub sessions: Vec<DemoSession>,
    /// Attendance already taken.
    pub marks: Vec<DemoMark>,
    /// Index of the job-training session (today).
    pub job_training: usize,
    /// Binômes of the job-training day: indexes into `members`, with table names.
    pub panels: Vec<(String, Vec<usize>)>,
    /// The rotation plan of the day, ready in the morning: (round from 1, panel, candidate).
    pub plan: Vec<(u32, usize, usize)>,
    /// The day played (evening stage only).
    pub evening: Option<DemoEvening>,
    /// Everyone's path (issue 19): (index into `members`, change), oldest first per person.
    pub paths: Vec<(usize, crate::core::path::Change)>,
    /// End times (index into `sessions`, time): the coaching's last half day (« 3 jours et demi »).
    pub ends: Vec<(usize, NaiveTime)>,
    /// The themed day before the cohort (issue 22), written after everything else.
    pub themed: themed::DemoThemed,
}

/// What the evening demo adds: the plan played, the feedback and proposals captured.
#[derive(Debug, Clone, Default)]
pub struct DemoEvening {
    /// Interviews: (round from 1, panel index into `panels`, candidate index into `members`).
    pub interviews: Vec<(u32, usize, usize)>,
    /// Feedback per interview: (round, candidate, ratings by criterion key, strengths, to work on, advice, opinion).
    pub feedback: Vec<DemoFeedback>,
    /// Proposals: (candidate, professional, kind code, detail).
    pub proposals: Vec<(usize, usize, &'static str, String)>,
}

/// One feedback of the evening demo.
#[derive(Debug, Clone)]
pub struct DemoFeedback {
    /// Round (from 1).
    pub round: u32,
    /// Candidate (index into members).
    pub candidate: usize,
    /// Panel (index into panels).
    pub panel: usize,
    /// Ratings of the Job training set.
    pub ratings: Vec<(String, u8)>,
    /// Strengths.
    pub strengths: String,
    /// To work on.
    pub to_work_on: String,
    /// Advice.
    pub advice: String,
    /// Overall opinion code.
    pub opinion: &'static str,
}

/// The default seed: same data for everyone who tries the demo.
pub const DEFAULT_SEED: u64 = 2026;

fn hm(h: u32, m: u32) -> NaiveTime {
    NaiveTime::from_hms_opt(h, m, 0).unwrap_or(NaiveTime::MIN)
}

/// The three coaching days: the last working day on or before a week before `today`, and the two
/// working days before it.
fn coaching_days(today: NaiveDate) -> [NaiveDate; 3] {
    let working = |mut d: NaiveDate| {
        while matches!(d.weekday(), chrono::Weekday::Sat | chrono::Weekday::Sun) {
            d = shift(d, -1);
        }
        d
    };
    let third = working(shift(today, -7));
    let second = working(shift(third, -1));
    let first = working(shift(second, -1));
    [first, second, third]
}

fn shift(today: NaiveDate, days: i64) -> NaiveDate {
    if days >= 0 {
        today.checked_add_days(Days::new(days as u64))
    } else {
        today.checked_sub_days(Days::new(days.unsigned_abs()))
    }
    .unwrap_or(today)
}

/// Years of cohorts for performance measurements (decisions.md: 40 a year, 10 candidates each,
/// 40 interviews, 25 proposals), oldest first; the last one's job-training day is `today`.
pub fn years(seed: u64, today: NaiveDate, years: u32) -> impl Iterator<Item = Demo> {
    let count = years as i64 * 40;
    (0..count).map(move |i| {
        // Evenly spread: about one cohort every nine days, the newest today.
        let day = shift(today, -(count - 1 - i) * 365 * years as i64 / count);
        let mut demo = generate(seed.wrapping_add(i as u64), day, Stage::Evening);
        demo.cohort.name = format!("Promo {} — {}", i + 1, day.format("%Y"));
        if let Some(e) = demo.evening.as_mut() {
            // Ten more proposals, as a busy grand oral gives.
            let extra: Vec<_> = e
                .proposals
                .iter()
                .take(10)
                .map(|(c, p, k, d)| (*c, *p, *k, format!("{d} (suite)")))
                .collect();
            e.proposals.extend(extra);
        }
        demo
    })
}

/// Builds the demo cohort around `today` (the job-training day).
pub fn generate(seed: u64, today: NaiveDate, stage: Stage) -> Demo {
    let mut rng = Rng::new(seed);
    let mut members = Vec::new();
    for (i, (first, last, sector, project)) in CANDIDATES.iter().enumerate() {
        let release = shift(today, 60 + rng.below(240) as i64);
        members.push(DemoMember {
            first_name: first.to_string(),
            last_name: last.to_string(),
            organisation: String::new(),
            role: Role::Candidate,
            staff_role: None,
            sectors: vec![*sector],
            project: project.to_string(),
            target_area: if i % 3 == 0 {
                "Vienne (86)"
            } else {
                "Nouvelle-Aquitaine"
            }
            .to_string(),
            sensitive: SensitiveDetails {
                release_date: Some(release),
                housing: HOUSING[rng.below(HOUSING.len())].to_string(),
                judicial_notes: JUDICIAL[rng.below(JUDICIAL.len())].to_string(),
            },
        });
    }
    for (first, last, org, sector) in PROFESSIONALS {
        members.push(DemoMember {
            first_name: first.to_string(),
            last_name: last.to_string(),
            organisation: org.to_string(),
            role: Role::Professional,
            staff_role: None,
            sectors: vec![sector],
            project: String::new(),
            target_area: String::new(),
            sensitive: SensitiveDetails::default(),
        });
    }
    for (first, last, org, staff_role) in STAFF {
        members.push(DemoMember {
            first_name: first.to_string(),
            last_name: last.to_string(),
            organisation: org.to_string(),
            role: Role::Staff,
            staff_role: Some(staff_role),
            sectors: Vec::new(),
            project: String::new(),
            target_area: String::new(),
            sensitive: SensitiveDetails::default(),
        });
    }

    let room = "Salle polyvalente, bâtiment socio-éducatif";
    let session = |kind, days, h, m, title: &str| DemoSession {
        kind,
        date: shift(today, days),
        start_time: hm(h, m),
        place: room.to_string(),
        title: title.to_string(),
    };
    // Coaching is held on working days, the week before the day, whatever weekday « today » is.
    let coaching_days = coaching_days(today);
    let coaching = |date, title: &str| DemoSession {
        date,
        ..session(SessionKind::Coaching, 0, 9, 0, title)
    };
    let sessions = vec![
        session(
            SessionKind::InfoMeeting,
            -42,
            14,
            0,
            "Réunion d'information 1",
        ),
        session(
            SessionKind::InfoMeeting,
            -35,
            14,
            0,
            "Réunion d'information 2",
        ),
        coaching(coaching_days[0], "Coaching 1/3"),
        coaching(coaching_days[1], "Coaching 2/3"),
        coaching(coaching_days[2], "Coaching 3/3"),
        session(SessionKind::JobTraining, 0, 9, 0, "Job training"),
        session(SessionKind::GrandOral, 7, 14, 0, "Grand oral"),
    ];
    let job_training = 5;

    let mut marks = Vec::new();
    // Past sessions are complete: most came, a few did not, with the reasons one hears.
    for (s, sess) in sessions.iter().enumerate().filter(|(_, s)| s.date < today) {
        for (m, member) in members.iter().enumerate() {
            if !sess.kind.default_expected().contains(&member.role) {
                continue;
            }
            let start = sess.start_time;
            let roll = rng.below(20);
            let (status, arrived, reason) = match roll {
                0 => (
                    AttendanceStatus::Absent,
                    None,
                    ABSENCE_REASONS[rng.below(4)],
                ),
                1 => (
                    AttendanceStatus::Excused,
                    None,
                    ABSENCE_REASONS[rng.below(4)],
                ),
                2 => (
                    AttendanceStatus::Late,
                    Some(start + chrono::Duration::minutes(15 + rng.below(30) as i64)),
                    "parloir",
                ),
                _ => (
                    AttendanceStatus::Present,
                    Some(start - chrono::Duration::minutes(rng.below(15) as i64)),
                    "",
                ),
            };
            marks.push(DemoMark {
                session: s,
                member: m,
                status,
                arrived_at: arrived,
                left_at: None,
                reason: reason.to_string(),
            });
        }
    }

    // Today: the morning of the job-training day.
    let start = sessions[job_training].start_time;
    let mut order: Vec<usize> = (0..members.len()).collect();
    rng.shuffle(&mut order);
    for (rank, m) in order.into_iter().enumerate() {
        let role = members[m].role;
        let (status, arrived, left, reason) = match stage {
            Stage::Morning => {
                // Staff and pros come first; candidates are escorted in small groups.
                let here = match role {
                    Role::Staff => true,
                    Role::Professional => rank % 5 != 0,
                    Role::Candidate => rank % 2 == 0,
                };
                if !here {
                    continue;
                }
                let early = match role {
                    Role::Staff => 30,
                    Role::Professional => 20,
                    Role::Candidate => 8,
                };
                let arrived = start - chrono::Duration::minutes(early - rng.below(8) as i64);
                (AttendanceStatus::Present, Some(arrived), None, "")
            }
            Stage::Evening => {
                let arrived = start - chrono::Duration::minutes(5 + rng.below(20) as i64);
                if role == Role::Professional && rank % 7 == 3 {
                    (
                        AttendanceStatus::LeftEarly,
                        Some(arrived),
                        Some(hm(15, 0)),
                        "réunion à l'agence",
                    )
                } else {
                    (
                        AttendanceStatus::Present,
                        Some(arrived),
                        Some(hm(17, 0)),
                        "",
                    )
                }
            }
        };
        marks.push(DemoMark {
            session: job_training,
            member: m,
            status,
            arrived_at: arrived,
            left_at: left,
            reason: reason.to_string(),
        });
    }

    // Binômes composed from the pros present this morning, as the facilitator would with `s`.
    let present_pros: Vec<super::panels::ProInfo> = marks
        .iter()
        .filter(|m| m.session == job_training && m.status.came())
        .filter(|m| members[m.member].role == Role::Professional)
        .map(|m| super::panels::ProInfo {
            id: m.member as i64,
            last_name: members[m.member].last_name.clone(),
            // The demo's binômes stay as they were first written (its snapshots and seeds).
            organisation: String::new(),
            sectors: members[m.member].sectors.clone(),
        })
        .collect();
    let wanted: Vec<Sector> = members
        .iter()
        .filter(|m| m.role == Role::Candidate)
        .flat_map(|m| m.sectors.clone())
        .collect();
    let panels: Vec<(String, Vec<usize>)> = super::panels::suggest(&present_pros, &wanted)
        .into_iter()
        .map(|p| {
            (
                p.table_name,
                p.members.iter().map(|i| *i as usize).collect(),
            )
        })
        .collect();

    let plan = day_plan(&members, &panels);
    let evening = (stage == Stage::Evening).then(|| evening(&mut rng, &members, &panels, &plan));
    // Last, so that nothing drawn above changes: the people who did not start, and the paths.
    let paths = prospects::add(&mut members, &mut marks, &sessions, today);
    let themed = themed::themed_day(&members, today);
    // The seed's coaching is « 3 jours et demi »: the last coaching day ends at noon thirty.
    let ends = sessions
        .iter()
        .enumerate()
        .filter(|(_, s)| s.kind == SessionKind::Coaching)
        .map(|(i, _)| (i, hm(17, 0)))
        .rev()
        .enumerate()
        .map(|(n, (i, t))| (i, if n == 0 { hm(12, 30) } else { t }))
        .collect();
    Demo {
        paths,
        ends,
        themed,
        panels,
        plan,
        evening,
        cohort: DemoCohort {
            name: format!("Promo Vivonne {}", chrono::Datelike::year(&today)),
            establishment: "Centre pénitentiaire de Vivonne".to_string(),
            start_date: shift(today, -42),
            end_date: shift(today, 60),
            partners: "Missions locales de la Vienne, SPIP de la Vienne".to_string(),
        },
        members,
        sessions,
        marks,
        job_training,
    }
}

/// Plans the day with the real planner (no randomness: the same day gives the same plan).
fn day_plan(members: &[DemoMember], panels: &[(String, Vec<usize>)]) -> Vec<(u32, usize, usize)> {
    let candidates: Vec<usize> = (0..members.len())
        .filter(|i| members[*i].role == Role::Candidate)
        .collect();
    let instance = super::plan::Instance {
        candidates: candidates
            .iter()
            .map(|i| members[*i].sectors.clone())
            .collect(),
        panels: panels
            .iter()
            .map(|(_, ms)| {
                ms.iter()
                    .flat_map(|m| members[*m].sectors.clone())
                    .collect()
            })
            .collect(),
        k: 4,
        ..super::plan::Instance::default()
    };
    let Ok((plan, _)) = super::plan::plan(&instance) else {
        return Vec::new();
    };
    plan.slots
        .iter()
        .map(|s| (s.round as u32 + 1, s.panel, candidates[s.candidate]))
        .collect()
}

/// What a binôme writes after an interview, drawn so that it agrees with its own ratings.
struct Comments {
    strengths: &'static str,
    to_work_on: &'static str,
    advice: &'static str,
    opinion: &'static str,
}

impl Comments {
    /// Praise goes to a best-rated criterion (3 or 4), criticism to a worst-rated one (1 or 2),
    /// the advice answers that weakness, and the opinion follows the mean and the lowest rating.
    /// `picks` choose among the sentences that fit (strengths, to work on, advice).
    fn from_ratings(ratings: &[(String, u8)], picks: [usize; 3]) -> Comments {
        let rating = |key: &str| {
            ratings
                .iter()
                .find(|(k, _)| k == key)
                .map_or(0, |(_, v)| *v)
        };
        let best = ratings.iter().map(|(_, v)| *v).max().unwrap_or(0);
        let worst = ratings.iter().map(|(_, v)| *v).min().unwrap_or(0);
        let pick = |options: Vec<&'static str>, n: usize, otherwise: &'static str| {
            if options.is_empty() {
                otherwise
            } else {
                options[n % options.len()]
            }
        };
        let praised: Vec<&str> = STRENGTHS
            .iter()
            .filter(|(key, _)| best >= 3 && rating(key) == best)
            .map(|(_, s)| *s)
            .collect();
        let weak: Vec<&(&str, &str)> = TO_WORK_ON
            .iter()
            .filter(|(key, _)| worst <= 2 && rating(key) == worst)
            .collect();
        let faulted: Vec<&str> = weak.iter().map(|(_, s)| *s).collect();
        let to_work_on = pick(faulted, picks[1], TO_WORK_ON_ANYWAY);
        // The advice answers the point to work on when one was said, else any general one.
        let weak_key = weak.iter().find(|(_, s)| *s == to_work_on).map(|(k, _)| *k);
        let answers: Vec<&str> = ADVICE
            .iter()
            .filter(|(keys, _)| match weak_key {
                Some(k) => keys.contains(&k),
                None => keys.is_empty(),
            })
            .map(|(_, s)| *s)
            .collect();
        let count = ratings.len().max(1) as f64;
        let mean = ratings.iter().map(|(_, v)| f64::from(*v)).sum::<f64>() / count;
        // A criterion at 1 keeps « ready » away, not « ready with support » on a good interview.
        let opinion = if worst >= 2 && mean >= 3.0 {
            "ready"
        } else if mean >= 2.5 || (worst >= 2 && mean >= 2.25) {
            "ready_with_support"
        } else {
            "consolidate"
        };
        Comments {
            strengths: pick(praised, picks[0], STRENGTH_ANYWAY),
            to_work_on,
            advice: pick(answers, picks[2], ADVICE[2].1),
            opinion,
        }
    }
}

/// The day played on the plan: every interview's feedback and some proposals.
fn evening(
    rng: &mut Rng,
    members: &[DemoMember],
    panels: &[(String, Vec<usize>)],
    plan: &[(u32, usize, usize)],
) -> DemoEvening {
    let candidates: Vec<usize> = (0..members.len())
        .filter(|i| members[*i].role == Role::Candidate)
        .collect();
    let keys = [
        "presentation",
        "expression",
        "motivation",
        "project",
        "pitch",
        "trade_knowledge",
    ];
    let mut out = DemoEvening::default();
    // Binômes mostly agree on a candidate: each criterion has a level, each binôme sees it within
    // one point now and then — so the summary's « écart » flags stay the exception they are.
    const LEVELS: [u8; 6] = [1, 2, 2, 3, 3, 4];
    let levels: Vec<Vec<u8>> = candidates
        .iter()
        .map(|_| {
            keys.iter()
                .map(|_| LEVELS[rng.below(LEVELS.len())])
                .collect()
        })
        .collect();
    for &(round, panel, candidate) in plan {
        // Index among the candidates, for the levels drawn above.
        let c = candidates.iter().position(|x| *x == candidate).unwrap_or(0);
        out.interviews.push((round, panel, candidate));
        let ratings: Vec<(String, u8)> = keys
            .iter()
            .enumerate()
            .map(|(k, key)| {
                let level = levels[c][k];
                let seen = match rng.below(6) {
                    0 => level.saturating_sub(1),
                    1 => level + 1,
                    _ => level,
                };
                (key.to_string(), seen.clamp(1, 4))
            })
            .collect();
        // The comments follow the ratings; the draws only choose among sentences that agree with
        // them (one draw each, as before, so the ratings of the next interviews stay the same).
        let comments = Comments::from_ratings(
            &ratings,
            [
                rng.below(STRENGTHS.len()),
                rng.below(TO_WORK_ON.len()),
                rng.below(ADVICE.len()),
            ],
        );
        rng.below(3);
        out.feedback.push(DemoFeedback {
            round,
            candidate,
            panel,
            ratings,
            strengths: comments.strengths.to_string(),
            to_work_on: comments.to_work_on.to_string(),
            advice: comments.advice.to_string(),
            opinion: comments.opinion,
        });
    }
    let kinds = [
        (
            "immersion",
            "deux semaines d'immersion (PMSMP) au printemps",
        ),
        (
            "network",
            "mise en relation avec une agence d'intérim partenaire",
        ),
        ("mentoring", "parrainage après la sortie"),
        ("job_offer", "poste en CDD de 6 mois à discuter"),
        ("advice", "se renseigner sur la formation qualifiante"),
    ];
    for (n, c) in candidates.iter().enumerate() {
        let met: Vec<usize> = out
            .feedback
            .iter()
            .filter(|f| f.candidate == *c)
            .map(|f| f.panel)
            .collect();
        for k in 0..(1 + n % 2) {
            let Some(&panel) = met.get(k) else { continue };
            let Some(&pro) = panels.get(panel).and_then(|(_, ms)| ms.first()) else {
                continue;
            };
            let (kind, detail) = kinds[(n + k) % kinds.len()];
            let org = &members[pro].organisation;
            out.proposals
                .push((*c, pro, kind, format!("{org} : {detail}")));
        }
    }
    out
}

#[cfg(test)]
mod tests;
