//! Sync (issue 23): `cargo bench --bench sync` prints the median and the worst of several runs of
//! `sync export` on one laptop then `sync import --yes` on the other (applied at once; the
//! bundle's file write and read left out), a preview alone (what `sync import` shows before
//! asking), and the bundle's size, for
//! - one full day: the demo's evening typed on laptop A (≈ 40 interviews of feedback with
//!   ratings, attendance of 30, proposals) — target 50 ms;
//! - a year of one laptop's changes: the days of 20 cohorts of a year typed the same way —
//!   target 2 s.
//!
//! Both laptops hold the cohorts and their rotation plans before (copied from one file); the
//! days are typed with the store functions the application calls (tests/common/rooms.rs).

#[path = "../tests/common/rooms.rs"]
mod rooms;

use std::path::Path;
use std::time::{Duration, Instant};

use chrono::NaiveDate;
use passerelle::core::demo::{self, Demo, Stage};
use passerelle::core::sync::decode_bundle;
use passerelle::store::Store;

/// One export + import.
struct Run {
    export: Duration,
    import: Duration,
    /// A preview alone, on another copy (what `sync import` without `--yes` runs first).
    preview: Duration,
    /// CPU time of both (the rest of the wall time is waiting: fsync, the other builds).
    cpu: Duration,
    /// One copy of laptop A's file, as a sync base refresh makes (once in each command).
    copy: Duration,
    bytes: usize,
    rows: usize,
}

/// CPU time used by this process so far (unix; zero elsewhere).
fn cpu_time() -> Duration {
    #[cfg(unix)]
    {
        let mut t = libc::timespec {
            tv_sec: 0,
            tv_nsec: 0,
        };
        // SAFETY: clock_gettime writes into the timespec it is given, nothing else.
        if unsafe { libc::clock_gettime(libc::CLOCK_PROCESS_CPUTIME_ID, &mut t) } == 0 {
            return Duration::new(t.tv_sec as u64, t.tv_nsec as u32);
        }
    }
    Duration::ZERO
}

/// `runs` exchanges of `days` typed on a fresh copy of `base` (A), imported into another (B).
fn measure(dir: &Path, base: &Path, days: &[Demo], runs: usize) -> Vec<Run> {
    let now = NaiveDate::from_ymd_opt(2026, 10, 15)
        .and_then(|d| d.and_hms_opt(18, 0, 0))
        .expect("time");
    let source = Store::open(base).expect("base");
    let mut out = Vec::new();
    for i in 0..runs {
        let (a_path, b_path) = (dir.join(format!("a{i}.db")), dir.join(format!("b{i}.db")));
        source.write_copy(&a_path).expect("copy A");
        source.write_copy(&b_path).expect("copy B");
        let mut a = Store::open(&a_path).expect("A");
        let mut b = Store::open(&b_path).expect("B");
        b.ensure_sync_base().expect("B's base");
        // A third copy, for the preview alone.
        let c_path = dir.join(format!("c{i}.db"));
        source.write_copy(&c_path).expect("copy C");
        let mut c = Store::open(&c_path).expect("C");
        c.ensure_sync_base().expect("C's base");
        for day in days {
            rooms::type_day(&mut a, day, |_| true);
        }
        let t = Instant::now();
        a.write_copy(&dir.join("copy.db")).expect("copy");
        let copy = t.elapsed();
        let _ = std::fs::remove_file(dir.join("copy.db"));
        let cpu = cpu_time();
        let t = Instant::now();
        let exported = a.sync_export(0, now).expect("export");
        let export = t.elapsed();
        let t = Instant::now();
        let bundle = decode_bundle(&exported.bytes).expect("bundle");
        let done = b.sync_import(&bundle, true, now).expect("import");
        let import = t.elapsed();
        let cpu = cpu_time().saturating_sub(cpu);
        let t = Instant::now();
        let preview = c.sync_import(&bundle, false, now).expect("preview");
        let previewed = t.elapsed();
        assert_eq!(preview, done, "the preview says what the import does");
        assert!(done.conflicts.is_empty(), "{:?}", done.conflicts);
        out.push(Run {
            export,
            import,
            preview: previewed,
            cpu,
            copy,
            bytes: exported.bytes.len(),
            rows: done.added + done.changed + done.deleted,
        });
        drop((a, b, c));
        for p in [&a_path, &b_path, &c_path] {
            for suffix in ["", ".sync-base", "-wal", "-shm"] {
                let mut name = p.as_os_str().to_os_string();
                name.push(suffix);
                let _ = std::fs::remove_file(name);
            }
        }
    }
    out
}

fn median_worst(mut times: Vec<Duration>) -> (Duration, Duration) {
    times.sort();
    (times[times.len() / 2], times[times.len() - 1])
}

fn report(what: &str, runs: Vec<Run>, target: &str) {
    let n = runs.len();
    let (bytes, rows) = (runs[0].bytes, runs[0].rows);
    let (em, ew) = median_worst(runs.iter().map(|r| r.export).collect());
    let (im, iw) = median_worst(runs.iter().map(|r| r.import).collect());
    let (tm, tw) = median_worst(runs.iter().map(|r| r.export + r.import).collect());
    let (vm, vw) = median_worst(runs.iter().map(|r| r.preview).collect());
    let (cm, cw) = median_worst(runs.iter().map(|r| r.cpu).collect());
    let (pm, pw) = median_worst(runs.iter().map(|r| r.copy).collect());
    println!("  {what}: {bytes} bytes, {rows} rows merged, {n} runs");
    println!("    export          {em:>9.3?}  worst {ew:>9.3?}");
    println!("    import          {im:>9.3?}  worst {iw:>9.3?}   (as `sync import --yes`)");
    println!("    a preview alone {vm:>9.3?}  worst {vw:>9.3?}   (asked first without --yes)");
    println!("    export + import {tm:>9.3?}  worst {tw:>9.3?}   {target}");
    println!("      of which CPU  {cm:>9.3?}  worst {cw:>9.3?}");
    println!("    one copy of the file (a sync base refresh) {pm:>9.3?}  worst {pw:>9.3?}");
}

fn main() {
    let dir = tempfile::tempdir().expect("temporary folder");
    let today = NaiveDate::from_ymd_opt(2026, 10, 15).expect("date");
    println!("sync export + import between two laptops (release build)");

    let day = demo::generate(demo::DEFAULT_SEED, today, Stage::Evening);
    let base = dir.path().join("day.db");
    Store::open(&base)
        .expect("database")
        .write_demo(&rooms::before(&day))
        .expect("demo");
    let runs = measure(dir.path(), &base, std::slice::from_ref(&day), 11);
    report("one day", runs, "target ≤ 50 ms");

    // A year of cohorts (40, decisions.md): one laptop's share, every other one.
    let year: Vec<Demo> = demo::years(demo::DEFAULT_SEED, today, 1)
        .step_by(2)
        .collect();
    let base = dir.path().join("year.db");
    let mut store = Store::open(&base).expect("database");
    for d in &year {
        store.append_demo(&rooms::before(d)).expect("cohort");
    }
    drop(store);
    let runs = measure(dir.path(), &base, &year, 5);
    report(
        &format!("a year: {} cohorts' days", year.len()),
        runs,
        "target ≤ 2 s",
    );
}
