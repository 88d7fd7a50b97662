//! The programme report's loaders (issue 21): one database, several files attached read-only,
//! files of another schema refused by name, a company shared by two files counted once.

mod common;

use common::{demo_store, today};
use passerelle::core::demo::Stage;
use passerelle::core::feedback::CriteriaSets;
use passerelle::core::report::{self, Report, Scope};
use passerelle::store::report::{read_files, report_rows};
use passerelle::store::{MIGRATIONS, Store, StoreError};

fn year() -> Scope {
    Scope::Year {
        year: 2026,
        establishment: None,
    }
}

fn build(files: &[passerelle::core::report::ReportRows]) -> Report {
    report::build(
        files,
        year(),
        "2026".into(),
        today(),
        (
            &CriteriaSets::default(),
            &passerelle::core::outcomes::OutcomeSet::shipped(),
        ),
    )
}

#[test]
fn the_demo_cohort_reads_with_its_interviews_and_proposals() {
    let (_dir, store) = demo_store(Stage::Evening);
    let rows = report_rows(store.connection(), &year()).unwrap();
    assert_eq!(rows.cohorts.len(), 1);
    let r = build(&[rows]);
    assert!(r.job_training.interviews.n > 0);
    assert!(r.totals.figures.proposals.n > 0);
    assert!(r.totals.figures.candidates.n > 0);
    let by_id = report_rows(
        store.connection(),
        &Scope::Cohort {
            id: r_cohort_id(&store),
        },
    )
    .unwrap();
    assert_eq!(build(&[by_id]).totals, r.totals);
}

fn r_cohort_id(store: &Store) -> i64 {
    store.list_cohorts().unwrap()[0].id
}

/// The demo's report, and the report of twelve demo files (each changed by `edit`), read one
/// attached at a time (SQLite attaches at most 10 at once).
fn one_and_twelve(edit: impl Fn(&Store)) -> (Report, Report) {
    let (dir, store) = demo_store(Stage::Evening);
    let one = build(&[report_rows(store.connection(), &year()).unwrap()]);
    drop(store);
    let paths: Vec<_> = (0..12)
        .map(|i| {
            let p = dir.path().join(format!("laptop-{i}.db"));
            edit(&common::demo_at(&p, Stage::Evening));
            p
        })
        .collect();
    let all = build(&read_files(&paths, &year()).unwrap());
    assert_eq!(all.files, 12);
    assert_eq!(all.totals.cohorts.n, 12);
    assert_eq!(
        all.totals.figures.interviews.n,
        12 * one.totals.figures.interviews.n
    );
    assert_eq!(
        all.totals.figures.proposals.n,
        12 * one.totals.figures.proposals.n
    );
    // The same demo companies in every file: each counted once.
    assert_eq!(all.totals.companies, one.totals.companies);
    (one, all)
}

#[test]
fn twelve_files_are_read_one_attached_at_a_time_and_their_totals_add_up() {
    // Twelve demos written apart: their people have different uids, twelve people each time.
    let (one, r) = one_and_twelve(|_| {});
    assert_eq!(
        r.totals.figures.candidates.n,
        12 * one.totals.figures.candidates.n
    );
}

#[test]
fn twelve_files_holding_the_same_people_by_uid_count_each_person_once() {
    // The same people on every laptop, as a sync would have carried them.
    let (one, r) = one_and_twelve(|s| {
        s.connection()
            .execute_batch("UPDATE person SET uid = 'p-' || id")
            .unwrap();
    });
    assert_eq!(
        r.totals.figures.candidates.n,
        one.totals.figures.candidates.n
    );
    assert_eq!(
        r.totals.figures.professionals.n,
        one.totals.figures.professionals.n
    );
    let zoned: usize = r.zones.iter().map(|t| t.count.n).sum();
    assert_eq!(zoned, one.totals.figures.candidates.n);
}

#[test]
fn two_files_sharing_one_company_sum_their_totals_and_count_it_once() {
    let dir = tempfile::tempdir().unwrap();
    let mut paths = Vec::new();
    for (i, org) in ["Transports Perrin", "TRANSPORTS PERRIN"]
        .iter()
        .enumerate()
    {
        let p = dir.path().join(format!("etab-{i}.db"));
        let s = Store::open(&p).unwrap();
        s.connection()
            .execute_batch(&format!(
                "INSERT INTO cohort (id, name, establishment, start_date) VALUES (1, 'P{i}', 'E{i}', '2026-03-01');
                 INSERT INTO person (id, first_name, last_name, organisation) VALUES
                    (1, 'Karim', 'B', ''), (2, 'Claire', 'M', '{org}'), (3, 'Marc', 'D', 'Autre{i}');
                 INSERT INTO membership (cohort_id, person_id, role) VALUES
                    (1, 1, 'candidate'), (1, 2, 'professional'), (1, 3, 'professional');
                 INSERT INTO session (id, cohort_id, kind, date) VALUES (1, 1, 'job_training', '2026-03-10');
                 INSERT INTO proposal (session_id, candidate_id, offered_by, kind) VALUES (1, 1, 2, 'immersion');"
            ))
            .unwrap();
        paths.push(p);
    }
    let r = build(&read_files(&paths, &year()).unwrap());
    assert_eq!(r.totals.figures.proposals.n, 2);
    assert_eq!(r.totals.figures.candidates.n, 2);
    assert_eq!(r.totals.figures.professionals.n, 4);
    assert_eq!(r.totals.companies.n, 3, "Perrin once, Autre0 and Autre1");
    assert_eq!(r.establishments.len(), 2);
}

#[test]
fn a_file_of_another_schema_version_is_refused_by_name() {
    let dir = tempfile::tempdir().unwrap();
    let old = dir.path().join("ancien.db");
    drop(Store::open_to(&old, MIGRATIONS.len() - 3).unwrap());
    let good = dir.path().join("bon.db");
    drop(Store::open(&good).unwrap());
    match read_files(&[good, old.clone()], &year()) {
        Err(StoreError::OtherVersion { path, .. }) => assert_eq!(path, old),
        other => panic!("{other:?}"),
    }
}

#[test]
fn an_attached_file_is_not_written() {
    let (dir, store) = demo_store(Stage::Evening);
    let path = store.path().to_path_buf();
    drop(store);
    let before = std::fs::read(&path).unwrap();
    read_files(std::slice::from_ref(&path), &year()).unwrap();
    assert_eq!(std::fs::read(&path).unwrap(), before);
    drop(dir);
}

#[test]
fn the_named_in_reports_flag_defaults_to_no_and_can_be_set() {
    let (_dir, store) = demo_store(Stage::Morning);
    let cohort = r_cohort_id(&store);
    let pro = store
        .list_members(cohort)
        .unwrap()
        .into_iter()
        .find(|m| m.role == passerelle::core::domain::Role::Professional)
        .unwrap();
    assert!(!store.named_in_reports(pro.person.id).unwrap());
    store.set_named_in_reports(pro.person.id, true).unwrap();
    assert!(store.named_in_reports(pro.person.id).unwrap());
    let r = build(&[report_rows(store.connection(), &year()).unwrap()]);
    assert_eq!(r.named_professionals, vec![pro.person.first_name.clone()]);
}
