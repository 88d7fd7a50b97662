//! `passerelle report`: the programme report of a cohort or a year (issue 21), partner-safe by
//! default, from the open database or from several files (`--db` repeated, read-only).

use std::path::{Path, PathBuf};

use chrono::{NaiveDate, NaiveDateTime};
use clap::Args;

use super::export::{AudienceArg, Document, FormatArg, write_and_say};
use crate::core::domain::Id;
use crate::core::feedback::CriteriaSets;
use crate::core::outcomes::OutcomeSet;
use crate::core::report::{self, Report, ReportRows, Scope};
use crate::core::summary::Audience;
use crate::export::{self, Format};
use crate::i18n::Tr;
use crate::safe_file::Rules;
use crate::store::Store;

/// `report` arguments.
#[derive(Debug, Args)]
pub struct ReportArgs {
    /// Cohort id.
    #[arg(long, value_name = "ID", conflicts_with = "year", required_unless_present_any = ["year", "name_in_reports", "not_named_in_reports"])]
    pub cohort: Option<Id>,
    /// Year (every cohort that started in it).
    #[arg(long, value_name = "YYYY")]
    pub year: Option<i32>,
    /// Only this establishment (with --year).
    #[arg(long, value_name = "NAME", requires = "year")]
    pub establishment: Option<String>,
    /// Format.
    #[arg(long, value_enum, default_value_t = FormatArg::Html)]
    pub format: FormatArg,
    /// Who the document is for.
    #[arg(long, value_enum, default_value_t = AudienceArg::Partner)]
    pub audience: AudienceArg,
    /// File to write (default: in the current directory, named after the report).
    #[arg(short, long, value_name = "FILE")]
    pub output: Option<PathBuf>,
    /// Replace an existing file that Passerelle did not write.
    #[arg(long)]
    pub force: bool,
    /// Another laptop's report JSON to add in (repeatable, with --year).
    #[arg(long, value_name = "FILE.json", requires = "year", action = clap::ArgAction::Append)]
    pub from: Vec<PathBuf>,
    /// A professional agrees to have their first name in partner reports (person id).
    #[arg(long, value_name = "PERSON_ID", conflicts_with_all = ["cohort", "year"])]
    pub name_in_reports: Option<Id>,
    /// A professional withdraws that agreement (person id).
    #[arg(long, value_name = "PERSON_ID", conflicts_with_all = ["cohort", "year", "name_in_reports"])]
    pub not_named_in_reports: Option<Id>,
}

/// Descriptions in the user's language.
pub fn localize(c: clap::Command, tr: Tr) -> clap::Command {
    c.about(tr.t("cli.report_about"))
        .mut_arg("cohort", |a| a.help(tr.t("cli.report_cohort")))
        .mut_arg("year", |a| a.help(tr.t("cli.report_year")))
        .mut_arg("establishment", |a| {
            a.help(tr.t("cli.report_establishment"))
        })
        .mut_arg("format", |a| a.help(tr.t("cli.export_format")))
        .mut_arg("audience", |a| a.help(tr.t("cli.export_audience")))
        .mut_arg("output", |a| a.help(tr.t("cli.export_output")))
        .mut_arg("force", |a| a.help(tr.t("safe.arg_force")))
        .mut_arg("from", |a| a.help(tr.t("cli.report_from")))
        .mut_arg("name_in_reports", |a| {
            a.help(tr.t("cli.report_name_in_reports"))
        })
        .mut_arg("not_named_in_reports", |a| {
            a.help(tr.t("cli.report_not_named_in_reports"))
        })
}

fn format_of(f: FormatArg) -> Format {
    match f {
        FormatArg::Md => Format::Markdown,
        FormatArg::Html => Format::Html,
        FormatArg::Csv => Format::Csv,
        FormatArg::Json => Format::Json,
    }
}

fn audience_of(a: AudienceArg) -> Audience {
    match a {
        AudienceArg::Partner => Audience::Partner,
        AudienceArg::Full => Audience::Full,
    }
}

fn scope_of(args: &ReportArgs) -> Option<Scope> {
    match (args.cohort, args.year) {
        (Some(id), _) => Some(Scope::Cohort { id }),
        (None, Some(year)) => Some(Scope::Year {
            year,
            establishment: args.establishment.clone(),
        }),
        _ => None,
    }
}

fn year_title(year: i32, establishment: &Option<String>) -> String {
    match establishment {
        Some(e) => format!("{year} — {e}"),
        None => year.to_string(),
    }
}

/// The report of one database (the open one), or `None` when the cohort does not exist.
pub fn build_one(
    store: &Store,
    sets: (&CriteriaSets, &OutcomeSet),
    scope: Scope,
    dated: NaiveDate,
) -> crate::store::Result<Option<Report>> {
    let title = match &scope {
        Scope::Cohort { id } => match store.cohort(*id) {
            Ok(c) => c.name,
            Err(crate::store::StoreError::NotFound) => return Ok(None),
            Err(e) => return Err(e),
        },
        Scope::Year {
            year,
            establishment,
        } => year_title(*year, establishment),
    };
    let rows = crate::store::report::report_rows(store.connection(), &scope)?;
    Ok(Some(report::build(&[rows], scope, title, dated, sets)))
}

/// Runs `report` on the open database; returns the exit code.
pub fn run(
    store: &Store,
    tr: Tr,
    sets: (&CriteriaSets, &OutcomeSet),
    args: ReportArgs,
    now: NaiveDateTime,
) -> color_eyre::Result<i32> {
    if let Some(id) = args.name_in_reports {
        return set_named(store, tr, id, true);
    }
    if let Some(id) = args.not_named_in_reports {
        return set_named(store, tr, id, false);
    }
    let Some(scope) = scope_of(&args) else {
        return Ok(say_err(tr.t("cli.report_no_scope")));
    };
    let Some(r) = build_one(store, sets, scope, now.date())? else {
        return Ok(say_err(&tr.tf(
            "cli.report_unknown_cohort",
            &[("id", &args.cohort.unwrap_or_default())],
        )));
    };
    let r = report::for_audience(r, audience_of(args.audience));
    let ours = |p: &Path| store.wrote(p);
    let rules = Rules {
        db: Some(store.path()),
        force: args.force,
        ours: &ours,
    };
    let format = format_of(args.format);
    write(tr, &r, format, args.output, &rules, now, Some(store))
}

/// Runs `report --year` over several files (`--db` repeated, read-only, and `--from` report
/// JSON files of other laptops); returns the exit code.
pub fn run_files(
    paths: &[PathBuf],
    tr: Tr,
    sets: (&CriteriaSets, &OutcomeSet),
    args: ReportArgs,
    now: NaiveDateTime,
) -> color_eyre::Result<i32> {
    let Some(year) = args.year else {
        return Ok(say_err(tr.t("cli.report_files_year_only")));
    };
    let scope = Scope::Year {
        year,
        establishment: args.establishment.clone(),
    };
    let rows: Vec<ReportRows> = match crate::store::report::read_files(paths, &scope) {
        Ok(rows) => rows,
        Err(e) => {
            let path = match &e {
                crate::store::StoreError::OtherVersion { path, .. }
                | crate::store::StoreError::NotRegular(path)
                | crate::store::StoreError::NotSqlite(path)
                | crate::store::StoreError::ForeignDatabase(path) => path.clone(),
                _ => paths.first().cloned().unwrap_or_default(),
            };
            return Ok(super::fail(tr, &path, &e));
        }
    };
    let mut added = Vec::with_capacity(args.from.len());
    for path in &args.from {
        match read_json(tr, path, &scope) {
            Ok(r) => added.push(r),
            Err(text) => return Ok(say_err(&text)),
        }
    }
    let title = year_title(year, &args.establishment);
    let mut r = report::build(&rows, scope, title, now.date(), sets);
    for a in added {
        report::merge(&mut r, a);
    }
    let r = report::for_audience(r, audience_of(args.audience));
    let never = |_: &Path| false;
    // None of the files read is ever written over.
    let rules = Rules {
        db: paths.first().map(PathBuf::as_path),
        force: args.force,
        ours: &never,
    };
    if let Some(out) = &args.output {
        let out = std::fs::canonicalize(out).unwrap_or_else(|_| out.clone());
        if paths
            .iter()
            .chain(&args.from)
            .any(|p| std::fs::canonicalize(p).is_ok_and(|p| p == out))
        {
            return Ok(say_err(
                &tr.tf("cli.report_output_is_input", &[("path", &out.display())]),
            ));
        }
    }
    let format = format_of(args.format);
    write(tr, &r, format, args.output, &rules, now, None)
}

/// Refuses, with one sentence, a sync bundle given to `report` (`--db`, `--from`): by its name
/// (`.passerelle`) or by its first bytes, whatever its name.
pub(crate) fn refuse_bundles<'a>(
    tr: Tr,
    paths: impl IntoIterator<Item = &'a PathBuf>,
) -> Option<i32> {
    let bundle = paths
        .into_iter()
        .find(|p| crate::core::sync::is_bundle_name(p) || starts_as_bundle(p))?;
    Some(say_err(
        &tr.tf("sync.report_refused", &[("path", &bundle.display())]),
    ))
}

/// The file begins as a plain bundle does.
fn starts_as_bundle(path: &Path) -> bool {
    use std::io::Read;
    let mut head = [0u8; 16];
    std::fs::File::open(path)
        .and_then(|mut f| f.read_exact(&mut head))
        .is_ok_and(|()| head == *crate::core::sync::MAGIC)
}

/// Longest report JSON read (the 5-year database's is far smaller).
const MAX_JSON_BYTES: u64 = 64 * 1024 * 1024;

/// A `--from` file read and checked, or the sentence that refuses it.
fn read_json(tr: Tr, path: &Path, scope: &Scope) -> Result<Report, String> {
    let shown = path.display();
    let unreadable = |e: &dyn std::fmt::Display| {
        tr.tf(
            "cli.report_from_unreadable",
            &[("path", &shown), ("error", e)],
        )
    };
    let size = std::fs::metadata(path).map_err(|e| unreadable(&e))?.len();
    if size > MAX_JSON_BYTES {
        return Err(tr.tf("cli.report_from_not_report", &[("path", &shown)]));
    }
    let text = std::fs::read_to_string(path).map_err(|e| unreadable(&e))?;
    let r = report::parse_json(&text).map_err(|e| match e {
        report::JsonRefusal::OtherVersion(found) => tr.tf(
            "cli.report_from_other_version",
            &[
                ("path", &shown),
                ("found", &found),
                ("expected", &report::SCHEMA_VERSION),
            ],
        ),
        report::JsonRefusal::NotReport => tr.tf("cli.report_from_not_report", &[("path", &shown)]),
    })?;
    if !r.fits(scope) {
        return Err(tr.tf("cli.report_from_other_scope", &[("path", &shown)]));
    }
    Ok(r)
}

/// Writes a report through the safe writer and says where.
pub fn write(
    tr: Tr,
    r: &Report,
    format: Format,
    output: Option<PathBuf>,
    rules: &Rules,
    now: NaiveDateTime,
    store: Option<&Store>,
) -> color_eyre::Result<i32> {
    let default = export::report::default_name(r, tr, format);
    let doc = Document {
        parts: export::report::render(r, format, tr, now),
        main: super::export::output_path(output, default),
        audience: r.audience,
        kind: "report",
        done: "cli.report_done",
    };
    Ok(write_and_say(tr, doc, rules, store, now))
}

/// `export --session ID` on a review session: this report for its cohort, dated at the session.
#[allow(clippy::too_many_arguments)]
pub fn for_review(
    store: &Store,
    tr: Tr,
    sets: (&CriteriaSets, &OutcomeSet),
    session: &crate::core::domain::Session,
    format: Format,
    audience: Audience,
    output: Option<PathBuf>,
    rules: &Rules,
    now: NaiveDateTime,
) -> color_eyre::Result<i32> {
    let scope = Scope::Cohort {
        id: session.cohort_id,
    };
    let Some(r) = build_one(store, sets, scope, session.date)? else {
        return Ok(say_err(
            &tr.tf("cli.report_unknown_cohort", &[("id", &session.cohort_id)]),
        ));
    };
    let r = report::for_audience(r, audience);
    write(tr, &r, format, output, rules, now, Some(store))
}

fn set_named(store: &Store, tr: Tr, id: Id, named: bool) -> color_eyre::Result<i32> {
    match store.set_named_in_reports(id, named) {
        Ok(()) => {
            let key = if named {
                "cli.report_named"
            } else {
                "cli.report_not_named"
            };
            say!("{}", tr.tf(key, &[("id", &id)]));
            Ok(0)
        }
        Err(crate::store::StoreError::NotFound) => {
            Ok(say_err(&tr.tf("cli.report_unknown_person", &[("id", &id)])))
        }
        Err(e) => Err(e.into()),
    }
}

fn say_err(text: &str) -> i32 {
    eprintln!("passerelle: {text}");
    2
}
