//! Sync (issue 23): batches of changes recorded with SQLite's session extension, bundles, and
//! their application in one transaction (see `core::sync` for how rows are matched by uid).
//!
//! What changed here since the last sync is what the session extension finds between the file
//! and `NAME.sync-base`, a private copy taken at the last sync (`sqlite3session_diff`): nothing
//! to record while typing, and a kill -9 loses nothing. Each difference found becomes a batch in
//! `sync_batch`, kept to be sent to every peer.

use std::collections::{BTreeMap, HashMap, HashSet};
use std::io::Read;
use std::path::PathBuf;
use std::sync::{Arc, Mutex};

use rusqlite::fallible_streaming_iterator::FallibleStreamingIterator;
use rusqlite::hooks::Action;
use rusqlite::session::{ChangesetItem, ChangesetIter, ConflictAction, ConflictType, Session};
use rusqlite::types::ValueRef;
use rusqlite::{OptionalExtension, params};

use super::{Result, Store, StoreError};
use crate::core::sync::{
    BatchHead, Bundle, Change, ENVELOPE_VERSION, Header, LISTED, Op, SWITCHED, TRAVELLING,
    Travelling, Val, encode_changeset, incoming_mark_wins, key_list, key_list_text, list_column,
    person_refs, switched, travelling,
};

/// What kind of conflict an import met.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ConflictKind {
    /// Two attendance marks: the later one is kept, the other stored.
    LaterMark,
    /// Two feedback texts for one interview: both kept (the other in the conflict list).
    BothFeedback,
    /// Deleted there, changed here: the change is kept.
    DeletedThere,
    /// Changed there, deleted here, and the row not found again: the deletion stands (the
    /// change is stored).
    DeletedHere,
    /// Changed there, deleted here: the row is brought back with the change.
    Restored,
    /// The same row changed on both sides: this side's values are kept, the other stored.
    Differs,
    /// A change that names a row missing here (deleted, or clashing): not applied, stored.
    Missing,
}

impl ConflictKind {
    /// Every kind, for the catalog check.
    pub const ALL: [ConflictKind; 7] = [
        ConflictKind::LaterMark,
        ConflictKind::BothFeedback,
        ConflictKind::DeletedThere,
        ConflictKind::DeletedHere,
        ConflictKind::Restored,
        ConflictKind::Differs,
        ConflictKind::Missing,
    ];

    /// Stored and catalog name.
    pub fn code(self) -> &'static str {
        match self {
            ConflictKind::LaterMark => "later_mark",
            ConflictKind::BothFeedback => "both_feedback",
            ConflictKind::DeletedThere => "deleted_there",
            ConflictKind::DeletedHere => "deleted_here",
            ConflictKind::Restored => "restored",
            ConflictKind::Differs => "differs",
            ConflictKind::Missing => "missing",
        }
    }
}

/// One conflict, as listed and stored.
#[derive(Debug, Clone, PartialEq)]
pub struct Conflict {
    /// Table.
    pub table: String,
    /// Kind.
    pub kind: ConflictKind,
    /// The row: its uid, or its key's values.
    pub key: String,
    /// The values kept (here), short.
    pub kept: String,
    /// The other side's values.
    pub other: String,
}

/// A conflict as stored by an import, for the lists (Retours shows the feedback ones).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StoredConflict {
    /// Table.
    pub table: String,
    /// Kind ([`ConflictKind::code`]).
    pub kind: String,
    /// The row: its uid, or its key's values.
    pub key: String,
    /// The values kept here.
    pub kept: String,
    /// The other side's values.
    pub other: String,
}

/// What an import does (or did).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct ImportReport {
    /// Batches applied.
    pub batches: usize,
    /// Batches already here (skipped).
    pub known: usize,
    /// Rows added.
    pub added: usize,
    /// Rows changed.
    pub changed: usize,
    /// Rows deleted.
    pub deleted: usize,
    /// Conflicts, never silent.
    pub conflicts: Vec<Conflict>,
    /// People found to be one: (name, kept uid, merged uid).
    pub merged: Vec<(String, String, String)>,
    /// Rows added, changed, deleted by kind ([`crate::core::sync::row_kind`]), for the preview.
    pub by_kind: BTreeMap<&'static str, [usize; 3]>,
}

/// What a bundle file that is not a plain bundle turned out to be.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Sealed {
    /// An encrypted bundle, opened with this database's passphrase: its envelope.
    Opened(Vec<u8>),
    /// Opened, but no bundle inside.
    NotBundle,
    /// Encrypted with a passphrase that is not this database's (or this one has none).
    OtherPassphrase,
    /// Encrypted, and this build has no encryption (feature `encryption`).
    Unsupported,
}

/// The one table of an encrypted bundle: the envelope's bytes.
const SEALED_TABLE: &str = "passerelle_sync_bundle";

/// What an export wrote.
#[derive(Debug, Clone, PartialEq)]
pub struct Exported {
    /// The bundle's bytes.
    pub bytes: Vec<u8>,
    /// Batches in it.
    pub batches: usize,
    /// The last local batch number (`--since` next time).
    pub last: i64,
}

fn val(v: rusqlite::Result<ValueRef<'_>>) -> Val {
    match v {
        Err(_) => Val::Undefined,
        Ok(ValueRef::Null) => Val::Null,
        Ok(ValueRef::Integer(i)) => Val::Int(i),
        Ok(ValueRef::Real(r)) => Val::Real(r),
        Ok(ValueRef::Text(t)) => Val::Text(String::from_utf8_lossy(t).into_owned()),
        Ok(ValueRef::Blob(b)) => Val::Blob(b.to_vec()),
    }
}

fn op_of(a: Action) -> Op {
    match a {
        Action::SQLITE_INSERT => Op::Insert,
        Action::SQLITE_DELETE => Op::Delete,
        _ => Op::Update,
    }
}

/// Reads a changeset written by the session extension.
fn decode(bytes: &[u8]) -> Result<Vec<Change>> {
    let mut reader: &[u8] = bytes;
    let input: &mut dyn Read = &mut reader;
    let mut it = ChangesetIter::start_strm(&input)?;
    let mut out = Vec::new();
    while let Some(item) = it.next()? {
        let o = item.op()?;
        let n = o.number_of_columns().max(0) as usize;
        let op = op_of(o.code());
        let table = o.table_name().to_string();
        let pk = item.pk()?.to_vec();
        let old = if op == Op::Insert {
            Vec::new()
        } else {
            (0..n).map(|i| val(item.old_value(i))).collect()
        };
        let new = if op == Op::Delete {
            Vec::new()
        } else {
            (0..n).map(|i| val(item.new_value(i))).collect()
        };
        out.push(Change {
            table,
            pk,
            op,
            old,
            new,
        });
    }
    Ok(out)
}

/// A travelling table's columns, in order.
type Columns = HashMap<String, Vec<String>>;

/// For each attendance row a batch changes (local keys): does its mark beat the one here?
type Marks = HashMap<(i64, i64), bool>;

fn to_sql(v: &Val) -> rusqlite::types::Value {
    use rusqlite::types::Value;
    match v {
        Val::Undefined | Val::Null => Value::Null,
        Val::Int(i) => Value::Integer(*i),
        Val::Real(r) => Value::Real(*r),
        Val::Text(s) => Value::Text(s.clone()),
        Val::Blob(b) => Value::Blob(b.clone()),
    }
}

fn row_text(cols: &[String], vals: &[Val]) -> String {
    cols.iter()
        .zip(vals)
        .filter(|(c, v)| **v != Val::Undefined && c.as_str() != "uid")
        .map(|(c, v)| format!("{c}={}", v.show()))
        .collect::<Vec<_>>()
        .join(", ")
}

/// What the conflict handler saw, read back once the session extension is done.
#[derive(Default)]
struct Seen {
    conflicts: Vec<Conflict>,
    omitted: [usize; 3],
    /// The same, by table.
    omitted_in: HashMap<String, [usize; 3]>,
    /// Uids of rows refused by a constraint: dropped, with what names them, on the next try.
    refused: Vec<(String, String)>,
    foreign_key: bool,
}

fn op_index(op: Op) -> usize {
    match op {
        Op::Insert => 0,
        Op::Update => 1,
        Op::Delete => 2,
    }
}

/// The conflict rules (issue 23), run by the session extension for each conflicting change.
fn on_conflict(
    cols: &Columns,
    marks: &Marks,
    seen: &Mutex<Seen>,
    kind: ConflictType,
    item: &ChangesetItem,
) -> ConflictAction {
    let Ok(mut seen) = seen.lock() else {
        return ConflictAction::SQLITE_CHANGESET_ABORT;
    };
    if kind == ConflictType::SQLITE_CHANGESET_FOREIGN_KEY {
        seen.foreign_key = true;
        return ConflictAction::SQLITE_CHANGESET_ABORT;
    }
    let Ok(o) = item.op() else {
        return ConflictAction::SQLITE_CHANGESET_ABORT;
    };
    let table = o.table_name().to_string();
    let op = op_of(o.code());
    let n = o.number_of_columns().max(0) as usize;
    let names = cols.get(&table).cloned().unwrap_or_default();
    let col = |name: &str| names.iter().position(|c| c == name);
    let new: Vec<Val> = if op == Op::Delete {
        Vec::new()
    } else {
        (0..n).map(|i| val(item.new_value(i))).collect()
    };
    let old: Vec<Val> = if op == Op::Insert {
        Vec::new()
    } else {
        (0..n).map(|i| val(item.old_value(i))).collect()
    };
    let here: Vec<Val> = match kind {
        ConflictType::SQLITE_CHANGESET_DATA | ConflictType::SQLITE_CHANGESET_CONFLICT => {
            (0..n).map(|i| val(item.conflict(i))).collect()
        }
        _ => Vec::new(),
    };
    let key = col("uid")
        .and_then(|i| {
            here.get(i)
                .or(new.get(i))
                .or(old.get(i))
                .and_then(|v| v.text().map(str::to_string))
        })
        .unwrap_or_else(|| {
            let vals = if op == Op::Insert { &new } else { &old };
            row_text(&names, vals)
        });
    // The attendance rule reads the marks' times (`attendance_mark`), gathered before applying.
    let later = || {
        let vals = if op == Op::Insert { &new } else { &old };
        let key = |name: &str| match col(name).and_then(|i| vals.get(i)) {
            Some(Val::Int(v)) => Some(*v),
            _ => None,
        };
        match (key("session_id"), key("person_id")) {
            (Some(s), Some(p)) => marks.get(&(s, p)).copied().unwrap_or(false),
            _ => false,
        }
    };
    // Already so here (the same change came another way): nothing to do, nothing to say.
    let same = !here.is_empty()
        && new
            .iter()
            .zip(&here)
            .all(|(n, h)| *n == Val::Undefined || n == h);
    let record = |seen: &mut Seen, kind: ConflictKind, kept: &[Val], other: &[Val]| {
        seen.conflicts.push(Conflict {
            table: table.clone(),
            kind,
            key: key.clone(),
            kept: row_text(&names, kept),
            other: row_text(&names, other),
        });
    };
    let action = match (kind, op) {
        (ConflictType::SQLITE_CHANGESET_NOTFOUND, Op::Delete) => {
            ConflictAction::SQLITE_CHANGESET_OMIT
        }
        (ConflictType::SQLITE_CHANGESET_NOTFOUND, _) => {
            record(&mut seen, ConflictKind::DeletedHere, &[], &new);
            ConflictAction::SQLITE_CHANGESET_OMIT
        }
        (ConflictType::SQLITE_CHANGESET_DATA, Op::Delete) => {
            record(&mut seen, ConflictKind::DeletedThere, &here, &old);
            ConflictAction::SQLITE_CHANGESET_OMIT
        }
        (ConflictType::SQLITE_CHANGESET_DATA | ConflictType::SQLITE_CHANGESET_CONFLICT, _)
            if same =>
        {
            ConflictAction::SQLITE_CHANGESET_OMIT
        }
        (ConflictType::SQLITE_CHANGESET_DATA | ConflictType::SQLITE_CHANGESET_CONFLICT, _)
            if table == "attendance" || table == "attendance_mark" =>
        {
            if later() {
                record(&mut seen, ConflictKind::LaterMark, &new, &here);
                ConflictAction::SQLITE_CHANGESET_REPLACE
            } else {
                record(&mut seen, ConflictKind::LaterMark, &here, &new);
                ConflictAction::SQLITE_CHANGESET_OMIT
            }
        }
        (ConflictType::SQLITE_CHANGESET_DATA | ConflictType::SQLITE_CHANGESET_CONFLICT, _) => {
            let k = if table == "feedback" {
                ConflictKind::BothFeedback
            } else {
                ConflictKind::Differs
            };
            record(&mut seen, k, &here, &new);
            ConflictAction::SQLITE_CHANGESET_OMIT
        }
        _ => {
            record(&mut seen, ConflictKind::Missing, &[], &new);
            if let Some(Val::Text(uid)) = col("uid").and_then(|i| new.get(i)) {
                let uid = uid.clone();
                seen.refused.push((table.clone(), uid));
            }
            ConflictAction::SQLITE_CHANGESET_OMIT
        }
    };
    if action == ConflictAction::SQLITE_CHANGESET_OMIT {
        seen.omitted[op_index(op)] += 1;
        seen.omitted_in.entry(table).or_default()[op_index(op)] += 1;
    }
    action
}

impl Store {
    /// The private copy taken at the last sync: `NAME.sync-base`.
    pub fn sync_base_path(&self) -> PathBuf {
        let mut name = self.path.as_os_str().to_os_string();
        name.push(".sync-base");
        PathBuf::from(name)
    }

    fn columns(&self) -> Result<Columns> {
        let mut out = HashMap::new();
        for t in TRAVELLING {
            let names: Vec<String> = self
                .conn
                .prepare(&format!(
                    "SELECT name FROM pragma_table_info('{}')",
                    t.table
                ))?
                .query_map([], |r| r.get(0))?
                .collect::<rusqlite::Result<_>>()?;
            out.insert(t.table.to_string(), names);
        }
        Ok(out)
    }

    /// Takes the base when there is none — the first write on this laptop: a file copied from
    /// another laptop has none, so what both hold already is never sent back as new. That is
    /// also when a copy becomes a database of its own: it gets a new database id, so its
    /// batches are never taken for the original's.
    pub fn ensure_sync_base(&self) -> Result<()> {
        if self.sync_base_path().exists() {
            return Ok(());
        }
        self.conn.execute(
            "UPDATE app_state SET value = ?1 WHERE key = 'database_id'",
            [new_uid(&self.conn)?],
        )?;
        self.refresh_base()
    }

    fn attach_base(&self) -> Result<()> {
        let base = self.sync_base_path().to_string_lossy().into_owned();
        match &self.key {
            Some(k) => self
                .conn
                .execute("ATTACH DATABASE ?1 AS sync_base KEY ?2", params![base, k])?,
            None => self
                .conn
                .execute("ATTACH DATABASE ?1 AS sync_base", params![base])?,
        };
        Ok(())
    }

    fn detach_base(&self) {
        let _ = self.conn.execute_batch("DETACH DATABASE sync_base");
    }

    /// The base becomes a copy of the file as it is now.
    fn refresh_base(&self) -> Result<()> {
        // The base's name is Passerelle's own, beside the database: replaced without asking.
        // (An encrypted base's header cannot be read to recognise it as a copy: without this,
        // an encrypted database's second sync was refused.) Links, devices and the database
        // itself stay refused.
        self.write_copy_forced(&self.sync_base_path(), true)?;
        Ok(())
    }

    /// Records what changed since the last sync as a new local batch; `None` when nothing did.
    pub fn cut_sync_batch(&mut self, now: chrono::NaiveDateTime) -> Result<Option<i64>> {
        self.conn.set_prepared_statement_cache_capacity(STATEMENTS);
        self.ensure_sync_base()?;
        self.attach_base()?;
        let found = self.diff_against_base(now);
        self.detach_base();
        let seq = found?;
        if seq.is_some() {
            self.refresh_base()?;
        }
        Ok(seq)
    }

    fn diff_against_base(&mut self, now: chrono::NaiveDateTime) -> Result<Option<i64>> {
        let mut bytes = Vec::new();
        {
            let mut session = Session::new(&self.conn)?;
            for t in TRAVELLING {
                session.attach(Some(t.table))?;
                session.diff::<&str, &str>("sync_base", t.table)?;
            }
            if session.is_empty() {
                return Ok(None);
            }
            session.changeset_strm(&mut bytes)?;
        }
        let changes = decode(&bytes)?;
        let cols = self.columns()?;
        let uids = named_uids(&self.conn, &cols, &changes, &["main", "sync_base"])?;
        let me = self.database_id()?;
        let tx = self.conn.transaction()?;
        let seq = insert_local_batch(&tx, &me, &bytes, &uids, now)?;
        tx.commit()?;
        Ok(Some(seq))
    }

    /// A bundle of every batch after local number `since` (0: all), this file's changes cut first.
    pub fn sync_export(&mut self, since: i64, now: chrono::NaiveDateTime) -> Result<Exported> {
        self.cut_sync_batch(now)?;
        let me = self.database_id()?;
        let rows: Vec<(i64, String, i64, String, Vec<u8>, String)> = self
            .conn
            .prepare(
                "SELECT seq, origin, origin_seq, made_at, changes, uids FROM sync_batch
                 WHERE seq > ?1 ORDER BY seq",
            )?
            .query_map([since], |r| {
                Ok((
                    r.get(0)?,
                    r.get(1)?,
                    r.get(2)?,
                    r.get(3)?,
                    r.get(4)?,
                    r.get(5)?,
                ))
            })?
            .collect::<rusqlite::Result<_>>()?;
        let last: i64 =
            self.conn
                .query_row("SELECT coalesce(max(seq), 0) FROM sync_batch", [], |r| {
                    r.get(0)
                })?;
        let has: BTreeMap<String, i64> = self
            .conn
            .prepare("SELECT origin, max(origin_seq) FROM sync_batch GROUP BY origin")?
            .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?
            .collect::<rusqlite::Result<_>>()?;
        let mut batches = Vec::new();
        let mut changesets = Vec::new();
        for (_, origin, origin_seq, made_at, changes, uids) in rows {
            batches.push(BatchHead {
                origin,
                origin_seq,
                made_at,
                uids: serde_json::from_str(&uids).unwrap_or_default(),
                len: changes.len(),
            });
            changesets.push(changes);
        }
        let n = batches.len();
        let bundle = Bundle {
            header: Header {
                envelope: ENVELOPE_VERSION,
                origin: me,
                schema: self.schema_version()?,
                made_at: now.format("%Y-%m-%dT%H:%M:%S").to_string(),
                last,
                has,
                batches,
            },
            changesets,
        };
        Ok(Exported {
            bytes: self.seal(crate::core::sync::encode_bundle(&bundle))?,
            batches: n,
            last,
        })
    }

    /// A bundle's bytes as written: the envelope, or — the database being encrypted — a small
    /// SQLCipher database holding it, keyed with the same passphrase (no other cipher here).
    fn seal(&self, envelope: Vec<u8>) -> Result<Vec<u8>> {
        let Some(key) = &self.key else {
            return Ok(envelope);
        };
        crate::safe_file::scratch(&self.path, |tmp| -> Result<Vec<u8>> {
            let conn = rusqlite::Connection::open(tmp)?;
            super::open::apply_key(&conn, key)?;
            // Built whole in one go: no journal file beside it.
            conn.query_row("PRAGMA journal_mode=MEMORY", [], |_| Ok(()))?;
            conn.execute_batch(&format!(
                "CREATE TABLE {SEALED_TABLE} (envelope BLOB NOT NULL)"
            ))?;
            conn.execute(
                &format!("INSERT INTO {SEALED_TABLE} (envelope) VALUES (?1)"),
                [&envelope],
            )?;
            conn.close().map_err(|(_, e)| e)?;
            Ok(std::fs::read(tmp)?)
        })
    }

    /// Opens an encrypted bundle with this database's passphrase, read-only, leaving nothing
    /// beside it.
    pub fn open_sealed_bundle(&self, path: &std::path::Path) -> Sealed {
        if !cfg!(feature = "encryption") {
            return Sealed::Unsupported;
        }
        let Some(key) = &self.key else {
            return Sealed::OtherPassphrase;
        };
        let Ok(conn) = super::backup::open_untouched(path) else {
            return Sealed::NotBundle;
        };
        if super::open::apply_key(&conn, key).is_err() {
            return Sealed::OtherPassphrase;
        }
        // A wrong passphrase shows as « not a database » at the first read.
        let readable = conn
            .query_row("SELECT count(*) FROM sqlite_master", [], |r| {
                r.get::<_, i64>(0)
            })
            .is_ok();
        if !readable {
            return Sealed::OtherPassphrase;
        }
        match conn.query_row(&format!("SELECT envelope FROM {SEALED_TABLE}"), [], |r| {
            r.get::<_, Vec<u8>>(0)
        }) {
            Ok(bytes) => Sealed::Opened(bytes),
            Err(_) => Sealed::NotBundle,
        }
    }

    /// The conflicts stored by earlier imports, not yet resolved.
    pub fn sync_conflicts(&self) -> Result<Vec<StoredConflict>> {
        Ok(self
            .conn
            .prepare(
                "SELECT table_name, kind, row_key, kept, other FROM sync_conflict
                 WHERE resolved = 0 ORDER BY id",
            )?
            .query_map([], |r| {
                Ok(StoredConflict {
                    table: r.get(0)?,
                    kind: r.get(1)?,
                    key: r.get(2)?,
                    kept: r.get(3)?,
                    other: r.get(4)?,
                })
            })?
            .collect::<rusqlite::Result<_>>()?)
    }

    /// Applies a bundle in one transaction (`apply` false: the same, rolled back — the preview).
    /// This file's own changes are cut into a batch first, so they are never taken for the
    /// other's. Batches already here are skipped: importing twice changes nothing.
    pub fn sync_import(
        &mut self,
        bundle: &Bundle,
        apply: bool,
        now: chrono::NaiveDateTime,
    ) -> Result<ImportReport> {
        let schema = self.schema_version()?;
        if bundle.header.schema != schema {
            return Err(StoreError::SyncSchema {
                found: bundle.header.schema,
                here: schema,
            });
        }
        // The look-ups by uid and key, a few per table and schema, stay prepared.
        self.conn.set_prepared_statement_cache_capacity(STATEMENTS);
        // Every batch already here (a bundle imported twice): no cut, no base taken again.
        let new = self.has_new_batches(bundle)?;
        if apply && new {
            self.cut_sync_batch(now)?;
        }
        // Rows deleted here since the last sync are found again in the base (the preview
        // has not cut them into a batch).
        let base = new && self.sync_base_path().exists() && self.attach_base().is_ok();
        let report = self.apply_bundle(bundle, apply, base, now);
        if base {
            self.detach_base();
        }
        let report = report?;
        if apply && new {
            // What came in is not this file's own change: the base takes it too.
            self.refresh_base()?;
        }
        Ok(report)
    }

    /// Does the bundle hold a batch this file has not got?
    fn has_new_batches(&self, bundle: &Bundle) -> Result<bool> {
        let me = self.database_id()?;
        let mut known = self.conn.prepare_cached(
            "SELECT EXISTS(SELECT 1 FROM sync_batch WHERE origin = ?1 AND origin_seq = ?2)",
        )?;
        for head in &bundle.header.batches {
            if head.origin != me
                && !known.query_row(params![head.origin, head.origin_seq], |r| {
                    r.get::<_, bool>(0)
                })?
            {
                return Ok(true);
            }
        }
        Ok(false)
    }

    fn apply_bundle(
        &mut self,
        bundle: &Bundle,
        apply: bool,
        base: bool,
        now: chrono::NaiveDateTime,
    ) -> Result<ImportReport> {
        let me = self.database_id()?;
        let cols = self.columns()?;
        let stamp = now.format("%Y-%m-%dT%H:%M:%S").to_string();
        let mut report = ImportReport::default();
        let tx = self
            .conn
            .transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)?;
        let mut new_people: Vec<i64> = Vec::new();
        let mut grave = Graveyard {
            me: me.clone(),
            base,
            batches: None,
        };
        for (head, bytes) in bundle.header.batches.iter().zip(&bundle.changesets) {
            let known: bool = tx.query_row(
                "SELECT EXISTS(SELECT 1 FROM sync_batch WHERE origin = ?1 AND origin_seq = ?2)",
                params![head.origin, head.origin_seq],
                |r| r.get(0),
            )?;
            if known || head.origin == me {
                report.known += 1;
                continue;
            }
            let changes = decode(bytes).map_err(|_| StoreError::SyncDamaged)?;
            let mut drop: HashSet<(String, String)> = HashSet::new();
            let mut tries = 0;
            loop {
                tries += 1;
                tx.execute_batch("SAVEPOINT sync_batch_apply")?;
                let mut part = ImportReport::default();
                let Translated {
                    changes: translated,
                    people,
                    restored,
                } = translate(&tx, &cols, &changes, head, &drop, &mut grave, &mut part)?;
                let seen = Arc::new(Mutex::new(Seen::default()));
                let handler_seen = Arc::clone(&seen);
                let handler_cols = cols.clone();
                let marks = later_marks(&tx, &cols, &translated)?;
                let encoded = encode_changeset(&translated);
                let mut input: &[u8] = &encoded;
                let result =
                    tx.apply_strm(&mut input, None::<fn(&str) -> bool>, move |kind, item| {
                        on_conflict(&handler_cols, &marks, &handler_seen, kind, &item)
                    });
                let seen = std::mem::take(&mut *seen.lock().map_err(|_| StoreError::SyncDamaged)?);
                match result {
                    Ok(()) => {
                        tx.execute_batch("RELEASE sync_batch_apply")?;
                        for c in &translated {
                            match c.op {
                                Op::Insert => part.added += 1,
                                Op::Update => part.changed += 1,
                                Op::Delete => part.deleted += 1,
                            }
                        }
                        part.added -= seen.omitted[0].min(part.added);
                        part.changed -= seen.omitted[1].min(part.changed);
                        part.deleted -= seen.omitted[2].min(part.deleted);
                        part.conflicts.extend(seen.conflicts);
                        let mut by_table: HashMap<&str, [usize; 3]> = HashMap::new();
                        for c in &translated {
                            by_table.entry(c.table.as_str()).or_default()[op_index(c.op)] += 1;
                        }
                        for (table, mut n) in by_table {
                            let Some(kind) = crate::core::sync::row_kind(table) else {
                                continue;
                            };
                            let omitted = seen.omitted_in.get(table).copied().unwrap_or_default();
                            let total = report.by_kind.entry(kind).or_default();
                            for i in 0..3 {
                                n[i] -= omitted[i].min(n[i]);
                                total[i] += n[i];
                            }
                        }
                        report.added += part.added;
                        report.changed += part.changed;
                        report.deleted += part.deleted;
                        report.conflicts.extend(part.conflicts);
                        new_people.extend(people);
                        if !restored.is_empty() {
                            let uids = named_uids(&tx, &cols, &restored, &["main"])?;
                            let bytes = encode_changeset(&restored);
                            insert_local_batch(&tx, &me, &bytes, &uids, now)?;
                        }
                        break;
                    }
                    Err(e) => {
                        tx.execute_batch("ROLLBACK TO sync_batch_apply; RELEASE sync_batch_apply")?;
                        let before = drop.len();
                        drop.extend(seen.refused);
                        // A row refused by a constraint takes what names it along: try again
                        // without them. Anything else is not ours to guess.
                        if !seen.foreign_key || drop.len() == before || tries > 8 {
                            return Err(e.into());
                        }
                    }
                }
            }
            tx.execute(
                "INSERT INTO sync_batch (origin, origin_seq, made_at, changes, uids)
                 VALUES (?1, ?2, ?3, ?4, ?5)",
                params![
                    head.origin,
                    head.origin_seq,
                    head.made_at,
                    bytes,
                    serde_json::to_string(&head.uids).unwrap_or_default()
                ],
            )?;
            report.batches += 1;
        }
        report.merged = merge_people(&tx, &new_people, &stamp)?;
        for c in &report.conflicts {
            tx.execute(
                "INSERT INTO sync_conflict (at, origin, table_name, kind, row_key, kept, other)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
                params![
                    stamp,
                    bundle.header.origin,
                    c.table,
                    c.kind.code(),
                    super::line(&c.key),
                    super::lines(&c.kept),
                    super::lines(&c.other)
                ],
            )?;
        }
        tx.execute(
            "INSERT INTO sync_peer (peer, sent_upto, received_at) VALUES (?1, ?2, ?3)
             ON CONFLICT(peer) DO UPDATE SET sent_upto = max(sent_upto, excluded.sent_upto),
                                             received_at = excluded.received_at",
            params![
                bundle.header.origin,
                bundle.header.has.get(&me).copied().unwrap_or(0),
                stamp
            ],
        )?;
        if apply {
            tx.commit()?;
        } else {
            tx.rollback()?;
        }
        Ok(report)
    }
}

/// Which incoming attendance marks are later than the ones here (the batch's `attendance_mark`
/// rows against this file's).
fn later_marks(
    tx: &rusqlite::Transaction<'_>,
    cols: &Columns,
    changes: &[Change],
) -> Result<Marks> {
    let mut out = Marks::new();
    let Some(names) = cols.get("attendance_mark") else {
        return Ok(out);
    };
    let at = |name: &str| names.iter().position(|n| n == name);
    for c in changes
        .iter()
        .filter(|c| c.table == "attendance_mark" && c.op != Op::Delete)
    {
        let get = |name: &str, vals: &[Val]| at(name).and_then(|i| vals.get(i)).cloned();
        let (Some(Val::Int(s)), Some(Val::Int(p))) = (
            get("session_id", &c.new)
                .filter(|v| *v != Val::Undefined)
                .or(get("session_id", &c.old)),
            get("person_id", &c.new)
                .filter(|v| *v != Val::Undefined)
                .or(get("person_id", &c.old)),
        ) else {
            continue;
        };
        let incoming = get("marked_at", &c.new);
        let here: Option<String> = cached_row(
            tx,
            "SELECT marked_at FROM attendance_mark WHERE session_id = ?1 AND person_id = ?2",
            [s, p],
            |r| r.get(0),
        )
        .optional()?;
        let wins = incoming_mark_wins(here.as_deref(), incoming.as_ref().and_then(Val::text));
        out.insert((s, p), wins);
    }
    Ok(out)
}

/// Statements kept prepared during a sync: a few look-ups for each travelling table and schema.
const STATEMENTS: usize = 256;

/// `query_row` through the connection's statement cache: a batch's per-row look-ups run the
/// same few statements hundreds of times.
fn cached_row<T, P: rusqlite::Params>(
    conn: &rusqlite::Connection,
    sql: &str,
    params: P,
    f: impl FnOnce(&rusqlite::Row<'_>) -> rusqlite::Result<T>,
) -> rusqlite::Result<T> {
    conn.prepare_cached(sql)?.query_row(params, f)
}

/// A random version-4 UUID, made by SQLite as the migration makes them.
fn new_uid(conn: &rusqlite::Connection) -> Result<String> {
    Ok(conn.query_row(
        "SELECT lower(hex(randomblob(4))) || '-' || lower(hex(randomblob(2))) || '-4'
                || substr(lower(hex(randomblob(2))), 2) || '-'
                || substr('89ab', 1 + (random() & 3), 1) || substr(lower(hex(randomblob(2))), 2)
                || '-' || lower(hex(randomblob(6)))",
        [],
        |r| r.get(0),
    )?)
}

/// Table → row id → uid: what a batch carries to name its rows.
type Uids = BTreeMap<String, BTreeMap<i64, String>>;

/// The uid of row `id` of `table`, looked for in `schemas` in that order (`sync_base`: deleted
/// since the last sync), else `None`.
fn uid_in(
    conn: &rusqlite::Connection,
    schemas: &[&str],
    table: &str,
    id: i64,
) -> Result<Option<String>> {
    for schema in schemas {
        let found: Option<Option<String>> = cached_row(
            conn,
            &format!("SELECT uid FROM {schema}.{table} WHERE id = ?1"),
            [id],
            |r| r.get(0),
        )
        .optional()?;
        if let Some(Some(uid)) = found {
            return Ok(Some(uid));
        }
    }
    Ok(None)
}

/// The table column `name` of a `t` row names (its own `id` included), if any.
fn target_of(t: &Travelling, name: &str) -> Option<&'static str> {
    if t.has_uid && name == "id" {
        Some(t.table)
    } else {
        t.refs
            .iter()
            .find(|(col, _)| *col == name)
            .map(|(_, to)| *to)
    }
}

/// The table column `i` of a `t` row names: a fixed one ([`target_of`]), or the one its switch
/// column's value (`switch`) says (`core::sync::SWITCHED`).
fn target_at(
    t: &Travelling,
    names: &[String],
    i: usize,
    switch: Option<&str>,
) -> Option<&'static str> {
    let name = names.get(i)?;
    target_of(t, name).or_else(|| {
        switched(t.table)
            .filter(|s| s.column == name)
            .and_then(|s| s.target(switch))
    })
}

/// The value of the switch column of a change's row when the change carries it (a new row, a
/// deleted one, an update that changes it).
fn switch_in(t: &Travelling, names: &[String], change: &Change) -> Option<String> {
    let by = names
        .iter()
        .position(|n| switched(t.table).is_some_and(|s| s.by == n))?;
    [&change.new, &change.old]
        .into_iter()
        .find_map(|vals| vals.get(by).and_then(Val::text).map(str::to_string))
}

/// The switch column's value of row `id` of `t`, looked for in `schemas` in that order: what an
/// update that leaves it unchanged does not carry.
fn switch_of_row(
    conn: &rusqlite::Connection,
    schemas: &[&str],
    t: &Travelling,
    column: &str,
    value: &Val,
) -> Result<Option<String>> {
    let Some(s) = switched(t.table) else {
        return Ok(None);
    };
    for schema in schemas {
        let found: Option<Option<String>> = cached_row(
            conn,
            &format!(
                "SELECT {} FROM {schema}.{} WHERE {column} = ?1",
                s.by, t.table
            ),
            [to_sql(value)],
            |r| r.get(0),
        )
        .optional()?;
        if let Some(v) = found {
            return Ok(v);
        }
    }
    Ok(None)
}

/// The uid of every row the changes name (their own rows and the rows their columns name).
fn named_uids(
    conn: &rusqlite::Connection,
    cols: &Columns,
    changes: &[Change],
    schemas: &[&str],
) -> Result<Uids> {
    let mut uids = Uids::new();
    for c in changes {
        let (Some(t), Some(names)) = (travelling(&c.table), cols.get(&c.table)) else {
            continue;
        };
        let mut switch = switch_in(t, names, c);
        if switch.is_none()
            && switched(t.table).is_some()
            && let Some(id) = names
                .iter()
                .position(|n| n == "id")
                .and_then(|i| c.old.get(i).or(c.new.get(i)))
        {
            switch = switch_of_row(conn, schemas, t, "id", id)?;
        }
        let mut named: Vec<(&str, i64)> = Vec::new();
        for vals in [&c.old, &c.new] {
            for (i, v) in vals.iter().enumerate() {
                match v {
                    Val::Int(id) => {
                        if let Some(to) = target_at(t, names, i, switch.as_deref()) {
                            named.push((to, *id));
                        }
                    }
                    Val::Text(text) => {
                        if let Some(l) = names.get(i).and_then(|n| list_column(t.table, n)) {
                            named.extend(key_list(text).into_iter().map(|id| (l.to, id)));
                        }
                    }
                    _ => {}
                }
            }
        }
        // A deleted row's uid is in its old values.
        if t.has_uid
            && let (Some(id_at), Some(uid_at)) = (
                names.iter().position(|n| n == "id"),
                names.iter().position(|n| n == "uid"),
            )
        {
            for vals in [&c.old, &c.new] {
                if let (Some(Val::Int(id)), Some(Val::Text(uid))) =
                    (vals.get(id_at), vals.get(uid_at))
                {
                    uids.entry(t.table.into())
                        .or_default()
                        .insert(*id, uid.clone());
                }
            }
        }
        for (table, id) in named {
            if uids.get(table).is_some_and(|m| m.contains_key(&id)) {
                continue;
            }
            if let Some(uid) = uid_in(conn, schemas, table, id)? {
                uids.entry(table.into()).or_default().insert(id, uid);
            }
        }
    }
    Ok(uids)
}

/// Stores a batch of this file's own changes (in its own keys); returns its local number.
fn insert_local_batch(
    tx: &rusqlite::Transaction<'_>,
    me: &str,
    bytes: &[u8],
    uids: &Uids,
    now: chrono::NaiveDateTime,
) -> Result<i64> {
    let next: i64 = tx.query_row(
        "SELECT coalesce(max(origin_seq), 0) + 1 FROM sync_batch WHERE origin = ?1",
        [me],
        |r| r.get(0),
    )?;
    tx.execute(
        "INSERT INTO sync_batch (origin, origin_seq, made_at, changes, uids)
         VALUES (?1, ?2, ?3, ?4, ?5)",
        params![
            me,
            next,
            now.format("%Y-%m-%dT%H:%M:%S").to_string(),
            bytes,
            serde_json::to_string(uids).unwrap_or_default()
        ],
    )?;
    Ok(tx.last_insert_rowid())
}

/// Local key of the row of `uid` in `table` (following merges), if it is here.
fn local_id(tx: &rusqlite::Transaction<'_>, table: &str, uid: &str) -> Result<Option<i64>> {
    let kept: Option<String> = cached_row(
        tx,
        "SELECT kept_uid FROM sync_alias WHERE uid = ?1",
        [uid],
        |r| r.get(0),
    )
    .optional()?;
    let uid = kept.as_deref().unwrap_or(uid);
    Ok(cached_row(
        tx,
        &format!("SELECT id FROM {table} WHERE uid = ?1"),
        [uid],
        |r| r.get(0),
    )
    .optional()?)
}

/// A batch in this file's keys.
struct Translated {
    /// The changes to apply.
    changes: Vec<Change>,
    /// People it adds (to look for the same person typed twice).
    people: Vec<i64>,
    /// Rows deleted here brought back (inserts, in this file's keys): recorded as this file's
    /// own batch, so that every laptop brings them back too.
    restored: Vec<Change>,
}

/// The local keys a batch gives while it is translated.
#[derive(Default)]
struct Keys {
    /// (table, uid) → local key given in this batch.
    given: HashMap<(String, String), i64>,
    /// table → next free key.
    next: HashMap<String, i64>,
}

impl Keys {
    /// The next free key of `table` (what this batch gave counted).
    fn peek(&mut self, tx: &rusqlite::Transaction<'_>, table: &str) -> Result<i64> {
        if let Some(n) = self.next.get(table) {
            return Ok(*n);
        }
        let n: i64 = tx.query_row(
            &format!("SELECT coalesce(max(id), 0) + 1 FROM {table}"),
            [],
            |r| r.get(0),
        )?;
        self.next.insert(table.to_string(), n);
        Ok(n)
    }

    /// Takes the next free key of `table`.
    fn fresh(&mut self, tx: &rusqlite::Transaction<'_>, table: &str) -> Result<i64> {
        let n = self.peek(tx, table)?;
        self.next.insert(table.to_string(), n + 1);
        Ok(n)
    }

    /// `id` again if no row here and nothing in this batch has it, else the next free key.
    fn again(&mut self, tx: &rusqlite::Transaction<'_>, table: &str, id: i64) -> Result<i64> {
        let taken: bool = cached_row(
            tx,
            &format!("SELECT EXISTS(SELECT 1 FROM main.{table} WHERE id = ?1)"),
            [id],
            |r| r.get(0),
        )?;
        if taken
            || self
                .given
                .iter()
                .any(|((t, _), given)| t == table && *given == id)
        {
            return self.fresh(tx, table);
        }
        let n = self.peek(tx, table)?;
        self.next.insert(table.to_string(), n.max(id + 1));
        Ok(id)
    }
}

/// Is the row a change names (its primary key, in this file's keys) here?
fn row_here(tx: &rusqlite::Transaction<'_>, table: &str, change: &Change) -> Result<bool> {
    let Some(names) = column_names(tx, table)? else {
        return Ok(false);
    };
    let mut clauses = Vec::new();
    let mut values = Vec::new();
    for (i, pk) in change.pk.iter().enumerate() {
        if *pk != 0 {
            let (Some(name), Some(v)) = (names.get(i), change.old.get(i)) else {
                return Ok(false);
            };
            values.push(to_sql(v));
            clauses.push(format!("{name} = ?{}", values.len()));
        }
    }
    Ok(cached_row(
        tx,
        &format!(
            "SELECT EXISTS(SELECT 1 FROM main.{table} WHERE {})",
            clauses.join(" AND ")
        ),
        rusqlite::params_from_iter(values),
        |r| r.get(0),
    )?)
}

fn column_names(conn: &rusqlite::Connection, table: &str) -> Result<Option<Vec<String>>> {
    if travelling(table).is_none() {
        return Ok(None);
    }
    let names: Vec<String> = conn
        .prepare_cached(&format!(
            "SELECT name FROM pragma_table_info('{table}', 'main')"
        ))?
        .query_map([], |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    Ok(Some(names))
}

/// How a row deleted here is looked for.
enum Gone {
    /// By its uid.
    Uid(String),
    /// By its primary key: the change's key flags (as the session extension numbers them) and
    /// the key's values (column index, value), in this file's keys.
    Pk(Vec<u8>, Vec<(usize, Val)>),
}

impl Gone {
    fn matches(&self, names: &[String], vals: &[Val]) -> bool {
        match self {
            Gone::Uid(u) => {
                names
                    .iter()
                    .position(|n| n == "uid")
                    .and_then(|i| vals.get(i))
                    .and_then(Val::text)
                    == Some(u.as_str())
            }
            Gone::Pk(_, key) => key.iter().all(|(i, v)| vals.get(*i) == Some(v)),
        }
    }
}

/// Where rows deleted here are found again: the base (deleted since the last sync) and this
/// file's own batches (their deletions hold the whole row, in this file's keys).
struct Graveyard {
    /// This database's id.
    me: String,
    /// `sync_base` is attached.
    base: bool,
    /// This file's batches, newest first, read when first needed.
    batches: Option<Vec<(Vec<Change>, Uids)>>,
}

impl Graveyard {
    /// The row as it was when deleted here (this file's keys then), and the uids it named.
    fn find(
        &mut self,
        tx: &rusqlite::Transaction<'_>,
        cols: &Columns,
        t: &Travelling,
        names: &[String],
        gone: &Gone,
    ) -> Result<Option<(Vec<Val>, Uids)>> {
        if self.base {
            let (clauses, values): (Vec<String>, Vec<rusqlite::types::Value>) = match gone {
                Gone::Uid(u) => (
                    vec!["uid = ?1".into()],
                    vec![rusqlite::types::Value::Text(u.clone())],
                ),
                Gone::Pk(_, key) => key
                    .iter()
                    .enumerate()
                    .filter_map(|(n, (i, v))| {
                        Some((format!("{} = ?{}", names.get(*i)?, n + 1), to_sql(v)))
                    })
                    .unzip(),
            };
            let mut rows = tx.prepare(&format!(
                "SELECT {} FROM sync_base.{} WHERE {}",
                names.join(", "),
                t.table,
                // Never an empty condition (every travelling table has a key).
                if clauses.is_empty() {
                    "0".to_string()
                } else {
                    clauses.join(" AND ")
                }
            ))?;
            let mut rows = rows.query(rusqlite::params_from_iter(values))?;
            while let Some(r) = rows.next()? {
                let vals: Vec<Val> = (0..names.len()).map(|i| val(r.get_ref(i))).collect();
                if gone.matches(names, &vals) {
                    let change = Change {
                        table: t.table.to_string(),
                        pk: Vec::new(),
                        op: Op::Delete,
                        old: vals.clone(),
                        new: Vec::new(),
                    };
                    // What it named is looked for in the base first: a key may have been
                    // given again here since.
                    let uids = named_uids(tx, cols, &[change], &["sync_base", "main"])?;
                    return Ok(Some((vals, uids)));
                }
            }
        }
        if self.batches.is_none() {
            let stored: Vec<(Vec<u8>, String)> = tx
                .prepare(
                    "SELECT changes, uids FROM sync_batch WHERE origin = ?1 ORDER BY seq DESC",
                )?
                .query_map([&self.me], |r| Ok((r.get(0)?, r.get(1)?)))?
                .collect::<rusqlite::Result<_>>()?;
            let mut batches = Vec::with_capacity(stored.len());
            for (bytes, uids) in stored {
                batches.push((
                    decode(&bytes)?,
                    serde_json::from_str(&uids).unwrap_or_default(),
                ));
            }
            self.batches = Some(batches);
        }
        for (changes, uids) in self.batches.iter().flatten() {
            if let Some(c) = changes
                .iter()
                .find(|c| c.table == t.table && c.op == Op::Delete && gone.matches(names, &c.old))
            {
                return Ok(Some((c.old.clone(), uids.clone())));
            }
        }
        Ok(None)
    }

    /// Brings back the row deleted here, with `incoming` (the other laptop's change, in this
    /// file's keys) applied, and the rows it names that went with it: inserts, those it needs
    /// first. `None` when it is not found, or names a row that cannot be brought back.
    #[allow(clippy::too_many_arguments)]
    fn restore(
        &mut self,
        tx: &rusqlite::Transaction<'_>,
        cols: &Columns,
        t: &Travelling,
        gone: &Gone,
        incoming: Option<&[Val]>,
        keys: &mut Keys,
        depth: usize,
    ) -> Result<Option<Vec<Change>>> {
        let Some(names) = cols.get(t.table) else {
            return Ok(None);
        };
        // Parents go no deeper than cohort → session → plan → interview: a longer chain is a
        // loop, not a row to bring back.
        if depth > 4 {
            return Ok(None);
        }
        let Some((mut row, uids)) = self.find(tx, cols, t, names, gone)? else {
            return Ok(None);
        };
        let mut out = Vec::new();
        let switch = names
            .iter()
            .position(|n| switched(t.table).is_some_and(|s| s.by == n))
            .and_then(|i| row.get(i))
            .and_then(Val::text)
            .map(str::to_string);
        for (i, name) in names.iter().enumerate() {
            let Some(target) = target_at(t, names, i, switch.as_deref()) else {
                continue;
            };
            if target == t.table && name == "id" {
                continue;
            }
            let Some(Val::Int(old)) = row.get(i).cloned() else {
                continue;
            };
            let Some(uid) = uids.get(target).and_then(|m| m.get(&old)).cloned() else {
                return Ok(None);
            };
            let key = (target.to_string(), uid.clone());
            let here = match keys.given.get(&key) {
                Some(id) => Some(*id),
                None => local_id(tx, target, &uid)?,
            };
            let id = match here {
                Some(id) => id,
                None => {
                    let Some(parent) = travelling(target) else {
                        return Ok(None);
                    };
                    let Some(rows) =
                        self.restore(tx, cols, parent, &Gone::Uid(uid), None, keys, depth + 1)?
                    else {
                        return Ok(None);
                    };
                    out.extend(rows);
                    match keys.given.get(&key) {
                        Some(id) => *id,
                        None => return Ok(None),
                    }
                }
            };
            row[i] = Val::Int(id);
        }
        let mut pk = vec![0u8; names.len()];
        if t.has_uid {
            let (Some(id_at), Some(Val::Int(old)), Some(Val::Text(uid))) = (
                names.iter().position(|n| n == "id"),
                names
                    .iter()
                    .position(|n| n == "id")
                    .and_then(|i| row.get(i)),
                names
                    .iter()
                    .position(|n| n == "uid")
                    .and_then(|i| row.get(i)),
            ) else {
                return Ok(None);
            };
            let key = (t.table.to_string(), uid.clone());
            let id = keys.again(tx, t.table, *old)?;
            keys.given.insert(key, id);
            row[id_at] = Val::Int(id);
            pk[id_at] = 1;
        } else if let Gone::Pk(flags, _) = gone {
            pk = flags.clone();
        }
        // The other laptop's change wins over the values the row had here.
        for (i, v) in incoming.unwrap_or_default().iter().enumerate() {
            if *v != Val::Undefined
                && let Some(slot) = row.get_mut(i)
            {
                *slot = v.clone();
            }
        }
        out.push(Change {
            table: t.table.to_string(),
            pk,
            op: Op::Insert,
            old: Vec::new(),
            new: row,
        });
        Ok(Some(out))
    }
}

/// Rewrites a batch's changes in this file's keys. Changes naming a row missing here are left
/// out and listed; feedback meeting another feedback of the same interview is kept beside it.
fn translate(
    tx: &rusqlite::Transaction<'_>,
    cols: &Columns,
    changes: &[Change],
    head: &BatchHead,
    drop: &HashSet<(String, String)>,
    grave: &mut Graveyard,
    report: &mut ImportReport,
) -> Result<Translated> {
    let mut keys = Keys::default();
    let mut gone: HashSet<(String, String)> = drop.clone();
    let mut out = Vec::new();
    let mut people = Vec::new();
    let mut restored = Vec::new();
    for c in changes {
        let (Some(t), Some(names)) = (travelling(&c.table), cols.get(&c.table)) else {
            continue;
        };
        if names.len() != c.pk.len() {
            return Err(StoreError::SyncDamaged);
        }
        let at = |name: &str| names.iter().position(|n| n == name);
        let own_uid: Option<String> = if t.has_uid {
            let vals = if c.op == Op::Insert { &c.new } else { &c.old };
            match at("uid").and_then(|i| vals.get(i)) {
                Some(Val::Text(u)) => Some(u.clone()),
                _ => match at("id").and_then(|i| vals.get(i)) {
                    Some(Val::Int(id)) => head.uids.get(t.table).and_then(|m| m.get(id)).cloned(),
                    _ => None,
                },
            }
        } else {
            None
        };
        let listed = |report: &mut ImportReport, kind: ConflictKind| {
            let vals = if c.op == Op::Delete { &c.old } else { &c.new };
            report.conflicts.push(Conflict {
                table: c.table.clone(),
                kind,
                key: own_uid.clone().unwrap_or_else(|| row_text(names, vals)),
                kept: String::new(),
                other: row_text(names, vals),
            });
        };
        if let Some(u) = &own_uid
            && gone.contains(&(t.table.to_string(), u.clone()))
        {
            if c.op != Op::Delete {
                listed(report, ConflictKind::Missing);
            }
            continue;
        }
        let mut change = c.clone();
        let mut missing = false;
        // Changed there, deleted here: brought back below.
        let mut revive = false;
        let mut switch = switch_in(t, names, c);
        if switch.is_none()
            && switched(t.table).is_some()
            && let Some(u) = &own_uid
        {
            switch = switch_of_row(tx, &["main"], t, "uid", &Val::Text(u.clone()))?;
        }
        for (i, name) in names.iter().enumerate() {
            let Some(target) = target_at(t, names, i, switch.as_deref()) else {
                continue;
            };
            for vals in [&mut change.old, &mut change.new] {
                let Some(Val::Int(remote)) = vals.get(i).cloned() else {
                    continue;
                };
                let uid = if target == t.table && name == "id" {
                    own_uid.clone()
                } else {
                    head.uids.get(target).and_then(|m| m.get(&remote)).cloned()
                };
                let Some(uid) = uid else {
                    missing = true;
                    continue;
                };
                let key = (target.to_string(), uid.clone());
                let local = match keys.given.get(&key) {
                    Some(id) => Some(*id),
                    None if gone.contains(&key) => None,
                    None => local_id(tx, target, &uid)?,
                };
                let local = match local {
                    Some(id) => id,
                    None if c.op == Op::Insert && target == t.table => {
                        let n = keys.fresh(tx, target)?;
                        keys.given.insert(key, n);
                        if target == "person" {
                            people.push(n);
                        }
                        n
                    }
                    None if c.op == Op::Update && target == t.table && !gone.contains(&key) => {
                        revive = true;
                        continue;
                    }
                    None => {
                        missing = true;
                        continue;
                    }
                };
                vals[i] = Val::Int(local);
            }
        }
        // Keys inside a text (a feedback's panel): a person missing here is left out of the
        // list, the rest kept, and the change listed.
        let mut left_out = false;
        for (i, name) in names.iter().enumerate() {
            let Some(l) = list_column(t.table, name) else {
                continue;
            };
            for vals in [&mut change.old, &mut change.new] {
                let Some(Val::Text(text)) = vals.get(i).cloned() else {
                    continue;
                };
                let mut local = Vec::new();
                for remote in key_list(&text) {
                    let Some(uid) = head.uids.get(l.to).and_then(|m| m.get(&remote)) else {
                        left_out = true;
                        continue;
                    };
                    let key = (l.to.to_string(), uid.clone());
                    let here = match keys.given.get(&key) {
                        Some(id) => Some(*id),
                        None if gone.contains(&key) => None,
                        None => local_id(tx, l.to, uid)?,
                    };
                    match here {
                        Some(id) => local.push(id),
                        None => left_out = true,
                    }
                }
                vals[i] = Val::Text(key_list_text(&local));
            }
        }
        if left_out && !missing && c.op != Op::Delete {
            listed(report, ConflictKind::Missing);
        }
        if missing {
            // A deletion of what is not here is already done; anything else is listed.
            if c.op != Op::Delete {
                listed(report, ConflictKind::Missing);
                if let Some(u) = &own_uid {
                    gone.insert((t.table.to_string(), u.clone()));
                }
            }
            continue;
        }
        if c.op == Op::Update && !t.has_uid && !row_here(tx, t.table, &change)? {
            revive = true;
        }
        if revive {
            let key = match &own_uid {
                Some(u) => Gone::Uid(u.clone()),
                None => Gone::Pk(
                    change.pk.clone(),
                    change
                        .pk
                        .iter()
                        .zip(&change.old)
                        .enumerate()
                        .filter(|(_, (pk, _))| **pk != 0)
                        .map(|(i, (_, v))| (i, v.clone()))
                        .collect(),
                ),
            };
            match grave.restore(tx, cols, t, &key, Some(change.new.as_slice()), &mut keys, 0)? {
                Some(rows) => {
                    for row in &rows {
                        let row_names = cols.get(&row.table).map(Vec::as_slice).unwrap_or(&[]);
                        let uid = row_names
                            .iter()
                            .position(|n| n == "uid")
                            .and_then(|i| row.new.get(i))
                            .and_then(Val::text);
                        report.conflicts.push(Conflict {
                            table: row.table.clone(),
                            kind: ConflictKind::Restored,
                            key: uid
                                .map(str::to_string)
                                .unwrap_or_else(|| row_text(row_names, &row.new)),
                            kept: row_text(row_names, &row.new),
                            other: String::new(),
                        });
                    }
                    restored.extend(rows.iter().cloned());
                    out.extend(rows);
                }
                None => {
                    listed(report, ConflictKind::DeletedHere);
                    if let Some(u) = &own_uid {
                        gone.insert((t.table.to_string(), u.clone()));
                    }
                }
            }
            continue;
        }
        // Two laptops wrote feedback for the same interview: both are kept, the other beside.
        if c.table == "feedback"
            && c.op == Op::Insert
            && let (Some(s), Some(cand), Some(round), Some(u)) = (
                at("session_id").and_then(|i| change.new.get(i)),
                at("candidate_id").and_then(|i| change.new.get(i)),
                at("round").and_then(|i| change.new.get(i)),
                &own_uid,
            )
        {
            let other: Option<String> = tx
                .query_row(
                    "SELECT uid FROM feedback WHERE session_id = ?1 AND candidate_id = ?2
                       AND round = ?3",
                    params![to_sql(s), to_sql(cand), to_sql(round)],
                    |r| r.get(0),
                )
                .optional()?;
            if let Some(here) = other
                && here != *u
            {
                report.conflicts.push(Conflict {
                    table: c.table.clone(),
                    kind: ConflictKind::BothFeedback,
                    key: here,
                    kept: String::new(),
                    other: super::sync_conflicts::other_feedback(cols, &c.new, changes, &head.uids),
                });
                // The key given to it above must not name it either: its ratings and
                // proposals would point at a row never inserted (and fail the whole import).
                keys.given.remove(&("feedback".to_string(), u.clone()));
                gone.insert(("feedback".into(), u.clone()));
                continue;
            }
        }
        out.push(change);
    }
    Ok(Translated {
        changes: out,
        people,
        restored,
    })
}

/// The same person typed on two laptops (the roster import's rule: the same Identifiant, or
/// the same folded first + last name within a cohort) becomes one: the smaller uid is kept on
/// every laptop alike, what named the other is moved to it, and the merge is listed.
fn merge_people(
    tx: &rusqlite::Transaction<'_>,
    new_people: &[i64],
    stamp: &str,
) -> Result<Vec<(String, String, String)>> {
    type Row = (i64, String, String, String, Option<String>);
    let mut merged = Vec::new();
    let mut done: HashSet<i64> = HashSet::new();
    // Keys move in several tables one after the other (membership before its status history):
    // checked at commit, once all have moved.
    tx.execute_batch("PRAGMA defer_foreign_keys = ON")?;
    for &p in new_people {
        if done.contains(&p) {
            continue;
        }
        let others: Vec<Row> = tx
            .prepare(
                "SELECT DISTINCT q.id, q.uid, q.first_name, q.last_name, q.external_id
                   FROM membership m JOIN membership o ON o.cohort_id = m.cohort_id
                   JOIN person q ON q.id = o.person_id
                  WHERE m.person_id = ?1",
            )?
            .query_map([p], |r| {
                Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?))
            })?
            .collect::<rusqlite::Result<_>>()?;
        let Some(me) = others.iter().find(|o| o.0 == p).cloned() else {
            continue;
        };
        let key = crate::core::roster::name_key(&me.2, &me.3);
        // Two people who arrive together from one laptop are two people there (even with one
        // name): only a person already here can be the same one typed twice.
        let twin = others.iter().find(|o| {
            o.0 != p
                && !done.contains(&o.0)
                && !new_people.contains(&o.0)
                && match (&me.4, &o.4) {
                    (Some(a), Some(b)) if !a.is_empty() && !b.is_empty() => a == b,
                    _ => crate::core::roster::name_key(&o.2, &o.3) == key,
                }
        });
        let Some(twin) = twin.cloned() else { continue };
        let (keep, go) = if me.1 < twin.1 {
            (&me, &twin)
        } else {
            (&twin, &me)
        };
        for (table, col) in person_refs() {
            tx.execute(
                &format!("UPDATE OR IGNORE {table} SET {col} = ?1 WHERE {col} = ?2"),
                [keep.0, go.0],
            )?;
            tx.execute(&format!("DELETE FROM {table} WHERE {col} = ?1"), [go.0])?;
        }
        // A column that names a person only for some values of its switch column.
        for sw in SWITCHED {
            let values: Vec<String> = sw
                .targets
                .iter()
                .filter(|(_, to)| *to == "person")
                .map(|(v, _)| format!("'{v}'"))
                .collect();
            if !values.is_empty() {
                tx.execute(
                    &format!(
                        "UPDATE {} SET {col} = ?1 WHERE {col} = ?2 AND {} IN ({})",
                        sw.table,
                        sw.by,
                        values.join(", "),
                        col = sw.column
                    ),
                    [keep.0, go.0],
                )?;
            }
        }
        // A list of people inside a text (a feedback's panel).
        for l in LISTED.iter().filter(|l| l.to == "person") {
            let rows: Vec<(i64, String)> = tx
                .prepare(&format!("SELECT rowid, {} FROM {}", l.column, l.table))?
                .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?
                .collect::<rusqlite::Result<_>>()?;
            for (rowid, text) in rows {
                let keys = key_list(&text);
                if !keys.contains(&go.0) {
                    continue;
                }
                let mut moved: Vec<i64> = Vec::new();
                for k in keys {
                    let k = if k == go.0 { keep.0 } else { k };
                    if !moved.contains(&k) {
                        moved.push(k);
                    }
                }
                tx.execute(
                    &format!("UPDATE {} SET {} = ?1 WHERE rowid = ?2", l.table, l.column),
                    params![key_list_text(&moved), rowid],
                )?;
            }
        }
        tx.execute("DELETE FROM person WHERE id = ?1", [go.0])?;
        tx.execute(
            "INSERT OR REPLACE INTO sync_alias (uid, table_name, kept_uid, merged_at)
             VALUES (?1, 'person', ?2, ?3)",
            params![go.1, keep.1, stamp],
        )?;
        done.insert(keep.0);
        done.insert(go.0);
        merged.push((
            format!("{} {}", keep.2, keep.3),
            keep.1.clone(),
            go.1.clone(),
        ));
    }
    Ok(merged)
}
