//! End-to-end: the timer survives kill -9 at the right second.
// A pseudo-terminal, signals and kill -9: unix only (the Windows check runs the rest under Wine).
#![cfg(unix)]

#[path = "e2e/harness.rs"]
mod harness;

use harness::Sandbox;

/// Seconds left shown in the header (« Entretien 19:57 »).
fn seconds_left(screen: &str) -> Option<i64> {
    let line = screen.lines().next()?;
    let at = line.find("Entretien ")? + "Entretien ".len();
    let text: String = line[at..].chars().take(5).collect();
    let (m, s) = text.split_once(':')?;
    Some(m.trim_start_matches('+').parse::<i64>().ok()? * 60 + s.parse::<i64>().ok()?)
}

#[test]
fn the_timer_resumes_at_the_right_second_after_kill_9() {
    let sandbox = Sandbox::new();
    sandbox.with_demo();
    let db = sandbox.db();
    let db = db.to_str().unwrap();
    let mut tui = sandbox.open_day();
    tui.generate_plan();
    tui.keys(" ");
    tui.wait_for("Tour 1/7 Entretien", 5);
    let started = std::time::Instant::now();
    std::thread::sleep(std::time::Duration::from_secs(3));
    tui.kill9();

    let tui = sandbox.spawn_sized(&["--db", db], 100, 30, &[]);
    tui.wait_for("Tour 1/7 Entretien", 10);
    let shown = seconds_left(&tui.screen()).expect("time left in the header");
    let uninterrupted = 20 * 60 - started.elapsed().as_secs() as i64;
    assert!(
        (shown - uninterrupted).abs() <= 1,
        "shown {shown}, expected {uninterrupted}"
    );
}
