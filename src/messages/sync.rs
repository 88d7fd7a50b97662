//! Sentences about sync bundles (issue 23), for `passerelle sync` and the « Synchroniser » view.

use std::path::Path;

use crate::core::sync::BundleError;
use crate::core::text::{Lines, sanitize};
use crate::i18n::Tr;
use crate::store::{ImportReport, StoreError};

/// An import's preview (`done` false) or result: the counts, then one line per conflict and per
/// person found typed on both laptops.
pub fn sync_report(tr: Tr, r: &ImportReport, done: bool) -> Vec<String> {
    let key = if done { "sync.applied" } else { "sync.preview" };
    let mut out = vec![tr.tf(
        key,
        &[
            ("batches", &r.batches),
            ("known", &r.known),
            ("added", &r.added),
            ("changed", &r.changed),
            ("deleted", &r.deleted),
            ("conflicts", &r.conflicts.len()),
        ],
    )];
    // What kind of rows: « Présences : 12 modification(s) » says more than a total.
    for kind in crate::core::sync::ROW_KINDS {
        let Some(n) = r.by_kind.get(kind).filter(|n| n.iter().any(|&x| x > 0)) else {
            continue;
        };
        out.push(tr.tf(
            "sync.kind_line",
            &[
                ("kind", &tr.t(&format!("sync.kind_{kind}"))),
                ("added", &n[0]),
                ("changed", &n[1]),
                ("deleted", &n[2]),
            ],
        ));
    }
    for c in &r.conflicts {
        // Feedback kept beside is stored whole (for Retours); one line of its texts here.
        let other = crate::core::feedback_conflict::OtherFeedback::parse(&c.other)
            .map_or_else(|| c.other.clone(), |o| o.summary());
        out.push(tr.tf(
            &format!("sync.conflict_{}", c.kind.code()),
            &[
                ("table", &c.table),
                ("key", &sanitize(&c.key, Lines::Single)),
                ("kept", &sanitize(&c.kept, Lines::Single)),
                ("other", &sanitize(&other, Lines::Single)),
            ],
        ));
    }
    for (name, kept, merged) in &r.merged {
        out.push(tr.tf(
            "sync.merged",
            &[
                ("name", &sanitize(name, Lines::Single)),
                ("kept", kept),
                ("merged", merged),
            ],
        ));
    }
    out
}

/// Why the file at `path` is no bundle to read.
pub fn bundle_refusal(tr: Tr, path: &Path, e: &BundleError) -> String {
    let key = match e {
        BundleError::NotBundle => "sync.not_bundle",
        BundleError::Checksum => "sync.bad_checksum",
    };
    tr.tf(key, &[("path", &path.display())])
}

/// Why the store refused a bundle (another schema, a damaged changeset); `None` for any other
/// store error.
pub fn store_refusal(tr: Tr, path: &Path, e: &StoreError) -> Option<String> {
    match e {
        StoreError::SyncSchema { found, here } => Some(tr.tf(
            "sync.other_schema",
            &[("path", &path.display()), ("found", found), ("here", here)],
        )),
        StoreError::SyncDamaged => Some(tr.tf("sync.bad_checksum", &[("path", &path.display())])),
        _ => None,
    }
}

/// The bundle at `path` — an encrypted one opened with this database's passphrase, which the
/// programme's laptops share — or the sentence that says why it is none (CLI and view alike).
pub fn read_bundle(
    tr: Tr,
    store: &crate::store::Store,
    path: &Path,
) -> Result<crate::core::sync::Bundle, String> {
    use crate::core::sync::{MAGIC, decode_bundle, looks_sealed};
    use crate::store::Sealed;
    let bytes = std::fs::read(path).map_err(|e| {
        tr.tf(
            "sync.unreadable",
            &[("path", &path.display()), ("error", &e)],
        )
    })?;
    let bytes = if bytes.starts_with(MAGIC) || !looks_sealed(&bytes) {
        bytes
    } else {
        match store.open_sealed_bundle(path) {
            Sealed::Opened(b) => b,
            Sealed::NotBundle => return Err(tr.tf("sync.not_bundle", &[("path", &path.display())])),
            Sealed::OtherPassphrase => {
                return Err(tr.tf("sync.sealed_other_passphrase", &[("path", &path.display())]));
            }
            Sealed::Unsupported => {
                return Err(tr.tf("sync.sealed_unsupported", &[("path", &path.display())]));
            }
        }
    };
    decode_bundle(&bytes).map_err(|e| bundle_refusal(tr, path, &e))
}
