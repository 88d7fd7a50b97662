//! Printed sheets of a session (#11): A4, self-contained HTML like the grand oral export —
//! émargement, outside visitors for the access request, movements for the escorts, one sheet per
//! table with blank grids, one route per candidate, and everything held about one person.

use std::fmt::Write;

use chrono::{NaiveDateTime, NaiveTime};

use super::html::esc;
use crate::core::attendance::Attendance;
use crate::core::clock::Timetable;
use crate::core::domain::{Cohort, Id, Member, Panel, Role, Session, StaffRole};
use crate::core::expect::{Change, Interview, changes};
use crate::core::feedback::{CriteriaSets, Criterion};
use crate::core::settings::SessionSettings;
use crate::i18n::{Lang, Tr};
use crate::store::{Result, Store};

/// A printable sheet of a session.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Sheet {
    /// Feuille d'émargement (blank, or filled with the recorded times).
    Attendance {
        /// Recorded arrival and departure times printed in.
        filled: bool,
    },
    /// Outside visitors for the establishment's access request.
    Visitors,
    /// Movements for the escort staff.
    Movements,
    /// One sheet per table with blank feedback grids.
    Tables,
    /// One route per candidate.
    Routes,
    /// What changed since the plan sheets were last printed, by time (#14).
    Changes,
}

impl Sheet {
    /// Every sheet, in the order menus offer them.
    pub const ALL: [Sheet; 7] = [
        Sheet::Attendance { filled: false },
        Sheet::Attendance { filled: true },
        Sheet::Visitors,
        Sheet::Movements,
        Sheet::Tables,
        Sheet::Routes,
        Sheet::Changes,
    ];

    /// Stable code (command line, file names).
    pub fn code(self) -> &'static str {
        match self {
            Sheet::Attendance { filled: false } => "emargement",
            Sheet::Attendance { filled: true } => "emargement-rempli",
            Sheet::Visitors => "intervenants",
            Sheet::Movements => "mouvements",
            Sheet::Tables => "tables",
            Sheet::Routes => "routes",
            Sheet::Changes => "modifications",
        }
    }

    /// True for the sheets printed from the plan (their print is the « printed version »).
    pub fn from_plan(self) -> bool {
        matches!(
            self,
            Sheet::Movements | Sheet::Tables | Sheet::Routes | Sheet::Changes
        )
    }

    /// Parses a code.
    pub fn parse(code: &str) -> Option<Sheet> {
        Sheet::ALL.into_iter().find(|s| s.code() == code)
    }
}

/// What the sheets of a session are made from.
#[derive(Debug, Clone)]
pub struct SheetRows {
    /// The cohort.
    pub cohort: Cohort,
    /// The session.
    pub session: Session,
    /// The cohort's members.
    pub members: Vec<Member>,
    /// The session's list.
    pub attendance: Vec<Attendance>,
    /// Its binômes.
    pub panels: Vec<Panel>,
    /// The plan's interviews: (round from 1, panel, candidate).
    pub interviews: Vec<(u32, Option<Id>, Id)>,
    /// Its settings.
    pub settings: SessionSettings,
    /// The plan version printed from (row id), if any.
    pub plan_id: Option<Id>,
    /// False until the timer starts: the plan is « prévisionnel ».
    pub started: bool,
    /// The last printed plan version's interviews, and when it was printed (ISO local time).
    pub printed: Option<(Vec<Interview>, String)>,
    /// The criteria of its set (the tables' blank grids).
    pub criteria: Vec<Criterion>,
}

/// Loads the rows of a session's sheets; its criteria set is looked up in `sets`.
pub fn load(store: &Store, session_id: Id, sets: &CriteriaSets) -> Result<SheetRows> {
    let session = store.session(session_id)?;
    let cohort = store.cohort(session.cohort_id)?;
    let latest = store.latest_plan(session_id)?;
    let plan_id = latest.as_ref().map(|p| p.id);
    let interviews = latest
        .map(|p| {
            p.interviews
                .into_iter()
                .map(|i| (i.round, i.panel_id, i.candidate_id))
                .collect()
        })
        .unwrap_or_default();
    let printed = match store.last_printed_plan(session_id)? {
        Some((id, at)) => Some((store.plan_interviews(id)?, at)),
        None => None,
    };
    let settings = store.session_settings(session_id)?;
    let criteria = sets
        .get(&settings.criteria_set)
        .map(|set| set.criteria.clone())
        .unwrap_or_default();
    Ok(SheetRows {
        plan_id,
        started: store.day_started(session_id)?,
        printed,
        members: store.list_members(cohort.id)?,
        attendance: store.list_attendance(session_id)?,
        panels: store.list_panels(session_id)?,
        settings,
        criteria,
        interviews,
        cohort,
        session,
    })
}

impl SheetRows {
    fn member(&self, id: Id) -> Option<&Member> {
        self.members.iter().find(|m| m.person.id == id)
    }

    /// (start, end) of each round's interview, from the session's start (09:00 if none).
    fn times(&self) -> Vec<(NaiveTime, NaiveTime)> {
        let mut rounds = self.interviews.iter().map(|i| i.0).max().unwrap_or(0) as usize;
        // The printed version may have had more rounds: its times are read on the same clock.
        if let Some((old, _)) = &self.printed {
            rounds = rounds.max(old.iter().map(|i| i.0).max().unwrap_or(0) as usize);
        }
        let start = self
            .session
            .start_time
            .or_else(|| NaiveTime::from_hms_opt(9, 0, 0))
            .unwrap_or_default();
        Timetable::new(rounds, &self.settings).interview_times(start)
    }

    fn time_of(&self, round: u32) -> Option<(NaiveTime, NaiveTime)> {
        self.times().get(round.checked_sub(1)? as usize).copied()
    }

    /// « 09:00–09:20 », the interview of a round.
    fn slot(&self, round: u32) -> String {
        self.time_of(round)
            .map(|(s, e)| format!("{}–{}", s.format("%H:%M"), e.format("%H:%M")))
            .unwrap_or_default()
    }

    fn table(&self, tr: Tr, panel: Option<Id>) -> String {
        panel
            .and_then(|id| self.panels.iter().find(|p| p.id == id))
            .map(|p| format!("{} {}", tr.t("panels.table_word"), p.table_name))
            .unwrap_or_else(|| "—".into())
    }

    /// The people expected at the session, by role then name.
    fn listed(&self) -> Vec<(&Member, &Attendance)> {
        let mut out = Vec::new();
        for role in Role::ALL {
            for m in self.members.iter().filter(|m| m.role == role) {
                if let Some(a) = self.attendance.iter().find(|a| a.person_id == m.person.id) {
                    out.push((m, a));
                }
            }
        }
        out
    }
}

const STYLE: &str = "
@page { size: A4; margin: 12mm 12mm; }
* { box-sizing: border-box; }
body { font-family: 'DejaVu Sans', Arial, Helvetica, sans-serif; font-size: 9.5pt; color: #111; margin: 0; }
section { break-after: page; page-break-after: always; }
section:last-of-type { break-after: auto; page-break-after: auto; }
h1 { font-size: 15pt; margin: 0 0 2pt; }
h2 { font-size: 11pt; margin: 8pt 0 3pt; }
p { margin: 2pt 0; }
.sub { color: #333; }
table { border-collapse: collapse; width: 100%; margin-top: 4pt; }
th, td { border: 1px solid #888; padding: 3pt 4pt; text-align: left; vertical-align: top; }
th { background: #eee; font-size: 8.5pt; }
td.sign { height: 22pt; width: 28%; }
td.box { width: 12pt; text-align: center; }
.grid { display: flex; gap: 5pt; margin: 1pt 0 5pt; page-break-inside: avoid; break-inside: avoid; }
.grid > table { flex: 0 0 60%; margin: 0; font-size: 7.5pt; }
.grid > table td, .grid > table th { padding: 1pt 3pt; white-space: nowrap; overflow: hidden; max-width: 70mm; }
.grid .notes { flex: 1; display: flex; flex-direction: column; gap: 2pt; }
.write { flex: 1; border: 1px solid #888; padding: 1pt 3pt; font-size: 7pt; color: #555; }
.lines { border: 1px solid #888; height: 120pt; padding: 2pt 4pt; color: #555; }
.foot { margin-top: 6pt; font-size: 7.5pt; color: #555; }
.cand { font-weight: bold; margin-top: 2pt; font-size: 9pt; }
";

fn document(tr: Tr, title: &str, sections: &[String]) -> String {
    let lang = if tr.lang == Lang::En { "en" } else { "fr" };
    let mut out = format!(
        "<!DOCTYPE html>\n<html lang=\"{lang}\">\n<head>\n<meta charset=\"utf-8\">\n<title>{}</title>\n<style>{STYLE}</style>\n</head>\n<body>\n",
        esc(title)
    );
    for s in sections {
        out.push_str(s);
    }
    out.push_str("</body>\n</html>\n");
    out
}

/// The head of every page: what, which session, where; « prévisionnel — imprimé le … » while
/// the day has not started.
fn page_head(rows: &SheetRows, tr: Tr, title: &str, generated: NaiveDateTime) -> String {
    let mut head = page_head_plain(rows, tr, title);
    if !rows.started {
        let _ = writeln!(
            head,
            // Inline: the style sheet of every printed sheet stays as it was.
            "<p class=\"provisional\" style=\"border: 1px solid #111; padding: 2pt 4pt; display: inline-block\"><b>{}</b></p>",
            esc(&provisional_line(tr, generated))
        );
    }
    head
}

/// « prévisionnel — imprimé le 07/12/2026 à 16:10 ».
pub fn provisional_line(tr: Tr, generated: NaiveDateTime) -> String {
    tr.tf(
        "expect.provisional_printed",
        &[
            ("date", &tr.date_numeric(generated.date())),
            ("time", &generated.format("%H:%M")),
        ],
    )
}

fn page_head_plain(rows: &SheetRows, tr: Tr, title: &str) -> String {
    let s = &rows.session;
    let mut line = format!(
        "{} · {} {}",
        tr.t(&format!("kind.{}", s.kind.code())),
        tr.date_short(s.date),
        s.date.format("%Y")
    );
    if let Some(t) = s.start_time {
        let _ = write!(line, " · {}", t.format("%H:%M"));
    }
    if !s.place.is_empty() {
        let _ = write!(line, " · {}", s.place);
    }
    format!(
        "<h1>{}</h1>\n<p class=\"sub\">{} — {}</p>\n<p class=\"sub\">{}</p>\n",
        esc(title),
        esc(&rows.cohort.name),
        esc(&rows.cohort.establishment),
        esc(&line)
    )
}

/// A page that only says why there is nothing to print yet.
fn notice_page(
    rows: &SheetRows,
    tr: Tr,
    title: &str,
    key: &str,
    generated: NaiveDateTime,
) -> String {
    let mut body = page_head(rows, tr, title, generated);
    let _ = writeln!(body, "<p>{}</p>", esc(tr.t(key)));
    format!("<section>\n{body}</section>\n")
}

fn foot(tr: Tr, generated: NaiveDateTime) -> String {
    format!(
        "<p class=\"foot\">{}</p>\n",
        esc(&super::generated_line(tr, generated))
    )
}

/// Renders a sheet of a session.
pub fn render(rows: &SheetRows, sheet: Sheet, tr: Tr, generated: NaiveDateTime) -> String {
    match sheet {
        Sheet::Attendance { filled } => attendance(rows, tr, filled, generated),
        Sheet::Visitors => visitors(rows, tr, generated),
        Sheet::Movements => movements(rows, tr, generated),
        Sheet::Tables => tables(rows, tr, generated),
        Sheet::Routes => routes(rows, tr, generated),
        Sheet::Changes => modifications(rows, tr, generated),
    }
}

fn attendance(rows: &SheetRows, tr: Tr, filled: bool, generated: NaiveDateTime) -> String {
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
                (
                    a.arrived_at
                        .map(|t| t.format("%H:%M").to_string())
                        .unwrap_or(status),
                    a.left_at
                        .map(|t| t.format("%H:%M").to_string())
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

fn visitors(rows: &SheetRows, tr: Tr, generated: NaiveDateTime) -> String {
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
    for (m, _) in rows.listed().into_iter().filter(|(m, _)| is_visitor(m)) {
        let role = match (m.role, m.staff_role) {
            (Role::Staff, Some(r)) => tr.t(&format!("staff_role.{}", r.code())),
            (role, _) => tr.t(&format!("role.one.{}", role.code())),
        };
        let _ = writeln!(
            body,
            "<tr><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td class=\"sign\"></td><td class=\"sign\"></td></tr>",
            esc(&m.person.last_name.to_uppercase()),
            esc(&m.person.first_name),
            esc(&m.person.organisation),
            esc(role)
        );
    }
    body.push_str("</table>\n");
    body.push_str(&foot(tr, generated));
    document(tr, title, &[format!("<section>\n{body}</section>\n")])
}

fn movements(rows: &SheetRows, tr: Tr, generated: NaiveDateTime) -> String {
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

fn tables(rows: &SheetRows, tr: Tr, generated: NaiveDateTime) -> String {
    let title = tr.t("sheet.tables");
    let criteria: Vec<String> = rows
        .criteria
        .iter()
        .map(|c| tr.pick(&c.label_fr, &c.label_en).to_string())
        .collect();
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
            let _ = write!(
                body,
                "</table>\n<div class=\"notes\">\n<div class=\"write\">{}</div>\n<div class=\"write\">{}</div>\n<div class=\"write\">{}</div>\n</div>\n</div>\n",
                esc(tr.t("feedback.strengths")),
                esc(tr.t("feedback.to_work_on")),
                esc(tr.t("export.proposals"))
            );
        }
        body.push_str(&foot(tr, generated));
        sections.push(format!("<section class=\"table\">\n{body}</section>\n"));
    }
    if sections.is_empty() {
        sections.push(notice_page(rows, tr, title, "sheet.no_panels", generated));
    }
    document(tr, title, &sections)
}

fn routes(rows: &SheetRows, tr: Tr, generated: NaiveDateTime) -> String {
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
fn modifications(rows: &SheetRows, tr: Tr, generated: NaiveDateTime) -> String {
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

/// Everything held about one person (right of access), full audience, with who produced it and
/// when, judged against `sets`. None when nobody has that id.
pub fn person(
    store: &Store,
    sets: &CriteriaSets,
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
                let times = match (a.arrived_at, a.left_at) {
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
        // As a candidate: what the binômes said, the proposals, the actions, the staff's notes.
        if m.role == Role::Candidate {
            let rows = store.summary_rows(
                sessions
                    .iter()
                    .find(|s| crate::core::summary::summarises(s.kind))
                    .map_or(0, |s| s.id),
            );
            if let Ok(rows) = rows
                && let Some(c) = crate::core::summary::build_one(&rows.input(sets), person_id)
            {
                let one = crate::core::summary::Summary {
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
                };
                // The grand oral page of this candidate, full audience, inside this sheet.
                super::html::candidate(&mut blocks, &one, &one.candidates[0], tr, generated, "div");
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
        "<h2>{}</h2>\n<p>{} {} · {} · {} · {}</p>",
        esc(tr.t("sheet.identity")),
        esc(&m.person.first_name),
        esc(&m.person.last_name),
        esc(&m.person.organisation),
        esc(&m.person.phone),
        esc(&m.person.email)
    );
    body.push_str(&blocks);
    body.push_str(&foot(tr, generated));
    Ok(Some(document(
        tr,
        title,
        &[format!("<section>\n{body}</section>\n")],
    )))
}
