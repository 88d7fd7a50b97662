//! `passerelle expect` and `passerelle binomes`: prepare a day before it starts (#14) — who is
//! expected, and binômes composed from the expected professionals.

use clap::Args;

use crate::core::domain::{Id, Panel};
use crate::core::panels::{label, suggest};
use crate::i18n::Tr;
use crate::store::{Expectation, Store};

/// `expect` arguments.
#[derive(Debug, Args)]
pub struct ExpectArgs {
    /// The session.
    #[arg(long, value_name = "ID")]
    pub session: i64,
    /// People (ids, see: passerelle list people).
    #[arg(long, value_name = "ID", num_args = 1.., required = true)]
    pub person: Vec<i64>,
    /// Take them off the list instead.
    #[arg(long)]
    pub remove: bool,
}

/// `binomes` arguments.
#[derive(Debug, Args)]
pub struct BinomesArgs {
    /// The session.
    #[arg(long, value_name = "ID")]
    pub session: i64,
    /// Replace binômes already composed.
    #[arg(long)]
    pub replace: bool,
}

/// Descriptions of `expect` in the user's language.
pub fn localize(c: clap::Command, tr: Tr) -> clap::Command {
    c.about(tr.t("expect.cli_about"))
        .mut_arg("session", |a| a.help(tr.t("expect.cli_session")))
        .mut_arg("person", |a| a.help(tr.t("expect.cli_person")))
        .mut_arg("remove", |a| a.help(tr.t("expect.cli_remove")))
}

/// Descriptions of `binomes` in the user's language.
pub fn localize_binomes(c: clap::Command, tr: Tr) -> clap::Command {
    c.about(tr.t("expect.binomes_about"))
        .mut_arg("session", |a| a.help(tr.t("expect.cli_session")))
        .mut_arg("replace", |a| a.help(tr.t("expect.binomes_replace")))
}

fn say_err(text: &str) -> i32 {
    eprintln!("passerelle: {text}");
    2
}

/// Runs `expect`; returns the exit code.
pub fn run(store: &Store, tr: Tr, args: ExpectArgs) -> color_eyre::Result<i32> {
    let Ok(session) = store.session(args.session) else {
        return Ok(say_err(
            &tr.tf("cli.export_unknown_session", &[("id", &args.session)]),
        ));
    };
    let members = store.list_members(session.cohort_id)?;
    let mut code = 0;
    let mut seen: Vec<i64> = Vec::new();
    for id in args.person {
        // A person given twice is done once.
        if seen.contains(&id) {
            continue;
        }
        seen.push(id);
        let done = if args.remove {
            store.unexpect_person(session.id, id)?
        } else {
            store.expect_person(session.id, id)?
        };
        let name = members
            .iter()
            .find(|m| m.person.id == id)
            .map(|m| m.person.full_name())
            .unwrap_or_else(|| id.to_string());
        let key = match done {
            Expectation::Added => "expect.added",
            Expectation::AlreadyListed => "expect.already",
            Expectation::Removed => "expect.removed",
            Expectation::NotListed => "expect.not_listed",
            Expectation::Marked => "expect.marked",
            Expectation::NotMember => {
                code = 2;
                "expect.not_member"
            }
        };
        let text = tr.tf(key, &[("name", &name), ("id", &id)]);
        if code == 2 && done == Expectation::NotMember {
            eprintln!("passerelle: {text}");
        } else {
            say!("{text}");
        }
    }
    Ok(code)
}

/// Runs `binomes`: the suggestion (colleagues and sectors spread over tables) from the
/// professionals present, or the expected ones while none is marked present.
pub fn run_binomes(store: &mut Store, tr: Tr, args: BinomesArgs) -> color_eyre::Result<i32> {
    let Ok(session) = store.session(args.session) else {
        return Ok(say_err(
            &tr.tf("cli.export_unknown_session", &[("id", &args.session)]),
        ));
    };
    let existing = store.list_panels(session.id)?;
    if !existing.is_empty() && !args.replace {
        return Ok(say_err(&tr.tf(
            "expect.binomes_exist",
            &[("n", &existing.len()), ("id", &session.id)],
        )));
    }
    let members = store.list_members(session.cohort_id)?;
    let attendance = store.list_attendance(session.id)?;
    let listed: Vec<_> = members
        .iter()
        .filter(|m| !m.archived)
        .filter_map(|m| {
            attendance
                .iter()
                .find(|a| a.person_id == m.person.id)
                .map(|a| (m, a))
        })
        .collect();
    let pros = crate::core::expect::pool_info(&listed);
    if pros.is_empty() {
        return Ok(say_err(tr.t("expect.no_pros")));
    }
    let wanted = crate::core::expect::wanted_sectors(&listed);
    let last = |id: Id| {
        members
            .iter()
            .find(|m| m.person.id == id)
            .map(|m| m.person.last_name.clone())
            .unwrap_or_default()
    };
    let panels: Vec<Panel> = suggest(&pros, &wanted)
        .into_iter()
        .enumerate()
        .map(|(i, mut p)| {
            p.position = i as i64 + 1;
            p.table_name = format!("{}", i + 1);
            let names: Vec<String> = p.members.iter().map(|m| last(*m)).collect();
            p.label = label(&names.iter().map(String::as_str).collect::<Vec<_>>());
            p
        })
        .collect();
    store.replace_panels(session.id, &panels)?;
    say!(
        "{}",
        tr.tf(
            "expect.binomes_done",
            &[("n", &panels.len()), ("pros", &pros.len())]
        )
    );
    for p in &panels {
        say!(
            "  {} {} · {}",
            tr.t("panels.table_word"),
            p.table_name,
            p.label
        );
    }
    if let Some(text) = too_few_binomes(tr, store, &session, panels.len())? {
        eprintln!("passerelle: {text}");
    }
    Ok(0)
}

/// The planner's sentence (how many binômes K interviews need, how many there are) when a
/// job-training session has fewer binômes than interviews per candidate.
fn too_few_binomes(
    tr: Tr,
    store: &Store,
    session: &crate::core::domain::Session,
    panels: usize,
) -> color_eyre::Result<Option<String>> {
    if session.kind != crate::core::domain::SessionKind::JobTraining {
        return Ok(None);
    }
    let k = store.session_settings(session.id)?.interviews_per_candidate as usize;
    Ok((panels < k).then(|| {
        crate::messages::plan_error(
            tr,
            &crate::core::plan::PlanError::MoreInterviewsThanPanels { k, panels },
            &|c| c.to_string(),
        )
    }))
}
