//! Sentences about core results, in the user's language, for both the command line and the screens.

use crate::core::import::Change;
use crate::core::roster::{
    Encoding, LineError, LineProblem, MAX_FILE_BYTES, MAX_LINE_BYTES, Roster, RosterError,
};
use crate::i18n::Tr;

mod sync;
pub use sync::{bundle_refusal, read_bundle, store_refusal, sync_report};

/// What a list says after a person's name: a candidate's project and sectors, a professional's
/// organisation and sectors, a staff member's role and organisation (the role left out when the
/// organisation names it: « SPIP de la Vienne »). Empty fields leave no « · » (issue 18).
pub fn member_detail(tr: Tr, m: &crate::core::domain::Member) -> String {
    use crate::core::domain::{Role, StaffRole};
    use crate::core::text::{fold, join_parts};
    let sectors = m
        .sectors
        .iter()
        .map(|s| tr.t(&format!("sector.{}", s.code())))
        .collect::<Vec<_>>()
        .join(", ");
    match m.role {
        Role::Candidate => join_parts([m.project.as_str(), &sectors]),
        Role::Professional => join_parts([m.person.organisation.as_str(), &sectors]),
        Role::Staff => {
            let role = tr.t(&format!(
                "staff_role.{}",
                m.staff_role.unwrap_or(StaffRole::Other).code()
            ));
            let org = m.person.organisation.as_str();
            if !org.trim().is_empty() && fold(org).contains(&fold(role)) {
                org.trim().to_string()
            } else {
                join_parts([role, org])
            }
        }
    }
}

/// A session's « 7/8 présents »: candidates present over candidates expected (decisions.md), or
/// everyone when no candidate is on its list; None when nobody is on it.
pub fn session_presence(tr: Tr, st: &crate::store::SessionState) -> Option<String> {
    let (key, came, listed) = if st.candidates_listed > 0 {
        (
            "day.state_candidates",
            st.candidates_came,
            st.candidates_listed,
        )
    } else if st.listed > 0 {
        ("day.state_people", st.came, st.listed)
    } else {
        return None;
    };
    Some(tr.tn(key, came, &[("came", &came), ("listed", &listed)]))
}

/// [`session_presence`] with everyone present as a second figure, « 7/8 présents · 22 en tout ».
pub fn session_presence_all(tr: Tr, st: &crate::store::SessionState) -> Option<String> {
    let main = session_presence(tr, st)?;
    if st.candidates_listed > 0 && st.came > st.candidates_came {
        Some(format!(
            "{main} · {}",
            tr.tf("day.state_everyone", &[("n", &st.came)])
        ))
    } else {
        Some(main)
    }
}

/// Why typed attendance times are not saved (the form keeps the text to correct).
pub fn times_problem(tr: Tr, p: crate::core::attendance::TimesProblem) -> String {
    use crate::core::attendance::TimesProblem;
    match p {
        TimesProblem::LeavesBeforeArrival => tr.t("att.leaves_before_arrival").to_string(),
        TimesProblem::ArrivesAfterEnd(end) => tr.tf(
            "att.arrives_after_end",
            &[("end", &end.format("%H:%M").to_string())],
        ),
    }
}

/// One bad line, e.g. « ligne 14 : rôle « stagiare » inconnu — attendu candidat, professionnel, encadrant ».
pub fn line_error(tr: Tr, e: &LineError) -> String {
    let problem = match &e.problem {
        LineProblem::Missing => tr.tf("import.err_missing", &[("column", &e.column)]),
        LineProblem::UnknownRole(v) => tr.tf("import.err_role", &[("value", v)]),
        LineProblem::UnknownSector(v) => tr.tf("import.err_sector", &[("value", v)]),
        LineProblem::BadDate(v) => tr.tf("import.err_date", &[("column", &e.column), ("value", v)]),
        LineProblem::TooLong(max) => tr.tf(
            "import.err_too_long",
            &[("column", &e.column), ("max", max)],
        ),
        LineProblem::SameIdOtherName {
            first_line,
            id,
            first_name,
            name,
        } => tr.tf(
            "text.err_same_id",
            &[
                ("id", id),
                ("first_line", first_line),
                ("first_name", first_name),
                ("name", name),
            ],
        ),
    };
    tr.tf("import.line", &[("line", &e.line), ("problem", &problem)])
}

/// Why a file was refused: a first line, then one line per bad line.
pub fn roster_error(tr: Tr, e: &RosterError) -> Vec<String> {
    match e {
        RosterError::TooLarge(n) => vec![tr.tf(
            "import.err_file_too_large",
            &[
                ("size", &(n / 1024)),
                ("max", &(MAX_FILE_BYTES / 1024 / 1024)),
            ],
        )],
        RosterError::Binary => vec![tr.t("import.err_binary").to_string()],
        RosterError::LineTooLong(line) => vec![tr.tf(
            "import.err_line_too_long",
            &[("line", line), ("max", &(MAX_LINE_BYTES / 1024))],
        )],
        RosterError::Empty => vec![tr.t("import.err_empty").to_string()],
        RosterError::MissingColumns(cols) => {
            vec![tr.tf(
                "import.err_missing_columns",
                &[("columns", &cols.join(", "))],
            )]
        }
        RosterError::Malformed(line) => vec![tr.tf("import.err_malformed", &[("line", line)])],
        RosterError::Lines(errors) => {
            let mut out = vec![tr.tf("import.err_lines", &[("n", &errors.len())])];
            out.extend(errors.iter().map(|e| format!("  {}", line_error(tr, e))));
            out
        }
    }
}

fn encoding_name(e: Encoding) -> &'static str {
    match e {
        Encoding::Utf8 => "UTF-8",
        Encoding::Utf8Bom => "UTF-8 (BOM)",
        Encoding::Utf16Le => "UTF-16",
        Encoding::Utf16Be => "UTF-16 BE",
        Encoding::Windows1252 => "Windows-1252",
    }
}

/// Counts of a plan: (added, updated, unchanged).
pub fn counts(plan: &[Change]) -> (usize, usize, usize) {
    let added = plan.iter().filter(|c| matches!(c, Change::Add(_))).count();
    let updated = plan
        .iter()
        .filter(|c| matches!(c, Change::Update { .. }))
        .count();
    (added, updated, plan.len() - added - updated)
}

/// What an import does (or would do): the file's shape, warnings, then one line per person.
pub fn import_report(tr: Tr, roster: &Roster, plan: &[Change]) -> Vec<String> {
    // Every line printed as is: none may carry a control or format character, whatever the file.
    import_report_lines(tr, roster, plan)
        .into_iter()
        .map(|l| crate::core::text::clean_line(&l))
        .collect()
}

/// The question the import preview asks when an ignored column looks like a known one.
pub fn import_question(tr: Tr, roster: &Roster) -> Option<String> {
    if roster.lookalikes.is_empty() {
        return None;
    }
    let headers: Vec<String> = roster
        .lookalikes
        .iter()
        .map(|(h, _)| format!("« {h} »"))
        .collect();
    Some(crate::core::text::clean_line(&tr.tf(
        "import.ask_lookalike",
        &[("columns", &headers.join(", "))],
    )))
}

fn import_report_lines(tr: Tr, roster: &Roster, plan: &[Change]) -> Vec<String> {
    let sep = match roster.separator {
        '\t' => tr.t("import.sep_tab").to_string(),
        c => format!("« {c} »"),
    };
    let mut out = vec![tr.tf(
        "import.read_as",
        &[
            ("encoding", &encoding_name(roster.encoding)),
            ("separator", &sep),
        ],
    )];
    if !roster.ignored_columns.is_empty() {
        out.push(tr.tf(
            "import.ignored_columns",
            &[("columns", &roster.ignored_columns.join(", "))],
        ));
    }
    for (header, column) in &roster.lookalikes {
        out.push(tr.tf(
            "import.lookalike",
            &[("header", header), ("column", &column.template_header())],
        ));
    }
    for (first, later, name) in &roster.duplicates {
        out.push(tr.tf(
            "import.duplicate",
            &[("first", first), ("later", later), ("name", name)],
        ));
    }
    let (added, updated, same) = counts(plan);
    out.push(tr.tf(
        "import.counts",
        &[("added", &added), ("updated", &updated), ("same", &same)],
    ));
    for change in plan {
        let row = change.row();
        let name = format!("{} {}", row.first_name, row.last_name);
        match change {
            Change::Add(_) => {
                let role = row
                    .role
                    .map(|r| tr.t(&format!("role.one.{}", r.code())))
                    .unwrap_or("");
                out.push(format!(
                    "  + {}",
                    tr.tf(
                        "import.added",
                        &[("line", &row.line), ("name", &name), ("role", &role)]
                    )
                ));
            }
            Change::Update { changes, .. } => {
                let fields: Vec<String> = changes
                    .iter()
                    .map(|c| {
                        let field = tr.t(c.field);
                        if c.sensitive {
                            tr.tf("import.change_hidden", &[("field", &field)])
                        } else {
                            let (old, new) = if c.field == "import.field_role" {
                                (tr.t(&c.old).to_string(), tr.t(&c.new).to_string())
                            } else {
                                (c.old.clone(), c.new.clone())
                            };
                            tr.tf(
                                "import.change",
                                &[("field", &field), ("old", &old), ("new", &new)],
                            )
                        }
                    })
                    .collect();
                out.push(format!(
                    "  ~ {}",
                    tr.tf(
                        "import.updated",
                        &[
                            ("line", &row.line),
                            ("name", &name),
                            ("changes", &fields.join(" ; "))
                        ]
                    )
                ));
            }
            Change::Same { .. } => {}
        }
    }
    out
}

/// The metrics of a plan, in a sentence (`plan.metrics` on the command line, `plan.metrics_short`
/// on screen).
pub fn plan_metrics(tr: Tr, key: &str, m: &crate::core::plan::Metrics) -> String {
    tr.tf(
        key,
        &[
            ("rounds", &m.rounds),
            ("lb", &m.lower_bound),
            ("spread", &m.load_spread()),
            ("matches", &m.matches_total()),
            ("unmatched", &m.unmatched_candidates),
            ("idle", &m.idle_total()),
        ],
    )
}

/// One sentence naming the professionals who must not meet any candidate of the day and their
/// tables (see `core::expect::shut_out`), or None when there are none.
pub fn shut_out(
    tr: Tr,
    day: &crate::core::plan::DayInstance,
    panels: &[crate::core::domain::Panel],
    members: &[crate::core::domain::Member],
    forbidden: &[(i64, i64)],
) -> Option<String> {
    let out = crate::core::expect::shut_out(day, panels, forbidden);
    if out.is_empty() {
        return None;
    }
    let who: Vec<String> = out
        .iter()
        .map(|(pro, panel)| {
            let name = members
                .iter()
                .find(|m| m.person.id == *pro)
                .map(|m| m.person.short_name())
                .unwrap_or_else(|| pro.to_string());
            let table = panels
                .iter()
                .find(|p| p.id == *panel)
                .map(|p| p.table_name.clone())
                .unwrap_or_default();
            tr.tf("plan.shut_out_one", &[("name", &name), ("table", &table)])
        })
        .collect();
    Some(tr.tf("plan.shut_out", &[("who", &who.join(", "))]))
}

/// The sentence for a planning failure.
pub fn plan_error(
    tr: Tr,
    e: &crate::core::plan::PlanError,
    names: &dyn Fn(usize) -> String,
) -> String {
    use crate::core::plan::PlanError as E;
    match e {
        E::NoInterviews => tr.t("plan.err_no_interviews").to_string(),
        E::MoreInterviewsThanPanels { k, panels } => {
            tr.tf("plan.err_k_gt_p", &[("k", k), ("panels", panels)])
        }
        E::BadPair(c, p) => tr.tf("plan.err_bad_pair", &[("c", &(c + 1)), ("p", &(p + 1))]),
        E::NotEnoughPanels(short) => {
            let who: Vec<String> = short.iter().map(|c| names(*c)).collect();
            tr.tf("plan.err_not_enough", &[("who", &who.join(", "))])
        }
        E::RequiredPairImpossible(c, p) => {
            tr.tf("plan.err_required", &[("c", &names(*c)), ("p", &(p + 1))])
        }
        E::TooLarge => tr.tf(
            "plan.err_too_large",
            &[
                ("c", &crate::core::plan::MAX_CANDIDATES),
                ("p", &crate::core::plan::MAX_PANELS),
                ("k", &crate::core::plan::MAX_INTERVIEWS),
            ],
        ),
    }
}

/// Why a status change is refused, in one sentence (issue 19).
pub fn path_refusal(tr: Tr, e: &crate::core::path::PathError) -> String {
    use crate::core::path::PathError;
    let date = |d: &chrono::NaiveDate| d.format("%d/%m/%Y").to_string();
    match e {
        PathError::Unchanged => tr.t("path.refused_unchanged").to_string(),
        PathError::WithdrawalBeforeReferral { referred } => {
            tr.tf("path.refused_before_referral", &[("date", &date(referred))])
        }
        PathError::BeforeLatest { latest } => {
            tr.tf("path.refused_before_latest", &[("date", &date(latest))])
        }
        PathError::WithdrawalWithoutReason => tr.t("path.refused_no_reason").to_string(),
        PathError::BackWithoutReason => tr.t("path.refused_back").to_string(),
    }
}

/// « 09:00–12:30 », « 09:00 » without an end, blank without a start.
pub fn time_span(start: Option<chrono::NaiveTime>, end: Option<chrono::NaiveTime>) -> String {
    match (start, end) {
        (Some(s), Some(e)) => format!("{}–{}", s.format("%H:%M"), e.format("%H:%M")),
        (Some(s), None) => s.format("%H:%M").to_string(),
        (None, Some(e)) => format!("–{}", e.format("%H:%M")),
        (None, None) => String::new(),
    }
}

/// Why an agenda file was refused: a first line, then one line per bad item.
pub fn agenda_error(tr: Tr, e: &crate::core::agenda::AgendaError) -> Vec<String> {
    use crate::core::agenda::{AgendaError, ItemProblem, MAX_ITEMS, MAX_TEXT_CHARS};
    let lines = match e {
        AgendaError::File(e) => roster_error(tr, e),
        AgendaError::Toml(line, message) => {
            vec![tr.tf("agenda.err_toml", &[("line", line), ("message", message)])]
        }
        AgendaError::MissingColumns(cols) => vec![tr.tf(
            "import.err_missing_columns",
            &[("columns", &cols.join(", "))],
        )],
        AgendaError::Empty => vec![tr.t("agenda.err_empty").to_string()],
        AgendaError::TooMany(n) => {
            vec![tr.tf("agenda.err_too_many", &[("n", n), ("max", &MAX_ITEMS)])]
        }
        AgendaError::Items(errors) => {
            let mut out = vec![tr.tf("import.err_lines", &[("n", &errors.len())])];
            for e in errors {
                let problem = match &e.problem {
                    ItemProblem::MissingTitle => tr.t("agenda.err_title").to_string(),
                    ItemProblem::BadMinutes(v) => tr.tf("agenda.err_minutes", &[("value", v)]),
                    ItemProblem::UnknownKind(v) => tr.tf("agenda.err_kind", &[("value", v)]),
                    ItemProblem::TooLong => {
                        tr.tf("agenda.err_too_long", &[("max", &MAX_TEXT_CHARS)])
                    }
                };
                out.push(format!(
                    "  {}",
                    tr.tf("import.line", &[("line", &e.line), ("problem", &problem)])
                ));
            }
            out
        }
    };
    lines
        .iter()
        .map(|l| crate::core::text::clean_line(l))
        .collect()
}

/// What an agenda import does: its items with their times, and the speakers found or created.
pub fn agenda_report(
    tr: Tr,
    items: &[crate::core::agenda::AgendaItem],
    links: &[crate::core::agenda::SpeakerLink],
    start: chrono::NaiveTime,
) -> Vec<String> {
    let total = crate::core::agenda::total_minutes(items);
    let mut out = vec![tr.tf(
        "agenda.report_counts",
        &[("n", &items.len()), ("minutes", &total)],
    )];
    let times = crate::core::agenda::planned_times(items, start);
    for (it, (from, to)) in items.iter().zip(times) {
        out.push(format!("  {}", agenda_line(tr, it, from, to)));
    }
    for l in links {
        let key = if l.new.is_some() {
            "agenda.report_new_speaker"
        } else {
            "agenda.report_known_speaker"
        };
        out.push(format!("  {}", tr.tf(key, &[("name", &l.speaker)])));
    }
    out.iter()
        .map(|l| crate::core::text::clean_line(l))
        .collect()
}

/// One item of a run of show: « 09:30–10:00  Les métiers · Exposé · Claire Roux (FFB) ».
pub fn agenda_line(
    tr: Tr,
    it: &crate::core::agenda::AgendaItem,
    from: chrono::NaiveTime,
    to: chrono::NaiveTime,
) -> String {
    format!(
        "{}–{}  {} · {}{}",
        from.format("%H:%M"),
        to.format("%H:%M"),
        it.title,
        tr.t(it.kind.label()),
        it.speaker
            .as_deref()
            .map(|s| format!(" · {s}"))
            .unwrap_or_default()
    )
}
