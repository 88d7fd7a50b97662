//! What the programme report (issue 21) reads: one function per query over the cohorts in scope,
//! and other laptops' files attached read-only one at a time (SQLite attaches at most 10 at
//! once: decisions.md « Several files (#18) »).
//!
//! The loaders take a bare connection so the same SQL reads the open database and an attached
//! file: on an in-memory connection with one file attached, unqualified table names resolve to it.

use std::path::{Path, PathBuf};

use rusqlite::{Connection, OpenFlags, Row, params};

use super::path::copy_counts;
use super::{MIGRATIONS, Result, StoreError, parse_date};
use crate::core::attendance::AttendanceStatus;
use crate::core::domain::{Id, Role, Sector, SessionKind};
use crate::core::feedback::Feedback;
use crate::core::path::{Change, Funnel, Status, Withdrawal};
use crate::core::report::{
    ActionRow, AttendanceCount, CohortRow, FeedbackRow, MemberRow, NameRow, OutcomeCount,
    ProposalCount, ReportRows, Scope, SessionCount, StatusRow,
};

/// The cohorts in scope, as a CTE every loader starts with: `?1` cohort id or year, `?2`
/// establishment (NULL: all). A cohort's year is its start date's, else its first session's.
const IN_SCOPE: &str = "WITH sel AS (
    SELECT c.id FROM cohort c
    WHERE CASE WHEN ?3 = 'cohort' THEN c.id = ?1
          ELSE substr(COALESCE(c.start_date,
                      (SELECT MIN(s.date) FROM session s WHERE s.cohort_id = c.id)), 1, 4) = ?1
               AND (?2 IS NULL OR c.establishment = ?2) END)";

fn scope_params(scope: &Scope) -> (String, Option<String>, &'static str) {
    match scope {
        Scope::Cohort { id } => (id.to_string(), None, "cohort"),
        Scope::Year {
            year,
            establishment,
        } => (format!("{year:04}"), establishment.clone(), "year"),
    }
}

/// Runs one loader's query (after the scope CTE) and maps its rows.
fn load<T>(
    conn: &Connection,
    scope: &Scope,
    sql: &str,
    map: impl FnMut(&Row<'_>) -> rusqlite::Result<Option<T>>,
) -> Result<Vec<T>> {
    let (a, b, kind) = scope_params(scope);
    let mut stmt = conn.prepare_cached(&format!("{IN_SCOPE} {sql}"))?;
    let rows = stmt.query_map(params![a, b, kind], map)?;
    let mut out = Vec::new();
    for r in rows {
        // A row with a code this build does not know is left out rather than failing the report.
        if let Some(v) = r? {
            out.push(v);
        }
    }
    Ok(out)
}

/// The cohorts in scope.
pub fn report_cohorts(conn: &Connection, scope: &Scope) -> Result<Vec<CohortRow>> {
    load(
        conn,
        scope,
        "SELECT id, name, establishment FROM cohort WHERE id IN sel ORDER BY start_date, name, id",
        |r| {
            Ok(Some(CohortRow {
                id: r.get(0)?,
                name: r.get(1)?,
                establishment: r.get(2)?,
            }))
        },
    )
}

/// Sessions by cohort and kind.
pub fn report_sessions(conn: &Connection, scope: &Scope) -> Result<Vec<SessionCount>> {
    load(
        conn,
        scope,
        "SELECT cohort_id, kind, COUNT(*) FROM session WHERE cohort_id IN sel
         GROUP BY cohort_id, kind",
        |r| {
            let kind: String = r.get(1)?;
            Ok(SessionKind::from_code(&kind).map(|kind| SessionCount {
                cohort_id: r.get(0).unwrap_or_default(),
                kind,
                count: r.get::<_, i64>(2).map_or(0, |n| n.max(0) as usize),
            }))
        },
    )
}

/// Candidates' attendance rows by cohort, session kind and status (those on the list only).
pub fn report_attendance(conn: &Connection, scope: &Scope) -> Result<Vec<AttendanceCount>> {
    load(
        conn,
        scope,
        "SELECT s.cohort_id, s.kind, a.status, COUNT(*)
         FROM attendance a JOIN session s ON s.id = a.session_id
         JOIN membership m ON m.cohort_id = s.cohort_id AND m.person_id = a.person_id
         WHERE s.cohort_id IN sel AND m.role = 'candidate' AND a.expected = 1
         GROUP BY s.cohort_id, s.kind, a.status",
        |r| {
            let kind: String = r.get(1)?;
            let status: String = r.get(2)?;
            Ok(
                match (
                    SessionKind::from_code(&kind),
                    AttendanceStatus::from_code(&status),
                ) {
                    (Some(kind), Some(status)) => Some(AttendanceCount {
                        cohort_id: r.get(0)?,
                        kind,
                        status,
                        count: r.get::<_, i64>(3)?.max(0) as usize,
                    }),
                    _ => None,
                },
            )
        },
    )
}

/// Feedback of the job-training sessions (ratings filled by [`report_ratings`]).
pub fn report_feedback(conn: &Connection, scope: &Scope) -> Result<Vec<FeedbackRow>> {
    load(
        conn,
        scope,
        "SELECT s.cohort_id, f.id, f.session_id, f.candidate_id, f.round, f.criteria_set,
                f.strengths, f.to_work_on, f.advice, f.notes, f.opinion
         FROM feedback f JOIN session s ON s.id = f.session_id
         WHERE s.cohort_id IN sel AND s.kind = 'job_training'
         ORDER BY f.id",
        |r| {
            Ok(Some(FeedbackRow {
                cohort_id: r.get(0)?,
                feedback: Feedback {
                    id: r.get(1)?,
                    session_id: r.get(2)?,
                    candidate_id: r.get(3)?,
                    round: r.get(4)?,
                    criteria_set: r.get(5)?,
                    strengths: r.get(6)?,
                    to_work_on: r.get(7)?,
                    advice: r.get(8)?,
                    notes: r.get(9)?,
                    opinion: r.get(10)?,
                    ..Feedback::default()
                },
            }))
        },
    )
}

/// The ratings of those feedback: (feedback id, criterion, rating), by feedback id.
pub fn report_ratings(conn: &Connection, scope: &Scope) -> Result<Vec<(i64, String, u8)>> {
    load(
        conn,
        scope,
        "SELECT r.feedback_id, r.criterion, r.rating
         FROM feedback_rating r JOIN feedback f ON f.id = r.feedback_id
         JOIN session s ON s.id = f.session_id
         WHERE s.cohort_id IN sel AND s.kind = 'job_training'
         ORDER BY r.feedback_id",
        |r| Ok(Some((r.get(0)?, r.get(1)?, r.get(2)?))),
    )
}

/// Proposals by cohort, kind and status.
pub fn report_proposals(conn: &Connection, scope: &Scope) -> Result<Vec<ProposalCount>> {
    load(
        conn,
        scope,
        "SELECT s.cohort_id, p.kind, p.status, COUNT(*)
         FROM proposal p JOIN session s ON s.id = p.session_id
         WHERE s.cohort_id IN sel GROUP BY s.cohort_id, p.kind, p.status",
        |r| {
            Ok(Some(ProposalCount {
                cohort_id: r.get(0)?,
                kind: r.get(1)?,
                status: r.get(2)?,
                count: r.get::<_, i64>(3)?.max(0) as usize,
            }))
        },
    )
}

/// Action items with their owner and candidate.
pub fn report_actions(conn: &Connection, scope: &Scope) -> Result<Vec<ActionRow>> {
    load(
        conn,
        scope,
        "SELECT a.cohort_id, a.what, a.status, a.due_date,
                o.first_name, o.last_name, om.role,
                EXISTS (SELECT 1 FROM person_named n WHERE n.person_id = o.id),
                c.first_name || ' ' || c.last_name
         FROM action_item a
         JOIN person c ON c.id = a.candidate_id
         LEFT JOIN person o ON o.id = a.owner_id
         LEFT JOIN membership om ON om.cohort_id = a.cohort_id AND om.person_id = a.owner_id
         WHERE a.cohort_id IN sel ORDER BY a.id",
        |r| {
            let first: Option<String> = r.get(4)?;
            let role: Option<String> = r.get(6)?;
            Ok(Some(ActionRow {
                cohort_id: r.get(0)?,
                what: r.get(1)?,
                status: r.get(2)?,
                due: parse_date(r.get(3)?),
                owner: match first {
                    Some(first_name) => Some(NameRow {
                        first_name,
                        last_name: r.get::<_, Option<String>>(5)?.unwrap_or_default(),
                        role: role.as_deref().and_then(Role::from_code),
                        named: r.get::<_, Option<bool>>(7)?.unwrap_or(false),
                    }),
                    None => None,
                },
                candidate: r.get(8)?,
            }))
        },
    )
}

/// Members of the cohorts in scope (not archived).
pub fn report_members(conn: &Connection, scope: &Scope) -> Result<Vec<MemberRow>> {
    load(
        conn,
        scope,
        "SELECT m.cohort_id, m.role, p.first_name,
                EXISTS (SELECT 1 FROM person_named n WHERE n.person_id = p.id), p.organisation,
                m.sectors, m.target_area,
                (SELECT sc.status FROM status_change sc
                 WHERE sc.cohort_id = m.cohort_id AND sc.person_id = m.person_id
                 ORDER BY sc.id DESC LIMIT 1),
                p.id, p.uid
         FROM membership m JOIN person p ON p.id = m.person_id
         WHERE m.cohort_id IN sel AND m.archived = 0",
        |r| {
            let role: String = r.get(1)?;
            let sectors: String = r.get(5)?;
            Ok(Role::from_code(&role).map(|role| MemberRow {
                cohort_id: r.get(0).unwrap_or_default(),
                person_id: r.get(8).unwrap_or_default(),
                uid: r.get(9).unwrap_or_default(),
                role,
                first_name: r.get(2).unwrap_or_default(),
                named: r.get(3).unwrap_or(false),
                organisation: r.get(4).unwrap_or_default(),
                sectors: Sector::parse_codes(&sectors),
                target_area: r.get(6).unwrap_or_default(),
                status: r
                    .get::<_, Option<String>>(7)
                    .ok()
                    .flatten()
                    .as_deref()
                    .and_then(Status::from_code),
            }))
        },
    )
}

/// Status changes of the cohorts in scope (status, date, reason; never the note), per person
/// oldest first.
pub fn report_statuses(conn: &Connection, scope: &Scope) -> Result<Vec<StatusRow>> {
    load(
        conn,
        scope,
        "SELECT cohort_id, person_id, status, date, withdrawal FROM status_change
         WHERE cohort_id IN sel ORDER BY cohort_id, person_id, id",
        |r| {
            let status: String = r.get(2)?;
            // An unknown code is left out rather than failing the report.
            let Some(status) = Status::from_code(&status) else {
                return Ok(None);
            };
            let mut change = Change::new(status, parse_date(r.get(3)?).unwrap_or_default());
            change.withdrawal = r
                .get::<_, Option<String>>(4)?
                .as_deref()
                .and_then(Withdrawal::from_code);
            Ok(Some(StatusRow {
                cohort_id: r.get(0)?,
                person_id: r.get(1)?,
                change,
            }))
        },
    )
}

/// The funnels purges kept for the cohorts in scope.
pub fn report_funnel_kept(conn: &Connection, scope: &Scope) -> Result<Vec<(Id, Funnel)>> {
    load(
        conn,
        scope,
        "SELECT cohort_id, reached, current, withdrawals, before_start FROM funnel_tally
         WHERE cohort_id IN sel ORDER BY cohort_id",
        |r| {
            let mut f = Funnel::default();
            copy_counts(&mut f.reached, &r.get::<_, String>(1)?);
            copy_counts(&mut f.current, &r.get::<_, String>(2)?);
            copy_counts(&mut f.withdrawals, &r.get::<_, String>(3)?);
            f.withdrew_before_start = usize::try_from(r.get::<_, i64>(4)?).unwrap_or(0);
            Ok(Some((r.get(0)?, f)))
        },
    )
}

/// Outcomes of the cohorts in scope by milestone and category: those recorded, then those a
/// purge kept.
pub fn report_outcomes(conn: &Connection, scope: &Scope) -> Result<Vec<OutcomeCount>> {
    load(
        conn,
        scope,
        "SELECT cohort_id, milestone, category, count(*), 1 FROM outcome
         WHERE cohort_id IN sel GROUP BY cohort_id, milestone, category
         UNION ALL
         SELECT cohort_id, milestone, category, count, 0 FROM outcome_tally
         WHERE cohort_id IN sel",
        |r| {
            Ok(Some(OutcomeCount {
                cohort_id: r.get(0)?,
                milestone: r.get(1)?,
                category: r.get(2)?,
                count: usize::try_from(r.get::<_, i64>(3)?).unwrap_or(0),
                live: r.get(4)?,
            }))
        },
    )
}

/// Everything the report reads from one database.
pub fn report_rows(conn: &Connection, scope: &Scope) -> Result<ReportRows> {
    let mut feedback = report_feedback(conn, scope)?;
    let mut ratings = report_ratings(conn, scope)?.into_iter().peekable();
    // Both are ordered by feedback id: one merge pass.
    for row in &mut feedback {
        while let Some((id, _, _)) = ratings.peek() {
            if *id < row.feedback.id {
                ratings.next();
            } else {
                break;
            }
        }
        while let Some((_, key, rating)) = ratings.next_if(|(id, _, _)| *id == row.feedback.id) {
            row.feedback.ratings.push((key, rating));
        }
    }
    Ok(ReportRows {
        cohorts: report_cohorts(conn, scope)?,
        sessions: report_sessions(conn, scope)?,
        attendance: report_attendance(conn, scope)?,
        feedback,
        proposals: report_proposals(conn, scope)?,
        actions: report_actions(conn, scope)?,
        members: report_members(conn, scope)?,
        statuses: report_statuses(conn, scope)?,
        funnel_kept: report_funnel_kept(conn, scope)?,
        outcomes: report_outcomes(conn, scope)?,
    })
}

/// `file:` URI of a path, read-only (`?` and `#` would end the path; `%` starts an escape).
fn read_only_uri(path: &Path) -> String {
    let text = path.to_string_lossy();
    let mut uri = String::from("file:");
    for c in text.chars() {
        match c {
            '%' => uri.push_str("%25"),
            '?' => uri.push_str("%3f"),
            '#' => uri.push_str("%23"),
            c => uri.push(c),
        }
    }
    uri.push_str("?mode=ro");
    uri
}

/// Reads the report rows of each file, attached read-only one at a time to an in-memory
/// connection (never copied, never written). A file of another schema version, of another
/// application or not a database is refused by name before anything is read from it.
pub fn read_files(paths: &[PathBuf], scope: &Scope) -> Result<Vec<ReportRows>> {
    let conn = Connection::open_with_flags(
        ":memory:",
        OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_URI,
    )?;
    let mut out = Vec::with_capacity(paths.len());
    for path in paths {
        if !path.is_file() {
            return Err(StoreError::NotRegular(path.clone()));
        }
        conn.execute("ATTACH DATABASE ?1 AS f", [read_only_uri(path)])?;
        let rows = read_attached(&conn, path, scope);
        conn.execute_batch("DETACH DATABASE f")?;
        out.push(rows?);
    }
    Ok(out)
}

fn read_attached(conn: &Connection, path: &Path, scope: &Scope) -> Result<ReportRows> {
    let app: i64 = conn
        .query_row("PRAGMA f.application_id", [], |r| r.get(0))
        .map_err(|_| StoreError::NotSqlite(path.to_path_buf()))?;
    if app != super::APPLICATION_ID {
        return Err(StoreError::ForeignDatabase(path.to_path_buf()));
    }
    let found: i64 = conn.query_row("PRAGMA f.user_version", [], |r| r.get(0))?;
    let expected = MIGRATIONS.len() as i64;
    if found != expected {
        return Err(StoreError::OtherVersion {
            path: path.to_path_buf(),
            found,
            expected,
        });
    }
    report_rows(conn, scope)
}

impl super::Store {
    /// Sets a professional's « nommé dans les bilans » flag (their first name in partner reports).
    pub fn set_named_in_reports(
        &self,
        person_id: crate::core::domain::Id,
        named: bool,
    ) -> Result<()> {
        let exists: bool = self.conn.query_row(
            "SELECT EXISTS (SELECT 1 FROM person WHERE id = ?1)",
            [person_id],
            |r| r.get(0),
        )?;
        if !exists {
            return Err(StoreError::NotFound);
        }
        if named {
            self.conn.execute(
                "INSERT OR IGNORE INTO person_named (person_id) VALUES (?1)",
                [person_id],
            )?;
        } else {
            self.conn
                .execute("DELETE FROM person_named WHERE person_id = ?1", [person_id])?;
        }
        Ok(())
    }

    /// Whether a person agreed to be named in partner reports.
    pub fn named_in_reports(&self, person_id: crate::core::domain::Id) -> Result<bool> {
        Ok(self.conn.query_row(
            "SELECT EXISTS (SELECT 1 FROM person_named WHERE person_id = ?1)",
            [person_id],
            |r| r.get(0),
        )?)
    }
}
