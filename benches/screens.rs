//! The 5-year database (200 cohorts, `passerelle demo --scale years=5`): open and first frame, every
//! screen's first draw, key → update → draw latency on the biggest screens, a write's commit, and
//! resident memory. `cargo bench --bench screens` prints each figure with its target (#9).

use std::time::{Duration, Instant};

use chrono::NaiveDate;
use passerelle::i18n::{Lang, Tr};
use passerelle::store::Store;
use passerelle::ui::data::Data;
use passerelle::ui::screen::Screen;
use passerelle::ui::theme::Theme;
use passerelle::ui::{App, Event, draw, update};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

const CHILD: &str = "PASSERELLE_BENCH_MEMORY_OF";

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 10, 15).expect("date")
}

fn open_app(path: &std::path::Path) -> (Store, App) {
    let store = Store::open(path).expect("open");
    let data = Data::load(&store, None).expect("load");
    let now = today().and_hms_opt(18, 0, 0).expect("time");
    let app = App::new(Tr::new(Lang::Fr), Theme::default(), data, now);
    (store, app)
}

fn percentile(times: &mut [Duration], p: usize) -> Duration {
    times.sort();
    times[(times.len() * p / 100).min(times.len() - 1)]
}

fn press(app: &mut App, store: &mut Store, code: KeyCode) {
    let now = app.now;
    for e in update(
        app,
        Event::Key(KeyEvent::new(code, KeyModifiers::NONE)),
        now,
    ) {
        passerelle::ui::effects::apply(store, app, e);
    }
}

/// A kB figure of /proc/self/status (Linux), e.g. VmHWM.
fn status_kb(field: &str) -> Option<u64> {
    let text = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = text.lines().find(|l| l.starts_with(field))?;
    line.split_whitespace().nth(1)?.parse().ok()
}

/// In a fresh process: open the database, visit every screen, report the peak resident memory.
fn memory_child(path: &str) {
    let (mut store, mut app) = open_app(std::path::Path::new(path));
    let mut terminal = Terminal::new(TestBackend::new(120, 40)).expect("terminal");
    for s in ['1', '2', '3', '4', '5', '6'] {
        press(&mut app, &mut store, KeyCode::Char(s));
        terminal.draw(|f| draw(&app, f)).expect("draw");
    }
    println!("{}", status_kb("VmHWM:").unwrap_or(0));
}

fn main() {
    if let Ok(path) = std::env::var(CHILD) {
        memory_child(&path);
        return;
    }
    let dir = tempfile::tempdir().expect("temporary folder");
    // PASSERELLE_BENCH_DB names a 5-year database to reuse (made once, kept between runs), so two
    // builds are measured on the very same file and the 1–2 minutes of generation are paid once.
    let path = match std::env::var_os("PASSERELLE_BENCH_DB") {
        Some(p) => std::path::PathBuf::from(p),
        None => dir.path().join("five-years.db"),
    };
    let t = Instant::now();
    if !path.exists() {
        Store::open(&path)
            .expect("create")
            .write_years(passerelle::core::demo::DEFAULT_SEED, today(), 5)
            .expect("generate");
    }
    let bytes = std::fs::metadata(&path).map(|m| m.len()).unwrap_or(0);
    println!(
        "5-year database: 200 cohorts, 2,000 candidates, 8,000 interviews, 48,000 ratings, 10,000 proposals and actions — {:.1} MB, written in {:.1?}",
        bytes as f64 / 1e6,
        t.elapsed()
    );

    // Open and first frame (Présences, where the application opens on the day's session).
    let mut times = Vec::new();
    for _ in 0..20 {
        let t = Instant::now();
        let (_store, app) = open_app(&path);
        let mut terminal = Terminal::new(TestBackend::new(120, 40)).expect("terminal");
        terminal.draw(|f| draw(&app, f)).expect("draw");
        times.push(t.elapsed());
    }
    let median = percentile(&mut times, 50);
    println!("  open + first frame            median {median:>9.3?}   target ≤ 50 ms");

    // First draw of each screen.
    let (mut store, mut app) = open_app(&path);
    let mut terminal = Terminal::new(TestBackend::new(120, 40)).expect("terminal");
    for (key, screen) in ['1', '2', '3', '4', '5', '6'].into_iter().zip(Screen::ALL) {
        let t = Instant::now();
        press(&mut app, &mut store, KeyCode::Char(key));
        terminal.draw(|f| draw(&app, f)).expect("draw");
        println!(
            "  switch to {:<14} + draw   {:>9.3?}   target ≤ 50 ms",
            format!("{screen:?}"),
            t.elapsed()
        );
    }

    // Key → update → draw on the biggest screens.
    for (screen, key) in [
        ('5', KeyCode::Down),
        ('6', KeyCode::Right),
        ('3', KeyCode::Down),
    ] {
        press(&mut app, &mut store, KeyCode::Char(screen));
        let mut times = Vec::new();
        for _ in 0..2000 {
            let t = Instant::now();
            press(&mut app, &mut store, key);
            terminal.draw(|f| draw(&app, f)).expect("draw");
            times.push(t.elapsed());
        }
        let p50 = percentile(&mut times, 50);
        let p99 = percentile(&mut times, 99);
        let name = match screen {
            '5' => "Retours ↓",
            '6' => "Grand oral →",
            _ => "Présences ↓",
        };
        println!(
            "  key → update → draw {name:<12} p50 {p50:>9.3?}  p99 {p99:>9.3?}   target p99 ≤ 1 ms"
        );
    }

    // A write's commit (synchronous=FULL): an attendance mark, measured apart from typing.
    let session = app.data.session.expect("a session");
    let record = app
        .data
        .attendance
        .first()
        .cloned()
        .expect("someone expected");
    let mut times = Vec::new();
    for i in 0..200 {
        let mut r = record.clone();
        r.reason = format!("mesure {i}");
        let t = Instant::now();
        store.save_attendance(&r).expect("write");
        times.push(t.elapsed());
    }
    let _ = session;
    let p50 = percentile(&mut times, 50);
    let p99 = percentile(&mut times, 99);
    println!(
        "  one committed write           p50 {p50:>9.3?}  p99 {p99:>9.3?}   target p99 ≤ 10 ms"
    );

    // Resident memory, in a process that only opens the database and visits every screen.
    let out = std::process::Command::new(std::env::current_exe().expect("self"))
        .env(CHILD, &path)
        .output();
    match out
        .ok()
        .and_then(|o| String::from_utf8(o.stdout).ok())
        .and_then(|s| s.trim().parse::<u64>().ok())
    {
        Some(kb) if kb > 0 => println!(
            "  peak resident memory          {:>6.1} MiB       target ≤ 30 MiB",
            kb as f64 / 1024.0
        ),
        _ => println!("  peak resident memory          (needs /proc: Linux only)"),
    }
}
