//! `passerelle list`: ids, names, dates and states, so other commands can be used without guessing.
//! Never prints sensitive fields.

use serde_json::{Value, json};

use super::ListWhat;
use crate::core::domain::{Cohort, Sector};
use crate::i18n::Tr;
use crate::store::Store;
use crate::ui::widgets::fit;

/// Version of the `--json` output; bumped only when a field changes meaning or disappears.
pub const JSON_SCHEMA_VERSION: u32 = 1;

/// Runs the command; returns the exit code.
pub fn run(
    store: &Store,
    tr: Tr,
    what: ListWhat,
    cohort: Option<i64>,
    json: bool,
    all: bool,
) -> color_eyre::Result<i32> {
    let cohorts: Vec<Cohort> = if all {
        store.list_all_cohorts()?
    } else {
        store.list_cohorts()?
    };
    let cohorts: Vec<Cohort> = match cohort {
        Some(id) => match store.cohort(id) {
            Ok(c) => vec![c],
            Err(_) => {
                eprintln!("passerelle: {}", tr.tf("cli.err_no_cohort", &[("id", &id)]));
                return Ok(2);
            }
        },
        None => cohorts,
    };
    let out = match what {
        ListWhat::Cohorts => cohorts_out(store, tr, &cohorts, json)?,
        ListWhat::Sessions => sessions_out(store, tr, &cohorts, json)?,
        ListWhat::People => people_out(store, tr, &cohorts, json)?,
    };
    // Stored text is clean already; this keeps a terminal safe from an older file too.
    say_part!(
        "{}",
        crate::core::text::sanitize(&out, crate::core::text::Lines::Multi)
    );
    Ok(0)
}

fn date(d: Option<chrono::NaiveDate>) -> Value {
    d.map(|d| Value::String(d.format("%Y-%m-%d").to_string()))
        .unwrap_or(Value::Null)
}

fn human_date(d: Option<chrono::NaiveDate>) -> String {
    d.map(|d| d.format("%d/%m/%Y").to_string())
        .unwrap_or_else(|| "—".into())
}

fn wrap_json(key: &str, items: Vec<Value>) -> String {
    let mut v = json!({ "schema_version": JSON_SCHEMA_VERSION });
    v[key] = Value::Array(items);
    format!("{}\n", crate::export::json::to_clean_json(&v))
}

fn cohorts_out(
    store: &Store,
    tr: Tr,
    cohorts: &[Cohort],
    json: bool,
) -> color_eyre::Result<String> {
    if json {
        let mut items = Vec::new();
        for c in cohorts {
            items.push(json!({
                "id": c.id,
                "name": c.name,
                "establishment": c.establishment,
                "start_date": date(c.start_date),
                "end_date": date(c.end_date),
                "partners": c.partners,
                "archived": c.archived,
                "sessions": store.list_sessions(c.id)?.len(),
                "funnel": crate::core::path::FunnelInfo::of(&store.funnel(c.id)?),
            }));
        }
        return Ok(wrap_json("cohorts", items));
    }
    if cohorts.is_empty() {
        return Ok(format!("{}\n", tr.t("cli.list_no_cohort")));
    }
    let mut out = format!(
        "{:>4}  {}  {}  {:<10}  {:<10}  {}\n",
        "id",
        fit(tr.t("cli.col_name"), 28),
        fit(tr.t("cli.col_establishment"), 32),
        tr.t("cli.col_start"),
        tr.t("cli.col_end"),
        tr.t("cli.col_sessions")
    );
    for c in cohorts {
        let archived = if c.archived { tr.t("cli.archived") } else { "" };
        out.push_str(&format!(
            "{:>4}  {}  {}  {:<10}  {:<10}  {}{}\n",
            c.id,
            fit(&c.name, 28),
            fit(&c.establishment, 32),
            human_date(c.start_date),
            human_date(c.end_date),
            store.list_sessions(c.id)?.len(),
            archived
        ));
    }
    Ok(out)
}

fn sessions_out(
    store: &Store,
    tr: Tr,
    cohorts: &[Cohort],
    json: bool,
) -> color_eyre::Result<String> {
    let mut items = Vec::new();
    let mut out = String::new();
    for c in cohorts {
        let states = store.session_states(c.id)?;
        let sessions = store.list_sessions(c.id)?;
        let ends = store.session_ends(c.id)?;
        let end_of = |id| ends.iter().find(|(s, _)| *s == id).map(|(_, t)| *t);
        if !json {
            out.push_str(&format!(
                "{} ({} {})\n",
                c.name,
                tr.t("cli.cohort_word"),
                c.id
            ));
            if sessions.is_empty() {
                out.push_str(&format!("      {}\n", tr.t("day.no_sessions")));
            }
        }
        for s in sessions {
            let st = states
                .iter()
                .find(|x| x.session_id == s.id)
                .copied()
                .unwrap_or_default();
            if json {
                items.push(json!({
                    "id": s.id,
                    "cohort_id": s.cohort_id,
                    "kind": s.kind.code(),
                    "date": s.date.format("%Y-%m-%d").to_string(),
                    "start_time": s.start_time.map(|t| t.format("%H:%M").to_string()),
                    "end_time": end_of(s.id).map(|t| t.format("%H:%M").to_string()),
                    "place": s.place,
                    "title": s.title,
                    "listed": st.listed,
                    "present": st.came,
                    "candidates_expected": st.candidates_listed,
                    "candidates_present": st.candidates_came,
                    "not_checked": st.waiting,
                }));
            } else {
                let label = if s.title.is_empty() {
                    tr.t(&format!("kind.{}", s.kind.code())).to_string()
                } else {
                    s.title.clone()
                };
                out.push_str(&format!(
                    "{:>4}  {}  {}  {}  {}  {}\n",
                    s.id,
                    s.date.format("%d/%m/%Y"),
                    fit(
                        &crate::messages::time_span(s.start_time, end_of(s.id)),
                        if ends.is_empty() { 5 } else { 11 }
                    ),
                    fit(tr.t(&format!("kind.{}", s.kind.code())), 22),
                    fit(&label, 26),
                    crate::messages::session_presence_all(tr, &st)
                        .unwrap_or_else(|| tr.t("day.state_empty").to_string())
                ));
            }
        }
    }
    if json {
        return Ok(wrap_json("sessions", items));
    }
    if cohorts.is_empty() {
        return Ok(format!("{}\n", tr.t("cli.list_no_cohort")));
    }
    Ok(out)
}

fn people_out(store: &Store, tr: Tr, cohorts: &[Cohort], json: bool) -> color_eyre::Result<String> {
    let mut items = Vec::new();
    let mut out = String::new();
    for c in cohorts {
        if !json {
            out.push_str(&format!(
                "{} ({} {})\n",
                c.name,
                tr.t("cli.cohort_word"),
                c.id
            ));
        }
        for m in store
            .list_members(c.id)?
            .into_iter()
            .filter(|m| !m.archived)
        {
            if json {
                items.push(json!({
                    "id": m.person.id,
                    "cohort_id": c.id,
                    "first_name": m.person.first_name,
                    "last_name": m.person.last_name,
                    "role": m.role.code(),
                    "organisation": m.person.organisation,
                    "sectors": m.sectors.iter().map(|s| s.code()).collect::<Vec<_>>(),
                }));
            } else {
                let sectors: Vec<&str> = m
                    .sectors
                    .iter()
                    .map(|s: &Sector| tr.t(&format!("sector.{}", s.code())))
                    .collect();
                out.push_str(&format!(
                    "{:>4}  {}  {}  {}  {}\n",
                    m.person.id,
                    fit(&m.person.full_name(), 26),
                    fit(tr.t(&format!("role.one.{}", m.role.code())), 13),
                    fit(&m.person.organisation, 30),
                    sectors.join(", ")
                ));
            }
        }
    }
    if json {
        return Ok(wrap_json("people", items));
    }
    if cohorts.is_empty() {
        return Ok(format!("{}\n", tr.t("cli.list_no_cohort")));
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::demo::{self, Stage};
    use crate::i18n::Lang;

    /// Issue 18 point 5: `list sessions` counts candidates present over candidates expected, as the
    /// app does, everyone present after. Failed before: « 21/29 présents » (staff and pros included).
    #[test]
    fn list_sessions_counts_candidates_then_everyone() {
        let dir = tempfile::tempdir().unwrap();
        let mut store = Store::open(&dir.path().join("d.db")).unwrap();
        let today = chrono::NaiveDate::from_ymd_opt(2026, 10, 15).unwrap();
        store
            .write_demo(&demo::generate(demo::DEFAULT_SEED, today, Stage::Morning))
            .unwrap();
        let cohorts = store.list_cohorts().unwrap();
        let out = sessions_out(&store, Tr::new(Lang::Fr), &cohorts, false).unwrap();
        let job = out
            .lines()
            .find(|l| l.contains("15/10/2026"))
            .unwrap_or_default();
        assert!(job.contains("5/10 présents · 21 en tout"), "{out}");
    }
}
