//! The planner's instance for a real day: who is here, which binômes sit, how many interviews.

use super::Instance;
use crate::core::attendance::{Attendance, AttendanceStatus};
use crate::core::domain::{Id, Member, Panel, Role, Sector};

/// An instance and the people behind its indexes.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct DayInstance {
    /// What the planner sees.
    pub instance: Instance,
    /// Person id of each candidate index.
    pub candidates: Vec<Id>,
    /// Panel id of each panel index.
    pub panels: Vec<Id>,
}

/// Candidates on the session's list who are not absent, excused or gone; panels with members;
/// a candidate never meets a panel holding a professional they must not meet.
pub fn day_instance(
    members: &[Member],
    attendance: &[Attendance],
    panels: &[Panel],
    k: usize,
    forbidden: &[(Id, Id)],
) -> DayInstance {
    let candidates: Vec<&Member> = members
        .iter()
        .filter(|m| m.role == Role::Candidate && !m.archived)
        .filter(|m| {
            attendance.iter().any(|a| {
                a.person_id == m.person.id
                    && !matches!(
                        a.status,
                        AttendanceStatus::Absent
                            | AttendanceStatus::Excused
                            | AttendanceStatus::LeftEarly
                    )
            })
        })
        .collect();
    let seated: Vec<&Panel> = panels.iter().filter(|p| !p.members.is_empty()).collect();
    let panel_sectors = seated
        .iter()
        .map(|p| {
            let mut s: Vec<Sector> = Vec::new();
            for m in p
                .members
                .iter()
                .filter_map(|id| members.iter().find(|x| x.person.id == *id))
            {
                for sec in &m.sectors {
                    if !s.contains(sec) {
                        s.push(*sec);
                    }
                }
            }
            s
        })
        .collect();
    let mut excluded = Vec::new();
    for (ci, c) in candidates.iter().enumerate() {
        for (pi, p) in seated.iter().enumerate() {
            if p.members
                .iter()
                .any(|pro| forbidden.contains(&(c.person.id, *pro)))
            {
                excluded.push((ci, pi));
            }
        }
    }
    DayInstance {
        instance: Instance {
            candidates: candidates.iter().map(|m| m.sectors.clone()).collect(),
            panels: panel_sectors,
            k,
            forbidden: excluded,
            ..Instance::default()
        },
        candidates: candidates.iter().map(|m| m.person.id).collect(),
        panels: seated.iter().map(|p| p.id).collect(),
    }
}
