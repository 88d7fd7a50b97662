//! The effects of « Synchroniser » (issue 23): reading the folder, writing a bundle through the
//! safe writer, previewing and merging a bundle with the store's sync engine.

use std::path::{Path, PathBuf};

use super::files::{refusal_text, safe_rules};
use super::*;
use crate::platform::removable::{default_sync_folder, removable_mounts};
use crate::ui::screens::day::sync::{SyncFile, SyncListing, SyncPreview, bundle_name};

/// The bundles in `folder`, newest first (the name breaks ties, newest name first).
fn bundles_in(folder: &Path) -> std::io::Result<Vec<SyncFile>> {
    let mut out = Vec::new();
    for entry in std::fs::read_dir(folder)?.flatten() {
        let name = entry.file_name().to_string_lossy().into_owned();
        let Ok(meta) = entry.metadata() else { continue };
        if name.starts_with('.') || !meta.is_file() || !name.to_lowercase().ends_with(".passerelle")
        {
            continue;
        }
        let modified = meta
            .modified()
            .ok()
            .map(|t| chrono::DateTime::<chrono::Local>::from(t).naive_local());
        out.push(SyncFile {
            name: crate::core::text::sanitize(&name, crate::core::text::Lines::Single).into_owned(),
            path: entry.path(),
            modified,
            size: meta.len(),
        });
    }
    out.sort_by(|a, b| b.modified.cmp(&a.modified).then(b.name.cmp(&a.name)));
    Ok(out)
}

/// Reads the folder (None: the default one) and what this laptop has to send.
pub(super) fn list(
    store: &mut Store,
    app: &mut App,
    folder: Option<PathBuf>,
) -> crate::store::Result<()> {
    let (folder, on_stick) = match folder {
        Some(f) => {
            let stick = removable_mounts().iter().any(|m| f.starts_with(m));
            (f, stick)
        }
        None => default_sync_folder(),
    };
    let exists = folder.is_dir();
    let (files, error) = if exists {
        match bundles_in(&folder) {
            Ok(files) => (files, None),
            Err(e) => (Vec::new(), Some(e.to_string())),
        }
    } else {
        (Vec::new(), None)
    };
    let listing = SyncListing {
        folder,
        on_stick,
        exists,
        error,
        files,
        outbox: store.sync_outbox()?,
    };
    hand_back(store, app, Outcome::SyncListed(Box::new(listing)));
    Ok(())
}

/// Writes a bundle of every batch here into `folder` (made owner-only when it is new), records
/// it in the register, then reads the folder again.
pub(super) fn export(
    store: &mut Store,
    app: &mut App,
    folder: PathBuf,
) -> crate::store::Result<()> {
    if !folder.exists() {
        let made = std::fs::create_dir_all(&folder)
            .and_then(|()| crate::platform::restrict_to_owner(&folder));
        if let Err(e) = made {
            app.error(app.tr.tf(
                "cli.export_write_failed",
                &[("path", &folder.display()), ("error", &e)],
            ));
            return Ok(());
        }
    }
    let target = folder.join(bundle_name(app.now));
    let exported = store.sync_export(0, app.now)?;
    let ours = |p: &Path| store.wrote(p);
    let rules = safe_rules(store, &ours);
    match crate::safe_file::write_bytes(&target, &exported.bytes, &rules) {
        Ok(how) => {
            store.record_written(&target, "sync", app.now);
            store.record_sync_export(exported.last)?;
            // The folder is on screen above: the file's name keeps the warning within two lines.
            let name = target.file_name().map_or_else(
                || target.display().to_string(),
                |n| n.to_string_lossy().into_owned(),
            );
            let args: [(&str, &dyn std::fmt::Display); 2] =
                [("path", &name), ("batches", &exported.batches)];
            if how == crate::safe_file::Written::ModesIgnored {
                app.warn(app.tr.tf("sync_view.exported_open", &args));
            } else {
                app.info(app.tr.tf("sync_view.exported", &args));
            }
        }
        Err(crate::safe_file::WriteError::Refused(r)) => app.error(refusal_text(app.tr, &r)),
        Err(crate::safe_file::WriteError::Io(e)) => app.error(app.tr.tf(
            "cli.export_write_failed",
            &[("path", &target.display()), ("error", &e)],
        )),
    }
    list(store, app, Some(folder))
}

/// What the bundle would merge (the engine's dry run: the same transaction, rolled back).
pub(super) fn preview(store: &mut Store, app: &mut App, path: PathBuf) -> crate::store::Result<()> {
    let tr = app.tr;
    let (lines, can_apply) = match crate::messages::read_bundle(tr, store, &path) {
        Err(text) => (vec![text], false),
        Ok(bundle) => match store.sync_import(&bundle, false, app.now) {
            Ok(r) => {
                let mut lines = crate::messages::sync_report(tr, &r, false);
                if r.batches == 0 {
                    lines.push(tr.t("sync_view.nothing_new").to_string());
                }
                (lines, r.batches > 0)
            }
            Err(e) => match crate::messages::store_refusal(tr, &path, &e) {
                Some(text) => (vec![text], false),
                None => return Err(e),
            },
        },
    };
    let preview = SyncPreview {
        path,
        lines,
        can_apply,
        applied: false,
        scroll: 0,
    };
    hand_back(store, app, Outcome::SyncPreviewed(Box::new(preview)));
    Ok(())
}

/// Merges the bundle in one transaction, then loads the data again so every tab shows the merge.
pub(super) fn apply(store: &mut Store, app: &mut App, path: PathBuf) -> crate::store::Result<()> {
    let tr = app.tr;
    let bundle = match crate::messages::read_bundle(tr, store, &path) {
        Ok(b) => b,
        Err(text) => {
            app.error(text);
            return Ok(());
        }
    };
    let report = match store.sync_import(&bundle, true, app.now) {
        Ok(r) => r,
        Err(e) => {
            return match crate::messages::store_refusal(tr, &path, &e) {
                Some(text) => {
                    app.error(text);
                    Ok(())
                }
                None => Err(e),
            };
        }
    };
    let lines = crate::messages::sync_report(tr, &report, true);
    reload(store, app, None)?;
    if let Some(first) = lines.first() {
        app.info(first.clone());
    }
    hand_back(store, app, Outcome::SyncApplied(lines));
    Ok(())
}
