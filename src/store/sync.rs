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
    BatchHead, Bundle, Change, ENVELOPE_VERSION, Header, Op, TRAVELLING, Val, encode_changeset,
    incoming_mark_wins, person_refs, travelling,
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
    /// Changed there, deleted here: the deletion stands (the change is stored).
    DeletedHere,
    /// The same row changed on both sides: this side's values are kept, the other stored.
    Differs,
    /// A change that names a row missing here (deleted, or clashing): not applied, stored.
    Missing,
}

impl ConflictKind {
    /// Stored and catalog name.
    pub fn code(self) -> &'static str {
        match self {
            ConflictKind::LaterMark => "later_mark",
            ConflictKind::BothFeedback => "both_feedback",
            ConflictKind::DeletedThere => "deleted_there",
            ConflictKind::DeletedHere => "deleted_here",
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
}

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
        self.write_copy(&self.sync_base_path())?;
        Ok(())
    }

    /// The uid of row `id` of `table`: here, else in the base (deleted since), else `None`.
    fn uid_of(&self, table: &str, id: i64) -> Result<Option<String>> {
        for schema in ["main", "sync_base"] {
            let found: Option<Option<String>> = self
                .conn
                .query_row(
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

    /// Records what changed since the last sync as a new local batch; `None` when nothing did.
    pub fn cut_sync_batch(&mut self, now: chrono::NaiveDateTime) -> Result<Option<i64>> {
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
        let mut uids: BTreeMap<String, BTreeMap<i64, String>> = BTreeMap::new();
        for c in &changes {
            let (Some(t), Some(names)) = (travelling(&c.table), cols.get(&c.table)) else {
                continue;
            };
            let mut named: Vec<(&str, i64)> = Vec::new();
            for vals in [&c.old, &c.new] {
                for (i, v) in vals.iter().enumerate() {
                    let Val::Int(id) = v else { continue };
                    let name = names[i].as_str();
                    if t.has_uid && name == "id" {
                        named.push((t.table, *id));
                    } else if let Some((_, to)) = t.refs.iter().find(|(col, _)| *col == name) {
                        named.push((to, *id));
                    }
                }
            }
            // A deleted row's uid is in its old values.
            if t.has_uid
                && let (Some(id_at), Some(uid_at)) = (
                    names.iter().position(|n| n == "id"),
                    names.iter().position(|n| n == "uid"),
                )
                && let (Some(Val::Int(id)), Some(Val::Text(uid))) =
                    (c.old.get(id_at), c.old.get(uid_at))
            {
                uids.entry(t.table.into())
                    .or_default()
                    .insert(*id, uid.clone());
            }
            for (table, id) in named {
                if uids.get(table).is_some_and(|m| m.contains_key(&id)) {
                    continue;
                }
                if let Some(uid) = self.uid_of(table, id)? {
                    uids.entry(table.into()).or_default().insert(id, uid);
                }
            }
        }
        let me = self.database_id()?;
        let tx = self.conn.transaction()?;
        let next: i64 = tx.query_row(
            "SELECT coalesce(max(origin_seq), 0) + 1 FROM sync_batch WHERE origin = ?1",
            [&me],
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
                serde_json::to_string(&uids).unwrap_or_default()
            ],
        )?;
        let seq = tx.last_insert_rowid();
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
            bytes: crate::core::sync::encode_bundle(&bundle),
            batches: n,
            last,
        })
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
        if apply {
            self.cut_sync_batch(now)?;
        }
        let me = self.database_id()?;
        let cols = self.columns()?;
        let stamp = now.format("%Y-%m-%dT%H:%M:%S").to_string();
        let mut report = ImportReport::default();
        let tx = self
            .conn
            .transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)?;
        let mut new_people: Vec<i64> = Vec::new();
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
                let (translated, people) = translate(&tx, &cols, &changes, head, &drop, &mut part)?;
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
                        report.added += part.added;
                        report.changed += part.changed;
                        report.deleted += part.deleted;
                        report.conflicts.extend(part.conflicts);
                        new_people.extend(people);
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
        if !apply {
            tx.rollback()?;
            return Ok(report);
        }
        tx.commit()?;
        // What came in is not this file's own change: the base takes it too.
        self.refresh_base()?;
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
        let here: Option<String> = tx
            .query_row(
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

/// Local key of the row of `uid` in `table` (following merges), if it is here.
fn local_id(tx: &rusqlite::Transaction<'_>, table: &str, uid: &str) -> Result<Option<i64>> {
    let kept: Option<String> = tx
        .query_row(
            "SELECT kept_uid FROM sync_alias WHERE uid = ?1",
            [uid],
            |r| r.get(0),
        )
        .optional()?;
    let uid = kept.as_deref().unwrap_or(uid);
    Ok(tx
        .query_row(
            &format!("SELECT id FROM {table} WHERE uid = ?1"),
            [uid],
            |r| r.get(0),
        )
        .optional()?)
}

/// Rewrites a batch's changes in this file's keys. Changes naming a row missing here are left
/// out and listed; feedback meeting another feedback of the same interview is kept beside it.
fn translate(
    tx: &rusqlite::Transaction<'_>,
    cols: &Columns,
    changes: &[Change],
    head: &BatchHead,
    drop: &HashSet<(String, String)>,
    report: &mut ImportReport,
) -> Result<(Vec<Change>, Vec<i64>)> {
    let mut given: HashMap<(String, String), i64> = HashMap::new();
    let mut next: HashMap<String, i64> = HashMap::new();
    let mut gone: HashSet<(String, String)> = drop.clone();
    let mut out = Vec::new();
    let mut people = Vec::new();
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
        for (i, name) in names.iter().enumerate() {
            let target = if t.has_uid && name == "id" {
                Some(t.table)
            } else {
                t.refs
                    .iter()
                    .find(|(col, _)| col == name)
                    .map(|(_, to)| *to)
            };
            let Some(target) = target else { continue };
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
                let local = match given.get(&key) {
                    Some(id) => Some(*id),
                    None if gone.contains(&key) => None,
                    None => local_id(tx, target, &uid)?,
                };
                let local = match local {
                    Some(id) => id,
                    None if c.op == Op::Insert && target == t.table => {
                        let n = match next.get(target) {
                            Some(n) => *n,
                            None => tx.query_row(
                                &format!("SELECT coalesce(max(id), 0) + 1 FROM {target}"),
                                [],
                                |r| r.get(0),
                            )?,
                        };
                        next.insert(target.to_string(), n + 1);
                        given.insert(key, n);
                        if target == "person" {
                            people.push(n);
                        }
                        n
                    }
                    None => {
                        missing = true;
                        continue;
                    }
                };
                vals[i] = Val::Int(local);
            }
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
                given.remove(&("feedback".to_string(), u.clone()));
                gone.insert(("feedback".into(), u.clone()));
                continue;
            }
        }
        out.push(change);
    }
    Ok((out, people))
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
