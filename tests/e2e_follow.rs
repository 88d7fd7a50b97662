//! End-to-end: a second window on the same database is read-only and follows the first
//! (how the timer goes on a projector), and writing commands wait for the writer to close.
// A pseudo-terminal, signals and kill -9: unix only (the Windows check runs the rest under Wine).
#![cfg(unix)]

#[path = "e2e/harness.rs"]
mod harness;

use harness::Sandbox;

#[test]
fn a_second_window_follows_the_first_read_only() {
    let sandbox = Sandbox::new();
    sandbox.with_demo();
    let db = sandbox.db();
    let db = db.to_str().unwrap();
    let mut writer = sandbox.spawn(&["--db", db]);
    writer.wait_for("Présences —", 10);
    let mut follower = sandbox.spawn(&["--db", db]);
    follower.wait_for("LECTURE SEULE", 10);
    follower.wait_for_line(&["Yanis ", "attendu"], 5);

    writer.keys("p");
    writer.wait_for_line(&["Yanis ", "présent"], 5);
    follower.wait_for_line(&["Yanis ", "présent"], 5);

    // The follower refuses to write and says why.
    follower.keys("j");
    follower.keys("a");
    follower.wait_for("Lecture seule", 5);

    // A writing command is refused while the writer runs, and works once it has quit.
    let file = format!(
        "{}/tests/data/roster/02_utf8_bom.csv",
        env!("CARGO_MANIFEST_DIR")
    );
    let run = || {
        std::process::Command::new(env!("CARGO_BIN_EXE_passerelle"))
            .args(["--db", db, "--lang", "fr", "import", "roster", &file])
            .env("PASSERELLE_TODAY", harness::TODAY)
            .output()
            .unwrap()
    };
    let refused = run();
    assert_eq!(refused.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&refused.stderr).contains("ouverte dans Passerelle"));
    writer.keys("q");
    assert_eq!(writer.wait_exit(10), Some(0));
    follower.keys("q");
    assert_eq!(follower.wait_exit(10), Some(0));
    assert!(run().status.success());
}
