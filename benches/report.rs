//! The programme report (issue 21) over the 5-year database (200 cohorts): `cargo bench --bench
//! report` prints the median of 20 runs of `report --year` (load, build, partner cut, HTML), from
//! the open database and from two files attached read-only. Targets: 200 ms and 400 ms.

use std::time::{Duration, Instant};

use chrono::{Datelike, NaiveDate};
use passerelle::core::feedback::CriteriaSets;
use passerelle::core::report::{self, Scope};
use passerelle::core::summary::Audience;
use passerelle::export::{Format, report as out};
use passerelle::i18n::{Lang, Tr};
use passerelle::store::Store;

fn median(mut times: Vec<Duration>) -> (Duration, Duration) {
    times.sort();
    (times[times.len() / 2], times[times.len() - 1])
}

fn main() {
    let dir = tempfile::tempdir().expect("temporary folder");
    let path = dir.path().join("years.db");
    let today = NaiveDate::from_ymd_opt(2026, 10, 15).expect("date");
    let mut store = Store::open(&path).expect("database");
    store
        .write_years(passerelle::core::demo::DEFAULT_SEED, today, 5)
        .expect("5-year demo");
    let cohorts = store.list_cohorts().expect("cohorts").len();
    let sets = CriteriaSets::default();
    let outcomes = passerelle::core::outcomes::OutcomeSet::shipped();
    let tr = Tr::new(Lang::Fr);
    let generated = today.and_hms_opt(18, 0, 0).expect("time");
    let scope = Scope::Year {
        year: today.year(),
        establishment: None,
    };
    let run = |files: &[passerelle::core::report::ReportRows]| {
        let r = report::build(
            files,
            scope.clone(),
            "2026".into(),
            today,
            (&sets, &outcomes),
        );
        let r = report::for_audience(r, Audience::Partner);
        let html = out::render(&r, Format::Html, tr, generated);
        (r.totals.cohorts.n, html[0].bytes.len())
    };
    let mut one = Vec::new();
    let mut seen = (0, 0);
    for _ in 0..20 {
        let t = Instant::now();
        let rows =
            passerelle::store::report::report_rows(store.connection(), &scope).expect("rows");
        seen = run(&[rows]);
        one.push(t.elapsed());
    }
    drop(store);
    let copy = dir.path().join("copy.db");
    std::fs::copy(&path, &copy).expect("copy");
    let paths = [path, copy];
    let mut two = Vec::new();
    let mut seen_two = (0, 0);
    for _ in 0..20 {
        let t = Instant::now();
        let rows = passerelle::store::report::read_files(&paths, &scope).expect("files");
        seen_two = run(&rows);
        two.push(t.elapsed());
    }
    let (m1, w1) = median(one);
    let (m2, w2) = median(two);
    println!(
        "report --year {} over the 5-year database ({cohorts} cohorts), median of 20 (release build)",
        today.year()
    );
    println!(
        "  open database   {m1:>9.3?}  worst {w1:>9.3?}  {} cohorts in the year, {} bytes of HTML   target ≤ 200 ms",
        seen.0, seen.1
    );
    println!(
        "  two files (--db a --db b, attached read-only) {m2:>9.3?}  worst {w2:>9.3?}  {} cohorts   target ≤ 400 ms",
        seen_two.0
    );
}
