//! End-to-end: import a French Excel CSV (cp1252) from the Participants screen, restart, it stays.
// A pseudo-terminal, signals and kill -9: unix only (the Windows check runs the rest under Wine).
#![cfg(unix)]

#[path = "e2e/harness.rs"]
mod harness;

use harness::Sandbox;

#[test]
fn a_cp1252_roster_imported_from_the_screen_survives_a_restart() {
    let sandbox = Sandbox::new();
    sandbox.with_demo();
    let db = sandbox.db();
    let db = db.to_str().unwrap();
    let file = format!(
        "{}/tests/data/roster/01_cp1252_semicolon.csv",
        env!("CARGO_MANIFEST_DIR")
    );

    let mut tui = sandbox.spawn(&["--db", db]);
    tui.wait_for("Présences —", 10);
    tui.keys("2");
    tui.wait_for("Participants —", 5);
    tui.keys("i");
    tui.wait_for("Importer une liste", 5);
    tui.keys(&file);
    tui.key("Enter");
    tui.wait_for("4 à ajouter", 5);
    tui.wait_for("Zoé Cœurdevey", 5);
    tui.key("Enter");
    tui.wait_for("Import terminé", 5);
    tui.keys("/");
    tui.keys("zoe");
    tui.key("Enter");
    tui.wait_for_line(&["Zoé Cœurdevey", "Boulangerie de l’Abbaye"], 5);
    tui.kill9();

    let mut tui = sandbox.spawn(&["--db", db]);
    tui.wait_for("Présences —", 10);
    tui.keys("2");
    tui.keys("/");
    tui.keys("garcon");
    tui.key("Enter");
    tui.wait_for_line(&["François Garçon", "soudeur"], 5);
    tui.keys("q");
    assert_eq!(tui.wait_exit(10), Some(0));
}
