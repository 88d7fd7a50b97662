//! `passerelle purge --cohort ID [--before DATE]`: erase a cohort's personal data for good.

use std::io::{BufRead, IsTerminal};

use clap::Args;

use crate::i18n::Tr;
use crate::store::Store;

/// `purge` arguments.
#[derive(Debug, Args)]
pub struct PurgeArgs {
    /// Cohort id.
    #[arg(long, value_name = "ID")]
    pub cohort: i64,
    /// Only the sessions before this date (dd/mm/yyyy).
    #[arg(long, value_name = "DATE")]
    pub before: Option<String>,
    /// Do not ask (scripts): the cohort's name is not typed.
    #[arg(long)]
    pub yes: bool,
}

/// Descriptions in the user's language.
pub fn localize(c: clap::Command, tr: Tr) -> clap::Command {
    c.about(tr.t("cli.purge_about"))
        .mut_arg("cohort", |a| a.help(tr.t("cli.purge_cohort")))
        .mut_arg("before", |a| a.help(tr.t("cli.purge_before")))
        .mut_arg("yes", |a| a.help(tr.t("cli.purge_yes")))
}

/// Runs the command; returns the exit code.
pub fn run(
    store: &mut Store,
    tr: Tr,
    args: PurgeArgs,
    today: chrono::NaiveDate,
) -> color_eyre::Result<i32> {
    let Ok(cohort) = store.cohort(args.cohort) else {
        eprintln!(
            "passerelle: {}",
            tr.tf("cli.err_no_cohort", &[("id", &args.cohort)])
        );
        return Ok(2);
    };
    let before = match &args.before {
        None => None,
        Some(text) => match crate::core::dates::parse_date(text) {
            Some(d) => Some(d),
            None => {
                eprintln!(
                    "passerelle: {}",
                    tr.tf(
                        "cli.err_bad_date",
                        &[("flag", &"--before"), ("value", text)]
                    )
                );
                return Ok(2);
            }
        },
    };
    let (sessions, people) = store.purge_preview(cohort.id, before)?;
    let preview = match before {
        None => tr.tf(
            "cli.purge_preview_all",
            &[
                ("name", &cohort.name),
                ("sessions", &sessions),
                ("people", &people),
            ],
        ),
        Some(d) => tr.tf(
            "cli.purge_preview_before",
            &[
                ("name", &cohort.name),
                ("sessions", &sessions),
                ("date", &tr.date_numeric(d)),
            ],
        ),
    };
    say!("{preview}");
    if !args.yes {
        if !std::io::stdin().is_terminal() {
            eprintln!("passerelle: {}", tr.t("cli.purge_needs_yes"));
            return Ok(2);
        }
        say_part!("{} ", tr.t("cli.purge_confirm"));
        let mut line = String::new();
        std::io::stdin().lock().read_line(&mut line)?;
        if line.trim() != cohort.name.trim() {
            say!("{}", tr.t("cli.purge_cancelled"));
            return Ok(1);
        }
    }
    let report = store.purge(cohort.id, before, today)?;
    say!(
        "{}",
        tr.tf(
            "safe.purge_done",
            &[
                ("sessions", &report.sessions),
                ("people", &report.people),
                ("erased", &report.persons_erased),
                ("copies", &report.copies_deleted),
            ]
        )
    );
    if report.unreached.is_empty() {
        say!("{}", tr.t("safe.purge_none_elsewhere"));
    } else {
        say!("{}", tr.t("safe.purge_unreached"));
        for path in &report.unreached {
            say!(
                "{}",
                tr.tf("safe.purge_unreached_file", &[("path", &path.display())])
            );
        }
    }
    Ok(0)
}
