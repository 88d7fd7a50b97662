//! A report JSON from another laptop (`report --format json`, partner or full) added into the
//! report built from the database files (issue 21, « Several files »).
//!
//! A partner file holds counts only: its people and companies cannot be matched against the
//! other inputs, so they add up as they are, and its « < 3 » adds a range (1 to 2).

use super::*;
use crate::core::text::clean_line;

/// Why a JSON file cannot be added into a report.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum JsonRefusal {
    /// A report JSON of another `schema_version`.
    OtherVersion(u64),
    /// Not a report JSON at all (another JSON, or not JSON).
    NotReport,
}

/// Reads a report JSON (`report --format json`), refusing another schema version.
/// Every text in it is sanitized as at an import.
pub fn parse_json(text: &str) -> Result<Report, JsonRefusal> {
    let v: serde_json::Value = serde_json::from_str(text.trim_start_matches('\u{feff}'))
        .map_err(|_| JsonRefusal::NotReport)?;
    // The grand oral export has a `schema_version` too, but no totals: it is no report.
    if v.get("totals").is_none() || v.get("scope").is_none() {
        return Err(JsonRefusal::NotReport);
    }
    match v.get("schema_version").and_then(serde_json::Value::as_u64) {
        Some(n) if n == u64::from(SCHEMA_VERSION) => {}
        Some(n) => return Err(JsonRefusal::OtherVersion(n)),
        None => return Err(JsonRefusal::NotReport),
    }
    let mut r: Report = serde_json::from_value(v).map_err(|_| JsonRefusal::NotReport)?;
    r.clean();
    Ok(r)
}

impl Report {
    /// Every text of a report read from a file, sanitized.
    fn clean(&mut self) {
        let texts = [&mut self.title]
            .into_iter()
            .chain(self.zones.iter_mut().map(|t| &mut t.key))
            .chain(self.sectors.iter_mut().map(|t| &mut t.key))
            .chain(self.named_professionals.iter_mut())
            .chain(self.actions.iter_mut().map(|o| &mut o.owner))
            .chain(
                self.overdue
                    .iter_mut()
                    .flat_map(|o| [&mut o.candidate, &mut o.what, &mut o.owner]),
            )
            .chain(
                self.cohorts
                    .iter_mut()
                    .flat_map(|c| [&mut c.name, &mut c.establishment]),
            )
            .chain(self.establishments.iter_mut().map(|e| &mut e.establishment))
            .chain(
                self.job_training
                    .criteria
                    .iter_mut()
                    .flat_map(|c| [&mut c.key, &mut c.label_fr, &mut c.label_en]),
            )
            .chain(
                self.outcome_categories
                    .iter_mut()
                    .flat_map(|c| [&mut c.key, &mut c.label_fr, &mut c.label_en]),
            );
        for t in texts {
            *t = clean_line(t);
        }
        if let Scope::Year {
            establishment: Some(e),
            ..
        } = &mut self.scope
        {
            *e = clean_line(e);
        }
    }

    /// Whether a file read covers `scope` (a year report: the same year and, when one is
    /// asked, only that establishment).
    pub fn fits(&self, scope: &Scope) -> bool {
        let Scope::Year {
            year,
            establishment: wanted,
        } = scope
        else {
            return false;
        };
        let same_year = match &self.scope {
            Scope::Year { year: y, .. } => y == year,
            // A cohort's report carries no year of its own: its sender chose it.
            Scope::Cohort { .. } => true,
        };
        let same_place = wanted.as_ref().is_none_or(|w| {
            self.cohorts.iter().all(|c| &c.establishment == w)
                && self.establishments.iter().all(|e| &e.establishment == w)
        });
        same_year && same_place
    }
}

/// Adds the figures of a report read from a JSON file into `into` (built from the databases,
/// not yet cut for its audience).
pub fn merge(into: &mut Report, from: Report) {
    into.files += from.files.max(1);
    into.totals.cohorts.add(from.totals.cohorts);
    // Companies of a partner file have no name to match: they add up.
    into.totals.companies.add(from.totals.companies);
    into.totals.figures.add(&from.totals.figures);
    let f = &mut into.funnel;
    add_tallies(&mut f.stages, from.funnel.stages);
    add_tallies(&mut f.reasons, from.funnel.reasons);
    f.not_selected.add(from.funnel.not_selected);
    f.withdrawn.add(from.funnel.withdrawn);
    f.withdrew_before_start
        .add(from.funnel.withdrew_before_start);
    add_lines(
        &mut into.attendance,
        from.attendance,
        |a| a.kind.clone(),
        |x, a| {
            x.sessions.add(a.sessions);
            x.expected.add(a.expected);
            x.present.add(a.present);
        },
    );
    merge_job(&mut into.job_training, from.job_training);
    add_tallies(&mut into.proposals_by_kind, from.proposals_by_kind);
    add_tallies(&mut into.proposals_by_status, from.proposals_by_status);
    let mut actions = from.actions;
    for o in &mut actions {
        // A partner file names only the professionals who agreed: they stay named.
        if o.role == "professional" && !o.owner.is_empty() {
            o.partner_name = Some(o.owner.clone());
        }
    }
    add_lines(
        &mut into.actions,
        actions,
        |o| (o.owner.clone(), o.role.clone()),
        |x, o| {
            add_tallies(&mut x.by_status, o.by_status);
            x.overdue.add(o.overdue);
        },
    );
    into.overdue.extend(from.overdue);
    into.overdue
        .sort_by(|a, b| (a.due, &a.candidate).cmp(&(b.due, &b.candidate)));
    add_lines(
        &mut into.outcomes,
        from.outcomes,
        |m| m.milestone.clone(),
        |x, m| {
            add_tallies(&mut x.by_category, m.by_category);
            x.positive.add(m.positive);
            x.unknown.add(m.unknown);
        },
    );
    // Another laptop's network may name categories this one does not: keep them all, ours first.
    for c in from.outcome_categories {
        if !into.outcome_categories.iter().any(|x| x.key == c.key) {
            into.outcome_categories.push(c);
        }
    }
    add_tallies(&mut into.zones, from.zones);
    into.zones.sort_by(|a, b| a.key.cmp(&b.key));
    add_tallies(&mut into.sectors, from.sectors);
    into.sectors.sort_by(|a, b| a.key.cmp(&b.key));
    into.named_professionals.extend(from.named_professionals);
    into.named_professionals.sort();
    into.named_professionals.dedup();
    into.cohorts.extend(from.cohorts);
    add_lines(
        &mut into.establishments,
        from.establishments,
        |e| e.establishment.clone(),
        |x, e| {
            x.cohorts.add(e.cohorts);
            x.figures.add(&e.figures);
        },
    );
    into.establishments
        .sort_by(|a, b| a.establishment.cmp(&b.establishment));
}

/// Adds each line of `from` into the line of `into` with the same key, or appends it.
fn add_lines<T, K: PartialEq>(
    into: &mut Vec<T>,
    from: Vec<T>,
    key: impl Fn(&T) -> K,
    add: impl Fn(&mut T, T),
) {
    for line in from {
        let k = key(&line);
        match into.iter_mut().find(|x| key(x) == k) {
            Some(x) => add(x, line),
            None => into.push(line),
        }
    }
}

/// Adds tallies by key, keeping the order of `into` (new keys at the end).
fn add_tallies(into: &mut Vec<Tally>, from: Vec<Tally>) {
    add_lines(into, from, |t| t.key.clone(), |x, t| x.count.add(t.count));
}

fn merge_job(into: &mut JobTraining, from: JobTraining) {
    into.interviews.add(from.interviews);
    into.complete.add(from.complete);
    into.partial.add(from.partial);
    into.empty.add(from.empty);
    add_lines(
        &mut into.criteria,
        from.criteria,
        |c| c.key.clone(),
        |x, c| pool(x, &c),
    );
}

/// Two criterion statistics pooled: means weighted by their ratings (a « < 3 » weighs its least,
/// 1), spread from the pooled second moments.
fn pool(a: &mut CriterionStat, b: &CriterionStat) {
    let (wa, wb) = (a.ratings.n as f64, b.ratings.n as f64);
    if let (Some(ma), Some(mb)) = (a.mean, b.mean)
        && wa + wb > 0.0
    {
        let mean = (ma * wa + mb * wb) / (wa + wb);
        let moment = |m: f64, s: Option<f64>| s.unwrap_or(0.0).powi(2) + m * m;
        let var = (wa * moment(ma, a.spread) + wb * moment(mb, b.spread)) / (wa + wb) - mean * mean;
        a.mean = Some(mean);
        a.spread = Some(var.max(0.0).sqrt());
    } else if a.mean.is_none() {
        a.mean = b.mean;
        a.spread = b.spread;
    }
    a.min = a.min.into_iter().chain(b.min).min();
    a.max = a.max.into_iter().chain(b.max).max();
    a.ratings.add(b.ratings);
}
