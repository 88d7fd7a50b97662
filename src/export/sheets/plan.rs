//! The sheets made from the plan: one per table, one route per candidate, and the escorts' « modifications ».

use std::fmt::Write;

use chrono::NaiveDateTime;

use super::*;
use crate::core::feedback::rating_key;

pub(super) fn tables(rows: &SheetRows, tr: Tr, generated: NaiveDateTime) -> String {
    let title = tr.t("sheet.tables");
    let criteria: Vec<String> = rows
        .criteria
        .iter()
        .map(|c| tr.pick(&c.label_fr, &c.label_en).to_string())
        .collect();
    // The overall opinion as boxes to tick, under the criteria, on one line (inline style: the
    // other sheets' style sheet stays as it was). Two lines would push a sixth round off the A4 page.
    let opinions: Vec<String> = ["ready", "ready_with_support", "consolidate"]
        .iter()
        .map(|o| format!("☐ {}", esc(tr.t(&format!("feedback.opinion_{o}")))))
        .collect();
    let opinion_row = format!(
        "<tr><td colspan=\"5\" style=\"max-width: none\"><b>{}</b> : {}</td></tr>",
        esc(tr.t("feedback.opinion")),
        opinions.join(" ")
    );
    let mut sections = Vec::new();
    for panel in &rows.panels {
        let mut body = page_head(
            rows,
            tr,
            &format!("{title} — {}", rows.table(tr, Some(panel.id))),
            generated,
        );
        let members: Vec<String> = panel
            .members
            .iter()
            .filter_map(|id| rows.member(*id))
            .map(|m| {
                if m.person.organisation.is_empty() {
                    m.person.full_name()
                } else {
                    format!("{} ({})", m.person.full_name(), m.person.organisation)
                }
            })
            .collect();
        let _ = writeln!(
            body,
            "<p><b>{}</b> : {}</p>",
            esc(tr.t("sheet.binome")),
            esc(&members.join(", "))
        );
        // What 1–4 mean, once a page: the paper is typed back with the same words as the form.
        let legend: Vec<String> = (1..=4u8)
            .map(|r| format!("{r} {}", tr.t(rating_key(r))))
            .collect();
        let _ = writeln!(
            body,
            "<p class=\"legend\" style=\"font-size: 8pt\">{}</p>",
            esc(&legend.join(" · "))
        );
        let mut mine: Vec<&(u32, Option<Id>, Id)> = rows
            .interviews
            .iter()
            .filter(|i| i.1 == Some(panel.id))
            .collect();
        mine.sort();
        for (round, _, candidate) in mine {
            let name = rows
                .member(*candidate)
                .map(|m| m.person.short_name())
                .unwrap_or_default();
            let when = rows.slot(*round);
            let _ = write!(
                body,
                "<p class=\"cand\">{} {round} · {when} · {}</p>\n<div class=\"grid\">\n<table>\n<tr><th>{}</th><th>1</th><th>2</th><th>3</th><th>4</th></tr>\n",
                esc(tr.t("sheet.col_round")),
                esc(&name),
                esc(tr.t("sheet.col_criterion"))
            );
            for c in &criteria {
                let _ = writeln!(
                    body,
                    "<tr><td>{}</td><td class=\"box\">☐</td><td class=\"box\">☐</td><td class=\"box\">☐</td><td class=\"box\">☐</td></tr>",
                    esc(c)
                );
            }
            let _ = writeln!(body, "{opinion_row}");
            let _ = writeln!(body, "</table>\n<div class=\"notes\">");
            for label in [
                "feedback.strengths",
                "feedback.to_work_on",
                "feedback.advice",
                "export.proposals",
            ] {
                let _ = writeln!(body, "<div class=\"write\">{}</div>", esc(tr.t(label)));
            }
            body.push_str("</div>\n</div>\n");
        }
        body.push_str(&foot(tr, generated));
        sections.push(format!("<section class=\"table\">\n{body}</section>\n"));
    }
    if sections.is_empty() {
        sections.push(notice_page(rows, tr, title, "sheet.no_panels", generated));
    }
    document(tr, title, &sections)
}

pub(super) fn routes(rows: &SheetRows, tr: Tr, generated: NaiveDateTime) -> String {
    let title = tr.t("sheet.routes");
    let mut sections = Vec::new();
    let candidates: Vec<&Member> = rows
        .members
        .iter()
        .filter(|m| m.role == Role::Candidate && rows.interviews.iter().any(|i| i.2 == m.person.id))
        .collect();
    for m in candidates {
        let mut body = page_head(
            rows,
            tr,
            &format!("{title} — {}", m.person.short_name()),
            generated,
        );
        let _ = write!(
            body,
            "<table>\n<tr><th>{}</th><th>{}</th><th>{}</th><th>{}</th></tr>\n",
            esc(tr.t("sheet.col_time")),
            esc(tr.t("sheet.col_where")),
            esc(tr.t("sheet.col_companies")),
            esc(tr.t("sheet.col_my_notes"))
        );
        let mut mine: Vec<&(u32, Option<Id>, Id)> = rows
            .interviews
            .iter()
            .filter(|i| i.2 == m.person.id)
            .collect();
        mine.sort();
        for (round, panel, _) in mine {
            let when = rows.slot(*round);
            let companies: Vec<String> = panel
                .and_then(|id| rows.panels.iter().find(|p| p.id == id))
                .map(|p| {
                    let mut orgs: Vec<String> = p
                        .members
                        .iter()
                        .filter_map(|id| rows.member(*id))
                        .map(|pro| pro.person.organisation.clone())
                        .filter(|o| !o.is_empty())
                        .collect();
                    orgs.dedup();
                    orgs
                })
                .unwrap_or_default();
            let _ = writeln!(
                body,
                "<tr><td>{}</td><td>{}</td><td>{}</td><td class=\"sign\"></td></tr>",
                esc(&when),
                esc(&rows.table(tr, *panel)),
                esc(&companies.join(", "))
            );
        }
        let _ = write!(
            body,
            "</table>\n<h2>{}</h2>\n<div class=\"lines\"></div>\n",
            esc(tr.t("sheet.my_notes"))
        );
        body.push_str(&foot(tr, generated));
        sections.push(format!("<section class=\"route\">\n{body}</section>\n"));
    }
    if sections.is_empty() {
        sections.push(notice_page(rows, tr, title, "sheet.no_plan", generated));
    }
    document(tr, title, &sections)
}

/// True when the « modifications » sheet has a printed version to compare with.
pub fn has_printed_plan(rows: &SheetRows) -> bool {
    rows.printed.is_some()
}

/// The changes since the last printed plan version, by time, on one page.
pub(super) fn modifications(rows: &SheetRows, tr: Tr, generated: NaiveDateTime) -> String {
    let title = tr.t("expect.sheet_changes");
    let Some((printed, at)) = &rows.printed else {
        return document(
            tr,
            title,
            &[notice_page(rows, tr, title, "expect.no_printed", generated)],
        );
    };
    let mut body = page_head(rows, tr, title, generated);
    let when = chrono::NaiveDateTime::parse_from_str(at, "%Y-%m-%dT%H:%M:%S")
        .map(|t| {
            tr.tf(
                "expect.changes_against",
                &[
                    ("date", &tr.date_numeric(t.date())),
                    ("time", &t.format("%H:%M")),
                ],
            )
        })
        .unwrap_or_default();
    let _ = writeln!(body, "<p>{}</p>", esc(&when));
    let list = changes(printed, &rows.interviews);
    if list.is_empty() {
        let _ = writeln!(body, "<p>{}</p>", esc(tr.t("expect.no_changes")));
    } else {
        let _ = write!(
            body,
            "<table class=\"changes\">\n<tr><th>{}</th><th>{}</th><th>{}</th><th>{}</th><th>{}</th></tr>\n",
            esc(tr.t("sheet.col_time")),
            esc(tr.t("sheet.col_candidate")),
            esc(tr.t("expect.col_change")),
            esc(tr.t("expect.col_before")),
            esc(tr.t("expect.col_now"))
        );
        let at = |(round, panel): (u32, Option<Id>)| {
            format!(
                "{} {round} · {} · {}",
                tr.t("sheet.col_round"),
                rows.slot(round),
                rows.table(tr, panel)
            )
        };
        for c in &list {
            let (cand, what, before, now) = match *c {
                Change::Moved {
                    candidate,
                    from,
                    to,
                } => (candidate, "expect.moved", at(from), at(to)),
                Change::Cancelled { candidate, at: x } => {
                    (candidate, "expect.cancelled", at(x), "—".into())
                }
                Change::Added { candidate, at: x } => {
                    (candidate, "expect.added_interview", "—".into(), at(x))
                }
            };
            let name = rows
                .member(cand)
                .map(|m| {
                    format!(
                        "{} {}",
                        m.person.last_name.to_uppercase(),
                        m.person.first_name
                    )
                })
                .unwrap_or_default();
            let time = rows
                .time_of(c.round())
                .map(|(s, _)| s.format("%H:%M").to_string())
                .unwrap_or_default();
            let _ = writeln!(
                body,
                "<tr><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>",
                esc(&time),
                esc(&name),
                esc(tr.t(what)),
                esc(&before),
                esc(&now)
            );
        }
        body.push_str("</table>\n");
    }
    body.push_str(&foot(tr, generated));
    document(tr, title, &[format!("<section>\n{body}</section>\n")])
}
