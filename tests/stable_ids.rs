//! Stable identities (issue 23, « Sync »): a database id of its own and a random uid on every row
//! that can travel, given to old rows by the migration and to new ones at insert.

mod common;

use std::collections::HashSet;

use passerelle::core::domain::{Session, SessionKind};
use passerelle::store::{Store, backup_path_for};

/// The schema just before `0021_stable_ids.sql`.
const BEFORE_STABLE_IDS: usize = 20;

/// The tables whose rows carry a uid.
const WITH_UID: &[&str] = &[
    "cohort",
    "person",
    "session",
    "panel",
    "plan_version",
    "interview",
    "clock_event",
    "feedback",
    "proposal",
    "note",
    "action_item",
    "status_change",
    "followup_contact",
    "outcome",
    "mentor_pairing",
    "agenda_item",
];

fn uids(store: &Store, table: &str) -> Vec<Option<String>> {
    store
        .connection()
        .prepare(&format!("SELECT uid FROM {table} ORDER BY id"))
        .unwrap()
        .query_map([], |r| r.get(0))
        .unwrap()
        .collect::<rusqlite::Result<_>>()
        .unwrap()
}

/// A version-4 UUID as text: 8-4-4-4-12 lower-case hex, version 4, variant 10xx.
fn is_uuid_v4(s: &str) -> bool {
    let parts: Vec<&str> = s.split('-').collect();
    parts.iter().map(|p| p.len()).collect::<Vec<_>>() == [8, 4, 4, 4, 12]
        && s.chars()
            .all(|c| c == '-' || c.is_ascii_digit() || ('a'..='f').contains(&c))
        && parts[2].starts_with('4')
        && parts[3].starts_with(['8', '9', 'a', 'b'])
}

#[test]
fn a_file_made_by_the_previous_schema_gets_a_database_id_and_a_uid_on_every_row() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("old.db");
    {
        let old = Store::open_to(&path, BEFORE_STABLE_IDS).unwrap();
        old.connection()
            .execute_batch(
                "INSERT INTO cohort (id, name) VALUES (1, 'Promo'), (2, 'Promo 2');
                 INSERT INTO person (id, first_name, last_name) VALUES (1, 'Karim', 'B'), (2, 'Anne', 'M');
                 INSERT INTO membership (cohort_id, person_id, role) VALUES (1, 1, 'candidate'), (1, 2, 'professional');
                 INSERT INTO session (id, cohort_id, kind, date) VALUES (1, 1, 'job_training', '2026-10-15');
                 INSERT INTO note (session_id, candidate_id, text, created_at) VALUES (1, 1, 'x', '2026-10-15 09:00');",
            )
            .unwrap();
    }
    let mut store = Store::open(&path).unwrap();
    assert!(
        backup_path_for(&path, BEFORE_STABLE_IDS as i64).exists(),
        "the copy before migrating is kept"
    );
    let id = store.database_id().unwrap();
    assert!(is_uuid_v4(&id), "database id {id}");
    let mut seen = HashSet::new();
    for table in ["cohort", "person", "session", "note"] {
        for uid in uids(&store, table) {
            let uid = uid.unwrap_or_else(|| panic!("{table}: an old row without uid"));
            assert!(is_uuid_v4(&uid), "{table}: {uid}");
            assert!(seen.insert(uid), "{table}: uids are all different");
        }
    }
    assert_eq!(seen.len(), 6);
    // The old rows keep their integer keys: the uid is beside them, not instead.
    let names: Vec<String> = store
        .connection()
        .prepare("SELECT first_name FROM person ORDER BY id")
        .unwrap()
        .query_map([], |r| r.get(0))
        .unwrap()
        .collect::<rusqlite::Result<_>>()
        .unwrap();
    assert_eq!(names, ["Karim", "Anne"]);

    // New rows, through the store's ordinary inserts, get theirs at once.
    let person = store
        .insert_member(1, &common::candidate("Léa", "Martin"))
        .unwrap();
    let session = store
        .insert_session(&Session {
            id: 0,
            cohort_id: 1,
            kind: SessionKind::GrandOral,
            date: common::today(),
            start_time: None,
            place: String::new(),
            title: String::new(),
        })
        .unwrap();
    for (table, row) in [("person", person), ("session", session)] {
        let uid: String = store
            .connection()
            .query_row(
                &format!("SELECT uid FROM {table} WHERE id = ?1"),
                [row],
                |r| r.get(0),
            )
            .unwrap();
        assert!(is_uuid_v4(&uid), "{table}: {uid}");
        assert!(seen.insert(uid), "{table}: a new uid");
    }

    // Two rows can never share one.
    let taken = uids(&store, "person")[0].clone().unwrap();
    let twin = store.connection().execute(
        "INSERT INTO person (first_name, last_name, uid) VALUES ('A', 'B', ?1)",
        [&taken],
    );
    assert!(twin.is_err(), "the uid index is unique");

    // Reopening keeps the database id.
    drop(store);
    assert_eq!(Store::open(&path).unwrap().database_id().unwrap(), id);
}

#[test]
fn a_new_database_has_its_own_id_and_every_table_that_travels_has_a_unique_uid() {
    let dir = tempfile::tempdir().unwrap();
    let a = Store::open(&dir.path().join("a.db")).unwrap();
    let b = Store::open(&dir.path().join("b.db")).unwrap();
    assert_ne!(a.database_id().unwrap(), b.database_id().unwrap());
    for table in WITH_UID {
        let unique: bool = a
            .connection()
            .query_row(
                "SELECT EXISTS(SELECT 1 FROM pragma_index_list(?1) l
                                 JOIN pragma_index_info(l.name) i
                                WHERE l.\"unique\" = 1 AND i.name = 'uid')",
                [table],
                |r| r.get(0),
            )
            .unwrap();
        assert!(unique, "{table}.uid has a unique index");
    }
}

#[test]
fn the_demo_rows_all_get_uids() {
    let (_dir, store) = common::demo_store(passerelle::core::demo::Stage::Evening);
    for table in WITH_UID {
        let missing: i64 = store
            .connection()
            .query_row(
                &format!("SELECT count(*) FROM {table} WHERE uid IS NULL"),
                [],
                |r| r.get(0),
            )
            .unwrap();
        assert_eq!(missing, 0, "{table}");
    }
}
