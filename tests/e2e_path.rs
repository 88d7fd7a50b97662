//! End-to-end (issue 19): from an information meeting to a selected cohort, by keyboard, with the
//! real binary. 9 keys after the start: `p` marks the prospect present at the information meeting
//! (she becomes « informée »), `2` `v` open the selection view, Space → Space → Space (5 keys) tick
//! the three criteria « oui », `r` retains her (Échap `q` to quit, not counted).
// A pseudo-terminal: unix only (the Windows check runs the rest under Wine).
#![cfg(unix)]

mod common;
#[path = "e2e/harness.rs"]
mod harness;

use harness::{Sandbox, TODAY};
use passerelle::core::domain::{Session, SessionKind};
use passerelle::core::path::{Mark, Status};

#[test]
fn a_prospect_goes_from_the_information_meeting_to_retained_in_nine_keys() {
    let sandbox = Sandbox::new();
    let (cohort, lea) = {
        let mut store = passerelle::store::Store::open(&sandbox.db()).unwrap();
        let cohort = store
            .insert_cohort(&common::named_cohort("Promo Vivonne 2027"))
            .unwrap();
        let lea = store
            .insert_member(cohort, &common::candidate("Léa", "Martin"))
            .unwrap();
        let meeting = store
            .insert_session(&Session {
                id: 0,
                cohort_id: cohort,
                kind: SessionKind::InfoMeeting,
                date: chrono::NaiveDate::parse_from_str(TODAY, "%Y-%m-%d").unwrap(),
                start_time: None,
                place: String::new(),
                title: String::new(),
            })
            .unwrap();
        store.set_last_session(meeting).unwrap();
        (cohort, lea)
    };
    let mut tui = sandbox.open_day();
    tui.wait_for("Léa", 5);
    let mut keys = 0;
    let mut press = |tui: &mut harness::Tui, k: &str| {
        keys += 1;
        tui.keys(k);
    };
    press(&mut tui, "p");
    press(&mut tui, "2");
    tui.wait_for("Participants —", 5);
    press(&mut tui, "v");
    tui.wait_for("retenus 0/12", 5);
    // Motivation, coherence, local priority: « oui » each.
    for k in [" ", "\x1b[C", " ", "\x1b[C", " "] {
        press(&mut tui, k);
    }
    press(&mut tui, "r");
    tui.wait_for("retenus 1/12", 5);
    tui.key("Esc");
    tui.keys("q");
    assert_eq!(tui.wait_exit(10), Some(0));
    let store = passerelle::store::Store::open(&sandbox.db()).unwrap();
    let h = store.status_history(cohort, lea).unwrap();
    let statuses: Vec<Status> = h.iter().map(|c| c.status).collect();
    assert_eq!(statuses, [Status::Informed, Status::Selected]);
    assert_eq!(h[1].criteria.marks(), [Some(Mark::Yes); 3]);
    assert_eq!(keys, 9);
}
