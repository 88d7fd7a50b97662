//! Min-cost max-flow by successive shortest paths (Dijkstra with potentials).

use std::cmp::Reverse;
use std::collections::BinaryHeap;

/// Flow pushed by one path, and its cost.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Pushed(i64, i64);

/// A flow network with integer capacities and costs.
#[derive(Debug, Clone, Default)]
pub struct Network {
    adj: Vec<Vec<usize>>,
    to: Vec<usize>,
    cap: Vec<i64>,
    cost: Vec<i64>,
}

impl Network {
    /// A network of `n` nodes and no edges.
    pub fn new(n: usize) -> Network {
        Network {
            adj: vec![Vec::new(); n],
            ..Network::default()
        }
    }

    /// Adds an edge and its residual twin; returns the edge's id.
    pub fn add_edge(&mut self, u: usize, v: usize, cap: i64, cost: i64) -> usize {
        let id = self.to.len();
        self.to.extend([v, u]);
        self.cap.extend([cap, 0]);
        self.cost.extend([cost, -cost]);
        self.adj[u].push(id);
        self.adj[v].push(id + 1);
        id
    }

    /// Flow currently on an edge.
    pub fn flow(&self, edge: usize) -> i64 {
        self.cap[edge ^ 1]
    }

    /// One augmenting path over edges of reduced cost 0; returns (flow pushed, its cost).
    fn dfs(
        &mut self,
        u: usize,
        t: usize,
        limit: i64,
        pot: &[i64],
        arc: &mut [usize],
        visited: &mut [bool],
    ) -> Pushed {
        if u == t {
            return Pushed(limit, 0);
        }
        visited[u] = true;
        while arc[u] < self.adj[u].len() {
            let e = self.adj[u][arc[u]];
            let v = self.to[e];
            if self.cap[e] > 0 && !visited[v] && self.cost[e] + pot[u] - pot[v] == 0 {
                let got = self.dfs(v, t, limit.min(self.cap[e]), pot, arc, visited);
                if got.0 > 0 {
                    self.cap[e] -= got.0;
                    self.cap[e ^ 1] += got.0;
                    return Pushed(got.0, got.1 + got.0 * self.cost[e]);
                }
            }
            arc[u] += 1;
        }
        Pushed(0, 0)
    }

    /// Sends as much flow as possible from `s` to `t` at least cost; returns (flow, cost).
    ///
    /// Costs may be negative as long as the graph has no negative cycle (ours are DAGs).
    pub fn min_cost_max_flow(&mut self, s: usize, t: usize) -> (i64, i64) {
        let n = self.adj.len();
        // Initial potentials by Bellman-Ford: negative costs, no negative cycles.
        let mut pot = vec![i64::MAX; n];
        pot[s] = 0;
        for _ in 0..n {
            let mut changed = false;
            for u in 0..n {
                if pot[u] == i64::MAX {
                    continue;
                }
                for &e in &self.adj[u] {
                    if self.cap[e] > 0 && pot[u] + self.cost[e] < pot[self.to[e]] {
                        pot[self.to[e]] = pot[u] + self.cost[e];
                        changed = true;
                    }
                }
            }
            if !changed {
                break;
            }
        }
        for p in &mut pot {
            if *p == i64::MAX {
                *p = 0;
            }
        }
        let (mut flow, mut total) = (0i64, 0i64);
        let mut dist = vec![i64::MAX; n];
        let mut prev = vec![usize::MAX; n];
        loop {
            dist.iter_mut().for_each(|d| *d = i64::MAX);
            prev.iter_mut().for_each(|p| *p = usize::MAX);
            dist[s] = 0;
            let mut heap = BinaryHeap::new();
            heap.push(Reverse((0i64, s)));
            while let Some(Reverse((d, u))) = heap.pop() {
                if d > dist[u] {
                    continue;
                }
                for &e in &self.adj[u] {
                    if self.cap[e] <= 0 {
                        continue;
                    }
                    let v = self.to[e];
                    let nd = d + self.cost[e] + pot[u] - pot[v];
                    if nd < dist[v] {
                        dist[v] = nd;
                        prev[v] = e;
                        heap.push(Reverse((nd, v)));
                    }
                }
            }
            if dist[t] == i64::MAX {
                break;
            }
            for v in 0..n {
                if dist[v] != i64::MAX {
                    pot[v] += dist[v];
                }
            }
            // Primal-dual: push along every shortest path at once (edges of reduced cost 0),
            // Dinic-style with a current-arc pointer, before the next Dijkstra.
            let mut arc = vec![0usize; n];
            let mut visited = vec![false; n];
            loop {
                visited.iter_mut().for_each(|v| *v = false);
                let pushed = self.dfs(s, t, i64::MAX, &pot, &mut arc, &mut visited);
                if pushed.0 == 0 {
                    break;
                }
                flow += pushed.0;
                total += pushed.1;
            }
        }
        (flow, total)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cheapest_of_two_paths_is_used_first() {
        let mut g = Network::new(4);
        let a = g.add_edge(0, 1, 1, 5);
        let b = g.add_edge(0, 2, 1, -2);
        g.add_edge(1, 3, 1, 0);
        g.add_edge(2, 3, 1, 0);
        assert_eq!(g.min_cost_max_flow(0, 3), (2, 3));
        assert_eq!((g.flow(a), g.flow(b)), (1, 1));
    }
}
