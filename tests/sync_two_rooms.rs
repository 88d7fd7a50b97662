//! Issue 23, « Two rooms, one day », end to end: the plan shared before the day, a day split
//! over two rooms by tables, each laptop typing its own tables, the two files merged both ways
//! by two real processes (`sync export`, `sync import --yes`), and the grand oral export of each
//! laptop equal to the one of the same day typed on one laptop.

mod common;
#[path = "common/rooms.rs"]
mod rooms;

use std::path::Path;

use passerelle::core::demo::{self, Stage};
use passerelle::store::Store;

/// The real binary in `dir` on `db`, in French, at the demo's evening; it must succeed.
fn ok(dir: &Path, db: &str, args: &[&str]) -> String {
    let out = common::cli_in(dir, db, args);
    let text = format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(out.status.success(), "{db} {args:?}: {text}");
    text
}

/// The grand oral export of the job-training day, for the staff (everything the grand oral
/// sees: texts, ratings, proposals), as Markdown and as JSON.
fn grand_oral(dir: &Path, db: &str, session: i64) -> (String, serde_json::Value) {
    let export = |format: &str| {
        let file = format!("{db}.{format}");
        let session = session.to_string();
        ok(
            dir,
            db,
            &[
                "export",
                "--session",
                &session,
                "--format",
                format,
                "--audience",
                "full",
                "--force",
                "-o",
                &file,
            ],
        );
        std::fs::read_to_string(dir.join(file)).unwrap()
    };
    let mut json: serde_json::Value = serde_json::from_str(&export("json")).unwrap();
    // A proposal's `id` is its row in this file: each laptop numbers the rows it receives
    // after its own (integer keys are local, README « How rows are matched »). Only that
    // differs legitimately; the rest of the JSON must be equal.
    for c in json["candidates"].as_array_mut().unwrap() {
        for p in c["proposals"].as_array_mut().unwrap() {
            p["id"] = serde_json::Value::Null;
        }
    }
    (export("md"), json)
}

/// Two exports must be equal: on failure, the first line that differs and its neighbours.
fn assert_same(
    left: &(String, serde_json::Value),
    right: &(String, serde_json::Value),
    what: &str,
) {
    let json = |v: &serde_json::Value| serde_json::to_string_pretty(v).unwrap();
    for (kind, l, r) in [
        ("Markdown", left.0.clone(), right.0.clone()),
        ("JSON", json(&left.1), json(&right.1)),
    ] {
        let (ll, rl): (Vec<&str>, Vec<&str>) = (l.lines().collect(), r.lines().collect());
        if let Some(i) = (0..ll.len().max(rl.len())).find(|i| ll.get(*i) != rl.get(*i)) {
            let around = |v: &[&str]| v[i.saturating_sub(3)..(i + 4).min(v.len())].join("\n");
            panic!(
                "{what}: the {kind} exports differ at line {}:\n--- left\n{}\n--- right\n{}",
                i + 1,
                around(&ll),
                around(&rl)
            );
        }
    }
}

fn count(store: &Store, sql: &str) -> i64 {
    store.connection().query_row(sql, [], |r| r.get(0)).unwrap()
}

#[test]
fn a_day_typed_in_two_rooms_and_merged_both_ways_gives_the_grand_oral_of_one_laptop() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path();
    let day = demo::generate(demo::DEFAULT_SEED, common::today(), Stage::Evening);
    // The evening before: the cohort and its rotation plan, copied to each laptop.
    let session = Store::open(&path.join("plan.db"))
        .unwrap()
        .write_demo(&rooms::before(&day))
        .unwrap();
    for laptop in ["a.db", "b.db", "c.db"] {
        ok(path, "plan.db", &["backup", "-o", laptop]);
    }
    // Room A types the first tables, room B the others; laptop C the whole day on its own.
    let tables = day.panels.len();
    let split = tables / 2;
    assert!(split >= 1 && tables - split >= 1, "{tables} tables");
    let mut typed = Vec::new();
    for (db, here) in [
        ("a.db", (0..split)),
        ("b.db", (split..tables)),
        ("c.db", (0..tables)),
    ] {
        let mut store = Store::open(&path.join(db)).unwrap();
        let _writer = store.lock_writer().unwrap().unwrap();
        typed.push(rooms::type_day(&mut store, &day, |t| here.contains(&t)));
    }
    let (a, b, c) = (typed[0], typed[1], typed[2]);
    assert!(
        a.feedback > 0 && b.feedback > 0,
        "both rooms held interviews"
    );
    assert_eq!(a.feedback + b.feedback, c.feedback);
    assert_eq!(a.marks + b.marks, c.marks);
    assert_eq!(a.proposals + b.proposals, c.proposals);
    assert_eq!(c.feedback, day.plan.len(), "every interview typed once");

    // Merged both ways by the command line, as the README says.
    for (from, to, bundle) in [
        ("a.db", "b.db", "a-to-b.passerelle"),
        ("b.db", "a.db", "b-to-a.passerelle"),
    ] {
        ok(path, from, &["sync", "export", "-o", bundle]);
        let merged = ok(path, to, &["sync", "import", bundle, "--yes"]);
        assert!(merged.contains(" 0 conflit(s)"), "{to}: {merged}");
    }

    // Every interview's feedback is there once, with its ratings; nothing is duplicated.
    for db in ["a.db", "b.db"] {
        let s = Store::open(&path.join(db)).unwrap();
        assert_eq!(
            count(&s, "SELECT count(*) FROM feedback") as usize,
            day.plan.len(),
            "{db}"
        );
        assert_eq!(
            count(
                &s,
                "SELECT count(*) FROM (SELECT DISTINCT session_id, candidate_id, round FROM feedback)"
            ) as usize,
            day.plan.len(),
            "{db}: one feedback per interview"
        );
        assert_eq!(
            count(&s, "SELECT count(*) FROM feedback_rating") as usize,
            day.evening
                .as_ref()
                .unwrap()
                .feedback
                .iter()
                .map(|f| f.ratings.len())
                .sum::<usize>(),
            "{db}"
        );
        assert_eq!(
            count(&s, "SELECT count(*) FROM proposal") as usize,
            c.proposals,
            "{db}"
        );
        assert_eq!(
            count(
                &s,
                "SELECT count(*) FROM proposal p JOIN feedback f ON f.id = p.feedback_id
                  WHERE f.candidate_id = p.candidate_id"
            ) as usize,
            c.proposals,
            "{db}: each proposal still names its interview"
        );
        assert_eq!(s.sync_conflicts().unwrap(), [], "{db}");
    }

    // The grand oral export is the same on the three laptops, and the same as the demo's
    // evening written in one go (the golden day: tests/snapshots/exports__* are its files).
    let merged_a = grand_oral(path, "a.db", session);
    let merged_b = grand_oral(path, "b.db", session);
    let one_laptop = grand_oral(path, "c.db", session);
    Store::open(&path.join("golden.db"))
        .unwrap()
        .write_demo(&day)
        .unwrap();
    let golden = grand_oral(path, "golden.db", session);
    assert_same(&one_laptop, &golden, "laptop C typed the demo's day");
    assert_same(&merged_a, &one_laptop, "room A after the merge");
    assert_same(&merged_b, &one_laptop, "room B after the merge");

    // Importing again changes nothing.
    for (db, bundle) in [("a.db", "b-to-a.passerelle"), ("b.db", "a-to-b.passerelle")] {
        let again = ok(path, db, &["sync", "import", bundle, "--yes"]);
        assert!(
            again.contains("0 ajout(s), 0 modification(s), 0 suppression(s), 0 conflit(s)"),
            "{db}: {again}"
        );
    }
    assert_same(
        &grand_oral(path, "a.db", session),
        &one_laptop,
        "A imported twice",
    );
    assert_same(
        &grand_oral(path, "b.db", session),
        &one_laptop,
        "B imported twice",
    );
}
