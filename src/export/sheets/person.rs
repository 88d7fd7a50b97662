//! Everything held about one person (right of access), full audience.

use std::fmt::Write;

use chrono::NaiveDateTime;

use super::*;

/// Everything held about one person (right of access), full audience, with who produced it and
/// when, judged against `sets` and naming outcomes by `outcomes`. None when nobody has that id.
pub fn person(
    store: &Store,
    (sets, categories): (&CriteriaSets, &crate::core::outcomes::OutcomeSet),
    person_id: Id,
    tr: Tr,
    generated: NaiveDateTime,
    by: &str,
) -> Result<Option<String>> {
    let mut found: Option<Member> = None;
    let mut blocks = String::new();
    for cohort in store.list_all_cohorts()? {
        let members = store.list_members(cohort.id)?;
        let Some(m) = members.iter().find(|m| m.person.id == person_id).cloned() else {
            continue;
        };
        let _ = writeln!(
            blocks,
            "<h2>{} — {}</h2>\n<p>{} : {}</p>",
            esc(&cohort.name),
            esc(&cohort.establishment),
            esc(tr.t("sheet.col_role")),
            esc(tr.t(&format!("role.one.{}", m.role.code())))
        );
        for (label, value) in [
            (tr.t("person.project"), m.project.clone()),
            (tr.t("person.area"), m.target_area.clone()),
            (
                tr.t("export.release_date"),
                m.sensitive
                    .release_date
                    .map(|d| tr.date_numeric(d))
                    .unwrap_or_default(),
            ),
            (tr.t("export.housing"), m.sensitive.housing.clone()),
            (tr.t("export.judicial"), m.sensitive.judicial_notes.clone()),
        ] {
            if !value.trim().is_empty() {
                let _ = writeln!(blocks, "<p>{} : {}</p>", esc(label), esc(&value));
            }
        }
        let sessions = store.list_sessions(cohort.id)?;
        let _ = write!(
            blocks,
            "<table>\n<tr><th>{}</th><th>{}</th><th>{}</th></tr>\n",
            esc(tr.t("sheet.col_session")),
            esc(tr.t("sheet.col_status")),
            esc(tr.t("sheet.col_times"))
        );
        for s in &sessions {
            if let Some(a) = store
                .list_attendance(s.id)?
                .into_iter()
                .find(|a| a.person_id == person_id)
            {
                let times = match crate::core::attendance::printable_times(&a) {
                    (Some(x), Some(y)) => format!("{}–{}", x.format("%H:%M"), y.format("%H:%M")),
                    (Some(x), None) => x.format("%H:%M").to_string(),
                    _ => String::new(),
                };
                let _ = writeln!(
                    blocks,
                    "<tr><td>{} · {}</td><td>{} {}</td><td>{}</td></tr>",
                    esc(tr.t(&format!("kind.{}", s.kind.code()))),
                    tr.date_numeric(s.date),
                    esc(tr.t(&format!("status.{}", a.status.code()))),
                    esc(&a.reason),
                    esc(&times)
                );
            }
        }
        blocks.push_str("</table>\n");
        path_history(
            &mut blocks,
            &store.status_history(cohort.id, person_id)?,
            tr,
        );
        // As a candidate: what the binômes said, the proposals, the actions, the staff's notes.
        if m.role == Role::Candidate {
            let rows = store.summary_rows(
                sessions
                    .iter()
                    .find(|s| crate::core::summary::summarises(s.kind))
                    .map_or(0, |s| s.id),
            );
            if let Ok(rows) = rows
                && let Some(mut c) = crate::core::summary::build_one(&rows.input(sets), person_id)
            {
                let (contacts, checks, outcomes) = (
                    store.list_contacts(cohort.id)?,
                    store.list_checks(cohort.id)?,
                    store.list_outcomes(cohort.id)?,
                );
                c.followup = crate::core::followup::followup_info(
                    person_id,
                    &members,
                    (&contacts, &checks, &outcomes),
                    categories,
                );
                let one = crate::core::summary::Summary {
                    funnel: None,
                    audience: crate::core::summary::Audience::Full,
                    cohort: crate::core::summary::CohortInfo {
                        name: cohort.name.clone(),
                        establishment: cohort.establishment.clone(),
                        partners: cohort.partners.clone(),
                    },
                    session: crate::core::summary::SessionInfo {
                        id: rows.session.id,
                        kind: rows.session.kind.code().to_string(),
                        date: rows.session.date,
                        place: rows.session.place.clone(),
                        title: rows.session.title.clone(),
                    },
                    counts: Default::default(),
                    proposals_by_kind: Vec::new(),
                    criteria: Vec::new(),
                    candidates: vec![c],
                    outcome_counts: Vec::new(),
                };
                // The grand oral page of this candidate, full audience, inside this sheet.
                super::super::html::candidate(
                    &mut blocks,
                    &one,
                    &one.candidates[0],
                    tr,
                    generated,
                    "div",
                );
            }
        }
        found = Some(m);
    }
    let Some(m) = found else {
        return Ok(None);
    };
    let title = tr.t("sheet.person");
    let mut body = format!(
        "<h1>{} — {}</h1>\n<p class=\"sub\">{}</p>\n<p class=\"sub\">{}</p>\n",
        esc(title),
        esc(&m.person.full_name()),
        esc(&tr.tf(
            "sheet.person_produced",
            &[
                ("date", &tr.date_numeric(generated.date())),
                ("time", &generated.format("%H:%M")),
                ("by", &by),
            ]
        )),
        esc(tr.t("export.audience_full"))
    );
    let _ = writeln!(
        body,
        "<h2>{}</h2>\n<p>{}</p>",
        esc(tr.t("sheet.identity")),
        esc(&crate::core::text::join_parts([
            m.person.full_name().as_str(),
            &m.person.organisation,
            &m.person.phone,
            &m.person.email,
        ]))
    );
    body.push_str(&blocks);
    body.push_str(&foot(tr, generated));
    Ok(Some(document(
        tr,
        title,
        &[format!("<section>\n{body}</section>\n")],
    )))
}

/// The person's path in the cohort (issue 19), oldest change first: date, status, author and
/// whatever the change holds (referrer, criteria, withdrawal reason, note). Nothing when empty.
fn path_history(out: &mut String, history: &[crate::core::path::Change], tr: Tr) {
    if history.is_empty() {
        return;
    }
    let _ = write!(
        out,
        "<h3>{}</h3>\n<table>\n<tr><th>{}</th><th>{}</th><th>{}</th><th>{}</th></tr>\n",
        esc(tr.t("sheet.path_title")),
        esc(tr.t("path.date")),
        esc(tr.t("sheet.col_path_status")),
        esc(tr.t("sheet.col_author")),
        esc(tr.t("path.reason"))
    );
    for c in history {
        let mut details = Vec::new();
        if let Some(r) = c.referrer {
            let who = tr.t(&format!("path.referrer.{}", r.code()));
            details.push(format!("{} {who}", tr.t("path.referred_by")));
        }
        let marks: Vec<String> = ["motivation", "coherence", "local_priority"]
            .iter()
            .zip(c.criteria.marks())
            .filter_map(|(k, m)| {
                let m = m?;
                let mark = tr.t(&format!("path.mark.{}", m.code()));
                Some(format!("{} : {mark}", tr.t(&format!("path.criterion.{k}"))))
            })
            .collect();
        if !marks.is_empty() {
            details.push(format!("{} — {}", tr.t("path.criteria"), marks.join(", ")));
        }
        if let Some(w) = c.withdrawal {
            details.push(tr.t(&format!("path.withdrawal.{}", w.code())).to_string());
        }
        if !c.note.trim().is_empty() {
            details.push(c.note.clone());
        }
        let _ = writeln!(
            out,
            "<tr><td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>",
            tr.date_numeric(c.date),
            esc(tr.t(&format!("path.status.{}", c.status.code()))),
            esc(&c.author),
            esc(&details.join(" · "))
        );
    }
    out.push_str("</table>\n");
}
