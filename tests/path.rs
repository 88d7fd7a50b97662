//! Property tests of the candidate's path (issue 19): any sequence of accepted changes gives a
//! consistent history, and the funnel's counts are the people in each status.

use chrono::{Duration, NaiveDate};
use passerelle::core::path::{
    Change, Funnel, PathError, STAGES, Status, Withdrawal, apply, current, furthest, validate,
};
use proptest::prelude::*;

fn day0() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 9, 1).unwrap()
}

/// A proposed change: a status, a day offset (possibly before the last), a reason or not.
fn proposal() -> impl Strategy<Value = (usize, i64, bool, usize)> {
    (0usize..8, -3i64..10, any::<bool>(), 0usize..6)
}

fn build(raw: &[(usize, i64, bool, usize)]) -> (Vec<Change>, usize) {
    let mut h: Vec<Change> = vec![];
    let mut refused = 0;
    let mut day = day0();
    for &(s, step, reason, why) in raw {
        let mut c = Change::new(Status::ALL[s], day + Duration::days(step));
        if reason {
            c.note = "raison".into();
            c.withdrawal = Some(Withdrawal::ALL[why]);
        }
        let before = h.clone();
        match apply(&mut h, c.clone()) {
            Ok(()) => {
                assert_eq!(h.len(), before.len() + 1);
                assert_eq!(&h[..before.len()], before.as_slice(), "never overwritten");
                day = c.date;
            }
            Err(e) => {
                assert_eq!(h, before, "a refused change leaves the history as it was");
                assert!(matches!(
                    e,
                    PathError::Unchanged
                        | PathError::BeforeLatest { .. }
                        | PathError::WithdrawalBeforeReferral { .. }
                        | PathError::WithdrawalWithoutReason
                        | PathError::BackWithoutReason
                ));
                refused += 1;
            }
        }
    }
    (h, refused)
}

proptest! {
    #[test]
    fn accepted_changes_give_a_consistent_history(raw in proptest::collection::vec(proposal(), 0..25)) {
        let (h, _) = build(&raw);
        // Dates never go backwards, no two rows in a row repeat a status, every withdrawal has
        // its reason and is not dated before the referral, every step back says why.
        for pair in h.windows(2) {
            prop_assert!(pair[0].date <= pair[1].date);
            prop_assert_ne!(pair[0].status, pair[1].status);
        }
        for (i, c) in h.iter().enumerate() {
            prop_assert_eq!(validate(&h[..i], c), Ok(()));
            if c.status == Status::Withdrew {
                prop_assert!(c.withdrawal.is_some());
            }
        }
        prop_assert_eq!(current(&h), h.last().map(|c| c.status));
    }

    #[test]
    fn funnel_counts_equal_people_per_status(people in proptest::collection::vec(proptest::collection::vec(proposal(), 0..12), 0..30)) {
        let histories: Vec<Vec<Change>> = people.iter().map(|raw| build(raw).0).collect();
        let f = Funnel::count(histories.iter().map(Vec::as_slice));
        for s in Status::ALL {
            let n = histories.iter().filter(|h| current(h) == Some(s)).count();
            prop_assert_eq!(f.now(s), n);
        }
        prop_assert_eq!(f.people(), histories.iter().filter(|h| !h.is_empty()).count());
        prop_assert_eq!(f.withdrawn(), f.now(Status::Withdrew));
        // Each stage holds at most as many people as the one before it.
        for w in f.reached.windows(2) {
            prop_assert!(w[0] >= w[1]);
        }
        for (i, stage) in STAGES.iter().enumerate() {
            let n = histories.iter().filter(|h| furthest(h).is_some_and(|r| r >= i)).count();
            prop_assert_eq!(f.reached(*stage), n);
        }
    }
}

#[test]
fn roster_files_accept_the_path_roles() {
    use passerelle::core::domain::{Role, StaffRole};
    let csv = "Nom;Prénom;Rôle\nMartin;Claire;CPIP\nLeroy;Paul;Pôle emploi\nNdiaye;Awa;Conseillère France Travail\nRoux;Jean;Parrain\nPetit;Léa;marraine\n";
    let r = passerelle::core::roster::parse(csv.as_bytes(), None).unwrap();
    let roles: Vec<(Role, Option<StaffRole>)> = r
        .people
        .iter()
        .map(|p| (p.role.unwrap(), p.staff_role))
        .collect();
    assert_eq!(
        roles,
        [
            (Role::Staff, Some(StaffRole::Cpip)),
            (Role::Staff, Some(StaffRole::FranceTravail)),
            (Role::Staff, Some(StaffRole::FranceTravail)),
            (Role::Staff, Some(StaffRole::Mentor)),
            (Role::Staff, Some(StaffRole::Mentor)),
        ]
    );
}
