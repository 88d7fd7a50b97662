//! Purge: a cohort's personal data erased from the file, its journal and the automatic copies,
//! keeping only anonymous counts per session.

use chrono::NaiveDate;
use rusqlite::params;

use super::{Result, Store, date_text};
use crate::core::domain::Id;

/// What a purge erased.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct PurgeReport {
    /// Sessions whose data was erased (their date and kind stay, with counts).
    pub sessions: usize,
    /// People removed from the cohort.
    pub people: usize,
    /// Of whom erased entirely (in no other cohort).
    pub persons_erased: usize,
    /// Feedback rows erased.
    pub feedback: usize,
    /// Copies beside the database deleted (then one fresh, purged copy written).
    pub copies_deleted: usize,
    /// Files Passerelle wrote elsewhere (exports, prints, `backup -o`) that are still there:
    /// out of purge's reach, named so that the user deletes them.
    pub unreached: Vec<std::path::PathBuf>,
}

impl Store {
    /// Sessions a purge would touch, and the people it would remove (None: before no date).
    pub fn purge_preview(
        &self,
        cohort_id: Id,
        before: Option<NaiveDate>,
    ) -> Result<(usize, usize)> {
        let sessions = self.purged_sessions(cohort_id, before)?.len();
        let people = if before.is_none() {
            self.conn.query_row(
                "SELECT count(*) FROM membership WHERE cohort_id = ?1",
                [cohort_id],
                |r| r.get::<_, i64>(0),
            )? as usize
        } else {
            0
        };
        Ok((sessions, people))
    }

    fn purged_sessions(&self, cohort_id: Id, before: Option<NaiveDate>) -> Result<Vec<Id>> {
        let before = before.map(date_text).unwrap_or_else(|| "9999-12-31".into());
        Ok(self
            .conn
            .prepare("SELECT id FROM session WHERE cohort_id = ?1 AND date < ?2")?
            .query_map(params![cohort_id, before], |r| r.get(0))?
            .collect::<rusqlite::Result<_>>()?)
    }

    /// Erases the personal data of a cohort (or only of its sessions before `before`), then
    /// VACUUM, empties the journal and replaces every copy beside the database (daily,
    /// pre-migration, `backup`, before-restore, temporary files a kill left) by one purged copy.
    pub fn purge(
        &mut self,
        cohort_id: Id,
        before: Option<NaiveDate>,
        today: NaiveDate,
    ) -> Result<PurgeReport> {
        let sessions = self.purged_sessions(cohort_id, before)?;
        let mut report = PurgeReport {
            sessions: sessions.len(),
            ..PurgeReport::default()
        };
        // The anonymous funnel outlives the statuses (counted before the transaction borrows).
        let funnel = match before {
            None => Some(self.funnel(cohort_id)?),
            Some(_) => None,
        };
        let tx = self.conn.transaction()?;
        for s in &sessions {
            let count = |sql: &str| tx.query_row(sql, [s], |r| r.get::<_, i64>(0));
            let expected = count("SELECT count(*) FROM attendance WHERE session_id = ?1")?;
            let present = count(
                "SELECT count(*) FROM attendance WHERE session_id = ?1 AND status IN ('present', 'late', 'left_early')",
            )?;
            let interviews = count("SELECT count(*) FROM feedback WHERE session_id = ?1")?;
            let proposals = count("SELECT count(*) FROM proposal WHERE session_id = ?1")?;
            tx.execute(
                "INSERT OR REPLACE INTO session_tally (session_id, expected, present, interviews, proposals, purged_on)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
                params![s, expected, present, interviews, proposals, date_text(today)],
            )?;
            report.feedback += interviews as usize;
            // Proposals first: actions keep no link to them (SET NULL), feedback cascades its ratings.
            for table in [
                "proposal",
                "note",
                "feedback",
                "attendance",
                "clock_event",
                "plan_version",
                "panel_member",
                "panel",
                // A themed day's marks and notes, and its run of show (speakers' names).
                "interest",
                "agenda_item",
            ] {
                tx.execute(&format!("DELETE FROM {table} WHERE session_id = ?1"), [s])?;
            }
        }
        if before.is_none() {
            let people: Vec<Id> = tx
                .prepare("SELECT person_id FROM membership WHERE cohort_id = ?1")?
                .query_map([cohort_id], |r| r.get(0))?
                .collect::<rusqlite::Result<_>>()?;
            report.people = people.len();
            super::followup::purge_followup(&tx, cohort_id, today)?;
            if let Some(f) = &funnel {
                super::path::tally_funnel(&tx, f, cohort_id, today)?;
            }
            tx.execute("DELETE FROM action_item WHERE cohort_id = ?1", [cohort_id])?;
            tx.execute(
                "DELETE FROM forbidden_pair WHERE cohort_id = ?1",
                [cohort_id],
            )?;
            // Sensitive details cascade with the membership.
            tx.execute("DELETE FROM membership WHERE cohort_id = ?1", [cohort_id])?;
            for p in people {
                let elsewhere: i64 = tx.query_row(
                    "SELECT count(*) FROM membership WHERE person_id = ?1",
                    [p],
                    |r| r.get(0),
                )?;
                let referenced: i64 = tx.query_row(
                    &format!("SELECT {} + (SELECT count(*) FROM attendance WHERE person_id = ?1)
                          + (SELECT count(*) FROM feedback WHERE candidate_id = ?1)
                          + (SELECT count(*) FROM interview WHERE candidate_id = ?1)
                          + (SELECT count(*) FROM panel_member WHERE person_id = ?1)
                          + (SELECT count(*) FROM proposal WHERE candidate_id = ?1 OR offered_by = ?1)
                          + (SELECT count(*) FROM note WHERE candidate_id = ?1)
                          + (SELECT count(*) FROM action_item WHERE candidate_id = ?1 OR owner_id = ?1)
                          + (SELECT count(*) FROM forbidden_pair WHERE candidate_id = ?1 OR professional_id = ?1)",
                        super::followup::PERSON_REFERENCES
                    ),
                    [p],
                    |r| r.get(0),
                )?;
                if elsewhere == 0 && referenced == 0 {
                    tx.execute("DELETE FROM person WHERE id = ?1", [p])?;
                    report.persons_erased += 1;
                }
            }
        }
        // Sync batches hold the same data as changesets: they go too, and with the sync base
        // (a copy, deleted below) this file starts a new sync history under a new id.
        tx.execute_batch(
            "DELETE FROM sync_batch; DELETE FROM sync_conflict; DELETE FROM sync_alias;",
        )?;
        tx.commit()?;
        // Freed pages would still hold the text: rebuild the file, then empty the journal.
        self.conn.execute_batch("VACUUM;")?;
        self.conn
            .query_row("PRAGMA wal_checkpoint(TRUNCATE)", [], |_| Ok(()))?;
        for copy in super::automatic_copies(&self.path) {
            if std::fs::remove_file(&copy).is_ok() {
                report.copies_deleted += 1;
            }
        }
        // Deleted rather than each replaced: identical purged copies under old names would say
        // they hold what they no longer do. One purged copy stays the newest safety net.
        self.write_copy(&super::daily_path(&self.path, today))?;
        report.unreached = self
            .written_files()?
            .into_iter()
            .map(|(p, _)| p)
            .filter(|p| std::fs::symlink_metadata(p).is_ok())
            .collect();
        Ok(report)
    }
}
