//! Printed sheets of a session (#11): A4, self-contained HTML like the grand oral export —
//! émargement, outside visitors for the access request, movements for the escorts, one sheet per
//! table with blank grids, one route per candidate, and everything held about one person.

use std::fmt::Write;

use chrono::{NaiveDateTime, NaiveTime};

use super::html::esc;
use crate::core::agenda::AgendaItem;
use crate::core::attendance::Attendance;
use crate::core::clock::Timetable;
use crate::core::domain::{Cohort, Id, Member, Panel, Role, Sector, Session, StaffRole};
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
    /// The programme of a themed day for the establishment (issue 22): its run of show.
    Programme,
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
            Sheet::Programme => "programme",
        }
    }

    /// True for the sheets printed from the plan (their print is the « printed version »).
    pub fn from_plan(self) -> bool {
        matches!(
            self,
            Sheet::Movements | Sheet::Tables | Sheet::Routes | Sheet::Changes
        )
    }

    /// The sheets the print menu offers for a kind of session: a themed day's attendance
    /// sheets, access list and programme; every other day's sheets of [`Sheet::ALL`].
    pub fn for_kind(kind: crate::core::domain::SessionKind) -> Vec<Sheet> {
        if kind == crate::core::domain::SessionKind::ThemedDay {
            vec![
                Sheet::Attendance { filled: false },
                Sheet::Attendance { filled: true },
                Sheet::Visitors,
                Sheet::Programme,
            ]
        } else {
            Sheet::ALL.to_vec()
        }
    }

    /// Parses a code. The programme is not in [`Sheet::ALL`] (the sheets of a rotation day that
    /// the print menu offers): it is printed for themed days, by its code.
    pub fn parse(code: &str) -> Option<Sheet> {
        Sheet::ALL
            .into_iter()
            .chain([Sheet::Programme])
            .find(|s| s.code() == code)
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
    /// A themed day's run of show.
    pub agenda: Vec<AgendaItem>,
    /// The sectors a themed day presents.
    pub sectors: Vec<Sector>,
    /// Mentors whose pairing brings them inside on the session's date (the access list).
    pub mentors_inside: Vec<Id>,
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
    let members = store.list_members(cohort.id)?;
    let criteria = sets
        .get(&settings.criteria_set)
        .map(|set| set.criteria.clone())
        .unwrap_or_default();
    Ok(SheetRows {
        agenda: store
            .agenda_items(session_id)?
            .into_iter()
            .map(|s| s.item)
            .collect(),
        sectors: store.session_sectors(session_id)?,
        plan_id,
        started: store.day_started(session_id)?,
        printed,
        mentors_inside: crate::core::followup::mentors_inside(
            &store.list_pairings(cohort.id)?,
            &members,
            session.date,
        ),
        members,
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
        Sheet::Programme => programme(rows, tr, generated),
    }
}

mod day;
mod person;
mod plan;

use day::{attendance, movements, programme, visitors};
pub use person::person;
pub use plan::has_printed_plan;
use plan::{modifications, routes, tables};
