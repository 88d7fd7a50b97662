//! Roster import of a 2,000-line file: parse (decode, sniff, validate), plan, and write in one
//! transaction. `cargo bench --bench import` prints the median of 10 runs of each step.

use std::time::{Duration, Instant};

use passerelle::core::domain::{Role, Sector};
use passerelle::core::roster::{self, RosterPerson};
use passerelle::core::{demo, import};
use passerelle::store::Store;

fn median(mut v: Vec<Duration>) -> Duration {
    v.sort();
    v[v.len() / 2]
}

fn main() {
    let people: Vec<RosterPerson> = (0..2000)
        .map(|i| RosterPerson {
            first_name: format!("Prénom{i}"),
            last_name: format!("Nom-{i} d’Éloi"),
            role: Some([Role::Candidate, Role::Professional, Role::Staff][i % 3]),
            organisation: Some(format!("Entreprise n° {i}; SARL")),
            sectors: Some(vec![Sector::ALL[i % 8], Sector::ALL[(i + 3) % 8]]),
            project: Some("cariste".into()),
            phone: Some("05 49 00 00 00".into()),
            ..RosterPerson::default()
        })
        .collect();
    let bytes = roster::write(&people);
    let today = chrono::NaiveDate::from_ymd_opt(2026, 10, 15).unwrap_or_default();
    let (mut parse_t, mut plan_t, mut write_t) = (Vec::new(), Vec::new(), Vec::new());
    for _ in 0..10 {
        let dir = tempfile::tempdir().expect("temp dir");
        let mut store = Store::open(&dir.path().join("b.db")).expect("store");
        store
            .write_demo(&demo::generate(
                demo::DEFAULT_SEED,
                today,
                demo::Stage::Morning,
            ))
            .expect("demo");
        let cohort = store.list_cohorts().expect("cohorts")[0].id;
        let t = Instant::now();
        let r = roster::parse(&bytes, None).expect("parses");
        parse_t.push(t.elapsed());
        let t = Instant::now();
        let plan = import::plan(&store.list_members(cohort).expect("members"), &r);
        plan_t.push(t.elapsed());
        let t = Instant::now();
        store
            .apply_import(cohort, &plan, None, today)
            .expect("import");
        write_t.push(t.elapsed());
    }
    let (p, l, w) = (median(parse_t), median(plan_t), median(write_t));
    println!(
        "roster import, 2,000 lines ({} KB), median of 10:",
        bytes.len() / 1024
    );
    println!(
        "  parse {p:?} · plan {l:?} · write (one transaction, synchronous=FULL) {w:?} · total {:?}",
        p + l + w
    );
}
