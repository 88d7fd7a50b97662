//! End-to-end, with the real binary: a day prepared the day before (#14) — roster imported with
//! `--session`, binômes composed from the expected professionals, plan and every sheet printed
//! without any attendance mark (each says « prévisionnel »); then the day adjusts: a candidate
//! absent and a professional missing, re-plan, and the « modifications » sheet lists exactly the
//! interviews that differ from the printed version.

mod common;

use std::collections::BTreeSet;
use std::path::Path;
use std::process::Output;

use passerelle::core::attendance::AttendanceStatus;
use passerelle::store::Store;

use common::cli as passerelle;

fn ok(out: &Output) -> String {
    assert!(
        out.status.success(),
        "stdout: {}\nstderr: {}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout).into_owned()
}

fn id_of(out: &Output) -> String {
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).expect("json");
    v["id"].as_i64().expect("an id").to_string()
}

const ROSTER: &str = "Nom;Prénom;Rôle;Entreprise;Secteur
Bernard;Yanis;candidat;;logistique
Kaci;Mehdi;candidat;;btp
Durand;Lucas;candidat;;restauration
Martin;Kevin;candidat;;logistique
Thomas;Samir;candidat;;btp
Petit;Hugo;candidat;;restauration
Perrin;Nathalie;professionnel;Transports Perrin;logistique
Perrin;Marc;professionnel;Transports Perrin;logistique
Morel;Claire;professionnel;Boulangerie du Clain;restauration
Roux;Paul;professionnel;Boulangerie du Clain;restauration
Girard;Anne;professionnel;Bâtir Vienne;btp
Blanc;Léa;professionnel;Bâtir Vienne;btp
Leroy;Sophie;encadrant;SPIP;
";

/// The plan interviews of a plan version row: (round, panel, candidate).
fn interviews(db: &Path, plan: &str) -> BTreeSet<(i64, i64, i64)> {
    let conn = rusqlite::Connection::open(db).unwrap();
    conn.prepare(&format!(
        "SELECT round, coalesce(panel_id, 0), candidate_id FROM interview WHERE plan_id = ({plan})"
    ))
    .unwrap()
    .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))
    .unwrap()
    .flatten()
    .collect()
}

/// A job-training day on 15/10/2026 with `interviews` per candidate, its cohort's roster
/// imported with `--session` (everyone expected, no binôme yet): (database, cohort, session).
fn prepared(dir: &Path, roster: &str, interviews: usize) -> (std::path::PathBuf, String, String) {
    let db = dir.join("jour.db");
    let cohort = id_of(&passerelle(
        &db,
        &["new", "cohort", "--name", "Promo Vivonne", "--json"],
    ));
    let session = id_of(&passerelle(
        &db,
        &[
            "new",
            "session",
            "--cohort",
            &cohort,
            "--kind",
            "job_training",
            "--date",
            "15/10/2026",
            "--interviews",
            &interviews.to_string(),
            "--json",
        ],
    ));
    let file = dir.join("liste.csv");
    std::fs::write(&file, roster).unwrap();
    ok(&passerelle(
        &db,
        &[
            "import",
            "roster",
            file.to_str().unwrap(),
            "--cohort",
            &cohort,
            "--session",
            &session,
        ],
    ));
    (db, cohort, session)
}

#[test]
fn a_session_without_binomes_names_the_command_that_composes_them() {
    let dir = tempfile::tempdir().unwrap();
    let (db, _, session) = prepared(dir.path(), ROSTER, 3);
    let hint = format!("passerelle binomes --session {session}");
    for save in [false, true] {
        let mut args = vec!["plan", "--session", &session];
        if save {
            args.push("--save");
        }
        let out = passerelle(&db, &args);
        assert_eq!(out.status.code(), Some(2));
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(err.contains(&hint), "{err}");
        assert_eq!(err.trim().lines().count(), 1, "one sentence: {err}");
    }
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_passerelle"))
        .arg("--db")
        .arg(&db)
        .args(["plan", "--session", &session])
        .env("PASSERELLE_LANG", "en")
        .output()
        .unwrap();
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("no panels yet") && err.contains(&hint),
        "{err}"
    );
}

#[test]
fn a_day_prepared_the_day_before_then_adjusted_lists_exactly_the_changes() {
    let dir = tempfile::tempdir().unwrap();
    let (db, cohort, session) = prepared(dir.path(), ROSTER, 3);

    // Binômes from the expected professionals (CLI `binomes`), colleagues at different tables.
    let out = ok(&passerelle(&db, &["binomes", "--session", &session]));
    assert!(out.contains("3 binôme(s)"), "{out}");
    {
        let store = Store::open(&db).unwrap();
        let panels = store.list_panels(session.parse().unwrap()).unwrap();
        let members = store.list_members(cohort.parse().unwrap()).unwrap();
        assert_eq!(panels.len(), 3);
        for p in &panels {
            let orgs: BTreeSet<String> = p
                .members
                .iter()
                .filter_map(|id| members.iter().find(|m| m.person.id == *id))
                .map(|m| m.person.organisation.clone())
                .collect();
            assert_eq!(orgs.len(), p.members.len(), "colleagues split: {p:?}");
        }
    }
    // The plan works without any attendance mark (it used to say « 0 binômes »).
    let grid = ok(&passerelle(&db, &["plan", "--session", &session]));
    assert!(grid.contains("Yanis"), "{grid}");
    ok(&passerelle(&db, &["plan", "--session", &session, "--save"]));

    // Nothing printed yet: « modifications » says so in one sentence, writes nothing.
    let out = passerelle(
        &db,
        &[
            "print",
            "modifications",
            "--session",
            &session,
            "-o",
            dir.path().join("m0.html").to_str().unwrap(),
        ],
    );
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("Aucune feuille de plan") && err.lines().count() == 1,
        "{err}"
    );
    assert!(!dir.path().join("m0.html").exists());

    // Every sheet prints from the expected plan, marked « prévisionnel ».
    for sheet in [
        "emargement",
        "intervenants",
        "mouvements",
        "tables",
        "routes",
    ] {
        let file = dir.path().join(format!("{sheet}.html"));
        ok(&passerelle(
            &db,
            &[
                "print",
                sheet,
                "--session",
                &session,
                "-o",
                file.to_str().unwrap(),
            ],
        ));
        let html = std::fs::read_to_string(&file).unwrap();
        assert!(html.contains("prévisionnel — imprimé le"), "{sheet}");
        assert!(!html.contains("Pas encore de plan"), "{sheet}");
        let pages = html.matches("<section").count();
        assert_eq!(
            html.matches("prévisionnel — imprimé le").count(),
            pages,
            "{sheet}: on every page"
        );
    }
    let printed = interviews(&db, "SELECT max(id) FROM plan_version");
    assert_eq!(printed.len(), 6 * 3);

    // The day: one candidate absent, one professional missing.
    let sid: i64 = session.parse().unwrap();
    let (absent_candidate, missing_pro) = {
        let store = Store::open(&db).unwrap();
        let members = store.list_members(cohort.parse().unwrap()).unwrap();
        let find = |last: &str, first: &str| {
            members
                .iter()
                .find(|m| m.person.last_name == last && m.person.first_name == first)
                .unwrap()
                .person
                .id
        };
        let (c, p) = (find("Martin", "Kevin"), find("Girard", "Anne"));
        let t = chrono::NaiveTime::from_hms_opt(8, 50, 0).unwrap();
        for a in store.list_attendance(sid).unwrap() {
            if a.person_id == c || a.person_id == p {
                store
                    .save_attendance(&a.mark(AttendanceStatus::Absent, t))
                    .unwrap();
            }
        }
        (c, p)
    };
    let out = ok(&passerelle(&db, &["plan", "--session", &session, "--save"]));
    assert!(out.contains("v2"), "{out}");
    let now = interviews(&db, "SELECT max(id) FROM plan_version");
    assert!(now.iter().all(|i| i.2 != absent_candidate));
    let gone: Vec<_> = printed.difference(&now).collect();
    let new: Vec<_> = now.difference(&printed).collect();
    assert!(!gone.is_empty());

    let file = dir.path().join("modifications.html");
    ok(&passerelle(
        &db,
        &[
            "print",
            "modifications",
            "--session",
            &session,
            "-o",
            file.to_str().unwrap(),
        ],
    ));
    let html = std::fs::read_to_string(&file).unwrap();
    assert_eq!(html.matches("<section").count(), 1, "one page");
    let rows: Vec<&str> = html.lines().filter(|l| l.starts_with("<tr><td>")).collect();
    let count = |word: &str| rows.iter().filter(|r| r.contains(word)).count();
    let (moved, cancelled, added) = (count(">déplacé<"), count(">annulé<"), count(">ajouté<"));
    assert_eq!(moved + cancelled + added, rows.len(), "{html}");
    // Each printed interview that no longer holds is one row (moved or cancelled), each new
    // one too (moved or added): exactly the differences, nothing kept is listed.
    assert_eq!(moved + cancelled, gone.len(), "{html}");
    assert_eq!(moved + added, new.len(), "{html}");
    assert!(
        rows.iter()
            .any(|r| r.contains("MARTIN Kevin") && r.contains(">annulé<"))
    );
    for (_, _, cand) in printed.intersection(&now) {
        // A candidate whose interviews were all kept is not named.
        if !gone.iter().chain(new.iter()).any(|i| i.2 == *cand) {
            let store = Store::open(&db).unwrap();
            let m = store
                .list_members(cohort.parse().unwrap())
                .unwrap()
                .into_iter()
                .find(|m| m.person.id == *cand)
                .unwrap();
            assert!(!html.contains(&m.person.last_name.to_uppercase()), "{html}");
        }
    }
    let _ = missing_pro;

    // Once the timer has started, the sheets are no longer « prévisionnel ».
    rusqlite::Connection::open(&db)
        .unwrap()
        .execute(
            "INSERT INTO clock_event (session_id, at, kind) VALUES (?1, '2026-10-15T09:00:00', 'start')",
            [sid],
        )
        .unwrap();
    let file = dir.path().join("mouvements-jour.html");
    ok(&passerelle(
        &db,
        &[
            "print",
            "mouvements",
            "--session",
            &session,
            "-o",
            file.to_str().unwrap(),
        ],
    ));
    assert!(
        !std::fs::read_to_string(&file)
            .unwrap()
            .contains("prévisionnel")
    );
}

#[test]
fn expect_adds_and_removes_people_once_and_refuses_strangers() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("d.db");
    let cohort = id_of(&passerelle(
        &db,
        &["new", "cohort", "--name", "P", "--json"],
    ));
    let session = id_of(&passerelle(
        &db,
        &[
            "new",
            "session",
            "--cohort",
            &cohort,
            "--kind",
            "themed_day",
            "--date",
            "15/10/2026",
            "--json",
        ],
    ));
    let roster = dir.path().join("l.csv");
    std::fs::write(&roster, ROSTER).unwrap();
    ok(&passerelle(
        &db,
        &[
            "import",
            "roster",
            roster.to_str().unwrap(),
            "--cohort",
            &cohort,
        ],
    ));
    let store = Store::open(&db).unwrap();
    let members = store.list_members(cohort.parse().unwrap()).unwrap();
    let a = members[0].person.id.to_string();
    let b = members[1].person.id.to_string();
    drop(store);
    let sid: i64 = session.parse().unwrap();
    let listed = || {
        Store::open(&db)
            .unwrap()
            .list_attendance(sid)
            .unwrap()
            .len()
    };
    let before = listed();
    let out = ok(&passerelle(
        &db,
        &["expect", "--session", &session, "--person", &a, &b, &a],
    ));
    assert_eq!(
        out.lines().count(),
        2,
        "a person given twice is done once: {out}"
    );
    assert_eq!(listed(), before + 2);
    let out = ok(&passerelle(
        &db,
        &["expect", "--session", &session, "--person", &a],
    ));
    assert!(out.contains("déjà"), "{out}");
    ok(&passerelle(
        &db,
        &["expect", "--session", &session, "--person", &b, "--remove"],
    ));
    assert_eq!(listed(), before + 1);
    let out = passerelle(&db, &["expect", "--session", &session, "--person", "9999"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("n'est pas membre"));
    let out = passerelle(&db, &["expect", "--session", "777", "--person", &a]);
    assert_eq!(out.status.code(), Some(2));
}

/// The exit code and standard error of a command expected to be refused or to warn.
fn stderr_of(out: &Output) -> (Option<i32>, String) {
    (
        out.status.code(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

#[test]
fn a_professional_who_must_meet_none_of_the_candidates_is_named() {
    let dir = tempfile::tempdir().unwrap();
    let (db, cohort, session) = prepared(dir.path(), ROSTER, 3);
    ok(&passerelle(&db, &["binomes", "--session", &session]));
    {
        let mut store = Store::open(&db).unwrap();
        let cohort: i64 = cohort.parse().unwrap();
        let members = store.list_members(cohort).unwrap();
        let nathalie = members
            .iter()
            .find(|m| m.person.first_name == "Nathalie")
            .unwrap()
            .person
            .id;
        for c in members
            .iter()
            .filter(|m| m.role == passerelle::core::domain::Role::Candidate)
        {
            store
                .set_forbidden(cohort, c.person.id, &[nathalie])
                .unwrap();
        }
    }
    // 3 binômes, 3 interviews each: her table can see nobody, so no plan; the sentence names her.
    let (code, err) = stderr_of(&passerelle(&db, &["plan", "--session", &session]));
    assert_eq!(code, Some(2));
    assert!(
        err.contains("Ne doit rencontrer aucun des candidats attendus : Nathalie P. (table"),
        "{err}"
    );
    // 2 interviews each: the plan is made, and still says why her table stays empty.
    let out = passerelle(&db, &["plan", "--session", &session, "--interviews", "2"]);
    let (code, err) = stderr_of(&out);
    assert_eq!(code, Some(0), "{err}");
    assert!(err.contains("Nathalie P."), "{err}");
    assert!(String::from_utf8_lossy(&out.stdout).contains("Yanis"));
    let (code, err) = stderr_of(&passerelle(&db, &["plan", "--session", &session, "--save"]));
    assert_eq!(code, Some(2));
    assert!(err.contains("Nathalie P."), "{err}");
}

#[test]
fn too_few_expected_professionals_for_k_interviews_say_how_many_binomes_are_needed() {
    let dir = tempfile::tempdir().unwrap();
    let roster: String = ROSTER
        .lines()
        .filter(|l| !l.contains("Roux") && !l.contains("Blanc") && !l.contains("Marc;"))
        .map(|l| format!("{l}\n"))
        .collect();
    let (db, _, session) = prepared(dir.path(), &roster, 3);
    // Three professionals make one binôme: `binomes` says at once that 3 interviews need 3.
    let out = passerelle(&db, &["binomes", "--session", &session]);
    let (code, err) = stderr_of(&out);
    assert_eq!(code, Some(0));
    assert!(ok(&out).contains("1 binôme(s)"));
    let sentence = "3 entretiens par candidat demandent au moins 3 binômes";
    assert!(
        err.contains(sentence) && err.contains("il y en a 1"),
        "{err}"
    );
    // The plan is refused with the same sentence: needed, and how many exist.
    let (code, err) = stderr_of(&passerelle(&db, &["plan", "--session", &session]));
    assert_eq!(code, Some(2));
    assert!(
        err.contains(sentence) && err.contains("il y en a 1"),
        "{err}"
    );
}

#[test]
fn a_person_listed_twice_in_the_roster_is_expected_once() {
    let dir = tempfile::tempdir().unwrap();
    let twice = format!("{ROSTER}Bernard;Yanis;candidat;;logistique\n");
    let (db, _, session) = prepared(dir.path(), &twice, 3);
    let store = Store::open(&db).unwrap();
    let mut people: Vec<i64> = store
        .list_attendance(session.parse().unwrap())
        .unwrap()
        .iter()
        .map(|a| a.person_id)
        .collect();
    let n = people.len();
    people.sort();
    people.dedup();
    assert_eq!(people.len(), n, "no one twice on the list");
    assert_eq!(n, ROSTER.lines().count() - 1);
}
