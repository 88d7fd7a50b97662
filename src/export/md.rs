//! Markdown: the same content as the printout, as text for a mail or a wiki.

use std::fmt::Write;

use chrono::NaiveDateTime;

use super::{
    audience_line, criterion_label, generated_line, mean_text, project_line, session_line,
};
use crate::core::feedback::rating_key;
use crate::core::summary::{CandidateSummary, Quote, Summary};
use crate::i18n::Tr;

/// Any value on one line, made inert: control and format characters dropped, HTML's `<` and
/// `>` as entities (a `<script>` or `<img onerror=…>` in a feedback text stays text in any
/// viewer), `&` too when it could start an entity (« Guérin & Fils » stays readable), and
/// Markdown's specials backslashed (no link, image, emphasis or table cell break).
pub(crate) fn esc(text: &str) -> String {
    let clean = crate::core::text::sanitize(text, crate::core::text::Lines::Multi);
    let mut out = String::with_capacity(clean.len());
    for (i, word) in clean.split_whitespace().enumerate() {
        if i > 0 {
            out.push(' ');
        }
        let mut chars = word.chars().peekable();
        while let Some(c) = chars.next() {
            match c {
                '<' => out.push_str("&lt;"),
                '>' => out.push_str("&gt;"),
                '&' if chars.peek().is_some() => out.push_str("&amp;"),
                '\\' | '`' | '*' | '_' | '[' | ']' | '|' | '#' | '~' => {
                    out.push('\\');
                    out.push(c);
                }
                c => out.push(c),
            }
        }
    }
    out
}

/// A table cell: [`esc`] already keeps it on one line and backslashes `|`.
fn cell(text: &str) -> String {
    esc(text)
}

fn one_line(text: &str) -> String {
    esc(text)
}

/// Renders the summary.
pub fn render(s: &Summary, tr: Tr, generated: NaiveDateTime) -> String {
    let mut out = String::new();
    let _ = writeln!(
        out,
        "# {} — {}\n",
        tr.t("export.title"),
        esc(&s.cohort.name)
    );
    let _ = writeln!(out, "{}  ", esc(&session_line(s, tr)));
    if !s.cohort.establishment.is_empty() {
        let _ = writeln!(out, "{}  ", esc(&s.cohort.establishment));
    }
    let _ = writeln!(out, "*{}*\n", audience_line(s, tr));
    cover(&mut out, s, tr);
    for c in &s.candidates {
        candidate(&mut out, s, c, tr);
    }
    let _ = writeln!(out, "---\n\n*{}*", generated_line(tr, generated));
    out
}

fn cover(out: &mut String, s: &Summary, tr: Tr) {
    let colon = super::colon(tr);
    let _ = writeln!(out, "## {}\n", tr.t("export.day"));
    let rows = super::count_rows(s, tr);
    for (label, value) in rows {
        let _ = writeln!(out, "- {label}{colon}{}", esc(&value));
    }
    if !s.proposals_by_kind.is_empty() {
        let _ = writeln!(out, "\n### {}\n", tr.t("export.by_kind"));
        for k in &s.proposals_by_kind {
            let _ = writeln!(
                out,
                "- {}{colon}{}",
                esc(tr.t(&format!("proposal.kind_{}", k.kind))),
                k.count
            );
        }
    }
    if s.criteria.iter().any(|c| c.ratings > 0) {
        let _ = writeln!(out, "\n### {}\n", tr.t("export.criteria_means"));
        let _ = writeln!(
            out,
            "| {} | {} |\n|---|---|",
            tr.t("export.criterion"),
            tr.t("export.mean")
        );
        for c in &s.criteria {
            let _ = writeln!(
                out,
                "| {} | {} |",
                cell(criterion_label(&c.criterion, tr)),
                mean_text(c.mean, tr)
            );
        }
    }
    let outcomes = super::outcome_count_rows(s, tr);
    if !outcomes.is_empty() {
        let _ = writeln!(out, "\n### {}\n", tr.t("followup.outcomes_counts"));
        for (label, value) in outcomes {
            let _ = writeln!(out, "- {}{colon}{value}", esc(&label));
        }
    }
    out.push('\n');
}

fn quotes(out: &mut String, title: &str, quotes: &[Quote]) {
    if quotes.is_empty() {
        return;
    }
    let _ = writeln!(out, "**{title}**\n");
    for q in quotes {
        let _ = writeln!(out, "- « {} » — {}", one_line(&q.text), esc(&q.by));
    }
    out.push('\n');
}

fn candidate(out: &mut String, s: &Summary, c: &CandidateSummary, tr: Tr) {
    let colon = super::colon(tr);
    let _ = writeln!(out, "---\n\n## {}\n", esc(&c.name));
    let project = project_line(c, tr);
    if !project.is_empty() {
        let _ = writeln!(out, "{}  ", esc(&project));
    }
    let _ = writeln!(
        out,
        "{}  ",
        tr.tf(
            "export.candidate_counts",
            &[
                ("interviews", &c.interviews.len()),
                ("proposals", &c.proposals.len())
            ]
        )
    );
    let _ = writeln!(
        out,
        "{}\n",
        tr.tf(
            "export.attendance",
            &[("came", &c.sessions_attended), ("held", &c.sessions_held)]
        )
    );
    if s.audience == crate::core::summary::Audience::Full {
        let _ = writeln!(out, "*{}*\n", audience_line(s, tr));
    }
    if !c.interviews.is_empty() {
        let mut head = format!("| {} |", tr.t("export.criterion"));
        let mut rule = "|---|".to_string();
        for i in &c.interviews {
            let _ = write!(
                head,
                " {}{} {} |",
                tr.t("feedback.round_short"),
                i.round,
                cell(&i.panel)
            );
            rule.push_str("---|");
        }
        let _ = writeln!(out, "{head} {} |\n{rule}---|", tr.t("export.mean"));
        for cr in &c.criteria {
            let mut row = format!("| {} |", cell(criterion_label(&cr.criterion, tr)));
            for r in &cr.ratings {
                let _ = write!(
                    row,
                    " {} |",
                    r.map_or("·".to_string(), |v| format!(
                        "{v}/4 {}",
                        tr.t(rating_key(v))
                    ))
                );
            }
            let flag = if cr.disagreement {
                format!(" ⚠ {}", tr.t("export.disagreement"))
            } else {
                String::new()
            };
            let _ = writeln!(out, "{row} {}{flag} |", mean_text(cr.mean, tr));
        }
        out.push('\n');
        let opinions: Vec<String> = super::opinions(c, tr)
            .into_iter()
            .map(|(panel, o)| format!("{}{colon}{o}", esc(&panel)))
            .collect();
        if !opinions.is_empty() {
            let _ = writeln!(
                out,
                "**{}** — {}\n",
                tr.t("feedback.opinion"),
                opinions.join(" · ")
            );
        }
    } else {
        let _ = writeln!(out, "{}\n", tr.t("export.no_interview"));
    }
    quotes(out, tr.t("feedback.strengths"), &c.strengths);
    quotes(out, tr.t("feedback.to_work_on"), &c.to_work_on);
    quotes(out, tr.t("feedback.advice"), &c.advice);
    if !c.proposals.is_empty() {
        let _ = writeln!(out, "**{}**\n", tr.t("export.proposals"));
        for p in &c.proposals {
            let by = super::offered_by(p)
                .map(|b| format!(" — {}", esc(&b)))
                .unwrap_or_default();
            let _ = writeln!(
                out,
                "- {}{colon}{}{by} *({})*",
                esc(tr.t(&format!("proposal.kind_{}", p.kind))),
                one_line(&p.detail),
                esc(tr.t(&format!("proposal.status_{}", p.status)))
            );
        }
        out.push('\n');
    }
    if !c.actions.is_empty() {
        let _ = writeln!(out, "**{}**\n", tr.t("export.actions"));
        for a in &c.actions {
            let mut line = format!("- {}", one_line(&a.what));
            for part in super::action_details(a, tr) {
                let _ = write!(line, " — {}", esc(&part));
            }
            let _ = writeln!(
                out,
                "{line} *({})*",
                esc(tr.t(&format!("action.status_{}", a.status)))
            );
        }
        out.push('\n');
    }
    full_only(out, c, tr);
}

/// Sensitive details and notes: present only in a full summary (the audience cut empties them).
fn full_only(out: &mut String, c: &CandidateSummary, tr: Tr) {
    let colon = super::colon(tr);
    let lines: Vec<String> = super::sensitive_rows(c, tr)
        .into_iter()
        .map(|(label, value)| format!("- {label}{colon}{}", one_line(&value)))
        .collect();
    if !lines.is_empty() {
        let _ = writeln!(
            out,
            "**{}**\n\n{}\n",
            tr.t("export.sensitive"),
            lines.join("\n")
        );
    }
    quotes(out, tr.t("export.panel_notes"), &c.panel_notes);
    if !c.staff_notes.is_empty() {
        let _ = writeln!(out, "**{}**\n", tr.t("note.staff_only"));
        for n in &c.staff_notes {
            let _ = writeln!(out, "- {}", one_line(n));
        }
        out.push('\n');
    }
    for (title, lines) in super::followup_lines(c, tr) {
        let _ = writeln!(out, "**{}**\n", tr.t(title));
        for l in lines {
            let _ = writeln!(out, "- {}", one_line(&l));
        }
        out.push('\n');
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn html_and_markdown_in_values_stay_text() {
        assert_eq!(
            esc("<script>alert(1)</script>"),
            "&lt;script&gt;alert(1)&lt;/script&gt;"
        );
        assert_eq!(
            esc("<img src=x onerror=alert(1)>"),
            "&lt;img src=x onerror=alert(1)&gt;"
        );
        assert_eq!(
            esc("[lien](javascript:x) *a* | b"),
            "\\[lien\\](javascript:x) \\*a\\* \\| b"
        );
        assert_eq!(esc("Durand & fils"), "Durand & fils");
        assert_eq!(esc("&lt;script&gt;"), "&amp;lt;script&amp;gt;");
        assert_eq!(esc("a\u{1b}]0;t\u{7}\nb\u{202e}"), "a\\]0;t b");
        assert_eq!(esc("Éloïse N’Guessan"), "Éloïse N’Guessan");
    }
}
