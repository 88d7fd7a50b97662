//! The programme report (issue 21) in four formats. The report becomes a list of titled tables
//! once ([`tables`]); Markdown, CSV and HTML lay those out, JSON serialises the report itself.
//! Every function is pure: the report is already cut for its audience.

use std::fmt::Write;

use chrono::NaiveDateTime;
use serde::Serialize;

use super::{Format, Part, generated_line, mean_text};
use crate::core::outcomes::{OutcomeCategory, OutcomeSet};
use crate::core::report::{Count, Figures, Report, Tally};
use crate::core::summary::Audience;
use crate::i18n::{Lang, Tr};

/// A titled table of the report.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Table {
    /// Stable id (HTML anchors, which chart goes with it).
    pub id: &'static str,
    /// Title.
    pub title: String,
    /// Column headings (empty for a section that only says something).
    pub head: Vec<String>,
    /// Rows of cells.
    pub rows: Vec<Vec<String>>,
    /// A sentence under the title (a section waiting for its data says so here).
    pub note: Option<String>,
}

fn table(id: &'static str, title: String, head: Vec<String>, rows: Vec<Vec<String>>) -> Table {
    Table {
        id,
        title,
        head,
        rows,
        note: None,
    }
}

/// Outcomes: a row per category of the set the report was made with (the shipped one for a
/// file that names none), a column per milestone, then the « sorties positives » and the unknown.
fn outcomes_table(r: &Report, tr: Tr) -> Table {
    let shipped;
    let categories: Vec<&OutcomeCategory> = if r.outcome_categories.is_empty() {
        shipped = OutcomeSet::shipped();
        shipped.categories().map(|(_, c)| c).collect()
    } else {
        r.outcome_categories.iter().collect()
    };
    let mut head = vec![String::new()];
    head.extend(
        r.outcomes
            .iter()
            .map(|m| label(tr, "followup.milestone_", &m.milestone)),
    );
    let mut rows: Vec<Vec<String>> = categories
        .iter()
        .map(|c| {
            let mut row = vec![tr.pick(&c.label_fr, &c.label_en).to_string()];
            row.extend(r.outcomes.iter().map(|m| {
                m.by_category
                    .iter()
                    .find(|t| t.key == c.key)
                    .map_or_else(String::new, |t| t.count.text())
            }));
            row
        })
        .collect();
    for (key, pick) in [
        ("report.outcome_positive", 0),
        ("report.outcome_unknown", 1),
    ] {
        let mut row = vec![t(tr, key)];
        row.extend(
            r.outcomes
                .iter()
                .map(|m| if pick == 0 { m.positive } else { m.unknown }.text()),
        );
        rows.push(row);
    }
    table("outcomes", t(tr, "report.outcomes"), head, rows)
}

fn t(tr: Tr, key: &str) -> String {
    tr.t(key).to_string()
}

/// The label of a code from a catalog family (`proposal.kind_`, …), the code itself if unknown.
fn label(tr: Tr, prefix: &str, code: &str) -> String {
    let text = tr.t(&format!("{prefix}{code}"));
    if text == "⟨?⟩" {
        code.to_string()
    } else {
        text.to_string()
    }
}

fn tally_rows(tallies: &[Tally], tr: Tr, prefix: &str) -> Vec<Vec<String>> {
    tallies
        .iter()
        .map(|t| vec![label(tr, prefix, &t.key), t.count.text()])
        .collect()
}

fn figures_head(tr: Tr) -> Vec<String> {
    [
        "report.candidates",
        "report.professionals",
        "report.interviews",
        "report.proposals",
        "report.realised",
        "report.actions_open",
    ]
    .iter()
    .map(|k| t(tr, k))
    .collect()
}

fn figures_cells(f: &Figures) -> Vec<String> {
    [
        f.candidates,
        f.professionals,
        f.interviews,
        f.proposals,
        f.realised,
        f.actions_open,
    ]
    .iter()
    .map(|c| c.text())
    .collect()
}

/// The report's title line.
pub fn title(r: &Report, tr: Tr) -> String {
    match &r.scope {
        crate::core::report::Scope::Cohort { .. } => {
            tr.tf("report.title_cohort", &[("name", &r.title)])
        }
        crate::core::report::Scope::Year { .. } => {
            tr.tf("report.title_year", &[("year", &r.title)])
        }
    }
}

/// The line that says who the document is for.
pub fn audience_line(r: &Report, tr: Tr) -> &'static str {
    match r.audience {
        Audience::Full => tr.t("report.audience_full"),
        Audience::Partner => tr.t("report.audience_partner"),
    }
}

/// The report as titled tables, in reading order.
pub fn tables(r: &Report, tr: Tr) -> Vec<Table> {
    let count = t(tr, "report.col_count");
    let mut out = Vec::new();
    let tt = &r.totals;
    let mut totals = vec![
        vec![t(tr, "report.cohorts"), tt.cohorts.text()],
        vec![t(tr, "report.companies"), tt.companies.text()],
    ];
    for (h, c) in figures_head(tr).into_iter().zip(figures_cells(&tt.figures)) {
        totals.push(vec![h, c]);
    }
    out.push(table(
        "totals",
        t(tr, "report.totals"),
        vec![String::new(), count.clone()],
        totals,
    ));
    let fu = &r.funnel;
    let mut funnel = tally_rows(&fu.stages, tr, "path.stage.");
    funnel.push(vec![
        label(tr, "path.status.", "not_selected"),
        fu.not_selected.text(),
    ]);
    funnel.push(vec![t(tr, "path.withdrawals"), fu.withdrawn.text()]);
    funnel.push(vec![
        t(tr, "report.before_start"),
        fu.withdrew_before_start.text(),
    ]);
    out.push(table(
        "funnel",
        t(tr, "report.funnel"),
        vec![String::new(), count.clone()],
        funnel,
    ));
    out.push(table(
        "withdrawals",
        t(tr, "report.withdrawals"),
        vec![String::new(), count.clone()],
        tally_rows(&fu.reasons, tr, "path.withdrawal."),
    ));
    out.push(table(
        "attendance",
        t(tr, "report.attendance"),
        vec![
            t(tr, "report.col_kind"),
            t(tr, "report.col_sessions"),
            t(tr, "report.col_expected"),
            t(tr, "report.col_present"),
        ],
        r.attendance
            .iter()
            .map(|a| {
                vec![
                    label(tr, "kind.", &a.kind),
                    a.sessions.text(),
                    a.expected.text(),
                    a.present.text(),
                ]
            })
            .collect(),
    ));
    let j = &r.job_training;
    out.push(table(
        "job_training",
        t(tr, "report.job_training"),
        vec![String::new(), count.clone()],
        vec![
            vec![t(tr, "report.interviews"), j.interviews.text()],
            vec![t(tr, "report.feedback_complete"), j.complete.text()],
            vec![t(tr, "report.feedback_partial"), j.partial.text()],
            vec![t(tr, "report.feedback_empty"), j.empty.text()],
        ],
    ));
    out.push(table(
        "criteria",
        t(tr, "report.criteria"),
        vec![
            t(tr, "report.col_criterion"),
            t(tr, "report.col_mean"),
            t(tr, "report.col_range"),
            t(tr, "report.col_spread"),
            t(tr, "report.col_ratings"),
        ],
        j.criteria
            .iter()
            .map(|c| {
                vec![
                    tr.pick(&c.label_fr, &c.label_en).to_string(),
                    mean_text(c.mean, tr),
                    match (c.min, c.max) {
                        (Some(a), Some(b)) => format!("{a}–{b}"),
                        _ => "—".into(),
                    },
                    mean_text(c.spread, tr),
                    c.ratings.text(),
                ]
            })
            .collect(),
    ));
    out.push(table(
        "proposals_by_kind",
        t(tr, "report.by_kind"),
        vec![t(tr, "report.col_kind"), count.clone()],
        tally_rows(&r.proposals_by_kind, tr, "proposal.kind_"),
    ));
    out.push(Table {
        note: Some(t(tr, "report.by_status_note")),
        ..table(
            "proposals_by_status",
            t(tr, "report.by_status"),
            vec![t(tr, "report.col_status"), count.clone()],
            tally_rows(&r.proposals_by_status, tr, "proposal.status_"),
        )
    });
    let mut head = vec![t(tr, "report.col_owner")];
    head.extend(
        crate::core::actions::ACTION_STATUSES
            .iter()
            .map(|s| label(tr, "action.status_", s)),
    );
    head.push(t(tr, "report.col_overdue"));
    out.push(table(
        "actions",
        t(tr, "report.actions"),
        head,
        r.actions
            .iter()
            .map(|o| {
                let who = if !o.owner.is_empty() {
                    o.owner.clone()
                } else if o.role.is_empty() {
                    t(tr, "report.owner_none")
                } else {
                    label(tr, "report.owner_", &o.role)
                };
                let mut row = vec![who];
                row.extend(o.by_status.iter().map(|s| s.count.text()));
                row.push(o.overdue.text());
                row
            })
            .collect(),
    ));
    if r.audience == Audience::Full {
        out.push(table(
            "overdue",
            t(tr, "report.overdue"),
            vec![
                t(tr, "report.col_candidate"),
                t(tr, "report.col_what"),
                t(tr, "report.col_owner"),
                t(tr, "report.col_due"),
            ],
            r.overdue
                .iter()
                .map(|o| {
                    vec![
                        o.candidate.clone(),
                        o.what.clone(),
                        o.owner.clone(),
                        tr.date_numeric(o.due),
                    ]
                })
                .collect(),
        ));
    }
    out.push(outcomes_table(r, tr));
    out.push(table(
        "zones",
        t(tr, "report.zones"),
        vec![t(tr, "report.col_zone"), count.clone()],
        r.zones
            .iter()
            .map(|z| {
                let name = if z.key.is_empty() {
                    t(tr, "report.zone_unknown")
                } else {
                    z.key.clone()
                };
                vec![name, z.count.text()]
            })
            .collect(),
    ));
    out.push(table(
        "sectors",
        t(tr, "report.sectors"),
        vec![t(tr, "report.col_sector"), count],
        tally_rows(&r.sectors, tr, "sector."),
    ));
    if !r.named_professionals.is_empty() {
        out.push(table(
            "named",
            t(tr, "report.named"),
            vec![t(tr, "report.col_first_name")],
            r.named_professionals
                .iter()
                .map(|n| vec![n.clone()])
                .collect(),
        ));
    }
    if matches!(r.scope, crate::core::report::Scope::Year { .. }) {
        let mut head = vec![
            t(tr, "report.col_cohort"),
            t(tr, "report.col_establishment"),
        ];
        head.extend(figures_head(tr));
        out.push(table(
            "per_cohort",
            t(tr, "report.per_cohort"),
            head,
            r.cohorts
                .iter()
                .map(|c| {
                    let mut row = vec![c.name.clone(), c.establishment.clone()];
                    row.extend(figures_cells(&c.figures));
                    row
                })
                .collect(),
        ));
        let mut head = vec![t(tr, "report.col_establishment"), t(tr, "report.cohorts")];
        head.extend(figures_head(tr));
        let mut rows: Vec<Vec<String>> = r
            .establishments
            .iter()
            .map(|e| {
                let mut row = vec![e.establishment.clone(), e.cohorts.text()];
                row.extend(figures_cells(&e.figures));
                row
            })
            .collect();
        let mut total = vec![t(tr, "report.total"), r.totals.cohorts.text()];
        total.extend(figures_cells(&r.totals.figures));
        rows.push(total);
        out.push(table(
            "per_establishment",
            t(tr, "report.per_establishment"),
            head,
            rows,
        ));
    }
    out
}

/// « Situation au 15/10/2026 · 2 fichiers ».
fn dated_line(r: &Report, tr: Tr) -> String {
    let mut s = tr.tf("report.dated", &[("date", &tr.date_numeric(r.dated))]);
    if r.files > 1 {
        s.push_str(" · ");
        s.push_str(&tr.tf("report.files", &[("n", &r.files)]));
    }
    s
}

/// Markdown, escaped like the summary's.
pub fn markdown(r: &Report, tr: Tr, generated: NaiveDateTime) -> String {
    let esc = super::md::esc;
    let mut out = String::new();
    let _ = writeln!(out, "# {}\n", esc(&title(r, tr)));
    let _ = writeln!(out, "*{}*\n", esc(audience_line(r, tr)));
    let _ = writeln!(out, "{}\n", esc(&dated_line(r, tr)));
    for tb in tables(r, tr) {
        let _ = writeln!(out, "## {}\n", esc(&tb.title));
        if let Some(n) = &tb.note {
            let _ = writeln!(out, "{}\n", esc(n));
        }
        if tb.head.is_empty() {
            continue;
        }
        let cells = |row: &[String]| {
            let inner: Vec<String> = row.iter().map(|c| esc(c)).collect();
            format!("| {} |", inner.join(" | "))
        };
        let _ = writeln!(out, "{}", cells(&tb.head));
        let _ = writeln!(out, "|{}", "---|".repeat(tb.head.len()));
        for row in &tb.rows {
            let _ = writeln!(out, "{}", cells(row));
        }
        out.push('\n');
    }
    let _ = writeln!(out, "---\n{}", esc(&generated_line(tr, generated)));
    out
}

/// CSV for French Excel: one file, each table under its title, a blank line between them.
pub fn csv(r: &Report, tr: Tr) -> Vec<u8> {
    let mut rows: Vec<Vec<String>> = vec![
        vec![title(r, tr)],
        vec![audience_line(r, tr).to_string()],
        vec![dated_line(r, tr)],
    ];
    for tb in tables(r, tr) {
        rows.push(vec![tb.title.clone()]);
        if let Some(n) = &tb.note {
            rows.push(vec![n.clone()]);
        }
        if !tb.head.is_empty() {
            rows.push(tb.head.clone());
        }
        rows.extend(tb.rows.iter().cloned());
    }
    super::csv::write_rows(rows)
}

#[derive(Serialize)]
struct Document<'a> {
    generator: &'static str,
    generated_at: String,
    lang: &'static str,
    #[serde(flatten)]
    report: &'a Report,
}

/// JSON: the report itself, with `schema_version` (README « Report JSON »).
pub fn json(r: &Report, tr: Tr, generated: NaiveDateTime) -> String {
    let doc = Document {
        generator: concat!("passerelle ", env!("CARGO_PKG_VERSION")),
        generated_at: generated.format("%Y-%m-%dT%H:%M:%S").to_string(),
        lang: if tr.lang == Lang::En { "en" } else { "fr" },
        report: r,
    };
    let mut text = super::json::to_clean_json(&doc);
    text.push('\n');
    text
}

/// A horizontal bar chart as inline SVG (attendance, proposals by status; the funnel and the
/// outcomes use it once their data comes). Hidden counts (« < 3 ») are drawn as a hatched stub.
pub fn bar_chart(title: &str, bars: &[(String, Count)]) -> String {
    let esc = super::html::esc;
    let max = bars.iter().map(|(_, c)| c.n).max().unwrap_or(0).max(1);
    let (label_w, bar_w, row_h) = (150usize, 330usize, 16usize);
    let h = row_h * bars.len() + 4;
    let w = label_w + bar_w + 50;
    let mut s = format!(
        "<svg class=\"chart\" width=\"{w}\" height=\"{h}\" viewBox=\"0 0 {w} {h}\" role=\"img\"><title>{}</title>",
        esc(title)
    );
    for (i, (name, c)) in bars.iter().enumerate() {
        let y = i * row_h + 2;
        let len = if c.hidden {
            bar_w / 40
        } else {
            c.n * bar_w / max
        };
        let _ = write!(
            s,
            "<text x=\"{}\" y=\"{}\" text-anchor=\"end\" font-size=\"9\">{}</text><rect x=\"{label_w}\" y=\"{y}\" width=\"{len}\" height=\"{}\" fill=\"{}\"/><text x=\"{}\" y=\"{}\" font-size=\"9\">{}</text>",
            label_w - 4,
            y + 11,
            esc(name),
            row_h - 4,
            if c.hidden { "#bbb" } else { "#3b6ea5" },
            label_w + len + 4,
            y + 11,
            esc(&c.text())
        );
    }
    s.push_str("</svg>");
    s
}

const STYLE: &str = "
@page { size: A4; margin: 12mm 14mm; }
* { box-sizing: border-box; }
body { font-family: 'DejaVu Sans', Arial, Helvetica, sans-serif; font-size: 9.5pt; color: #1b1b1b; margin: 0; }
h1 { font-size: 18pt; margin: 0 0 4pt; }
h2 { font-size: 11pt; margin: 10pt 0 3pt; border-bottom: 1px solid #bbb; break-after: avoid; }
p { margin: 2pt 0; }
.sub { color: #444; }
.mark { font-size: 8pt; padding: 2pt 5pt; margin: 0 0 6pt; border: 1px solid #999; color: #444; }
.mark.full { border: 2px solid #a40000; color: #a40000; font-weight: bold; }
.part { break-inside: avoid; }
.wait { color: #777; font-style: italic; }
table { border-collapse: collapse; width: 100%; }
th, td { text-align: left; padding: 2pt 4pt; border-bottom: 1px solid #ddd; vertical-align: top; }
th { font-size: 8pt; color: #333; }
.chart { display: block; margin: 4pt 0; }
.foot { margin-top: 10pt; font-size: 7.5pt; color: #666; }
";

/// Print-ready A4 HTML, self-contained (inline CSS and SVG, no script, nothing fetched).
pub fn html(r: &Report, tr: Tr, generated: NaiveDateTime) -> String {
    let esc = super::html::esc;
    let lang = if tr.lang == Lang::En { "en" } else { "fr" };
    let mut out = String::with_capacity(32 * 1024);
    let _ = write!(
        out,
        "<!DOCTYPE html>\n<html lang=\"{lang}\">\n<head>\n<meta charset=\"utf-8\">\n<title>{}</title>\n<style>{STYLE}</style>\n</head>\n<body>\n<h1>{}</h1>\n",
        esc(&title(r, tr)),
        esc(&title(r, tr))
    );
    let class = if r.audience == Audience::Full {
        "mark full"
    } else {
        "mark"
    };
    let _ = writeln!(
        out,
        "<p class=\"{class}\">{}</p>\n<p class=\"sub\">{}</p>",
        esc(audience_line(r, tr)),
        esc(&dated_line(r, tr))
    );
    for tb in tables(r, tr) {
        let _ = write!(
            out,
            "<div class=\"part\" id=\"{}\">\n<h2>{}</h2>\n",
            tb.id,
            esc(&tb.title)
        );
        if let Some(n) = &tb.note {
            let class = if tb.head.is_empty() { "wait" } else { "sub" };
            let _ = writeln!(out, "<p class=\"{class}\">{}</p>", esc(n));
        }
        match tb.id {
            "attendance" => {
                let bars: Vec<(String, Count)> = r
                    .attendance
                    .iter()
                    .map(|a| (label(tr, "kind.", &a.kind), a.present))
                    .collect();
                out.push_str(&bar_chart(&tb.title, &bars));
            }
            "funnel" => {
                let bars: Vec<(String, Count)> = r
                    .funnel
                    .stages
                    .iter()
                    .map(|t| (label(tr, "path.stage.", &t.key), t.count))
                    .collect();
                out.push_str(&bar_chart(&tb.title, &bars));
            }
            "outcomes" => {
                let bars: Vec<(String, Count)> = r
                    .outcomes
                    .iter()
                    .map(|m| (label(tr, "followup.milestone_", &m.milestone), m.positive))
                    .collect();
                out.push_str(&bar_chart(&tb.title, &bars));
            }
            "proposals_by_status" => {
                let bars: Vec<(String, Count)> = r
                    .proposals_by_status
                    .iter()
                    .map(|t| (label(tr, "proposal.status_", &t.key), t.count))
                    .collect();
                out.push_str(&bar_chart(&tb.title, &bars));
            }
            _ => {}
        }
        if !tb.head.is_empty() {
            out.push_str("<table>\n<tr>");
            for h in &tb.head {
                let _ = write!(out, "<th>{}</th>", esc(h));
            }
            out.push_str("</tr>\n");
            for row in &tb.rows {
                out.push_str("<tr>");
                for c in row {
                    let _ = write!(out, "<td>{}</td>", esc(c));
                }
                out.push_str("</tr>\n");
            }
            out.push_str("</table>\n");
        }
        out.push_str("</div>\n");
    }
    let _ = writeln!(
        out,
        "<p class=\"foot\">{}</p>\n</body>\n</html>",
        esc(&generated_line(tr, generated))
    );
    out
}

/// Renders the report in a format (one file each).
pub fn render(r: &Report, format: Format, tr: Tr, generated: NaiveDateTime) -> Vec<Part> {
    let bytes = match format {
        Format::Markdown => markdown(r, tr, generated).into_bytes(),
        Format::Html => html(r, tr, generated).into_bytes(),
        Format::Json => json(r, tr, generated).into_bytes(),
        Format::Csv => csv(r, tr),
    };
    vec![Part {
        suffix: String::new(),
        bytes,
    }]
}

/// The file name when none is given: `bilan-2026.html`, `bilan-promo-…-complet.csv`.
pub fn default_name(r: &Report, tr: Tr, format: Format) -> std::path::PathBuf {
    let full = if r.audience == Audience::Full {
        format!("-{}", tr.t("export.file_full"))
    } else {
        String::new()
    };
    let what: String = r
        .title
        .chars()
        .map(|c| if c.is_alphanumeric() { c } else { '-' })
        .collect();
    std::path::PathBuf::from(format!(
        "{}-{what}{full}.{}",
        tr.t("report.file_stem"),
        format.extension()
    ))
}
