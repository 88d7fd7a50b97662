//! `passerelle backup [-o FILE|DIR] [--force]`: a copy of the database through the safe writer.

use std::path::{Path, PathBuf};

use crate::i18n::Tr;
use crate::safe_file;
use crate::store::{Store, StoreError};

/// Writes the copy; returns the exit code. Without `-o` it goes beside the database, dated; a
/// folder gets the same dated name inside it.
pub fn run(
    store: &Store,
    tr: Tr,
    output: Option<PathBuf>,
    force: bool,
    now: chrono::NaiveDateTime,
) -> i32 {
    let path = store.path().to_path_buf();
    let name = crate::store::backup_name(&path, &now.format("%Y%m%d-%H%M%S").to_string());
    let target = match &output {
        Some(o) => safe_file::resolve(o, &name),
        None => beside(&path, &name),
    };
    match store.write_copy_forced(&target, force) {
        Ok(how) => {
            // Beside the database purge finds it by name; elsewhere only the register knows it.
            if output.is_some() {
                store.record_written(&target, "backup", now);
            }
            say!(
                "{}",
                tr.tf("cli.backup_done", &[("path", &target.display())])
            );
            if how == safe_file::Written::ModesIgnored {
                eprintln!(
                    "{}",
                    tr.tf("cli.export_modes_ignored", &[("path", &target.display())])
                );
            }
            0
        }
        Err(StoreError::Refused(r)) => super::refused(tr, &r),
        Err(e) => {
            eprintln!(
                "passerelle: {}",
                tr.tf(
                    "cli.export_write_failed",
                    &[("path", &target.display()), ("error", &e)]
                )
            );
            2
        }
    }
}

fn beside(db: &Path, name: &str) -> PathBuf {
    match db.parent() {
        Some(d) if !d.as_os_str().is_empty() => d.join(name),
        _ => PathBuf::from(name),
    }
}
