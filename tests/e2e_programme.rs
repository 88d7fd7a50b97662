//! End-to-end: set up a promotion and its job-training day from an empty database, by keyboard.
// A pseudo-terminal, signals and kill -9: unix only (the Windows check runs the rest under Wine).
#![cfg(unix)]

#[path = "e2e/harness.rs"]
mod harness;

use harness::Sandbox;

#[test]
fn a_cohort_and_its_job_training_day_are_created_by_keyboard_and_survive_a_restart() {
    let sandbox = Sandbox::new();
    let db = sandbox.db();
    let db = db.to_str().unwrap();
    let mut tui = sandbox.spawn(&["--db", db]);
    tui.wait_for("Touche c", 10);
    tui.keys("c");
    tui.wait_for("Nouvelle promotion", 5);
    tui.keys("Promo Poitiers 2027");
    tui.key("Tab");
    tui.keys("Centre pénitentiaire de Vivonne");
    tui.key("Tab");
    tui.keys("12/01/2027");
    tui.key("Esc");
    tui.wait_for("Promotion « Promo Poitiers 2027 » créée", 5);
    tui.keys("n");
    tui.wait_for("Nouvelle séance", 5);
    tui.key("Tab");
    for _ in 0..10 {
        tui.key("Backspace");
    }
    tui.keys("15/02/2027");
    tui.key("Enter");
    tui.wait_for("Séance créée et choisie", 5);
    tui.keys("q");
    assert_eq!(tui.wait_exit(10), Some(0));

    let mut tui = sandbox.spawn(&["--db", db]);
    // Reopens on the session just created: its cohort and date are in the header.
    tui.wait_for("Présences — Job training lun. 15 févr.", 10);
    tui.wait_for("Promo Poitiers 2027", 5);
    tui.keys("q");
    assert_eq!(tui.wait_exit(10), Some(0));

    let out = std::process::Command::new(env!("CARGO_BIN_EXE_passerelle"))
        .args(["--db", db, "list", "sessions", "--json"])
        .env_remove("PASSERELLE_DB")
        .output()
        .unwrap();
    assert!(out.status.success());
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["schema_version"], 1);
    let sessions = v["sessions"].as_array().unwrap();
    assert_eq!(sessions.len(), 1);
    assert_eq!(sessions[0]["kind"], "job_training");
    assert_eq!(sessions[0]["date"], "2027-02-15");
    assert_eq!(sessions[0]["start_time"], "09:00");

    let out = std::process::Command::new(env!("CARGO_BIN_EXE_passerelle"))
        .args(["--db", db, "list", "cohorts", "--json"])
        .output()
        .unwrap();
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["cohorts"][0]["name"], "Promo Poitiers 2027");
    assert_eq!(v["cohorts"][0]["start_date"], "2027-01-12");
}

#[test]
fn new_refuses_bad_input_with_every_reason_and_writes_nothing() {
    let sandbox = Sandbox::new();
    let db = sandbox.db();
    let db = db.to_str().unwrap();
    let run = |args: &[&str]| {
        std::process::Command::new(env!("CARGO_BIN_EXE_passerelle"))
            .arg("--db")
            .arg(db)
            .args(args)
            .env("PASSERELLE_LANG", "fr")
            .output()
            .unwrap()
    };
    let ok = run(&[
        "new",
        "cohort",
        "--name",
        "Promo 2027",
        "--start",
        "12/01/2027",
        "--json",
    ]);
    assert!(ok.status.success());
    let id: serde_json::Value = serde_json::from_slice(&ok.stdout).unwrap();
    let id = id["id"].as_i64().unwrap().to_string();
    let bad = run(&[
        "new",
        "session",
        "--cohort",
        &id,
        "--kind",
        "pique-nique",
        "--date",
        "31/02/2027",
    ]);
    assert_eq!(bad.status.code(), Some(2));
    let err = String::from_utf8_lossy(&bad.stderr);
    assert!(
        err.contains("pique-nique") && err.contains("31/02/2027"),
        "{err}"
    );
    let list = run(&["list", "sessions", "--json"]);
    let v: serde_json::Value = serde_json::from_slice(&list.stdout).unwrap();
    assert!(v["sessions"].as_array().unwrap().is_empty());
    let good = run(&[
        "new",
        "session",
        "--cohort",
        &id,
        "--kind",
        "job training",
        "--date",
        "15/02/2027",
        "--interviews",
        "5",
    ]);
    assert!(
        good.status.success(),
        "{}",
        String::from_utf8_lossy(&good.stderr)
    );
}

/// Issue 18 point 6: the new session's default date is « today » of the injectable clock
/// (PASSERELLE_TODAY, 15/10/2026 in the harness), not the system date. Failed before.
#[test]
fn a_new_session_defaults_to_the_injected_today() {
    let sandbox = Sandbox::new();
    let db = sandbox.db();
    let mut tui = sandbox.spawn(&["--db", db.to_str().unwrap()]);
    tui.wait_for("Touche c", 10);
    tui.keys("c");
    tui.wait_for("Nouvelle promotion", 5);
    tui.keys("Promo horloge");
    tui.key("Enter");
    tui.wait_for("Promo horloge", 5);
    tui.keys("n");
    tui.wait_for("Nouvelle séance", 5);
    tui.wait_for("15/10/2026", 5);
    tui.key("Esc");
    tui.keys("q");
    assert_eq!(tui.wait_exit(10), Some(0));
}
