//! Re-planning from round r: rounds before r are frozen, interviews already held are never
//! repeated, and the remaining ones move as little as possible (decisions.md: keep every
//! candidate's K interviews, then fewest extra rounds, then fewest moves).

use super::flow::Network;
use super::{Instance, Plan, Slot, matches};

/// The situation when re-planning.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct ReplanInput {
    /// The candidates and panels of the day now (indexes as in `played` and `planned`).
    pub instance: Instance,
    /// Rounds before this one (0-based) are frozen.
    pub from_round: usize,
    /// Interviews held in the frozen rounds.
    pub played: Vec<Slot>,
    /// Interviews of the current plan from `from_round` on, for people still here.
    pub planned: Vec<Slot>,
    /// Last round (0-based, inclusive) each panel can sit; `None`: the whole day.
    pub panel_until: Vec<Option<usize>>,
    /// First round each panel can sit (empty: from the start).
    pub panel_from: Vec<usize>,
    /// First and last round (inclusive) each candidate can attend (empty: the whole day).
    pub candidate_rounds: Vec<(usize, Option<usize>)>,
}

impl ReplanInput {
    /// True when round `r` is within candidate `i`'s and panel `j`'s availability.
    fn open(&self, i: usize, j: usize, r: usize) -> bool {
        let panel_ok = self.panel_from.get(j).is_none_or(|f| r >= *f)
            && self
                .panel_until
                .get(j)
                .copied()
                .flatten()
                .is_none_or(|u| r <= u);
        let cand_ok = self
            .candidate_rounds
            .get(i)
            .is_none_or(|(f, u)| r >= *f && u.is_none_or(|u| r <= u));
        panel_ok && cand_ok
    }

    fn candidate_rounds_in(&self, i: usize, end: usize) -> usize {
        (self.from_round..end)
            .filter(|r| {
                self.candidate_rounds
                    .get(i)
                    .is_none_or(|(f, u)| *r >= *f && u.is_none_or(|u| *r <= u))
            })
            .count()
    }
}

/// One change a facilitator reads aloud.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Move {
    /// An interview now happens elsewhere or at another time.
    Moved {
        /// Candidate.
        candidate: usize,
        /// Where and when it was: (round, panel).
        from: (usize, usize),
        /// Where and when it is: (round, panel).
        to: (usize, usize),
    },
    /// An interview of the old plan no longer happens.
    Cancelled {
        /// Candidate.
        candidate: usize,
        /// (round, panel).
        at: (usize, usize),
    },
    /// A new interview (a candidate who arrived, or one that replaces a cancelled one).
    Added {
        /// Candidate.
        candidate: usize,
        /// (round, panel).
        at: (usize, usize),
    },
}

/// The new plan and what changed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Replan {
    /// Played interviews plus the new remaining ones.
    pub plan: Plan,
    /// Changes against the old remaining plan.
    pub moves: Vec<Move>,
    /// Old remaining interviews that stay exactly where they were.
    pub kept: usize,
}

const W_KEEP: i64 = 1_000_000_000;
const W_FIRST_MATCH: i64 = 1_000_000;
const W_MATCH: i64 = 1_000;

/// Re-plans; `None` when even many extra rounds cannot give everyone their interviews.
pub fn replan(input: &ReplanInput) -> Option<Replan> {
    let inst = &input.instance;
    let (c, p, k) = (inst.candidates.len(), inst.panels.len(), inst.k);
    let r0 = input.from_round;
    let old_end = input
        .planned
        .iter()
        .chain(&input.played)
        .map(|s| s.round + 1)
        .max()
        .unwrap_or(r0);
    let mut met = vec![Vec::new(); c];
    for s in &input.played {
        if s.candidate < c && s.panel < p {
            met[s.candidate].push(s.panel);
        }
    }
    let need: Vec<usize> = (0..c).map(|i| k.saturating_sub(met[i].len())).collect();
    // Fewest extra rounds first: start from what the remaining needs require at least.
    let total: usize = need.iter().sum();
    let max_need = need.iter().copied().max().unwrap_or(0);
    let late = input
        .candidate_rounds
        .iter()
        .map(|(f, _)| *f)
        .max()
        .unwrap_or(0);
    let start = old_end
        .max(r0 + max_need)
        .max(r0 + total.div_ceil(p.max(1)))
        .max(r0 + 1);
    for end in start..start + k + late + 3 {
        let Some(pairs) = assign_remaining(input, &met, &need, end) else {
            continue;
        };
        if let Some(slots) = place(input, &pairs, end) {
            let mut all: Vec<Slot> = input.played.clone();
            all.extend(slots.iter().copied());
            all.sort();
            let rounds = all.iter().map(|s| s.round + 1).max().unwrap_or(0);
            let (moves, kept) = diff(&input.planned, &slots);
            return Some(Replan {
                plan: Plan { rounds, slots: all },
                moves,
                kept,
            });
        }
    }
    None
}

fn available(input: &ReplanInput, panel: usize, end: usize) -> usize {
    let last = input
        .panel_until
        .get(panel)
        .copied()
        .flatten()
        .map_or(end, |u| (u + 1).min(end));
    let first = input
        .panel_from
        .get(panel)
        .copied()
        .unwrap_or(0)
        .max(input.from_round);
    last.saturating_sub(first)
}

/// Chooses the remaining pairs, keeping planned ones first, within `end` rounds.
fn assign_remaining(
    input: &ReplanInput,
    met: &[Vec<usize>],
    need: &[usize],
    end: usize,
) -> Option<Vec<(usize, usize)>> {
    let inst = &input.instance;
    let (c, p) = (inst.candidates.len(), inst.panels.len());
    let rounds = end.saturating_sub(input.from_round);
    let (s, t) = (0, 1);
    let cand = |i: usize| 2 + i;
    let hub = |i: usize| 2 + c + i;
    let panel = |j: usize| 2 + 2 * c + j;
    let mut g = Network::new(2 + 2 * c + p);
    let mut edges = Vec::new();
    for i in 0..c {
        if need[i] > rounds.min(input.candidate_rounds_in(i, end)) {
            return None;
        }
        g.add_edge(s, cand(i), need[i] as i64, 0);
        g.add_edge(cand(i), hub(i), 1, -W_FIRST_MATCH);
        g.add_edge(cand(i), hub(i), need[i] as i64, -W_MATCH);
        for j in 0..p {
            if met[i].contains(&j)
                || inst.forbidden.contains(&(i, j))
                || available(input, j, end) == 0
            {
                continue;
            }
            let keep = if input
                .planned
                .iter()
                .any(|x| x.candidate == i && x.panel == j)
            {
                -W_KEEP
            } else {
                0
            };
            let from = if matches(&inst.candidates[i], &inst.panels[j]) {
                hub(i)
            } else {
                cand(i)
            };
            edges.push((g.add_edge(from, panel(j), 1, keep), i, j));
        }
    }
    for j in 0..p {
        g.add_edge(panel(j), t, available(input, j, end) as i64, 0);
    }
    let (flow, _) = g.min_cost_max_flow(s, t);
    let total: usize = need.iter().sum();
    (flow as usize == total).then(|| {
        edges
            .iter()
            .filter(|(e, _, _)| g.flow(*e) > 0)
            .map(|(_, i, j)| (*i, *j))
            .collect()
    })
}

/// Puts the pairs into rounds `from_round..end`: planned pairs keep their round when they can,
/// the others take a free round, with Kempe swaps when both ends are busy.
fn place(input: &ReplanInput, pairs: &[(usize, usize)], end: usize) -> Option<Vec<Slot>> {
    let (c, p) = (input.instance.candidates.len(), input.instance.panels.len());
    let r0 = input.from_round;
    let allowed = |i: usize, j: usize, r: usize| r >= r0 && r < end && input.open(i, j, r);
    let mut at_c = vec![vec![usize::MAX; end]; c];
    let mut at_p = vec![vec![usize::MAX; end]; p];
    let mut slots: Vec<Slot> = Vec::with_capacity(pairs.len());
    let mut pending = Vec::new();
    // First the pairs that can stay exactly where they were.
    for &(i, j) in pairs {
        let old = input
            .planned
            .iter()
            .find(|x| x.candidate == i && x.panel == j)
            .map(|x| x.round);
        match old {
            Some(r) if allowed(i, j, r) && at_c[i][r] == usize::MAX && at_p[j][r] == usize::MAX => {
                at_c[i][r] = slots.len();
                at_p[j][r] = slots.len();
                slots.push(Slot {
                    round: r,
                    panel: j,
                    candidate: i,
                });
            }
            _ => pending.push((i, j)),
        }
    }
    // Then the others: restricted panels first, they have the fewest choices.
    pending.sort_by_key(|(_, j)| {
        (
            input
                .panel_until
                .get(*j)
                .copied()
                .flatten()
                .unwrap_or(usize::MAX),
            *j,
        )
    });
    for (i, j) in pending {
        if let Some(r) = (r0..end)
            .find(|r| allowed(i, j, *r) && at_c[i][*r] == usize::MAX && at_p[j][*r] == usize::MAX)
        {
            at_c[i][r] = slots.len();
            at_p[j][r] = slots.len();
            slots.push(Slot {
                round: r,
                panel: j,
                candidate: i,
            });
            continue;
        }
        // Kempe swap: free a round a at the panel (free at the candidate) by exchanging a and b on
        // the chain from the panel, where b is free at the panel; keep it only if every moved
        // interview stays in its panel's allowed rounds.
        let mut placed = false;
        let a_choices: Vec<usize> = (r0..end)
            .filter(|a| allowed(i, j, *a) && at_c[i][*a] == usize::MAX)
            .collect();
        'search: for a in a_choices {
            let b_choices: Vec<usize> = (r0..end)
                .filter(|b| *b != a && at_p[j][*b] == usize::MAX)
                .collect();
            for b in b_choices {
                let chain = chain_from_panel(&slots, &at_c, &at_p, j, a, b);
                if chain.iter().any(|e| slots[*e].candidate == i) {
                    continue;
                }
                let ok = chain.iter().all(|e| {
                    let s = slots[*e];
                    let new = if s.round == a { b } else { a };
                    allowed(s.candidate, s.panel, new)
                });
                if !ok {
                    continue;
                }
                for &e in &chain {
                    let s = slots[e];
                    at_c[s.candidate][s.round] = usize::MAX;
                    at_p[s.panel][s.round] = usize::MAX;
                }
                for &e in &chain {
                    let s = &mut slots[e];
                    s.round = if s.round == a { b } else { a };
                    at_c[s.candidate][s.round] = e;
                    at_p[s.panel][s.round] = e;
                }
                if at_c[i][a] == usize::MAX && at_p[j][a] == usize::MAX {
                    at_c[i][a] = slots.len();
                    at_p[j][a] = slots.len();
                    slots.push(Slot {
                        round: a,
                        panel: j,
                        candidate: i,
                    });
                    placed = true;
                    break 'search;
                }
            }
        }
        if !placed {
            return None;
        }
    }
    Some(slots)
}

/// The interviews reached from panel `j` by alternating rounds a, b, a…
fn chain_from_panel(
    slots: &[Slot],
    at_c: &[Vec<usize>],
    at_p: &[Vec<usize>],
    j: usize,
    a: usize,
    b: usize,
) -> Vec<usize> {
    let mut out = Vec::new();
    let mut at_panel = true;
    let mut node = j;
    let mut want = a;
    loop {
        let e = if at_panel {
            at_p[node][want]
        } else {
            at_c[node][want]
        };
        if e == usize::MAX || out.contains(&e) {
            break;
        }
        out.push(e);
        node = if at_panel {
            slots[e].candidate
        } else {
            slots[e].panel
        };
        at_panel = !at_panel;
        want = if want == a { b } else { a };
    }
    out
}

/// Moves between the old remaining plan and the new one.
fn diff(old: &[Slot], new: &[Slot]) -> (Vec<Move>, usize) {
    let mut moves = Vec::new();
    let mut kept = 0;
    let mut matched_new = vec![false; new.len()];
    let mut unmatched_old = Vec::new();
    for o in old {
        if let Some(n) = new.iter().position(|n| n == o) {
            matched_new[n] = true;
            kept += 1;
        } else {
            unmatched_old.push(*o);
        }
    }
    for o in unmatched_old {
        // The same candidate's unmatched new interview, preferably with the same panel.
        let pick = new
            .iter()
            .enumerate()
            .filter(|(i, n)| !matched_new[*i] && n.candidate == o.candidate)
            .min_by_key(|(_, n)| (n.panel != o.panel, n.round.abs_diff(o.round)))
            .map(|(i, _)| i);
        match pick {
            Some(i) => {
                matched_new[i] = true;
                moves.push(Move::Moved {
                    candidate: o.candidate,
                    from: (o.round, o.panel),
                    to: (new[i].round, new[i].panel),
                });
            }
            None => moves.push(Move::Cancelled {
                candidate: o.candidate,
                at: (o.round, o.panel),
            }),
        }
    }
    for (i, n) in new.iter().enumerate() {
        if !matched_new[i] {
            moves.push(Move::Added {
                candidate: n.candidate,
                at: (n.round, n.panel),
            });
        }
    }
    (moves, kept)
}

#[cfg(test)]
mod tests {
    use super::super::plan;
    use super::*;
    use crate::core::domain::Sector;

    fn instance(c: usize, p: usize, k: usize) -> Instance {
        let mut rng = crate::core::rng::Rng::new(3);
        Instance {
            candidates: (0..c).map(|_| vec![Sector::ALL[rng.below(6)]]).collect(),
            panels: (0..p)
                .map(|_| vec![Sector::ALL[rng.below(6)], Sector::ALL[rng.below(6)]])
                .collect(),
            k,
            ..Instance::default()
        }
    }

    /// Withdraws candidate `gone` and makes panel `leaving` leave after round `after` (0-based
    /// rounds: it sits rounds 0..=after), re-planning from round after + 1.
    fn standard(
        c: usize,
        p: usize,
        k: usize,
        gone: usize,
        leaving: usize,
        after: usize,
    ) -> (Plan, ReplanInput) {
        let inst = instance(c, p, k);
        let (old, _) = plan(&inst).unwrap();
        let from = after + 1;
        let remap = |i: usize| if i > gone { i - 1 } else { i };
        let keep = |s: &Slot| s.candidate != gone;
        let mut new_inst = inst.clone();
        new_inst.candidates.remove(gone);
        let played: Vec<Slot> = old
            .slots
            .iter()
            .filter(|s| s.round < from && keep(s))
            .map(|s| Slot {
                candidate: remap(s.candidate),
                ..*s
            })
            .collect();
        let planned: Vec<Slot> = old
            .slots
            .iter()
            .filter(|s| s.round >= from && keep(s))
            .map(|s| Slot {
                candidate: remap(s.candidate),
                ..*s
            })
            .collect();
        let mut until = vec![None; p];
        until[leaving] = Some(after);
        (
            old,
            ReplanInput {
                instance: new_inst,
                from_round: from,
                played,
                planned,
                panel_until: until,
                ..ReplanInput::default()
            },
        )
    }

    #[test]
    fn the_standard_scenario_moves_less_than_ten_percent() {
        let (_, input) = standard(40, 20, 4, 7, 3, 2);
        let r = replan(&input).expect("re-planned");
        let surviving = input.planned.len();
        let moved = r
            .moves
            .iter()
            .filter(|m| !matches!(m, Move::Added { .. }))
            .count();
        println!(
            "standard scenario: {moved} of {surviving} remaining interviews moved, {} rounds",
            r.plan.rounds
        );
        assert!(moved * 10 < surviving, "{moved} / {surviving}");
        check(&input, &r);
    }

    fn check(input: &ReplanInput, r: &Replan) {
        let inst = &input.instance;
        for cand in 0..inst.candidates.len() {
            let mut panels: Vec<usize> = r
                .plan
                .slots
                .iter()
                .filter(|s| s.candidate == cand)
                .map(|s| s.panel)
                .collect();
            assert_eq!(panels.len(), inst.k, "candidate {cand} keeps K interviews");
            panels.sort();
            panels.dedup();
            assert_eq!(panels.len(), inst.k, "no interview repeated");
        }
        for (i, a) in r.plan.slots.iter().enumerate() {
            for b in &r.plan.slots[i + 1..] {
                if a.round == b.round {
                    assert!(
                        a.candidate != b.candidate && a.panel != b.panel,
                        "clash in round {}",
                        a.round
                    );
                }
            }
            if let Some(u) = input.panel_until[a.panel] {
                assert!(a.round <= u, "panel {} sits after it left", a.panel);
            }
        }
        for s in &input.played {
            assert!(r.plan.slots.contains(s), "frozen interview kept");
        }
    }

    #[test]
    fn nothing_changes_when_nothing_happened() {
        let inst = instance(12, 6, 4);
        let (old, _) = plan(&inst).unwrap();
        let input = ReplanInput {
            instance: inst,
            from_round: 3,
            played: old.slots.iter().filter(|s| s.round < 3).copied().collect(),
            planned: old.slots.iter().filter(|s| s.round >= 3).copied().collect(),
            panel_until: vec![None; 6],
            ..ReplanInput::default()
        };
        let r = replan(&input).unwrap();
        assert!(r.moves.is_empty());
        assert_eq!(r.plan, old);
    }

    #[test]
    fn many_scenarios_stay_valid() {
        for (c, p, k, gone, leaving, after) in [
            (10, 6, 4, 0, 5, 1),
            (24, 12, 4, 5, 0, 3),
            (30, 10, 3, 29, 9, 0),
            (8, 8, 4, 3, 2, 2),
        ] {
            let (_, input) = standard(c, p, k, gone, leaving, after);
            let r = replan(&input).expect("re-planned");
            check(&input, &r);
        }
    }
}
