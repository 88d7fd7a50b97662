//! Property tests of the rotation clock's `position`, for the rotation's timetable and for a
//! themed day's run of show (core::agenda), which runs on the same clock.

use chrono::{Duration, NaiveDate, NaiveDateTime};
use passerelle::core::agenda::{self, AgendaItem, ItemKind};
use passerelle::core::clock::{ClockEvent, State, Timetable, position};
use passerelle::core::settings::SessionSettings;
use proptest::prelude::*;

fn t0() -> NaiveDateTime {
    NaiveDate::from_ymd_opt(2026, 10, 15)
        .unwrap()
        .and_hms_opt(9, 0, 0)
        .unwrap()
}

fn at(s: i64) -> NaiveDateTime {
    t0() + Duration::seconds(s)
}

fn tt(rounds: usize) -> Timetable {
    Timetable::new(rounds, &SessionSettings::default())
}

/// The rotation of eight rounds, or a random run of show (pauses flow on, items wait).
fn tables() -> impl Strategy<Value = Timetable> {
    let item = (1u32..90, 0usize..5).prop_map(|(minutes, k)| AgendaItem {
        title: "x".to_string(),
        speaker: None,
        minutes,
        kind: ItemKind::ALL[k],
    });
    prop_oneof![
        Just(tt(8)),
        proptest::collection::vec(item, 1..10)
            .prop_map(|items| agenda::timetable(&items, &SessionSettings::default())),
    ]
}

/// Random facilitator events after a start at 0 (skips, nudges, pauses and resumes).
fn events() -> impl Strategy<Value = Vec<ClockEvent>> {
    proptest::collection::vec((0i64..30_000, 0u8..4, -600i64..600), 0..12).prop_map(|raw| {
        let mut out = vec![ClockEvent::Start(at(0))];
        let mut paused = false;
        let mut sorted = raw;
        sorted.sort_by_key(|r| r.0);
        // Distinct instants: events at the same instant keep their recorded order (the store
        // returns them by time then id), so only distinct instants may be shuffled.
        for (i, (t, kind, n)) in sorted.into_iter().enumerate() {
            let t = t + i as i64;
            let e = match kind {
                0 => ClockEvent::Skip(at(t + 1)),
                1 => ClockEvent::Nudge(at(t + 1), n),
                _ if paused => {
                    paused = false;
                    ClockEvent::Resume(at(t + 1))
                }
                _ => {
                    paused = true;
                    ClockEvent::Pause(at(t + 1))
                }
            };
            out.push(e);
        }
        out
    })
}

proptest! {
    #[test]
    fn without_new_events_time_only_moves_forward(tt in tables(), evs in events(), a in 0i64..40_000, d in 0i64..5_000) {
        let last = evs.iter().map(|e| e.at()).max().unwrap();
        let t1 = last.max(at(a));
        let p1 = position(&tt, &evs, t1);
        let p2 = position(&tt, &evs, t1 + Duration::seconds(d));
        prop_assert!(p2.phase >= p1.phase || p1.state == State::Over);
        if p1.phase == p2.phase && p1.state == State::Running && p2.state == State::Running {
            prop_assert_eq!(p1.remaining - p2.remaining, d, "a running phase loses exactly the time passed");
        }
        if p1.state == State::Paused {
            prop_assert_eq!(p1, p2, "a paused clock does not move");
        }
    }

    #[test]
    fn pause_then_resume_keeps_the_time_left(tt in tables(), start in 0i64..1_000, pause in 1i64..1_100, wait in 0i64..10_000) {
        let evs = vec![ClockEvent::Start(at(start)), ClockEvent::Pause(at(start + pause))];
        let before = position(&tt, &evs, at(start + pause));
        let mut resumed = evs.clone();
        resumed.push(ClockEvent::Resume(at(start + pause + wait)));
        let after = position(&tt, &resumed, at(start + pause + wait));
        prop_assert_eq!(before.phase, after.phase);
        prop_assert_eq!(before.remaining, after.remaining);
    }

    #[test]
    fn a_nudge_adds_exactly_its_seconds(tt in tables(), when in 0i64..1_100, n in -600i64..600) {
        let base = vec![ClockEvent::Start(at(0))];
        let mut nudged = base.clone();
        nudged.push(ClockEvent::Nudge(at(when), n));
        let a = position(&tt, &base, at(when));
        let b = position(&tt, &nudged, at(when));
        // A break a nudge shortens past its end flows on: only a waiting phase keeps it exactly.
        prop_assume!(tt.phases[a.phase].kind.waits() || a.remaining + n >= 0);
        // Once the last phase is over there is nothing left to lengthen.
        prop_assume!(a.state != State::Over);
        prop_assert_eq!(b.remaining - a.remaining, n);
    }

    #[test]
    fn replaying_the_stored_events_in_any_order_gives_the_same_position(tt in tables(), evs in events(), now in 0i64..40_000) {
        let mut shuffled = evs.clone();
        shuffled.reverse();
        prop_assert_eq!(position(&tt, &evs, at(now)), position(&tt, &shuffled, at(now)));
    }

    #[test]
    fn the_expected_end_is_never_before_the_phase_ends(tt in tables(), evs in events(), now in 0i64..40_000) {
        let p = position(&tt, &evs, at(now));
        if p.state == State::Running {
            let end = p.expected_end.unwrap();
            prop_assert!(end >= at(now) + Duration::seconds(p.remaining.max(0)));
        }
    }
}

#[test]
fn a_suspended_laptop_wakes_in_the_right_phase() {
    // Round 1 ended on time at 09:20; the lid closed at 09:21 and opened at 10:21.
    let tt = tt(8);
    let evs = [ClockEvent::Start(at(0)), ClockEvent::Skip(at(20 * 60))];
    let p = position(&tt, &evs, at(81 * 60));
    // Feedback (5) and changeover (2) flowed on; round 2's interview started at 09:27 and is
    // 34 minutes over by 10:21.
    assert_eq!(tt.phases[p.phase].round, 1);
    assert_eq!(p.remaining, 20 * 60 - (81 - 27) * 60);
}
