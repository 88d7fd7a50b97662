//! The expected day (#14): binômes and plan prepared from who is expected, before anyone is
//! marked present, and the changes between the last printed plan and the plan as it is now.

use super::attendance::{Attendance, AttendanceStatus};
use super::domain::{Id, Member, Panel, Role, Sector};
use super::panels::ProInfo;
use super::plan::{DayInstance, Plan, ReplanInput, Slot, plan, replan};

/// One interview as printed or planned: (round from 1, panel, candidate).
pub type Interview = (u32, Option<Id>, Id);

/// True once anyone on the list has been marked (present, late, absent…): attendance has started.
pub fn attendance_started(attendance: &[Attendance]) -> bool {
    attendance
        .iter()
        .any(|a| a.status != AttendanceStatus::Expected)
}

/// The professionals binômes are made from: those who came; when none has been marked as come
/// yet, those still expected (the day prepared the day before).
pub fn pro_pool<'a>(listed: &[(&'a Member, &'a Attendance)]) -> Vec<&'a Member> {
    let pros = || listed.iter().filter(|(m, _)| m.role == Role::Professional);
    let came: Vec<&Member> = pros()
        .filter(|(_, a)| a.status.came())
        .map(|(m, _)| *m)
        .collect();
    if !came.is_empty() {
        return came;
    }
    pros()
        .filter(|(_, a)| a.status == AttendanceStatus::Expected)
        .map(|(m, _)| *m)
        .collect()
}

/// The pool as the binôme suggestion sees it (name, company, sectors), in the pool's order.
pub fn pool_info(listed: &[(&Member, &Attendance)]) -> Vec<ProInfo> {
    pro_pool(listed)
        .into_iter()
        .map(|m| ProInfo {
            id: m.person.id,
            last_name: m.person.last_name.clone(),
            organisation: m.person.organisation.clone(),
            sectors: m.sectors.clone(),
        })
        .collect()
}

/// The sectors the candidates on the list want (one entry a candidate and sector, so that a
/// sector wanted by many weighs more); candidates marked absent or excused are left out.
pub fn wanted_sectors(listed: &[(&Member, &Attendance)]) -> Vec<Sector> {
    listed
        .iter()
        .filter(|(m, a)| {
            m.role == Role::Candidate
                && !matches!(
                    a.status,
                    AttendanceStatus::Absent | AttendanceStatus::Excused
                )
        })
        .flat_map(|(m, _)| m.sectors.iter().copied())
        .collect()
}

/// The binômes as they can sit: members marked absent or excused are taken out (a binôme may
/// become one person, or empty and then left out of the plan).
pub fn seated_panels(panels: &[Panel], attendance: &[Attendance]) -> Vec<Panel> {
    let away = |id: &Id| {
        attendance.iter().any(|a| {
            a.person_id == *id
                && matches!(
                    a.status,
                    AttendanceStatus::Absent | AttendanceStatus::Excused
                )
        })
    };
    panels
        .iter()
        .map(|p| {
            let mut p = p.clone();
            p.members.retain(|m| !away(m));
            p
        })
        .collect()
}

/// The plan of a day not yet started: when a plan exists, the re-plan that keeps every
/// interview it can (the minimal-moves re-plan from round 1); otherwise a fresh plan.
/// `None` when no plan can be made (the caller says why with `plan`'s error).
pub fn plan_before_start(day: &DayInstance, current: &[Interview]) -> Option<Vec<Interview>> {
    let to_slots = |p: &Plan| -> Vec<Interview> {
        p.slots
            .iter()
            .map(|s| {
                (
                    s.round as u32 + 1,
                    Some(day.panels[s.panel]),
                    day.candidates[s.candidate],
                )
            })
            .collect()
    };
    if current.is_empty() {
        return plan(&day.instance).ok().map(|(p, _)| to_slots(&p));
    }
    let planned: Vec<Slot> = current
        .iter()
        .filter_map(|(round, panel, cand)| {
            Some(Slot {
                round: (*round as usize).checked_sub(1)?,
                panel: day.panels.iter().position(|p| Some(*p) == *panel)?,
                candidate: day.candidates.iter().position(|c| c == cand)?,
            })
        })
        .collect();
    let input = ReplanInput {
        instance: day.instance.clone(),
        from_round: 0,
        played: Vec::new(),
        planned,
        panel_until: vec![None; day.panels.len()],
        ..ReplanInput::default()
    };
    replan(&input).map(|r| to_slots(&r.plan))
}

/// Professionals seated for the day who must not meet any of its candidates (a « Ne doit pas
/// rencontrer » rule against every one), with their binôme: that table can see nobody, so the
/// plan leaves it empty or cannot be made. Empty when the day has no candidate.
pub fn shut_out(day: &DayInstance, panels: &[Panel], forbidden: &[(Id, Id)]) -> Vec<(Id, Id)> {
    if day.candidates.is_empty() {
        return Vec::new();
    }
    panels
        .iter()
        .filter(|p| day.panels.contains(&p.id))
        .flat_map(|p| p.members.iter().map(move |pro| (*pro, p.id)))
        .filter(|(pro, _)| {
            day.candidates
                .iter()
                .all(|c| forbidden.contains(&(*c, *pro)))
        })
        .collect()
}

/// What happened to one printed interview, or a new one.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Change {
    /// Same candidate and table, another round.
    Moved {
        /// Candidate.
        candidate: Id,
        /// As printed: (round, panel).
        from: (u32, Option<Id>),
        /// Now: (round, panel).
        to: (u32, Option<Id>),
    },
    /// Printed, no longer planned.
    Cancelled {
        /// Candidate.
        candidate: Id,
        /// (round, panel).
        at: (u32, Option<Id>),
    },
    /// Planned, not on the printed sheets.
    Added {
        /// Candidate.
        candidate: Id,
        /// (round, panel).
        at: (u32, Option<Id>),
    },
}

impl Change {
    /// The round the change is read at (the earliest it touches), for ordering by time.
    pub fn round(&self) -> u32 {
        match self {
            Change::Moved { from, to, .. } => from.0.min(to.0),
            Change::Cancelled { at, .. } | Change::Added { at, .. } => at.0,
        }
    }
}

/// The interviews that differ between the printed plan and the current one, by time.
/// An interview kept exactly (round, table, candidate) is not listed; a candidate's interview
/// with the same table at another round is « moved »; what is left is cancelled or added.
pub fn changes(printed: &[Interview], current: &[Interview]) -> Vec<Change> {
    let mut old: Vec<Interview> = printed
        .iter()
        .filter(|i| !current.contains(i))
        .copied()
        .collect();
    let mut new: Vec<Interview> = current
        .iter()
        .filter(|i| !printed.contains(i))
        .copied()
        .collect();
    old.sort();
    new.sort();
    let mut out = Vec::new();
    // Same candidate, same table, another time: one move.
    old.retain(|o| {
        match new
            .iter()
            .position(|n| n.2 == o.2 && n.1 == o.1)
            .map(|i| new.remove(i))
        {
            Some(n) => {
                out.push(Change::Moved {
                    candidate: o.2,
                    from: (o.0, o.1),
                    to: (n.0, n.1),
                });
                false
            }
            None => true,
        }
    });
    // Same candidate, another table: still one move, read as where and when.
    old.retain(
        |o| match new.iter().position(|n| n.2 == o.2).map(|i| new.remove(i)) {
            Some(n) => {
                out.push(Change::Moved {
                    candidate: o.2,
                    from: (o.0, o.1),
                    to: (n.0, n.1),
                });
                false
            }
            None => true,
        },
    );
    out.extend(old.into_iter().map(|o| Change::Cancelled {
        candidate: o.2,
        at: (o.0, o.1),
    }));
    out.extend(new.into_iter().map(|n| Change::Added {
        candidate: n.2,
        at: (n.0, n.1),
    }));
    out.sort_by_key(|c| (c.round(), candidate_of(c)));
    out
}

fn candidate_of(c: &Change) -> Id {
    match c {
        Change::Moved { candidate, .. }
        | Change::Cancelled { candidate, .. }
        | Change::Added { candidate, .. } => *candidate,
    }
}

/// One line of a day's readiness (#14): done, or what is missing.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Ready {
    /// Candidates on the expected list.
    Candidates(usize),
    /// Professionals on the expected list.
    Professionals(usize),
    /// The access list (intervenants) printed on this date, if it was.
    AccessList(Option<chrono::NaiveDate>),
    /// Binômes composed.
    Binomes(usize),
    /// The plan: (version, rounds), if there is one.
    Plan(Option<(i64, u32)>),
    /// The plan sheets (tables, routes, mouvements) printed on this date, if all three were.
    Sheets(Option<chrono::NaiveDate>),
}

impl Ready {
    /// True when this item is done.
    pub fn ok(&self) -> bool {
        match self {
            Ready::Candidates(n) | Ready::Professionals(n) | Ready::Binomes(n) => *n > 0,
            Ready::AccessList(d) | Ready::Sheets(d) => d.is_some(),
            Ready::Plan(p) => p.is_some(),
        }
    }
}

/// What a day not yet started has ready: expected people (counted from the list: someone
/// marked absent is no longer counted), access list, binômes, plan, sheets.
pub fn readiness(
    listed: &[(&Member, &Attendance)],
    binomes: usize,
    plan: Option<(i64, u32)>,
    prints: &[(String, String)],
) -> Vec<Ready> {
    let count = |role: Role| {
        listed
            .iter()
            .filter(|(m, a)| {
                m.role == role
                    && !matches!(
                        a.status,
                        AttendanceStatus::Absent | AttendanceStatus::Excused
                    )
            })
            .count()
    };
    let date = |sheet: &str| {
        prints
            .iter()
            .find(|(s, _)| s == sheet)
            .and_then(|(_, at)| at.get(..10))
            .and_then(|d| chrono::NaiveDate::parse_from_str(d, "%Y-%m-%d").ok())
    };
    // The plan sheets count once all three were printed; the date is the latest.
    let sheets = ["tables", "routes", "mouvements"]
        .iter()
        .map(|s| date(s))
        .collect::<Option<Vec<_>>>()
        .and_then(|d| d.into_iter().max());
    vec![
        Ready::Candidates(count(Role::Candidate)),
        Ready::Professionals(count(Role::Professional)),
        Ready::AccessList(date("intervenants")),
        Ready::Binomes(binomes),
        Ready::Plan(plan),
        Ready::Sheets(sheets),
    ]
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A member with no name, of `role`, wanting or representing `sectors`.
    fn member(id: Id, role: Role, sectors: &[Sector]) -> Member {
        Member {
            sectors: sectors.to_vec(),
            ..Member::blank(id, role)
        }
    }

    #[test]
    fn wanted_sectors_are_those_of_the_candidates_still_coming() {
        let s = Sector::ALL;
        let (c1, c2, c3, pro) = (
            member(1, Role::Candidate, &[s[0], s[1]]),
            member(2, Role::Candidate, &[s[0]]),
            member(3, Role::Candidate, &[s[2]]),
            member(4, Role::Professional, &[s[3]]),
        );
        let now = chrono::NaiveTime::from_hms_opt(9, 0, 0).unwrap_or_default();
        let (a1, a2, a4) = (
            Attendance::expected(9, 1),
            Attendance::expected(9, 2).mark(AttendanceStatus::Present, now),
            Attendance::expected(9, 4),
        );
        let a3 = Attendance::expected(9, 3).mark(AttendanceStatus::Absent, now);
        let listed = vec![(&c1, &a1), (&c2, &a2), (&c3, &a3), (&pro, &a4)];
        // A sector wanted twice weighs twice; the absent candidate and the pro count for nothing.
        assert_eq!(wanted_sectors(&listed), vec![s[0], s[1], s[0]]);
        assert!(wanted_sectors(&[]).is_empty());
    }

    #[test]
    fn a_pro_who_must_meet_no_candidate_is_shut_out() {
        let panel = |id: Id, members: Vec<Id>| Panel {
            id,
            position: id,
            label: String::new(),
            table_name: id.to_string(),
            members,
        };
        let panels = vec![panel(10, vec![1, 2]), panel(11, vec![3])];
        let day = DayInstance {
            instance: Default::default(),
            candidates: vec![7, 8],
            panels: vec![10, 11],
        };
        // Pro 1 must meet neither candidate; pro 3 only one of them.
        let forbidden = vec![(7, 1), (8, 1), (7, 3)];
        assert_eq!(shut_out(&day, &panels, &forbidden), vec![(1, 10)]);
        let nobody = DayInstance {
            candidates: Vec::new(),
            ..day
        };
        assert!(shut_out(&nobody, &panels, &forbidden).is_empty());
    }

    #[test]
    fn readiness_says_what_is_missing() {
        let r = readiness(
            &[],
            0,
            None,
            &[("tables".into(), "2026-12-07T16:00:00".into())],
        );
        assert!(r.iter().all(|x| !x.ok()), "{r:?}");
        let prints: Vec<(String, String)> = ["tables", "routes", "mouvements", "intervenants"]
            .iter()
            .enumerate()
            .map(|(i, s)| (s.to_string(), format!("2026-12-0{}T16:00:00", i + 1)))
            .collect();
        let r = readiness(&[], 3, Some((2, 8)), &prints);
        assert_eq!(
            r[5],
            Ready::Sheets(chrono::NaiveDate::from_ymd_opt(2026, 12, 3))
        );
        assert!(r[2].ok() && r[3].ok() && r[4].ok());
    }

    #[test]
    fn kept_interviews_are_not_changes() {
        let a = vec![(1, Some(10), 1), (2, Some(11), 1), (1, Some(11), 2)];
        assert!(changes(&a, &a).is_empty());
    }

    #[test]
    fn moved_cancelled_and_added_are_told_apart_and_ordered_by_time() {
        let printed = vec![(1, Some(10), 1), (2, Some(11), 1), (3, Some(10), 2)];
        let current = vec![(1, Some(10), 1), (3, Some(11), 1), (2, Some(10), 3)];
        let c = changes(&printed, &current);
        assert_eq!(
            c,
            vec![
                Change::Moved {
                    candidate: 1,
                    from: (2, Some(11)),
                    to: (3, Some(11))
                },
                Change::Added {
                    candidate: 3,
                    at: (2, Some(10))
                },
                Change::Cancelled {
                    candidate: 2,
                    at: (3, Some(10))
                },
            ]
        );
    }

    #[test]
    fn the_pool_is_the_expected_pros_until_one_came() {
        let m = |id: Id, role: Role| member(id, role, &[Sector::ALL[0]]);
        let (p1, p2, c) = (
            m(1, Role::Professional),
            m(2, Role::Professional),
            m(3, Role::Candidate),
        );
        let (a1, a2, a3) = (
            Attendance::expected(9, 1),
            Attendance::expected(9, 2),
            Attendance::expected(9, 3),
        );
        let listed = vec![(&p1, &a1), (&p2, &a2), (&c, &a3)];
        let ids: Vec<Id> = pro_pool(&listed).iter().map(|m| m.person.id).collect();
        assert_eq!(ids, vec![1, 2]);
        let now = chrono::NaiveTime::from_hms_opt(9, 0, 0).unwrap_or_default();
        let here = a2.clone().mark(AttendanceStatus::Present, now);
        let listed = vec![(&p1, &a1), (&p2, &here)];
        let ids: Vec<Id> = pro_pool(&listed).iter().map(|m| m.person.id).collect();
        assert_eq!(ids, vec![2]);
    }
}
