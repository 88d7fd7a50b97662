//! The programme report (issue 21) of the demo: golden files per format (morning, evening),
//! nothing identifying in the partner version, the command line (`report`, several `--db`,
//! `export --session` on a review session).

mod common;

use std::process::{Command, Output};

use chrono::{NaiveDate, NaiveDateTime};
use passerelle::core::demo::Stage;
use passerelle::core::domain::{Role, Session, SessionKind};
use passerelle::core::feedback::CriteriaSets;
use passerelle::core::report::{self, Scope};
use passerelle::core::summary::Audience;
use passerelle::export::{Format, report as out};
use passerelle::i18n::{Lang, Tr};
use passerelle::store::{Note, Store};

fn generated() -> NaiveDateTime {
    common::today().and_hms_opt(18, 5, 0).unwrap()
}

fn cohort_id(store: &Store) -> i64 {
    store.list_cohorts().unwrap()[0].id
}

fn render(store: &Store, format: Format, audience: Audience, lang: Lang) -> String {
    let scope = Scope::Cohort {
        id: cohort_id(store),
    };
    let rows = passerelle::store::report::report_rows(store.connection(), &scope).unwrap();
    let name = store.list_cohorts().unwrap()[0].name.clone();
    let r = report::build(
        &[rows],
        scope,
        name,
        common::today(),
        (
            &CriteriaSets::default(),
            &passerelle::core::outcomes::OutcomeSet::shipped(),
        ),
    );
    let r = report::for_audience(r, audience);
    out::render(&r, format, Tr::new(lang), generated())
        .into_iter()
        .map(|p| String::from_utf8(p.bytes).unwrap())
        .collect()
}

#[test]
fn golden_files_of_the_demo_cohort_report() {
    for (stage, name) in [(Stage::Morning, "morning"), (Stage::Evening, "evening")] {
        let (_dir, store) = common::demo_store(stage);
        for (format, ext) in [
            (Format::Html, "html"),
            (Format::Markdown, "md"),
            (Format::Csv, "csv"),
            (Format::Json, "json"),
        ] {
            let text = render(&store, format, Audience::Partner, Lang::Fr);
            insta::assert_snapshot!(format!("report_{name}_partner_{ext}_fr"), text);
        }
        let full = render(&store, Format::Markdown, Audience::Full, Lang::En);
        insta::assert_snapshot!(format!("report_{name}_full_md_en"), full);
    }
}

#[test]
fn golden_files_of_the_follow_up_stage_report_with_outcomes() {
    let (_dir, store) = common::followup_store();
    let partner = render(&store, Format::Markdown, Audience::Partner, Lang::Fr);
    insta::assert_snapshot!("report_followup_partner_md_fr", partner);
    let full = render(&store, Format::Markdown, Audience::Full, Lang::En);
    insta::assert_snapshot!("report_followup_full_md_en", full);
}

#[test]
fn the_partner_report_names_no_candidate_and_holds_no_staff_note() {
    let (_dir, store) = common::demo_store(Stage::Evening);
    let cohort = cohort_id(&store);
    let session = store.list_sessions(cohort).unwrap()[0].id;
    store
        .add_note(&Note {
            session_id: session,
            candidate_id: None,
            round: None,
            text: "Parloir avec sa mère à 15h".into(),
            created_at: "2026-10-15T14:00:00".into(),
        })
        .unwrap();
    let mut secrets = vec!["Parloir avec sa mère".to_string()];
    for m in store.list_members(cohort).unwrap() {
        if m.role == Role::Candidate {
            secrets.push(format!("{} {}", m.person.first_name, m.person.last_name));
            secrets.push(m.person.last_name.clone());
            if let Some(d) = m.sensitive.release_date {
                secrets.push(d.format("%d/%m/%Y").to_string());
                secrets.push(d.format("%Y-%m-%d").to_string());
            }
            secrets.push(m.sensitive.housing.clone());
            secrets.push(m.sensitive.judicial_notes.clone());
        }
    }
    secrets.retain(|s| s.trim().chars().count() > 3);
    assert!(secrets.len() > 20, "{secrets:?}");
    for format in [Format::Html, Format::Markdown, Format::Csv, Format::Json] {
        for lang in [Lang::Fr, Lang::En] {
            let partner = render(&store, format, Audience::Partner, lang);
            for s in &secrets {
                assert!(
                    !partner.contains(s.as_str()),
                    "{s} in the partner {format:?}"
                );
            }
        }
    }
}

fn passerelle(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_passerelle"))
        .args(args)
        .env("PASSERELLE_LANG", "fr")
        .env_remove("PASSERELLE_DB")
        .output()
        .expect("the binary runs")
}

/// The evening demo's file, closed (for the binary to open), and its cohort id.
fn closed_demo() -> (tempfile::TempDir, std::path::PathBuf, String) {
    let (dir, store) = common::demo_store(Stage::Evening);
    let db = store.path().to_path_buf();
    let id = cohort_id(&store).to_string();
    (dir, db, id)
}

#[test]
fn report_writes_each_format_and_refuses_a_second_db_elsewhere() {
    let (dir, db, id) = closed_demo();
    let db = db.to_str().unwrap();
    for ext in ["html", "md", "csv", "json"] {
        let file = dir.path().join(format!("bilan.{ext}"));
        let o = passerelle(&[
            "--db",
            db,
            "report",
            "--cohort",
            &id,
            "--format",
            ext,
            "-o",
            file.to_str().unwrap(),
        ]);
        assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
        assert!(std::fs::metadata(&file).unwrap().len() > 100);
    }
    let o = passerelle(&["--db", db, "--db", db, "list", "cohorts"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&o.stderr).contains("report"));
}

#[test]
fn report_year_reads_two_files_and_refuses_writing_over_one_of_them() {
    let dir = tempfile::tempdir().unwrap();
    let paths: Vec<String> = (0..2)
        .map(|i| demo_file(dir.path(), &format!("etab-{i}.db")))
        .collect();
    let json = dir.path().join("an.json");
    let o = passerelle(&[
        "--db",
        &paths[0],
        "--db",
        &paths[1],
        "report",
        "--year",
        "2026",
        "--format",
        "json",
        "-o",
        json.to_str().unwrap(),
    ]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let v: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&json).unwrap()).unwrap();
    assert_eq!(v["schema_version"], 2);
    assert_eq!(v["files"], 2);
    assert_eq!(v["totals"]["cohorts"], 2);
    let o = passerelle(&[
        "--db", &paths[0], "--db", &paths[1], "report", "--year", "2026", "-o", &paths[1],
    ]);
    assert_eq!(o.status.code(), Some(2));
}

#[test]
fn export_of_a_review_session_is_the_cohort_report_dated_at_the_session() {
    let (dir, mut store) = common::demo_store(Stage::Evening);
    let cohort = cohort_id(&store);
    let review = store
        .insert_session(&Session {
            id: 0,
            cohort_id: cohort,
            kind: SessionKind::Review,
            date: NaiveDate::from_ymd_opt(2026, 12, 10).unwrap(),
            start_time: None,
            place: String::new(),
            title: "Bilan intermédiaire".into(),
        })
        .unwrap();
    let db = store.path().to_path_buf();
    drop(store);
    let file = dir.path().join("bilan.md");
    let o = passerelle(&[
        "--db",
        db.to_str().unwrap(),
        "export",
        "--session",
        &review.to_string(),
        "--format",
        "md",
        "-o",
        file.to_str().unwrap(),
    ]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let text = std::fs::read_to_string(&file).unwrap();
    assert!(text.contains("Bilan de la promotion"), "{text}");
    assert!(text.contains("Situation au 10/12/2026"), "{text}");
}

#[test]
fn name_in_reports_from_the_command_line_puts_that_first_name_in_the_partner_report() {
    let (_dir, store) = common::demo_store(Stage::Evening);
    let cohort = cohort_id(&store);
    let pro = store
        .list_members(cohort)
        .unwrap()
        .into_iter()
        .find(|m| m.role == Role::Professional)
        .unwrap();
    let before = render(&store, Format::Markdown, Audience::Partner, Lang::Fr);
    assert!(!before.contains("Professionnels nommés"));
    let db = store.path().to_str().unwrap().to_string();
    let o = passerelle(&[
        "--db",
        &db,
        "report",
        "--name-in-reports",
        &pro.person.id.to_string(),
    ]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let after = render(&store, Format::Markdown, Audience::Partner, Lang::Fr);
    assert!(after.contains("Professionnels nommés"), "{after}");
    assert!(after.contains(&pro.person.first_name));
    assert!(!after.contains(&pro.person.last_name));
    let o = passerelle(&["--db", &db, "report", "--name-in-reports", "999999"]);
    assert_eq!(o.status.code(), Some(2));
}

fn demo_file(dir: &std::path::Path, name: &str) -> String {
    let p = dir.join(name);
    common::demo_at(&p, Stage::Evening);
    p.to_str().unwrap().to_string()
}

/// `passerelle [DB…] report --year 2026 --format json [REPORT ARGS…] -o OUT`, read back.
fn year_json(dbs: &[&str], report_args: &[&str], out: &std::path::Path) -> serde_json::Value {
    let out = out.to_str().unwrap();
    let mut all = dbs.to_vec();
    all.extend(["report", "--year", "2026", "--format", "json"]);
    all.extend(report_args);
    all.extend(["-o", out]);
    let o = passerelle(&all);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    serde_json::from_str(&std::fs::read_to_string(out).unwrap()).unwrap()
}

#[test]
fn report_adds_partner_json_files_from_laptops_to_database_files() {
    let dir = tempfile::tempdir().unwrap();
    let [a, b, c] = ["a.db", "b.db", "c.db"].map(|n| demo_file(dir.path(), n));
    let sent = dir.path().join("c-partner.json");
    let one = year_json(&["--db", &c], &[], &sent);
    assert_eq!(one["audience"], "partner");
    let sent = sent.to_str().unwrap();
    let all = year_json(
        &["--db", &a, "--db", &b],
        &["--from", sent],
        &dir.path().join("all.json"),
    );
    assert_eq!(all["files"], 3);
    for key in ["cohorts", "interviews", "proposals", "candidates"] {
        let n = one["totals"][key].as_u64().unwrap();
        assert_eq!(all["totals"][key].as_u64(), Some(3 * n), "{key}");
    }
    assert_eq!(all["cohorts"].as_array().map(Vec::len), Some(3));
    assert_eq!(all["establishments"][0]["cohorts"], 3);
    // JSON files alone, without any database: the sum of what they say.
    let only = year_json(
        &[],
        &["--from", sent, "--from", sent],
        &dir.path().join("only.json"),
    );
    assert_eq!(
        only["totals"]["interviews"].as_u64(),
        Some(2 * one["totals"]["interviews"].as_u64().unwrap())
    );
}

#[test]
fn report_refuses_a_sync_bundle_by_name_and_by_its_bytes_with_one_sentence() {
    let dir = tempfile::tempdir().unwrap();
    let a = demo_file(dir.path(), "a.db");
    let bundle = dir.path().join("salle-a.passerelle");
    let o = passerelle(&["--db", &a, "sync", "export", "-o", bundle.to_str().unwrap()]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    // The same bytes under a name that hides them.
    let renamed = dir.path().join("bilan.json");
    std::fs::copy(&bundle, &renamed).unwrap();
    let bundle = bundle.to_str().unwrap();
    let renamed = renamed.to_str().unwrap();
    let out = dir.path().join("out.json");
    let out = out.to_str().unwrap();
    for args in [
        vec!["--db", bundle, "report", "--year", "2026", "-o", out],
        vec![
            "--db", &a, "--db", bundle, "report", "--year", "2026", "-o", out,
        ],
        vec![
            "--db", &a, "report", "--year", "2026", "--from", bundle, "-o", out,
        ],
        vec![
            "--db", &a, "report", "--year", "2026", "--from", renamed, "-o", out,
        ],
        vec!["--db", renamed, "report", "--cohort", "1", "-o", out],
    ] {
        let o = passerelle(&args);
        let err = String::from_utf8_lossy(&o.stderr);
        assert_eq!(o.status.code(), Some(2), "{args:?}: {err}");
        assert!(err.contains("paquet de synchronisation"), "{args:?}: {err}");
        assert_eq!(err.lines().count(), 1, "one sentence: {err}");
        assert!(!std::path::Path::new(out).exists(), "{args:?}");
    }
}

#[test]
fn report_refuses_a_json_of_another_schema_version_by_name() {
    let dir = tempfile::tempdir().unwrap();
    let a = demo_file(dir.path(), "a.db");
    let sent = dir.path().join("ancien.json");
    year_json(&["--db", &a], &[], &sent);
    let text = std::fs::read_to_string(&sent).unwrap();
    std::fs::write(
        &sent,
        text.replace("\"schema_version\": 2", "\"schema_version\": 1"),
    )
    .unwrap();
    let out = dir.path().join("all.json");
    let o = passerelle(&[
        "--db",
        &a,
        "report",
        "--year",
        "2026",
        "--from",
        sent.to_str().unwrap(),
        "-o",
        out.to_str().unwrap(),
    ]);
    assert_eq!(o.status.code(), Some(2));
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(
        err.contains("ancien.json") && err.contains("version 1"),
        "{err}"
    );
    assert_eq!(err.lines().count(), 1, "{err}");
    assert!(!out.exists());
}

#[test]
fn report_and_export_write_through_one_tail_say_where_and_rewrite_only_their_own_files() {
    let (dir, db, id) = closed_demo();
    let out = |name: &str| dir.path().join(name).to_str().unwrap().to_string();
    let (bilan, oral, stranger) = (out("bilan.html"), out("oral.html"), out("autre.html"));
    for _ in 0..2 {
        // The second time, the file is one Passerelle wrote: replaced without --force.
        let o = common::cli(&db, &["report", "--cohort", &id, "-o", &bilan]);
        assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
        let said = String::from_utf8_lossy(&o.stdout);
        assert!(
            said.contains("Bilan écrit") && said.contains("bilan.html"),
            "{said}"
        );
        let o = common::cli(&db, &["export", "-o", &oral]);
        assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
        assert!(String::from_utf8_lossy(&o.stdout).contains("Synthèse écrite"));
    }
    std::fs::write(&stranger, "pas à nous").unwrap();
    let o = common::cli(&db, &["report", "--cohort", &id, "-o", &stranger]);
    assert_eq!(o.status.code(), Some(2));
    assert_eq!(std::fs::read_to_string(&stranger).unwrap(), "pas à nous");
    let o = common::cli(
        &db,
        &[
            "report",
            "--cohort",
            &id,
            "--audience",
            "full",
            "--force",
            "-o",
            &stranger,
        ],
    );
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    assert!(String::from_utf8_lossy(&o.stderr).contains("Version complète"));
}
