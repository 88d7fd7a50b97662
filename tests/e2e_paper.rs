//! End-to-end: a day run on paper is typed back one table at a time, in the order of its table
//! sheet, and each feedback lands on the right interview (#11).
// A pseudo-terminal, signals and kill -9: unix only (the Windows check runs the rest under Wine).
#![cfg(unix)]

#[path = "e2e/harness.rs"]
mod harness;

use harness::Sandbox;

#[test]
fn one_tables_feedback_typed_in_order_lands_on_its_interviews() {
    let sandbox = Sandbox::new();
    sandbox.with_demo();
    let db = sandbox.db();
    let db = db.to_str().unwrap();
    let mut tui = sandbox.open_day();
    tui.generate_plan();
    tui.go_retours();
    tui.keys("b");
    tui.wait_for("saisie depuis papier : Table", 5);
    // The table's interviews, as its sheet lists them: one form after the other.
    let conn = rusqlite::Connection::open(db).unwrap();
    let (panel, table): (i64, String) = conn
        .query_row(
            "SELECT id, table_name FROM panel ORDER BY position LIMIT 1",
            [],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .unwrap();
    let expected: Vec<(u32, i64)> = conn
        .prepare(
            "SELECT i.round, i.candidate_id FROM interview i
             WHERE i.plan_id = (SELECT max(id) FROM plan_version) AND i.panel_id = ?1 ORDER BY i.round",
        )
        .unwrap()
        .query_map([panel], |r| Ok((r.get(0)?, r.get(1)?)))
        .unwrap()
        .flatten()
        .collect();
    assert!(expected.len() >= 3, "a table sees several candidates");
    assert!(tui.screen().contains(&format!("Table {table}")));
    tui.key("Enter");
    for (n, _) in expected.iter().enumerate() {
        tui.wait_for("Présentation et posture", 5);
        for r in ["3", "2", "4", "3", "3", "4"] {
            tui.keys(r);
        }
        tui.key("Tab");
        tui.keys(&format!("Feuille papier ligne {}", n + 1));
        tui.wait_for(&format!("Feuille papier ligne {}", n + 1), 5);
        tui.key("Esc");
    }
    tui.wait_for("Dernier entretien de la table saisi", 5);
    tui.keys("q");
    tui.wait_exit(10).expect("quits");
    for (n, (round, candidate)) in expected.iter().enumerate() {
        let (strengths, panel_id): (String, i64) = conn
            .query_row(
                "SELECT strengths, panel_id FROM feedback WHERE round = ?1 AND candidate_id = ?2",
                rusqlite::params![round, candidate],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )
            .unwrap();
        assert_eq!(strengths, format!("Feuille papier ligne {}", n + 1));
        assert_eq!(panel_id, panel);
    }
}
