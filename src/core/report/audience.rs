//! The report cut for its audience.

use super::*;

/// The report as `audience` may see it. Partners: counts under 3 shown « < 3 », no overdue
/// action named, action owners by role unless a professional agreed to be named (first name).
pub fn for_audience(mut r: Report, audience: Audience) -> Report {
    r.audience = audience;
    if audience == Audience::Full {
        return r;
    }
    r.overdue.clear();
    let mut merged: BTreeMap<(String, String), OwnerLine> = BTreeMap::new();
    for line in std::mem::take(&mut r.actions) {
        let owner = match (&line.partner_name, line.role.as_str()) {
            (Some(first), "professional") => first.clone(),
            _ => String::new(),
        };
        let e = merged
            .entry((owner.clone(), line.role.clone()))
            .or_insert_with(|| OwnerLine {
                owner,
                role: line.role.clone(),
                by_status: line.by_status.iter().map(|t| tally(&t.key, 0)).collect(),
                overdue: Count::default(),
                partner_name: None,
            });
        for (a, b) in e.by_status.iter_mut().zip(&line.by_status) {
            a.count.n += b.count.n;
        }
        e.overdue.n += line.overdue.n;
    }
    r.actions = merged.into_values().collect();
    for c in r.counts_mut() {
        c.mask();
    }
    r
}

impl Report {
    /// Every count of people in the report (so an audience cut misses none).
    fn counts_mut(&mut self) -> Vec<&mut Count> {
        // Counts of people only: sessions, cohorts and companies identify nobody.
        let mut v: Vec<&mut Count> = Vec::new();
        v.extend(self.totals.figures.counts_mut());
        let f = &mut self.funnel;
        v.extend([
            &mut f.not_selected,
            &mut f.withdrawn,
            &mut f.withdrew_before_start,
        ]);
        for t in f.stages.iter_mut().chain(&mut f.reasons) {
            v.push(&mut t.count);
        }
        for m in &mut self.outcomes {
            v.extend([&mut m.positive, &mut m.unknown]);
            v.extend(m.by_category.iter_mut().map(|t| &mut t.count));
        }
        for a in &mut self.attendance {
            v.extend([&mut a.expected, &mut a.present]);
        }
        let j = &mut self.job_training;
        v.extend([
            &mut j.interviews,
            &mut j.complete,
            &mut j.partial,
            &mut j.empty,
        ]);
        for c in &mut j.criteria {
            v.push(&mut c.ratings);
        }
        for t in self
            .proposals_by_kind
            .iter_mut()
            .chain(&mut self.proposals_by_status)
            .chain(&mut self.zones)
            .chain(&mut self.sectors)
        {
            v.push(&mut t.count);
        }
        for o in &mut self.actions {
            v.push(&mut o.overdue);
            v.extend(o.by_status.iter_mut().map(|t| &mut t.count));
        }
        for c in &mut self.cohorts {
            v.extend(c.figures.counts_mut());
        }
        for e in &mut self.establishments {
            v.extend(e.figures.counts_mut());
        }
        v
    }
}
