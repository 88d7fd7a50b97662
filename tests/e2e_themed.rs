//! End-to-end: a themed day's run of show, running on the timer, survives kill -9 at the right
//! item and second (issue 22).
// A pseudo-terminal, signals and kill -9: unix only (the Windows check runs the rest under Wine).
#![cfg(unix)]

#[path = "e2e/harness.rs"]
mod harness;

use harness::{Sandbox, TODAY};
use passerelle::core::domain::{Session, SessionKind};

const THREE: &str = "[[item]]\ntitle = \"Les métiers du gros œuvre\"\nspeaker = \"Claire Roux (FFB Vienne)\"\nminutes = 20\n\n[[item]]\ntitle = \"Questions de la salle\"\nminutes = 10\nkind = \"questions\"\n\n[[item]]\ntitle = \"Échanges avec les entreprises\"\nminutes = 30\nkind = \"échanges\"\n";

/// Seconds left shown in the header after `label` (« Intervention 2/3 Questions 09:57 »).
fn seconds_left(screen: &str, label: &str) -> Option<i64> {
    let line = screen.lines().find(|l| l.contains(label))?;
    let rest = &line[line.find(label)? + label.len()..];
    let text = rest
        .split_whitespace()
        .find(|w| w.contains(':') && w.chars().next().is_some_and(|c| c.is_ascii_digit()))?;
    let (m, s) = text.split_once(':')?;
    Some(m.parse::<i64>().ok()? * 60 + s.get(..2)?.parse::<i64>().ok()?)
}

#[test]
fn the_run_of_show_resumes_at_the_right_item_after_kill_9() {
    let sandbox = Sandbox::new();
    sandbox.with_demo();
    let db = sandbox.db();
    {
        // A three-item themed day today, the session in use.
        let mut store = passerelle::store::Store::open(&db).unwrap();
        let cohort = store.list_cohorts().unwrap()[0].id;
        let id = store
            .insert_session(&Session {
                id: 0,
                cohort_id: cohort,
                kind: SessionKind::ThemedDay,
                date: chrono::NaiveDate::parse_from_str(TODAY, "%Y-%m-%d").unwrap(),
                start_time: chrono::NaiveTime::from_hms_opt(9, 30, 0),
                place: String::new(),
                title: "Journée bâtiment".into(),
            })
            .unwrap();
        let items = passerelle::core::agenda::parse(THREE.as_bytes()).unwrap();
        store.import_agenda(id, &items, &[]).unwrap();
        store.set_last_session(id).unwrap();
    }
    let db = db.to_str().unwrap();
    let mut tui = sandbox.open_day();
    // The timer view (Ctrl-T) runs the run of show: start, then on to the second item.
    tui.keys("\x14");
    tui.keys(" ");
    tui.wait_for("Intervention 1 / 3", 5);
    tui.keys("n");
    tui.wait_for("Intervention 2 / 3", 5);
    let started = std::time::Instant::now();
    std::thread::sleep(std::time::Duration::from_secs(3));
    tui.kill9();

    let tui = sandbox.spawn_sized(&["--db", db], 100, 30, &[]);
    tui.wait_for("Intervention 2/3", 10);
    let screen = tui.screen();
    let shown = seconds_left(&screen, "Intervention 2/3").expect("time left in the header");
    let uninterrupted = 10 * 60 - started.elapsed().as_secs() as i64;
    assert!(
        (shown - uninterrupted).abs() <= 1,
        "shown {shown}, expected {uninterrupted}: {screen}"
    );
}
