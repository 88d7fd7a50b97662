//! The command line: clap definitions, the language chosen before parsing, and the subcommands.

/// `println!` that never panics: see [`out`].
macro_rules! say {
    () => {
        $crate::cli::out::line(format_args!(""))
    };
    ($($t:tt)*) => {
        $crate::cli::out::line(format_args!($($t)*))
    };
}

/// `print!` (flushed) that never panics: see [`out`].
macro_rules! say_part {
    ($($t:tt)*) => {
        $crate::cli::out::part(format_args!($($t)*))
    };
}

mod backup;
mod crash;
mod crypto;
mod expect;
mod export;
mod import;
mod list;
mod new;
mod open;
mod out;
mod plan;
mod print;
mod purge;
mod report;
mod sync;

pub use plan::error_text as plan_error_text;

use open::*;

use std::path::PathBuf;

use chrono::NaiveDate;
use clap::{CommandFactory, FromArgMatches, Parser, Subcommand, ValueEnum};

use crate::core::demo::{self, Stage};
use crate::core::feedback::CriteriaSets;
use crate::core::outcomes::{OutcomeSet, parse_outcome_set};
use crate::i18n::{Lang, Tr};
use crate::store::{Store, StoreError};
use crate::ui::run::{Exit, run};

/// Command-line arguments (descriptions are replaced from the catalog at run time).
#[derive(Debug, Parser)]
#[command(name = "passerelle", version, about = "Passerelle")]
pub struct Cli {
    /// Database file (`report --year` takes it several times: decisions.md « Reports (#18) »).
    #[arg(long, env = "PASSERELLE_DB", global = true, value_name = "FILE", action = clap::ArgAction::Append)]
    pub db: Vec<PathBuf>,
    /// Interface language.
    #[arg(long, global = true, value_name = "fr|en")]
    pub lang: Option<String>,
    /// Create the database encrypted (builds with the `encryption` feature only).
    #[arg(long, global = true)]
    pub encrypt: bool,
    /// A network's own outcome categories (TOML, laid out as assets/outcomes/default.toml).
    #[arg(long, global = true, value_name = "FILE")]
    pub outcomes: Option<PathBuf>,
    /// What to do (the application when absent).
    #[command(subcommand)]
    pub command: Option<Command>,
}

/// Subcommands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Write the fictional demo cohort and open it.
    Demo {
        /// Seed of the generated data.
        #[arg(long, default_value_t = demo::DEFAULT_SEED)]
        seed: u64,
        /// Moment of the job-training day.
        #[arg(long, value_enum, default_value_t = StageArg::Morning)]
        stage: StageArg,
        /// Write the database and exit without opening it (scripts, trainings).
        #[arg(long)]
        no_ui: bool,
        /// Years of cohorts for performance measurements, e.g. `years=5` (40 cohorts a year).
        #[arg(long, value_name = "years=N")]
        scale: Option<String>,
    },
    /// List cohorts, sessions or people with their ids.
    List {
        /// What to list.
        #[arg(value_enum, default_value_t = ListWhat::Sessions)]
        what: ListWhat,
        /// Only this cohort.
        #[arg(long, value_name = "ID")]
        cohort: Option<i64>,
        /// Machine-readable output.
        #[arg(long)]
        json: bool,
        /// Include archived cohorts.
        #[arg(long)]
        all: bool,
    },
    /// Create a cohort or a session from a script.
    New {
        /// What to create.
        #[command(subcommand)]
        what: Box<new::NewWhat>,
    },
    /// Import people from a spreadsheet.
    Import {
        /// What to import.
        #[command(subcommand)]
        what: import::ImportWhat,
    },
    /// Plan the interview rotation (synthetic day or stored session).
    Plan(plan::PlanArgs),
    /// Put people on a session's expected list (or take them off).
    Expect(expect::ExpectArgs),
    /// Compose a session's binômes (suggestion) from the professionals present or expected.
    Binomes(expect::BinomesArgs),
    /// Write the grand oral summary of a session (partner-safe by default).
    Export(export::ExportArgs),
    /// The programme report of a cohort or a year (partner-safe by default).
    Report(report::ReportArgs),
    /// Print-ready sheets of a session (A4 HTML), or everything held about a person.
    Print(print::PrintArgs),
    /// Erase a cohort's personal data (asks to type its name).
    Purge(purge::PurgeArgs),
    /// Check the whole database file (integrity_check).
    Check,
    /// Write a copy of the database.
    Backup {
        /// Where (default: beside the database, dated).
        #[arg(short, long, value_name = "FILE")]
        output: Option<PathBuf>,
        /// Replace an existing file that Passerelle did not write.
        #[arg(long)]
        force: bool,
    },
    /// Bring two laptops' files together: `sync export -o FILE`, `sync import FILE`.
    Sync {
        /// Export or import.
        #[command(subcommand)]
        what: sync::SyncWhat,
    },
    /// Put a copy back in place of the database (checked first; the current one is kept aside).
    Restore {
        /// The copy to restore.
        file: PathBuf,
    },
    /// Print shell completions.
    Completions {
        /// Shell.
        shell: clap_complete::Shell,
    },
}

/// What `list` shows.
#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum ListWhat {
    /// Cohorts.
    Cohorts,
    /// Sessions.
    Sessions,
    /// People.
    People,
}

/// `--stage` values.
#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum StageArg {
    /// Morning of the day.
    Morning,
    /// Evening of the day.
    Evening,
    /// Six weeks later: follow-up, two releases, outcomes, a mentor (issue 20).
    FollowUp,
}

/// Entry point behind `main`: returns the process exit code.
pub fn main() -> color_eyre::Result<i32> {
    let args: Vec<String> = std::env::args().collect();
    let tr = Tr::new(pre_parse_lang(&args));
    crash::install(tr);
    let matches = localized_command(tr).get_matches_from(&args);
    let sets = load_user_criteria(tr);
    let cli = Cli::from_arg_matches(&matches)?;
    inject_error_for_tests()?;
    let outcomes = match load_outcomes(tr, cli.outcomes.as_deref()) {
        Ok(set) => set,
        Err(sentence) => {
            eprintln!("passerelle: {sentence}");
            return Ok(2);
        }
    };
    let db = cli.db.first().cloned();
    match dispatch(tr, cli, &sets, &outcomes) {
        Ok(_) if out::failed() => {
            eprintln!("passerelle: {}", tr.t("cli.output_failed"));
            Ok(74)
        }
        Ok(code) => Ok(code),
        Err(report) => match unreadable_in(&report) {
            Some(e) => Ok(unreadable(tr, db, e)),
            None => Err(report),
        },
    }
}

fn dispatch(
    tr: Tr,
    cli: Cli,
    sets: &CriteriaSets,
    outcomes: &OutcomeSet,
) -> color_eyre::Result<i32> {
    let encrypt = cli.encrypt;
    let db = cli.db.first().cloned();
    // A sync bundle holds personal data: never read into a partner report.
    if let Some(Command::Report(a)) = &cli.command
        && let Some(code) = report::refuse_bundles(tr, cli.db.iter().chain(&a.from))
    {
        return Ok(code);
    }
    let adds_files = matches!(&cli.command, Some(Command::Report(a)) if !a.from.is_empty());
    if cli.db.len() > 1 || adds_files {
        return match cli.command {
            Some(Command::Report(args)) => {
                report::run_files(&cli.db, tr, (sets, outcomes), args, now())
            }
            _ => {
                eprintln!("passerelle: {}", tr.t("cli.err_db_repeated"));
                Ok(2)
            }
        };
    }
    match cli.command {
        Some(Command::Completions { shell }) => {
            let mut cmd = Cli::command();
            clap_complete::generate(shell, &mut cmd, "passerelle", &mut std::io::stdout());
            Ok(0)
        }
        Some(Command::Demo {
            seed,
            stage,
            no_ui,
            scale,
        }) => {
            let years = match scale.as_deref().map(parse_scale) {
                None => None,
                Some(Some(y)) => Some(y),
                Some(None) => {
                    eprintln!("passerelle: {}", tr.t("cli.err_scale"));
                    return Ok(2);
                }
            };
            let catalogs = (sets, outcomes);
            run_demo(tr, catalogs, db, seed, stage, no_ui, years, encrypt)
        }
        Some(Command::List {
            what,
            cohort,
            json,
            all,
        }) => {
            let path = db_path(tr, db.clone())?;
            match open_store(tr, &path, encrypt) {
                Ok(store) => list::run(&store, tr, what, cohort, json, all),
                Err(e) => Ok(fail(tr, &path, &e)),
            }
        }
        Some(Command::Import { what }) if import::is_template(&what) => {
            import::print_template(tr, &what)
        }
        Some(Command::Import { what }) => {
            let path = db_path(tr, db.clone())?;
            match open_store(tr, &path, encrypt) {
                // A dry run writes nothing: it works while the application has the file open.
                Ok(mut store) if import::is_dry_run(&what) => {
                    import::run(&mut store, tr, what, today())
                }
                Ok(mut store) => match store.lock_writer()? {
                    Some(_lock) => match checked(tr, &path, &store) {
                        Some(code) => Ok(code),
                        None => import::run(&mut store, tr, what, today()),
                    },
                    None => Ok(busy(tr, &path)),
                },
                Err(e) => Ok(fail(tr, &path, &e)),
            }
        }
        Some(Command::Plan(args)) if args.session.is_none() => plan::run(None, tr, args),
        Some(Command::Plan(args)) if args.save => {
            let path = db_path(tr, db.clone())?;
            match open_store(tr, &path, encrypt) {
                Ok(mut store) => match store.lock_writer()? {
                    Some(_lock) => match checked(tr, &path, &store) {
                        Some(code) => Ok(code),
                        None => plan::save(&mut store, tr, args),
                    },
                    None => Ok(busy(tr, &path)),
                },
                Err(e) => Ok(fail(tr, &path, &e)),
            }
        }
        Some(Command::Expect(args)) => {
            let path = db_path(tr, db.clone())?;
            match open_store(tr, &path, encrypt) {
                Ok(store) => match store.lock_writer()? {
                    Some(_lock) => match checked(tr, &path, &store) {
                        Some(code) => Ok(code),
                        None => expect::run(&store, tr, args),
                    },
                    None => Ok(busy(tr, &path)),
                },
                Err(e) => Ok(fail(tr, &path, &e)),
            }
        }
        Some(Command::Binomes(args)) => {
            let path = db_path(tr, db.clone())?;
            match open_store(tr, &path, encrypt) {
                Ok(mut store) => match store.lock_writer()? {
                    Some(_lock) => match checked(tr, &path, &store) {
                        Some(code) => Ok(code),
                        None => expect::run_binomes(&mut store, tr, args),
                    },
                    None => Ok(busy(tr, &path)),
                },
                Err(e) => Ok(fail(tr, &path, &e)),
            }
        }
        Some(Command::Plan(args)) => {
            let path = db_path(tr, db.clone())?;
            match open_store(tr, &path, encrypt) {
                Ok(store) => plan::run(Some(&store), tr, args),
                Err(e) => Ok(fail(tr, &path, &e)),
            }
        }
        Some(Command::New { what }) => {
            let path = db_path(tr, db.clone())?;
            match open_store(tr, &path, encrypt) {
                Ok(mut store) => match store.lock_writer()? {
                    Some(_lock) => match checked(tr, &path, &store) {
                        Some(code) => Ok(code),
                        None => new::run(&mut store, tr, sets, *what),
                    },
                    None => Ok(busy(tr, &path)),
                },
                Err(e) => Ok(fail(tr, &path, &e)),
            }
        }
        Some(Command::Export(args)) => {
            let path = db_path(tr, db.clone())?;
            match open_store(tr, &path, encrypt) {
                Ok(store) => export::run(&store, tr, (sets, outcomes), args, now()),
                Err(e) => Ok(fail(tr, &path, &e)),
            }
        }
        Some(Command::Report(args)) => {
            let path = db_path(tr, db.clone())?;
            match open_store(tr, &path, encrypt) {
                Ok(store) => report::run(&store, tr, (sets, outcomes), args, now()),
                Err(e) => Ok(fail(tr, &path, &e)),
            }
        }
        Some(Command::Print(args)) => {
            let path = db_path(tr, db.clone())?;
            match open_store(tr, &path, encrypt) {
                Ok(store) => print::run(&store, tr, (sets, outcomes), args, now()),
                Err(e) => Ok(fail(tr, &path, &e)),
            }
        }
        Some(Command::Purge(args)) => {
            let path = db_path(tr, db.clone())?;
            match open_store(tr, &path, encrypt) {
                Ok(mut store) => match store.lock_writer()? {
                    Some(_lock) => match checked(tr, &path, &store) {
                        Some(code) => Ok(code),
                        None => purge::run(&mut store, tr, args, today()),
                    },
                    None => Ok(busy(tr, &path)),
                },
                Err(e) => Ok(fail(tr, &path, &e)),
            }
        }
        Some(Command::Sync { what }) => {
            let path = db_path(tr, db.clone())?;
            match open_store(tr, &path, encrypt) {
                Ok(mut store) => match store.lock_writer()? {
                    Some(_lock) => match checked(tr, &path, &store) {
                        Some(code) => Ok(code),
                        None => sync::run(&mut store, tr, what, now()),
                    },
                    None => Ok(busy(tr, &path)),
                },
                Err(e) => Ok(fail(tr, &path, &e)),
            }
        }
        Some(Command::Check) => {
            let path = db_path(tr, db.clone())?;
            let store = match open_store(tr, &path, encrypt) {
                Ok(s) => s,
                Err(e) => return Ok(fail(tr, &path, &e)),
            };
            match store.integrity_check() {
                Ok(ok) if ok == "ok" => {
                    say!("{}", tr.tf("cli.check_ok", &[("path", &path.display())]));
                    Ok(0)
                }
                Ok(what) => Ok(damaged(tr, &path, &what)),
                Err(e) => Ok(damaged(tr, &path, &e.to_string())),
            }
        }
        Some(Command::Backup { output, force }) => {
            let path = db_path(tr, db.clone())?;
            match open_store(tr, &path, encrypt) {
                Ok(store) => Ok(backup::run(&store, tr, output, force, now())),
                Err(e) => Ok(fail(tr, &path, &e)),
            }
        }
        Some(Command::Restore { file }) => {
            let path = db_path(tr, db.clone())?;
            // Held until the copy is in place: no other writer starts in between.
            let mut _lock = None;
            if let Ok(store) = open_store(tr, &path, encrypt) {
                match store.lock_writer()? {
                    Some(l) => _lock = Some(l),
                    None => return Ok(busy(tr, &path)),
                }
            }
            let stamp = chrono::Local::now().format("%Y%m%d-%H%M%S").to_string();
            let key = passphrase_for(tr, &path);
            match crate::store::restore_keyed(&path, &file, &stamp, key.as_deref()) {
                Ok(aside) => {
                    say!(
                        "{}",
                        tr.tf(
                            "cli.restore_done",
                            &[("from", &file.display()), ("aside", &aside.display())]
                        )
                    );
                    Ok(0)
                }
                Err(e) => Ok(fail(tr, &file, &e)),
            }
        }
        None => {
            let path = db_path(tr, db.clone())?;
            let mut store = match open_store_for_ui(tr, &path, encrypt) {
                Ok(s) => s,
                Err(e) => return Ok(fail(tr, &path, &e)),
            };
            // After an unclean exit, check the file before showing anything.
            if crate::store::running_marker(store.path()).exists() {
                match store.quick_check() {
                    Ok(ok) if ok == "ok" => {}
                    Ok(what) => return Ok(damaged(tr, &path, &what)),
                    Err(e) => return Ok(damaged(tr, &path, &e.to_string())),
                }
            }
            let _ = store.daily_backup(today());
            // The first write on this laptop will need the sync base (a follower cannot take it).
            let _ = store.ensure_sync_base();
            // What changed on the days before becomes that day's batch (once a day, like the copy).
            let _ = store.cut_daily_sync_batch(now());
            Ok(exit_code(run(store, tr, sets.clone(), outcomes.clone())?))
        }
    }
}

/// A user's own criteria sets: `criteria/*.toml` in the config directory, read once here and
/// passed down. A bad file is named and skipped; the shipped sets always work.
fn load_user_criteria(tr: Tr) -> CriteriaSets {
    let Some(dir) = project_dirs().map(|d| d.config_dir().join("criteria")) else {
        return CriteriaSets::default();
    };
    let Ok(entries) = std::fs::read_dir(&dir) else {
        return CriteriaSets::default();
    };
    let mut sets = Vec::new();
    for path in entries
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|e| e == "toml"))
    {
        let parsed = std::fs::read_to_string(&path)
            .map_err(|e| e.to_string())
            .and_then(|text| crate::core::feedback::parse_set(&text));
        match parsed {
            Ok(set) => sets.push(set),
            Err(e) => eprintln!(
                "passerelle: {}",
                tr.tf(
                    "cli.criteria_ignored",
                    &[("path", &path.display()), ("error", &e)]
                )
            ),
        }
    }
    CriteriaSets::new(sets)
}

/// The outcome categories: a network's own file (`--outcomes`), else the shipped set. A file
/// that cannot be used is one sentence, said before any database is opened (nothing written).
fn load_outcomes(tr: Tr, path: Option<&std::path::Path>) -> Result<OutcomeSet, String> {
    let Some(path) = path else {
        return Ok(OutcomeSet::shipped());
    };
    let text = std::fs::read_to_string(path).map_err(|e| {
        tr.tf(
            "cli.outcomes_unreadable",
            &[("path", &path.display()), ("error", &e)],
        )
    })?;
    parse_outcome_set(&text).map_err(|e| {
        let why = tr.tf(e.key(), &[("detail", &e.detail())]);
        tr.tf(
            "cli.outcomes_refused",
            &[("path", &path.display()), ("error", &why)],
        )
    })
}

fn db_path(tr: Tr, db: Option<PathBuf>) -> color_eyre::Result<PathBuf> {
    match db {
        Some(p) => Ok(p),
        None => default_db_path().ok_or_else(|| color_eyre::eyre::eyre!(tr.t("cli.no_data_dir"))),
    }
}

fn exit_code(exit: Exit) -> i32 {
    match exit {
        Exit::Quit => 0,
        Exit::Signal(sig) => 128 + sig,
        Exit::NoTerminal => 2,
    }
}

/// `years=5` → 5 (1 to 20).
fn parse_scale(text: &str) -> Option<u32> {
    let n: u32 = text.trim().strip_prefix("years=")?.parse().ok()?;
    (1..=20).contains(&n).then_some(n)
}

#[allow(clippy::too_many_arguments)]
fn run_demo(
    tr: Tr,
    (sets, outcomes): (&CriteriaSets, &OutcomeSet),
    db: Option<PathBuf>,
    seed: u64,
    stage: StageArg,
    no_ui: bool,
    years: Option<u32>,
    encrypt: bool,
) -> color_eyre::Result<i32> {
    let (path, temporary) = match db {
        Some(p) => (p, false),
        None => (temp_demo_path(), true),
    };
    let mut store = match open_store(tr, &path, encrypt) {
        Ok(s) => s,
        Err(e) => return Ok(fail(tr, &path, &e)),
    };
    let stage_arg = stage;
    let stage = match stage {
        StageArg::Morning => Stage::Morning,
        StageArg::Evening | StageArg::FollowUp => Stage::Evening,
    };
    let written = match years {
        Some(y) => store.write_years(seed, today(), y),
        None if matches!(stage_arg, StageArg::FollowUp) => {
            let (day, fu) = demo::followup::generate_followup(seed, today());
            store.write_followup_demo(&day, &fu)
        }
        None => store.write_demo(&demo::generate(seed, today(), stage)),
    };
    if let Err(e) = written {
        return Ok(fail(tr, &path, &e));
    }
    if no_ui {
        say!(
            "{}",
            tr.tf("cli.demo_written", &[("path", &path.display())])
        );
        return Ok(0);
    }
    let exit = run(store, tr, sets.clone(), outcomes.clone())?;
    if temporary {
        eprintln!(
            "{}",
            tr.tf("cli.demo_written", &[("path", &path.display())])
        );
    }
    Ok(exit_code(exit))
}

/// « Today », injectable for tests and demos (`PASSERELLE_TODAY=2026-10-15`).
pub fn today() -> NaiveDate {
    crate::ui::run::today()
}

/// « Now », fixed by `PASSERELLE_NOW=2026-10-15T18:00:00` for reproducible exports in tests.
pub fn now() -> chrono::NaiveDateTime {
    std::env::var("PASSERELLE_NOW")
        .ok()
        .and_then(|t| chrono::NaiveDateTime::parse_from_str(t.trim(), "%Y-%m-%dT%H:%M:%S").ok())
        .unwrap_or_else(|| chrono::Local::now().naive_local())
}

fn temp_demo_path() -> PathBuf {
    let stamp = chrono::Local::now().format("%Y%m%d-%H%M%S");
    std::env::temp_dir().join(format!("passerelle-demo-{stamp}-{}.db", std::process::id()))
}

fn project_dirs() -> Option<directories::ProjectDirs> {
    directories::ProjectDirs::from("fr", "Passerelle", "passerelle")
}

/// The database in the platform data directory.
pub fn default_db_path() -> Option<PathBuf> {
    project_dirs().map(|d| d.data_dir().join("passerelle.db"))
}

/// `--lang`, then `PASSERELLE_LANG`, then `lang` in config.toml, then French.
pub fn pre_parse_lang(args: &[String]) -> Lang {
    let mut it = args.iter();
    while let Some(a) = it.next() {
        if let Some(v) = a.strip_prefix("--lang=") {
            if let Some(l) = Lang::parse(v) {
                return l;
            }
        } else if a == "--lang"
            && let Some(l) = it.next().and_then(|v| Lang::parse(v))
        {
            return l;
        }
    }
    if let Some(l) = std::env::var("PASSERELLE_LANG")
        .ok()
        .and_then(|v| Lang::parse(&v))
    {
        return l;
    }
    project_dirs()
        .and_then(|d| std::fs::read_to_string(d.config_dir().join("config.toml")).ok())
        .and_then(|text| lang_from_config(&text))
        .unwrap_or_default()
}

/// Reads `lang = "en"` from a config file's text; anything unreadable is ignored.
pub fn lang_from_config(text: &str) -> Option<Lang> {
    let table: toml::Table = toml::from_str(text).ok()?;
    table.get("lang")?.as_str().and_then(Lang::parse)
}

/// The clap command with our descriptions in the chosen language (clap's own words stay English).
pub fn localized_command(tr: Tr) -> clap::Command {
    let cmd = Cli::command()
        .about(tr.t("cli.about"))
        .mut_arg("db", |a| a.help(tr.t("cli.arg_db")))
        .mut_arg("lang", |a| a.help(tr.t("cli.arg_lang")))
        .mut_arg("encrypt", |a| a.help(tr.t("cli.arg_encrypt")))
        .mut_arg("outcomes", |a| a.help(tr.t("cli.arg_outcomes")));
    cmd.mut_subcommand("demo", |c| {
        c.about(tr.t("cli.demo_about"))
            .mut_arg("seed", |a| a.help(tr.t("cli.demo_seed")))
            .mut_arg("stage", |a| a.help(tr.t("cli.demo_stage")))
            .mut_arg("no_ui", |a| a.help(tr.t("cli.demo_no_ui")))
            .mut_arg("scale", |a| a.help(tr.t("cli.demo_scale")))
    })
    .mut_subcommand("list", |c| {
        c.about(tr.t("cli.list_about"))
            .mut_arg("what", |a| a.help(tr.t("cli.list_what")))
            .mut_arg("cohort", |a| a.help(tr.t("cli.list_cohort")))
            .mut_arg("json", |a| a.help(tr.t("cli.list_json")))
            .mut_arg("all", |a| a.help(tr.t("cli.list_all")))
    })
    .mut_subcommand("new", |c| new::localize(c, tr))
    .mut_subcommand("import", |c| import::localize(c, tr))
    .mut_subcommand("plan", |c| plan::localize(c, tr))
    .mut_subcommand("expect", |c| expect::localize(c, tr))
    .mut_subcommand("binomes", |c| expect::localize_binomes(c, tr))
    .mut_subcommand("export", |c| export::localize(c, tr))
    .mut_subcommand("report", |c| report::localize(c, tr))
    .mut_subcommand("purge", |c| purge::localize(c, tr))
    .mut_subcommand("print", |c| print::localize(c, tr))
    .mut_subcommand("check", |c| c.about(tr.t("cli.check_about")))
    .mut_subcommand("sync", |c| sync::localize(c, tr))
    .mut_subcommand("backup", |c| {
        c.about(tr.t("cli.backup_about"))
            .mut_arg("output", |a| a.help(tr.t("cli.backup_output")))
            .mut_arg("force", |a| a.help(tr.t("safe.arg_force")))
    })
    .mut_subcommand("restore", |c| {
        c.about(tr.t("cli.restore_about"))
            .mut_arg("file", |a| a.help(tr.t("cli.restore_file")))
    })
    .mut_subcommand("completions", |c| {
        c.about(tr.t("cli.completions_about"))
            .mut_arg("shell", |a| a.help(tr.t("cli.completions_shell")))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn args(a: &[&str]) -> Vec<String> {
        a.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn lang_is_read_before_parsing() {
        assert_eq!(
            pre_parse_lang(&args(&["passerelle", "--lang", "en"])),
            Lang::En
        );
        assert_eq!(
            pre_parse_lang(&args(&["passerelle", "demo", "--lang=en"])),
            Lang::En
        );
    }

    #[test]
    fn config_lang() {
        assert_eq!(lang_from_config("lang = \"en\"\n"), Some(Lang::En));
        assert_eq!(lang_from_config("lang = 3"), None);
        assert_eq!(lang_from_config("not toml ["), None);
    }

    #[test]
    fn help_is_translated() {
        let help = localized_command(Tr::new(Lang::Fr))
            .render_help()
            .to_string();
        assert!(help.contains(Tr::new(Lang::Fr).t("cli.arg_db")), "{help}");
        localized_command(Tr::new(Lang::En)).debug_assert();
    }
}
