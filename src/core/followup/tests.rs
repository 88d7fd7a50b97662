use super::*;

fn d(y: i32, m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, day).expect("valid date")
}

const TODAY: (i32, u32, u32) = (2026, 12, 1);

fn today() -> NaiveDate {
    d(TODAY.0, TODAY.1, TODAY.2)
}

fn person(id: Id, release: Option<NaiveDate>) -> Followed {
    Followed {
        candidate_id: id,
        release,
    }
}

fn contact(id: Id, date: NaiveDate) -> Contact {
    Contact::new(1, id, date)
}

fn outcome(id: Id, m: Milestone) -> Outcome {
    Outcome {
        id: 0,
        cohort_id: 1,
        candidate_id: id,
        milestone: m,
        category: "cdi".into(),
        employer: String::new(),
        start: None,
        source: None,
        source_id: None,
        recorded_on: today(),
    }
}

/// The codes of one person's lines, contacted today so that silence does not show.
fn codes_for(release: Option<NaiveDate>, outcomes: &[Outcome]) -> Vec<Due> {
    worklist(
        today(),
        WorklistRules::default(),
        &[person(1, release)],
        &[contact(1, today())],
        outcomes,
        &[],
    )
    .into_iter()
    .map(|w| w.due)
    .collect()
}

/// An outcome line of the worklist.
fn outcome_due(milestone: Milestone, target: NaiveDate, late: bool) -> Due {
    Due::OutcomeDue {
        milestone,
        target,
        late,
    }
}

#[test]
fn unknown_release_is_said_not_hidden() {
    assert_eq!(codes_for(None, &[]), [Due::ReleaseUnknown]);
}

#[test]
fn release_within_eight_weeks_inclusive_and_not_before_today() {
    let t = today();
    let at = |days: i64| codes_for(Some(t + Duration::days(days)), &[]);
    assert_eq!(
        at(56),
        [Due::ReleaseSoon {
            release: t + Duration::days(56),
            days: 56
        }]
    );
    assert!(at(57).is_empty(), "8 weeks and a day: not yet");
    assert_eq!(
        at(0).first(),
        Some(&Due::ReleaseSoon {
            release: t,
            days: 0
        })
    );
    assert!(
        !at(-1).iter().any(|d| matches!(d, Due::ReleaseSoon { .. })),
        "released yesterday: no longer « soon »"
    );
}

#[test]
fn silence_counts_from_four_weeks_and_never_contacted_is_silent() {
    let t = today();
    // One person released well after today, with these contacts.
    let lines = |contacts: &[Contact]| {
        worklist(
            t,
            WorklistRules::default(),
            &[person(1, Some(d(2027, 6, 1)))],
            contacts,
            &[],
            &[],
        )
    };
    let silent = |last: Option<i64>| {
        let contacts: Vec<Contact> = last
            .map(|n| contact(1, t - Duration::days(n)))
            .into_iter()
            .collect();
        lines(&contacts)
            .iter()
            .any(|w| matches!(w.due, Due::NoContact { .. }))
    };
    assert!(!silent(Some(27)));
    assert!(silent(Some(28)));
    assert!(silent(None));
    // A contact planned in the future does not count as one.
    let future = lines(&[contact(1, t + Duration::days(3))]);
    assert_eq!(future[0].due, Due::NoContact { last: None });
}

#[test]
fn outcome_at_release_is_due_two_weeks_ahead_and_late_two_weeks_after() {
    let t = today();
    let outcome_lines = |release: NaiveDate| -> Vec<Due> {
        codes_for(Some(release), &[])
            .into_iter()
            .filter(|d| matches!(d, Due::OutcomeDue { .. }))
            .collect()
    };
    assert!(outcome_lines(t + Duration::days(15)).is_empty());
    let r = t + Duration::days(14);
    assert_eq!(
        outcome_lines(r),
        [outcome_due(Milestone::Release, r, false)]
    );
    let r = t - Duration::days(14);
    assert_eq!(
        outcome_lines(r),
        [outcome_due(Milestone::Release, r, false)]
    );
    let r = t - Duration::days(15);
    assert_eq!(outcome_lines(r), [outcome_due(Milestone::Release, r, true)]);
}

#[test]
fn three_and_six_months_follow_the_calendar_with_a_two_week_window() {
    let recorded_release = [outcome(1, Milestone::Release)];
    // 3-month target 15 days ago: late; 14 days ago: the window's last day.
    let release = d(2026, 8, 16);
    assert_eq!(Milestone::Month3.target(release), d(2026, 11, 16));
    let lines = codes_for(Some(release), &recorded_release);
    assert_eq!(
        lines,
        [outcome_due(Milestone::Month3, d(2026, 11, 16), true)]
    );
    let release = d(2026, 8, 17);
    assert_eq!(
        codes_for(Some(release), &recorded_release),
        [outcome_due(Milestone::Month3, d(2026, 11, 17), false)]
    );
    // 3-month target two weeks and a day ahead: nothing yet.
    assert!(codes_for(Some(d(2026, 9, 16)), &recorded_release).is_empty());
    assert_eq!(
        codes_for(Some(d(2026, 9, 15)), &recorded_release).len(),
        1,
        "two weeks ahead: due"
    );
    // Six months: recorded release and 3 months, the 6-month one comes due.
    let both = [
        outcome(1, Milestone::Release),
        outcome(1, Milestone::Month3),
    ];
    assert_eq!(
        codes_for(Some(d(2026, 6, 15)), &both),
        [outcome_due(Milestone::Month6, d(2026, 12, 15), false)]
    );
    assert!(codes_for(Some(d(2026, 6, 16)), &both).is_empty());
    let all = [
        outcome(1, Milestone::Release),
        outcome(1, Milestone::Month3),
        outcome(1, Milestone::Month6),
    ];
    assert!(codes_for(Some(d(2025, 1, 1)), &all).is_empty());
}

#[test]
fn at_release_actions_come_due_on_the_release_and_dated_ones_the_day_after() {
    let t = today();
    let action = |id: Id, condition: &str, due: Option<NaiveDate>, status: &str| ActionItem {
        id,
        candidate_id: 1,
        condition: condition.into(),
        due,
        status: status.into(),
        ..ActionItem::default()
    };
    let actions = [
        action(10, "at_release", None, "todo"),
        action(11, "none", Some(t - Duration::days(1)), "in_progress"),
        action(12, "none", Some(t), "todo"),
        action(13, "none", Some(t - Duration::days(5)), "done"),
    ];
    let lines = |release: NaiveDate| -> Vec<Due> {
        worklist(
            t,
            WorklistRules::default(),
            &[person(1, Some(release))],
            &[contact(1, t)],
            &[outcome(1, Milestone::Release)],
            &actions,
        )
        .into_iter()
        .map(|w| w.due)
        .filter(|d| matches!(d, Due::AtRelease { .. } | Due::Overdue { .. }))
        .collect()
    };
    assert_eq!(
        lines(t),
        [
            Due::AtRelease { action_id: 10 },
            Due::Overdue {
                action_id: 11,
                due: t - Duration::days(1)
            }
        ]
    );
    assert_eq!(
        lines(t + Duration::days(1)),
        [Due::Overdue {
            action_id: 11,
            due: t - Duration::days(1)
        }]
    );
}

/// A « parrainage » proposal for `candidate`, offered by `by`.
fn mentoring(candidate: Id, by: Id) -> crate::core::feedback::Proposal {
    crate::core::feedback::Proposal {
        candidate_id: candidate,
        offered_by: Some(by),
        kind: "mentoring".into(),
        ..Default::default()
    }
}

#[test]
fn a_mentoring_proposal_becomes_a_pairing_and_nothing_else_does() {
    let p = mentoring(4, 9);
    let pairing = Pairing::from_proposal(1, &p, today()).expect("a pairing");
    assert_eq!(
        (
            pairing.mentor_id,
            pairing.candidate_id,
            pairing.start,
            pairing.status
        ),
        (9, 4, today(), PairingStatus::Active)
    );
    let advice = crate::core::feedback::Proposal {
        kind: "advice".into(),
        ..p.clone()
    };
    assert_eq!(Pairing::from_proposal(1, &advice, today()), None);
    let nobody = crate::core::feedback::Proposal {
        offered_by: None,
        ..p
    };
    assert_eq!(Pairing::from_proposal(1, &nobody, today()), None);
}

#[test]
fn outcome_before_release_is_flagged_not_refused() {
    let mut o = outcome(1, Milestone::Release);
    o.start = Some(d(2026, 11, 1));
    assert!(o.before_release(Some(d(2026, 12, 1))));
    assert!(!o.before_release(Some(d(2026, 11, 1))));
    assert!(!o.before_release(None));
}

#[test]
fn counts_group_lines_by_kind() {
    let items = worklist(
        today(),
        WorklistRules::default(),
        &[person(1, None), person(2, None), person(3, Some(today()))],
        &[contact(3, today())],
        &[],
        &[],
    );
    assert_eq!(
        worklist_counts(&items),
        [
            ("release_unknown", 2),
            ("no_contact", 2),
            ("release_soon", 1),
            ("outcome", 1)
        ]
    );
}

#[test]
fn checklist_lists_every_item_with_the_stored_answers() {
    let stored = [CheckEntry {
        cohort_id: 1,
        candidate_id: 4,
        item: CheckItem::IdPapers,
        answer: Some(CheckAnswer::InProgress),
        note: "CNI demandée".into(),
    }];
    let list = checklist(1, 4, &stored);
    assert_eq!(list.len(), 6);
    assert_eq!(list[4].answer, Some(CheckAnswer::InProgress));
    assert!(list.iter().filter(|e| e.answer.is_none()).count() == 5);
    assert_eq!(CheckAnswer::NotApplicable.next(), CheckAnswer::Yes);
    assert_eq!(ContactKind::from_code("spip"), Some(ContactKind::Spip));
    assert_eq!(ContactKind::from_code("??"), None);
}

#[test]
fn a_mentoring_proposal_pairs_once_per_mentor() {
    let p = mentoring(4, 9);
    let made = pairing_for(1, &[], &p, today()).expect("a pairing");
    assert_eq!((made.mentor_id, made.candidate_id), (9, 4));
    assert_eq!(
        pairing_for(1, std::slice::from_ref(&made), &p, today()),
        Err(PairingRefusal::Exists { mentor_id: 9 })
    );
    let other = crate::core::feedback::Proposal {
        offered_by: Some(10),
        ..p.clone()
    };
    assert!(pairing_for(1, std::slice::from_ref(&made), &other, today()).is_ok());
    let advice = crate::core::feedback::Proposal {
        kind: "advice".into(),
        ..p
    };
    assert_eq!(
        pairing_for(1, &[], &advice, today()),
        Err(PairingRefusal::NotMentoring)
    );
}

#[test]
fn ending_a_pairing_dates_its_end_today_unless_given() {
    let p = Pairing {
        id: 3,
        cohort_id: 1,
        mentor_id: 9,
        candidate_id: 4,
        start: d(2026, 9, 1),
        end: None,
        status: PairingStatus::Active,
    };
    let ended = p.edited(p.start, None, PairingStatus::Ended, today());
    assert_eq!(
        (ended.end, ended.status, ended.id),
        (Some(today()), PairingStatus::Ended, 3)
    );
    let stopped = p.edited(
        p.start,
        Some(d(2026, 10, 2)),
        PairingStatus::Stopped,
        today(),
    );
    assert_eq!(stopped.end, Some(d(2026, 10, 2)));
    let again = ended.edited(d(2026, 9, 2), None, PairingStatus::Active, today());
    assert_eq!((again.end, again.start), (None, d(2026, 9, 2)));
    assert_eq!(
        mentors_of(
            &[
                p.clone(),
                Pairing {
                    mentor_id: 7,
                    ..p.clone()
                },
                p
            ],
            4
        ),
        [9, 7]
    );
}

#[test]
fn mentors_come_inside_while_their_pairing_runs_and_the_candidate_is_not_released() {
    use crate::core::domain::{Member, Role};
    let pairing = |mentor: Id, candidate: Id, status| Pairing {
        id: 0,
        cohort_id: 1,
        mentor_id: mentor,
        candidate_id: candidate,
        start: d(2026, 10, 1),
        end: None,
        status,
    };
    let mut released = Member::blank(5, Role::Candidate);
    released.sensitive.release_date = Some(d(2026, 10, 10));
    let mut later = Member::blank(6, Role::Candidate);
    later.sensitive.release_date = Some(d(2026, 12, 1));
    let unknown = Member::blank(4, Role::Candidate);
    let members = [unknown, released, later];
    let pairings = [
        pairing(9, 4, PairingStatus::Active),
        pairing(9, 6, PairingStatus::Active),
        pairing(10, 5, PairingStatus::Active),
        pairing(11, 6, PairingStatus::Stopped),
        Pairing {
            end: Some(d(2026, 10, 14)),
            ..pairing(12, 6, PairingStatus::Active)
        },
    ];
    assert_eq!(mentors_inside(&pairings, &members, today()), [9]);
    // Before the release and within the dates: both come in; before any pairing, nobody.
    assert_eq!(
        mentors_inside(&pairings, &members, d(2026, 10, 5)),
        [9, 10, 12]
    );
    assert!(mentors_inside(&pairings, &members, d(2026, 9, 30)).is_empty());
}
