//! Failure cases of #8 end in a clear message with the data intact: truncated and random files,
//! unwritable places, a full disk; and every file Passerelle writes is private.

mod common;

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use passerelle::i18n::Lang;
use ratatui::crossterm::event::KeyCode;

fn passerelle(db: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_passerelle"))
        .args(["--db", db.to_str().unwrap(), "--lang", "fr"])
        .args(args)
        .env("PASSERELLE_TODAY", "2026-10-15")
        .stdin(std::process::Stdio::null())
        .output()
        .unwrap()
}

fn demo_file(dir: &Path) -> PathBuf {
    let db = dir.join("p.db");
    assert!(
        passerelle(&db, &["demo", "--stage", "evening", "--no-ui"])
            .status
            .success()
    );
    db
}

#[test]
fn a_truncated_file_is_refused_with_the_latest_copy_named() {
    let dir = tempfile::tempdir().unwrap();
    let db = demo_file(dir.path());
    assert!(passerelle(&db, &["check"]).status.success());
    {
        let store = passerelle::store::Store::open(&db).unwrap();
        store.daily_backup(common::today()).unwrap();
    }
    let len = std::fs::metadata(&db).unwrap().len();
    let file = std::fs::OpenOptions::new().write(true).open(&db).unwrap();
    file.set_len(len * 6 / 10).unwrap();
    drop(file);
    let before = std::fs::read(&db).unwrap();
    let out = passerelle(&db, &["check"]);
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("endommagée") && err.contains("passerelle restore"),
        "{err}"
    );
    assert!(err.contains(".daily-2026-10-15"), "names the copy: {err}");
    // After an unclean exit the application checks before showing anything, and refuses too.
    std::fs::write(passerelle::store::running_marker(&db), b"").unwrap();
    let out = passerelle(&db, &[]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("endommagée"));
    assert_eq!(
        std::fs::read(&db).unwrap(),
        before,
        "the file is left as it was"
    );
}

#[test]
fn random_bytes_behind_a_sqlite_header_are_refused_and_untouched() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("r.db");
    let mut bytes = b"SQLite format 3\0".to_vec();
    let mut x: u32 = 2026;
    for _ in 0..20_000 {
        x = x.wrapping_mul(1_103_515_245).wrapping_add(12345);
        bytes.push((x >> 16) as u8);
    }
    std::fs::write(&db, &bytes).unwrap();
    for args in [&["list"][..], &["check"], &["export"]] {
        let out = passerelle(&db, args);
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(
            err.starts_with("passerelle: "),
            "a sentence, not a panic: {err}"
        );
        assert!(!err.contains("panicked"), "{err}");
    }
    assert_eq!(std::fs::read(&db).unwrap(), bytes);
}

#[cfg(target_os = "linux")]
#[test]
fn an_unwritable_place_is_refused_with_a_message() {
    // /proc refuses new files even to root, so this runs everywhere, unlike a 0500 folder.
    let out = passerelle(Path::new("/proc/passerelle-test.db"), &["list"]);
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("impossible"), "{err}");
    let dir = tempfile::tempdir().unwrap();
    let db = demo_file(dir.path());
    let out = passerelle(&db, &["export", "-o", "/proc/synthese.html"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("Rien n'a été écrit"));
}

#[cfg(unix)]
#[test]
fn a_read_only_folder_is_refused_with_a_message() {
    use std::os::unix::fs::PermissionsExt;
    if unsafe { libc::geteuid() } == 0 {
        eprintln!(
            "skipped: root writes into a read-only folder anyway (see an_unwritable_place_…)"
        );
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let ro = dir.path().join("ro");
    std::fs::create_dir(&ro).unwrap();
    std::fs::set_permissions(&ro, std::fs::Permissions::from_mode(0o500)).unwrap();
    let out = passerelle(&ro.join("p.db"), &["list"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("impossible"));
}

#[test]
fn a_full_disk_keeps_the_text_on_screen_and_saves_it_once_there_is_room() {
    let (_d, mut store, mut app) = common::evening_app(Lang::Fr);
    for code in [KeyCode::Char('5'), KeyCode::Enter, KeyCode::Tab] {
        common::press(&mut app, &mut store, code);
    }
    // SQLITE_FULL on the next page the file needs: the disk is full.
    let pages: i64 = store
        .connection()
        .query_row("PRAGMA page_count", [], |r| r.get(0))
        .unwrap();
    store
        .connection()
        .query_row(&format!("PRAGMA max_page_count = {pages}"), [], |_| Ok(()))
        .unwrap();
    let long = "Très motivé, a préparé ses questions. ".repeat(100);
    common::typed(&mut app, &mut store, &long[..400]);
    let now = app.now;
    passerelle::ui::update(&mut app, passerelle::ui::Event::Paste(long.clone()), now);
    common::settle(&mut app, &mut store);
    let m = app.message.clone().expect("the failure is said");
    assert_eq!(m.level, passerelle::ui::app::Level::Error, "{}", m.text);
    let form = app.feedback.form.as_ref().expect("the form stays open");
    assert!(
        form.texts[0]
            .lines()
            .join("\n")
            .contains("a préparé ses questions")
    );
    // Room again: the next key writes everything that is on screen.
    store
        .connection()
        .query_row("PRAGMA max_page_count = 1073741823", [], |_| Ok(()))
        .unwrap();
    common::typed(&mut app, &mut store, "!");
    common::settle(&mut app, &mut store);
    let f = app.feedback.form.as_ref().unwrap().feedback.clone();
    let saved = store.list_feedback(f.session_id).unwrap();
    let row = saved
        .iter()
        .find(|x| x.candidate_id == f.candidate_id && x.round == f.round)
        .unwrap();
    assert!(row.strengths.ends_with('!') && row.strengths.contains("a préparé ses questions"));
}

#[cfg(unix)]
#[test]
fn every_file_passerelle_writes_is_private() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    let db = data.join("p.db");
    assert!(
        passerelle(&db, &["demo", "--stage", "evening", "--no-ui"])
            .status
            .success()
    );
    {
        let store = passerelle::store::Store::open(&db).unwrap();
        store.daily_backup(common::today()).unwrap();
        let _lock = store.lock_writer().unwrap();
        passerelle::store::create_private_file(&passerelle::store::running_marker(&db));
    }
    assert!(
        passerelle(
            &db,
            &["backup", "-o", data.join("copie.db").to_str().unwrap()]
        )
        .status
        .success()
    );
    for format in ["html", "md", "csv", "json"] {
        let out = data.join(format!("synthese.{format}"));
        assert!(
            passerelle(
                &db,
                &["export", "--format", format, "-o", out.to_str().unwrap()]
            )
            .status
            .success()
        );
    }
    // A file from an older version, migrated: its pre-migration copy.
    let old = data.join("old.db");
    drop(passerelle::store::Store::open_to(&old, 1).unwrap());
    drop(passerelle::store::Store::open(&old).unwrap());
    let mut seen = 0;
    for entry in std::fs::read_dir(&data).unwrap().flatten() {
        let mode = entry.metadata().unwrap().permissions().mode() & 0o777;
        assert_eq!(mode, 0o600, "{:?}", entry.path());
        seen += 1;
    }
    assert!(
        seen >= 10,
        "database, lock, marker, daily copy, backup, 5 exports, old + its copy: {seen}"
    );
    assert_eq!(
        std::fs::metadata(&data).unwrap().permissions().mode() & 0o777,
        0o700
    );
}

#[test]
fn a_resize_storm_never_panics_on_any_screen_or_popup() {
    let (_d, mut store, mut app) = common::evening_app(Lang::Fr);
    let widths = [
        1u16, 2, 5, 10, 20, 40, 59, 60, 61, 79, 80, 81, 119, 120, 200,
    ];
    let heights = [1u16, 2, 5, 10, 19, 20, 21, 23, 24, 40, 60];
    let storm = |app: &passerelle::ui::App| {
        for w in widths {
            for h in heights {
                let _ = common::screen_text(app, w, h);
            }
        }
    };
    for screen in ['1', '2', '3', '4', '5', '6'] {
        common::press(&mut app, &mut store, KeyCode::Char(screen));
        storm(&app);
        common::press(&mut app, &mut store, KeyCode::Char('?'));
        storm(&app);
        common::press(&mut app, &mut store, KeyCode::Esc);
    }
    // Forms and lists of the busiest screens.
    for keys in [
        &[KeyCode::Char('5'), KeyCode::Enter][..],
        &[KeyCode::Char('5'), KeyCode::Esc, KeyCode::Char('c')],
        &[KeyCode::Char('6'), KeyCode::Char('o')],
        &[KeyCode::Esc, KeyCode::Char('e')],
    ] {
        for k in keys {
            common::press(&mut app, &mut store, *k);
        }
        storm(&app);
    }
}
