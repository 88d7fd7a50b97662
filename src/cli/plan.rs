//! `passerelle plan`: a rotation plan for a synthetic day or a stored session, with its metrics.

use clap::Args;
use serde_json::json;

use crate::core::domain::Sector;
use crate::core::plan::{Instance, Metrics, Plan, plan};
use crate::core::rng::Rng;
use crate::i18n::Tr;
use crate::store::Store;
use crate::ui::widgets::fit;

/// `plan` arguments.
#[derive(Debug, Args)]
pub struct PlanArgs {
    /// Candidates of a synthetic day.
    #[arg(long, value_name = "C")]
    pub candidates: Option<usize>,
    /// Panels of a synthetic day.
    #[arg(long, value_name = "P")]
    pub panels: Option<usize>,
    /// Interviews per candidate.
    #[arg(long, value_name = "K")]
    pub interviews: Option<usize>,
    /// Seed of the synthetic sectors.
    #[arg(long, default_value_t = 1)]
    pub seed: u64,
    /// Forbidden pairs, 1-based: `3:2,5:1` (candidate 3 never meets panel 2…).
    #[arg(long, value_name = "C:P,…")]
    pub forbid: Option<String>,
    /// A stored session instead (its candidates, binômes and settings).
    #[arg(long, value_name = "ID")]
    pub session: Option<i64>,
    /// Machine-readable output.
    #[arg(long)]
    pub json: bool,
    /// Store the plan as the session's new version (before the day starts: keeps every
    /// interview of the current version it can).
    #[arg(long, requires = "session")]
    pub save: bool,
}

/// Descriptions in the user's language.
pub fn localize(c: clap::Command, tr: Tr) -> clap::Command {
    c.about(tr.t("cli.plan_about"))
        .mut_arg("candidates", |a| a.help(tr.t("cli.plan_candidates")))
        .mut_arg("panels", |a| a.help(tr.t("cli.plan_panels")))
        .mut_arg("interviews", |a| a.help(tr.t("settings.k_help")))
        .mut_arg("seed", |a| a.help(tr.t("cli.plan_seed")))
        .mut_arg("forbid", |a| a.help(tr.t("cli.plan_forbid")))
        .mut_arg("session", |a| a.help(tr.t("cli.plan_session")))
        .mut_arg("json", |a| a.help(tr.t("cli.list_json")))
        .mut_arg("save", |a| a.help(tr.t("expect.plan_save")))
}

/// The sentence for a planning failure (kept here under its old name for the command line).
pub use crate::messages::plan_error as error_text;

fn synthetic(c: usize, p: usize, k: usize, seed: u64) -> Instance {
    let mut rng = Rng::new(seed);
    let sectors = &Sector::ALL[..6];
    Instance {
        candidates: (0..c).map(|_| vec![sectors[rng.below(6)]]).collect(),
        panels: (0..p)
            .map(|_| vec![sectors[rng.below(6)], sectors[rng.below(6)]])
            .collect(),
        k,
        ..Instance::default()
    }
}

fn parse_forbid(text: &str) -> Option<Vec<(usize, usize)>> {
    text.split(',')
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(|pair| {
            let (c, p) = pair.split_once(':')?;
            let c: usize = c.trim().parse().ok()?;
            let p: usize = p.trim().parse().ok()?;
            (c >= 1 && p >= 1).then(|| (c - 1, p - 1))
        })
        .collect()
}

/// Runs the command; returns the exit code.
pub fn run(store: Option<&Store>, tr: Tr, args: PlanArgs) -> color_eyre::Result<i32> {
    if let (Some(id), Some(store)) = (args.session, store)
        && let Some(code) = refuse_without_binomes(store, tr, id)?
    {
        return Ok(code);
    }
    let (mut inst, cand_names, panel_names) = match (args.session, store) {
        (Some(id), Some(store)) => match session_instance(store, tr, id) {
            Some((inst, cn, pn, shut_out)) => {
                // Said whether or not a plan can be made: it is why one table stays empty.
                if let Some(text) = shut_out {
                    eprintln!("passerelle: {text}");
                }
                (inst, cn, pn)
            }
            None => {
                eprintln!("passerelle: {}", tr.tf("plan.err_session", &[("id", &id)]));
                return Ok(2);
            }
        },
        _ => {
            let (Some(c), Some(p), Some(k)) = (args.candidates, args.panels, args.interviews)
            else {
                eprintln!("passerelle: {}", tr.t("plan.err_args"));
                return Ok(2);
            };
            // Checked before the synthetic day is built: a huge number must not exhaust memory.
            if let Err(e) = crate::core::plan::check_size(c, p, k) {
                eprintln!(
                    "passerelle: {}",
                    error_text(tr, &e, &|i| format!("C{}", i + 1))
                );
                return Ok(2);
            }
            let inst = synthetic(c, p, k, args.seed);
            let cn = (1..=c).map(|i| format!("C{i}")).collect();
            let pn = (1..=p).map(|i| format!("T{i}")).collect();
            (inst, cn, pn)
        }
    };
    if let Some(k) = args.interviews.filter(|_| args.session.is_some()) {
        inst.k = k;
    }
    if let Some(f) = &args.forbid {
        match parse_forbid(f) {
            Some(pairs) => inst.forbidden.extend(pairs),
            None => {
                eprintln!("passerelle: {}", tr.tf("plan.err_forbid", &[("value", f)]));
                return Ok(2);
            }
        }
    }
    let names = |c: usize| {
        cand_names
            .get(c)
            .cloned()
            .unwrap_or_else(|| format!("C{}", c + 1))
    };
    let (plan, metrics) = match plan(&inst) {
        Ok(x) => x,
        Err(e) => {
            eprintln!("passerelle: {}", error_text(tr, &e, &names));
            return Ok(2);
        }
    };
    if args.json {
        say!("{}", to_json(&plan, &metrics, &cand_names, &panel_names));
    } else {
        let grid = grid_text(tr, &plan, &metrics, &cand_names, &panel_names);
        say_part!(
            "{}",
            crate::core::text::sanitize(&grid, crate::core::text::Lines::Multi)
        );
    }
    Ok(0)
}

/// A session without any binôme cannot be planned: one sentence naming the command that
/// composes them (rather than the planner's « 0 binômes »). `Some(exit code)` when refused.
fn refuse_without_binomes(store: &Store, tr: Tr, id: i64) -> color_eyre::Result<Option<i32>> {
    if store.session(id).is_err() || !store.list_panels(id)?.is_empty() {
        return Ok(None);
    }
    eprintln!(
        "passerelle: {}",
        tr.tf("plan.err_no_binomes", &[("id", &id)])
    );
    Ok(Some(2))
}

/// A stored session for the planner: its instance, candidate and table names, and the sentence
/// naming any professional who must meet none of its candidates.
type SessionDay = (Instance, Vec<String>, Vec<String>, Option<String>);

/// Candidates present or expected, binômes and K of a stored session.
fn session_instance(store: &Store, tr: Tr, id: i64) -> Option<SessionDay> {
    let session = store.session(id).ok()?;
    let members = store.list_members(session.cohort_id).ok()?;
    let attendance = store.list_attendance(id).ok()?;
    let panels = store.list_panels(id).ok()?;
    let k = store.session_settings(id).ok()?.interviews_per_candidate as usize;
    let forbidden = store.forbidden_pairs(session.cohort_id).ok()?;
    // Binôme members marked absent do not sit; expected ones do (the day prepared ahead).
    let seated = crate::core::expect::seated_panels(&panels, &attendance);
    let day = crate::core::plan::day_instance(&members, &attendance, &seated, k, &forbidden);
    let name = |pid: i64| {
        members
            .iter()
            .find(|m| m.person.id == pid)
            .map(|m| m.person.short_name())
            .unwrap_or_default()
    };
    let shut_out = crate::messages::shut_out(tr, &day, &seated, &members, &forbidden);
    let cn = day.candidates.iter().map(|c| name(*c)).collect();
    let pn: Vec<String> = day
        .panels
        .iter()
        .filter_map(|pid| panels.iter().find(|p| p.id == *pid))
        .map(|p| format!("{} {}", p.table_name, p.label))
        .collect();
    Some((day.instance, cn, pn, shut_out))
}

fn metrics_line(tr: Tr, m: &Metrics) -> String {
    crate::messages::plan_metrics(tr, "plan.metrics", m)
}

fn grid_text(tr: Tr, plan: &Plan, m: &Metrics, cands: &[String], panels: &[String]) -> String {
    let grid = plan.grid(panels.len());
    let w = cands
        .iter()
        .map(|c| c.chars().count())
        .max()
        .unwrap_or(3)
        .clamp(3, 12);
    let mut out = format!("{:<8}", tr.t("plan.round"));
    for p in panels {
        out.push_str(&format!(" {}", fit(p, w)));
    }
    out.push('\n');
    for (r, row) in grid.iter().enumerate() {
        out.push_str(&format!("{:<8}", r + 1));
        for cell in row {
            let text = cell
                .and_then(|c| cands.get(c).cloned())
                .unwrap_or_else(|| "·".into());
            out.push_str(&format!(" {}", fit(&text, w)));
        }
        out.push('\n');
    }
    out.push_str(&metrics_line(tr, m));
    out.push('\n');
    if m.rounds == m.lower_bound {
        out.push_str(tr.t("plan.optimal"));
    } else {
        out.push_str(&tr.tf(
            "plan.above_bound",
            &[("extra", &(m.rounds - m.lower_bound))],
        ));
    }
    out.push('\n');
    out
}

fn to_json(plan: &Plan, m: &Metrics, cands: &[String], panels: &[String]) -> String {
    let v = json!({
        "schema_version": 1,
        "rounds": plan.rounds,
        "lower_bound": m.lower_bound,
        "candidates": cands,
        "panels": panels,
        "interviews": plan.slots.iter().map(|s| json!({
            "round": s.round + 1, "panel": s.panel + 1, "candidate": s.candidate + 1
        })).collect::<Vec<_>>(),
        "metrics": {
            "panel_loads": m.panel_loads,
            "load_spread": m.load_spread(),
            "sector_matches": m.sector_matches,
            "unmatched_candidates": m.unmatched_candidates,
            "idle_rounds": m.idle,
            "idle_total": m.idle_total(),
            "idle_lower_bound": m.idle_lower_bound,
        }
    });
    crate::export::json::to_clean_json(&v)
}

/// `plan --session ID --save`: stores the session's plan as a new version. Before the timer
/// starts, a plan that exists is re-planned keeping every interview it can; after, the Rotation
/// screen re-plans from the round in progress.
pub fn save(store: &mut Store, tr: Tr, args: PlanArgs) -> color_eyre::Result<i32> {
    let Some(id) = args.session else {
        eprintln!("passerelle: {}", tr.t("plan.err_args"));
        return Ok(2);
    };
    let Ok(session) = store.session(id) else {
        eprintln!("passerelle: {}", tr.tf("plan.err_session", &[("id", &id)]));
        return Ok(2);
    };
    if store.day_started(id)? {
        eprintln!("passerelle: {}", tr.t("expect.plan_started"));
        return Ok(2);
    }
    if let Some(code) = refuse_without_binomes(store, tr, id)? {
        return Ok(code);
    }
    let members = store.list_members(session.cohort_id)?;
    let attendance = store.list_attendance(id)?;
    let panels = store.list_panels(id)?;
    let mut k = store.session_settings(id)?.interviews_per_candidate as usize;
    if let Some(x) = args.interviews {
        k = x;
    }
    let forbidden = store.forbidden_pairs(session.cohort_id)?;
    let seated = crate::core::expect::seated_panels(&panels, &attendance);
    let day = crate::core::plan::day_instance(&members, &attendance, &seated, k, &forbidden);
    let name = |c: usize| {
        day.candidates
            .get(c)
            .and_then(|pid| members.iter().find(|m| m.person.id == *pid))
            .map(|m| m.person.short_name())
            .unwrap_or_default()
    };
    if let Some(text) = crate::messages::shut_out(tr, &day, &seated, &members, &forbidden) {
        eprintln!("passerelle: {text}");
    }
    // The planner's own sentence when no plan can be made (too few binômes, none at all…).
    if let Err(e) = plan(&day.instance) {
        eprintln!("passerelle: {}", error_text(tr, &e, &name));
        return Ok(2);
    }
    let current: Vec<(u32, Option<i64>, i64)> = store
        .latest_plan(id)?
        .map(|p| {
            p.interviews
                .iter()
                .map(|i| (i.round, i.panel_id, i.candidate_id))
                .collect()
        })
        .unwrap_or_default();
    let Some(new) = crate::core::expect::plan_before_start(&day, &current) else {
        eprintln!("passerelle: {}", tr.t("rotation.replan_impossible"));
        return Ok(2);
    };
    let label = |pid: Option<i64>| {
        panels
            .iter()
            .find(|p| Some(p.id) == pid)
            .map(|p| p.label.clone())
            .unwrap_or_default()
    };
    let interviews: Vec<crate::store::StoredInterview> = new
        .iter()
        .map(|(round, panel, cand)| crate::store::StoredInterview {
            round: *round,
            panel_id: *panel,
            panel_label: label(*panel),
            candidate_id: *cand,
        })
        .collect();
    let changed = crate::core::expect::changes(&current, &new).len();
    let kind = if current.is_empty() {
        crate::core::plan_history::PlanKind::Generated
    } else {
        crate::core::plan_history::PlanKind::Replanned { from_round: 1 }
    };
    let stamp = super::now().format("%Y-%m-%dT%H:%M:%S").to_string();
    let version = store.save_plan(id, &stamp, kind, &interviews)?;
    let rounds = new.iter().map(|i| i.0).max().unwrap_or(0);
    say!(
        "{}",
        tr.tf(
            "expect.plan_saved",
            &[
                ("version", &version),
                ("rounds", &rounds),
                ("interviews", &new.len()),
                ("changed", &changed)
            ]
        )
    );
    Ok(0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn forbidden_pairs_are_one_based() {
        assert_eq!(parse_forbid("3:2, 5:1"), Some(vec![(2, 1), (4, 0)]));
        assert_eq!(parse_forbid("0:1"), None);
        assert_eq!(parse_forbid("a:b"), None);
    }

    #[test]
    fn json_gives_the_idle_rounds_and_their_bound() {
        let inst = synthetic(40, 20, 4, 1);
        let (plan, m) = crate::core::plan::plan(&inst).unwrap();
        let names = |n: usize, p: &str| (1..=n).map(|i| format!("{p}{i}")).collect::<Vec<_>>();
        let v: serde_json::Value =
            serde_json::from_str(&to_json(&plan, &m, &names(40, "C"), &names(20, "T"))).unwrap();
        assert_eq!(v["rounds"], 8);
        assert_eq!(v["metrics"]["idle_total"], 0);
        assert_eq!(v["metrics"]["idle_lower_bound"], 0);
        assert_eq!(
            v["metrics"]["idle_rounds"].as_array().map(Vec::len),
            Some(40)
        );
        let inst = synthetic(10, 6, 4, 1);
        let (plan, m) = crate::core::plan::plan(&inst).unwrap();
        let v: serde_json::Value =
            serde_json::from_str(&to_json(&plan, &m, &names(10, "C"), &names(6, "T"))).unwrap();
        assert_eq!(v["metrics"]["idle_lower_bound"], 4);
        assert!(v["metrics"]["idle_total"].as_u64() >= Some(4));
    }
}
