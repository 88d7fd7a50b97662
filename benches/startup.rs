//! Start-up time to the first frame, measured on the real binary in a pseudo-terminal.
//!
//! `cargo bench --bench startup` prints the median and worst of 20 runs for `passerelle demo`
//! (writes the demo, then draws) and for reopening that database. Target (issue #9): ≤ 50 ms.

#[cfg(unix)]
#[path = "../tests/e2e/harness.rs"]
mod harness;

#[cfg(unix)]
use std::time::{Duration, Instant};

#[cfg(unix)]
fn measure(runs: usize, mut once: impl FnMut() -> Duration) -> (Duration, Duration) {
    let mut times: Vec<Duration> = (0..runs).map(|_| once()).collect();
    times.sort();
    (times[runs / 2], times[runs - 1])
}

#[cfg(unix)]
fn main() {
    let runs = 20;
    let (demo_median, demo_max) = measure(runs, || {
        let sandbox = harness::Sandbox::new();
        let db = sandbox.db();
        let start = Instant::now();
        let mut tui = sandbox.spawn(&["demo", "--db", db.to_str().unwrap_or_default()]);
        tui.wait_for("Présences —", 10);
        let elapsed = start.elapsed();
        tui.keys("q");
        let _ = tui.wait_exit(10);
        elapsed
    });
    let sandbox = harness::Sandbox::new();
    sandbox.with_demo();
    let db = sandbox.db();
    let (open_median, open_max) = measure(runs, || {
        let start = Instant::now();
        let mut tui = sandbox.spawn(&["--db", db.to_str().unwrap_or_default()]);
        tui.wait_for("Présences —", 10);
        let elapsed = start.elapsed();
        tui.keys("q");
        let _ = tui.wait_exit(10);
        elapsed
    });
    // The 5-year database (200 cohorts), written once by the real binary, then opened 20 times.
    let big = harness::Sandbox::new();
    let big_db = big.dir.path().join("five-years.db");
    let written = std::process::Command::new(env!("CARGO_BIN_EXE_passerelle"))
        .args([
            "--db",
            big_db.to_str().unwrap_or_default(),
            "demo",
            "--scale",
            "years=5",
            "--no-ui",
        ])
        .env("PASSERELLE_TODAY", harness::TODAY)
        .output()
        .is_ok_and(|o| o.status.success());
    let big_figures = written.then(|| {
        measure(runs, || {
            let start = Instant::now();
            let mut tui = big.spawn(&["--db", big_db.to_str().unwrap_or_default()]);
            tui.wait_for("Présences —", 10);
            let elapsed = start.elapsed();
            tui.keys("q");
            let _ = tui.wait_exit(10);
            elapsed
        })
    });
    // The harness polls the screen every 5 ms, so figures are upper bounds within that step.
    println!("startup to first frame ({runs} runs, 80x24, pty; screen polled every 5 ms)");
    println!(
        "  passerelle demo (write demo + draw): median {demo_median:?}, worst {demo_max:?}   target ≤ 50 ms"
    );
    println!(
        "  passerelle --db (open + draw):       median {open_median:?}, worst {open_max:?}   target ≤ 50 ms"
    );
    match big_figures {
        Some((median, max)) => println!(
            "  5-year database (open + draw):       median {median:?}, worst {max:?}   target ≤ 50 ms"
        ),
        None => println!("  5-year database: could not be written"),
    }
}

/// The real binary in a unix pseudo-terminal: nothing to measure elsewhere.
#[cfg(not(unix))]
fn main() {
    eprintln!("this bench runs on unix only");
}
