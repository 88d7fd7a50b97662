//! Copies: daily automatic ones (the last 7 kept), on demand, restore (checked, current kept aside),
//! and the check after an unclean exit.

mod common;

use chrono::Duration;
use passerelle::core::demo::Stage;
use passerelle::store::{Store, StoreError, check_file, daily_copies, restore};

#[test]
fn one_daily_copy_per_day_and_only_the_last_seven_are_kept() {
    let (_d, store) = common::demo_store(Stage::Morning);
    let day0 = common::today();
    assert!(store.daily_backup(day0).unwrap().is_some());
    assert!(store.daily_backup(day0).unwrap().is_none(), "once a day");
    for n in 1..10 {
        store.daily_backup(day0 + Duration::days(n)).unwrap();
    }
    let copies = daily_copies(store.path());
    assert_eq!(copies.len(), 7);
    assert!(
        copies[0]
            .to_string_lossy()
            .ends_with(&(day0 + Duration::days(9)).format("%Y-%m-%d").to_string())
    );
    check_file(&copies[0]).unwrap();
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        assert_eq!(
            std::fs::metadata(&copies[0]).unwrap().permissions().mode() & 0o777,
            0o600
        );
    }
}

#[test]
fn restore_checks_the_copy_and_keeps_the_current_database_aside() {
    let (dir, store) = common::demo_store(Stage::Morning);
    let db = store.path().to_path_buf();
    let copy = dir.path().join("copie.db");
    store.write_copy(&copy).unwrap();
    // Later changes, then the copy is put back.
    let session = store.last_session().unwrap().unwrap();
    let mut a = store.list_attendance(session).unwrap()[0].clone();
    a.reason = "après la copie".into();
    store.save_attendance(&a).unwrap();
    drop(store);
    let aside = restore(&db, &copy, "test").unwrap();
    let back = Store::open(&db).unwrap();
    assert!(
        back.list_attendance(session)
            .unwrap()
            .iter()
            .all(|x| x.reason != "après la copie")
    );
    let kept = Store::open(&aside).unwrap();
    assert!(
        kept.list_attendance(session)
            .unwrap()
            .iter()
            .any(|x| x.reason == "après la copie")
    );
}

#[test]
fn restore_refuses_what_is_not_a_sound_passerelle_database() {
    let (dir, store) = common::demo_store(Stage::Morning);
    let db = store.path().to_path_buf();
    drop(store);
    let text = dir.path().join("liste.csv");
    std::fs::write(&text, "Nom;Prénom\n").unwrap();
    assert!(matches!(
        restore(&db, &text, "t"),
        Err(StoreError::NotSqlite(_))
    ));
    let other = dir.path().join("other.db");
    rusqlite::Connection::open(&other)
        .unwrap()
        .execute_batch("CREATE TABLE t(x);")
        .unwrap();
    assert!(matches!(
        restore(&db, &other, "t"),
        Err(StoreError::ForeignDatabase(_))
    ));
    // The database itself is untouched.
    Store::open(&db).unwrap();
}

#[test]
fn a_copy_is_never_written_onto_the_database_nor_over_a_foreign_file() {
    let (dir, store) = common::demo_store(Stage::Morning);
    let db = store.path().to_path_buf();
    assert!(matches!(
        store.write_copy_forced(&db, true),
        Err(StoreError::Refused(
            passerelle::safe_file::Refusal::OpenDatabase(_)
        ))
    ));
    let mut wal = db.as_os_str().to_os_string();
    wal.push("-wal");
    assert!(matches!(
        store.write_copy_forced(std::path::Path::new(&wal), true),
        Err(StoreError::Refused(
            passerelle::safe_file::Refusal::OpenDatabase(_)
        ))
    ));
    let other = dir.path().join("other.db");
    rusqlite::Connection::open(&other)
        .unwrap()
        .execute_batch("CREATE TABLE t(x); INSERT INTO t VALUES (1);")
        .unwrap();
    assert!(matches!(
        store.write_copy(&other),
        Err(StoreError::Refused(
            passerelle::safe_file::Refusal::Foreign(_)
        ))
    ));
    store.write_copy_forced(&other, true).unwrap();
    check_file(&other).unwrap();
    // A Passerelle copy is replaced without --force.
    store.write_copy(&other).unwrap();
    check_file(&db).unwrap();
}

#[test]
fn two_restores_with_the_same_stamp_keep_both_copies_aside() {
    let (dir, store) = common::demo_store(Stage::Morning);
    let db = store.path().to_path_buf();
    let copy = dir.path().join("copie.db");
    store.write_copy(&copy).unwrap();
    drop(store);
    let first = restore(&db, &copy, "same").unwrap();
    let second = restore(&db, &copy, "same").unwrap();
    assert_ne!(first, second);
    check_file(&first).unwrap();
    check_file(&second).unwrap();
}
