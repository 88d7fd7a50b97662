//! The sheets of the day itself: émargement, visitors for the access request, movements for the escorts.

use std::fmt::Write;

use chrono::{NaiveDateTime, NaiveTime};

use super::*;

pub(super) fn attendance(
    rows: &SheetRows,
    tr: Tr,
    filled: bool,
    generated: NaiveDateTime,
) -> String {
    let title = tr.t(if filled {
        "sheet.attendance_filled"
    } else {
        "sheet.attendance"
    });
    let mut body = page_head(rows, tr, title, generated);
    let listed = rows.listed();
    for role in Role::ALL {
        let people: Vec<_> = listed.iter().filter(|(m, _)| m.role == role).collect();
        if people.is_empty() {
            continue;
        }
        let _ = write!(
            body,
            "<h2>{}</h2>\n<table>\n<tr><th>{}</th><th>{}</th><th>{}</th><th>{}</th><th>{}</th></tr>\n",
            esc(tr.t(&format!("role.plural.{}", role.code()))),
            esc(tr.t("sheet.col_name")),
            esc(tr.t("sheet.col_organisation")),
            esc(tr.t("sheet.col_arrival")),
            esc(tr.t("sheet.col_departure")),
            esc(tr.t("sheet.col_signature"))
        );
        for (m, a) in people {
            let (arrival, departure) = if filled {
                let status = if a.status.came() {
                    String::new()
                } else {
                    tr.t(&format!("status.{}", a.status.code())).to_string()
                };
                let (arrived, left) = crate::core::attendance::printable_times(a);
                (
                    arrived
                        .map(|t| t.format("%H:%M").to_string())
                        .unwrap_or(status),
                    left.map(|t| t.format("%H:%M").to_string())
                        .unwrap_or_default(),
                )
            } else {
                (String::new(), String::new())
            };
            let _ = writeln!(
                body,
                "<tr><td>{} {}</td><td>{}</td><td>{}</td><td>{}</td><td class=\"sign\"></td></tr>",
                esc(&m.person.last_name.to_uppercase()),
                esc(&m.person.first_name),
                esc(&m.person.organisation),
                esc(&arrival),
                esc(&departure)
            );
        }
        body.push_str("</table>\n");
    }
    body.push_str(&foot(tr, generated));
    document(tr, title, &[format!("<section>\n{body}</section>\n")])
}

/// Outside people: professionals, and staff who come from outside (not the establishment's guards).
fn is_visitor(m: &Member) -> bool {
    match m.role {
        Role::Professional => true,
        Role::Staff => m.staff_role != Some(StaffRole::Guard),
        Role::Candidate => false,
    }
}

pub(super) fn visitors(rows: &SheetRows, tr: Tr, generated: NaiveDateTime) -> String {
    let title = tr.t("sheet.visitors");
    let mut body = page_head(rows, tr, title, generated);
    let _ = writeln!(body, "<p>{}</p>", esc(tr.t("sheet.visitors_intro")));
    let _ = write!(
        body,
        "<table>\n<tr><th>{}</th><th>{}</th><th>{}</th><th>{}</th><th>{}</th><th>{}</th></tr>\n",
        esc(tr.t("sheet.col_last")),
        esc(tr.t("sheet.col_first")),
        esc(tr.t("sheet.col_organisation")),
        esc(tr.t("sheet.col_role")),
        esc(tr.t("sheet.col_id_document")),
        esc(tr.t("sheet.col_birth"))
    );
    let mut visitors: Vec<&Member> = rows
        .listed()
        .into_iter()
        .filter(|(m, _)| is_visitor(m))
        .map(|(m, _)| m)
        .collect();
    // Mentors come inside to see their candidate, on the list of the day or not.
    for id in &rows.mentors_inside {
        if let Some(m) = rows.member(*id)
            && !visitors.iter().any(|v| v.person.id == *id)
        {
            visitors.push(m);
        }
    }
    let mentor = tr.t(&format!("staff_role.{}", StaffRole::Mentor.code()));
    for m in visitors {
        let mut role = match (m.role, m.staff_role) {
            (Role::Staff, Some(r)) => tr.t(&format!("staff_role.{}", r.code())).to_string(),
            (role, _) => tr.t(&format!("role.one.{}", role.code())).to_string(),
        };
        if rows.mentors_inside.contains(&m.person.id) && m.staff_role != Some(StaffRole::Mentor) {
            role = format!("{role} · {mentor}");
        }
        let _ = writeln!(
            body,
            "<tr><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td class=\"sign\"></td><td class=\"sign\"></td></tr>",
            esc(&m.person.last_name.to_uppercase()),
            esc(&m.person.first_name),
            esc(&m.person.organisation),
            esc(&role)
        );
    }
    body.push_str("</table>\n");
    body.push_str(&foot(tr, generated));
    document(tr, title, &[format!("<section>\n{body}</section>\n")])
}

pub(super) fn movements(rows: &SheetRows, tr: Tr, generated: NaiveDateTime) -> String {
    let title = tr.t("sheet.movements");
    let mut body = page_head(rows, tr, title, generated);
    if rows.interviews.is_empty() {
        let _ = writeln!(body, "<p>{}</p>", esc(tr.t("sheet.no_plan")));
    } else {
        let _ = write!(
            body,
            "<table>\n<tr><th>{}</th><th>{}</th><th>{}</th><th>{}</th><th>{}</th></tr>\n",
            esc(tr.t("sheet.col_leaves")),
            esc(tr.t("sheet.col_returns")),
            esc(tr.t("sheet.col_candidate")),
            esc(tr.t("sheet.col_where")),
            esc(tr.t("sheet.col_round"))
        );
        let mut moves: Vec<(NaiveTime, NaiveTime, String, String, u32)> = rows
            .interviews
            .iter()
            .filter_map(|(round, panel, candidate)| {
                let (start, end) = rows.time_of(*round)?;
                let m = rows.member(*candidate)?;
                Some((
                    start,
                    end,
                    format!(
                        "{} {}",
                        m.person.last_name.to_uppercase(),
                        m.person.first_name
                    ),
                    rows.table(tr, *panel),
                    *round,
                ))
            })
            .collect();
        moves.sort();
        for (start, end, name, table, round) in moves {
            let _ = writeln!(
                body,
                "<tr><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{round}</td></tr>",
                start.format("%H:%M"),
                end.format("%H:%M"),
                esc(&name),
                esc(&table)
            );
        }
        body.push_str("</table>\n");
    }
    body.push_str(&foot(tr, generated));
    document(tr, title, &[format!("<section>\n{body}</section>\n")])
}

/// The programme of a themed day: its sectors, then each item with its planned times, speaker and
/// kind, from the session's start (09:00 if none).
pub(super) fn programme(rows: &SheetRows, tr: Tr, generated: NaiveDateTime) -> String {
    let title = tr.t("sheet.programme");
    let mut body = page_head_plain(rows, tr, title);
    if !rows.sectors.is_empty() {
        let names: Vec<&str> = rows
            .sectors
            .iter()
            .map(|s| tr.t(&format!("sector.{}", s.code())))
            .collect();
        let _ = writeln!(
            body,
            "<p>{}</p>",
            esc(&tr.tf("sheet.programme_sectors", &[("sectors", &names.join(", "))]))
        );
    }
    if rows.agenda.is_empty() {
        let _ = writeln!(body, "<p>{}</p>", esc(tr.t("sheet.programme_empty")));
    } else {
        let _ = write!(
            body,
            "<table>\n<tr><th>{}</th><th>{}</th><th>{}</th><th>{}</th><th>{}</th></tr>\n",
            esc(tr.t("sheet.col_time")),
            esc(tr.t("sheet.col_item")),
            esc(tr.t("sheet.col_speaker")),
            esc(tr.t("sheet.col_kind")),
            esc(tr.t("sheet.col_minutes"))
        );
        let start = rows
            .session
            .start_time
            .or_else(|| NaiveTime::from_hms_opt(9, 0, 0))
            .unwrap_or_default();
        let times = crate::core::agenda::planned_times(&rows.agenda, start);
        for (it, (from, to)) in rows.agenda.iter().zip(times) {
            let _ = writeln!(
                body,
                "<tr><td>{}–{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>",
                from.format("%H:%M"),
                to.format("%H:%M"),
                esc(&it.title),
                esc(it.speaker.as_deref().unwrap_or("")),
                esc(tr.t(it.kind.label())),
                it.minutes
            );
        }
        body.push_str("</table>\n");
    }
    body.push_str(&foot(tr, generated));
    document(tr, title, &[format!("<section>\n{body}</section>\n")])
}
