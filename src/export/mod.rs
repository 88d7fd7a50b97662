//! Exports of the grand oral summary: Markdown, print-ready HTML, CSV (French Excel) and JSON.
//!
//! Each format is a pure function from a [`Summary`] already cut for its audience to bytes; only
//! [`file::write_parts`] touches the disk.

pub mod csv;
pub mod file;
pub mod html;
pub mod json;
pub mod md;
pub mod report;
pub mod sheets;
pub mod themed;

use chrono::NaiveDateTime;

use crate::core::summary::{
    ActionInfo, Audience, CandidateSummary, CriterionLabel, ProposalInfo, Summary,
};
use crate::i18n::{Lang, Tr};

/// An export format.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// Markdown, for mail or a wiki.
    Markdown,
    /// One self-contained HTML file laid out for A4.
    Html,
    /// `;`-separated UTF-8 with BOM.
    Csv,
    /// The whole summary with a schema version.
    Json,
}

impl Format {
    /// Every format, in the order menus offer them.
    pub const ALL: [Format; 4] = [Format::Html, Format::Markdown, Format::Csv, Format::Json];

    /// Parses `md`, `html`, `csv`, `json`.
    pub fn parse(code: &str) -> Option<Format> {
        match code.to_ascii_lowercase().as_str() {
            "md" | "markdown" => Some(Format::Markdown),
            "html" | "htm" => Some(Format::Html),
            "csv" => Some(Format::Csv),
            "json" => Some(Format::Json),
            _ => None,
        }
    }

    /// File extension.
    pub fn extension(self) -> &'static str {
        match self {
            Format::Markdown => "md",
            Format::Html => "html",
            Format::Csv => "csv",
            Format::Json => "json",
        }
    }
}

/// One file of an export: a name suffix (empty for the main file) and its bytes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Part {
    /// Added before the extension (`-propositions`), empty for the main file.
    pub suffix: String,
    /// Content.
    pub bytes: Vec<u8>,
}

/// Renders a summary (already cut for its audience) in a format; CSV gives three files (ratings,
/// proposals, texts), then the follow-up (full audience) and the outcome counts when there are any.
pub fn render(summary: &Summary, format: Format, tr: Tr, generated: NaiveDateTime) -> Vec<Part> {
    let main = |bytes: Vec<u8>| Part {
        suffix: String::new(),
        bytes,
    };
    match format {
        Format::Markdown => vec![main(md::render(summary, tr, generated).into_bytes())],
        Format::Html => vec![main(html::render(summary, tr, generated).into_bytes())],
        Format::Json => vec![main(json::render(summary, tr, generated).into_bytes())],
        Format::Csv => {
            let part = |key: &str, bytes| Part {
                suffix: format!("-{}", tr.t(key)),
                bytes,
            };
            let mut parts = vec![
                main(csv::ratings(summary, tr)),
                part("export.csv_proposals_suffix", csv::proposals(summary, tr)),
                part("export.csv_texts_suffix", csv::texts(summary, tr)),
            ];
            // The follow-up files only when there is follow-up: the detail (full audience only,
            // partners' summaries hold none) and the anonymous counts.
            if summary.candidates.iter().any(|c| c.followup.is_some()) {
                parts.push(part(
                    "export.csv_followup_suffix",
                    csv::followup(summary, tr),
                ));
            }
            if !summary.outcome_counts.is_empty() {
                parts.push(part(
                    "export.csv_outcomes_suffix",
                    csv::outcome_counts(summary, tr),
                ));
            }
            parts
        }
    }
}

/// A criterion's label in the reader's language.
pub fn criterion_label(c: &CriterionLabel, tr: Tr) -> &str {
    tr.pick(&c.label_fr, &c.label_en)
}

/// A mean with one decimal, French style « 3,0 » (English « 3.0 »); « — » when none.
pub fn mean_text(mean: Option<f64>, tr: Tr) -> String {
    match mean {
        Some(m) => {
            let s = format!("{m:.1}");
            if tr.lang == Lang::Fr {
                s.replace('.', ",")
            } else {
                s
            }
        }
        None => "—".into(),
    }
}

/// « : » with the space French puts before it (« Sortie : … ») and English does not.
pub fn colon(tr: Tr) -> &'static str {
    match tr.lang {
        Lang::Fr => " : ",
        Lang::En => ": ",
    }
}

/// The line every page of a full export carries (and the partner's quieter one).
pub fn audience_line(summary: &Summary, tr: Tr) -> &'static str {
    match summary.audience {
        Audience::Full => tr.t("export.audience_full"),
        Audience::Partner => tr.t("export.audience_partner"),
    }
}

/// « Job training · jeu. 15 oct. 2026 · Salle polyvalente ».
pub fn session_line(summary: &Summary, tr: Tr) -> String {
    let s = &summary.session;
    let kind = tr.t(&format!("kind.{}", s.kind));
    let mut parts = vec![
        kind.to_string(),
        format!("{} {}", tr.date_short(s.date), s.date.format("%Y")),
    ];
    if !s.title.trim().is_empty() && s.title.trim() != kind {
        parts.insert(1, s.title.clone());
    }
    if !s.place.trim().is_empty() {
        parts.push(s.place.clone());
    }
    parts.join(" · ")
}

/// « Édité le 15/10/2026 à 18:05 avec Passerelle ».
pub fn generated_line(tr: Tr, generated: NaiveDateTime) -> String {
    tr.tf(
        "export.generated",
        &[
            ("date", &tr.date_numeric(generated.date())),
            ("time", &generated.format("%H:%M")),
        ],
    )
}

/// « cariste · logistique · Vienne (86) ».
pub fn project_line(c: &crate::core::summary::CandidateSummary, tr: Tr) -> String {
    let mut parts = Vec::new();
    if !c.project.trim().is_empty() {
        parts.push(c.project.clone());
    }
    for s in &c.sectors {
        parts.push(tr.t(&format!("sector.{s}")).to_string());
    }
    if !c.target_area.trim().is_empty() {
        parts.push(c.target_area.clone());
    }
    parts.join(" · ")
}

/// The cover's figures: (label, value) in print order.
pub fn count_rows(s: &Summary, tr: Tr) -> Vec<(&'static str, String)> {
    let c = &s.counts;
    let mut rows = vec![
        (
            tr.t("export.candidates_present"),
            format!("{}/{}", c.candidates_present, c.candidates_expected),
        ),
        (
            tr.t("export.professionals_present"),
            c.professionals_present.to_string(),
        ),
        (tr.t("export.staff_present"), c.staff_present.to_string()),
        (tr.t("export.interviewed"), c.interviewed.to_string()),
        (
            tr.t("export.feedback_complete"),
            format!("{}/{}", c.feedback_complete, c.feedback_total),
        ),
        (
            tr.t("export.proposals"),
            tr.tn(
                "export.proposals_accepted",
                c.proposals_accepted as i64,
                &[("n", &c.proposals), ("accepted", &c.proposals_accepted)],
            ),
        ),
        (tr.t("export.actions_open"), c.actions_open.to_string()),
    ];
    if let Some(f) = &s.funnel {
        rows.extend(funnel_rows(f, s.audience, tr));
    }
    rows
}

/// The funnel's rows of the cohort page (issue 19): the stages, then the withdrawals with
/// their reasons only when the summary holds them (never for partners, who see « < 3 » for small counts).
pub fn funnel_rows(
    f: &crate::core::path::FunnelInfo,
    audience: Audience,
    tr: Tr,
) -> Vec<(&'static str, String)> {
    let stages = f
        .stages()
        .iter()
        .map(|(code, n)| {
            let n = count_text(*n, audience);
            format!("{} {n}", tr.t(&format!("path.stage.{code}")))
        })
        .collect::<Vec<_>>()
        .join(" → ");
    let mut withdrawn = count_text(f.withdrawn, audience);
    if let Some(reasons) = f.reasons.as_ref().filter(|r| !r.is_empty()) {
        let list = reasons
            .iter()
            .map(|(code, n)| format!("{} {n}", tr.t(&format!("path.withdrawal.{code}"))))
            .collect::<Vec<_>>()
            .join(", ");
        withdrawn = format!("{withdrawn} ({list})");
    }
    vec![
        (tr.t("path.funnel_title"), stages),
        (tr.t("path.withdrawals"), withdrawn),
    ]
}

/// « Karim Haddad (Transports Perrin) », or None when nobody is named.
pub fn offered_by(p: &ProposalInfo) -> Option<String> {
    p.by.as_ref().map(|b| {
        if p.organisation.is_empty() {
            b.clone()
        } else {
            format!("{b} ({})", p.organisation)
        }
    })
}

/// The sensitive details of a full summary: (label, value), empty for a partner one.
pub fn sensitive_rows(c: &CandidateSummary, tr: Tr) -> Vec<(&'static str, String)> {
    let Some(sens) = &c.sensitive else {
        return Vec::new();
    };
    let mut rows = Vec::new();
    if let Some(d) = sens.release_date {
        rows.push((tr.t("export.release_date"), tr.date_numeric(d)));
    }
    if !sens.housing.trim().is_empty() {
        rows.push((tr.t("export.housing"), sens.housing.clone()));
    }
    if !sens.judicial_notes.trim().is_empty() {
        rows.push((tr.t("export.judicial"), sens.judicial_notes.clone()));
    }
    rows
}

/// Each binôme's overall opinion: (binôme, opinion words).
pub fn opinions(c: &CandidateSummary, tr: Tr) -> Vec<(String, &'static str)> {
    c.interviews
        .iter()
        .filter_map(|i| {
            i.opinion
                .as_ref()
                .map(|o| (i.panel.clone(), tr.t(&format!("feedback.opinion_{o}"))))
        })
        .collect()
}

/// What follows an action's text: owner, condition (full only), due date.
pub fn action_details(a: &ActionInfo, tr: Tr) -> Vec<String> {
    let mut parts = Vec::new();
    if let Some(o) = &a.owner {
        parts.push(o.clone());
    }
    if let Some(cond) = a.condition.as_ref().filter(|c| *c != "none") {
        parts.push(tr.t(&format!("action.condition_{cond}")).to_string());
    }
    if let Some(d) = a.due {
        parts.push(tr.tf("export.due", &[("date", &tr.date_numeric(d))]));
    }
    parts
}

/// The file name used when none is given: `synthese-2026-10-15.html`, `-complet` for full.
pub fn default_name(
    tr: Tr,
    date: chrono::NaiveDate,
    format: Format,
    audience: Audience,
) -> std::path::PathBuf {
    stem_name(tr, tr.t("export.file_stem"), date, format, audience)
}

/// « STEM-2026-10-15.html », « -complet » before the extension for the full audience.
pub fn stem_name(
    tr: Tr,
    stem: &str,
    date: chrono::NaiveDate,
    format: Format,
    audience: Audience,
) -> std::path::PathBuf {
    let full = if audience == Audience::Full {
        format!("-{}", tr.t("export.file_full"))
    } else {
        String::new()
    };
    std::path::PathBuf::from(format!(
        "{stem}-{}{full}.{}",
        date.format("%Y-%m-%d"),
        format.extension()
    ))
}

/// Loads a cohort's follow-up and adds it to a full summary (the audience cut keeps only the
/// anonymous outcome counts for partners).
pub fn attach_followup(
    store: &crate::store::Store,
    summary: &mut Summary,
    members: &[crate::core::domain::Member],
    set: &crate::core::outcomes::OutcomeSet,
) -> crate::store::Result<()> {
    let cohort = store.session(summary.session.id)?.cohort_id;
    let (contacts, checks, outcomes) = (
        store.list_contacts(cohort)?,
        store.list_checks(cohort)?,
        store.list_outcomes(cohort)?,
    );
    crate::core::followup::attach(summary, members, (&contacts, &checks, &outcomes), set);
    Ok(())
}

/// A count as the audience may see it: under 3 is « < 3 » for partners (small numbers identify).
pub fn count_text(n: usize, audience: Audience) -> String {
    if audience == Audience::Partner && n < 3 {
        "< 3".into()
    } else {
        n.to_string()
    }
}

/// The anonymous outcome counts as rows: (« à la sortie · Emploi durable », count).
pub fn outcome_count_rows(s: &Summary, tr: Tr) -> Vec<(String, String)> {
    s.outcome_counts
        .iter()
        .map(|c| {
            (
                format!(
                    "{} · {}",
                    tr.t(&format!("followup.milestone_{}", c.milestone)),
                    tr.pick(&c.label_fr, &c.label_en)
                ),
                count_text(c.count, s.audience),
            )
        })
        .collect()
}

/// « Prénom Nom (parrain / marraine) » when the contact was with the mentor.
pub fn mentor_text(k: &crate::core::followup::ContactInfo, tr: Tr) -> Option<String> {
    let name = k.with_mentor.as_ref()?;
    Some(format!("{name} ({})", tr.t("staff_role.mentor")))
}

/// A candidate's follow-up as titled groups of plain lines (full audience only; empty otherwise).
pub fn followup_lines(c: &CandidateSummary, tr: Tr) -> Vec<(&'static str, Vec<String>)> {
    let Some(f) = &c.followup else {
        return Vec::new();
    };
    let colon = colon(tr);
    let contacts = f
        .contacts
        .iter()
        .map(|k| {
            let mut line = format!(
                "{} · {}",
                tr.date_numeric(k.date),
                tr.t(&format!("followup.kind_{}", k.kind))
            );
            if let Some(mentor) = mentor_text(k, tr) {
                line.push_str(" · ");
                line.push_str(&mentor);
            }
            for part in [&k.with_whom, &k.note] {
                if !part.is_empty() {
                    line.push_str(" · ");
                    line.push_str(part);
                }
            }
            if !k.next_step.is_empty() {
                line.push_str(" → ");
                line.push_str(&k.next_step);
                if let Some(d) = k.next_date {
                    line.push_str(&format!(" ({})", tr.date_numeric(d)));
                }
            }
            line
        })
        .collect();
    let checklist = f
        .checklist
        .iter()
        .map(|e| {
            let answer = e
                .answer
                .as_ref()
                .map_or("—", |a| tr.t(&format!("followup.answer_{a}")));
            let mut line = format!(
                "{}{colon}{answer}",
                tr.t(&format!("followup.check_{}", e.item))
            );
            if !e.note.is_empty() {
                line.push_str(" · ");
                line.push_str(&e.note);
            }
            line
        })
        .collect();
    let outcomes = f
        .outcomes
        .iter()
        .map(|o| {
            let mut line = format!(
                "{}{colon}{}",
                tr.t(&format!("followup.milestone_{}", o.milestone)),
                tr.pick(&o.label_fr, &o.label_en)
            );
            if !o.employer.is_empty() {
                line.push_str(" · ");
                line.push_str(&o.employer);
            }
            if let Some(d) = o.start {
                line.push_str(&format!(" · {}", tr.date_numeric(d)));
            }
            if o.before_release {
                line.push_str(&format!(" · {}", tr.t("followup.adjustment")));
            }
            line
        })
        .collect();
    [
        ("followup.log_heading", contacts),
        ("followup.checklist_title", checklist),
        ("followup.outcomes_title", outcomes),
    ]
    .into_iter()
    .filter(|(_, lines): &(&str, Vec<String>)| !lines.is_empty())
    .collect()
}
