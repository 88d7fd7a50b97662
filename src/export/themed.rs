//! The short report of a themed day (issue 22): read from the store, rendered as Markdown or
//! print-ready HTML. The partner audience gets counts only; names reach the full one alone.

use chrono::NaiveDateTime;

use crate::core::agenda::report::{ReportInput, ThemedReport};
use crate::core::attendance::AttendanceStatus;
use crate::core::domain::{Id, Role, Session};
use crate::core::summary::Audience;
use crate::i18n::Tr;
use crate::store::{Result, Store};

/// What the report of a themed day is built from.
pub fn input(store: &Store, session: &Session) -> Result<ReportInput> {
    let members = store.list_members(session.cohort_id)?;
    let name = |id: Id| {
        members
            .iter()
            .find(|m| m.person.id == id)
            .map(|m| m.person.full_name())
            .unwrap_or_default()
    };
    let candidate = |id: Id| {
        members
            .iter()
            .any(|m| m.person.id == id && m.role == Role::Candidate)
    };
    let participants = store
        .list_attendance(session.id)?
        .iter()
        .filter(|a| a.status.came() && a.status != AttendanceStatus::Expected)
        .filter(|a| candidate(a.person_id))
        .count();
    let sectors = store.session_sectors(session.id)?;
    let marks: Vec<_> = store
        .interests(session.id)?
        .into_iter()
        .map(|m| (name(m.person_id), m.sector, m.interest, m.note))
        .collect();
    let cohorts = store.list_cohorts()?;
    let offers = store.cohort_offers()?;
    let mut all = sectors.clone();
    all.extend(marks.iter().map(|m| m.1));
    let next_cohorts = all
        .iter()
        .filter_map(|s| {
            crate::core::agenda::next_cohort(&cohorts, &offers, *s, session.date)
                .map(|c| (*s, c.name.clone()))
        })
        .collect();
    Ok(ReportInput {
        title: session.title.clone(),
        date: session.date,
        participants,
        items: store.agenda_items(session.id)?.len(),
        sectors,
        next_cohorts,
        marks,
    })
}

fn sector(tr: Tr, s: crate::core::domain::Sector) -> &'static str {
    tr.t(&format!("sector.{}", s.code()))
}

/// The next steps, one line per sector with interest.
fn next_steps(r: &ThemedReport, tr: Tr) -> Vec<String> {
    r.sectors
        .iter()
        .filter(|l| l.interested.n + l.information.n + l.apply.n > 0)
        .map(|l| {
            let name = sector(tr, l.sector);
            match &l.next_cohort {
                Some(c) => tr.tf(
                    "themed_report.step_cohort",
                    &[
                        ("sector", &name),
                        ("apply", &l.apply.text()),
                        ("cohort", c),
                        ("information", &l.information.text()),
                    ],
                ),
                None => tr.tf(
                    "themed_report.step_no_cohort",
                    &[
                        ("sector", &name),
                        ("n", &(l.interested.n + l.information.n + l.apply.n)),
                    ],
                ),
            }
        })
        .collect()
}

/// The head lines: title, audience, participants, sectors.
fn head(r: &ThemedReport, tr: Tr) -> (String, String, Vec<String>) {
    let title = tr.tf(
        "themed_report.title",
        &[
            (
                "title",
                &if r.title.is_empty() {
                    tr.t("kind.themed_day").to_string()
                } else {
                    r.title.clone()
                },
            ),
            ("date", &tr.date_numeric(r.date)),
        ],
    );
    let audience = tr
        .t(if r.audience == Audience::Full {
            "themed_report.audience_full"
        } else {
            "themed_report.audience_partner"
        })
        .to_string();
    let sectors: Vec<&str> = r.sectors.iter().map(|l| sector(tr, l.sector)).collect();
    let facts = vec![
        tr.tf(
            "themed_report.participants",
            &[("n", &r.participants.text())],
        ),
        tr.tf("themed_report.items", &[("n", &r.items)]),
        tr.tf("interest.sectors_line", &[("list", &sectors.join(", "))]),
    ];
    (title, audience, facts)
}

/// The table of interest by sector: header and rows.
fn sector_table(r: &ThemedReport, tr: Tr) -> (Vec<String>, Vec<Vec<String>>) {
    let header = [
        "themed_report.col_sector",
        "agenda.interest_interested",
        "agenda.interest_information",
        "agenda.interest_apply",
        "themed_report.col_next_cohort",
    ]
    .iter()
    .map(|k| tr.t(k).to_string())
    .collect();
    let rows = r
        .sectors
        .iter()
        .map(|l| {
            vec![
                sector(tr, l.sector).to_string(),
                l.interested.text(),
                l.information.text(),
                l.apply.text(),
                l.next_cohort
                    .clone()
                    .unwrap_or_else(|| tr.t("themed_report.no_cohort").to_string()),
            ]
        })
        .collect();
    (header, rows)
}

/// The names table (full audience): header and rows.
fn people_table(r: &ThemedReport, tr: Tr) -> (Vec<String>, Vec<Vec<String>>) {
    let header = [
        "themed_report.col_name",
        "themed_report.col_sector",
        "themed_report.col_interest",
        "interest.note",
    ]
    .iter()
    .map(|k| tr.t(k).to_string())
    .collect();
    let rows = r
        .people
        .iter()
        .map(|p| {
            vec![
                p.name.clone(),
                sector(tr, p.sector).to_string(),
                tr.t(p.interest.label()).to_string(),
                p.note.clone(),
            ]
        })
        .collect();
    (header, rows)
}

/// The report as Markdown.
pub fn markdown(r: &ThemedReport, tr: Tr, generated: NaiveDateTime) -> String {
    use super::md::esc;
    let (title, audience, facts) = head(r, tr);
    let mut out = format!("# {}\n\n*{}*\n\n", esc(&title), esc(&audience));
    for f in facts {
        out.push_str(&format!("- {}\n", esc(&f)));
    }
    let table = |out: &mut String, (header, rows): (Vec<String>, Vec<Vec<String>>)| {
        let cells = |r: &[String]| r.iter().map(|c| esc(c)).collect::<Vec<_>>().join(" | ");
        out.push_str(&format!("\n| {} |\n|", cells(&header)));
        out.push_str(&"---|".repeat(header.len()));
        out.push('\n');
        for row in rows {
            out.push_str(&format!("| {} |\n", cells(&row)));
        }
    };
    out.push_str(&format!("\n## {}\n", esc(tr.t("themed_report.by_sector"))));
    table(&mut out, sector_table(r, tr));
    out.push_str(&format!(
        "\n## {}\n\n",
        esc(tr.t("themed_report.next_steps"))
    ));
    let steps = next_steps(r, tr);
    if steps.is_empty() {
        out.push_str(&format!("- {}\n", esc(tr.t("themed_report.no_interest"))));
    }
    for s in steps {
        out.push_str(&format!("- {}\n", esc(&s)));
    }
    if r.audience == Audience::Full {
        out.push_str(&format!("\n## {}\n", esc(tr.t("themed_report.people"))));
        table(&mut out, people_table(r, tr));
    }
    out.push_str(&format!(
        "\n{}\n",
        esc(&super::generated_line(tr, generated))
    ));
    out
}

/// The report as one self-contained HTML page.
pub fn html(r: &ThemedReport, tr: Tr, generated: NaiveDateTime) -> String {
    use super::html::esc;
    let (title, audience, facts) = head(r, tr);
    let lang = if tr.lang == crate::i18n::Lang::En {
        "en"
    } else {
        "fr"
    };
    let mut out = format!(
        "<!DOCTYPE html>\n<html lang=\"{lang}\">\n<head>\n<meta charset=\"utf-8\">\n<title>{}</title>\n<style>{}</style>\n</head>\n<body>\n",
        esc(&title),
        super::html::STYLE
    );
    out.push_str(&format!(
        "<h1>{}</h1>\n<p><em>{}</em></p>\n<ul>\n",
        esc(&title),
        esc(&audience)
    ));
    for f in facts {
        out.push_str(&format!("<li>{}</li>\n", esc(&f)));
    }
    out.push_str("</ul>\n");
    let table = |out: &mut String, (header, rows): (Vec<String>, Vec<Vec<String>>)| {
        out.push_str("<table><tr>");
        for h in header {
            out.push_str(&format!("<th>{}</th>", esc(&h)));
        }
        out.push_str("</tr>\n");
        for row in rows {
            out.push_str("<tr>");
            for c in row {
                out.push_str(&format!("<td>{}</td>", esc(&c)));
            }
            out.push_str("</tr>\n");
        }
        out.push_str("</table>\n");
    };
    out.push_str(&format!(
        "<h2>{}</h2>\n",
        esc(tr.t("themed_report.by_sector"))
    ));
    table(&mut out, sector_table(r, tr));
    out.push_str(&format!(
        "<h2>{}</h2>\n<ul>\n",
        esc(tr.t("themed_report.next_steps"))
    ));
    let steps = next_steps(r, tr);
    if steps.is_empty() {
        out.push_str(&format!(
            "<li>{}</li>\n",
            esc(tr.t("themed_report.no_interest"))
        ));
    }
    for s in steps {
        out.push_str(&format!("<li>{}</li>\n", esc(&s)));
    }
    out.push_str("</ul>\n");
    if r.audience == Audience::Full {
        out.push_str(&format!("<h2>{}</h2>\n", esc(tr.t("themed_report.people"))));
        table(&mut out, people_table(r, tr));
    }
    out.push_str(&format!(
        "<p>{}</p>\n</body></html>\n",
        esc(&super::generated_line(tr, generated))
    ));
    out
}

/// « bilan-journee-thematique-2026-08-27.md » (« -complet » for the full audience).
pub fn default_name(
    tr: Tr,
    date: chrono::NaiveDate,
    format: super::Format,
    audience: Audience,
) -> std::path::PathBuf {
    super::stem_name(tr, tr.t("themed_report.file_stem"), date, format, audience)
}
