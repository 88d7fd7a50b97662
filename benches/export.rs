//! Exports of a 12-candidate grand oral: `cargo bench --bench export` prints the median of 200 runs
//! per format (summary building included), with the target of issue #7 (HTML ≤ 20 ms).

use std::time::{Duration, Instant};

use chrono::NaiveDate;
use passerelle::core::demo::{self, Stage};
use passerelle::core::summary::{self, Audience};
use passerelle::export::{self, Format};
use passerelle::i18n::{Lang, Tr};
use passerelle::store::Store;

fn main() {
    let dir = tempfile::tempdir().expect("temporary folder");
    let mut store = Store::open(&dir.path().join("bench.db")).expect("database");
    let today = NaiveDate::from_ymd_opt(2026, 10, 15).expect("date");
    store
        .write_demo(&demo::generate(demo::DEFAULT_SEED, today, Stage::Evening))
        .expect("demo");
    let cohort = store.list_cohorts().expect("cohorts")[0].id;
    let session = store
        .list_sessions(cohort)
        .expect("sessions")
        .into_iter()
        .find(|s| s.kind == passerelle::core::domain::SessionKind::JobTraining)
        .expect("job training")
        .id;
    let rows = store.summary_rows(session).expect("rows");
    let tr = Tr::new(Lang::Fr);
    let generated = today.and_hms_opt(18, 0, 0).expect("time");
    println!(
        "export of a 12-candidate day, median of 200 runs (release build), summary built each time"
    );
    for format in Format::ALL {
        let mut times: Vec<Duration> = Vec::new();
        let mut bytes = 0;
        for _ in 0..200 {
            let t = Instant::now();
            let mut s = summary::build(&rows.input(&Default::default()));
            // The demo has 10 candidates: two more, as a full day has.
            let extra: Vec<_> = s.candidates.iter().take(2).cloned().collect();
            s.candidates.extend(extra);
            let s = summary::for_audience(s, Audience::Partner, false);
            let parts = export::render(&s, format, tr, generated);
            times.push(t.elapsed());
            bytes = parts.iter().map(|p| p.bytes.len()).sum();
        }
        times.sort();
        let target = if format == Format::Html {
            "target ≤ 20 ms"
        } else {
            ""
        };
        println!(
            "  {:<5} {:>9.3?}  p95 {:>9.3?}  {:>7} bytes   {target}",
            format.extension(),
            times[times.len() / 2],
            times[times.len() * 95 / 100],
            bytes
        );
    }
}
