//! Sync between two laptops (issue 23): bundles made by the session extension, applied by uid,
//! conflicts listed by kind, the same person typed twice merged, idempotent and order-free.

mod common;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use chrono::NaiveDateTime;
use passerelle::core::demo::Stage;
use passerelle::core::sync::{Bundle, TRAVELLING, decode_bundle, encode_bundle, travelling};
use passerelle::store::{ConflictKind, ImportReport, Store};
use proptest::prelude::*;

fn at(h: u32, m: u32) -> NaiveDateTime {
    common::today().and_hms_opt(h, m, 0).unwrap()
}

/// The demo in room A's file, and room B's file copied from it the evening before, each with
/// its sync base taken as the application and the commands do before their first write.
fn two_rooms(stage: Stage) -> (tempfile::TempDir, Store, Store) {
    common::two_laptops(stage)
}

fn bundle_of(store: &mut Store, now: NaiveDateTime) -> Bundle {
    let exported = store.sync_export(0, now).unwrap();
    decode_bundle(&exported.bytes).unwrap()
}

/// Export from `from`, import into `to`.
fn send(from: &mut Store, to: &mut Store, now: NaiveDateTime) -> ImportReport {
    let b = bundle_of(from, now);
    to.sync_import(&b, true, now).unwrap()
}

/// Every travelling table, each row with the keys it holds replaced by the uids they name
/// (integer keys are each file's own), sorted: what two merged files must share.
fn dump(store: &Store) -> BTreeMap<String, Vec<String>> {
    let conn = store.connection();
    let mut uid_of: BTreeMap<(String, i64), String> = BTreeMap::new();
    for t in TRAVELLING.iter().filter(|t| t.has_uid) {
        let mut stmt = conn
            .prepare(&format!("SELECT id, uid FROM {}", t.table))
            .unwrap();
        let rows = stmt
            .query_map([], |r| Ok((r.get::<_, i64>(0)?, r.get::<_, String>(1)?)))
            .unwrap();
        for row in rows {
            let (id, uid) = row.unwrap();
            uid_of.insert((t.table.to_string(), id), uid);
        }
    }
    let mut out = BTreeMap::new();
    for t in TRAVELLING {
        let mut stmt = conn.prepare(&format!("SELECT * FROM {}", t.table)).unwrap();
        let names: Vec<String> = stmt.column_names().iter().map(|s| s.to_string()).collect();
        let n = names.len();
        let mut rows: Vec<String> = stmt
            .query_map([], |r| {
                let mut cells = Vec::new();
                for (i, name) in names.iter().enumerate().take(n) {
                    let v: rusqlite::types::Value = r.get(i)?;
                    let target = if t.has_uid && name == "id" {
                        Some(t.table)
                    } else {
                        travelling(t.table)
                            .unwrap()
                            .refs
                            .iter()
                            .find(|(c, _)| c == name)
                            .map(|(_, to)| *to)
                    };
                    let cell = match (target, &v) {
                        (Some(to), rusqlite::types::Value::Integer(id)) => uid_of
                            .get(&(to.to_string(), *id))
                            .cloned()
                            .unwrap_or_else(|| format!("dangling {to} {id}")),
                        _ => format!("{v:?}"),
                    };
                    cells.push(format!("{name}={cell}"));
                }
                Ok(cells.join("|"))
            })
            .unwrap()
            .collect::<rusqlite::Result<_>>()
            .unwrap();
        rows.sort();
        out.insert(t.table.to_string(), rows);
    }
    out
}

fn first_session(store: &Store, kind: &str) -> i64 {
    store
        .connection()
        .query_row(
            "SELECT id FROM session WHERE kind = ?1 ORDER BY date, id LIMIT 1",
            [kind],
            |r| r.get(0),
        )
        .unwrap()
}

/// What the store writes beside a mark: when it was made.
fn mark_at(store: &Store, session: i64, person: i64, when: &str) {
    exec(
        store,
        "INSERT INTO attendance_mark (session_id, person_id, marked_at) VALUES (?1, ?2, ?3)
         ON CONFLICT(session_id, person_id) DO UPDATE SET marked_at = excluded.marked_at",
        rusqlite::params![session, person, when],
    );
}

fn exec(store: &Store, sql: &str, p: impl rusqlite::Params) {
    store.connection().execute(sql, p).unwrap();
}

#[test]
fn edits_made_in_two_rooms_meet_in_both_files_and_a_second_import_changes_nothing() {
    let (_dir, mut a, mut b) = two_rooms(Stage::Morning);
    let day_a = first_session(&a, "job_training");
    let day_b = first_session(&b, "job_training");
    // Room A: a note and a new place; room B: a new person in the cohort.
    exec(
        &a,
        "INSERT INTO note (session_id, text, created_at) VALUES (?1, 'Salle A prête', '2026-10-15 08:00')",
        [day_a],
    );
    exec(
        &a,
        "UPDATE session SET place = 'Salle A' WHERE id = ?1",
        [day_a],
    );
    let cohort_b: i64 = b
        .connection()
        .query_row(
            "SELECT cohort_id FROM session WHERE id = ?1",
            [day_b],
            |r| r.get(0),
        )
        .unwrap();
    b.insert_member(cohort_b, &common::candidate("Inès", "Nouvelle"))
        .unwrap();
    assert_ne!(dump(&a), dump(&b));

    let to_b = send(&mut a, &mut b, at(18, 0));
    assert_eq!(to_b.conflicts, [], "nothing touched the same row");
    assert_eq!((to_b.added, to_b.changed), (1, 1), "{to_b:?}");
    let to_a = send(&mut b, &mut a, at(18, 1));
    assert_eq!(to_a.conflicts, []);
    assert!(to_a.added >= 2, "the person and her membership: {to_a:?}");
    assert_eq!(dump(&a), dump(&b), "both files hold the same day");

    // Applying the same bundles again is a no-op.
    let before = dump(&a);
    let again = send(&mut b, &mut a, at(18, 2));
    assert_eq!((again.batches, again.added, again.changed), (0, 0, 0));
    assert_eq!(dump(&a), before);
    let bundle = bundle_of(&mut a, at(18, 3));
    let twice = b.sync_import(&bundle, true, at(18, 3)).unwrap();
    assert_eq!(twice.batches, 0, "{twice:?}");
    assert_eq!(dump(&a), dump(&b));
}

#[test]
fn a_copy_gets_its_own_database_id_at_its_first_write() {
    let (_dir, a, b) = two_rooms(Stage::Morning);
    assert_ne!(a.database_id().unwrap(), b.database_id().unwrap());
}

#[test]
fn the_preview_changes_nothing() {
    let (_dir, mut a, mut b) = two_rooms(Stage::Morning);
    let day = first_session(&a, "job_training");
    exec(
        &a,
        "UPDATE session SET place = 'Salle A' WHERE id = ?1",
        [day],
    );
    let bundle = bundle_of(&mut a, at(18, 0));
    let before = dump(&b);
    let preview = b.sync_import(&bundle, false, at(18, 0)).unwrap();
    assert_eq!(preview.changed, 1);
    assert_eq!(dump(&b), before);
    let done = b.sync_import(&bundle, true, at(18, 0)).unwrap();
    assert_eq!(done.changed, 1);
}

#[test]
fn two_marks_for_one_person_keep_the_later_and_list_the_other() {
    let (_dir, mut a, mut b) = two_rooms(Stage::Morning);
    let day = first_session(&a, "job_training");
    let person: i64 = a
        .connection()
        .query_row(
            "SELECT person_id FROM attendance WHERE session_id = ?1 ORDER BY person_id LIMIT 1",
            [day],
            |r| r.get(0),
        )
        .unwrap();
    // Same keys in both files: B is a copy.
    exec(
        &a,
        "UPDATE attendance SET status = 'absent' WHERE session_id = ?1 AND person_id = ?2",
        [day, person],
    );
    mark_at(&a, day, person, "2026-10-15T09:00:00.000");
    exec(
        &b,
        "UPDATE attendance SET status = 'late', arrived_at = '09:20'
          WHERE session_id = ?1 AND person_id = ?2",
        [day, person],
    );
    mark_at(&b, day, person, "2026-10-15T09:20:00.000");
    let to_b = send(&mut a, &mut b, at(18, 0));
    let to_a = send(&mut b, &mut a, at(18, 1));
    for r in [&to_b, &to_a] {
        assert!(!r.conflicts.is_empty(), "{r:?}");
        assert!(
            r.conflicts
                .iter()
                .all(|c| c.kind == ConflictKind::LaterMark),
            "{r:?}"
        );
    }
    let status = |s: &Store| -> String {
        s.connection()
            .query_row(
                "SELECT status FROM attendance WHERE session_id = ?1 AND person_id = ?2",
                [day, person],
                |r| r.get(0),
            )
            .unwrap()
    };
    assert_eq!(status(&a), "late", "the later mark wins here");
    assert_eq!(status(&b), "late", "and there");
    assert!(
        a.sync_conflicts()
            .unwrap()
            .iter()
            .any(|c| c.table == "attendance" && c.other.contains("absent")),
        "the other is kept"
    );
}

#[test]
fn two_feedback_texts_for_one_interview_are_both_kept_and_listed() {
    let (_dir, mut a, mut b) = two_rooms(Stage::Morning);
    let day = first_session(&a, "job_training");
    let cand: i64 = a
        .connection()
        .query_row(
            "SELECT person_id FROM membership WHERE role = 'candidate' ORDER BY person_id LIMIT 1",
            [],
            |r| r.get(0),
        )
        .unwrap();
    for (s, text) in [(&a, "Très clair"), (&b, "Posé, précis")] {
        exec(
            s,
            "INSERT INTO feedback (session_id, candidate_id, round, criteria_set, strengths)
             VALUES (?1, ?2, 1, 'job_training', ?3)",
            rusqlite::params![day, cand, text],
        );
    }
    let to_b = send(&mut a, &mut b, at(18, 0));
    assert_eq!(to_b.conflicts.len(), 1, "{to_b:?}");
    assert_eq!(to_b.conflicts[0].kind, ConflictKind::BothFeedback);
    assert!(to_b.conflicts[0].other.contains("Très clair"));
    let stored = b.sync_conflicts().unwrap();
    assert!(
        stored
            .iter()
            .any(|c| c.kind == "both_feedback" && c.other.contains("Très clair")),
        "the other text is stored beside: {stored:?}"
    );
    let here: String = b
        .connection()
        .query_row(
            "SELECT strengths FROM feedback WHERE session_id = ?1 AND candidate_id = ?2 AND round = 1",
            [day, cand],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(here, "Posé, précis");
}

#[test]
fn a_deletion_against_an_edit_keeps_the_edit_and_lists_the_deletion() {
    let (_dir, mut a, mut b) = two_rooms(Stage::Morning);
    let day = first_session(&a, "job_training");
    exec(
        &a,
        "INSERT INTO note (session_id, text, created_at) VALUES (?1, 'à garder', '2026-10-15 08:00')",
        [day],
    );
    send(&mut a, &mut b, at(12, 0));
    exec(&a, "DELETE FROM note WHERE text = 'à garder'", []);
    exec(
        &b,
        "UPDATE note SET text = 'à garder, relu' WHERE text = 'à garder'",
        [],
    );
    let to_b = send(&mut a, &mut b, at(18, 0));
    assert_eq!(to_b.conflicts.len(), 1, "{to_b:?}");
    assert_eq!(to_b.conflicts[0].kind, ConflictKind::DeletedThere);
    let kept: i64 = b
        .connection()
        .query_row(
            "SELECT count(*) FROM note WHERE text = 'à garder, relu'",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(kept, 1, "the edit wins");
}

#[test]
fn the_same_professional_typed_on_two_laptops_is_one_person_after_the_merge() {
    let (_dir, mut a, mut b) = two_rooms(Stage::Morning);
    let cohort: i64 = a
        .connection()
        .query_row("SELECT id FROM cohort ORDER BY id LIMIT 1", [], |r| {
            r.get(0)
        })
        .unwrap();
    a.insert_member(cohort, &common::candidate("Hélène", "Ombreval"))
        .unwrap();
    b.insert_member(cohort, &common::candidate("helene", "OMBREVAL"))
        .unwrap();
    let to_b = send(&mut a, &mut b, at(18, 0));
    assert_eq!(to_b.merged.len(), 1, "{to_b:?}");
    let to_a = send(&mut b, &mut a, at(18, 1));
    assert_eq!(to_a.merged.len(), 1, "{to_a:?}");
    let count = |s: &Store| -> i64 {
        s.connection()
            .query_row(
                "SELECT count(*) FROM person WHERE lower(last_name) = 'ombreval'",
                [],
                |r| r.get(0),
            )
            .unwrap()
    };
    assert_eq!((count(&a), count(&b)), (1, 1));
    assert_eq!(
        a.connection()
            .query_row(
                "SELECT uid FROM person WHERE lower(last_name) = 'ombreval'",
                [],
                |r| r.get::<_, String>(0)
            )
            .unwrap(),
        b.connection()
            .query_row(
                "SELECT uid FROM person WHERE lower(last_name) = 'ombreval'",
                [],
                |r| r.get::<_, String>(0)
            )
            .unwrap(),
        "the same one is kept on both laptops"
    );
}

#[test]
fn a_bundle_of_another_schema_or_with_a_bad_checksum_is_refused() {
    let (_dir, mut a, mut b) = two_rooms(Stage::Morning);
    let mut bundle = bundle_of(&mut a, at(18, 0));
    bundle.header.schema -= 1;
    let err = b.sync_import(&bundle, true, at(18, 0)).unwrap_err();
    assert!(
        matches!(err, passerelle::store::StoreError::SyncSchema { .. }),
        "{err}"
    );
    let mut bytes = encode_bundle(&bundle);
    let mid = bytes.len() / 2;
    bytes[mid] ^= 0x40;
    assert!(decode_bundle(&bytes).is_err());
}

/// One random edit on one side.
#[derive(Debug, Clone)]
enum Edit {
    Mark { person: usize, status: usize },
    Note { text: u8 },
    DropNote { which: usize },
    Place { text: u8 },
    Person { first: u8 },
}

fn edit() -> impl Strategy<Value = Edit> {
    prop_oneof![
        (0usize..6, 0usize..4).prop_map(|(person, status)| Edit::Mark { person, status }),
        any::<u8>().prop_map(|text| Edit::Note { text }),
        (0usize..4).prop_map(|which| Edit::DropNote { which }),
        any::<u8>().prop_map(|text| Edit::Place { text }),
        any::<u8>().prop_map(|first| Edit::Person { first }),
    ]
}

fn play(store: &mut Store, e: &Edit, side: &str, step: usize) {
    let day = first_session(store, "job_training");
    match e {
        Edit::Mark { person, status } => {
            let people: Vec<i64> = store
                .connection()
                .prepare(
                    "SELECT person_id FROM attendance WHERE session_id = ?1 ORDER BY person_id",
                )
                .unwrap()
                .query_map([day], |r| r.get(0))
                .unwrap()
                .collect::<rusqlite::Result<_>>()
                .unwrap();
            let Some(p) = people.get(*person) else { return };
            let status = ["present", "absent", "late", "excused"][*status];
            exec(
                store,
                "UPDATE attendance SET status = ?1 WHERE session_id = ?2 AND person_id = ?3",
                rusqlite::params![status, day, p],
            );
            mark_at(
                store,
                day,
                *p,
                &format!("2026-10-15T10:{step:02}:00.{side}"),
            );
        }
        Edit::Note { text } => exec(
            store,
            "INSERT INTO note (session_id, text, created_at) VALUES (?1, ?2, '2026-10-15 10:00')",
            rusqlite::params![day, format!("{side} {text}")],
        ),
        Edit::DropNote { which } => exec(
            store,
            "DELETE FROM note WHERE id = (SELECT id FROM note ORDER BY uid LIMIT 1 OFFSET ?1)",
            [*which as i64],
        ),
        Edit::Place { text } => exec(
            store,
            "UPDATE session SET place = ?1 WHERE id = ?2",
            rusqlite::params![format!("{side} {text}"), day],
        ),
        Edit::Person { first } => {
            let cohort: i64 = store
                .connection()
                .query_row("SELECT cohort_id FROM session WHERE id = ?1", [day], |r| {
                    r.get(0)
                })
                .unwrap();
            store
                .insert_member(cohort, &common::candidate(&format!("P{first}"), side))
                .unwrap();
        }
    }
}

/// Tables where a conflict may leave the two sides apart (each keeps its own, the other listed).
fn conflicting_tables(reports: &[&ImportReport]) -> Vec<String> {
    reports
        .iter()
        .flat_map(|r| r.conflicts.iter())
        .filter(|c| c.kind != ConflictKind::LaterMark)
        .map(|c| c.table.clone())
        .collect()
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 12, ..ProptestConfig::default() })]

    /// Random edits on two copies, exchanged in a random order, twice: both files end the same
    /// (but for the rows a listed conflict keeps apart), and the second exchange is a no-op.
    #[test]
    fn random_edits_on_two_copies_end_the_same(
        left in proptest::collection::vec(edit(), 0..6),
        right in proptest::collection::vec(edit(), 0..6),
        a_first in any::<bool>(),
    ) {
        let (_dir, mut a, mut b) = two_rooms(Stage::Morning);
        for (i, e) in left.iter().enumerate() {
            play(&mut a, e, "A", i);
        }
        for (i, e) in right.iter().enumerate() {
            play(&mut b, e, "B", i);
        }
        let (r1, r2) = if a_first {
            let r1 = send(&mut a, &mut b, at(18, 0));
            (r1, send(&mut b, &mut a, at(18, 1)))
        } else {
            let r1 = send(&mut b, &mut a, at(18, 0));
            (r1, send(&mut a, &mut b, at(18, 1)))
        };
        // One more round both ways: whatever each side did on import reaches the other.
        let r3 = send(&mut a, &mut b, at(18, 2));
        let r4 = send(&mut b, &mut a, at(18, 3));
        let apart = conflicting_tables(&[&r1, &r2, &r3, &r4]);
        let (da, db) = (dump(&a), dump(&b));
        for t in TRAVELLING {
            if !apart.contains(&t.table.to_string()) {
                prop_assert_eq!(&da[t.table], &db[t.table], "table {}", t.table);
            }
        }
        // Twice is a no-op.
        let again = send(&mut a, &mut b, at(18, 4));
        prop_assert_eq!((again.added, again.changed, again.deleted), (0, 0, 0));
        prop_assert_eq!(dump(&b), db);
    }
}

fn bin() -> Command {
    Command::new(env!("CARGO_BIN_EXE_passerelle"))
}

use std::process::Command;

fn run(db: &Path, args: &[&str]) -> std::process::Output {
    bin()
        .arg("--db")
        .arg(db)
        .args(["--lang", "en"])
        .args(args)
        .env("PASSERELLE_TODAY", "2026-10-15")
        .output()
        .unwrap()
}

fn text(o: &std::process::Output) -> String {
    format!(
        "{}{}",
        String::from_utf8_lossy(&o.stdout),
        String::from_utf8_lossy(&o.stderr)
    )
}

/// Two files made by two processes, a day split over them, merged both ways with the CLI.
#[test]
fn two_processes_merge_two_files_both_ways_with_the_command_line() {
    let dir = tempfile::tempdir().unwrap();
    let a = dir.path().join("a.db");
    let b = dir.path().join("b.db");
    let out = run(&a, &["demo", "--no-ui"]);
    assert!(out.status.success(), "{}", text(&out));
    // The file goes to the second laptop.
    let out = run(&a, &["backup", "-o", b.to_str().unwrap()]);
    assert!(out.status.success(), "{}", text(&out));
    // Each room writes with its own process (a note each, through the store).
    for (db, room) in [(&a, "A"), (&b, "B")] {
        let store = Store::open(db).unwrap();
        let _lock = store.lock_writer().unwrap().unwrap();
        store.ensure_sync_base().unwrap();
        let day = first_session(&store, "job_training");
        exec(
            &store,
            "INSERT INTO note (session_id, text, created_at) VALUES (?1, ?2, '2026-10-15 10:00')",
            rusqlite::params![day, format!("salle {room}")],
        );
    }
    let to_b: PathBuf = dir.path().join("a-to-b.passerelle");
    let out = run(&a, &["sync", "export", "-o", to_b.to_str().unwrap()]);
    assert!(out.status.success(), "{}", text(&out));
    assert!(text(&out).contains("--since"), "{}", text(&out));
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(&to_b).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode, 0o600, "a bundle holds personal data");
    }
    let out = run(&b, &["sync", "import", to_b.to_str().unwrap()]);
    assert_eq!(
        out.status.code(),
        Some(2),
        "no terminal, no --yes: {}",
        text(&out)
    );
    assert!(text(&out).contains("To merge"), "{}", text(&out));
    let out = run(&b, &["sync", "import", to_b.to_str().unwrap(), "--yes"]);
    assert!(out.status.success(), "{}", text(&out));
    assert!(text(&out).contains("Merged"), "{}", text(&out));

    let to_a = dir.path().join("b-to-a.passerelle");
    let out = run(&b, &["sync", "export", "-o", to_a.to_str().unwrap()]);
    assert!(out.status.success(), "{}", text(&out));
    let out = run(&a, &["sync", "import", to_a.to_str().unwrap(), "--yes"]);
    assert!(out.status.success(), "{}", text(&out));
    let out = run(&a, &["sync", "import", to_a.to_str().unwrap(), "--yes"]);
    assert!(
        text(&out).contains("0 added, 0 changed, 0 deleted"),
        "twice: {}",
        text(&out)
    );

    let (sa, sb) = (Store::open(&a).unwrap(), Store::open(&b).unwrap());
    assert_eq!(dump(&sa), dump(&sb));
    let notes: i64 = sa
        .connection()
        .query_row(
            "SELECT count(*) FROM note WHERE text LIKE 'salle %'",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(notes, 2);
    // Purge can name the bundles: they are in the register.
    let written = sa.written_files().unwrap();
    assert!(
        written
            .iter()
            .any(|(p, kind)| kind == "sync" && p.ends_with("a-to-b.passerelle"))
    );

    // A damaged bundle is refused with one sentence, nothing changed.
    let mut bytes = std::fs::read(&to_a).unwrap();
    let mid = bytes.len() / 2;
    bytes[mid] ^= 1;
    let bad = dir.path().join("bad.passerelle");
    std::fs::write(&bad, bytes).unwrap();
    let out = run(&a, &["sync", "import", bad.to_str().unwrap(), "--yes"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(text(&out).contains("checksum"), "{}", text(&out));
}

/// Kill -9 at random instants of `sync import`: the file is as before or fully merged.
#[cfg(unix)]
#[test]
fn a_kill_during_sync_import_leaves_the_file_before_or_fully_merged() {
    let dir = tempfile::tempdir().unwrap();
    let (_d, mut a, b) = two_rooms(Stage::Evening);
    drop(b);
    // A large day of changes on A: every feedback text rewritten, many notes.
    let day = first_session(&a, "job_training");
    exec(
        &a,
        "UPDATE feedback SET strengths = strengths || ' (relu)'",
        [],
    );
    for i in 0..400 {
        exec(
            &a,
            "INSERT INTO note (session_id, text, created_at) VALUES (?1, ?2, '2026-10-15 10:00')",
            rusqlite::params![day, format!("note {i}")],
        );
    }
    let bundle = dir.path().join("day.passerelle");
    std::fs::write(&bundle, a.sync_export(0, at(18, 0)).unwrap().bytes).unwrap();
    let b_path = _d.path().join("b.db");
    let before = dump(&Store::open(&b_path).unwrap());
    // How long an import takes here, on a copy: the kills are spread over it.
    let probe = dir.path().join("probe.db");
    Store::open(&b_path).unwrap().write_copy(&probe).unwrap();
    let started = std::time::Instant::now();
    let out = run(
        &probe,
        &["sync", "import", bundle.to_str().unwrap(), "--yes"],
    );
    let took = started.elapsed().as_millis() as u64;
    assert!(out.status.success(), "{}", text(&out));
    let merged = dump(&Store::open(&probe).unwrap());
    assert_ne!(merged, before);
    let mut outcomes = (0, 0);
    for round in 0..12u64 {
        let mut child = bin()
            .arg("--db")
            .arg(&b_path)
            .args(["sync", "import", bundle.to_str().unwrap(), "--yes"])
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::null())
            .spawn()
            .unwrap();
        std::thread::sleep(std::time::Duration::from_millis(took * (round + 1) / 12));
        let _ = child.kill();
        let _ = child.wait();
        let store = Store::open(&b_path).unwrap();
        let check: String = store
            .connection()
            .query_row("PRAGMA integrity_check", [], |r| r.get(0))
            .unwrap();
        assert_eq!(check, "ok");
        let now = dump(&store);
        if now == before {
            outcomes.0 += 1;
        } else {
            let notes: i64 = store
                .connection()
                .query_row(
                    "SELECT count(*) FROM note WHERE text LIKE 'note %'",
                    [],
                    |r| r.get(0),
                )
                .unwrap();
            assert_eq!(notes, 400, "round {round}: fully merged, never half");
            assert_eq!(now, merged, "round {round}: fully merged, never half");
            outcomes.1 += 1;
            break;
        }
    }
    eprintln!(
        "kills: {} left as before, {} fully merged",
        outcomes.0, outcomes.1
    );
}
