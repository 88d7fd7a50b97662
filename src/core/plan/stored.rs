//! Between a stored plan and the planner: stored interviews as planner slots and back, which
//! binômes still sit, and the re-plan of a stored plan from a round on (the Rotation screen's
//! « re-plan from here »). Pure: the ui only calls these and words the result.

use super::{DayInstance, Replan, ReplanInput, Slot, replan};
use crate::core::attendance::{Attendance, AttendanceStatus};
use crate::core::domain::{Id, Member, Panel, Role};
use crate::core::plan_history::StoredInterview;

/// The planner's slot of a stored interview, if its candidate and binôme are still in the day.
pub fn slot_of(day: &DayInstance, i: &StoredInterview) -> Option<Slot> {
    Some(Slot {
        // Rounds are stored from 1; a round 0 (a damaged row) has no slot.
        round: (i.round as usize).checked_sub(1)?,
        panel: i
            .panel_id
            .and_then(|id| day.panels.iter().position(|p| *p == id))?,
        candidate: day.candidates.iter().position(|c| *c == i.candidate_id)?,
    })
}

/// The stored interviews of planner slots, each with its binôme's label as it is now.
pub fn interviews_of<'a>(
    day: &DayInstance,
    slots: impl IntoIterator<Item = &'a Slot>,
    panels: &[Panel],
) -> Vec<StoredInterview> {
    slots
        .into_iter()
        .filter_map(|s| {
            let panel_id = *day.panels.get(s.panel)?;
            Some(StoredInterview {
                round: u32::try_from(s.round + 1).unwrap_or(u32::MAX),
                panel_id: Some(panel_id),
                panel_label: panel_label(panels, panel_id),
                candidate_id: *day.candidates.get(s.candidate)?,
            })
        })
        .collect()
}

/// A binôme's label, empty when it is no longer in the session.
pub fn panel_label(panels: &[Panel], panel_id: Id) -> String {
    panels
        .iter()
        .find(|p| p.id == panel_id)
        .map(|p| p.label.clone())
        .unwrap_or_default()
}

/// For each binôme of the day: the last round it sits (None: to the end). A binôme none of whose
/// members is still in the room sits no more rounds after the one before `from`.
pub fn panel_until(
    day: &DayInstance,
    panels: &[Panel],
    members: &[Member],
    attendance: &[Attendance],
    from: usize,
) -> Vec<Option<usize>> {
    let record = |m: &Member| attendance.iter().find(|a| a.person_id == m.person.id);
    let pros = || {
        members
            .iter()
            .filter(|m| m.role == Role::Professional)
            .filter_map(|m| record(m).map(|a| (m.person.id, a.status)))
    };
    // Before any professional is marked (the day prepared ahead, #14), the expected ones sit.
    let expected_pool: Vec<Id> = if pros().any(|(_, s)| s.came()) {
        Vec::new()
    } else {
        pros()
            .filter(|(_, s)| *s == AttendanceStatus::Expected)
            .map(|(id, _)| id)
            .collect()
    };
    let present = |pid: Id| {
        expected_pool.contains(&pid)
            || attendance.iter().any(|a| {
                a.person_id == pid
                    && matches!(a.status, AttendanceStatus::Present | AttendanceStatus::Late)
            })
    };
    day.panels
        .iter()
        .map(|pid| {
            let here = panels
                .iter()
                .find(|p| p.id == *pid)
                .is_some_and(|p| p.members.iter().any(|m| present(*m)));
            if here {
                None
            } else {
                Some(from.saturating_sub(1))
            }
        })
        .collect()
}

/// Why a stored plan could not be re-planned.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ReplanRefused {
    /// No binôme sits from the round on.
    NoPanels,
    /// Even many extra rounds cannot give everyone their interviews.
    Impossible,
}

/// A stored plan re-planned from a round on.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StoredReplan {
    /// The planner's answer (its moves, over the day's indexes).
    pub replan: Replan,
    /// The new version: the frozen rounds as stored, then the re-planned ones.
    pub interviews: Vec<StoredInterview>,
    /// Stored interviews from the round on whose candidate or binôme is no longer in the day:
    /// cancelled too.
    pub gone: Vec<StoredInterview>,
}

/// Re-plans a stored plan from round `from` (0-based: this round and the next ones change),
/// the people and binômes being as they are now.
pub fn replan_stored(
    day: &DayInstance,
    stored: &[StoredInterview],
    from: usize,
    panels: &[Panel],
    members: &[Member],
    attendance: &[Attendance],
) -> Result<StoredReplan, ReplanRefused> {
    let frozen = |i: &&StoredInterview| (i.round as usize) <= from;
    let slots = |keep: &dyn Fn(&&StoredInterview) -> bool| -> Vec<Slot> {
        stored
            .iter()
            .filter(keep)
            .filter_map(|i| slot_of(day, i))
            .collect()
    };
    let panel_until = panel_until(day, panels, members, attendance, from);
    if panel_until.iter().all(|u| u.is_some()) {
        return Err(ReplanRefused::NoPanels);
    }
    let input = ReplanInput {
        instance: day.instance.clone(),
        from_round: from,
        played: slots(&frozen),
        planned: slots(&|i| !frozen(i)),
        panel_until,
        ..ReplanInput::default()
    };
    let replan = replan(&input).ok_or(ReplanRefused::Impossible)?;
    // Frozen rounds stay as stored (people who left included: it is what happened).
    let mut interviews: Vec<StoredInterview> = stored.iter().filter(frozen).cloned().collect();
    interviews.extend(interviews_of(
        day,
        replan.plan.slots.iter().filter(|s| s.round >= from),
        panels,
    ));
    let gone = stored
        .iter()
        .filter(|i| !frozen(i) && slot_of(day, i).is_none())
        .cloned()
        .collect();
    Ok(StoredReplan {
        replan,
        interviews,
        gone,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::plan::{Instance, day_instance};

    /// Two binômes (ids 10, 11: pros 1 and 2), three candidates (ids 3, 4, 5), K = 2.
    struct Day {
        members: Vec<Member>,
        attendance: Vec<Attendance>,
        panels: Vec<Panel>,
    }

    fn room() -> Day {
        let members = vec![
            Member::blank(1, Role::Professional),
            Member::blank(2, Role::Professional),
            Member::blank(3, Role::Candidate),
            Member::blank(4, Role::Candidate),
            Member::blank(5, Role::Candidate),
        ];
        let attendance = (1..=5).map(|id| Attendance::expected(9, id)).collect();
        let panel = |id: Id, pro: Id| Panel {
            id,
            position: id - 9,
            label: format!("B{pro}"),
            table_name: format!("Table {}", id - 9),
            members: vec![pro],
        };
        Day {
            members,
            attendance,
            panels: vec![panel(10, 1), panel(11, 2)],
        }
    }

    impl Day {
        fn mark(&mut self, id: Id, status: AttendanceStatus) {
            let now = chrono::NaiveTime::from_hms_opt(9, 0, 0).unwrap_or_default();
            for a in self.attendance.iter_mut().filter(|a| a.person_id == id) {
                *a = a.mark(status, now);
            }
        }
        fn instance(&self) -> DayInstance {
            day_instance(&self.members, &self.attendance, &self.panels, 2, &[])
        }
    }

    fn interview(round: u32, panel: Id, candidate: Id) -> StoredInterview {
        StoredInterview {
            round,
            panel_id: Some(panel),
            panel_label: format!("B{}", panel - 9),
            candidate_id: candidate,
        }
    }

    /// The plan as generated: 3 candidates × 2 binômes in 3 rounds.
    fn stored() -> Vec<StoredInterview> {
        vec![
            interview(1, 10, 3),
            interview(1, 11, 4),
            interview(2, 10, 4),
            interview(2, 11, 5),
            interview(3, 10, 5),
            interview(3, 11, 3),
        ]
    }

    #[test]
    fn a_stored_interview_is_a_slot_while_its_people_are_in_the_day() {
        let mut d = room();
        let day = d.instance();
        assert_eq!(
            slot_of(&day, &interview(2, 11, 5)),
            Some(Slot {
                round: 1,
                panel: 1,
                candidate: 2
            })
        );
        let mut recomposed = interview(1, 10, 3);
        recomposed.panel_id = None;
        assert_eq!(slot_of(&day, &recomposed), None);
        assert_eq!(slot_of(&day, &interview(0, 10, 3)), None, "round 0");
        d.mark(5, AttendanceStatus::Absent);
        assert_eq!(slot_of(&d.instance(), &interview(2, 11, 5)), None);
    }

    #[test]
    fn slots_come_back_as_interviews_with_the_labels_of_now() {
        let mut d = room();
        let day = d.instance();
        let stored = stored();
        let slots: Vec<Slot> = stored.iter().filter_map(|i| slot_of(&day, i)).collect();
        assert_eq!(interviews_of(&day, &slots, &d.panels), stored);
        d.panels[0].label = "Morel / Haddad".into();
        let again = interviews_of(&day, &slots[..1], &d.panels);
        assert_eq!(again[0].panel_label, "Morel / Haddad");
        assert_eq!(panel_label(&d.panels, 99), "");
    }

    #[test]
    fn expected_binomes_sit_until_a_professional_is_marked() {
        let mut d = room();
        let day = d.instance();
        let until = |d: &Day| panel_until(&day, &d.panels, &d.members, &d.attendance, 2);
        assert_eq!(until(&d), vec![None, None], "prepared the day before");
        d.mark(1, AttendanceStatus::Present);
        assert_eq!(until(&d), vec![None, Some(1)], "pro 2 not come");
        d.mark(2, AttendanceStatus::Late);
        d.mark(1, AttendanceStatus::LeftEarly);
        assert_eq!(until(&d), vec![Some(1), None], "pro 1 left");
        assert_eq!(
            panel_until(&day, &d.panels, &d.members, &d.attendance, 0),
            vec![Some(0), None],
            "from the first round"
        );
    }

    #[test]
    fn a_replan_keeps_the_frozen_rounds_and_names_the_cancelled() {
        let mut d = room();
        d.mark(1, AttendanceStatus::Present);
        d.mark(2, AttendanceStatus::Present);
        d.mark(3, AttendanceStatus::Present);
        d.mark(4, AttendanceStatus::Present);
        d.mark(5, AttendanceStatus::LeftEarly);
        let day = d.instance();
        let stored = stored();
        let r = replan_stored(&day, &stored, 1, &d.panels, &d.members, &d.attendance);
        let Ok(r) = r else {
            panic!("re-plan refused: {r:?}")
        };
        assert_eq!(r.interviews[..2], stored[..2], "round 1 as stored");
        assert!(r.interviews[2..].iter().all(|i| i.round >= 2));
        assert!(
            r.interviews
                .iter()
                .all(|i| i.candidate_id != 5 || i.round == 1)
        );
        assert_eq!(r.gone, vec![stored[3].clone(), stored[4].clone()]);
        for c in [3, 4] {
            let n = r.interviews.iter().filter(|i| i.candidate_id == c).count();
            assert_eq!(n, 2, "candidate {c} keeps K interviews");
        }
    }

    #[test]
    fn a_replan_without_binomes_is_refused() {
        let mut d = room();
        d.mark(3, AttendanceStatus::Present);
        d.mark(1, AttendanceStatus::Absent);
        d.mark(2, AttendanceStatus::Absent);
        let day = d.instance();
        let r = replan_stored(&day, &stored(), 1, &d.panels, &d.members, &d.attendance);
        assert_eq!(r, Err(ReplanRefused::NoPanels));
        let none = DayInstance {
            instance: Instance::default(),
            ..DayInstance::default()
        };
        let r = replan_stored(&none, &[], 0, &[], &[], &[]);
        assert_eq!(r, Err(ReplanRefused::NoPanels));
    }
}
