//! The rotation planner: each candidate meets K different panels in as few rounds as possible.
//!
//! Exact for the first three objectives (decisions.md): a min-cost flow chooses who meets whom
//! (panel loads ≤ the lower bound, sector matches, balanced loads), then a bipartite edge colouring
//! splits the meetings into exactly Δ rounds (König). A deterministic improvement then shortens
//! candidates' idle waits between interviews. Where the shape allows it, a plan in waves (each
//! candidate's interviews in consecutive rounds, see `waves`) is made too, and the better one kept:
//! rounds, then sector match for everyone who can have one, then idle rounds, sector matches and
//! load balance (decisions.md « Idle rounds »). Pure: no I/O, same input → same plan.

mod colour;
mod flow;
mod improve;
mod replan;
mod session;
mod stored;
mod waves;

pub use colour::{colour_edges, colour_edges_preferring};
pub use replan::{Move, Replan, ReplanInput, replan};
pub use session::{DayInstance, day_instance};
pub use stored::{
    ReplanRefused, StoredReplan, interviews_of, panel_label, panel_until, replan_stored, slot_of,
};
pub use waves::idle_lower_bound;

use super::domain::Sector;
use flow::Network;

/// What the planner is asked.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Instance {
    /// Each candidate's target sectors (index = candidate).
    pub candidates: Vec<Vec<Sector>>,
    /// Each panel's sectors (index = panel).
    pub panels: Vec<Vec<Sector>>,
    /// Interviews per candidate.
    pub k: usize,
    /// (candidate, panel) pairs that must never meet.
    pub forbidden: Vec<(usize, usize)>,
    /// (candidate, panel) pairs that must meet.
    pub required: Vec<(usize, usize)>,
    /// Each candidate's first and last round (0-based, inclusive); empty: the whole day.
    pub candidate_rounds: Vec<(usize, Option<usize>)>,
    /// Each panel's first and last round; empty: the whole day.
    pub panel_rounds: Vec<(usize, Option<usize>)>,
}

impl Instance {
    /// True when someone is not there all day.
    pub fn has_limits(&self) -> bool {
        self.candidate_rounds
            .iter()
            .chain(&self.panel_rounds)
            .any(|(f, u)| *f > 0 || u.is_some())
    }
}

/// One interview of the plan.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Slot {
    /// Round, from 0.
    pub round: usize,
    /// Panel index.
    pub panel: usize,
    /// Candidate index.
    pub candidate: usize,
}

/// A plan: its rounds and interviews.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Plan {
    /// Number of rounds.
    pub rounds: usize,
    /// Every interview, sorted by round then panel.
    pub slots: Vec<Slot>,
}

impl Plan {
    /// `grid[round][panel]` = the candidate met, if any.
    pub fn grid(&self, panels: usize) -> Vec<Vec<Option<usize>>> {
        let mut g = vec![vec![None; panels]; self.rounds];
        for s in &self.slots {
            if let Some(cell) = g.get_mut(s.round).and_then(|r| r.get_mut(s.panel)) {
                *cell = Some(s.candidate);
            }
        }
        g
    }
}

/// Figures that tell how good a plan is.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Metrics {
    /// Rounds used.
    pub rounds: usize,
    /// `max(K, ceil(C·K / P))`.
    pub lower_bound: usize,
    /// Interviews per candidate.
    pub interviews: Vec<usize>,
    /// Interviews per panel.
    pub panel_loads: Vec<usize>,
    /// Sector-matched interviews per candidate.
    pub sector_matches: Vec<usize>,
    /// Candidates with no sector match although a panel of their sector exists.
    pub unmatched_candidates: usize,
    /// Idle rounds between first and last interview, per candidate.
    pub idle: Vec<usize>,
    /// No plan of this many rounds has fewer idle rounds in all ([`idle_lower_bound`]).
    pub idle_lower_bound: usize,
}

impl Metrics {
    /// Max − min panel load.
    pub fn load_spread(&self) -> usize {
        let max = self.panel_loads.iter().max().copied().unwrap_or(0);
        let min = self.panel_loads.iter().min().copied().unwrap_or(0);
        max - min
    }

    /// Idle rounds over all candidates.
    pub fn idle_total(&self) -> usize {
        self.idle.iter().sum()
    }

    /// Sector-matched interviews over all candidates.
    pub fn matches_total(&self) -> usize {
        self.sector_matches.iter().sum()
    }
}

/// Why no plan could be made.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PlanError {
    /// K must be at least 1.
    NoInterviews,
    /// K is larger than the number of panels: nobody can meet K different panels.
    MoreInterviewsThanPanels {
        /// K.
        k: usize,
        /// Panels.
        panels: usize,
    },
    /// A pair names a candidate or panel that does not exist.
    BadPair(usize, usize),
    /// These candidates cannot get K interviews (forbidden pairs leave too few panels).
    NotEnoughPanels(Vec<usize>),
    /// A required pair is also forbidden, or could not be kept.
    RequiredPairImpossible(usize, usize),
    /// More candidates, panels or interviews than any real day (see [`MAX_CANDIDATES`]…).
    TooLarge,
}

/// Most candidates in one plan: far above a real day (≈ 12), low enough to plan in well under a second.
pub const MAX_CANDIDATES: usize = 500;
/// Most panels (binômes) in one plan.
pub const MAX_PANELS: usize = 250;
/// Most interviews per candidate.
pub const MAX_INTERVIEWS: usize = 20;

/// Refuses sizes beyond the documented maxima before anything is allocated for them.
pub fn check_size(candidates: usize, panels: usize, k: usize) -> Result<(), PlanError> {
    if candidates > MAX_CANDIDATES || panels > MAX_PANELS || k > MAX_INTERVIEWS {
        return Err(PlanError::TooLarge);
    }
    Ok(())
}

/// Lower bound on rounds: each candidate needs K rounds, each panel sees one candidate a round.
pub fn lower_bound(candidates: usize, panels: usize, k: usize) -> usize {
    if panels == 0 || candidates == 0 {
        return 0;
    }
    k.max((candidates * k).div_ceil(panels))
}

fn matches(a: &[Sector], b: &[Sector]) -> bool {
    a.iter().any(|s| b.contains(s))
}

// Cost weights, in priority order: a required pair, a candidate's first sector match, each further
// match, and filling every panel to the balanced load.
const W_REQUIRED: i64 = 1_000_000_000;
const W_FIRST_MATCH: i64 = 1_000_000;
const W_MATCH: i64 = 1_000;
const W_BALANCE: i64 = 1;

/// Chooses who meets whom with panel loads at most `cap`; returns the (candidate, panel) pairs.
fn assign(inst: &Instance, cap: usize) -> Result<Vec<(usize, usize)>, Vec<usize>> {
    let (c, p, k) = (inst.candidates.len(), inst.panels.len(), inst.k);
    let s = 0;
    let t = 1;
    let cand = |i: usize| 2 + i;
    let hub = |i: usize| 2 + c + i;
    let panel = |j: usize| 2 + 2 * c + j;
    let mut g = Network::new(2 + 2 * c + p);
    let mut pair_edges = Vec::with_capacity(c * p);
    for i in 0..c {
        g.add_edge(s, cand(i), k as i64, 0);
        // Concave reward: the first sector match is worth far more than the next ones.
        g.add_edge(cand(i), hub(i), 1, -W_FIRST_MATCH);
        g.add_edge(cand(i), hub(i), k as i64, -W_MATCH);
        for j in 0..p {
            if inst.forbidden.contains(&(i, j)) {
                continue;
            }
            let bonus = if inst.required.contains(&(i, j)) {
                -W_REQUIRED
            } else {
                0
            };
            let from = if matches(&inst.candidates[i], &inst.panels[j]) {
                hub(i)
            } else {
                cand(i)
            };
            pair_edges.push((g.add_edge(from, panel(j), 1, bonus), i, j));
        }
    }
    let base = (c * k) / p.max(1);
    for j in 0..p {
        let first = base.min(cap);
        g.add_edge(panel(j), t, first as i64, -W_BALANCE);
        if cap > first {
            g.add_edge(panel(j), t, (cap - first) as i64, 0);
        }
    }
    g.min_cost_max_flow(s, t);
    let pairs: Vec<(usize, usize)> = pair_edges
        .iter()
        .filter(|(e, _, _)| g.flow(*e) > 0)
        .map(|(_, i, j)| (*i, *j))
        .collect();
    let mut count = vec![0; c];
    for (i, _) in &pairs {
        count[*i] += 1;
    }
    let short: Vec<usize> = (0..c).filter(|i| count[*i] < k).collect();
    if short.is_empty() {
        Ok(pairs)
    } else {
        Err(short)
    }
}

/// Makes the plan: the whole-day plan, or the plan in waves when it is at least as good.
pub fn plan(inst: &Instance) -> Result<(Plan, Metrics), PlanError> {
    let (day, day_metrics) = plan_whole_day(inst)?;
    if inst.has_limits() || day_metrics.idle_total() == 0 {
        return Ok((day, day_metrics));
    }
    let rounds = lower_bound(inst.candidates.len(), inst.panels.len(), inst.k);
    let Some(mut slots) =
        waves::wave_plan(inst, rounds).or_else(|| waves::split_plan(inst, rounds))
    else {
        return Ok((day, day_metrics));
    };
    slots.sort();
    let waved = Plan { rounds, slots };
    let m = measure(inst, &waved);
    // Never worse on an earlier objective; a candidate's first sector match counts as a rule.
    let key = |m: &Metrics| {
        (
            m.rounds,
            m.unmatched_candidates,
            m.idle_total(),
            std::cmp::Reverse(m.matches_total()),
            m.load_spread(),
        )
    };
    if key(&m) < key(&day_metrics) {
        Ok((waved, m))
    } else {
        Ok((day, day_metrics))
    }
}

/// The planner before the idle objective (issue 17): exact rounds, sector matches and balance,
/// then a heuristic shortening of the waits. Kept public to compare plans in tests and benches.
pub fn plan_whole_day(inst: &Instance) -> Result<(Plan, Metrics), PlanError> {
    let (c, p, k) = (inst.candidates.len(), inst.panels.len(), inst.k);
    check_size(c, p, k)?;
    if k == 0 {
        return Err(PlanError::NoInterviews);
    }
    if k > p {
        return Err(PlanError::MoreInterviewsThanPanels { k, panels: p });
    }
    for &(i, j) in inst.forbidden.iter().chain(&inst.required) {
        if i >= c || j >= p {
            return Err(PlanError::BadPair(i, j));
        }
    }
    if let Some(&(i, j)) = inst.required.iter().find(|r| inst.forbidden.contains(r)) {
        return Err(PlanError::RequiredPairImpossible(i, j));
    }
    let lb = lower_bound(c, p, k);
    if inst.has_limits() {
        return plan_with_limits(inst);
    }
    // With forbidden pairs the bound may be out of reach: allow one more interview per panel at a
    // time until everyone is served (each step is one more round at most).
    let mut cap = (c * k).div_ceil(p).max(1);
    let pairs = loop {
        match assign(inst, cap) {
            Ok(pairs) => break pairs,
            Err(short) if cap >= c => return Err(PlanError::NotEnoughPanels(short)),
            Err(_) => cap += 1,
        }
    };
    if let Some(&(i, j)) = inst.required.iter().find(|r| !pairs.contains(r)) {
        return Err(PlanError::RequiredPairImpossible(i, j));
    }
    let mut degree_p = vec![0; p];
    for (_, j) in &pairs {
        degree_p[*j] += 1;
    }
    // Δ, the largest degree: König says Δ rounds suffice, and it is ≤ the bound when cap allowed.
    let rounds = if pairs.is_empty() {
        0
    } else {
        k.max(degree_p.iter().copied().max().unwrap_or(0))
    };
    debug_assert!(rounds >= lb || pairs.is_empty());
    let prefs = windows(c, p, k, rounds);
    // Candidates whose window comes first are coloured first, so their preferences are kept.
    let mut order: Vec<usize> = (0..pairs.len()).collect();
    order.sort_by_key(|e| {
        (
            prefs[pairs[*e].0].first().copied(),
            pairs[*e].0,
            pairs[*e].1,
        )
    });
    let sorted: Vec<(usize, usize)> = order.iter().map(|e| pairs[*e]).collect();
    let coloured = colour_edges_preferring(&sorted, c, p, rounds, &prefs);
    let mut colours = vec![0; pairs.len()];
    for (i, e) in order.iter().enumerate() {
        colours[*e] = coloured[i];
    }
    let mut slots: Vec<Slot> = pairs
        .iter()
        .zip(&colours)
        .map(|(&(candidate, panel), &round)| Slot {
            round,
            panel,
            candidate,
        })
        .collect();
    improve::shorten_waits(&mut slots, c, p, rounds);
    let rounds = slots.iter().map(|s| s.round + 1).max().unwrap_or(0);
    slots.sort();
    let plan = Plan { rounds, slots };
    let metrics = measure(inst, &plan);
    Ok((plan, metrics))
}

/// People who come late or leave early: the exact plan cannot honour windows, so the re-planner
/// builds it round by round from an empty day (decisions.md: repair on top of the exact method);
/// the metrics still give the lower bound, so the gap shows.
fn plan_with_limits(inst: &Instance) -> Result<(Plan, Metrics), PlanError> {
    let input = ReplanInput {
        instance: inst.clone(),
        from_round: 0,
        played: Vec::new(),
        planned: Vec::new(),
        panel_until: inst.panel_rounds.iter().map(|(_, u)| *u).collect(),
        panel_from: inst.panel_rounds.iter().map(|(f, _)| *f).collect(),
        candidate_rounds: inst.candidate_rounds.clone(),
    };
    let result = replan(&input)
        .ok_or_else(|| PlanError::NotEnoughPanels((0..inst.candidates.len()).collect()))?;
    let metrics = measure(inst, &result.plan);
    Ok((result.plan, metrics))
}

/// Each candidate's preferred rounds: a window of K consecutive rounds, packed first-fit so that no
/// round is wanted by more candidates than there are panels; then the other rounds by distance.
fn windows(c: usize, p: usize, k: usize, rounds: usize) -> Vec<Vec<usize>> {
    let mut load = vec![0usize; rounds];
    (0..c)
        .map(|_| {
            let last_start = rounds.saturating_sub(k);
            let start = (0..=last_start)
                .min_by_key(|s| {
                    let over = (*s..*s + k)
                        .map(|r| load.get(r).copied().unwrap_or(0))
                        .max()
                        .unwrap_or(0);
                    (over >= p, over, *s)
                })
                .unwrap_or(0);
            for l in load.iter_mut().skip(start).take(k) {
                *l += 1;
            }
            let mut order: Vec<usize> = (0..rounds).collect();
            order.sort_by_key(|r| {
                let d = if *r < start {
                    start - r
                } else {
                    r.saturating_sub(start + k - 1)
                };
                (d, *r)
            });
            order
        })
        .collect()
}

/// Computes the metrics of a plan for an instance.
pub fn measure(inst: &Instance, plan: &Plan) -> Metrics {
    let (c, p) = (inst.candidates.len(), inst.panels.len());
    let mut interviews = vec![0; c];
    let mut loads = vec![0; p];
    let mut sector = vec![0; c];
    let mut busy: Vec<Vec<usize>> = vec![Vec::new(); c];
    for s in &plan.slots {
        interviews[s.candidate] += 1;
        loads[s.panel] += 1;
        if matches(&inst.candidates[s.candidate], &inst.panels[s.panel]) {
            sector[s.candidate] += 1;
        }
        busy[s.candidate].push(s.round);
    }
    let idle = busy.iter().map(|r| improve::idle_of(r)).collect();
    let idle_lower_bound = idle_lower_bound(c, p, inst.k, plan.rounds);
    let unmatched = (0..c)
        .filter(|i| sector[*i] == 0)
        .filter(|i| {
            (0..p).any(|j| {
                !inst.forbidden.contains(&(*i, j)) && matches(&inst.candidates[*i], &inst.panels[j])
            })
        })
        .count();
    Metrics {
        rounds: plan.rounds,
        lower_bound: lower_bound(c, p, inst.k),
        interviews,
        panel_loads: loads,
        sector_matches: sector,
        unmatched_candidates: unmatched,
        idle,
        idle_lower_bound,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn instance(c: usize, p: usize, k: usize) -> Instance {
        Instance {
            candidates: (0..c).map(|i| vec![Sector::ALL[i % 6]]).collect(),
            panels: (0..p)
                .map(|j| vec![Sector::ALL[j % 6], Sector::ALL[(j + 1) % 6]])
                .collect(),
            k,
            ..Instance::default()
        }
    }

    #[test]
    fn forty_by_twenty_takes_eight_rounds() {
        let (plan, m) = plan(&instance(40, 20, 4)).unwrap();
        assert_eq!(plan.rounds, 8);
        assert_eq!(m.lower_bound, 8);
        assert!(m.interviews.iter().all(|n| *n == 4));
        assert_eq!(m.load_spread(), 0);
        assert_eq!(m.unmatched_candidates, 0);
    }

    #[test]
    fn demo_size_ten_by_six() {
        let (plan, m) = plan(&instance(10, 6, 4)).unwrap();
        assert_eq!(plan.rounds, 7, "ceil(40 / 6) = 7");
        assert!(m.load_spread() <= 1);
    }

    #[test]
    fn impossible_requests_are_explained() {
        assert_eq!(
            plan(&instance(5, 3, 4)).unwrap_err(),
            PlanError::MoreInterviewsThanPanels { k: 4, panels: 3 }
        );
        let mut inst = instance(3, 4, 4);
        inst.forbidden = vec![(1, 0)];
        assert_eq!(
            plan(&inst).unwrap_err(),
            PlanError::NotEnoughPanels(vec![1])
        );
        assert_eq!(
            plan(&instance(3, 4, 0)).unwrap_err(),
            PlanError::NoInterviews
        );
        assert_eq!(
            plan(&instance(MAX_CANDIDATES + 1, 4, 2)).unwrap_err(),
            PlanError::TooLarge
        );
        assert_eq!(
            check_size(MAX_CANDIDATES, MAX_PANELS, MAX_INTERVIEWS),
            Ok(())
        );
        assert_eq!(check_size(1, MAX_PANELS + 1, 1), Err(PlanError::TooLarge));
    }

    #[test]
    fn required_and_forbidden_pairs_are_honoured() {
        let mut inst = instance(12, 6, 3);
        inst.forbidden = vec![(0, 0), (1, 1)];
        inst.required = vec![(2, 5), (3, 4)];
        let (plan, _) = plan(&inst).unwrap();
        let met = |c, p| plan.slots.iter().any(|s| s.candidate == c && s.panel == p);
        assert!(!met(0, 0) && !met(1, 1));
        assert!(met(2, 5) && met(3, 4));
    }

    #[test]
    fn late_arrivals_and_early_departures_are_honoured() {
        let mut inst = instance(12, 6, 4);
        inst.candidate_rounds = vec![(0, None); 12];
        inst.candidate_rounds[0] = (3, None); // arrives for round 4
        inst.candidate_rounds[1] = (0, Some(4)); // leaves after round 5
        inst.panel_rounds = vec![(0, None); 6];
        inst.panel_rounds[5] = (0, Some(5)); // the last binôme leaves after round 6
        let (plan, m) = plan(&inst).unwrap();
        assert!(m.interviews.iter().all(|n| *n == 4));
        for s in &plan.slots {
            if s.candidate == 0 {
                assert!(s.round >= 3);
            }
            if s.candidate == 1 {
                assert!(s.round <= 4);
            }
            if s.panel == 5 {
                assert!(s.round <= 5);
            }
        }
        for (i, a) in plan.slots.iter().enumerate() {
            for b in &plan.slots[i + 1..] {
                if a.round == b.round {
                    assert!(a.candidate != b.candidate && a.panel != b.panel);
                }
            }
        }
        assert!(m.rounds >= m.lower_bound);
    }

    #[test]
    fn regular_shapes_come_in_waves_without_idle_rounds() {
        for (c, p, k) in [
            (40, 20, 4),
            (20, 20, 4),
            (7, 10, 5),
            (60, 30, 8),
            (12, 6, 3),
        ] {
            let (plan, m) = plan(&instance(c, p, k)).unwrap();
            assert_eq!(plan.rounds, lower_bound(c, p, k), "{c}x{p} K={k}");
            assert_eq!(m.idle_total(), 0, "{c}x{p} K={k}");
            assert_eq!(m.idle_lower_bound, 0);
            assert!(m.interviews.iter().all(|n| *n == k));
            assert_eq!(m.unmatched_candidates, 0);
        }
    }

    #[test]
    fn waves_keep_forbidden_and_required_pairs() {
        let mut inst = instance(40, 20, 4);
        inst.forbidden = vec![(0, 0), (0, 1), (5, 3), (39, 19)];
        inst.required = vec![(1, 7), (20, 2)];
        let (plan, m) = plan(&inst).unwrap();
        let met = |c, p| plan.slots.iter().any(|s| s.candidate == c && s.panel == p);
        assert!(!met(0, 0) && !met(0, 1) && !met(5, 3) && !met(39, 19));
        assert!(met(1, 7) && met(20, 2));
        assert_eq!((plan.rounds, m.idle_total()), (8, 0));
    }

    #[test]
    fn beyond_the_regular_shapes_full_waves_come_first() {
        // 50×20 K=4: 10 rounds; one wave of 20 in rounds 1–4, the 30 others in rounds 5–10.
        let inst = instance(50, 20, 4);
        let (plan, m) = plan(&inst).unwrap();
        let (_, before) = plan_whole_day(&inst).unwrap();
        assert_eq!(plan.rounds, 10);
        assert!(m.idle_total() <= before.idle_total());
        let first_wave = (0..50)
            .filter(|c| {
                plan.slots
                    .iter()
                    .filter(|s| s.candidate == *c)
                    .all(|s| s.round < 4)
            })
            .count();
        assert_eq!(first_wave, 20);
        assert!(m.interviews.iter().all(|n| *n == 4));
        assert!(m.load_spread() <= 1);
    }

    #[test]
    fn the_idle_lower_bound_counts_who_cannot_fit_a_wave() {
        assert_eq!(idle_lower_bound(40, 20, 4, 8), 0);
        assert_eq!(idle_lower_bound(10, 6, 4, 7), 4, "one wave of 6, four wait");
        assert_eq!(idle_lower_bound(3, 4, 0, 0), 0);
        let (_, m) = plan(&instance(10, 6, 4)).unwrap();
        assert_eq!(m.idle_lower_bound, 4);
        assert!(m.idle_total() >= 4);
    }

    #[test]
    fn same_input_same_plan() {
        let a = plan(&instance(30, 12, 4)).unwrap();
        let b = plan(&instance(30, 12, 4)).unwrap();
        assert_eq!(a, b);
    }
}
