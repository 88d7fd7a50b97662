//! HTML: one self-contained file (inline CSS, bars as inline SVG, no script, nothing fetched) laid
//! out for A4 — a cover page for the session, then one page per candidate.

use std::fmt::Write;

use chrono::NaiveDateTime;

use super::{
    audience_line, criterion_label, generated_line, mean_text, project_line, session_line,
};
use crate::core::feedback::rating_key;
use crate::core::summary::{Audience, CandidateSummary, Quote, Summary};
use crate::i18n::{Lang, Tr};

pub(crate) const STYLE: &str = "
@page { size: A4; margin: 12mm 14mm; }
* { box-sizing: border-box; }
body { font-family: 'DejaVu Sans', Arial, Helvetica, sans-serif; font-size: 9.5pt; color: #1b1b1b; margin: 0; }
section { break-after: page; page-break-after: always; }
section:last-of-type { break-after: auto; page-break-after: auto; }
h1 { font-size: 20pt; margin: 0 0 4pt; }
h2 { font-size: 15pt; margin: 0 0 2pt; }
h3 { font-size: 10.5pt; margin: 9pt 0 3pt; border-bottom: 1px solid #bbb; }
p { margin: 2pt 0; }
.sub { color: #444; }
.mark { font-size: 8pt; padding: 2pt 5pt; margin: 0 0 6pt; border: 1px solid #999; color: #444; }
.mark.full { border: 2px solid #a40000; color: #a40000; font-weight: bold; }
table { border-collapse: collapse; width: 100%; }
th, td { text-align: left; padding: 2pt 4pt; border-bottom: 1px solid #ddd; vertical-align: top; }
th { font-size: 8pt; color: #333; }
td.num { white-space: nowrap; }
.warn { color: #a45a00; font-weight: bold; }
ul { margin: 2pt 0; padding-left: 14pt; }
li { margin: 1pt 0; }
.by { color: #555; }
.status { color: #555; font-style: italic; }
.kpi td:first-child { width: 60%; }
.foot { margin-top: 10pt; font-size: 7.5pt; color: #666; }
.sensitive { border: 1px solid #a40000; padding: 3pt 6pt; margin-top: 6pt; }
";

/// Text escaped for HTML content and attributes.
pub(crate) fn esc(text: &str) -> String {
    // Control and format characters first: an ESC or a bidi override is not text.
    let text = crate::core::text::sanitize(text, crate::core::text::Lines::Multi);
    let mut out = String::with_capacity(text.len());
    for ch in text.chars() {
        match ch {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            '\n' => out.push_str("<br>"),
            c => out.push(c),
        }
    }
    out
}

/// Colour of a rating: red to green, readable in grey print too (lighter = lower).
fn colour(rating: u8) -> &'static str {
    match rating {
        1 => "#c0392b",
        2 => "#e67e22",
        3 => "#7fb24a",
        _ => "#2e7d32",
    }
}

/// A horizontal bar of a 1–4 rating as inline SVG; a hollow box when unrated.
fn bar(rating: Option<u8>, title: &str) -> String {
    let (w, h) = (48, 9);
    match rating {
        Some(r) => format!(
            "<svg width=\"{w}\" height=\"{h}\" viewBox=\"0 0 {w} {h}\" role=\"img\"><title>{}</title><rect width=\"{w}\" height=\"{h}\" fill=\"#eee\"/><rect width=\"{}\" height=\"{h}\" fill=\"{}\"/></svg> {r}",
            esc(title),
            u32::from(r) * w / 4,
            colour(r)
        ),
        None => format!(
            "<svg width=\"{w}\" height=\"{h}\" viewBox=\"0 0 {w} {h}\" role=\"img\"><title>{}</title><rect x=\"0.5\" y=\"0.5\" width=\"{}\" height=\"{}\" fill=\"none\" stroke=\"#aaa\" stroke-dasharray=\"2 2\"/></svg> ·",
            esc(title),
            w - 1,
            h - 1
        ),
    }
}

fn mark(s: &Summary, tr: Tr) -> String {
    let class = if s.audience == Audience::Full {
        "mark full"
    } else {
        "mark"
    };
    format!("<p class=\"{class}\">{}</p>\n", esc(audience_line(s, tr)))
}

/// Renders the summary.
pub fn render(s: &Summary, tr: Tr, generated: NaiveDateTime) -> String {
    let lang = if tr.lang == Lang::En { "en" } else { "fr" };
    let mut out = String::with_capacity(16 * 1024 * (s.candidates.len() + 1));
    let _ = write!(
        out,
        "<!DOCTYPE html>\n<html lang=\"{lang}\">\n<head>\n<meta charset=\"utf-8\">\n<title>{} — {}</title>\n<style>{STYLE}</style>\n</head>\n<body>\n",
        esc(tr.t("export.title")),
        esc(&s.cohort.name)
    );
    cover(&mut out, s, tr, generated);
    for c in &s.candidates {
        candidate(&mut out, s, c, tr, generated, "section");
    }
    out.push_str("</body>\n</html>\n");
    out
}

fn cover(out: &mut String, s: &Summary, tr: Tr, generated: NaiveDateTime) {
    out.push_str("<section class=\"cover\">\n");
    out.push_str(&mark(s, tr));
    let _ = writeln!(out, "<h1>{}</h1>", esc(tr.t("export.title")));
    let _ = writeln!(out, "<h2>{}</h2>", esc(&s.cohort.name));
    let _ = writeln!(out, "<p class=\"sub\">{}</p>", esc(&session_line(s, tr)));
    if !s.cohort.establishment.is_empty() {
        let _ = writeln!(out, "<p class=\"sub\">{}</p>", esc(&s.cohort.establishment));
    }
    if !s.cohort.partners.is_empty() {
        let _ = writeln!(out, "<p class=\"sub\">{}</p>", esc(&s.cohort.partners));
    }
    let _ = writeln!(
        out,
        "<h3>{}</h3>\n<table class=\"kpi\">",
        esc(tr.t("export.day"))
    );
    let rows = super::count_rows(s, tr);
    for (label, value) in rows {
        let _ = writeln!(
            out,
            "<tr><td>{}</td><td class=\"num\">{}</td></tr>",
            esc(label),
            esc(&value)
        );
    }
    out.push_str("</table>\n");
    if !s.proposals_by_kind.is_empty() {
        let _ = writeln!(
            out,
            "<h3>{}</h3>\n<table class=\"kpi\">",
            esc(tr.t("export.by_kind"))
        );
        for k in &s.proposals_by_kind {
            let _ = writeln!(
                out,
                "<tr><td>{}</td><td class=\"num\">{}</td></tr>",
                esc(tr.t(&format!("proposal.kind_{}", k.kind))),
                k.count
            );
        }
        out.push_str("</table>\n");
    }
    if s.criteria.iter().any(|c| c.ratings > 0) {
        let _ = writeln!(
            out,
            "<h3>{}</h3>\n<table class=\"kpi\"><tr><th>{}</th><th>{}</th></tr>",
            esc(tr.t("export.criteria_means")),
            esc(tr.t("export.criterion")),
            esc(tr.t("export.mean"))
        );
        for cr in &s.criteria {
            let rounded = cr.mean.map(|m| m.round().clamp(1.0, 4.0) as u8);
            let bar = match (cr.mean, rounded) {
                (Some(m), Some(r)) => format!(
                    "<svg width=\"96\" height=\"9\" viewBox=\"0 0 96 9\"><rect width=\"96\" height=\"9\" fill=\"#eee\"/><rect width=\"{:.0}\" height=\"9\" fill=\"{}\"/></svg> ",
                    m * 24.0,
                    colour(r)
                ),
                _ => String::new(),
            };
            let _ = writeln!(
                out,
                "<tr><td>{}</td><td class=\"num\">{bar}{}</td></tr>",
                esc(criterion_label(&cr.criterion, tr)),
                esc(&mean_text(cr.mean, tr))
            );
        }
        out.push_str("</table>\n");
    }
    let outcomes = super::outcome_count_rows(s, tr);
    if !outcomes.is_empty() {
        let _ = writeln!(
            out,
            "<h3>{}</h3>\n<table class=\"kpi\">",
            esc(tr.t("followup.outcomes_counts"))
        );
        for (label, value) in outcomes {
            let _ = writeln!(
                out,
                "<tr><td>{}</td><td class=\"num\">{}</td></tr>",
                esc(&label),
                esc(&value)
            );
        }
        out.push_str("</table>\n");
    }
    let _ = writeln!(
        out,
        "<p class=\"foot\">{}</p>\n</section>",
        esc(&generated_line(tr, generated))
    );
}

fn quotes(out: &mut String, title: &str, quotes: &[Quote]) {
    if quotes.is_empty() {
        return;
    }
    let _ = writeln!(out, "<h3>{}</h3>\n<ul>", esc(title));
    for q in quotes {
        let _ = writeln!(
            out,
            "<li>« {} » <span class=\"by\">— {}</span></li>",
            esc(&q.text),
            esc(&q.by)
        );
    }
    out.push_str("</ul>\n");
}

/// One candidate's page, in a `wrapper` element: `section` (a printed page of its own) or `div`
/// (inside another sheet).
pub(crate) fn candidate(
    out: &mut String,
    s: &Summary,
    c: &CandidateSummary,
    tr: Tr,
    generated: NaiveDateTime,
    wrapper: &str,
) {
    let colon = super::colon(tr);
    let _ = writeln!(out, "<{wrapper} class=\"candidate\">");
    out.push_str(&mark(s, tr));
    let _ = writeln!(out, "<h2>{}</h2>", esc(&c.name));
    let project = project_line(c, tr);
    if !project.is_empty() {
        let _ = writeln!(out, "<p class=\"sub\">{}</p>", esc(&project));
    }
    let _ = writeln!(
        out,
        "<p class=\"sub\">{} · {}</p>",
        esc(&tr.tf(
            "export.candidate_counts",
            &[
                ("interviews", &c.interviews.len()),
                ("proposals", &c.proposals.len())
            ]
        )),
        esc(&tr.tf(
            "export.attendance",
            &[("came", &c.sessions_attended), ("held", &c.sessions_held)]
        ))
    );
    if c.interviews.is_empty() {
        let _ = writeln!(out, "<p>{}</p>", esc(tr.t("export.no_interview")));
    } else {
        let _ = write!(
            out,
            "<h3>{}</h3>\n<table>\n<tr><th>{}</th>",
            esc(tr.t("export.criteria")),
            esc(tr.t("export.criterion"))
        );
        for i in &c.interviews {
            let _ = write!(
                out,
                "<th>{}{} · {}</th>",
                esc(tr.t("feedback.round_short")),
                i.round,
                esc(&i.panel)
            );
        }
        let _ = writeln!(out, "<th>{}</th></tr>", esc(tr.t("export.mean")));
        for cr in &c.criteria {
            let label = criterion_label(&cr.criterion, tr);
            let _ = write!(out, "<tr><td>{}</td>", esc(label));
            for (r, i) in cr.ratings.iter().zip(&c.interviews) {
                let title = match r {
                    Some(v) => format!(
                        "{} — {}{colon}{v}/4 {}",
                        i.panel,
                        label,
                        tr.t(rating_key(*v))
                    ),
                    None => format!(
                        "{} — {}{colon}{}",
                        i.panel,
                        label,
                        tr.t("feedback.not_rated")
                    ),
                };
                let _ = write!(out, "<td class=\"num\">{}</td>", bar(*r, &title));
            }
            let flag = if cr.disagreement {
                format!(
                    " <span class=\"warn\">⚠ {}</span>",
                    esc(tr.t("export.disagreement"))
                )
            } else {
                String::new()
            };
            let _ = writeln!(
                out,
                "<td class=\"num\">{}{flag}</td></tr>",
                esc(&mean_text(cr.mean, tr))
            );
        }
        out.push_str("</table>\n");
        let opinions: Vec<String> = super::opinions(c, tr)
            .into_iter()
            .map(|(panel, o)| format!("{}{colon}{}", esc(&panel), esc(o)))
            .collect();
        if !opinions.is_empty() {
            let _ = writeln!(
                out,
                "<p><b>{}</b> — {}</p>",
                esc(tr.t("feedback.opinion")),
                opinions.join(" · ")
            );
        }
    }
    quotes(out, tr.t("feedback.strengths"), &c.strengths);
    quotes(out, tr.t("feedback.to_work_on"), &c.to_work_on);
    quotes(out, tr.t("feedback.advice"), &c.advice);
    if !c.proposals.is_empty() {
        let _ = writeln!(out, "<h3>{}</h3>\n<ul>", esc(tr.t("export.proposals")));
        for p in &c.proposals {
            let by = super::offered_by(p)
                .map(|b| format!(" <span class=\"by\">— {}</span>", esc(&b)))
                .unwrap_or_default();
            let _ = writeln!(
                out,
                "<li><b>{}</b>{colon}{}{by} <span class=\"status\">({})</span></li>",
                esc(tr.t(&format!("proposal.kind_{}", p.kind))),
                esc(&p.detail),
                esc(tr.t(&format!("proposal.status_{}", p.status)))
            );
        }
        out.push_str("</ul>\n");
    }
    if !c.actions.is_empty() {
        let _ = writeln!(out, "<h3>{}</h3>\n<ul>", esc(tr.t("export.actions")));
        for a in &c.actions {
            let mut line = esc(&a.what);
            for part in super::action_details(a, tr) {
                let _ = write!(line, " <span class=\"by\">— {}</span>", esc(&part));
            }
            let _ = writeln!(
                out,
                "<li>{line} <span class=\"status\">({})</span></li>",
                esc(tr.t(&format!("action.status_{}", a.status)))
            );
        }
        out.push_str("</ul>\n");
    }
    full_only(out, c, tr);
    let _ = writeln!(
        out,
        "<p class=\"foot\">{} · {}</p>\n</{wrapper}>",
        esc(&s.cohort.name),
        esc(&generated_line(tr, generated))
    );
}

/// Sensitive details and notes: present only in a full summary.
fn full_only(out: &mut String, c: &CandidateSummary, tr: Tr) {
    let colon = super::colon(tr);
    let rows = super::sensitive_rows(c, tr);
    let followup = super::followup_lines(c, tr);
    if rows.is_empty()
        && c.panel_notes.is_empty()
        && c.staff_notes.is_empty()
        && followup.is_empty()
    {
        return;
    }
    let _ = writeln!(
        out,
        "<div class=\"sensitive\">\n<h3>{}</h3>",
        esc(tr.t("export.sensitive"))
    );
    for (label, value) in rows {
        let _ = writeln!(out, "<p><b>{}</b>{colon}{}</p>", esc(label), esc(&value));
    }
    quotes(out, tr.t("export.panel_notes"), &c.panel_notes);
    if !c.staff_notes.is_empty() {
        let _ = writeln!(out, "<h3>{}</h3>\n<ul>", esc(tr.t("note.staff_only")));
        for n in &c.staff_notes {
            let _ = writeln!(out, "<li>{}</li>", esc(n));
        }
        out.push_str("</ul>\n");
    }
    for (title, lines) in followup {
        let _ = writeln!(out, "<h3>{}</h3>\n<ul>", esc(tr.t(title)));
        for l in lines {
            let _ = writeln!(out, "<li>{}</li>", esc(&l));
        }
        out.push_str("</ul>\n");
    }
    out.push_str("</div>\n");
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_is_escaped() {
        assert_eq!(esc("<b>&\"'"), "&lt;b&gt;&amp;&quot;&#39;");
        assert!(bar(Some(3), "a<b").contains("a&lt;b"));
        assert!(bar(None, "x").contains("stroke-dasharray"));
    }

    #[test]
    fn control_and_bidi_characters_are_dropped() {
        assert_eq!(esc("a\u{1b}[2Jb\u{9b}c\u{202e}d\r\ne"), "a[2Jbcd<br>e");
    }
}
