//! `passerelle export`: the grand oral summary of a session to a file, partner-safe by default.

use std::path::{Path, PathBuf};

use clap::{Args, ValueEnum};

use crate::core::feedback::CriteriaSets;
use crate::core::outcomes::OutcomeSet;
use crate::core::summary::{self, Audience};
use crate::export::{self, Format, Part};
use crate::i18n::Tr;
use crate::safe_file::{Rules, WriteError, Written};
use crate::store::Store;

/// `export` arguments.
#[derive(Debug, Args)]
pub struct ExportArgs {
    /// Session id (job training or grand oral; default: the last one opened).
    #[arg(long, value_name = "ID")]
    pub session: Option<i64>,
    /// Format.
    #[arg(long, value_enum, default_value_t = FormatArg::Html)]
    pub format: FormatArg,
    /// Who the document is for.
    #[arg(long, value_enum, default_value_t = AudienceArg::Partner)]
    pub audience: AudienceArg,
    /// Candidates' full names in a partner document.
    #[arg(long)]
    pub full_names: bool,
    /// File to write (default: in the current directory, named after the session).
    #[arg(short, long, value_name = "FILE")]
    pub output: Option<PathBuf>,
    /// Replace an existing file that Passerelle did not write.
    #[arg(long)]
    pub force: bool,
}

/// `--format` values.
#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum FormatArg {
    /// Markdown.
    Md,
    /// Print-ready HTML.
    Html,
    /// CSV for Excel.
    Csv,
    /// JSON.
    Json,
}

/// `--audience` values.
#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum AudienceArg {
    /// Companies and partners.
    Partner,
    /// The staff: everything.
    Full,
}

/// Descriptions in the user's language.
pub fn localize(c: clap::Command, tr: Tr) -> clap::Command {
    c.about(tr.t("cli.export_about"))
        .mut_arg("session", |a| a.help(tr.t("cli.export_session")))
        .mut_arg("format", |a| a.help(tr.t("cli.export_format")))
        .mut_arg("audience", |a| a.help(tr.t("cli.export_audience")))
        .mut_arg("full_names", |a| a.help(tr.t("cli.export_full_names")))
        .mut_arg("output", |a| a.help(tr.t("cli.export_output")))
        .mut_arg("force", |a| a.help(tr.t("safe.arg_force")))
}

/// Runs the command; returns the exit code.
pub fn run(
    store: &Store,
    tr: Tr,
    (sets, outcomes): (&CriteriaSets, &OutcomeSet),
    args: ExportArgs,
    now: chrono::NaiveDateTime,
) -> color_eyre::Result<i32> {
    let session_id = match args.session {
        Some(id) => id,
        None => match store.last_session()? {
            Some(id) => id,
            None => match latest_summarised(store)? {
                Some(id) => id,
                None => return Ok(say_err(tr.t("cli.export_no_session"))),
            },
        },
    };
    let session = match store.session(session_id) {
        Ok(s) => s,
        // Only a missing session is « unknown »; a value that cannot be read is said as such.
        Err(crate::store::StoreError::NotFound) => {
            return Ok(say_err(
                &tr.tf("cli.export_unknown_session", &[("id", &session_id)]),
            ));
        }
        Err(e) => return Err(e.into()),
    };
    let review = session.kind == crate::core::domain::SessionKind::Review;
    let themed = session.kind == crate::core::domain::SessionKind::ThemedDay;
    if !review && !themed && !summary::summarises(session.kind) {
        return Ok(say_err(&tr.tf(
            "cli.export_wrong_kind",
            &[
                ("id", &session_id),
                ("kind", &tr.t(&format!("kind.{}", session.kind.code()))),
            ],
        )));
    }
    let format = match args.format {
        FormatArg::Md => Format::Markdown,
        FormatArg::Html => Format::Html,
        FormatArg::Csv => Format::Csv,
        FormatArg::Json => Format::Json,
    };
    let audience = match args.audience {
        AudienceArg::Partner => Audience::Partner,
        AudienceArg::Full => Audience::Full,
    };
    let ours = |p: &Path| store.wrote(p);
    let rules = Rules {
        db: Some(store.path()),
        force: args.force,
        ours: &ours,
    };
    if review {
        // A review session's document is the programme report of its cohort (issue 21).
        return super::report::for_review(
            store,
            tr,
            (sets, outcomes),
            &session,
            format,
            audience,
            args.output,
            &rules,
            now,
        );
    }
    let (parts, default) = if themed {
        // A themed day's document is its short report (issue 22).
        let text = match format {
            Format::Markdown | Format::Html => {
                let input = export::themed::input(store, &session)?;
                let r = crate::core::agenda::report::build(&input, audience);
                if format == Format::Html {
                    export::themed::html(&r, tr, now)
                } else {
                    export::themed::markdown(&r, tr, now)
                }
            }
            Format::Csv | Format::Json => return Ok(say_err(tr.t("themed_report.cli_format"))),
        };
        let parts = vec![export::Part {
            suffix: String::new(),
            bytes: text.into_bytes(),
        }];
        (
            parts,
            export::themed::default_name(tr, session.date, format, audience),
        )
    } else {
        let rows = store.summary_rows(session_id)?;
        let mut full = summary::build(&rows.input(sets));
        crate::export::attach_followup(store, &mut full, &rows.members, outcomes)?;
        full.funnel = Some(crate::core::path::FunnelInfo::of(
            &store.funnel(session.cohort_id)?,
        ));
        let summary = summary::for_audience(full, audience, args.full_names);
        let parts = export::render(&summary, format, tr, now);
        (
            parts,
            export::default_name(tr, session.date, format, audience),
        )
    };
    let doc = Document {
        parts,
        main: output_path(args.output, default),
        audience,
        kind: "export",
        done: "cli.export_done",
    };
    Ok(write_and_say(tr, doc, &rules, Some(store), now))
}

/// A rendered document on its way to a file, for [`write_and_say`].
pub(crate) struct Document {
    /// The parts (the main file first, then its `-suffix` siblings).
    pub parts: Vec<Part>,
    /// Where the main part goes.
    pub main: PathBuf,
    /// Who it is for: the full audience is warned about.
    pub audience: Audience,
    /// What the register of written files calls it (for purge): `export`, `report`.
    pub kind: &'static str,
    /// Catalog key of the sentence saying where it went (`{path}`).
    pub done: &'static str,
}

/// Writes a document through the safe writer, registers each file in `store` (when the
/// document comes from an open database), and says where; returns the exit code.
pub(crate) fn write_and_say(
    tr: Tr,
    doc: Document,
    rules: &Rules,
    store: Option<&Store>,
    now: chrono::NaiveDateTime,
) -> i32 {
    match export::file::write_parts(&doc.main, &doc.parts, rules) {
        Ok(written) => {
            for (path, how) in written {
                if let Some(store) = store {
                    store.record_written(&path, doc.kind, now);
                }
                say!("{}", tr.tf(doc.done, &[("path", &path.display())]));
                if how == Written::ModesIgnored {
                    eprintln!(
                        "{}",
                        tr.tf("cli.export_modes_ignored", &[("path", &path.display())])
                    );
                }
            }
            if doc.audience == Audience::Full {
                eprintln!("{}", tr.t("cli.export_full_warning"));
            }
            0
        }
        Err(WriteError::Refused(r)) => super::refused(tr, &r),
        Err(WriteError::Io(e)) => say_err(&tr.tf(
            "cli.export_write_failed",
            &[("path", &doc.main.display()), ("error", &e)],
        )),
    }
}

/// The file to write: `-o` (a folder gets the default name inside it), else the default name.
pub(crate) fn output_path(output: Option<PathBuf>, default: PathBuf) -> PathBuf {
    match output {
        Some(o) => crate::safe_file::resolve(
            &o,
            &default
                .file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_default(),
        ),
        None => default,
    }
}

/// Without a session ever opened: the most recent job training of the newest cohort.
fn latest_summarised(store: &Store) -> crate::store::Result<Option<i64>> {
    let Some(cohort) = store.list_cohorts()?.into_iter().next() else {
        return Ok(None);
    };
    Ok(store
        .list_sessions(cohort.id)?
        .into_iter()
        .filter(|s| s.kind == crate::core::domain::SessionKind::JobTraining)
        .map(|s| s.id)
        .next_back())
}

fn say_err(text: &str) -> i32 {
    eprintln!("passerelle: {text}");
    2
}
