//! `passerelle import roster FILE`: all or nothing, every bad line named, `--dry-run` to look first.

use std::path::PathBuf;

use clap::{Subcommand, ValueEnum};

use crate::core::agenda::{self, AgendaItem, ItemKind};
use crate::core::domain::{Role, SessionKind};
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
    /// The run of show of a themed day (TOML or CSV).
    Agenda {
        /// The TOML or CSV file.
        file: Option<PathBuf>,
        /// The themed day's session.
        #[arg(long, value_name = "ID")]
        session: Option<i64>,
        /// The sectors the day presents, e.g. "BTP, métallurgie" (replacing those it had).
        #[arg(long)]
        sectors: Option<String>,
        /// Show what would change, write nothing.
        #[arg(long)]
        dry_run: bool,
        /// Print the TOML template and exit.
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
        .mut_subcommand("agenda", |c| {
            c.about(tr.t("agenda.cli_about"))
                .mut_arg("file", |a| a.help(tr.t("agenda.cli_file")))
                .mut_arg("session", |a| a.help(tr.t("agenda.cli_session")))
                .mut_arg("sectors", |a| a.help(tr.t("interest.cli_sectors")))
                .mut_arg("dry_run", |a| a.help(tr.t("cli.import_dry_run")))
                .mut_arg("template", |a| a.help(tr.t("agenda.cli_template")))
        })
}

/// Prints the template without opening any database.
pub fn is_template(what: &ImportWhat) -> bool {
    matches!(
        what,
        ImportWhat::Roster { template: true, .. } | ImportWhat::Agenda { template: true, .. }
    )
}

/// True for `--dry-run`: nothing is written, so no writer lock is needed.
pub fn is_dry_run(what: &ImportWhat) -> bool {
    matches!(
        what,
        ImportWhat::Roster { dry_run: true, .. } | ImportWhat::Agenda { dry_run: true, .. }
    )
}

/// Writes the template to standard output.
pub fn print_template(tr: Tr, what: &ImportWhat) -> color_eyre::Result<i32> {
    match what {
        ImportWhat::Roster { .. } => super::out::bytes(&roster::template()),
        ImportWhat::Agenda { .. } => super::out::bytes(agenda_template(tr).as_bytes()),
    }
    Ok(0)
}

/// The agenda template: a commented TOML run of show in the user's language.
pub fn agenda_template(tr: Tr) -> String {
    let item = |title: &str, speaker: Option<&str>, minutes, kind| AgendaItem {
        title: tr.t(title).to_string(),
        speaker: speaker.map(|s| tr.t(s).to_string()),
        minutes,
        kind,
    };
    agenda::write_toml(
        tr.t("agenda.template_comment"),
        &[
            item(
                "agenda.template_talk",
                Some("agenda.template_speaker"),
                30,
                ItemKind::Talk,
            ),
            item("agenda.template_questions", None, 15, ItemKind::Questions),
            item("agenda.template_break", None, 15, ItemKind::Break),
            item("agenda.template_exchanges", None, 45, ItemKind::Exchanges),
        ],
    )
}

fn say(text: &str) -> i32 {
    eprintln!("passerelle: {text}");
    2
}

/// `import agenda`: the run of show of a themed day, all or nothing, the speakers not in the
/// pool created as professionals and expected at the day.
fn run_agenda(
    store: &mut Store,
    tr: Tr,
    file: Option<PathBuf>,
    session: Option<i64>,
    sectors: Option<String>,
    dry_run: bool,
) -> color_eyre::Result<i32> {
    let mut errors = Vec::new();
    let sectors = super::new::sectors_arg(tr, sectors.as_deref(), &mut errors);
    if let Some(e) = errors.first() {
        return Ok(say(e));
    }
    let Some(file) = file else {
        return Ok(say(tr.t("import.need_file")));
    };
    let Some(session_id) = session else {
        return Ok(say(tr.t("agenda.need_session")));
    };
    let Ok(session) = store.session(session_id) else {
        return Ok(say(
            &tr.tf("cli.export_unknown_session", &[("id", &session_id)])
        ));
    };
    if session.kind != SessionKind::ThemedDay {
        return Ok(say(&tr.tf("agenda.not_themed_day", &[("id", &session_id)])));
    }
    let parsed = crate::roster_file::read_bytes(tr, &file)
        .map_err(|f| f.lines)
        .and_then(|bytes| agenda::parse(&bytes).map_err(|e| messages::agenda_error(tr, &e)));
    let items = match parsed {
        Ok(items) => items,
        Err(lines) => {
            for (i, line) in lines.iter().enumerate() {
                if i == 0 {
                    eprintln!("passerelle: {line}");
                } else {
                    eprintln!("{line}");
                }
            }
            return Ok(2);
        }
    };
    let links = agenda::speaker_links(&items, &store.list_members(session.cohort_id)?);
    let start = session
        .start_time
        .or_else(|| chrono::NaiveTime::from_hms_opt(9, 0, 0))
        .unwrap_or_default();
    for line in messages::agenda_report(tr, &items, &links, start) {
        say!("{line}");
    }
    // A run of show longer than the session's slot (when its end is known) is said, not refused.
    let end = store
        .session_ends(session.cohort_id)?
        .into_iter()
        .find(|(id, _)| *id == session_id)
        .map(|(_, t)| t);
    if let Some(over) = agenda::slot_minutes(session.start_time, end)
        .and_then(|slot| agenda::overrun_minutes(&items, slot))
    {
        say!("{}", tr.tf("agenda.overrun", &[("minutes", &over)]));
    }
    if let Some(sectors) = &sectors {
        let names: Vec<&str> = sectors
            .iter()
            .map(|s| tr.t(&format!("sector.{}", s.code())))
            .collect();
        say!(
            "{}",
            tr.tf("interest.sectors_line", &[("list", &names.join(", "))])
        );
    }
    if dry_run {
        say!("{}", tr.t("import.dry_run"));
        return Ok(0);
    }
    store.import_agenda(session_id, &items, &links)?;
    if let Some(sectors) = &sectors {
        store.set_session_sectors(session_id, sectors)?;
    }
    say!("{}", tr.t("import.done"));
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
    let (file, cohort, session, role, dry_run) = match what {
        ImportWhat::Roster {
            file,
            cohort,
            session,
            role,
            dry_run,
            ..
        } => (file, cohort, session, role, dry_run),
        ImportWhat::Agenda {
            file,
            session,
            sectors,
            dry_run,
            ..
        } => return run_agenda(store, tr, file, session, sectors, dry_run),
    };
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
        say!("{line}");
    }
    if dry_run {
        say!("{}", tr.t("import.dry_run"));
        return Ok(0);
    }
    store.apply_import(cohort, &plan, session, today)?;
    say!("{}", tr.t("import.done"));
    Ok(0)
}
