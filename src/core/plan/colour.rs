//! Bipartite edge colouring with exactly Δ colours (König): each colour is a round.

/// Colours the edges (candidate, panel) of a bipartite multigraph with `colours` colours, which
/// must be at least the maximum degree; returns each edge's colour.
pub fn colour_edges(
    edges: &[(usize, usize)],
    candidates: usize,
    panels: usize,
    colours: usize,
) -> Vec<usize> {
    let natural: Vec<usize> = (0..colours).collect();
    let prefs = vec![natural; candidates];
    colour_edges_preferring(edges, candidates, panels, colours, &prefs)
}

/// The same, trying each candidate's colours in the order `prefs[candidate]` gives (e.g. a window
/// of consecutive rounds, so that a candidate's interviews follow each other). The result is a
/// proper colouring whatever the preferences.
pub fn colour_edges_preferring(
    edges: &[(usize, usize)],
    candidates: usize,
    panels: usize,
    colours: usize,
    prefs: &[Vec<usize>],
) -> Vec<usize> {
    // at_c[c][k] / at_p[p][k]: the edge of colour k at that node.
    let mut at_c = vec![vec![usize::MAX; colours]; candidates];
    let mut at_p = vec![vec![usize::MAX; colours]; panels];
    let mut colour = vec![usize::MAX; edges.len()];
    for (e, &(c, p)) in edges.iter().enumerate() {
        let order = &prefs[c];
        if let Some(&both) = order
            .iter()
            .find(|k| at_c[c][**k] == usize::MAX && at_p[p][**k] == usize::MAX)
        {
            colour[e] = both;
            at_c[c][both] = e;
            at_p[p][both] = e;
            continue;
        }
        let free_c = order.iter().copied().find(|k| at_c[c][*k] == usize::MAX);
        let free_p = (0..colours).find(|k| at_p[p][*k] == usize::MAX);
        let (Some(a), Some(b)) = (free_c, free_p) else {
            // More edges at a node than colours: the caller asked for too few.
            continue;
        };
        let k = if at_p[p][a] == usize::MAX {
            a
        } else if at_c[c][b] == usize::MAX {
            b
        } else {
            // Swap colours a and b along the path from p that alternates a, b, a…; it cannot
            // reach c (bipartite parity), so afterwards a is free at both ends.
            let mut path = Vec::new();
            let mut at_panel = true;
            let mut node = p;
            let mut want = a;
            loop {
                let next = if at_panel {
                    at_p[node][want]
                } else {
                    at_c[node][want]
                };
                if next == usize::MAX {
                    break;
                }
                path.push(next);
                let (ec, ep) = edges[next];
                node = if at_panel { ec } else { ep };
                at_panel = !at_panel;
                want = if want == a { b } else { a };
            }
            for &pe in &path {
                let (ec, ep) = edges[pe];
                let old = colour[pe];
                at_c[ec][old] = usize::MAX;
                at_p[ep][old] = usize::MAX;
            }
            for &pe in &path {
                let (ec, ep) = edges[pe];
                let new = if colour[pe] == a { b } else { a };
                colour[pe] = new;
                at_c[ec][new] = pe;
                at_p[ep][new] = pe;
            }
            a
        };
        colour[e] = k;
        at_c[c][k] = e;
        at_p[p][k] = e;
    }
    colour
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn complete_bipartite_needs_only_its_degree() {
        let mut edges = Vec::new();
        for c in 0..4 {
            for p in 0..4 {
                edges.push((c, p));
            }
        }
        let col = colour_edges(&edges, 4, 4, 4);
        for (i, a) in edges.iter().enumerate() {
            assert!(col[i] < 4);
            for (j, b) in edges.iter().enumerate().skip(i + 1) {
                if a.0 == b.0 || a.1 == b.1 {
                    assert_ne!(col[i], col[j]);
                }
            }
        }
    }
}
