//! End-to-end: the real binary in a pseudo-terminal — attendance survives kill -9, and the
//! terminal is restored after a panic or SIGTERM.
// A pseudo-terminal, signals and kill -9: unix only (the Windows check runs the rest under Wine).
#![cfg(unix)]

#[path = "e2e/harness.rs"]
mod harness;

use harness::Sandbox;

fn mark_present(tui: &mut harness::Tui, first_name: &str) {
    tui.keys("/");
    tui.keys(first_name);
    tui.key("Enter");
    tui.keys("p");
    tui.wait_for_line(&[first_name, "présent"], 5);
    tui.key("Esc");
}

#[test]
fn three_people_marked_present_survive_kill_9() {
    let sandbox = Sandbox::new();
    sandbox.with_demo();
    let db = sandbox.db();
    let db = db.to_str().unwrap();

    let mut tui = sandbox.spawn(&["--db", db]);
    tui.wait_for("Présences —", 10);
    for name in ["Yanis", "Enzo", "Kevin"] {
        // The whole frame may arrive in several reads: wait for the line itself.
        tui.wait_for_line(&[&format!("{name} "), "attendu"], 5);
        mark_present(&mut tui, name);
    }
    tui.kill9();

    let tui = sandbox.spawn(&["--db", db]);
    tui.wait_for("Présences —", 10);
    for name in ["Yanis", "Enzo", "Kevin"] {
        tui.wait_for_line(&[&format!("{name} "), "présent"], 5);
    }
}

#[test]
fn the_application_reopens_on_the_last_session() {
    let sandbox = Sandbox::new();
    sandbox.with_demo();
    let db = sandbox.db();
    let db = db.to_str().unwrap();
    let mut tui = sandbox.spawn(&["--db", db]);
    tui.wait_for("Présences —", 10);
    tui.keys("1");
    tui.key("Home");
    tui.key("Enter");
    tui.wait_for("Séance choisie", 5);
    tui.keys("q");
    assert_eq!(tui.wait_exit(10), Some(0));
    let tui = sandbox.spawn(&["--db", db]);
    // The first session of the demo: its themed day, before the information meetings.
    tui.wait_for("Présences — Journée thématique", 10);
}

#[test]
fn an_empty_database_says_what_to_do() {
    let sandbox = Sandbox::new();
    let db = sandbox.db();
    let mut tui = sandbox.spawn(&["--db", db.to_str().unwrap()]);
    tui.wait_for("passerelle demo", 10);
    tui.keys("q");
    assert_eq!(tui.wait_exit(10), Some(0));
    assert!(tui.main_screen_restored());
    assert!(tui.cooked_mode());
}

#[test]
fn sigterm_restores_the_terminal() {
    let sandbox = Sandbox::new();
    sandbox.with_demo();
    let db = sandbox.db();
    let mut tui = sandbox.spawn(&["--db", db.to_str().unwrap()]);
    tui.wait_for("Présences —", 10);
    assert!(!tui.cooked_mode(), "raw mode while running");
    tui.signal(libc::SIGTERM);
    let code = tui.wait_exit(10).expect("exits on SIGTERM");
    assert_eq!(code, 128 + 15);
    assert!(tui.main_screen_restored(), "main screen, cursor shown");
    assert!(tui.cooked_mode(), "cooked mode");
}

#[test]
fn sighup_saves_pending_text_and_restores_the_terminal() {
    let sandbox = Sandbox::new();
    sandbox.with_demo();
    let db = sandbox.db();
    let db = db.to_str().unwrap();
    let mut tui = sandbox.spawn(&["--db", db]);
    tui.wait_for("Présences —", 10);
    tui.key("Enter");
    tui.key("Tab");
    tui.key("Tab");
    tui.keys("parloir");
    // Immediately, before the debounce: the signal handler must write it.
    tui.signal(libc::SIGHUP);
    assert!(tui.wait_exit(10).is_some());
    assert!(tui.main_screen_restored() && tui.cooked_mode());
    let tui = sandbox.spawn(&["--db", db]);
    tui.wait_for_line(&["Yanis", "« parloir »"], 10);
}

#[test]
fn a_panic_restores_the_terminal() {
    if !cfg!(debug_assertions) {
        eprintln!("skipped: panic injection exists only in debug builds");
        return;
    }
    let sandbox = Sandbox::new();
    sandbox.with_demo();
    let db = sandbox.db();
    let mut tui = sandbox.spawn_sized(
        &["--db", db.to_str().unwrap()],
        80,
        24,
        &[("PASSERELLE_TEST_PANIC", "1"), ("RUST_BACKTRACE", "0")],
    );
    let code = tui.wait_exit(10).expect("exits after the panic");
    assert_ne!(code, 0);
    assert!(
        tui.main_screen_restored(),
        "main screen, cursor shown:\n{}",
        tui.screen()
    );
    assert!(tui.cooked_mode(), "cooked mode");
    assert!(
        tui.screen().contains("PASSERELLE_TEST_PANIC"),
        "the panic is reported:\n{}",
        tui.screen()
    );
    // A report file, private, with where it broke and nothing about the people.
    let dir = sandbox.dir.path().join("data").join("passerelle");
    let report = std::fs::read_dir(&dir)
        .unwrap()
        .flatten()
        .map(|e| e.path())
        .find(|p| {
            p.file_name()
                .is_some_and(|n| n.to_string_lossy().starts_with("passerelle-crash-"))
        })
        .expect("a crash report in the data folder");
    let text = std::fs::read_to_string(&report).unwrap();
    assert!(text.contains("location: src/ui/run.rs"), "{text}");
    assert!(text.contains("panic injected by PASSERELLE_TEST_PANIC"));
    for name in ["Yanis", "Benali", "Morel", "Vivonne"] {
        assert!(
            !text.contains(name),
            "no personal data in the report: {name}"
        );
    }
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(&report).unwrap().permissions().mode();
        assert_eq!(mode & 0o777, 0o600);
    }
    assert!(
        tui.screen().contains("passerelle-crash-"),
        "the screen says where:\n{}",
        tui.screen()
    );
}

#[test]
fn a_file_that_is_not_a_database_is_refused_with_a_message() {
    let sandbox = Sandbox::new();
    let path = sandbox.dir.path().join("liste.csv");
    std::fs::write(&path, "Nom;Prénom\nBenali;Yanis\n").unwrap();
    let mut tui = sandbox.spawn(&["--db", path.to_str().unwrap()]);
    assert_eq!(tui.wait_exit(10), Some(2));
    assert!(tui.screen().contains("laissé intact"), "{}", tui.screen());
    assert_eq!(
        std::fs::read_to_string(&path).unwrap(),
        "Nom;Prénom\nBenali;Yanis\n"
    );
}

#[test]
fn an_unclean_exit_is_checked_at_the_next_start_and_a_clean_quit_leaves_no_marker() {
    let sandbox = Sandbox::new();
    sandbox.with_demo();
    let db = sandbox.db();
    let marker = passerelle::store::running_marker(&db);
    assert!(!marker.exists(), "a clean quit removes the marker");
    let mut tui = sandbox.spawn(&["--db", db.to_str().unwrap()]);
    tui.wait_for("Présences —", 10);
    assert!(marker.exists(), "the writer marks the file while it runs");
    tui.kill9();
    assert!(
        marker.exists(),
        "kill -9 leaves it: the next start checks the file"
    );
    let mut tui = sandbox.spawn(&["--db", db.to_str().unwrap()]);
    tui.wait_for("Présences —", 10);
    tui.keys("q");
    assert_eq!(tui.wait_exit(10), Some(0));
    assert!(!marker.exists());
    // The start of a day of use left a daily copy beside the database.
    assert_eq!(passerelle::store::daily_copies(&db).len(), 1);
}

#[test]
fn backup_then_restore_from_the_command_line() {
    let sandbox = Sandbox::new();
    sandbox.with_demo();
    let db = sandbox.db();
    let db = db.to_str().unwrap();
    let copy = sandbox.dir.path().join("copie.db");
    let run = |args: &[&str]| {
        std::process::Command::new(env!("CARGO_BIN_EXE_passerelle"))
            .args(["--db", db, "--lang", "fr"])
            .args(args)
            .output()
            .unwrap()
    };
    let out = run(&["backup", "-o", copy.to_str().unwrap()]);
    assert!(out.status.success());
    assert!(String::from_utf8_lossy(&out.stdout).contains("Copie écrite"));
    let out = run(&["restore", copy.to_str().unwrap()]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(String::from_utf8_lossy(&out.stdout).contains("gardée dans"));
    let bad = sandbox.dir.path().join("pas-une-base.db");
    std::fs::write(&bad, "bonjour").unwrap();
    let out = run(&["restore", bad.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("laissé intact"));
}

#[test]
fn attendance_of_the_demos_29_people_takes_29_keys() {
    let sandbox = Sandbox::new();
    sandbox.with_demo();
    let db = sandbox.db();
    let sid = sandbox.unmark_today();
    let mut tui = sandbox.spawn_sized(&["--db", db.to_str().unwrap()], 100, 40, &[]);
    tui.wait_for("Présences —", 10);
    tui.wait_for_line(&["Yanis ", "attendu"], 5);
    // After each status key the cursor moves to the next person not yet marked: one key a person.
    let statuses = ["p", "p", "r", "p", "a", "p", "e"];
    let mut sent = 0;
    for i in 0..29 {
        tui.keys(statuses[i % statuses.len()]);
        sent += 1;
    }
    assert_eq!(sent, 29);
    tui.keys("q");
    assert_eq!(tui.wait_exit(10), Some(0));
    let marks = passerelle::store::Store::open(&db)
        .unwrap()
        .list_attendance(sid)
        .unwrap();
    assert_eq!(marks.len(), 29, "everyone has a mark");
    assert!(
        marks
            .iter()
            .all(|a| a.status != passerelle::core::attendance::AttendanceStatus::Expected)
    );
}
