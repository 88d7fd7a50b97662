//! End-to-end: « Synchroniser » in the real binary (issue 23): `y` on Journée, then `e` writes a
//! bundle in the documents folder when no USB stick is plugged in.
// A pseudo-terminal: unix only (the Windows check runs the rest under Wine).
#![cfg(unix)]

#[path = "e2e/harness.rs"]
mod harness;

use harness::Sandbox;

/// The `.passerelle` files under `dir`, at any depth.
fn bundles(dir: &std::path::Path) -> Vec<std::path::PathBuf> {
    let mut out = Vec::new();
    for e in std::fs::read_dir(dir).into_iter().flatten().flatten() {
        let p = e.path();
        if p.is_dir() {
            out.extend(bundles(&p));
        } else if p.extension().is_some_and(|x| x == "passerelle") {
            out.push(p);
        }
    }
    out
}

#[test]
fn y_then_e_writes_a_bundle_in_the_documents_folder() {
    let sandbox = Sandbox::new();
    sandbox.with_demo();
    let db = sandbox.db();
    // A user with no /media folder: no stick, whatever this machine has plugged in.
    let env = [("USER", "passerelle-e2e-nobody")];
    let mut tui = sandbox.spawn_sized(&["--db", db.to_str().unwrap()], 100, 30, &env);
    tui.wait_for("Présences —", 10);
    tui.keys("1");
    tui.keys("y");
    tui.wait_for("Passerelle/synchro", 5);
    tui.wait_for("Aucun fichier .passerelle", 5);
    tui.keys("e");
    tui.wait_for("Paquet écrit", 10);
    tui.wait_for("passerelle-", 5);
    let found = bundles(sandbox.dir.path());
    assert_eq!(found.len(), 1, "{found:?}");
    assert!(found[0].parent().unwrap().ends_with("Passerelle/synchro"));
    tui.keys("q");
    tui.wait_exit(10).expect("q quits from the view");
}
