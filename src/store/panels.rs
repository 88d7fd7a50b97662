//! Binômes (panels) of a session.

use rusqlite::params;

use super::{Result, Store, line};
use crate::core::domain::{Id, Panel};

impl Store {
    /// The panels of a session in table order, with their members.
    pub fn list_panels(&self, session_id: Id) -> Result<Vec<Panel>> {
        let mut panels: Vec<Panel> = self
            .conn
            .prepare_cached(
                "SELECT id, position, label, table_name FROM panel WHERE session_id = ?1 ORDER BY position, id",
            )?
            .query_map([session_id], |r| {
                Ok(Panel {
                    id: r.get(0)?,
                    position: r.get(1)?,
                    label: r.get(2)?,
                    table_name: r.get(3)?,
                    members: Vec::new(),
                })
            })?
            .collect::<rusqlite::Result<_>>()?;
        let mut stmt = self.conn.prepare_cached(
            "SELECT pm.panel_id, pm.person_id, p.last_name, p.first_name FROM panel_member pm
             JOIN person p ON p.id = pm.person_id
             WHERE pm.session_id = ?1",
        )?;
        let rows = stmt.query_map([session_id], |r| {
            Ok((
                r.get::<_, Id>(0)?,
                r.get::<_, Id>(1)?,
                r.get::<_, String>(2)?,
                r.get::<_, String>(3)?,
            ))
        })?;
        let mut rows: Vec<(Id, Id, String, String)> = rows.collect::<rusqlite::Result<_>>()?;
        // French order (see list_members).
        rows.sort_by_cached_key(|(_, _, last, first)| crate::core::text::name_key(last, first));
        for (panel, person, _, _) in rows {
            if let Some(p) = panels.iter_mut().find(|p| p.id == panel) {
                p.members.push(person);
            }
        }
        Ok(panels)
    }

    /// Replaces all panels of a session (e.g. with a suggestion), in one transaction.
    pub fn replace_panels(&mut self, session_id: Id, panels: &[Panel]) -> Result<()> {
        let tx = self.conn.transaction()?;
        tx.execute("DELETE FROM panel WHERE session_id = ?1", [session_id])?;
        for (i, p) in panels.iter().enumerate() {
            tx.execute(
                "INSERT INTO panel (session_id, position, label, table_name) VALUES (?1, ?2, ?3, ?4)",
                params![session_id, i as i64 + 1, line(&p.label), line(&p.table_name)],
            )?;
            let id = tx.last_insert_rowid();
            for person in &p.members {
                tx.execute(
                    "INSERT INTO panel_member (panel_id, session_id, person_id) VALUES (?1, ?2, ?3)",
                    params![id, session_id, person],
                )?;
            }
        }
        tx.commit()?;
        Ok(())
    }

    /// Writes one panel's label, table and members (a professional leaves any other panel).
    pub fn save_panel(&mut self, session_id: Id, panel: &Panel) -> Result<Id> {
        let tx = self.conn.transaction()?;
        let id = if panel.id == 0 {
            tx.execute(
                "INSERT INTO panel (session_id, position, label, table_name)
                 VALUES (?1, (SELECT coalesce(max(position), 0) + 1 FROM panel WHERE session_id = ?1), ?2, ?3)",
                params![session_id, line(&panel.label), line(&panel.table_name)],
            )?;
            tx.last_insert_rowid()
        } else {
            tx.execute(
                "UPDATE panel SET label = ?2, table_name = ?3 WHERE id = ?1",
                params![panel.id, line(&panel.label), line(&panel.table_name)],
            )?;
            panel.id
        };
        tx.execute("DELETE FROM panel_member WHERE panel_id = ?1", [id])?;
        for person in &panel.members {
            tx.execute(
                "DELETE FROM panel_member WHERE session_id = ?1 AND person_id = ?2",
                params![session_id, person],
            )?;
            tx.execute(
                "INSERT INTO panel_member (panel_id, session_id, person_id) VALUES (?1, ?2, ?3)",
                params![id, session_id, person],
            )?;
        }
        tx.commit()?;
        Ok(id)
    }

    /// Deletes a panel (its members become free).
    pub fn delete_panel(&self, panel_id: Id) -> Result<()> {
        self.conn
            .execute("DELETE FROM panel WHERE id = ?1", [panel_id])?;
        Ok(())
    }
}
