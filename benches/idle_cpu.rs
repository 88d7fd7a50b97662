//! CPU used by `passerelle` sitting idle for 60 s, with and without the timer running, read from
//! /proc/PID/stat (Linux). `cargo bench --bench idle_cpu` prints both. Target: ≤ 0.1 % of a core
//! (≤ 60 ms of CPU in 60 s). `IDLE_SECONDS=10` shortens the runs.

#[cfg(unix)]
#[path = "../tests/e2e/harness.rs"]
mod harness;

#[cfg(unix)]
use std::time::Duration;

/// utime + stime of a process, in clock ticks.
#[cfg(unix)]
fn cpu_ticks(pid: i32) -> Option<u64> {
    let stat = std::fs::read_to_string(format!("/proc/{pid}/stat")).ok()?;
    // Fields after the command name (which may hold spaces) start after the last ')'.
    let rest = &stat[stat.rfind(')')? + 2..];
    let fields: Vec<&str> = rest.split_whitespace().collect();
    let utime: u64 = fields.get(11)?.parse().ok()?;
    let stime: u64 = fields.get(12)?.parse().ok()?;
    Some(utime + stime)
}

#[cfg(unix)]
fn ticks_per_second() -> u64 {
    // SAFETY: sysconf has no preconditions.
    let t = unsafe { libc::sysconf(libc::_SC_CLK_TCK) };
    if t > 0 { t as u64 } else { 100 }
}

#[cfg(unix)]
fn measure(timer: bool, seconds: u64) -> Option<f64> {
    let sandbox = harness::Sandbox::new();
    sandbox.with_demo();
    let db = sandbox.db();
    let mut tui = sandbox.spawn(&["--db", db.to_str()?]);
    tui.wait_for("Présences —", 10);
    if timer {
        tui.generate_plan();
        tui.keys(" ");
        tui.wait_for("Tour 1/7", 5);
    }
    std::thread::sleep(Duration::from_secs(1));
    let before = cpu_ticks(tui.pid())?;
    std::thread::sleep(Duration::from_secs(seconds));
    let after = cpu_ticks(tui.pid())?;
    tui.keys("q");
    let _ = tui.wait_exit(5);
    Some((after - before) as f64 * 1000.0 / ticks_per_second() as f64)
}

#[cfg(unix)]
fn main() {
    let seconds: u64 = std::env::var("IDLE_SECONDS")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(60);
    println!(
        "idle CPU over {seconds} s (release build, /proc/PID/stat, {} ticks/s)",
        ticks_per_second()
    );
    for (label, timer) in [("no timer", false), ("timer running", true)] {
        match measure(timer, seconds) {
            Some(ms) => println!(
                "  {label:<14} {ms:>6.0} ms of CPU = {:.3} % of a core   target ≤ 0.1 %",
                ms / (seconds as f64 * 10.0)
            ),
            None => println!("  {label}: could not read /proc"),
        }
    }
}

/// The real binary in a unix pseudo-terminal: nothing to measure elsewhere.
#[cfg(not(unix))]
fn main() {
    eprintln!("this bench runs on unix only");
}
