//! Escort-friendly plans (issue 17): candidates come in waves of at most P, each wave meeting its
//! K panels in K consecutive rounds, so nobody waits between two interviews.
//!
//! Possible with the minimum rounds R exactly when C ≤ P·⌊R/K⌋ (see [`idle_lower_bound`]): the
//! regular shapes C ≤ P and C = n·P, and a few more. Each wave is its own small assignment (the
//! same min-cost flow, panel loads ≤ K) and its own edge colouring with K colours (König), so
//! forbidden, required and sector pairs are handled as in the whole-day planner; when a wave
//! cannot be served the caller keeps the other plan. Beyond those shapes, all but one of the
//! ⌊R/K⌋ waves are full and the rest is planned as a shorter whole day.

use super::{Instance, Slot, assign, colour_edges};

/// Lower bound on the idle rounds of any plan of `rounds` rounds: a candidate without idle round
/// holds K consecutive rounds, which contain exactly one of the rounds K, 2K, … ⌊R/K⌋·K (1-based),
/// and each of those rounds seats at most P candidates; everyone else waits at least once.
pub fn idle_lower_bound(candidates: usize, panels: usize, k: usize, rounds: usize) -> usize {
    if k == 0 {
        return 0;
    }
    candidates.saturating_sub(panels * (rounds / k))
}

/// A plan in waves with exactly `rounds` rounds, or None when the shape does not allow it or a
/// wave cannot give everyone K allowed panels.
pub fn wave_plan(inst: &Instance, rounds: usize) -> Option<Vec<Slot>> {
    let (c, p, k) = (inst.candidates.len(), inst.panels.len(), inst.k);
    if c == 0 || p == 0 || k == 0 || k > p || idle_lower_bound(c, p, k, rounds) > 0 {
        return None;
    }
    // Full waves first, the remainder last: only one wave has uneven panel loads.
    let sizes: Vec<usize> = (0..c.div_ceil(p)).map(|w| p.min(c - w * p)).collect();
    let members = deal(inst, &sizes)?;
    let mut slots = Vec::with_capacity(c * k);
    for (w, group) in members.iter().enumerate() {
        slots.extend(one_wave(inst, group, w * k)?);
    }
    Some(slots)
}

/// When not everyone fits a wave (C > P·⌊R/K⌋): ⌊R/K⌋ − 1 full waves of P candidates without idle
/// round, then the others in the last rounds, planned as a whole day of their own. The rounds stay
/// the minimum: the rest needs exactly the rounds that are left.
pub fn split_plan(inst: &Instance, rounds: usize) -> Option<Vec<Slot>> {
    let (c, p, k) = (inst.candidates.len(), inst.panels.len(), inst.k);
    if c == 0 || p == 0 || k == 0 || k > p || rounds / k < 2 || c <= p * (rounds / k - 1) {
        return None;
    }
    let full = rounds / k - 1;
    let mut sizes = vec![p; full];
    sizes.push(c - full * p);
    let members = deal(inst, &sizes)?;
    let mut slots = Vec::with_capacity(c * k);
    for (w, group) in members[..full].iter().enumerate() {
        slots.extend(one_wave(inst, group, w * k)?);
    }
    let rest = &members[full];
    let sub = sub_instance(inst, rest);
    let (plan, _) = super::plan_whole_day(&sub).ok()?;
    if plan.rounds + full * k > rounds {
        return None;
    }
    slots.extend(plan.slots.iter().map(|s| Slot {
        round: s.round + full * k,
        panel: s.panel,
        candidate: rest[s.candidate],
    }));
    Some(slots)
}

/// Candidates dealt to groups of the given sizes by sector in turn, so that each group holds its
/// share of each sector's candidates (the panels of a sector see at most K of them per wave).
fn deal(inst: &Instance, sizes: &[usize]) -> Option<Vec<Vec<usize>>> {
    let n = sizes.len();
    let mut order: Vec<usize> = (0..inst.candidates.len()).collect();
    order.sort_by_key(|i| (inst.candidates[*i].first().copied(), *i));
    let mut members: Vec<Vec<usize>> = vec![Vec::new(); n];
    for (t, i) in order.into_iter().enumerate() {
        let w = (0..n)
            .map(|d| (t + d) % n)
            .find(|w| members[*w].len() < sizes[*w])?;
        members[w].push(i);
    }
    Some(members)
}

/// The instance of a group of candidates (pairs renumbered), with every panel.
fn sub_instance(inst: &Instance, group: &[usize]) -> Instance {
    let local = |i: usize| group.iter().position(|g| *g == i);
    Instance {
        candidates: group.iter().map(|i| inst.candidates[*i].clone()).collect(),
        panels: inst.panels.clone(),
        k: inst.k,
        forbidden: inst
            .forbidden
            .iter()
            .filter_map(|(i, j)| local(*i).map(|l| (l, *j)))
            .collect(),
        required: inst
            .required
            .iter()
            .filter_map(|(i, j)| local(*i).map(|l| (l, *j)))
            .collect(),
        ..Instance::default()
    }
}

/// One wave: its candidates meet K panels each in rounds `first`..`first + K`.
fn one_wave(inst: &Instance, group: &[usize], first: usize) -> Option<Vec<Slot>> {
    let (p, k) = (inst.panels.len(), inst.k);
    let sub = sub_instance(inst, group);
    // Balanced loads first (spread ≤ 1), then whatever the forbidden pairs still allow.
    let even = (group.len() * k).div_ceil(p).min(k);
    let pairs = assign(&sub, even).or_else(|_| assign(&sub, k)).ok()?;
    if sub.required.iter().any(|r| !pairs.contains(r)) {
        return None;
    }
    let colours = colour_edges(&pairs, group.len(), p, k);
    pairs
        .iter()
        .zip(&colours)
        .map(|(&(l, panel), &colour)| {
            (colour < k).then_some(Slot {
                round: first + colour,
                panel,
                candidate: group[l],
            })
        })
        .collect()
}
