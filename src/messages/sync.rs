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
