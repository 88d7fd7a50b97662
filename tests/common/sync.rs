//! Two laptops' files of one demo day, and bundles carried between them (issue 23).

use chrono::NaiveDateTime;
use passerelle::core::demo::Stage;
use passerelle::core::sync::{Bundle, decode_bundle};
use passerelle::store::{ImportReport, Store};

/// `h:m` on the demo day.
pub fn at(h: u32, m: u32) -> NaiveDateTime {
    super::today().and_hms_opt(h, m, 0).unwrap()
}

/// The demo in room A's file, and room B's file copied from it the evening before, each with
/// its sync base taken as the application and the commands do before their first write.
pub fn two_rooms(stage: Stage) -> (tempfile::TempDir, Store, Store) {
    let (dir, a) = super::demo_store(stage);
    a.ensure_sync_base().unwrap();
    let b_path = dir.path().join("b.db");
    a.write_copy(&b_path).unwrap();
    let b = Store::open(&b_path).unwrap();
    b.ensure_sync_base().unwrap();
    (dir, a, b)
}

/// Everything `store` has to send, as a bundle.
pub fn bundle_of(store: &mut Store, now: NaiveDateTime) -> Bundle {
    let exported = store.sync_export(0, now).unwrap();
    decode_bundle(&exported.bytes).unwrap()
}

/// Export from `from`, import into `to`.
pub fn send(from: &mut Store, to: &mut Store, now: NaiveDateTime) -> ImportReport {
    let b = bundle_of(from, now);
    to.sync_import(&b, true, now).unwrap()
}

/// The first session of a kind, by date.
pub fn first_session(store: &Store, kind: &str) -> i64 {
    store
        .connection()
        .query_row(
            "SELECT id FROM session WHERE kind = ?1 ORDER BY date, id LIMIT 1",
            [kind],
            |r| r.get(0),
        )
        .unwrap()
}
