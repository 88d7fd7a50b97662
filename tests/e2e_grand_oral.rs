//! End-to-end: the grand oral on the real binary — a proposal captured live survives kill -9, and the
//! export command writes a partner-safe, private file and refuses what it cannot do.
// A pseudo-terminal, signals and kill -9: unix only (the Windows check runs the rest under Wine).
#![cfg(unix)]

#[path = "e2e/harness.rs"]
mod harness;

use harness::Sandbox;

fn evening(sandbox: &Sandbox) -> String {
    let db = sandbox.db().display().to_string();
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_passerelle"))
        .args([
            "--db", &db, "--lang", "fr", "demo", "--stage", "evening", "--no-ui",
        ])
        .env("PASSERELLE_TODAY", harness::TODAY)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    db
}

fn export(db: &str, args: &[&str]) -> std::process::Output {
    std::process::Command::new(env!("CARGO_BIN_EXE_passerelle"))
        .args(["--db", db, "--lang", "fr", "export"])
        .args(args)
        .env("PASSERELLE_TODAY", harness::TODAY)
        .output()
        .unwrap()
}

#[test]
fn a_live_proposal_survives_kill_9() {
    let sandbox = Sandbox::new();
    let db = evening(&sandbox);
    let mut tui = sandbox.spawn(&["--db", &db]);
    tui.wait_for("Présences —", 10);
    tui.keys("6");
    tui.wait_for("Grand oral · ", 5);
    tui.keys("\x0f"); // Ctrl-O
    tui.wait_for("Proposition — ", 5);
    tui.keys("3");
    tui.keys("Chantier école Vivonne");
    tui.key("Enter");
    tui.wait_for_line(&["Chantier école Vivonne", "proposée"], 5);
    tui.kill9();

    let mut again = sandbox.spawn(&["--db", &db]);
    again.wait_for("Présences —", 10);
    again.keys("6");
    again.wait_for_line(&["Chantier école Vivonne", "proposée"], 5);
    again.keys("q");
    again.wait_exit(10).expect("quits");
}

#[test]
fn the_export_command_writes_a_private_partner_file_and_refuses_clearly() {
    let sandbox = Sandbox::new();
    let db = evening(&sandbox);
    let out_file = sandbox.dir.path().join("synthese.md");
    let out = export(&db, &["--format", "md", "-o", out_file.to_str().unwrap()]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(String::from_utf8_lossy(&out.stdout).contains("Synthèse écrite"));
    let text = std::fs::read_to_string(&out_file).unwrap();
    assert!(text.contains("Version partenaires"));
    assert!(
        !text.contains("Benali"),
        "partner names are first name + initial"
    );
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(&out_file).unwrap().permissions().mode();
        assert_eq!(mode & 0o777, 0o600);
    }
    // A session that is not summarised, an unknown one, a folder that does not exist: clear, exit 2.
    for (args, says) in [
        (vec!["--session", "1"], "job training ou un grand oral"),
        (vec!["--session", "999"], "aucune séance d'identifiant 999"),
        (vec!["-o", "/nonexistent/dir/x.html"], "Rien n'a été écrit"),
    ] {
        let out = export(&db, &args);
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(err.contains(says), "{args:?}: {err}");
    }
}
