//! Themed days (issue 22): the run of show of a session, the sectors it presents and the
//! interest each participant said for them.

use chrono::NaiveDate;
use rusqlite::{OptionalExtension, params};

use super::members::insert_member_tx;
use super::path::insert_status_on;
use super::{Result, Store, line, lines};
use crate::core::agenda::{AgendaItem, Interest, ItemKind, SpeakerLink};
use crate::core::domain::{Id, Sector};
use crate::core::path::{Change, Referrer, Status};

/// An item of a stored run of show.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StoredItem {
    /// Row id.
    pub id: Id,
    /// The item.
    pub item: AgendaItem,
    /// The person of the pool who speaks, when known.
    pub person_id: Option<Id>,
}

/// What one participant said about one sector.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InterestMark {
    /// The participant.
    pub person_id: Id,
    /// The sector.
    pub sector: Sector,
    /// The mark.
    pub interest: Interest,
    /// A short note.
    pub note: String,
}

fn bind_speaker(item: &AgendaItem) -> String {
    line(&item.speaker.clone().unwrap_or_default())
        .trim()
        .to_string()
}

impl Store {
    /// A session's run of show, in order.
    pub fn agenda_items(&self, session_id: Id) -> Result<Vec<StoredItem>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT id, title, speaker, minutes, kind, person_id FROM agenda_item
             WHERE session_id = ?1 ORDER BY position, id",
        )?;
        let rows = stmt.query_map([session_id], |r| {
            Ok((
                r.get::<_, Id>(0)?,
                r.get::<_, String>(1)?,
                r.get::<_, String>(2)?,
                r.get::<_, u32>(3)?,
                r.get::<_, String>(4)?,
                r.get::<_, Option<Id>>(5)?,
            ))
        })?;
        let mut out = Vec::new();
        for row in rows {
            let (id, title, speaker, minutes, kind, person_id) = row?;
            out.push(StoredItem {
                id,
                item: AgendaItem {
                    title,
                    speaker: (!speaker.is_empty()).then_some(speaker),
                    minutes,
                    // The CHECK keeps the codes known; a stray one reads as a talk.
                    kind: ItemKind::from_code(&kind).unwrap_or(ItemKind::Talk),
                },
                person_id,
            });
        }
        Ok(out)
    }

    /// Replaces a session's run of show by an imported one, all or nothing: the speakers not in
    /// the pool are created as professionals of the cohort, and every speaker is expected at the
    /// session (so that `print intervenants` lists them for the access request).
    pub fn import_agenda(
        &mut self,
        session_id: Id,
        items: &[AgendaItem],
        links: &[SpeakerLink],
    ) -> Result<()> {
        let tx = self.conn.transaction()?;
        let cohort_id: Id = tx.query_row(
            "SELECT cohort_id FROM session WHERE id = ?1",
            [session_id],
            |r| r.get(0),
        )?;
        let mut ids: Vec<(&str, Id)> = Vec::new();
        for l in links {
            let id = match (&l.new, l.person_id) {
                (Some(new), _) => insert_member_tx(&tx, cohort_id, new)?,
                (None, Some(id)) => id,
                (None, None) => continue,
            };
            tx.execute(
                "INSERT OR IGNORE INTO attendance (session_id, person_id, status, expected)
                 VALUES (?1, ?2, 'expected', 1)",
                params![session_id, id],
            )?;
            ids.push((l.speaker.as_str(), id));
        }
        tx.execute(
            "DELETE FROM agenda_item WHERE session_id = ?1",
            [session_id],
        )?;
        for (pos, it) in items.iter().enumerate() {
            let person = it
                .speaker
                .as_deref()
                .and_then(|s| ids.iter().find(|(w, _)| *w == s).map(|(_, id)| *id));
            tx.execute(
                "INSERT INTO agenda_item (session_id, position, title, speaker, person_id, minutes, kind)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
                params![
                    session_id,
                    pos as i64,
                    line(&it.title).trim(),
                    bind_speaker(it),
                    person,
                    it.minutes,
                    it.kind.code()
                ],
            )?;
        }
        tx.commit()?;
        Ok(())
    }

    /// Adds an item at the end of a session's run of show.
    pub fn add_agenda_item(&self, session_id: Id, item: &AgendaItem) -> Result<Id> {
        self.conn.execute(
            "INSERT INTO agenda_item (session_id, position, title, speaker, minutes, kind)
             VALUES (?1, (SELECT coalesce(max(position), -1) + 1 FROM agenda_item WHERE session_id = ?1),
                     ?2, ?3, ?4, ?5)",
            params![
                session_id,
                line(&item.title).trim(),
                bind_speaker(item),
                item.minutes,
                item.kind.code()
            ],
        )?;
        Ok(self.conn.last_insert_rowid())
    }

    /// Rewrites an item's fields.
    pub fn update_agenda_item(&self, id: Id, item: &AgendaItem) -> Result<()> {
        self.conn.execute(
            "UPDATE agenda_item SET title = ?2, speaker = ?3, minutes = ?4, kind = ?5 WHERE id = ?1",
            params![
                id,
                line(&item.title).trim(),
                bind_speaker(item),
                item.minutes,
                item.kind.code()
            ],
        )?;
        Ok(())
    }

    /// Removes an item.
    pub fn delete_agenda_item(&self, id: Id) -> Result<()> {
        self.conn
            .execute("DELETE FROM agenda_item WHERE id = ?1", [id])?;
        Ok(())
    }

    /// Swaps the places of two items of the same session (moving one up or down).
    pub fn swap_agenda_items(&mut self, a: Id, b: Id) -> Result<()> {
        let tx = self.conn.transaction()?;
        // Read both places first: an UPDATE's subqueries would see the row it just changed.
        let place = |id: Id| -> Result<(Id, i64)> {
            Ok(tx.query_row(
                "SELECT session_id, position FROM agenda_item WHERE id = ?1",
                [id],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )?)
        };
        let (sa, pa) = place(a)?;
        let (sb, pb) = place(b)?;
        if sa == sb {
            let set = "UPDATE agenda_item SET position = ?2 WHERE id = ?1";
            tx.execute(set, params![a, pb])?;
            tx.execute(set, params![b, pa])?;
        }
        tx.commit()?;
        Ok(())
    }

    /// The sectors a themed day presents.
    pub fn session_sectors(&self, session_id: Id) -> Result<Vec<Sector>> {
        let mut stmt = self
            .conn
            .prepare_cached("SELECT sector FROM session_sector WHERE session_id = ?1")?;
        let codes = stmt.query_map([session_id], |r| r.get::<_, String>(0))?;
        let mut out = Vec::new();
        for c in codes {
            if let Some(s) = Sector::from_code(&c?) {
                out.push(s);
            }
        }
        out.sort();
        Ok(out)
    }

    /// Adds a sector to a themed day (nothing if it is there).
    pub fn add_session_sector(&self, session_id: Id, sector: Sector) -> Result<()> {
        self.conn.execute(
            "INSERT OR IGNORE INTO session_sector (session_id, sector) VALUES (?1, ?2)",
            params![session_id, sector.code()],
        )?;
        Ok(())
    }

    /// Sets the sectors a themed day presents (replacing those it had), all or nothing.
    pub fn set_session_sectors(&mut self, session_id: Id, sectors: &[Sector]) -> Result<()> {
        let tx = self.conn.transaction()?;
        tx.execute(
            "DELETE FROM session_sector WHERE session_id = ?1",
            [session_id],
        )?;
        for s in sectors {
            tx.execute(
                "INSERT OR IGNORE INTO session_sector (session_id, sector) VALUES (?1, ?2)",
                params![session_id, s.code()],
            )?;
        }
        tx.commit()?;
        Ok(())
    }

    /// For each themed day of a cohort, how many participants said an interest for each sector.
    pub fn interest_counts(&self, cohort_id: Id) -> Result<Vec<(Id, Sector, usize)>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT i.session_id, i.sector, count(DISTINCT i.person_id) FROM interest i
             JOIN session s ON s.id = i.session_id
             WHERE s.cohort_id = ?1 GROUP BY i.session_id, i.sector ORDER BY i.session_id, i.sector",
        )?;
        let rows = stmt.query_map([cohort_id], |r| {
            Ok((
                r.get::<_, Id>(0)?,
                r.get::<_, String>(1)?,
                r.get::<_, i64>(2)?,
            ))
        })?;
        let mut out = Vec::new();
        for row in rows {
            let (session, code, n) = row?;
            if let Some(sector) = Sector::from_code(&code) {
                out.push((session, sector, usize::try_from(n).unwrap_or(0)));
            }
        }
        out.sort();
        Ok(out)
    }

    /// The sectors each cohort in use offers: those its professionals represent, as (cohort,
    /// sector) pairs.
    pub fn cohort_offers(&self) -> Result<Vec<(Id, Sector)>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT DISTINCT m.cohort_id, m.sectors FROM membership m
             JOIN cohort c ON c.id = m.cohort_id
             WHERE m.role = 'professional' AND m.archived = 0 AND c.archived = 0 AND m.sectors != ''",
        )?;
        let rows = stmt.query_map([], |r| Ok((r.get::<_, Id>(0)?, r.get::<_, String>(1)?)))?;
        let mut out = Vec::new();
        for row in rows {
            let (cohort, codes) = row?;
            out.extend(Sector::parse_codes(&codes).into_iter().map(|s| (cohort, s)));
        }
        out.sort();
        out.dedup();
        Ok(out)
    }

    /// Makes someone interested at a themed day a prospect of a cohort: a candidate of it
    /// (targeting `sector`), « orienté » by the themed day on `date`, unless they already have a
    /// path there or another role in it. True when the referral was recorded.
    pub fn orient_prospect(
        &mut self,
        cohort_id: Id,
        person_id: Id,
        sector: Sector,
        date: NaiveDate,
        note: &str,
    ) -> Result<bool> {
        let tx = self.conn.transaction()?;
        let role: Option<String> = tx
            .query_row(
                "SELECT role FROM membership WHERE cohort_id = ?1 AND person_id = ?2",
                params![cohort_id, person_id],
                |r| r.get(0),
            )
            .optional()?;
        match role.as_deref() {
            None => {
                tx.execute(
                    "INSERT INTO membership (cohort_id, person_id, role, sectors)
                     VALUES (?1, ?2, 'candidate', ?3)",
                    params![cohort_id, person_id, sector.code()],
                )?;
            }
            Some("candidate") => {}
            Some(_) => return Ok(false),
        }
        let has_path: bool = tx.query_row(
            "SELECT EXISTS (SELECT 1 FROM status_change WHERE cohort_id = ?1 AND person_id = ?2)",
            params![cohort_id, person_id],
            |r| r.get(0),
        )?;
        if has_path {
            tx.commit()?;
            return Ok(false);
        }
        let mut change = Change::new(Status::Referred, date);
        change.referrer = Some(Referrer::ThemedDay);
        change.note = note.to_string();
        insert_status_on(&tx, cohort_id, person_id, &change)?;
        tx.commit()?;
        Ok(true)
    }

    /// Records (or, with `None`, erases) what a participant said about a sector.
    pub fn set_interest(
        &self,
        session_id: Id,
        person_id: Id,
        sector: Sector,
        interest: Option<Interest>,
        note: &str,
    ) -> Result<()> {
        match interest {
            Some(i) => self.conn.execute(
                "INSERT INTO interest (session_id, person_id, sector, kind, note)
                 VALUES (?1, ?2, ?3, ?4, ?5)
                 ON CONFLICT (session_id, person_id, sector)
                 DO UPDATE SET kind = excluded.kind, note = excluded.note",
                params![
                    session_id,
                    person_id,
                    sector.code(),
                    i.code(),
                    lines(note).trim()
                ],
            )?,
            None => self.conn.execute(
                "DELETE FROM interest WHERE session_id = ?1 AND person_id = ?2 AND sector = ?3",
                params![session_id, person_id, sector.code()],
            )?,
        };
        Ok(())
    }

    /// Every interest mark of a session.
    pub fn interests(&self, session_id: Id) -> Result<Vec<InterestMark>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT person_id, sector, kind, note FROM interest WHERE session_id = ?1
             ORDER BY person_id, sector",
        )?;
        let rows = stmt.query_map([session_id], |r| {
            Ok((
                r.get::<_, Id>(0)?,
                r.get::<_, String>(1)?,
                r.get::<_, String>(2)?,
                r.get::<_, String>(3)?,
            ))
        })?;
        let mut out = Vec::new();
        for row in rows {
            let (person_id, sector, kind, note) = row?;
            // A sector or mark this version does not know is skipped, not guessed.
            if let (Some(sector), Some(interest)) =
                (Sector::from_code(&sector), Interest::from_code(&kind))
            {
                out.push(InterestMark {
                    person_id,
                    sector,
                    interest,
                    note,
                });
            }
        }
        Ok(out)
    }
}
