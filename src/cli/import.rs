//! `passerelle import roster FILE`: all or nothing, every bad line named, `--dry-run` to look first.

use std::io::Write;
use std::path::PathBuf;

use clap::{Subcommand, ValueEnum};

use crate::core::domain::Role;
use crate::core::import;
use crate::core::roster;
use crate::i18n::Tr;
use crate::messages;
use crate::store::Store;

/// What `import` reads.
#[derive(Debug, Subcommand)]
pub enum ImportWhat {
    /// A list of people (CSV from Excel or LibreOffice).
    Roster {
        /// The CSV file.
        file: Option<PathBuf>,
        /// Cohort id or name.
        #[arg(long, value_name = "ID|NOM")]
        cohort: Option<String>,
        /// Session whose expected list the people join.
        #[arg(long, value_name = "ID")]
        session: Option<i64>,
        /// Role for rows without one.
        #[arg(long, value_enum)]
        role: Option<RoleArg>,
        /// Show what would change, write nothing.
        #[arg(long)]
        dry_run: bool,
        /// Print the template (`;`, UTF-8 with BOM) and exit.
        #[arg(long)]
        template: bool,
    },
}

/// `--role` values, in the users' words.
#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum RoleArg {
    /// Candidates.
    Candidat,
    /// Professionals.
    Professionnel,
    /// Staff.
    Encadrant,
}

/// Descriptions in the user's language.
pub fn localize(c: clap::Command, tr: Tr) -> clap::Command {
    c.about(tr.t("cli.import_about"))
        .mut_subcommand("roster", |c| {
            c.about(tr.t("cli.import_roster_about"))
                .mut_arg("file", |a| a.help(tr.t("cli.import_file")))
                .mut_arg("cohort", |a| a.help(tr.t("cli.list_cohort")))
                .mut_arg("session", |a| a.help(tr.t("cli.import_session")))
                .mut_arg("role", |a| a.help(tr.t("cli.import_role")))
                .mut_arg("dry_run", |a| a.help(tr.t("cli.import_dry_run")))
                .mut_arg("template", |a| a.help(tr.t("cli.import_template")))
        })
}

/// Prints the template without opening any database.
pub fn is_template(what: &ImportWhat) -> bool {
    matches!(what, ImportWhat::Roster { template: true, .. })
}

/// True for `--dry-run`: nothing is written, so no writer lock is needed.
pub fn is_dry_run(what: &ImportWhat) -> bool {
    matches!(what, ImportWhat::Roster { dry_run: true, .. })
}

/// Writes the template to standard output.
pub fn print_template() -> color_eyre::Result<i32> {
    std::io::stdout().write_all(&roster::template())?;
    Ok(0)
}

/// A cohort by id, or by name (accents and case ignored; one match only).
fn find_cohort(store: &Store, text: &str) -> color_eyre::Result<Option<i64>> {
    if let Ok(id) = text.trim().parse::<i64>() {
        return Ok(store.cohort(id).ok().map(|c| c.id));
    }
    let wanted = crate::core::text::fold(text);
    let found: Vec<i64> = store
        .list_all_cohorts()?
        .into_iter()
        .filter(|c| crate::core::text::fold(&c.name) == wanted)
        .map(|c| c.id)
        .collect();
    Ok(match found.as_slice() {
        [one] => Some(*one),
        _ => None,
    })
}

/// Runs the command; returns the exit code.
pub fn run(
    store: &mut Store,
    tr: Tr,
    what: ImportWhat,
    today: chrono::NaiveDate,
) -> color_eyre::Result<i32> {
    let ImportWhat::Roster {
        file,
        cohort,
        session,
        role,
        dry_run,
        ..
    } = what;
    let Some(file) = file else {
        eprintln!("passerelle: {}", tr.t("import.need_file"));
        return Ok(2);
    };
    let cohort = match (cohort, session) {
        (Some(c), _) => match find_cohort(store, &c)? {
            Some(id) => id,
            None => {
                eprintln!(
                    "passerelle: {}",
                    tr.tf("import.no_such_cohort", &[("value", &c)])
                );
                return Ok(2);
            }
        },
        (None, Some(s)) => match store.session(s) {
            Ok(s) => s.cohort_id,
            Err(_) => {
                eprintln!("passerelle: {}", tr.t("import.need_cohort"));
                return Ok(2);
            }
        },
        (None, None) => match store.list_cohorts()?.as_slice() {
            [only] => only.id,
            _ => {
                eprintln!("passerelle: {}", tr.t("import.need_cohort"));
                return Ok(2);
            }
        },
    };
    if store.cohort(cohort).is_err() {
        eprintln!(
            "passerelle: {}",
            tr.tf("cli.err_no_cohort", &[("id", &cohort)])
        );
        return Ok(2);
    }
    let default_role = role.map(|r| match r {
        RoleArg::Candidat => Role::Candidate,
        RoleArg::Professionnel => Role::Professional,
        RoleArg::Encadrant => Role::Staff,
    });
    let roster = match crate::roster_file::read(tr, &file, default_role) {
        Ok(r) => r,
        Err(f) => {
            for (i, line) in f.lines.iter().enumerate() {
                if i == 0 {
                    eprintln!("passerelle: {line}");
                } else {
                    eprintln!("{line}");
                }
            }
            return Ok(2);
        }
    };
    let plan = import::plan(&store.list_members(cohort)?, &roster);
    for line in messages::import_report(tr, &roster, &plan) {
        println!("{line}");
    }
    if dry_run {
        println!("{}", tr.t("import.dry_run"));
        return Ok(0);
    }
    store.apply_import(cohort, &plan, session, today)?;
    println!("{}", tr.t("import.done"));
    Ok(0)
}
