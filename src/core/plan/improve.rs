//! Shortening candidates' waits between interviews by Kempe-chain swaps of two rounds: every swap
//! keeps the plan valid (no clash), and one is kept only if the total idle time falls.

use super::Slot;

/// Idle rounds inside a candidate's span of busy rounds.
pub fn idle_of(rounds: &[usize]) -> usize {
    match (rounds.iter().min(), rounds.iter().max()) {
        (Some(a), Some(b)) => b - a + 1 - rounds.len(),
        _ => 0,
    }
}

struct Index {
    at_c: Vec<Vec<usize>>,
    at_p: Vec<Vec<usize>>,
}

const NONE: usize = usize::MAX;

impl Index {
    fn new(slots: &[Slot], c: usize, p: usize, rounds: usize) -> Index {
        let mut ix = Index {
            at_c: vec![vec![NONE; rounds]; c],
            at_p: vec![vec![NONE; rounds]; p],
        };
        for (e, s) in slots.iter().enumerate() {
            ix.at_c[s.candidate][s.round] = e;
            ix.at_p[s.panel][s.round] = e;
        }
        ix
    }

    /// The interviews connected to `start` through rounds `a` and `b` (a path or a cycle).
    fn chain(&self, slots: &[Slot], start: usize, a: usize, b: usize) -> Vec<usize> {
        let mut seen = vec![start];
        let mut i = 0;
        while i < seen.len() {
            let s = slots[seen[i]];
            for r in [a, b] {
                for e in [self.at_c[s.candidate][r], self.at_p[s.panel][r]] {
                    if e != NONE && !seen.contains(&e) {
                        seen.push(e);
                    }
                }
            }
            i += 1;
        }
        seen
    }

    fn swap(&mut self, slots: &mut [Slot], chain: &[usize], a: usize, b: usize) {
        for &e in chain {
            let s = slots[e];
            self.at_c[s.candidate][s.round] = NONE;
            self.at_p[s.panel][s.round] = NONE;
        }
        for &e in chain {
            let s = &mut slots[e];
            s.round = if s.round == a { b } else { a };
            self.at_c[s.candidate][s.round] = e;
            self.at_p[s.panel][s.round] = e;
        }
    }

    fn idle(&self, c: usize) -> usize {
        let busy: Vec<usize> = (0..self.at_c[c].len())
            .filter(|r| self.at_c[c][*r] != NONE)
            .collect();
        idle_of(&busy)
    }
}

/// Improves the plan in place; deterministic, bounded work.
pub fn shorten_waits(slots: &mut [Slot], c: usize, p: usize, rounds: usize) {
    if rounds < 3 || slots.is_empty() {
        return;
    }
    let mut ix = Index::new(slots, c, p, rounds);
    for _pass in 0..8 {
        let mut improved = false;
        for cand in 0..c {
            if ix.idle(cand) == 0 {
                continue;
            }
            let busy: Vec<usize> = (0..rounds).filter(|r| ix.at_c[cand][*r] != NONE).collect();
            let (Some(&first), Some(&last)) = (busy.first(), busy.last()) else {
                continue;
            };
            // Move an end of the span into a gap: the span shrinks by at least one.
            'ends: for from in [first, last] {
                for to in first..=last {
                    if ix.at_c[cand][to] != NONE {
                        continue;
                    }
                    let start = ix.at_c[cand][from];
                    let chain = ix.chain(slots, start, from, to);
                    let touched: Vec<usize> = chain.iter().map(|e| slots[*e].candidate).collect();
                    let before: usize = dedup(&touched).iter().map(|x| ix.idle(*x)).sum();
                    ix.swap(slots, &chain, from, to);
                    let after: usize = dedup(&touched).iter().map(|x| ix.idle(*x)).sum();
                    if after < before {
                        improved = true;
                        break 'ends;
                    }
                    ix.swap(slots, &chain, from, to);
                }
            }
        }
        if !improved {
            break;
        }
    }
}

fn dedup(v: &[usize]) -> Vec<usize> {
    let mut out = v.to_vec();
    out.sort_unstable();
    out.dedup();
    out
}
