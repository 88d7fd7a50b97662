//! Sync between laptops (issue 23), the pure part: which tables travel and which of their columns
//! name other rows, the changeset encoding of SQLite's session extension, the bundle envelope and
//! the conflict rules.
//!
//! **How rows are matched (the design decision).** A changeset names a row by its primary key,
//! and integer keys are each file's own: two laptops that both create a person both make `person`
//! 5. Passerelle keeps the integer keys local (they stay small: `list sessions` shows them and
//! `--session 3` is typed by hand) and translates **by uid** when it applies a bundle: every batch
//! carries, beside its changeset, the uid of each row it names; the importing file finds its own
//! row of that uid, or gives a new row the first free key of its own, then rewrites the changeset
//! in its own keys and hands it to the session extension, which applies it and reports the
//! conflicts. Random 63-bit keys would have needed no translation, but would have put
//! 19-digit numbers in every command line and still collided on the keys old files already share.
//! Rows keyed by other rows (membership, attendance…) are translated column by column.

use std::collections::BTreeMap;

/// A table that travels: its name and, for each column that holds another row's integer key,
/// the table that row lives in (`id` of a table with uids names the row itself).
pub struct Travelling {
    /// Table name.
    pub table: &'static str,
    /// Rows have a `uid` of their own (integer key `id`).
    pub has_uid: bool,
    /// (column, table it names).
    pub refs: &'static [(&'static str, &'static str)],
}

const fn t(
    table: &'static str,
    has_uid: bool,
    refs: &'static [(&'static str, &'static str)],
) -> Travelling {
    Travelling {
        table,
        has_uid,
        refs,
    }
}

/// Every table that travels, parents before children. Left out, on purpose: `app_state` (this
/// laptop's memory), `written_file` and `printed_sheet` (files written here), the sync tables
/// themselves and purge's anonymous tallies (purge is decided on each laptop).
pub const TRAVELLING: &[Travelling] = &[
    t("cohort", true, &[]),
    t("person", true, &[]),
    t(
        "membership",
        false,
        &[("cohort_id", "cohort"), ("person_id", "person")],
    ),
    t(
        "candidate_sensitive",
        false,
        &[("cohort_id", "cohort"), ("person_id", "person")],
    ),
    t("cohort_target", false, &[("cohort_id", "cohort")]),
    t("person_named", false, &[("person_id", "person")]),
    t("session", true, &[("cohort_id", "cohort")]),
    t("session_settings", false, &[("session_id", "session")]),
    t("session_end", false, &[("session_id", "session")]),
    t("session_sector", false, &[("session_id", "session")]),
    t(
        "attendance",
        false,
        &[("session_id", "session"), ("person_id", "person")],
    ),
    t(
        "attendance_mark",
        false,
        &[("session_id", "session"), ("person_id", "person")],
    ),
    t("panel", true, &[("session_id", "session")]),
    t(
        "panel_member",
        false,
        &[
            ("panel_id", "panel"),
            ("session_id", "session"),
            ("person_id", "person"),
        ],
    ),
    t("plan_version", true, &[("session_id", "session")]),
    t("plan_origin", false, &[("plan_id", "plan_version")]),
    t(
        "interview",
        true,
        &[
            ("plan_id", "plan_version"),
            ("panel_id", "panel"),
            ("candidate_id", "person"),
        ],
    ),
    t("clock_event", true, &[("session_id", "session")]),
    t(
        "forbidden_pair",
        false,
        &[
            ("cohort_id", "cohort"),
            ("candidate_id", "person"),
            ("professional_id", "person"),
        ],
    ),
    t(
        "feedback",
        true,
        &[
            ("session_id", "session"),
            ("candidate_id", "person"),
            ("panel_id", "panel"),
        ],
    ),
    t("feedback_rating", false, &[("feedback_id", "feedback")]),
    t(
        "proposal",
        true,
        &[
            ("session_id", "session"),
            ("candidate_id", "person"),
            ("feedback_id", "feedback"),
            ("offered_by", "person"),
        ],
    ),
    t(
        "note",
        true,
        &[("session_id", "session"), ("candidate_id", "person")],
    ),
    t(
        "action_item",
        true,
        &[
            ("cohort_id", "cohort"),
            ("candidate_id", "person"),
            ("proposal_id", "proposal"),
            ("owner_id", "person"),
        ],
    ),
    t(
        "status_change",
        true,
        &[("cohort_id", "cohort"), ("person_id", "person")],
    ),
    t(
        "followup_contact",
        true,
        &[
            ("cohort_id", "cohort"),
            ("candidate_id", "person"),
            ("with_person", "person"),
        ],
    ),
    t(
        "release_check",
        false,
        &[("cohort_id", "cohort"), ("candidate_id", "person")],
    ),
    t(
        "mentor_pairing",
        true,
        &[
            ("cohort_id", "cohort"),
            ("mentor_id", "person"),
            ("candidate_id", "person"),
        ],
    ),
    // `source_id` names a proposal or a person depending on `source`: see `SWITCHED`.
    t(
        "outcome",
        true,
        &[("cohort_id", "cohort"), ("candidate_id", "person")],
    ),
    t(
        "agenda_item",
        true,
        &[("session_id", "session"), ("person_id", "person")],
    ),
    t(
        "interest",
        false,
        &[("session_id", "session"), ("person_id", "person")],
    ),
];

/// A column that names a row of one table or another, as another column of its row says.
pub struct Switched {
    /// Table.
    pub table: &'static str,
    /// The column holding the other row's integer key.
    pub column: &'static str,
    /// The column that says which table.
    pub by: &'static str,
    /// (value of `by`, table named).
    pub targets: &'static [(&'static str, &'static str)],
}

/// The switched columns of the travelling tables: an outcome's `source_id` names the proposal
/// it came from, or the person (the company's professional, the mentor), as `source` says
/// (`core::followup::Outcome::source_id`).
pub const SWITCHED: &[Switched] = &[Switched {
    table: "outcome",
    column: "source_id",
    by: "source",
    targets: &[
        ("proposal", "proposal"),
        ("company", "person"),
        ("mentor", "person"),
    ],
}];

/// The switched column of `table`, if it has one.
pub fn switched(table: &str) -> Option<&'static Switched> {
    SWITCHED.iter().find(|s| s.table == table)
}

impl Switched {
    /// The table named when `by` holds `value`.
    pub fn target(&self, value: Option<&str>) -> Option<&'static str> {
        let value = value?;
        self.targets
            .iter()
            .find(|(v, _)| *v == value)
            .map(|(_, to)| *to)
    }
}

/// A text column holding other rows' integer keys, comma-separated (`store::feedback` writes a
/// feedback's panel so): translated key by key like a column of `refs`.
pub struct Listed {
    /// Table.
    pub table: &'static str,
    /// The text column.
    pub column: &'static str,
    /// The table its keys name.
    pub to: &'static str,
}

/// The list columns of the travelling tables.
pub const LISTED: &[Listed] = &[Listed {
    table: "feedback",
    column: "panel_members",
    to: "person",
}];

/// The list column `column` of `table`, if it is one.
pub fn list_column(table: &str, column: &str) -> Option<&'static Listed> {
    LISTED
        .iter()
        .find(|l| l.table == table && l.column == column)
}

/// The keys of a list column's text (what is not a key is skipped, as `store::feedback` reads it).
pub fn key_list(text: &str) -> Vec<i64> {
    text.split(',')
        .filter_map(|k| k.trim().parse().ok())
        .collect()
}

/// A list column's text for these keys.
pub fn key_list_text(keys: &[i64]) -> String {
    keys.iter()
        .map(i64::to_string)
        .collect::<Vec<_>>()
        .join(",")
}

/// The kinds of rows an import's preview counts, in the order it lists them (catalog `sync.kind_*`).
pub const ROW_KINDS: &[&str] = &[
    "cohorts",
    "people",
    "sessions",
    "attendance",
    "plan",
    "feedback",
    "proposals",
    "notes",
    "actions",
    "followup",
    "themed",
];

/// The kind of row a travelling table holds, as the preview names it; `None` for rows that go
/// with another one and would only inflate its count (a mark's time, a feedback's ratings).
pub fn row_kind(table: &str) -> Option<&'static str> {
    Some(match table {
        "cohort" | "cohort_target" => "cohorts",
        "person" | "membership" | "candidate_sensitive" | "person_named" | "status_change" => {
            "people"
        }
        "session" | "session_settings" | "session_end" | "session_sector" | "clock_event" => {
            "sessions"
        }
        "attendance" => "attendance",
        "panel" | "panel_member" | "plan_version" | "plan_origin" | "interview"
        | "forbidden_pair" => "plan",
        "feedback" => "feedback",
        "proposal" => "proposals",
        "note" => "notes",
        "action_item" => "actions",
        "followup_contact" | "release_check" | "mentor_pairing" | "outcome" => "followup",
        "agenda_item" | "interest" => "themed",
        _ => return None,
    })
}

/// The travelling table of that name.
pub fn travelling(table: &str) -> Option<&'static Travelling> {
    TRAVELLING.iter().find(|t| t.table == table)
}

/// Every (table, column) that names a person: what a merge of two people rewrites.
pub fn person_refs() -> impl Iterator<Item = (&'static str, &'static str)> {
    TRAVELLING.iter().flat_map(|t| {
        t.refs
            .iter()
            .filter(|(_, to)| *to == "person")
            .map(move |(col, _)| (t.table, *col))
    })
}

/// One value of a change, as the session extension records it.
#[derive(Debug, Clone, PartialEq)]
pub enum Val {
    /// Not part of the change (an unchanged column of an update).
    Undefined,
    /// SQL NULL.
    Null,
    /// Integer.
    Int(i64),
    /// Floating point.
    Real(f64),
    /// Text.
    Text(String),
    /// Blob.
    Blob(Vec<u8>),
}

impl Val {
    /// The text, if it is one.
    pub fn text(&self) -> Option<&str> {
        match self {
            Val::Text(s) => Some(s),
            _ => None,
        }
    }

    /// Short display for the conflict list.
    pub fn show(&self) -> String {
        match self {
            Val::Undefined => String::new(),
            Val::Null => "∅".into(),
            Val::Int(i) => i.to_string(),
            Val::Real(r) => r.to_string(),
            Val::Text(s) => s.clone(),
            Val::Blob(b) => format!("<{} bytes>", b.len()),
        }
    }
}

/// The kind of a change.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Op {
    /// A new row.
    Insert,
    /// Changed columns of a row.
    Update,
    /// A row removed.
    Delete,
}

/// One change of a changeset.
#[derive(Debug, Clone, PartialEq)]
pub struct Change {
    /// Table.
    pub table: String,
    /// Primary-key flags, one per column, as the session extension gives them.
    pub pk: Vec<u8>,
    /// Kind.
    pub op: Op,
    /// Old values (delete, update), one per column.
    pub old: Vec<Val>,
    /// New values (insert, update), one per column.
    pub new: Vec<Val>,
}

fn put_varint(out: &mut Vec<u8>, mut v: u64) {
    // SQLite's varint: big-endian groups of 7 bits, the high bit says « more »; a 9th byte holds 8.
    if v & (0xff00_0000u64 << 32) != 0 {
        let mut buf = [0u8; 9];
        buf[8] = v as u8;
        v >>= 8;
        for b in buf[..8].iter_mut().rev() {
            *b = ((v & 0x7f) as u8) | 0x80;
            v >>= 7;
        }
        out.extend_from_slice(&buf);
        return;
    }
    let mut buf = Vec::with_capacity(9);
    loop {
        buf.push(((v & 0x7f) as u8) | 0x80);
        v >>= 7;
        if v == 0 {
            break;
        }
    }
    buf[0] &= 0x7f;
    out.extend(buf.iter().rev());
}

fn put_value(out: &mut Vec<u8>, v: &Val) {
    match v {
        Val::Undefined => out.push(0),
        Val::Int(i) => {
            out.push(1);
            out.extend_from_slice(&i.to_be_bytes());
        }
        Val::Real(r) => {
            out.push(2);
            out.extend_from_slice(&r.to_bits().to_be_bytes());
        }
        Val::Text(s) => {
            out.push(3);
            put_varint(out, s.len() as u64);
            out.extend_from_slice(s.as_bytes());
        }
        Val::Blob(b) => {
            out.push(4);
            put_varint(out, b.len() as u64);
            out.extend_from_slice(b);
        }
        Val::Null => out.push(5),
    }
}

/// Writes changes in the session extension's changeset format (sqlite.org/sessionintro.html,
/// « changeset format »), so that SQLite itself applies them. Consecutive changes of one table
/// share its header.
pub fn encode_changeset(changes: &[Change]) -> Vec<u8> {
    let mut out = Vec::new();
    let mut current: Option<(&str, usize)> = None;
    for c in changes {
        if current != Some((c.table.as_str(), c.pk.len())) {
            out.push(b'T');
            put_varint(&mut out, c.pk.len() as u64);
            out.extend_from_slice(&c.pk);
            out.extend_from_slice(c.table.as_bytes());
            out.push(0);
            current = Some((c.table.as_str(), c.pk.len()));
        }
        let (code, records): (u8, [&[Val]; 2]) = match c.op {
            Op::Insert => (18, [&c.new, &[]]),
            Op::Update => (23, [&c.old, &c.new]),
            Op::Delete => (9, [&c.old, &[]]),
        };
        out.push(code);
        out.push(0);
        for record in records {
            for v in record {
                put_value(&mut out, v);
            }
        }
    }
    out
}

/// First bytes of a bundle file.
pub const MAGIC: &[u8; 16] = b"PASSERELLE-SYNC\n";

/// Version of the envelope layout.
pub const ENVELOPE_VERSION: u32 = 1;

/// One batch inside a bundle.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct BatchHead {
    /// Database that made the changes.
    pub origin: String,
    /// Its number there.
    pub origin_seq: i64,
    /// When it was cut.
    pub made_at: String,
    /// table → origin row id → uid.
    pub uids: BTreeMap<String, BTreeMap<i64, String>>,
    /// Length of its changeset in the payload.
    pub len: usize,
}

/// What a bundle says of itself.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Header {
    /// Envelope version.
    pub envelope: u32,
    /// Database that wrote the bundle.
    pub origin: String,
    /// Its schema version (`user_version`): the other side must have the same.
    pub schema: i64,
    /// When it was written.
    pub made_at: String,
    /// The last local batch number it holds (what `--since` takes next time).
    pub last: i64,
    /// What the writer has applied from each origin (its own included): the reader learns
    /// what the writer already has.
    pub has: BTreeMap<String, i64>,
    /// The batches, in order.
    pub batches: Vec<BatchHead>,
}

/// A bundle: its header and each batch's changeset.
#[derive(Debug, Clone, PartialEq)]
pub struct Bundle {
    /// Header.
    pub header: Header,
    /// Changesets, one per batch, in the header's order.
    pub changesets: Vec<Vec<u8>>,
}

/// Why a file is not a bundle Passerelle can read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum BundleError {
    /// Not a bundle at all, or an envelope of another version.
    NotBundle,
    /// The checksum does not match: damaged or cut short.
    Checksum,
}

/// FNV-1a, 64 bits: catches a damaged or truncated file (a checksum, not a signature).
pub fn checksum(bytes: &[u8]) -> u64 {
    bytes.iter().fold(0xcbf2_9ce4_8422_2325u64, |h, b| {
        (h ^ u64::from(*b)).wrapping_mul(0x0100_0000_01b3)
    })
}

/// Bundle layout: MAGIC, header length (u32 LE), header JSON, the changesets one after the
/// other, then the checksum (u64 LE) of everything before it.
pub fn encode_bundle(b: &Bundle) -> Vec<u8> {
    let mut header = b.header.clone();
    for (head, cs) in header.batches.iter_mut().zip(&b.changesets) {
        head.len = cs.len();
    }
    let json = serde_json::to_vec(&header).unwrap_or_default();
    let mut out = Vec::with_capacity(json.len() + 64);
    out.extend_from_slice(MAGIC);
    out.extend_from_slice(&(json.len() as u32).to_le_bytes());
    out.extend_from_slice(&json);
    for cs in &b.changesets {
        out.extend_from_slice(cs);
    }
    let sum = checksum(&out);
    out.extend_from_slice(&sum.to_le_bytes());
    out
}

/// Reads a bundle; never panics on any input.
pub fn decode_bundle(bytes: &[u8]) -> Result<Bundle, BundleError> {
    if bytes.len() < MAGIC.len() + 4 + 8 || !bytes.starts_with(MAGIC) {
        return Err(BundleError::NotBundle);
    }
    let (body, sum) = bytes.split_at(bytes.len() - 8);
    let mut sum_bytes = [0u8; 8];
    sum_bytes.copy_from_slice(sum);
    if checksum(body) != u64::from_le_bytes(sum_bytes) {
        return Err(BundleError::Checksum);
    }
    let rest = &body[MAGIC.len()..];
    let mut len = [0u8; 4];
    len.copy_from_slice(&rest[..4]);
    let len = u32::from_le_bytes(len) as usize;
    let rest = &rest[4..];
    let json = rest.get(..len).ok_or(BundleError::NotBundle)?;
    let header: Header = serde_json::from_slice(json).map_err(|_| BundleError::NotBundle)?;
    if header.envelope != ENVELOPE_VERSION {
        return Err(BundleError::NotBundle);
    }
    let mut payload = &rest[len..];
    let mut changesets = Vec::with_capacity(header.batches.len());
    for head in &header.batches {
        let cs = payload.get(..head.len).ok_or(BundleError::NotBundle)?;
        changesets.push(cs.to_vec());
        payload = &payload[head.len..];
    }
    if !payload.is_empty() {
        return Err(BundleError::NotBundle);
    }
    Ok(Bundle { header, changesets })
}

/// A file that may be an encrypted bundle: a SQLCipher database (whole pages, no plain
/// header) rather than a plain bundle or a plain SQLite file. Only its passphrase tells for sure.
pub fn looks_sealed(bytes: &[u8]) -> bool {
    bytes.len() >= 512
        && bytes.len().is_multiple_of(512)
        && !bytes.starts_with(MAGIC)
        && !bytes.starts_with(b"SQLite format 3\0")
}

/// A bundle by its name (`.passerelle`, any case), whatever it holds.
pub fn is_bundle_name(path: &std::path::Path) -> bool {
    path.extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("passerelle"))
}

/// The attendance rule: the mark changed later wins (ISO timestamps compare as text); a tie
/// keeps the one already here.
pub fn incoming_mark_wins(here: Option<&str>, incoming: Option<&str>) -> bool {
    match (here, incoming) {
        (_, None) => false,
        (None, Some(_)) => true,
        (Some(h), Some(i)) => i > h,
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn every_travelling_table_is_counted_under_a_kind_or_goes_with_another_row() {
        let with_another = ["attendance_mark", "feedback_rating"];
        for t in super::TRAVELLING {
            match super::row_kind(t.table) {
                Some(kind) => assert!(super::ROW_KINDS.contains(&kind), "{kind}"),
                None => assert!(with_another.contains(&t.table), "{} has no kind", t.table),
            }
        }
    }

    use super::*;

    fn bundle() -> Bundle {
        Bundle {
            header: Header {
                envelope: ENVELOPE_VERSION,
                origin: "a".into(),
                schema: 22,
                made_at: "2026-10-15T18:00:00".into(),
                last: 1,
                has: BTreeMap::from([("a".into(), 1)]),
                batches: vec![BatchHead {
                    origin: "a".into(),
                    origin_seq: 1,
                    made_at: "2026-10-15T18:00:00".into(),
                    uids: BTreeMap::new(),
                    len: 0,
                }],
            },
            changesets: vec![vec![1, 2, 3]],
        }
    }

    #[test]
    fn a_bundle_reads_back_and_a_damaged_one_is_refused() {
        let b = bundle();
        let bytes = encode_bundle(&b);
        let back = decode_bundle(&bytes).unwrap();
        assert_eq!(back.changesets, b.changesets);
        assert_eq!(back.header.batches[0].len, 3);
        let mut bad = bytes.clone();
        bad[30] ^= 1;
        assert_eq!(decode_bundle(&bad), Err(BundleError::Checksum));
        assert_eq!(
            decode_bundle(&bytes[..bytes.len() - 1]),
            Err(BundleError::Checksum)
        );
        assert_eq!(decode_bundle(b"hello"), Err(BundleError::NotBundle));
        for cut in 0..bytes.len() {
            let _ = decode_bundle(&bytes[..cut]);
        }
    }

    #[test]
    fn an_encrypted_bundle_is_told_from_a_plain_one_and_from_a_database() {
        assert!(looks_sealed(&[7u8; 4096]));
        assert!(!looks_sealed(&encode_bundle(&bundle())));
        let mut plain_db = b"SQLite format 3\0".to_vec();
        plain_db.resize(4096, 0);
        assert!(!looks_sealed(&plain_db));
        assert!(!looks_sealed(&[7u8; 4000]));
        assert!(is_bundle_name(std::path::Path::new(
            "/media/usb/Salle-A.PASSERELLE"
        )));
        assert!(!is_bundle_name(std::path::Path::new("passerelle.db")));
    }

    #[test]
    fn varints_are_sqlites() {
        let enc = |v| {
            let mut o = Vec::new();
            put_varint(&mut o, v);
            o
        };
        assert_eq!(enc(0), [0]);
        assert_eq!(enc(127), [0x7f]);
        assert_eq!(enc(128), [0x81, 0x00]);
        assert_eq!(enc(300), [0x82, 0x2c]);
        assert_eq!(enc(u64::MAX).len(), 9);
    }

    #[test]
    fn the_later_mark_wins() {
        assert!(incoming_mark_wins(
            Some("2026-10-15T09:00:00.000"),
            Some("2026-10-15T09:00:01.000")
        ));
        assert!(!incoming_mark_wins(
            Some("2026-10-15T09:00:01.000"),
            Some("2026-10-15T09:00:00.000")
        ));
        assert!(!incoming_mark_wins(Some("x"), Some("x")));
        assert!(incoming_mark_wins(None, Some("x")));
    }

    #[test]
    fn every_switched_column_names_travelling_tables_with_uids() {
        for sw in SWITCHED {
            let t = travelling(sw.table).unwrap();
            assert!(t.refs.iter().all(|(c, _)| *c != sw.column), "{}", sw.column);
            for (_, to) in sw.targets {
                assert!(travelling(to).unwrap().has_uid, "{to}");
            }
        }
        let outcome = switched("outcome").unwrap();
        assert_eq!(outcome.target(Some("proposal")), Some("proposal"));
        assert_eq!(outcome.target(Some("mentor")), Some("person"));
        assert_eq!(outcome.target(None), None);
    }

    #[test]
    fn every_reference_names_a_travelling_table_listed_before() {
        for (i, t) in TRAVELLING.iter().enumerate() {
            for (_, to) in t.refs {
                let at = TRAVELLING.iter().position(|x| x.table == *to).unwrap();
                assert!(at < i || *to == t.table, "{} → {to}", t.table);
                assert!(TRAVELLING[at].has_uid, "{to} has uids");
            }
        }
    }
}
