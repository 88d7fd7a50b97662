//! What the « Synchroniser » view of Journée shows (issue 23): what this laptop has to send and
//! the laptops heard from. The engine itself is in `sync.rs`.

use rusqlite::OptionalExtension;

use super::{Result, Store};

/// What this laptop holds to send, and when it last sent.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct SyncOutbox {
    /// Batches kept here (this laptop's and those received, passed on alike).
    pub batches: i64,
    /// Of them, the ones typed on this laptop.
    pub mine: i64,
    /// Batches recorded since the last bundle written from the view (all of them before one).
    pub unsent: i64,
    /// When the last bundle was written (`YYYY-MM-DDTHH:MM:SS`), from the register of written files.
    pub last_export: Option<String>,
    /// The laptops whose bundles were imported here.
    pub peers: Vec<SyncPeer>,
}

/// A laptop a bundle came from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SyncPeer {
    /// Its database id.
    pub id: String,
    /// When its last bundle was imported here (`YYYY-MM-DDTHH:MM:SS`).
    pub received_at: Option<String>,
}

impl Store {
    /// What the « Synchroniser » view shows about this laptop.
    pub fn sync_outbox(&self) -> Result<SyncOutbox> {
        let me = self.database_id()?;
        let (batches, mine): (i64, i64) = self.conn.query_row(
            "SELECT count(*), coalesce(sum(origin = ?1), 0) FROM sync_batch",
            [&me],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )?;
        let sent: i64 = self
            .conn
            .query_row(
                "SELECT value FROM app_state WHERE key = 'sync_exported_upto'",
                [],
                |r| r.get::<_, String>(0),
            )
            .optional()?
            .and_then(|v| v.parse().ok())
            .unwrap_or(0);
        let unsent: i64 = self.conn.query_row(
            "SELECT count(*) FROM sync_batch WHERE seq > ?1",
            [sent],
            |r| r.get(0),
        )?;
        let last_export: Option<String> = self.conn.query_row(
            "SELECT max(written_at) FROM written_file WHERE kind = 'sync'",
            [],
            |r| r.get(0),
        )?;
        Ok(SyncOutbox {
            batches,
            mine,
            unsent,
            last_export,
            peers: self.sync_peers()?,
        })
    }

    /// The laptops heard from, the most recent first.
    pub fn sync_peers(&self) -> Result<Vec<SyncPeer>> {
        Ok(self
            .conn
            .prepare("SELECT peer, received_at FROM sync_peer ORDER BY received_at DESC, peer")?
            .query_map([], |r| {
                Ok(SyncPeer {
                    id: r.get(0)?,
                    received_at: r.get(1)?,
                })
            })?
            .collect::<rusqlite::Result<_>>()?)
    }

    /// Notes that a bundle holding every batch up to local number `last` was written.
    pub fn record_sync_export(&self, last: i64) -> Result<()> {
        self.conn.execute(
            "INSERT OR REPLACE INTO app_state (key, value) VALUES ('sync_exported_upto', ?1)",
            [last.to_string()],
        )?;
        Ok(())
    }
}
