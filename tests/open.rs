#![cfg(unix)] // the pty harness, FIFOs and file modes: unix only (tests/windows-check.sh runs the rest)
//! Opening a database safely (issue 15): the lock belongs to the file, not the name; loose modes
//! are made private and said once; non-regular files are refused at once; unreadable values,
//! tampered versions and damaged pages end in one sentence; colour and closed pipes behave as a
//! Unix tool's.

#[path = "e2e/harness.rs"]
mod harness;

use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

use passerelle::store::Store;

/// The binary with a private home, in `dir`, French, `--db db`.
fn cmd(dir: &Path, db: &str) -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_passerelle"));
    c.current_dir(dir)
        .args(["--db", db, "--lang", "fr"])
        .env("HOME", dir)
        .env("XDG_DATA_HOME", dir.join("data"))
        .env("XDG_CONFIG_HOME", dir.join("config"))
        .env("PASSERELLE_TODAY", harness::TODAY)
        .env_remove("PASSERELLE_DB")
        .env_remove("NO_COLOR")
        .stdin(Stdio::null());
    c
}

fn run(dir: &Path, db: &str, args: &[&str]) -> Output {
    cmd(dir, db).args(args).output().unwrap()
}

fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

/// The evening demo in `dir/p.db`.
fn demo(dir: &Path) -> PathBuf {
    let out = run(dir, "p.db", &["demo", "--stage", "evening", "--no-ui"]);
    assert!(out.status.success(), "{}", stderr(&out));
    dir.join("p.db")
}

fn roster() -> String {
    format!(
        "{}/tests/data/roster/02_utf8_bom.csv",
        env!("CARGO_MANIFEST_DIR")
    )
}

fn crash_reports(dir: &Path) -> usize {
    std::fs::read_dir(dir.join("data/passerelle"))
        .map(|d| {
            d.flatten()
                .filter(|e| e.file_name().to_string_lossy().contains("crash"))
                .count()
        })
        .unwrap_or(0)
}

#[cfg(unix)]
#[test]
fn every_name_of_the_file_meets_the_same_lock() {
    let dir = tempfile::tempdir().unwrap();
    let db = demo(dir.path());
    std::os::unix::fs::symlink(&db, dir.path().join("lien.db")).unwrap();
    std::fs::hard_link(&db, dir.path().join("dur.db")).unwrap();
    std::fs::create_dir(dir.path().join("sous")).unwrap();

    let writer = Store::open(&db).unwrap();
    let _held = writer.lock_writer().unwrap().expect("first writer");
    let names = [
        dir.path().join("lien.db"),
        dir.path().join("dur.db"),
        dir.path().join("sous/../p.db"),
        dir.path().join("./p.db"),
    ];
    for name in &names {
        let other = Store::open(name).unwrap();
        assert!(
            other.lock_writer().unwrap().is_none(),
            "a second writer through {name:?}"
        );
        // Through any name, the follower uses the writer's own name, so it shares its WAL.
        assert_eq!(other.path(), writer.path(), "{name:?}");
    }

    // The commands that write are refused through every name, `import --dry-run` is not.
    let file = roster();
    for name in ["lien.db", "dur.db", "./p.db", "sous/../p.db"] {
        let refused: [&[&str]; 4] = [
            &["purge", "--cohort", "1", "--yes"],
            &["import", "roster", &file],
            &[
                "new",
                "cohort",
                "--name",
                "Promo 2027",
                "--start",
                "12/01/2027",
            ],
            &["restore", "p.db.absent"],
        ];
        for args in refused {
            let out = run(dir.path(), name, args);
            assert_eq!(out.status.code(), Some(2), "{name} {args:?}");
            assert!(
                stderr(&out).contains("ouverte dans Passerelle"),
                "{name} {args:?}: {}",
                stderr(&out)
            );
        }
        let dry = run(dir.path(), name, &["import", "roster", &file, "--dry-run"]);
        assert!(dry.status.success(), "{name}: {}", stderr(&dry));
    }
    assert_eq!(
        writer.list_cohorts().unwrap().len(),
        1,
        "nothing was written"
    );
}

#[cfg(unix)]
#[test]
fn a_second_window_through_a_hard_link_is_read_only() {
    let sandbox = harness::Sandbox::new();
    sandbox.with_demo();
    let db = sandbox.db();
    let link = sandbox.dir.path().join("autre-nom.db");
    std::fs::hard_link(&db, &link).unwrap();
    let mut writer = sandbox.open_day();
    let mut follower = sandbox.spawn_sized(&["--db", link.to_str().unwrap()], 100, 30, &[]);
    follower.wait_for("LECTURE SEULE", 10);
    assert!(
        !writer.screen().contains("LECTURE SEULE"),
        "{}",
        writer.screen()
    );
    writer.keys("q");
    assert_eq!(writer.wait_exit(10), Some(0));
    follower.keys("q");
    assert_eq!(follower.wait_exit(10), Some(0));
}

#[cfg(unix)]
#[test]
fn loose_modes_are_made_private_and_said_once() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().unwrap();
    let db = demo(dir.path());
    let mode = |p: &Path| std::fs::metadata(p).unwrap().permissions().mode() & 0o777;
    let side = |s: &str| PathBuf::from(format!("{}{s}", db.display()));
    // Another connection keeps the -wal and -shm in place while the modes are loosened.
    let other = rusqlite::Connection::open(&db).unwrap();
    other
        .execute_batch("PRAGMA journal_mode=WAL; UPDATE cohort SET name = name;")
        .unwrap();
    for p in [db.clone(), side("-wal"), side("-shm")] {
        assert!(p.exists(), "{p:?}");
        std::fs::set_permissions(&p, std::fs::Permissions::from_mode(0o644)).unwrap();
    }
    let store = Store::open(&db).unwrap();
    assert!(store.made_private(), "the change is reported");
    for p in [db.clone(), side("-wal"), side("-shm")] {
        assert_eq!(mode(&p), 0o600, "{p:?}");
    }
    drop(store);
    assert!(!Store::open(&db).unwrap().made_private(), "said once only");

    // The command line says it on stderr, once.
    drop(other);
    std::fs::set_permissions(&db, std::fs::Permissions::from_mode(0o664)).unwrap();
    let out = run(dir.path(), "p.db", &["list", "cohorts"]);
    assert!(out.status.success());
    assert_eq!(
        stderr(&out).matches("réservés à vous seul").count(),
        1,
        "{}",
        stderr(&out)
    );
    let again = run(dir.path(), "p.db", &["list", "cohorts"]);
    assert!(!stderr(&again).contains("réservés"), "{}", stderr(&again));
}

#[cfg(unix)]
#[test]
fn the_application_says_it_made_the_file_private() {
    use std::os::unix::fs::PermissionsExt;
    let sandbox = harness::Sandbox::new();
    sandbox.with_demo();
    std::fs::set_permissions(sandbox.db(), std::fs::Permissions::from_mode(0o644)).unwrap();
    let mut tui = sandbox.open_day();
    tui.wait_for("réservés à vous seul", 5);
    tui.keys("q");
    assert_eq!(tui.wait_exit(10), Some(0));
}

#[cfg(unix)]
#[test]
fn a_fifo_a_device_or_a_folder_is_refused_at_once() {
    let dir = tempfile::tempdir().unwrap();
    let fifo = dir.path().join("tube.db");
    let status = Command::new("mkfifo").arg(&fifo).status().unwrap();
    assert!(status.success());
    std::os::unix::fs::symlink("nulle-part.db", dir.path().join("vide.db")).unwrap();
    for db in [
        fifo.to_str().unwrap(),
        "/dev/null",
        dir.path().to_str().unwrap(),
        "vide.db",
    ] {
        for args in [&["list"][..], &[][..]] {
            let started = std::time::Instant::now();
            let mut child = cmd(dir.path(), db)
                .args(args)
                .stdout(Stdio::piped())
                .stderr(Stdio::piped())
                .spawn()
                .unwrap();
            let mut waited = 0;
            while child.try_wait().unwrap().is_none() && waited < 100 {
                std::thread::sleep(std::time::Duration::from_millis(50));
                waited += 1;
            }
            if child.try_wait().unwrap().is_none() {
                let _ = child.kill();
                panic!("{db} {args:?}: still running after 5 s");
            }
            let out = child.wait_with_output().unwrap();
            assert_eq!(out.status.code(), Some(2), "{db} {args:?}");
            let err = stderr(&out);
            assert!(err.contains("n'est pas un fichier ordinaire"), "{err}");
            assert_eq!(err.lines().count(), 1, "one sentence: {err}");
            assert!(started.elapsed().as_secs() < 5);
        }
    }
    assert!(
        !dir.path().join("nulle-part.db").exists(),
        "nothing created"
    );
}

#[test]
fn an_unreadable_value_names_its_table_and_row_and_leaves_no_marker() {
    let dir = tempfile::tempdir().unwrap();
    let db = demo(dir.path());
    let id: i64 = {
        let c = rusqlite::Connection::open(&db).unwrap();
        let id = c
            .query_row("SELECT min(id) FROM person", [], |r| r.get(0))
            .unwrap();
        c.execute("UPDATE person SET last_name = x'00ff' WHERE id = ?1", [id])
            .unwrap();
        id
    };
    let out = run(dir.path(), "p.db", &["list", "people"]);
    assert_eq!(out.status.code(), Some(2));
    let err = stderr(&out);
    assert!(
        err.contains("table person")
            && err.contains(&format!("ligne {id}"))
            && err.contains("check"),
        "{err}"
    );
    assert!(!err.contains("BACKTRACE") && !err.contains('\x1b'), "{err}");
    assert_eq!(crash_reports(dir.path()), 1, "a report is written");
    let report = std::fs::read_dir(dir.path().join("data/passerelle"))
        .unwrap()
        .flatten()
        .find(|e| e.file_name().to_string_lossy().contains("crash"))
        .unwrap();
    let text = std::fs::read_to_string(report.path()).unwrap();
    assert!(text.contains("person.last_name"), "{text}");

    // The application stops before its first frame with the same sentence and no marker.
    let sandbox = harness::Sandbox::new();
    std::fs::copy(&db, sandbox.db()).unwrap();
    let mut tui = sandbox.spawn(&["--db", sandbox.db().to_str().unwrap()]);
    assert_eq!(tui.wait_exit(10), Some(2));
    assert!(tui.screen().contains("table person"), "{}", tui.screen());
    assert!(!passerelle::store::running_marker(&sandbox.db()).exists());
}

#[test]
fn a_tampered_start_time_is_said_unreadable_not_missing() {
    let dir = tempfile::tempdir().unwrap();
    let db = demo(dir.path());
    for value in ["'zz'", "x'00ff'"] {
        rusqlite::Connection::open(&db)
            .unwrap()
            .execute_batch(&format!(
                "UPDATE session SET start_time = {value} WHERE id = 6"
            ))
            .unwrap();
        let out = run(
            dir.path(),
            "p.db",
            &["export", "--session", "6", "-o", "x.md"],
        );
        assert_eq!(out.status.code(), Some(2));
        let err = stderr(&out);
        assert!(
            err.contains("table session, ligne 6, colonne start_time") && err.contains("check"),
            "{value}: {err}"
        );
        assert!(!err.contains("aucune séance"), "{err}");
    }
}

#[test]
fn a_tampered_schema_version_is_one_sentence() {
    let dir = tempfile::tempdir().unwrap();
    let db = demo(dir.path());
    for version in [-3, 5, 0] {
        rusqlite::Connection::open(&db)
            .unwrap()
            .execute_batch(&format!("PRAGMA user_version = {version}"))
            .unwrap();
        let out = run(dir.path(), "p.db", &["list"]);
        assert_eq!(out.status.code(), Some(2), "{version}");
        let err = stderr(&out);
        assert!(
            err.contains("n'est pas un fichier Passerelle") && !err.contains("CREATE"),
            "{version}: {err}"
        );
    }
}

#[test]
fn errors_in_a_pipe_or_with_no_color_carry_no_colour() {
    let dir = tempfile::tempdir().unwrap();
    for no_color in [false, true] {
        let mut c = cmd(dir.path(), "p.db");
        c.arg("list").env("PASSERELLE_TEST_ERROR", "1");
        if no_color {
            c.env("NO_COLOR", "1");
        }
        let out = c.output().unwrap();
        assert!(!out.status.success());
        let err = stderr(&out);
        assert!(err.contains("PASSERELLE_TEST_ERROR"), "{err}");
        assert!(!err.contains('\x1b'), "no escape bytes: {err:?}");
    }
}

#[cfg(unix)]
#[test]
fn output_into_a_closed_pipe_ends_quietly() {
    use std::os::unix::process::ExitStatusExt;
    let dir = tempfile::tempdir().unwrap();
    demo(dir.path());
    let cases: [&[&str]; 3] = [
        &[
            "plan",
            "--candidates",
            "4",
            "--panels",
            "2",
            "--interviews",
            "2",
            "--json",
        ],
        &["list", "people"],
        &["list", "sessions", "--json"],
    ];
    for args in cases {
        // The reading end is closed before the program writes its first byte.
        let (reader, writer) = std::io::pipe().unwrap();
        drop(reader);
        let out = cmd(dir.path(), "p.db")
            .args(args)
            .stdout(writer)
            .stderr(Stdio::piped())
            .output()
            .unwrap();
        assert_eq!(out.status.signal(), Some(libc::SIGPIPE), "{args:?}");
        assert_eq!(stderr(&out), "", "{args:?}: quiet");
    }
    assert_eq!(crash_reports(dir.path()), 0, "no crash report");
}

/// Overwrites the header of one page in the middle of the file: the root of an index that
/// reading a day does not use, so everything still opens and only a check can tell.
fn damage_the_middle(db: &Path) {
    use std::io::{Seek, SeekFrom, Write};
    let (root, pages): (i64, i64) = {
        let c = rusqlite::Connection::open(db).unwrap();
        let root = c
            .query_row(
                "SELECT rootpage FROM sqlite_master WHERE name = 'person_external_id'",
                [],
                |r| r.get(0),
            )
            .unwrap();
        let pages = c.query_row("PRAGMA page_count", [], |r| r.get(0)).unwrap();
        (root, pages)
    };
    // Inside the file, away from its first pages (the schema): new tables move it about.
    assert!(root > pages / 8 && root < pages, "{root} of {pages}");
    let mut f = std::fs::OpenOptions::new().write(true).open(db).unwrap();
    f.seek(SeekFrom::Start((root as u64 - 1) * 4096)).unwrap();
    f.write_all(&[0xA5; 16]).unwrap();
}

#[test]
fn a_damaged_page_in_the_middle_is_seen_at_open_and_writes_are_refused() {
    let dir = tempfile::tempdir().unwrap();
    let db = demo(dir.path());
    damage_the_middle(&db);
    let store = Store::open(&db).unwrap();
    assert!(store.quick_check_if_small().unwrap().is_some());
    assert!(
        store.list_cohorts().is_ok(),
        "reading goes on: only a check sees it"
    );
    drop(store);
    let before = std::fs::read(&db).unwrap();
    let file = roster();
    let writes: [&[&str]; 3] = [
        &[
            "new",
            "cohort",
            "--name",
            "Promo 2027",
            "--start",
            "12/01/2027",
        ],
        &["import", "roster", &file],
        &["purge", "--cohort", "1", "--yes"],
    ];
    for args in writes {
        let out = run(dir.path(), "p.db", args);
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        let err = stderr(&out);
        assert!(err.contains("endommagée"), "{args:?}: {err}");
    }
    assert_eq!(std::fs::read(&db).unwrap(), before, "nothing written");
}

#[test]
fn the_application_stops_writing_when_the_background_check_fails() {
    let sandbox = harness::Sandbox::new();
    sandbox.with_demo();
    damage_the_middle(&sandbox.db());
    let mut tui = sandbox.spawn_sized(&["--db", sandbox.db().to_str().unwrap()], 100, 30, &[]);
    tui.wait_for("Vérification rapide", 10);
    assert!(tui.screen().contains("LECTURE SEULE"), "{}", tui.screen());
    tui.keys("q");
    let _ = tui.wait_exit(10);
}

#[test]
fn an_unreadable_value_met_in_the_application_is_named_in_its_status_line() {
    #[path = "common/mod.rs"]
    mod common;
    let (_dir, mut store, mut app) = common::demo_app(passerelle::i18n::Lang::Fr);
    store
        .connection()
        .execute("UPDATE session SET start_time = 'zz' WHERE id = 1", [])
        .unwrap();
    passerelle::ui::effects::apply(&mut store, &mut app, passerelle::ui::Effect::OpenSession(1));
    let text = app.message.clone().map(|m| m.text).unwrap_or_default();
    assert!(
        text.contains("table session, ligne 1, colonne start_time") && text.contains("check"),
        "{text}"
    );
}

/// Issue 18: `import --dry-run` works while the application has the file open, and its report
/// names the ignored column that looks like a known one.
#[test]
fn a_dry_run_import_works_while_the_application_is_open() {
    let sandbox = harness::Sandbox::new();
    sandbox.with_demo();
    let db = sandbox.db();
    let file = sandbox.dir.path().join("entreprises.csv");
    std::fs::write(
        &file,
        "Nom;Prénom;Structure / Entreprise;Telephonne\nDupuis;Léa;Garage Dupuis;0600\n",
    )
    .unwrap();
    let mut app = sandbox.open_day();
    let out = run(
        sandbox.dir.path(),
        db.to_str().unwrap(),
        &[
            "import",
            "roster",
            file.to_str().unwrap(),
            "--role",
            "professionnel",
            "--dry-run",
        ],
    );
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(out.status.success(), "{}{stdout}", stderr(&out));
    assert!(stdout.contains("Léa Dupuis"), "{stdout}");
    assert!(
        stdout.contains("« Telephonne » ressemble à « Téléphone »"),
        "{stdout}"
    );
    assert!(
        !stdout.contains("Structure / Entreprise"),
        "the organisation column is read: {stdout}"
    );
    app.keys("q");
    assert_eq!(app.wait_exit(10), Some(0));
}
