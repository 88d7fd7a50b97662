//! Settings of a job-training session.

use rusqlite::{OptionalExtension, params};

use super::{Result, Store};
use crate::core::domain::Id;
use crate::core::settings::{SessionSettings, format_breaks, parse_breaks};

impl Store {
    /// The session's settings, or the defaults when none were saved.
    pub fn session_settings(&self, session_id: Id) -> Result<SessionSettings> {
        let row = self
            .conn
            .prepare_cached(
                "SELECT interviews_per_candidate, interview_minutes, feedback_minutes,
                        changeover_minutes, breaks, warn_first_seconds, warn_second_seconds,
                        criteria_set
                 FROM session_settings WHERE session_id = ?1",
            )?
            .query_row([session_id], |r| {
                let breaks: String = r.get(4)?;
                Ok(SessionSettings {
                    interviews_per_candidate: r.get(0)?,
                    interview_minutes: r.get(1)?,
                    feedback_minutes: r.get(2)?,
                    changeover_minutes: r.get(3)?,
                    breaks: parse_breaks(&breaks).unwrap_or_default(),
                    warn_first_seconds: r.get(5)?,
                    warn_second_seconds: r.get(6)?,
                    criteria_set: r.get(7)?,
                })
            })
            .optional()?;
        Ok(row.unwrap_or_default())
    }

    /// Saves the session's settings (the caller validated them).
    pub fn save_session_settings(&self, session_id: Id, s: &SessionSettings) -> Result<()> {
        self.conn.execute(
            "INSERT INTO session_settings (session_id, interviews_per_candidate, interview_minutes,
                 feedback_minutes, changeover_minutes, breaks, warn_first_seconds,
                 warn_second_seconds, criteria_set)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)
             ON CONFLICT(session_id) DO UPDATE SET
                 interviews_per_candidate = excluded.interviews_per_candidate,
                 interview_minutes = excluded.interview_minutes,
                 feedback_minutes = excluded.feedback_minutes,
                 changeover_minutes = excluded.changeover_minutes,
                 breaks = excluded.breaks,
                 warn_first_seconds = excluded.warn_first_seconds,
                 warn_second_seconds = excluded.warn_second_seconds,
                 criteria_set = excluded.criteria_set",
            params![
                session_id,
                s.interviews_per_candidate,
                s.interview_minutes,
                s.feedback_minutes,
                s.changeover_minutes,
                format_breaks(&s.breaks),
                s.warn_first_seconds,
                s.warn_second_seconds,
                super::line(&s.criteria_set)
            ],
        )?;
        Ok(())
    }
}
