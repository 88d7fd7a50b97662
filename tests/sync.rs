//! Sync between two laptops (issue 23): bundles made by the session extension, applied by uid,
//! conflicts listed by kind, the same person typed twice merged, idempotent and order-free.

mod common;

use common::sync::{at, bundle_of, first_session, send, two_rooms};

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use passerelle::core::demo::Stage;
use passerelle::core::sync::{
    TRAVELLING, decode_bundle, encode_bundle, list_column, switched, travelling,
};
use passerelle::store::{ConflictKind, ImportReport, Store};
use proptest::prelude::*;

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
        let switch_at = switched(t.table).and_then(|s| names.iter().position(|n| n == s.by));
        let mut rows: Vec<String> = stmt
            .query_map([], |r| {
                let mut cells = Vec::new();
                let switch: Option<String> = match switch_at {
                    Some(i) => r.get(i)?,
                    None => None,
                };
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
                            .or_else(|| {
                                switched(t.table)
                                    .filter(|s| s.column == name)
                                    .and_then(|s| s.target(switch.as_deref()))
                            })
                    };
                    let uid = |to: &str, id: i64| {
                        uid_of
                            .get(&(to.to_string(), id))
                            .cloned()
                            .unwrap_or_else(|| format!("dangling {to} {id}"))
                    };
                    let list = list_column(t.table, name);
                    let cell = match (target, &v) {
                        (Some(to), rusqlite::types::Value::Integer(id)) => uid(to, *id),
                        (None, rusqlite::types::Value::Text(text)) if list.is_some() => {
                            let to = list.map_or("", |l| l.to);
                            let keys = passerelle::core::sync::key_list(text);
                            let uids: Vec<String> = keys.iter().map(|k| uid(to, *k)).collect();
                            uids.join(",")
                        }
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

/// The first person expected on `day`.
fn first_attendee(store: &Store, day: i64) -> i64 {
    store
        .connection()
        .query_row(
            "SELECT person_id FROM attendance WHERE session_id = ?1 ORDER BY person_id LIMIT 1",
            [day],
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
    let person = first_attendee(&a, day);
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
    shared_note(&mut a, &mut b);
    exec(&a, "DELETE FROM note WHERE text = 'à garder'", []);
    reread(&b);
    let to_b = send(&mut a, &mut b, at(18, 0));
    assert_eq!(to_b.conflicts.len(), 1, "{to_b:?}");
    assert_eq!(to_b.conflicts[0].kind, ConflictKind::DeletedThere);
    assert_eq!(
        note_text(&b, "à garder%"),
        ["à garder, relu"],
        "the edit wins"
    );
}

/// A note typed on A in the morning (« à garder »), sent to B at noon.
fn shared_note(a: &mut Store, b: &mut Store) {
    let day = first_session(a, "job_training");
    exec(
        a,
        "INSERT INTO note (session_id, text, created_at) VALUES (?1, 'à garder', '2026-10-15 08:00')",
        [day],
    );
    send(a, b, at(12, 0));
}

/// The shared note reread on one laptop.
fn reread(store: &Store) {
    exec(
        store,
        "UPDATE note SET text = 'à garder, relu' WHERE text = 'à garder'",
        [],
    );
}

fn note_text(store: &Store, like: &str) -> Vec<String> {
    store
        .connection()
        .prepare("SELECT text FROM note WHERE text LIKE ?1 ORDER BY text")
        .unwrap()
        .query_map([like], |r| r.get(0))
        .unwrap()
        .collect::<rusqlite::Result<_>>()
        .unwrap()
}

#[test]
fn an_edit_there_brings_back_the_row_deleted_here_and_lists_it() {
    let (_dir, mut a, mut b) = two_rooms(Stage::Morning);
    shared_note(&mut a, &mut b);
    reread(&a);
    exec(&b, "DELETE FROM note WHERE text = 'à garder'", []);
    let bundle = bundle_of(&mut a, at(18, 0));
    let preview = b.sync_import(&bundle, false, at(18, 0)).unwrap();
    assert_eq!(
        preview.added, 1,
        "the preview says it comes back: {preview:?}"
    );
    assert_eq!(note_text(&b, "à garder%"), Vec::<String>::new());
    let to_b = b.sync_import(&bundle, true, at(18, 0)).unwrap();
    assert_eq!(to_b.conflicts.len(), 1, "{to_b:?}");
    assert_eq!(to_b.conflicts[0].kind, ConflictKind::Restored);
    assert_eq!(
        note_text(&b, "à garder%"),
        ["à garder, relu"],
        "the edit wins"
    );
    assert!(
        b.sync_conflicts()
            .unwrap()
            .iter()
            .any(|c| c.kind == "restored" && c.table == "note"),
        "the deletion is listed"
    );
    // The way back: A keeps its edit, and both files end the same.
    send(&mut b, &mut a, at(18, 1));
    assert_eq!(note_text(&a, "à garder%"), ["à garder, relu"]);
    assert_eq!(dump(&a), dump(&b));
}

#[test]
fn an_edit_there_brings_back_a_row_without_uid_deleted_here() {
    let (_dir, mut a, mut b) = two_rooms(Stage::Morning);
    let day = first_session(&a, "job_training");
    let person = first_attendee(&a, day);
    exec(
        &a,
        "UPDATE attendance SET reason = 'parloir' WHERE session_id = ?1 AND person_id = ?2",
        [day, person],
    );
    exec(
        &b,
        "DELETE FROM attendance WHERE session_id = ?1 AND person_id = ?2",
        [day, person],
    );
    let to_b = send(&mut a, &mut b, at(18, 0));
    assert!(
        to_b.conflicts
            .iter()
            .any(|c| c.kind == ConflictKind::Restored && c.table == "attendance"),
        "{to_b:?}"
    );
    let reason: String = b
        .connection()
        .query_row(
            "SELECT reason FROM attendance WHERE session_id = ?1 AND person_id = ?2",
            [day, person],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(reason, "parloir");
    send(&mut b, &mut a, at(18, 1));
    assert_eq!(dump(&a)["attendance"], dump(&b)["attendance"]);
}

#[test]
fn an_edit_there_brings_back_what_it_needs_that_was_deleted_with_it_here() {
    let (_dir, mut a, mut b) = two_rooms(Stage::Morning);
    let cohort: i64 = a
        .connection()
        .query_row("SELECT id FROM cohort ORDER BY id LIMIT 1", [], |r| {
            r.get(0)
        })
        .unwrap();
    exec(
        &a,
        "INSERT INTO session (cohort_id, kind, date, title) VALUES (?1, 'review', '2026-11-02', 'Bilan')",
        [cohort],
    );
    let review: i64 = a.connection().last_insert_rowid();
    exec(
        &a,
        "INSERT INTO note (session_id, text, created_at) VALUES (?1, 'bilan prévu', '2026-10-15 08:00')",
        [review],
    );
    send(&mut a, &mut b, at(12, 0));
    exec(
        &a,
        "UPDATE note SET text = 'bilan prévu, salle 2' WHERE text = 'bilan prévu'",
        [],
    );
    // Here the session goes, and its note with it (SQLite's cascade).
    exec(&b, "DELETE FROM session WHERE title = 'Bilan'", []);
    let to_b = send(&mut a, &mut b, at(18, 0));
    let restored: Vec<&str> = to_b
        .conflicts
        .iter()
        .filter(|c| c.kind == ConflictKind::Restored)
        .map(|c| c.table.as_str())
        .collect();
    assert_eq!(restored, ["session", "note"], "{to_b:?}");
    assert_eq!(note_text(&b, "bilan%"), ["bilan prévu, salle 2"]);
    let title: String = b
        .connection()
        .query_row(
            "SELECT s.title FROM note n JOIN session s ON s.id = n.session_id
              WHERE n.text LIKE 'bilan%'",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(title, "Bilan");
    // A receives the deletion and the return: the note and its session stay there too.
    send(&mut b, &mut a, at(18, 1));
    assert_eq!(note_text(&a, "bilan%"), ["bilan prévu, salle 2"]);
    assert_eq!(dump(&a)["session"], dump(&b)["session"]);
    assert_eq!(dump(&a)["note"], dump(&b)["note"]);
}

#[test]
fn an_outcome_names_its_proposal_and_its_mentor_in_this_files_keys() {
    let (_dir, mut a, mut b) = two_rooms(Stage::Morning);
    let day = first_session(&a, "job_training");
    let (cohort, cand): (i64, i64) = a
        .connection()
        .query_row(
            "SELECT cohort_id, person_id FROM membership WHERE role = 'candidate'
              ORDER BY person_id LIMIT 1",
            [],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .unwrap();
    let proposal = |s: &Store, detail: &str| -> i64 {
        exec(
            s,
            "INSERT INTO proposal (session_id, candidate_id, kind, detail)
             VALUES (?1, ?2, 'job_offer', ?3)",
            rusqlite::params![day, cand, detail],
        );
        s.connection().last_insert_rowid()
    };
    // B adds a proposal and a person first: A's new rows get other keys there.
    proposal(&b, "stage B");
    b.insert_member(cohort, &common::candidate("Autre", "Personne"))
        .unwrap();
    let cdi = proposal(&a, "CDI cuisine");
    let mentor = a
        .insert_member(cohort, &common::candidate("Marraine", "Dupuis"))
        .unwrap();
    for (milestone, source, id) in [("release", "proposal", cdi), ("month3", "mentor", mentor)] {
        exec(
            &a,
            "INSERT INTO outcome (cohort_id, candidate_id, milestone, category, source, source_id,
                                  recorded_on)
             VALUES (?1, ?2, ?3, 'emploi_durable', ?4, ?5, '2026-10-15')",
            rusqlite::params![cohort, cand, milestone, source, id],
        );
    }
    let named = |s: &Store, milestone: &str, sql: &str| -> String {
        s.connection()
            .query_row(
                &format!(
                    "SELECT {sql} FROM outcome o WHERE o.milestone = ?1 AND o.candidate_id = ?2"
                ),
                rusqlite::params![milestone, cand],
                |r| r.get(0),
            )
            .unwrap()
    };
    let detail = "(SELECT detail FROM proposal WHERE id = o.source_id)";
    let last_name = "(SELECT last_name FROM person WHERE id = o.source_id)";
    send(&mut a, &mut b, at(12, 0));
    assert_eq!(named(&b, "release", detail), "CDI cuisine");
    assert_eq!(named(&b, "month3", last_name), "Dupuis");
    // An update that changes only `source_id` (its `source` is read here).
    let other = proposal(&a, "CDD boulangerie");
    exec(
        &a,
        "UPDATE outcome SET source_id = ?1 WHERE milestone = 'release'",
        [other],
    );
    send(&mut a, &mut b, at(18, 0));
    assert_eq!(named(&b, "release", detail), "CDD boulangerie");
    send(&mut b, &mut a, at(18, 1));
    assert_eq!(dump(&a), dump(&b));
}

#[test]
fn every_column_that_names_another_row_is_translated() {
    // The evening: feedback written, its panels named.
    let (_dir, a) = common::demo_store(Stage::Evening);
    let conn = a.connection();
    let mut lists_seen = Vec::new();
    for t in TRAVELLING {
        let translated = |col: &str| {
            (t.has_uid && col == "id")
                || t.refs.iter().any(|(c, _)| *c == col)
                || switched(t.table).is_some_and(|s| s.column == col)
                || list_column(t.table, col).is_some()
        };
        let keys: Vec<(String, String)> = conn
            .prepare("SELECT \"from\", \"table\" FROM pragma_foreign_key_list(?1)")
            .unwrap()
            .query_map([t.table], |r| Ok((r.get(0)?, r.get(1)?)))
            .unwrap()
            .collect::<rusqlite::Result<_>>()
            .unwrap();
        for (from, to) in keys {
            // A membership is named by its cohort and person, each translated on its own.
            let named = to == "membership" || t.refs.iter().any(|r| *r == (&from[..], &to[..]));
            assert!(named, "{}.{from} names {to}", t.table);
        }
        let columns: Vec<String> = conn
            .prepare("SELECT name FROM pragma_table_info(?1)")
            .unwrap()
            .query_map([t.table], |r| r.get(0))
            .unwrap()
            .collect::<rusqlite::Result<_>>()
            .unwrap();
        for col in columns {
            let key_like = (col.ends_with("_id") && col != "external_id")
                || ["offered_by", "with_person"].contains(&col.as_str())
                || col.ends_with("_ids")
                || col.ends_with("_members");
            assert!(!key_like || translated(&col), "{}.{col}", t.table);
            // Keys inside a text: a list of numbers, or JSON holding numbers.
            let texts: Vec<String> = conn
                .prepare(&format!(
                    "SELECT DISTINCT {col} FROM {} WHERE typeof({col}) = 'text' AND {col} != ''",
                    t.table
                ))
                .unwrap()
                .query_map([], |r| r.get(0))
                .unwrap()
                .collect::<rusqlite::Result<_>>()
                .unwrap();
            let holds_keys = texts.iter().any(|v| {
                let list = v.split(',').all(|k| k.trim().parse::<i64>().is_ok());
                let json = (v.starts_with('[') || v.starts_with('{'))
                    && v.chars().any(|c| c.is_ascii_digit());
                list || json
            });
            // Numbers that are not keys: the number written on a room's table.
            let not_keys = ["panel.table_name"];
            if holds_keys && !not_keys.contains(&format!("{}.{col}", t.table).as_str()) {
                assert!(
                    list_column(t.table, &col).is_some(),
                    "{}.{col} holds numbers in text: {texts:?}",
                    t.table
                );
                lists_seen.push(format!("{}.{col}", t.table));
            }
        }
    }
    assert_eq!(
        lists_seen,
        ["feedback.panel_members"],
        "the demo names a panel"
    );
}

/// A new professional typed on `store` (no cohort: never taken for another one); its key.
fn new_professional(store: &Store, last_name: &str) -> i64 {
    exec(
        store,
        "INSERT INTO person (first_name, last_name) VALUES ('Pro', ?1)",
        [last_name],
    );
    store.connection().last_insert_rowid()
}

/// A feedback of round 7 written on `store` by the panel `members` (keys, comma-separated).
fn panel_feedback(store: &Store, session: i64, candidate: i64, members: &str) {
    exec(
        store,
        "INSERT INTO feedback (session_id, candidate_id, round, panel_members, criteria_set)
         VALUES (?1, ?2, 7, ?3, 'job_training')",
        rusqlite::params![session, candidate, members],
    );
}

/// The last names of the panel a feedback names, in this file's keys.
fn panel_names(store: &Store, session: i64, candidate: i64) -> Vec<String> {
    let members: String = store
        .connection()
        .query_row(
            "SELECT panel_members FROM feedback WHERE session_id = ?1 AND candidate_id = ?2
               AND round = 7",
            [session, candidate],
            |r| r.get(0),
        )
        .unwrap();
    members
        .split(',')
        .filter(|m| !m.is_empty())
        .map(|m| {
            store
                .connection()
                .query_row(
                    "SELECT last_name FROM person WHERE id = ?1",
                    [m.parse::<i64>().unwrap()],
                    |r| r.get(0),
                )
                .unwrap_or_else(|_| format!("no person {m}"))
        })
        .collect()
}

#[test]
fn a_feedbacks_panel_members_name_the_same_people_on_the_other_laptop() {
    let (_dir, mut a, mut b) = two_rooms(Stage::Morning);
    let day = first_session(&a, "job_training");
    let cand = first_attendee(&a, day);
    let mine = new_professional(&a, "Aubier");
    let theirs = new_professional(&b, "Bastide");
    assert_eq!(mine, theirs, "both laptops give the same key");
    let gone = new_professional(&b, "Corbel");
    panel_feedback(&b, day, cand, &format!("{theirs},{gone}"));
    let to_a = send(&mut b, &mut a, at(18, 0));
    assert_eq!(
        panel_names(&a, day, cand),
        ["Bastide", "Corbel"],
        "{to_a:?}"
    );
    // A person missing here: the rest kept, the missing one listed.
    let (_dir2, mut c, mut d) = two_rooms(Stage::Morning);
    let theirs = new_professional(&d, "Bastide");
    let gone = new_professional(&d, "Corbel");
    panel_feedback(&d, day, cand, &format!("{theirs},{gone}"));
    let mut bundle = bundle_of(&mut d, at(18, 0));
    for head in &mut bundle.header.batches {
        if let Some(uid) = head.uids.get_mut("person").and_then(|p| p.get_mut(&gone)) {
            *uid = "00000000-0000-4000-8000-000000000000".into();
        }
    }
    let to_c = c.sync_import(&bundle, true, at(18, 0)).unwrap();
    assert_eq!(panel_names(&c, day, cand), ["Bastide"]);
    assert!(
        to_c.conflicts
            .iter()
            .any(|k| k.kind == ConflictKind::Missing && k.table == "feedback"),
        "{to_c:?}"
    );
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

/// An encrypted bundle is refused by a build without encryption, in one sentence.
#[cfg(not(feature = "encryption"))]
#[test]
fn a_build_without_encryption_refuses_an_encrypted_bundle_in_one_sentence() {
    let (dir, store) = common::demo_store(Stage::Morning);
    let db = store.path().to_path_buf();
    drop(store);
    // Whole pages and no plain header: what SQLCipher writes.
    let bytes: Vec<u8> = (0..4096u32)
        .map(|i| (i.wrapping_mul(2_654_435_761) >> 13) as u8)
        .collect();
    let sealed = dir.path().join("salle-a.passerelle");
    std::fs::write(&sealed, bytes).unwrap();
    let out = run(&db, &["sync", "import", sealed.to_str().unwrap(), "--yes"]);
    assert_eq!(out.status.code(), Some(2), "{}", text(&out));
    assert!(text(&out).contains("encrypted bundle"), "{}", text(&out));
    assert_eq!(text(&out).lines().count(), 1, "{}", text(&out));
}

/// The encrypted database's bundles: a small SQLCipher database keyed with its passphrase,
/// opened by the laptops that share it, refused in one sentence elsewhere. Run with
/// `cargo test --features encryption --test sync`.
#[cfg(feature = "encryption")]
#[test]
fn an_encrypted_database_writes_encrypted_bundles_that_its_laptops_open() {
    use passerelle::store::Sealed;
    const KEY: &str = "correct horse battery staple";
    let dir = tempfile::tempdir().unwrap();
    let a_path = dir.path().join("a.db");
    let mut a = Store::open_keyed(&a_path, Some(KEY)).unwrap();
    a.write_demo(&passerelle::core::demo::generate(
        passerelle::core::demo::DEFAULT_SEED,
        common::today(),
        Stage::Morning,
    ))
    .unwrap();
    a.ensure_sync_base().unwrap();
    let b_path = dir.path().join("b.db");
    a.write_copy(&b_path).unwrap();
    let mut b = Store::open_keyed(&b_path, Some(KEY)).unwrap();
    b.ensure_sync_base().unwrap();
    // A third laptop, to merge with the command line.
    let d_path = dir.path().join("d.db");
    a.write_copy(&d_path).unwrap();
    let day = first_session(&a, "job_training");
    exec(
        &a,
        "INSERT INTO note (session_id, text, created_at) VALUES (?1, 'secret de salle A', '2026-10-15 10:00')",
        [day],
    );
    let bytes = a.sync_export(0, at(18, 0)).unwrap().bytes;
    for clear in [
        "PASSERELLE-SYNC",
        "secret de salle A",
        "SQLite format 3",
        "Vivonne",
    ] {
        assert!(
            !bytes.windows(clear.len()).any(|w| w == clear.as_bytes()),
            "the bundle shows « {clear} »"
        );
    }
    let file = dir.path().join("a.passerelle");
    std::fs::write(&file, &bytes).unwrap();
    let Sealed::Opened(envelope) = b.open_sealed_bundle(&file) else {
        panic!("the same passphrase opens it");
    };
    let bundle = decode_bundle(&envelope).unwrap();
    b.sync_import(&bundle, true, at(18, 0)).unwrap();
    assert_eq!(note_text(&b, "secret%"), ["secret de salle A"]);
    // Nothing left beside the database but what was there.
    let leftovers: Vec<_> = std::fs::read_dir(dir.path())
        .unwrap()
        .flatten()
        .filter(|e| e.file_name().to_string_lossy().ends_with(".passerelle-tmp"))
        .collect();
    assert!(leftovers.is_empty(), "{leftovers:?}");

    // Another passphrase, or a plain database: refused, in one sentence on the command line.
    let c_path = dir.path().join("c.db");
    let c = Store::open_keyed(&c_path, Some("another passphrase")).unwrap();
    assert_eq!(c.open_sealed_bundle(&file), Sealed::OtherPassphrase);
    drop(c);
    let (_plain_dir, plain) = common::demo_store(Stage::Morning);
    assert_eq!(plain.open_sealed_bundle(&file), Sealed::OtherPassphrase);
    let out = bin()
        .args(["--db", c_path.to_str().unwrap(), "--lang", "en"])
        .args(["sync", "import", file.to_str().unwrap(), "--yes"])
        .env("PASSERELLE_PASSPHRASE", "another passphrase")
        .env("PASSERELLE_TODAY", "2026-10-15")
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2), "{}", text(&out));
    assert!(text(&out).contains("another passphrase"), "{}", text(&out));
    assert_eq!(text(&out).lines().count(), 1, "{}", text(&out));
    // The command line of a laptop that shares the passphrase merges it.
    let out = bin()
        .args(["--db", d_path.to_str().unwrap(), "--lang", "en"])
        .args(["sync", "import", file.to_str().unwrap(), "--yes"])
        .env("PASSERELLE_PASSPHRASE", KEY)
        .env("PASSERELLE_TODAY", "2026-10-15")
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", text(&out));
    assert!(text(&out).contains("Merged"), "{}", text(&out));
}
