//! `quick_check` at open (issue 15): its cost on the 5-year database, the largest a facilitator
//! is expected to have (`passerelle demo --scale years=5`).
//!
//! `cargo bench --bench quick_check` prints the median and worst of 15 checks, each on a freshly
//! opened store (the file in the OS cache, SQLite's own cache cold). Budget: well under the
//! 100 ms a writing command can spend before it starts; the application runs it in the background.

use std::time::{Duration, Instant};

use passerelle::store::Store;

fn main() {
    let dir = tempfile::tempdir().expect("temp dir");
    let db = dir.path().join("y5.db");
    let today = chrono::NaiveDate::from_ymd_opt(2026, 10, 15).expect("date");
    {
        let mut store = Store::open(&db).expect("open");
        store.write_years(1, today, 5).expect("5 years");
    }
    let size = std::fs::metadata(&db).map(|m| m.len()).unwrap_or(0);
    let mut times: Vec<Duration> = (0..15)
        .map(|_| {
            let store = Store::open(&db).expect("open");
            let start = Instant::now();
            let found = store.quick_check_if_small().expect("check");
            let elapsed = start.elapsed();
            assert!(found.is_none(), "the demo is sound: {found:?}");
            elapsed
        })
        .collect();
    times.sort();
    println!(
        "quick_check, 5-year database ({:.1} MB): median {:.1} ms, worst {:.1} ms (15 runs)",
        size as f64 / 1e6,
        times[7].as_secs_f64() * 1e3,
        times[14].as_secs_f64() * 1e3
    );
}
