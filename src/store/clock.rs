//! Clock events of a session, each committed as it happens.

use chrono::NaiveDateTime;
use rusqlite::params;

use super::{Result, Store};
use crate::core::clock::ClockEvent;
use crate::core::domain::Id;

const FORMAT: &str = "%Y-%m-%dT%H:%M:%S%.3f";

impl Store {
    /// Appends one event.
    pub fn add_clock_event(&self, session_id: Id, e: &ClockEvent) -> Result<()> {
        let (kind, value) = match *e {
            ClockEvent::Start(_) => ("start", 0),
            ClockEvent::Pause(_) => ("pause", 0),
            ClockEvent::Resume(_) => ("resume", 0),
            ClockEvent::Nudge(_, s) => ("nudge", s),
            ClockEvent::Skip(_) => ("skip", 0),
            ClockEvent::Jump(_, r) => ("jump", r as i64),
            ClockEvent::End(_) => ("end", 0),
        };
        self.conn
            .prepare_cached(
                "INSERT INTO clock_event (session_id, at, kind, value) VALUES (?1, ?2, ?3, ?4)",
            )?
            .execute(params![
                session_id,
                e.at().format(FORMAT).to_string(),
                kind,
                value
            ])?;
        Ok(())
    }

    /// Every event of a session, in time order.
    pub fn clock_events(&self, session_id: Id) -> Result<Vec<ClockEvent>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT at, kind, value FROM clock_event WHERE session_id = ?1 ORDER BY at, id",
        )?;
        let rows = stmt.query_map([session_id], |r| {
            Ok((
                r.get::<_, String>(0)?,
                r.get::<_, String>(1)?,
                r.get::<_, i64>(2)?,
            ))
        })?;
        let mut out = Vec::new();
        for row in rows {
            let (at, kind, value) = row?;
            let Ok(t) = NaiveDateTime::parse_from_str(&at, FORMAT) else {
                continue;
            };
            out.push(match kind.as_str() {
                "start" => ClockEvent::Start(t),
                "pause" => ClockEvent::Pause(t),
                "resume" => ClockEvent::Resume(t),
                "nudge" => ClockEvent::Nudge(t, value),
                "skip" => ClockEvent::Skip(t),
                "jump" => ClockEvent::Jump(t, value.max(0) as usize),
                _ => ClockEvent::End(t),
            });
        }
        Ok(out)
    }
}
