//! `passerelle sync export|import`: bring two laptops' files together (issue 23).

use std::io::{BufRead, IsTerminal, Write};
use std::path::PathBuf;

use clap::Subcommand;

use super::export::{Document, write_and_say};
use crate::core::summary::Audience;
use crate::core::sync::{BundleError, MAGIC, decode_bundle, looks_sealed};
use crate::core::text::{Lines, sanitize};
use crate::export::Part;
use crate::i18n::Tr;
use crate::safe_file::{self, Rules};
use crate::store::{ImportReport, Sealed, Store, StoreError};

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
        println!(
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
    let bytes = match std::fs::read(&file) {
        Ok(b) => b,
        Err(e) => {
            eprintln!(
                "passerelle: {}",
                tr.tf(
                    "sync.unreadable",
                    &[("path", &file.display()), ("error", &e)]
                )
            );
            return Ok(2);
        }
    };
    let bytes = if bytes.starts_with(MAGIC) || !looks_sealed(&bytes) {
        bytes
    } else {
        // Encrypted (the database is): opened with this database's passphrase, which the
        // programme's laptops share.
        let key = match store.open_sealed_bundle(&file) {
            Sealed::Opened(b) => Ok(b),
            Sealed::NotBundle => Err("sync.not_bundle"),
            Sealed::OtherPassphrase => Err("sync.sealed_other_passphrase"),
            Sealed::Unsupported => Err("sync.sealed_unsupported"),
        };
        match key {
            Ok(b) => b,
            Err(key) => {
                eprintln!("passerelle: {}", tr.tf(key, &[("path", &file.display())]));
                return Ok(2);
            }
        }
    };
    import_bytes(store, tr, &file, bytes, yes, now)
}

fn import_bytes(
    store: &mut Store,
    tr: Tr,
    file: &std::path::Path,
    bytes: Vec<u8>,
    yes: bool,
    now: chrono::NaiveDateTime,
) -> color_eyre::Result<i32> {
    let bundle = match decode_bundle(&bytes) {
        Ok(b) => b,
        Err(e) => {
            let key = match e {
                BundleError::NotBundle => "sync.not_bundle",
                BundleError::Checksum => "sync.bad_checksum",
            };
            eprintln!("passerelle: {}", tr.tf(key, &[("path", &file.display())]));
            return Ok(2);
        }
    };
    let preview = match store.sync_import(&bundle, false, now) {
        Ok(r) => r,
        Err(e) => return Ok(refusal(tr, store, file, &e)),
    };
    print_report(tr, &preview, false);
    if preview.batches == 0 {
        return Ok(0);
    }
    if !yes {
        if !std::io::stdin().is_terminal() {
            eprintln!("passerelle: {}", tr.t("sync.needs_yes"));
            return Ok(2);
        }
        print!("{} ", tr.t("sync.confirm"));
        std::io::stdout().flush()?;
        let mut line = String::new();
        std::io::stdin().lock().read_line(&mut line)?;
        if !matches!(line.trim(), "o" | "O" | "oui" | "y" | "Y" | "yes") {
            println!("{}", tr.t("sync.cancelled"));
            return Ok(1);
        }
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
    match e {
        StoreError::SyncSchema { found, here } => {
            eprintln!(
                "passerelle: {}",
                tr.tf(
                    "sync.other_schema",
                    &[("path", &file.display()), ("found", found), ("here", here)]
                )
            );
            2
        }
        StoreError::SyncDamaged => {
            eprintln!(
                "passerelle: {}",
                tr.tf("sync.bad_checksum", &[("path", &file.display())])
            );
            2
        }
        other => super::fail(tr, store.path(), other),
    }
}

fn print_report(tr: Tr, r: &ImportReport, done: bool) {
    let key = if done { "sync.applied" } else { "sync.preview" };
    println!(
        "{}",
        tr.tf(
            key,
            &[
                ("batches", &r.batches),
                ("known", &r.known),
                ("added", &r.added),
                ("changed", &r.changed),
                ("deleted", &r.deleted),
                ("conflicts", &r.conflicts.len()),
            ]
        )
    );
    for c in &r.conflicts {
        println!(
            "{}",
            tr.tf(
                &format!("sync.conflict_{}", c.kind.code()),
                &[
                    ("table", &c.table),
                    ("key", &sanitize(&c.key, Lines::Single)),
                    ("kept", &sanitize(&c.kept, Lines::Single)),
                    ("other", &sanitize(&c.other, Lines::Single)),
                ]
            )
        );
    }
    for (name, kept, merged) in &r.merged {
        println!(
            "{}",
            tr.tf(
                "sync.merged",
                &[
                    ("name", &sanitize(name, Lines::Single)),
                    ("kept", kept),
                    ("merged", merged)
                ]
            )
        );
    }
}
