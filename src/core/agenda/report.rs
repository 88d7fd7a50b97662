//! The short report of a themed day (issue 22) for the federations and the establishment:
//! participants, interest by sector with where the interested go, next steps. The partner
//! audience gets counts only (« < 3 » under three, as in every report); the full audience, for
//! the facilitators, also gets the names and notes.

use chrono::NaiveDate;

use super::Interest;
use crate::core::domain::Sector;
use crate::core::report::Count;
use crate::core::summary::Audience;

/// One sector's interest.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SectorLine {
    /// The sector.
    pub sector: Sector,
    /// « Intéressé ».
    pub interested: Count,
    /// « Veut une information ».
    pub information: Count,
    /// « Veut candidater à la prochaine promotion ».
    pub apply: Count,
    /// The next cohort in the sector, where the interested go (none: kept, no cohort offers it).
    pub next_cohort: Option<String>,
}

/// One participant's interest (full audience only).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NamedLine {
    /// « Prénom Nom ».
    pub name: String,
    /// The sector.
    pub sector: Sector,
    /// The mark.
    pub interest: Interest,
    /// The note.
    pub note: String,
}

/// The report.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ThemedReport {
    /// The day's title.
    pub title: String,
    /// Its date.
    pub date: NaiveDate,
    /// Who it is for.
    pub audience: Audience,
    /// Participants present.
    pub participants: Count,
    /// Items of the run of show.
    pub items: usize,
    /// Interest, sector by sector (every sector presented, then any other one marked).
    pub sectors: Vec<SectorLine>,
    /// Names (full audience; empty for partners).
    pub people: Vec<NamedLine>,
}

/// What the report is built from: the marks with the participant's name.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReportInput {
    /// The day's title.
    pub title: String,
    /// Its date.
    pub date: NaiveDate,
    /// Participants present.
    pub participants: usize,
    /// Items of the run of show.
    pub items: usize,
    /// The sectors presented.
    pub sectors: Vec<Sector>,
    /// Each sector's next cohort's name, if one offers it.
    pub next_cohorts: Vec<(Sector, String)>,
    /// Every mark: (name, sector, mark, note).
    pub marks: Vec<(String, Sector, Interest, String)>,
}

/// A count as the audience may see it.
fn count(n: usize, audience: Audience) -> Count {
    let mut c = Count::of(n);
    // Small numbers identify people (decisions.md): partners read « < 3 ».
    c.hidden = audience == Audience::Partner && n > 0 && n < 3;
    c
}

/// Builds the report for an audience.
pub fn build(input: &ReportInput, audience: Audience) -> ThemedReport {
    let mut sectors = input.sectors.clone();
    for (_, s, _, _) in &input.marks {
        if !sectors.contains(s) {
            sectors.push(*s);
        }
    }
    let lines = sectors
        .iter()
        .map(|s| {
            let n = |i: Interest| {
                let k = input
                    .marks
                    .iter()
                    .filter(|(_, x, m, _)| x == s && *m == i)
                    .count();
                count(k, audience)
            };
            SectorLine {
                sector: *s,
                interested: n(Interest::Interested),
                information: n(Interest::WantsInformation),
                apply: n(Interest::WantsToApply),
                next_cohort: input
                    .next_cohorts
                    .iter()
                    .find(|(x, _)| x == s)
                    .map(|(_, c)| c.clone()),
            }
        })
        .collect();
    let mut people: Vec<NamedLine> = if audience == Audience::Full {
        input
            .marks
            .iter()
            .map(|(name, sector, interest, note)| NamedLine {
                name: name.clone(),
                sector: *sector,
                interest: *interest,
                note: note.clone(),
            })
            .collect()
    } else {
        Vec::new()
    };
    people.sort_by(|a, b| (a.sector, &a.name).cmp(&(b.sector, &b.name)));
    ThemedReport {
        title: input.title.clone(),
        date: input.date,
        audience,
        participants: count(input.participants, audience),
        items: input.items,
        sectors: lines,
        people,
    }
}
