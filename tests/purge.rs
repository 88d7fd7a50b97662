//! Purge: a cohort's personal data leaves the file, its journal and the automatic copies.

mod common;

use chrono::NaiveDate;
use passerelle::core::demo::Stage;
use passerelle::core::domain::Role;
use passerelle::store::Store;

fn bytes_of_every_file(store: &Store) -> Vec<(String, Vec<u8>)> {
    let dir = store.path().parent().unwrap();
    std::fs::read_dir(dir)
        .unwrap()
        .flatten()
        .map(|e| {
            (
                e.path().display().to_string(),
                std::fs::read(e.path()).unwrap_or_default(),
            )
        })
        .collect()
}

fn contains(hay: &[u8], needle: &str) -> bool {
    hay.windows(needle.len()).any(|w| w == needle.as_bytes())
}

#[test]
fn a_purged_cohort_leaves_no_trace_in_the_file_journal_or_copies() {
    let (_dir, mut store) = common::demo_store(Stage::Evening);
    let cohort = store.list_cohorts().unwrap()[0].id;
    let members = store.list_members(cohort).unwrap();
    // An automatic copy holding everything, as the first start of the day makes.
    store.daily_backup(common::today()).unwrap();
    // A professional who also takes part in another cohort stays a person there.
    let other = store
        .insert_cohort(&common::named_cohort("Promo suivante"))
        .unwrap();
    let pro = members
        .iter()
        .find(|m| m.role == Role::Professional)
        .unwrap();
    store
        .connection()
        .execute(
            "INSERT INTO membership (cohort_id, person_id, role) VALUES (?1, ?2, 'professional')",
            [other, pro.person.id],
        )
        .unwrap();
    let secrets: Vec<String> = members
        .iter()
        .filter(|m| m.role == Role::Candidate)
        .flat_map(|m| {
            [
                m.person.last_name.clone(),
                m.sensitive.housing.clone(),
                m.sensitive.judicial_notes.clone(),
            ]
        })
        .filter(|s| s.len() > 4)
        .collect();
    let feedback_text = "Très clair sur son projet";
    // The demo's themed day: a participant's note and the federation speaker's name.
    let themed = ["a travaillé sur des chantiers", "Marc Aubry"];
    let before = bytes_of_every_file(&store);
    assert!(
        before.iter().any(|(_, b)| contains(b, &secrets[0])),
        "the data is there before"
    );

    let (sessions, people) = store.purge_preview(cohort, None).unwrap();
    // Seven sessions and the themed day before them.
    assert_eq!((sessions, people), (8, members.len()));
    let report = store.purge(cohort, None, common::today()).unwrap();
    assert_eq!(report.sessions, 8);
    assert_eq!(report.people, members.len());
    assert_eq!(
        report.persons_erased,
        members.len() - 1,
        "the shared professional stays"
    );
    assert!(report.copies_deleted >= 1);

    for (path, bytes) in bytes_of_every_file(&store) {
        for s in secrets
            .iter()
            .map(String::as_str)
            .chain([feedback_text])
            .chain(themed)
        {
            assert!(!contains(&bytes, s), "{path} still holds « {s} »");
        }
    }
    // What stays: the sessions with anonymous counts, the other cohort's professional.
    assert_eq!(store.list_sessions(cohort).unwrap().len(), 8);
    let (interviews, present): (i64, i64) = store
        .connection()
        .query_row(
            "SELECT t.interviews, t.present FROM session_tally t JOIN session s ON s.id = t.session_id
             WHERE s.kind = 'job_training'",
            [],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .unwrap();
    assert_eq!((interviews, present), (40, 29));
    assert_eq!(store.list_members(other).unwrap().len(), 1);
    // The programme still says how many came to each session.
    let states = store.session_states(cohort).unwrap();
    let day = states.iter().max_by_key(|s| s.came).unwrap();
    assert_eq!((day.listed, day.came), (29, 29));
    let check: String = store
        .connection()
        .query_row("PRAGMA integrity_check", [], |r| r.get(0))
        .unwrap();
    assert_eq!(check, "ok");
}

#[test]
fn purging_before_a_date_keeps_the_people_and_the_later_sessions() {
    let (_dir, mut store) = common::demo_store(Stage::Evening);
    let cohort = store.list_cohorts().unwrap()[0].id;
    let people = store.list_members(cohort).unwrap().len();
    let day = common::today();
    let job = store
        .list_sessions(cohort)
        .unwrap()
        .into_iter()
        .find(|s| s.date == day)
        .unwrap()
        .id;
    let report = store
        .purge(cohort, NaiveDate::from_ymd_opt(2026, 10, 15), day)
        .unwrap();
    assert_eq!(
        report.sessions, 6,
        "the themed day, the information meetings and coaching days"
    );
    assert_eq!(report.people, 0);
    assert_eq!(store.list_members(cohort).unwrap().len(), people);
    assert_eq!(
        store.list_feedback(job).unwrap().len(),
        40,
        "the job-training day is after the date"
    );
    let earlier = store.list_sessions(cohort).unwrap()[0].id;
    assert!(store.list_attendance(earlier).unwrap().is_empty());
}

#[test]
fn the_purge_command_asks_and_refuses_without_a_terminal() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("p.db");
    let run = |args: &[&str]| {
        std::process::Command::new(env!("CARGO_BIN_EXE_passerelle"))
            .args(["--db", db.to_str().unwrap(), "--lang", "fr"])
            .args(args)
            .env("PASSERELLE_TODAY", "2026-10-15")
            .stdin(std::process::Stdio::null())
            .output()
            .unwrap()
    };
    assert!(
        run(&["demo", "--stage", "evening", "--no-ui"])
            .status
            .success()
    );
    let out = run(&["purge", "--cohort", "1"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("Rien n'a été effacé"));
    let out = run(&["purge", "--cohort", "1", "--before", "32/13/2026", "--yes"]);
    assert_eq!(out.status.code(), Some(2), "a bad date is refused");
    let out = run(&["purge", "--cohort", "9", "--yes"]);
    assert_eq!(out.status.code(), Some(2), "an unknown cohort is refused");
    let out = run(&["purge", "--cohort", "1", "--yes"]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(
        text.contains("Effacé : 8 séance(s)")
            && text.contains("Aucun autre fichier écrit par Passerelle"),
        "{text}"
    );
}
