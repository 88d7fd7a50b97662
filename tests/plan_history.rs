//! Plan versions carry a typed kind, stored as columns; versions written by the previous schema
//! as English sentences come back as kinds after the migration.

use passerelle::core::plan_history::PlanKind;
use passerelle::store::{Store, StoredInterview};

/// Migrations 0001–0015: the schema whose plan versions carried their kind as a sentence.
const BEFORE_PLAN_KIND: usize = 15;

#[test]
fn old_style_notes_come_back_as_kinds_after_the_migration() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("p.db");
    {
        // The schema before 0016_plan_kind.sql, not « the one before the last »: later
        // migrations (0017…) must not move this test's starting point.
        let old = Store::open_to(&path, BEFORE_PLAN_KIND).unwrap();
        old.connection()
            .execute_batch(
                "INSERT INTO cohort (id, name) VALUES (1, 'Promo');
                 INSERT INTO session (id, cohort_id, kind, date) VALUES (1, 1, 'job_training', '2026-03-10');
                 INSERT INTO plan_version (session_id, version, created_at, note) VALUES
                     (1, 1, '2026-03-10T08:55:00', 'generated'),
                     (1, 2, '2026-03-10T10:02:00', 'replanned from round 3'),
                     (1, 3, '2026-03-10T10:05:00', 'swap'),
                     (1, 4, '2026-03-10T10:07:00', 'restored v2'),
                     (1, 5, '2026-03-10T10:09:00', 'replanned from round x');",
            )
            .unwrap();
    }
    let store = Store::open(&path).unwrap();
    let kinds: Vec<(i64, PlanKind)> = store
        .plan_versions(1)
        .unwrap()
        .into_iter()
        .map(|p| (p.version, p.kind))
        .collect();
    assert_eq!(
        kinds,
        [
            (5, PlanKind::Generated),
            (4, PlanKind::Restored { from_version: 2 }),
            (3, PlanKind::Swap),
            (2, PlanKind::Replanned { from_round: 3 }),
            (1, PlanKind::Generated),
        ],
        "a sentence that does not parse stays a version, read as generated"
    );
    assert_eq!(
        store.plan_version(1, 2).unwrap().unwrap().kind,
        PlanKind::Replanned { from_round: 3 }
    );
}

#[test]
fn a_new_version_keeps_its_kind() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::open(&dir.path().join("p.db")).unwrap();
    store
        .connection()
        .execute_batch(
            "INSERT INTO cohort (id, name) VALUES (1, 'Promo');
             INSERT INTO session (id, cohort_id, kind, date) VALUES (1, 1, 'job_training', '2026-03-10');
             INSERT INTO person (id, first_name, last_name) VALUES (1, 'Yanis', 'B');",
        )
        .unwrap();
    let one = [StoredInterview {
        round: 1,
        panel_id: None,
        panel_label: "T1".into(),
        candidate_id: 1,
    }];
    for kind in [
        PlanKind::Generated,
        PlanKind::Replanned { from_round: 2 },
        PlanKind::Restored { from_version: 1 },
        PlanKind::Swap,
    ] {
        let v = store
            .save_plan(1, "2026-03-10T09:00:00", kind, &one)
            .unwrap();
        assert_eq!(store.plan_version(1, v).unwrap().unwrap().kind, kind);
        assert_eq!(store.latest_plan(1).unwrap().unwrap().kind, kind);
    }
}
