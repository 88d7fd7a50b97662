//! Every file Passerelle writes is written safely (issue 15): never onto the open database, a
//! symlink or a file of the user's; atomically, so a kill never leaves a broken copy; purge reaches
//! every copy beside the database and names the files it wrote elsewhere; restore leaves the
//! source's folder as it was.

mod common;

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use common::cli_in as passerelle_in;

fn passerelle(db: &Path, args: &[&str]) -> Output {
    passerelle_in(db.parent().unwrap(), db.to_str().unwrap(), args)
}

fn demo_file(dir: &Path) -> PathBuf {
    let db = dir.join("p.db");
    let out = passerelle(&db, &["demo", "--stage", "evening", "--no-ui"]);
    assert!(out.status.success(), "{}", stderr(&out));
    db
}

fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

fn stdout(out: &Output) -> String {
    String::from_utf8_lossy(&out.stdout).into_owned()
}

/// A refusal: exit code 2, one sentence, no backtrace.
fn assert_refused(out: &Output, words: &str) {
    let err = stderr(out);
    assert_eq!(out.status.code(), Some(2), "{err}");
    assert!(err.contains(words), "{err}");
    assert!(
        !err.contains("backtrace") && !err.contains("Location"),
        "{err}"
    );
    assert_eq!(err.trim().lines().count(), 1, "one sentence: {err}");
}

/// The database is whole: it opens, checks, and still holds its cohort and people.
fn assert_intact(db: &Path) {
    let out = passerelle(db, &["check"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let out = passerelle(db, &["list", "people", "--json"]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(stdout(&out).len() > 200, "people still there");
}

fn sound_copy(path: &Path) -> bool {
    let Ok(conn) = rusqlite::Connection::open_with_flags(
        path,
        rusqlite::OpenFlags::SQLITE_OPEN_READ_ONLY | rusqlite::OpenFlags::SQLITE_OPEN_URI,
    ) else {
        return false;
    };
    let check: Result<String, _> = conn.query_row("PRAGMA integrity_check", [], |r| r.get(0));
    let app: Result<i64, _> = conn.query_row("PRAGMA application_id", [], |r| r.get(0));
    let cohorts: Result<i64, _> = conn.query_row("SELECT count(*) FROM cohort", [], |r| r.get(0));
    matches!((check, app, cohorts), (Ok(c), Ok(a), Ok(n)) if c == "ok" && a == passerelle::store::APPLICATION_ID && n >= 1)
}

#[test]
fn backup_onto_the_database_itself_is_refused_and_the_database_stays_whole() {
    let dir = tempfile::tempdir().unwrap();
    let db = demo_file(dir.path());
    let abs = db.to_str().unwrap();
    for target in [abs, "p.db", "./p.db", "p.db-wal", "p.db-shm"] {
        let out = passerelle_in(dir.path(), "p.db", &["backup", "-o", target]);
        assert_refused(&out, "base de données ouverte");
        let out = passerelle_in(dir.path(), "p.db", &["backup", "--force", "-o", target]);
        assert_refused(&out, "base de données ouverte");
        assert_intact(&db);
    }
    // Through another name for the same file: a hard link.
    #[cfg(unix)]
    {
        let link = dir.path().join("autre-nom.db");
        std::fs::hard_link(&db, &link).unwrap();
        let out = passerelle(&db, &["backup", "--force", "-o", link.to_str().unwrap()]);
        assert_refused(&out, "base de données ouverte");
        assert_intact(&db);
    }
}

#[test]
fn backup_onto_a_file_of_the_user_needs_force() {
    let dir = tempfile::tempdir().unwrap();
    let db = demo_file(dir.path());
    let text = dir.path().join("liste.txt");
    std::fs::write(&text, "mes notes\n").unwrap();
    let out = passerelle(&db, &["backup", "-o", text.to_str().unwrap()]);
    assert_refused(&out, "--force");
    assert_eq!(std::fs::read_to_string(&text).unwrap(), "mes notes\n");
    let out = passerelle(&db, &["backup", "--force", "-o", text.to_str().unwrap()]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(sound_copy(&text));
    // A copy Passerelle wrote is replaced without --force.
    let out = passerelle(&db, &["backup", "-o", text.to_str().unwrap()]);
    assert!(out.status.success(), "{}", stderr(&out));
    let leftovers: Vec<_> = std::fs::read_dir(dir.path())
        .unwrap()
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n.contains("tmp") || n.ends_with("-journal"))
        .collect();
    assert!(leftovers.is_empty(), "{leftovers:?}");
}

#[cfg(unix)]
#[test]
fn backup_through_a_symlink_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let db = demo_file(dir.path());
    let text = dir.path().join("liste.txt");
    std::fs::write(&text, "mes notes\n").unwrap();
    let link = dir.path().join("lien.db");
    std::os::unix::fs::symlink(&text, &link).unwrap();
    for force in [false, true] {
        let mut args = vec!["backup", "-o", link.to_str().unwrap()];
        if force {
            args.push("--force");
        }
        let out = passerelle(&db, &args);
        assert_refused(&out, "lien symbolique");
        assert_eq!(std::fs::read_to_string(&text).unwrap(), "mes notes\n");
        assert!(std::fs::symlink_metadata(&link).unwrap().is_symlink());
    }
}

#[test]
fn backup_into_a_folder_names_the_copy_inside_it() {
    let dir = tempfile::tempdir().unwrap();
    let db = demo_file(dir.path());
    let folder = dir.path().join("copies");
    std::fs::create_dir(&folder).unwrap();
    let out = passerelle(&db, &["backup", "-o", folder.to_str().unwrap()]);
    assert!(out.status.success(), "{}", stderr(&out));
    let inside: Vec<PathBuf> = std::fs::read_dir(&folder)
        .unwrap()
        .flatten()
        .map(|e| e.path())
        .collect();
    assert_eq!(inside.len(), 1, "{inside:?}");
    let name = inside[0]
        .file_name()
        .unwrap()
        .to_string_lossy()
        .into_owned();
    assert!(name.starts_with("p.db.backup-"), "{name}");
    assert!(stdout(&out).contains(&name));
    assert!(sound_copy(&inside[0]));
}

#[cfg(unix)]
#[test]
fn a_fifo_as_target_is_refused_at_once() {
    let dir = tempfile::tempdir().unwrap();
    let db = demo_file(dir.path());
    let fifo = dir.path().join("tube");
    assert!(
        Command::new("mkfifo")
            .arg(&fifo)
            .status()
            .unwrap()
            .success()
    );
    let out = passerelle(&db, &["backup", "--force", "-o", fifo.to_str().unwrap()]);
    assert_refused(&out, "pas un fichier ordinaire");
    let out = passerelle(&db, &["export", "--force", "-o", fifo.to_str().unwrap()]);
    assert_refused(&out, "pas un fichier ordinaire");
}

#[test]
fn exports_and_prints_refuse_a_foreign_file_and_replace_their_own() {
    let dir = tempfile::tempdir().unwrap();
    let db = demo_file(dir.path());
    let mine = dir.path().join("mon-texte.html");
    std::fs::write(&mine, "à moi").unwrap();
    let m = mine.to_str().unwrap();
    let out = passerelle(&db, &["export", "-o", m]);
    assert_refused(&out, "--force");
    let out = passerelle(&db, &["print", "emargement", "-o", m]);
    assert_refused(&out, "--force");
    assert_eq!(std::fs::read_to_string(&mine).unwrap(), "à moi");
    let out = passerelle(&db, &["export", "--force", "-o", m]);
    assert!(out.status.success(), "{}", stderr(&out));
    // Written by Passerelle now: written again without --force, by an export or a print.
    let out = passerelle(&db, &["export", "-o", m]);
    assert!(out.status.success(), "{}", stderr(&out));
    let out = passerelle(&db, &["print", "emargement", "-o", m]);
    assert!(out.status.success(), "{}", stderr(&out));
    // Onto the database: never, even with --force.
    let out = passerelle(&db, &["export", "--force", "-o", db.to_str().unwrap()]);
    assert_refused(&out, "base de données ouverte");
    let out = passerelle(&db, &["print", "emargement", "--force", "-o", "p.db"]);
    assert_refused(&out, "base de données ouverte");
    assert_intact(&db);
}

#[test]
fn an_export_succeeds_while_another_process_holds_the_database_for_writing() {
    let dir = tempfile::tempdir().unwrap();
    let db = demo_file(dir.path());
    let writer = rusqlite::Connection::open(&db).unwrap();
    writer.execute_batch("BEGIN IMMEDIATE;").unwrap();
    let target = dir.path().join("synthese.html");
    let started = std::time::Instant::now();
    let out = passerelle(&db, &["export", "-o", target.to_str().unwrap()]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(target.exists());
    assert!(
        started.elapsed() < std::time::Duration::from_secs(3),
        "the register does not make the export wait: {:?}",
        started.elapsed()
    );
    writer.execute_batch("ROLLBACK;").unwrap();
}

/// A database big enough that a copy takes a while (the content does not matter, only the size).
fn big_database(dir: &Path) -> PathBuf {
    let db = demo_file(dir);
    let conn = rusqlite::Connection::open(&db).unwrap();
    conn.execute_batch(
        "CREATE TABLE padding (x BLOB);
         WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 3000)
         INSERT INTO padding SELECT randomblob(8000) FROM n;",
    )
    .unwrap();
    drop(conn);
    db
}

#[test]
fn a_kill_during_backup_leaves_the_old_copy_or_a_whole_new_one() {
    let dir = tempfile::tempdir().unwrap();
    let db = big_database(dir.path());
    let target = dir.path().join("copies").join("bonne.db");
    std::fs::create_dir(target.parent().unwrap()).unwrap();
    let t = target.to_str().unwrap();
    let started = std::time::Instant::now();
    let out = passerelle(&db, &["backup", "-o", t]);
    assert!(out.status.success(), "{}", stderr(&out));
    let whole = started.elapsed();
    assert!(sound_copy(&target));
    let mut rng = passerelle::core::rng::Rng::new(15);
    let mut killed_midway = 0;
    for _ in 0..20 {
        let mut child = Command::new(env!("CARGO_BIN_EXE_passerelle"))
            .args([
                "--db",
                db.to_str().unwrap(),
                "--lang",
                "fr",
                "backup",
                "-o",
                t,
            ])
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::null())
            .spawn()
            .unwrap();
        let wait = whole.as_micros() as usize * rng.below(100) / 100;
        std::thread::sleep(std::time::Duration::from_micros(wait as u64));
        let _ = child.kill(); // SIGKILL on unix
        let status = child.wait().unwrap();
        if !status.success() {
            killed_midway += 1;
        }
        assert!(
            sound_copy(&target),
            "after a kill at {wait} µs the target is neither the old copy nor a new one"
        );
        let mut journal = target.as_os_str().to_os_string();
        journal.push("-journal");
        assert!(!Path::new(&journal).exists(), "a -journal was left");
        // A temporary file the kill left is removed by the next backup: at most the last one.
        let temps = std::fs::read_dir(target.parent().unwrap())
            .unwrap()
            .flatten()
            .filter(|e| e.file_name().to_string_lossy().contains("passerelle-tmp"))
            .count();
        assert!(temps <= 1, "{temps} temporary files left");
    }
    eprintln!("{killed_midway} of 20 backups killed before the end (whole copy: {whole:?})");
}

#[test]
fn restore_leaves_the_source_folder_as_it_found_it() {
    let dir = tempfile::tempdir().unwrap();
    let db = demo_file(dir.path());
    let elsewhere = dir.path().join("cle-usb");
    std::fs::create_dir(&elsewhere).unwrap();
    let copy = elsewhere.join("copie.db");
    let out = passerelle(&db, &["backup", "-o", copy.to_str().unwrap()]);
    assert!(out.status.success(), "{}", stderr(&out));
    let before: Vec<_> = std::fs::read_dir(&elsewhere)
        .unwrap()
        .flatten()
        .map(|e| e.file_name())
        .collect();
    let bytes = std::fs::read(&copy).unwrap();
    let out = passerelle(&db, &["restore", copy.to_str().unwrap()]);
    assert!(out.status.success(), "{}", stderr(&out));
    let after: Vec<_> = std::fs::read_dir(&elsewhere)
        .unwrap()
        .flatten()
        .map(|e| e.file_name())
        .collect();
    // The untouched (immutable) read is unix-only: on Windows SQLite may leave them (README).
    if cfg!(unix) {
        assert_eq!(before, after, "no -wal / -shm beside the source");
    }
    assert_eq!(std::fs::read(&copy).unwrap(), bytes, "the source unchanged");
    assert_intact(&db);
    // The database restored onto itself, under another name: refused, nothing changed.
    let out = passerelle_in(dir.path(), "p.db", &["restore", "./p.db"]);
    assert_refused(&out, "base de données ouverte");
    assert_intact(&db);
}

fn contains(hay: &[u8], needle: &str) -> bool {
    hay.windows(needle.len()).any(|w| w == needle.as_bytes())
}

#[test]
fn purge_leaves_nothing_beside_the_database_and_names_what_it_wrote_elsewhere() {
    let dir = tempfile::tempdir().unwrap();
    let home = dir.path().join("donnees");
    std::fs::create_dir(&home).unwrap();
    let db = demo_file(&home);
    // Personal values recognisable in any file, on the first candidate of cohort 1.
    let values = [
        "Zyxwvutsrqa",
        "2031-07-19",
        "Foyer Quetzalcoatl",
        "Mention JAP Xylophone",
        "Note equipe Wombat",
        "Binome Okapi remarque",
    ];
    {
        let conn = rusqlite::Connection::open(&db).unwrap();
        let person: i64 = conn
            .query_row(
                "SELECT person_id FROM membership WHERE cohort_id = 1 AND role = 'candidate' ORDER BY person_id LIMIT 1",
                [],
                |r| r.get(0),
            )
            .unwrap();
        conn.execute(
            "UPDATE person SET last_name = ?1 WHERE id = ?2",
            rusqlite::params![values[0], person],
        )
        .unwrap();
        conn.execute(
            "INSERT OR REPLACE INTO candidate_sensitive (cohort_id, person_id, release_date, housing, judicial_notes)
             VALUES (1, ?1, ?2, ?3, ?4)",
            rusqlite::params![person, values[1], values[2], values[3]],
        )
        .unwrap();
        let session: i64 = conn
            .query_row(
                "SELECT session_id FROM feedback WHERE candidate_id = ?1 LIMIT 1",
                [person],
                |r| r.get(0),
            )
            .unwrap();
        conn.execute(
            "INSERT INTO note (session_id, candidate_id, text, created_at) VALUES (?1, ?2, ?3, '2026-10-15T10:00')",
            rusqlite::params![session, person, values[4]],
        )
        .unwrap();
        conn.execute(
            "UPDATE feedback SET notes = ?1 WHERE candidate_id = ?2",
            rusqlite::params![values[5], person],
        )
        .unwrap();
        // A file of an older version (20, before stable ids): the next open copies it aside
        // (`.bak-vN`) before migrating.
        common::undo_stable_ids(&conn);
        conn.execute_batch("PRAGMA user_version = 20;").unwrap();
    }
    {
        let store = passerelle::store::Store::open(&db).unwrap();
        store.daily_backup(common::today()).unwrap();
    }
    let out = passerelle(&db, &["backup"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let away = dir.path().join("ailleurs");
    std::fs::create_dir(&away).unwrap();
    let copy = away.join("ma-copie.db");
    let export = away.join("synthese.html");
    let out = passerelle(&db, &["backup", "-o", copy.to_str().unwrap()]);
    assert!(out.status.success(), "{}", stderr(&out));
    let out = passerelle(
        &db,
        &[
            "export",
            "--audience",
            "full",
            "-o",
            export.to_str().unwrap(),
        ],
    );
    assert!(out.status.success(), "{}", stderr(&out));
    let out = passerelle(&db, &["restore", copy.to_str().unwrap()]);
    assert!(out.status.success(), "{}", stderr(&out));
    let names: Vec<String> = std::fs::read_dir(&home)
        .unwrap()
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .collect();
    for kind in [".daily-", ".bak-v", ".backup-", ".before-restore-"] {
        assert!(names.iter().any(|n| n.contains(kind)), "{kind}: {names:?}");
    }
    let every_file = || -> Vec<(PathBuf, Vec<u8>)> {
        std::fs::read_dir(&home)
            .unwrap()
            .flatten()
            .map(|e| (e.path(), std::fs::read(e.path()).unwrap_or_default()))
            .collect()
    };
    assert!(
        every_file()
            .iter()
            .filter(|(_, b)| values.iter().all(|v| contains(b, v)))
            .count()
            >= 5,
        "the values are in the database and its copies before"
    );

    let out = passerelle(&db, &["purge", "--cohort", "1", "--yes"]);
    assert!(out.status.success(), "{}", stderr(&out));
    for (path, bytes) in every_file() {
        for v in values {
            assert!(
                !contains(&bytes, v),
                "{} still holds « {v} »",
                path.display()
            );
        }
    }
    let said = stdout(&out);
    assert!(said.contains("ma-copie.db"), "{said}");
    assert!(said.contains("synthese.html"), "{said}");
    assert!(passerelle(&db, &["check"]).status.success());
}

/// The two files kept in place, not renamed over (the writer lock and the `.running` marker), are
/// never followed through a symbolic link planted at their path, nor waited on as a FIFO.
#[cfg(unix)]
#[test]
fn the_lock_and_the_running_marker_never_follow_a_planted_link() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().unwrap();
    let db = demo_file(dir.path());
    let store = passerelle::store::Store::open(&db).unwrap();
    let marker = passerelle::store::running_marker(&db);
    let lock = passerelle::store::lock_path(&db).unwrap();
    let victim = dir.path().join("mes-notes.txt");
    std::fs::write(&victim, "mes notes\n").unwrap();
    std::fs::set_permissions(&victim, std::fs::Permissions::from_mode(0o644)).unwrap();
    for planted in [&marker, &lock] {
        std::os::unix::fs::symlink(&victim, planted).unwrap();
    }
    passerelle::store::create_private_file(&marker);
    assert!(store.lock_writer().is_err(), "no lock taken through a link");
    assert_eq!(std::fs::read_to_string(&victim).unwrap(), "mes notes\n");
    let mode = std::fs::metadata(&victim).unwrap().permissions().mode() & 0o777;
    assert_eq!(mode, 0o644, "the link's target keeps its permissions");
    for planted in [&marker, &lock] {
        assert!(std::fs::symlink_metadata(planted).unwrap().is_symlink());
        std::fs::remove_file(planted).unwrap();
        let made = Command::new("mkfifo").arg(planted).status().unwrap();
        assert!(made.success());
    }
    // Returns at once: a FIFO is refused, never opened for a reader that never comes.
    passerelle::store::create_private_file(&marker);
    assert!(store.lock_writer().is_err(), "no lock taken on a FIFO");
    for planted in [&marker, &lock] {
        std::fs::remove_file(planted).unwrap();
    }
    let held = store.lock_writer().unwrap();
    assert!(held.is_some(), "a plain lock file is created again");
    passerelle::store::create_private_file(&marker);
    let mode = std::fs::metadata(&marker).unwrap().permissions().mode() & 0o777;
    assert_eq!(mode, 0o600);
}
