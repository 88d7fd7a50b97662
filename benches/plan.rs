//! The rotation planner on synthetic days: `cargo bench --bench plan` prints the median of 50 runs
//! with the targets of issue #4 (40×20 K=4 ≤ 2 ms, 60×30 ≤ 10 ms), and each plan's quality.

use std::time::{Duration, Instant};

use passerelle::core::domain::Sector;
use passerelle::core::plan::{Instance, plan};

fn instance(c: usize, p: usize, k: usize) -> Instance {
    let mut rng = passerelle::core::rng::Rng::new(42);
    Instance {
        candidates: (0..c).map(|_| vec![Sector::ALL[rng.below(6)]]).collect(),
        panels: (0..p)
            .map(|_| vec![Sector::ALL[rng.below(6)], Sector::ALL[rng.below(6)]])
            .collect(),
        k,
        ..Instance::default()
    }
}

fn main() {
    println!("planner, median of 50 runs (release build)");
    for (c, p, k, target) in [
        (10, 5, 4, None),
        (40, 20, 4, Some(2.0)),
        (60, 30, 4, Some(10.0)),
        (40, 20, 8, None),
        (60, 30, 8, Some(10.0)),
    ] {
        let inst = instance(c, p, k);
        let mut times: Vec<Duration> = Vec::new();
        let mut last = None;
        for _ in 0..50 {
            let t = Instant::now();
            last = plan(&inst).ok();
            times.push(t.elapsed());
        }
        times.sort();
        let median = times[times.len() / 2];
        let Some((plan, m)) = last else {
            println!("  {c}x{p} K={k}: no plan");
            continue;
        };
        let target = target
            .map(|t| format!("target ≤ {t} ms"))
            .unwrap_or_default();
        println!(
            "  {c:>2}x{p:<2} K={k}: {:>9.3?}  rounds {}/{} (lower bound)  load spread {}  matches {}  unmatched {}  idle {}   {target}",
            median,
            plan.rounds,
            m.lower_bound,
            m.load_spread(),
            m.matches_total(),
            m.unmatched_candidates,
            m.idle_total(),
        );
    }
}
