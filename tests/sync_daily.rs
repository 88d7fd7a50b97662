//! One batch per working day (issue 23): the first start of a day cuts what changed on the days
//! before into a batch of its own; later starts the same day do not.

mod common;

use std::time::{Duration, SystemTime};

use passerelle::core::demo::Stage;

/// Dates the base as taken `days` ago, as if the application had last synced then.
fn age_base(store: &passerelle::store::Store, days: u64) {
    let f = std::fs::File::options()
        .append(true)
        .open(store.sync_base_path())
        .unwrap();
    f.set_modified(SystemTime::now() - Duration::from_secs(days * 86_400))
        .unwrap();
}

fn rename_first_session(store: &passerelle::store::Store, title: &str) {
    store
        .connection()
        .execute(
            "UPDATE session SET title = ?1 WHERE id = (SELECT min(id) FROM session)",
            [title],
        )
        .unwrap();
}

#[test]
fn the_first_start_of_a_day_cuts_the_days_before_into_a_batch_once() {
    let (_dir, mut store) = common::demo_store(Stage::Morning);
    store.ensure_sync_base().unwrap();
    let now = chrono::Local::now().naive_local();
    // Yesterday's work, never exported.
    rename_first_session(&store, "Réunion d'information (hier)");
    age_base(&store, 1);
    let cut = store.cut_daily_sync_batch(now).unwrap();
    assert!(cut.is_some(), "yesterday's change is a batch of its own");
    // Today's work: the second start of the day leaves it for the next cut.
    rename_first_session(&store, "Réunion d'information (aujourd'hui)");
    assert_eq!(store.cut_daily_sync_batch(now).unwrap(), None);
    // The export cuts today's change: two batches, one per day.
    let exported = store.sync_export(0, now).unwrap();
    assert_eq!(exported.batches, 2);
}

#[test]
fn a_day_without_changes_dates_the_base_today_and_cuts_nothing() {
    let (_dir, mut store) = common::demo_store(Stage::Morning);
    store.ensure_sync_base().unwrap();
    let now = chrono::Local::now().naive_local();
    age_base(&store, 3);
    assert_eq!(store.cut_daily_sync_batch(now).unwrap(), None);
    let taken = std::fs::metadata(store.sync_base_path())
        .unwrap()
        .modified()
        .unwrap();
    let taken = chrono::DateTime::<chrono::Local>::from(taken).date_naive();
    assert_eq!(taken, now.date());
}
