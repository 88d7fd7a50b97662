//! Issue 15, finding 6: out-of-range numbers and dates get one sentence, never an abort.

mod common;

use common::cli as passerelle;

#[test]
fn plan_with_huge_numbers_is_refused_at_once_with_the_maxima() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("d.db");
    for args in [
        [
            "--candidates",
            "99999999999",
            "--panels",
            "2",
            "--interviews",
            "2",
        ],
        [
            "--candidates",
            "3000",
            "--panels",
            "1500",
            "--interviews",
            "4",
        ],
        ["--candidates", "10", "--panels", "5", "--interviews", "21"],
    ] {
        let mut all = vec!["plan"];
        all.extend(args);
        let out = passerelle(&db, &all);
        let err = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(2), "{err}");
        assert!(err.contains("500") && err.contains("250"), "{err}");
        assert!(
            !err.contains("panicked") && !err.contains("backtrace"),
            "{err}"
        );
    }
    // The maxima themselves plan.
    let out = passerelle(
        &db,
        &[
            "plan",
            "--candidates",
            "40",
            "--panels",
            "20",
            "--interviews",
            "4",
        ],
    );
    assert!(out.status.success());
}

#[test]
fn a_session_in_year_zero_and_two_breaks_after_one_round_are_refused() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("d.db");
    let out = passerelle(&db, &["new", "cohort", "--name", "Promo", "--json"]);
    assert!(out.status.success());
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let id = v["id"].as_i64().unwrap().to_string();
    let session = |date: &str, breaks: &str| {
        passerelle(
            &db,
            &[
                "new",
                "session",
                "--cohort",
                &id,
                "--kind",
                "job_training",
                "--date",
                date,
                "--breaks",
                breaks,
            ],
        )
    };
    let out = session("01/01/0000", "3:60");
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{err}");
    assert!(err.contains("01/01/0000") && err.contains("2000"), "{err}");
    let out = session("15/10/2026", "3:60,3:60");
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{err}");
    assert!(err.contains("une seule par tour"), "{err}");
    let list = passerelle(&db, &["list", "sessions", "--json"]);
    let v: serde_json::Value = serde_json::from_slice(&list.stdout).unwrap();
    assert!(
        v["sessions"].as_array().unwrap().is_empty(),
        "nothing written"
    );
    assert!(session("15/10/2026", "3:60,5:15").status.success());
}

/// Without a terminal (a script, a scheduled task, an editor's run button), the application and
/// `demo` say in one sentence that they need one — no crash report — and `demo` has written its
/// data all the same.
#[test]
fn without_a_terminal_the_application_says_it_needs_one_in_one_sentence() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("d.db");
    for args in [&["demo"][..], &[][..]] {
        let out = passerelle(&db, args);
        let said = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(2), "{said}");
        assert!(said.contains("terminal"), "{said}");
        assert_eq!(said.trim().lines().count(), 1, "one sentence: {said}");
    }
    let listed = passerelle(&db, &["list", "cohorts"]);
    assert!(String::from_utf8_lossy(&listed.stdout).contains("Vivonne"));
}

/// A command's output to a full disk (`> /dev/full`) is one sentence and exit 74, never the
/// panic of `println!` with its crash report.
#[cfg(target_os = "linux")]
#[test]
fn output_to_a_full_disk_is_one_sentence_not_a_panic() {
    let (dir, _store) = common::demo_store(::passerelle::core::demo::Stage::Morning);
    let db = dir.path().join("demo.db");
    let full = std::fs::File::options()
        .write(true)
        .open("/dev/full")
        .unwrap();
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_passerelle"))
        .args(["--lang", "fr", "--db"])
        .arg(&db)
        .args(["list", "people"])
        .stdout(full)
        .output()
        .unwrap();
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(74), "{err}");
    assert!(err.contains("disque plein"), "{err}");
    assert!(!err.contains("panicked"), "{err}");
    assert_eq!(err.lines().count(), 1, "{err}");
}
