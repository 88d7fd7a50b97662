//! Suggesting binômes: pair the professionals present so that each panel covers as many of the
//! candidates' target sectors as it can, and pros of one sector are spread over several tables.

use super::domain::{Id, Panel, Sector};

/// A professional as the suggestion sees them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ProInfo {
    /// Person id.
    pub id: Id,
    /// Last name, for the panel's label.
    pub last_name: String,
    /// Company or service: colleagues are spread over tables (empty: none given).
    pub organisation: String,
    /// Sectors they represent.
    pub sectors: Vec<Sector>,
}

/// Largest panel.
pub const MAX_PANEL: usize = 3;

fn demand(sector: Sector, wanted: &[Sector]) -> usize {
    wanted.iter().filter(|s| **s == sector).count()
}

/// Suggests panels of two (one of three when the count is odd) from the pros present.
///
/// Deterministic: pros are taken by how much their sectors are wanted, then by name; each goes to
/// the emptiest panel that lacks their sector, so two pros of the same sector share a table only
/// when there are more of them than tables.
pub fn suggest(pros: &[ProInfo], wanted: &[Sector]) -> Vec<Panel> {
    if pros.is_empty() {
        return Vec::new();
    }
    let count = (pros.len() / 2).max(1);
    let mut order: Vec<&ProInfo> = pros.iter().collect();
    // Colleagues are placed one after the other, largest companies first, so that each goes to
    // a table none of them sits at yet; everyone else by how much their sectors are wanted.
    let company = |p: &ProInfo| p.organisation.trim().to_lowercase();
    let colleagues = |p: &ProInfo| {
        let c = company(p);
        if c.is_empty() {
            return (0, String::new());
        }
        let n = pros.iter().filter(|q| company(q) == c).count();
        if n > 1 { (n, c) } else { (0, String::new()) }
    };
    order.sort_by(|a, b| {
        let da: usize = a.sectors.iter().map(|s| demand(*s, wanted)).sum();
        let db: usize = b.sectors.iter().map(|s| demand(*s, wanted)).sum();
        let (ca, cb) = (colleagues(a), colleagues(b));
        cb.0.cmp(&ca.0)
            .then_with(|| ca.1.cmp(&cb.1))
            .then(db.cmp(&da))
            .then_with(|| {
                super::text::sort_key(&a.last_name).cmp(&super::text::sort_key(&b.last_name))
            })
            .then(a.id.cmp(&b.id))
    });
    let mut groups: Vec<Vec<&ProInfo>> = vec![Vec::new(); count];
    for pro in order {
        let capacity =
            |g: &Vec<&ProInfo>| g.len() < 2 || (g.len() < MAX_PANEL && pros.len() % 2 == 1);
        let shares_sector = |g: &Vec<&ProInfo>| {
            g.iter()
                .any(|p| p.sectors.iter().any(|s| pro.sectors.contains(s)))
        };
        // Two colleagues of one company at one table would give a candidate one voice twice.
        let shares_company = |g: &Vec<&ProInfo>| {
            let org = pro.organisation.trim().to_lowercase();
            !org.is_empty()
                && g.iter()
                    .any(|p| p.organisation.trim().to_lowercase() == org)
        };
        // Pairs first (a third member only once every table has two), then no colleague.
        let best = (0..count)
            .filter(|i| capacity(&groups[*i]))
            .min_by_key(|i| {
                (
                    groups[*i].len() >= 2,
                    shares_company(&groups[*i]),
                    groups[*i].len(),
                    shares_sector(&groups[*i]),
                    *i,
                )
            });
        if let Some(i) = best {
            groups[i].push(pro);
        }
    }
    groups
        .into_iter()
        .enumerate()
        .map(|(i, g)| Panel {
            id: 0,
            position: i as i64 + 1,
            label: label(&g.iter().map(|p| p.last_name.as_str()).collect::<Vec<_>>()),
            table_name: format!("{}", i + 1),
            members: g.iter().map(|p| p.id).collect(),
        })
        .collect()
}

/// « Morel / Haddad ».
pub fn label(last_names: &[&str]) -> String {
    last_names.join(" / ")
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn pro(id: Id, name: &str, s: Sector) -> ProInfo {
        ProInfo {
            id,
            last_name: name.into(),
            organisation: String::new(),
            sectors: vec![s],
        }
    }

    #[test]
    fn colleagues_of_one_company_sit_at_different_tables() {
        let mut pros: Vec<ProInfo> = (0..4)
            .map(|i| pro(i, "P", Sector::ALL[i as usize]))
            .collect();
        pros[0].organisation = "Perrin".into();
        pros[1].organisation = "perrin ".into();
        pros[2].organisation = "Clain".into();
        pros[3].organisation = "Clain".into();
        for p in suggest(&pros, &[]) {
            let orgs: Vec<String> = p
                .members
                .iter()
                .map(|id| pros[*id as usize].organisation.trim().to_lowercase())
                .collect();
            assert_ne!(orgs[0], orgs[1], "colleagues together: {p:?}");
        }
    }

    #[test]
    fn pairs_pros_of_different_sectors() {
        let pros = vec![
            pro(1, "A", Sector::Btp),
            pro(2, "B", Sector::Btp),
            pro(3, "C", Sector::Logistics),
            pro(4, "D", Sector::Logistics),
        ];
        let panels = suggest(&pros, &[Sector::Btp, Sector::Logistics]);
        assert_eq!(panels.len(), 2);
        for p in &panels {
            assert_eq!(p.members.len(), 2);
            let sectors: Vec<Sector> = p
                .members
                .iter()
                .map(|id| pros.iter().find(|x| x.id == *id).unwrap().sectors[0])
                .collect();
            assert_ne!(sectors[0], sectors[1], "{panels:?}");
        }
        assert!(panels[0].label.contains(" / "));
    }

    #[test]
    fn odd_count_makes_one_panel_of_three_and_one_pro_one_panel() {
        let pros: Vec<ProInfo> = (0..5)
            .map(|i| pro(i, "X", Sector::ALL[i as usize]))
            .collect();
        let sizes: Vec<usize> = suggest(&pros, &[])
            .iter()
            .map(|p| p.members.len())
            .collect();
        assert_eq!(sizes.iter().sum::<usize>(), 5);
        assert!(sizes.contains(&3) && sizes.len() == 2);
        assert_eq!(suggest(&pros[..1], &[]).len(), 1);
        assert!(suggest(&[], &[]).is_empty());
    }

    proptest! {
        #[test]
        fn everyone_is_placed_once_in_panels_of_one_to_three(n in 1usize..30, seed in 0u64..1000) {
            let pros: Vec<ProInfo> = (0..n)
                .map(|i| pro(i as Id, "P", Sector::ALL[(i * 7 + seed as usize) % Sector::ALL.len()]))
                .collect();
            let panels = suggest(&pros, &[Sector::Btp, Sector::Btp, Sector::Logistics]);
            let mut seen: Vec<Id> = panels.iter().flat_map(|p| p.members.clone()).collect();
            seen.sort();
            prop_assert_eq!(seen, (0..n as Id).collect::<Vec<_>>());
            for p in &panels {
                prop_assert!((1..=MAX_PANEL).contains(&p.members.len()));
            }
        }
    }
}
