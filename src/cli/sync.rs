//! `passerelle sync export|import`: bring two laptops' files together (issue 23).

use std::io::{BufRead, IsTerminal};
use std::path::PathBuf;

use clap::Subcommand;

use super::export::{Document, write_and_say};
use crate::core::summary::Audience;
use crate::export::Part;
use crate::i18n::Tr;
use crate::safe_file::{self, Rules};
use crate::store::{ImportReport, Store, StoreError};

/// What `sync` does.
#[derive(Debug, Subcommand)]
pub enum SyncWhat {
    /// Write this file's changes to a bundle for another laptop.
    Export {
        /// The bundle to write (`.passerelle`).
        #[arg(short, long, value_name = "FILE")]
        output: PathBuf,
        /// Only the batches after this number (printed by the previous export).
        #[arg(long, value_name = "LAST", default_value_t = 0)]
        since: i64,
        /// Replace an existing file that Passerelle did not write.
        #[arg(long)]
        force: bool,
    },
    /// Merge a bundle from another laptop (preview first).
    Import {
        /// The bundle to read.
        file: PathBuf,
        /// Apply without asking (scripts).
        #[arg(long)]
        yes: bool,
    },
}

/// Descriptions in the user's language.
pub fn localize(c: clap::Command, tr: Tr) -> clap::Command {
    c.about(tr.t("sync.cli_about"))
        .mut_subcommand("export", |c| {
            c.about(tr.t("sync.cli_export_about"))
                .mut_arg("output", |a| a.help(tr.t("sync.cli_output")))
                .mut_arg("since", |a| a.help(tr.t("sync.cli_since")))
                .mut_arg("force", |a| a.help(tr.t("safe.arg_force")))
        })
        .mut_subcommand("import", |c| {
            c.about(tr.t("sync.cli_import_about"))
                .mut_arg("file", |a| a.help(tr.t("sync.cli_file")))
                .mut_arg("yes", |a| a.help(tr.t("sync.cli_yes")))
        })
}

/// Runs the command; returns the exit code.
pub fn run(
    store: &mut Store,
    tr: Tr,
    what: SyncWhat,
    now: chrono::NaiveDateTime,
) -> color_eyre::Result<i32> {
    match what {
        SyncWhat::Export {
            output,
            since,
            force,
        } => Ok(export(store, tr, output, since, force, now)),
        SyncWhat::Import { file, yes } => import(store, tr, file, yes, now),
    }
}

fn export(
    store: &mut Store,
    tr: Tr,
    output: PathBuf,
    since: i64,
    force: bool,
    now: chrono::NaiveDateTime,
) -> i32 {
    let target = safe_file::resolve(&output, "passerelle-sync.passerelle");
    let exported = match store.sync_export(since, now) {
        Ok(e) => e,
        Err(e) => return super::fail(tr, store.path(), &e),
    };
    let db = store.path().to_path_buf();
    let ours = |p: &std::path::Path| store.wrote(p);
    let rules = Rules {
        db: Some(&db),
        force,
        ours: &ours,
    };
    // A bundle holds personal data: the full audience's warning, and purge names it.
    let doc = Document {
        parts: vec![Part {
            suffix: String::new(),
            bytes: exported.bytes,
        }],
        main: target,
        audience: Audience::Full,
        kind: "sync",
        done: "sync.written",
    };
    let code = write_and_say(tr, doc, &rules, Some(&*store), now);
    if code == 0 {
        // What « Synchroniser » counts as sent (best effort, as the register).
        let _ = store.record_sync_export(exported.last);
        say!(
            "{}",
            tr.tf(
                "sync.exported_next",
                &[("batches", &exported.batches), ("last", &exported.last)]
            )
        );
    }
    code
}

fn import(
    store: &mut Store,
    tr: Tr,
    file: PathBuf,
    yes: bool,
    now: chrono::NaiveDateTime,
) -> color_eyre::Result<i32> {
    let bundle = match crate::messages::read_bundle(tr, store, &file) {
        Ok(b) => b,
        Err(text) => {
            eprintln!("passerelle: {text}");
            return Ok(2);
        }
    };
    let file = file.as_path();
    if yes {
        // Nothing to ask: the import itself says what it did, without a preview run before it
        // (the same transaction, rolled back, would double the cost).
        return match store.sync_import(&bundle, true, now) {
            Ok(done) => {
                print_report(tr, &done, done.batches > 0);
                Ok(0)
            }
            Err(e) => Ok(refusal(tr, store, file, &e)),
        };
    }
    let preview = match store.sync_import(&bundle, false, now) {
        Ok(r) => r,
        Err(e) => return Ok(refusal(tr, store, file, &e)),
    };
    print_report(tr, &preview, false);
    if preview.batches == 0 {
        return Ok(0);
    }
    if !std::io::stdin().is_terminal() {
        eprintln!("passerelle: {}", tr.t("sync.needs_yes"));
        return Ok(2);
    }
    say_part!("{} ", tr.t("sync.confirm"));
    let mut line = String::new();
    std::io::stdin().lock().read_line(&mut line)?;
    if !matches!(line.trim(), "o" | "O" | "oui" | "y" | "Y" | "yes") {
        say!("{}", tr.t("sync.cancelled"));
        return Ok(1);
    }
    match store.sync_import(&bundle, true, now) {
        Ok(done) => {
            print_report(tr, &done, true);
            Ok(0)
        }
        Err(e) => Ok(refusal(tr, store, file, &e)),
    }
}

fn refusal(tr: Tr, store: &Store, file: &std::path::Path, e: &StoreError) -> i32 {
    match crate::messages::store_refusal(tr, file, e) {
        Some(text) => {
            eprintln!("passerelle: {text}");
            2
        }
        None => super::fail(tr, store.path(), e),
    }
}

fn print_report(tr: Tr, r: &ImportReport, done: bool) {
    for line in crate::messages::sync_report(tr, r, done) {
        say!("{line}");
    }
}
