//! `passerelle print KIND`: the printed sheets of a session, and everything held about a person.

use std::path::PathBuf;

use clap::Args;

use crate::core::feedback::CriteriaSets;
use crate::export::sheets::{self, Sheet};
use crate::i18n::Tr;
use crate::safe_file;
use crate::store::Store;

/// `print` arguments.
#[derive(Debug, Args)]
pub struct PrintArgs {
    /// emargement, emargement-rempli, intervenants, mouvements, tables, routes, person.
    pub kind: String,
    /// Session id (default: the last one opened).
    #[arg(long, value_name = "ID")]
    pub session: Option<i64>,
    /// Person id, for `print person` (see: passerelle list people).
    #[arg(long, value_name = "ID")]
    pub id: Option<i64>,
    /// Who produces the `person` sheet (default: the system user).
    #[arg(long, value_name = "NOM")]
    pub by: Option<String>,
    /// File to write (default: in the current directory, named after the sheet).
    #[arg(short, long, value_name = "FILE")]
    pub output: Option<PathBuf>,
    /// Replace an existing file that Passerelle did not write.
    #[arg(long)]
    pub force: bool,
}

/// Descriptions in the user's language.
pub fn localize(c: clap::Command, tr: Tr) -> clap::Command {
    c.about(tr.t("cli.print_about"))
        .mut_arg("kind", |a| a.help(tr.t("expect.print_kind")))
        .mut_arg("session", |a| a.help(tr.t("cli.print_session")))
        .mut_arg("id", |a| a.help(tr.t("cli.print_id")))
        .mut_arg("by", |a| a.help(tr.t("cli.print_by")))
        .mut_arg("output", |a| a.help(tr.t("cli.print_output")))
        .mut_arg("force", |a| a.help(tr.t("safe.arg_force")))
}

fn say_err(text: &str) -> i32 {
    eprintln!("passerelle: {text}");
    2
}

/// Runs the command; returns the exit code.
pub fn run(
    store: &Store,
    tr: Tr,
    (sets, outcomes): (&CriteriaSets, &crate::core::outcomes::OutcomeSet),
    args: PrintArgs,
    now: chrono::NaiveDateTime,
) -> color_eyre::Result<i32> {
    // What the print is noted as: (session, sheet code, plan version printed from).
    let mut printed: Option<(i64, &'static str, Option<i64>)> = None;
    let (html, default_name) = if args.kind == "person" {
        let Some(id) = args.id else {
            return Ok(say_err(tr.t("cli.print_needs_id")));
        };
        let by = args
            .by
            .or_else(|| std::env::var("USER").ok())
            .or_else(|| std::env::var("USERNAME").ok())
            .unwrap_or_else(|| "?".into());
        match sheets::person(store, (sets, outcomes), id, tr, now, &by)? {
            Some(html) => (html, format!("{}-{id}.html", tr.t("sheet.file_person"))),
            None => return Ok(say_err(&tr.tf("cli.print_no_person", &[("id", &id)]))),
        }
    } else {
        let Some(sheet) = Sheet::parse(&args.kind) else {
            return Ok(say_err(
                &tr.tf("cli.print_unknown", &[("kind", &args.kind)]),
            ));
        };
        let session = match args.session.map(Some).unwrap_or(store.last_session()?) {
            Some(id) => id,
            None => return Ok(say_err(tr.t("cli.export_no_session"))),
        };
        let rows = match sheets::load(store, session, sets) {
            Ok(rows) => rows,
            // Only a missing session is « unknown »; a value that cannot be read is said as such.
            Err(crate::store::StoreError::NotFound) => {
                return Ok(say_err(
                    &tr.tf("cli.export_unknown_session", &[("id", &session)]),
                ));
            }
            Err(e) => return Err(e.into()),
        };
        if sheet == Sheet::Changes && !sheets::has_printed_plan(&rows) {
            return Ok(say_err(tr.t("expect.no_printed")));
        }
        printed = Some((
            session,
            sheet.code(),
            rows.plan_id.filter(|_| sheet.from_plan()),
        ));
        let name = format!(
            "{}-{}.html",
            sheet.code(),
            rows.session.date.format("%Y-%m-%d")
        );
        (sheets::render(&rows, sheet, tr, now), name)
    };
    let path = match args.output {
        Some(o) => safe_file::resolve(&o, &default_name),
        None => PathBuf::from(default_name),
    };
    let ours = |p: &std::path::Path| store.wrote(p);
    let rules = safe_file::Rules {
        db: Some(store.path()),
        force: args.force,
        ours: &ours,
    };
    match safe_file::write_bytes(&path, html.as_bytes(), &rules) {
        Ok(how) => {
            store.record_written(&path, "print", now);
            if let Some((session, code, plan)) = printed {
                // Best effort, like the register: the sheet is written either way.
                let _ = store.record_print(session, code, plan, now);
            }
            say!("{}", tr.tf("cli.print_done", &[("path", &path.display())]));
            if how == safe_file::Written::ModesIgnored {
                eprintln!(
                    "{}",
                    tr.tf("cli.export_modes_ignored", &[("path", &path.display())])
                );
            }
            Ok(0)
        }
        Err(safe_file::WriteError::Refused(r)) => Ok(super::refused(tr, &r)),
        Err(safe_file::WriteError::Io(e)) => Ok(say_err(&tr.tf(
            "cli.export_write_failed",
            &[("path", &path.display()), ("error", &e)],
        ))),
    }
}
