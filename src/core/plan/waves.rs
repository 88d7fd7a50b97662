//! Escort-friendly plans (issue 17): candidates come in waves of at most P, each wave meeting its
//! K panels in K consecutive rounds, so nobody waits between two interviews.
//!
//! Possible with the minimum rounds R exactly when C ≤ P·⌊R/K⌋ (see [`idle_lower_bound`]): the
//! regular shapes C ≤ P and C = n·P, and a few more. Each wave is its own small assignment (the
//! same min-cost flow, panel loads ≤ K) and its own edge colouring with K colours (König), so
//! forbidden, required and sector pairs are handled as in the whole-day planner; when a wave
//! cannot be served the caller keeps the other plan.

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
    let waves = c.div_ceil(p);
    // Full waves first, the remainder last: only one wave has uneven panel loads.
    let sizes: Vec<usize> = (0..waves).map(|w| p.min(c - w * p)).collect();
    // Dealt by sector in turn, so that each wave holds its share of each sector's candidates
    // (the panels of a sector see at most K of them per wave).
    let mut order: Vec<usize> = (0..c).collect();
    order.sort_by_key(|i| (inst.candidates[*i].first().copied(), *i));
    let mut members: Vec<Vec<usize>> = vec![Vec::new(); waves];
    for (t, i) in order.into_iter().enumerate() {
        let w = (0..waves)
            .map(|d| (t + d) % waves)
            .find(|w| members[*w].len() < sizes[*w])?;
        members[w].push(i);
    }
    let mut slots = Vec::with_capacity(c * k);
    for (w, group) in members.iter().enumerate() {
        let local = |i: usize| group.iter().position(|g| *g == i);
        let sub = Instance {
            candidates: group.iter().map(|i| inst.candidates[*i].clone()).collect(),
            panels: inst.panels.clone(),
            k,
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
        };
        // Balanced loads first (spread ≤ 1), then whatever the forbidden pairs still allow.
        let even = (group.len() * k).div_ceil(p).min(k);
        let pairs = assign(&sub, even).or_else(|_| assign(&sub, k)).ok()?;
        if sub.required.iter().any(|r| !pairs.contains(r)) {
            return None;
        }
        let colours = colour_edges(&pairs, group.len(), p, k);
        for (&(l, panel), &colour) in pairs.iter().zip(&colours) {
            if colour >= k {
                return None;
            }
            slots.push(Slot {
                round: w * k + colour,
                panel,
                candidate: group[l],
            });
        }
    }
    Some(slots)
}
