//! Follow-up in exports: the full export and `print person` carry contacts, the checklist and
//! outcomes; a partner export carries outcomes as anonymous counts only.

mod common;

use chrono::NaiveDateTime;
use passerelle::core::domain::{Role, SessionKind};
use passerelle::core::outcomes::OutcomeSet;
use passerelle::core::summary::{self, Audience};
use passerelle::export::{self, Format};
use passerelle::i18n::{Lang, Tr};
use passerelle::store::Store;

fn generated() -> NaiveDateTime {
    common::today().and_hms_opt(18, 5, 0).unwrap()
}

fn render(store: &Store, format: Format, audience: Audience, lang: Lang) -> String {
    parts(store, format, audience, lang)
        .into_iter()
        .map(|(_, text)| text)
        .collect::<Vec<_>>()
        .concat()
}

/// The files of an export: (name suffix, text).
fn parts(store: &Store, format: Format, audience: Audience, lang: Lang) -> Vec<(String, String)> {
    let cohort = store.list_cohorts().unwrap()[0].id;
    let session = store
        .list_sessions(cohort)
        .unwrap()
        .into_iter()
        .find(|s| s.kind == SessionKind::JobTraining)
        .unwrap()
        .id;
    let rows = store.summary_rows(session).unwrap();
    let mut full = summary::build(&rows.input(&Default::default()));
    export::attach_followup(store, &mut full, &rows.members, &OutcomeSet::shipped()).unwrap();
    let s = summary::for_audience(full, audience, false);
    export::render(&s, format, Tr::new(lang), generated())
        .into_iter()
        .map(|p| (p.suffix, String::from_utf8(p.bytes).unwrap()))
        .collect()
}

/// Every follow-up note, checklist item and value, and release date of the demo.
fn followup_secrets(store: &Store) -> Vec<String> {
    let cohort = store.list_cohorts().unwrap()[0].id;
    let mut out = Vec::new();
    for c in store.list_contacts(cohort).unwrap() {
        out.extend([c.note, c.next_step]);
    }
    for e in store.list_checks(cohort).unwrap() {
        out.push(e.note);
        for lang in [Lang::Fr, Lang::En] {
            out.push(
                Tr::new(lang)
                    .t(&format!("followup.check_{}", e.item.code()))
                    .to_string(),
            );
        }
    }
    for o in store.list_outcomes(cohort).unwrap() {
        out.push(o.employer);
        if let Some(d) = o.start {
            out.push(d.format("%d/%m/%Y").to_string());
            out.push(d.format("%Y-%m-%d").to_string());
        }
    }
    for m in store.list_members(cohort).unwrap() {
        if m.role == Role::Candidate
            && let Some(d) = m.sensitive.release_date
        {
            out.push(d.format("%d/%m/%Y").to_string());
            out.push(d.format("%Y-%m-%d").to_string());
        }
    }
    out.retain(|s| s.trim().chars().count() > 3);
    out
}

#[test]
fn partner_exports_hold_no_follow_up_note_checklist_value_or_release_date() {
    let (_dir, store) = common::followup_store();
    let secrets = followup_secrets(&store);
    assert!(
        secrets.len() > 20,
        "the demo has follow-up to hide: {secrets:?}"
    );
    for format in Format::ALL {
        for lang in [Lang::Fr, Lang::En] {
            let partner = render(&store, format, Audience::Partner, lang);
            for s in &secrets {
                assert!(
                    !partner.contains(s.as_str()),
                    "{format:?} {lang:?} partner export leaks « {s} »"
                );
            }
        }
    }
    // Outcomes reach partners as counts only, small ones as « < 3 ».
    let html = render(&store, Format::Html, Audience::Partner, Lang::Fr);
    assert!(html.contains("Sorties (effectifs anonymes)"), "{html}");
    assert!(html.contains("à la sortie · Emploi de transition</td><td class=\"num\">&lt; 3"));
    let json = render(&store, Format::Json, Audience::Partner, Lang::Fr);
    assert!(json.contains("outcome_counts") && !json.contains("\"followup\""));
}

#[test]
fn the_full_export_and_the_person_sheet_carry_the_follow_up() {
    let (_dir, store) = common::followup_store();
    let cohort = store.list_cohorts().unwrap()[0].id;
    let contact = store.list_contacts(cohort).unwrap()[0].clone();
    for format in [Format::Html, Format::Markdown, Format::Json] {
        let full = render(&store, format, Audience::Full, Lang::Fr);
        assert!(
            full.contains(&contact.note),
            "{format:?} full export has the contact note"
        );
        assert!(
            full.contains("Transports Garnier"),
            "{format:?} has the outcome"
        );
    }
    let md = render(&store, Format::Markdown, Audience::Full, Lang::Fr);
    assert!(md.contains("aménagement de peine"), "{md}");
    assert!(
        md.contains("Logement à la sortie : oui · foyer, Poitiers"),
        "{md}"
    );
    let sheet = export::sheets::person(
        &store,
        (&Default::default(), &OutcomeSet::shipped()),
        contact.candidate_id,
        Tr::new(Lang::Fr),
        generated(),
        "test",
    )
    .unwrap()
    .unwrap();
    assert!(sheet.contains(&contact.note));
    assert!(sheet.contains("Compte bancaire"));
    assert!(sheet.contains("Transports Garnier"));
}

/// Issue 20: `--outcomes FILE` — a network's own categories name the outcomes of an export; a
/// file that cannot be used is one sentence in the user's language, and nothing is opened,
/// written or changed.
#[test]
fn a_networks_own_outcome_file_names_the_outcomes_and_a_bad_one_stops_everything() {
    let (dir, store) = common::followup_store();
    let db = store.path().to_path_buf();
    let session = store
        .list_sessions(store.list_cohorts().unwrap()[0].id)
        .unwrap()
        .into_iter()
        .find(|s| s.kind == SessionKind::JobTraining)
        .unwrap()
        .id
        .to_string();
    let garnier = store
        .list_outcomes(store.list_cohorts().unwrap()[0].id)
        .unwrap()
        .into_iter()
        .find(|o| o.employer == "Transports Garnier")
        .unwrap()
        .candidate_id
        .to_string();
    drop(store);
    let group = |key: &str, label: &str, cats: &[(&str, &str)]| {
        let mut g =
            format!("[[group]]\nkey = \"{key}\"\nlabel_fr = \"{label}\"\nlabel_en = \"{label}\"\n");
        for (k, l) in cats {
            g.push_str(&format!(
                "[[group.category]]\nkey = \"{k}\"\nlabel_fr = \"{l}\"\nlabel_en = \"{l}\"\n"
            ));
        }
        g
    };
    let head = "key = \"reseau\"\nlabel_fr = \"Réseau\"\nlabel_en = \"Network\"\n";
    let own = dir.path().join("reseau.toml");
    std::fs::write(
        &own,
        format!(
            "{head}{}{}",
            group(
                "emploi",
                "Emploi (réseau)",
                &[("short_fixed_term", "Contrat court (réseau)")]
            ),
            group(
                "formation",
                "Formation (réseau)",
                &[("qualifying_training", "Stage qualifiant (réseau)")]
            )
        ),
    )
    .unwrap();
    let export = |lang: &str, outcomes: &std::path::Path, out: &std::path::Path| {
        std::process::Command::new(env!("CARGO_BIN_EXE_passerelle"))
            .arg("--db")
            .arg(&db)
            .args(["--lang", lang, "--outcomes"])
            .arg(outcomes)
            .args([
                "export",
                "--session",
                &session,
                "--format",
                "json",
                "--audience",
                "full",
                "--output",
            ])
            .arg(out)
            .env_remove("PASSERELLE_DB")
            .output()
            .unwrap()
    };
    let full = dir.path().join("full.json");
    let done = export("fr", &own, &full);
    assert!(
        done.status.success(),
        "{}",
        String::from_utf8_lossy(&done.stderr)
    );
    let json = std::fs::read_to_string(&full).unwrap();
    assert!(json.contains("Contrat court (réseau)") && json.contains("Stage qualifiant (réseau)"));
    assert!(
        json.contains("Formation (réseau)"),
        "the counts go by the network's groups"
    );
    // And everything held about a person (print person) names the outcome the same way.
    let sheet = dir.path().join("personne.html");
    let printed = std::process::Command::new(env!("CARGO_BIN_EXE_passerelle"))
        .arg("--db")
        .arg(&db)
        .args(["--lang", "fr", "--outcomes"])
        .arg(&own)
        .args(["print", "person", "--id", &garnier, "--output"])
        .arg(&sheet)
        .env_remove("PASSERELLE_DB")
        .output()
        .unwrap();
    assert!(
        printed.status.success(),
        "{}",
        String::from_utf8_lossy(&printed.stderr)
    );
    assert!(
        std::fs::read_to_string(&sheet)
            .unwrap()
            .contains("Contrat court (réseau)")
    );
    // The programme report counts by the network's categories and names them its way.
    let report = dir.path().join("bilan.md");
    let made = std::process::Command::new(env!("CARGO_BIN_EXE_passerelle"))
        .arg("--db")
        .arg(&db)
        .args(["--lang", "fr", "--outcomes"])
        .arg(&own)
        .args(["report", "--cohort", "1", "--format", "md", "--output"])
        .arg(&report)
        .env_remove("PASSERELLE_DB")
        .output()
        .unwrap();
    assert!(
        made.status.success(),
        "{}",
        String::from_utf8_lossy(&made.stderr)
    );
    let bilan = std::fs::read_to_string(&report).unwrap();
    assert!(
        bilan.contains("Contrat court (réseau)") && bilan.contains("Stage qualifiant (réseau)"),
        "{bilan}"
    );
    assert!(
        !bilan.contains("CDI"),
        "the shipped categories are not the network's"
    );

    let cat = "[[group.category]]\nkey = \"c\"\nlabel_fr = \"C\"\nlabel_en = \"C\"\n";
    let bad = dir.path().join("bad.toml");
    std::fs::write(
        &bad,
        format!("{head}{}{cat}", group("g", "G", &[("c", "C")])),
    )
    .unwrap();
    let before = std::fs::read(&db).unwrap();
    for (lang, words) in [("fr", "apparaît deux fois"), ("en", "appears twice")] {
        let out = dir.path().join(format!("refused-{lang}.json"));
        let refused = export(lang, &bad, &out);
        let said = String::from_utf8_lossy(&refused.stderr);
        assert_eq!(refused.status.code(), Some(2), "{said}");
        assert_eq!(said.trim().lines().count(), 1, "one sentence: {said}");
        assert!(said.contains(words) && said.contains("bad.toml"), "{said}");
        assert!(!out.exists(), "nothing written");
    }
    let missing = export(
        "fr",
        &dir.path().join("absent.toml"),
        &dir.path().join("x.json"),
    );
    assert_eq!(missing.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&missing.stderr).contains("absent.toml"));
    let broken = dir.path().join("broken.toml");
    std::fs::write(&broken, format!("{head}[[group]\n")).unwrap();
    let said = String::from_utf8_lossy(&export("en", &broken, &dir.path().join("y.json")).stderr)
        .to_string();
    assert!(
        said.contains("line 4") && said.trim().lines().count() == 1,
        "{said}"
    );
    assert_eq!(
        std::fs::read(&db).unwrap(),
        before,
        "the database is untouched"
    );
}

/// Issue 20: the CSV export — the full one has a follow-up file (a row per contact, checklist
/// answer and outcome); the partner one has only the anonymous counts, which name nobody and
/// date nothing.
#[test]
fn the_csv_export_has_the_follow_up_in_full_and_only_anonymous_counts_for_partners() {
    let (_dir, store) = common::followup_store();
    let cohort = store.list_cohorts().unwrap()[0].id;
    let full = parts(&store, Format::Csv, Audience::Full, Lang::Fr);
    let suffixes: Vec<&str> = full.iter().map(|(s, _)| s.as_str()).collect();
    assert_eq!(
        suffixes,
        ["", "-propositions", "-textes", "-suivi", "-sorties"]
    );
    let detail = &full[3].1;
    let contacts = store.list_contacts(cohort).unwrap();
    for c in &contacts {
        let date = c.date.format("%d/%m/%Y").to_string();
        let row = detail
            .lines()
            .find(|l| l.contains(&c.note) && l.contains(&date))
            .unwrap_or_else(|| panic!("a row for « {} » of {date}: {detail}", c.note));
        assert!(
            row.trim_start_matches('\u{feff}').starts_with("contact;"),
            "{row}"
        );
    }
    assert!(
        detail.contains("préparation à la sortie;")
            && detail.contains("Logement à la sortie;oui · foyer, Poitiers"),
        "{detail}"
    );
    assert!(detail.contains("Transports Garnier") && detail.contains("aménagement de peine"));

    for lang in [Lang::Fr, Lang::En] {
        let partner = parts(&store, Format::Csv, Audience::Partner, lang);
        assert_eq!(
            partner.len(),
            4,
            "no follow-up detail for partners: {:?}",
            partner.iter().map(|p| &p.0).collect::<Vec<_>>()
        );
        let counts = &partner[3].1;
        assert!(counts.lines().count() > 1, "{counts}");
        assert!(counts.contains("< 3"), "small counts hidden: {counts}");
        for m in store.list_members(cohort).unwrap() {
            for name in [&m.person.first_name, &m.person.last_name] {
                assert!(
                    !counts.contains(name.as_str()),
                    "{lang:?}: « {name} » in the counts"
                );
            }
        }
        for c in &contacts {
            assert!(!counts.contains(&c.date.format("%d/%m/%Y").to_string()));
        }
        for item in passerelle::core::followup::CheckItem::ALL {
            let label = Tr::new(lang).t(&format!("followup.check_{}", item.code()));
            assert!(
                !partner.iter().any(|(_, t)| t.contains(label)),
                "{lang:?}: « {label} »"
            );
        }
    }
    // Without follow-up (the day's evening), still the three files.
    let (_d, plain) = common::demo_store(passerelle::core::demo::Stage::Evening);
    assert_eq!(
        parts(&plain, Format::Csv, Audience::Full, Lang::Fr).len(),
        3
    );
}

/// A contact with the mentor (the form's « avec le parrain ») names them, with their role, in the
/// full export's log and its CSV follow-up file; the partner's has no contact at all.
#[test]
fn a_contact_with_the_mentor_names_them_in_the_full_export() {
    use passerelle::core::followup::Contact;
    let (_dir, store) = common::followup_store();
    let cohort = store.list_cohorts().unwrap()[0].id;
    let pairing = store.list_pairings(cohort).unwrap()[0].clone();
    store
        .save_contact(&Contact {
            with_person: Some(pairing.mentor_id),
            note: "Visite du parrain au quartier".into(),
            ..Contact::new(cohort, pairing.candidate_id, common::today())
        })
        .unwrap();
    let mentor = store
        .list_members(cohort)
        .unwrap()
        .into_iter()
        .find(|m| m.person.id == pairing.mentor_id)
        .unwrap()
        .person
        .full_name();
    let with = format!("{mentor} (parrain / marraine)");
    for format in [Format::Markdown, Format::Csv] {
        let full = render(&store, format, Audience::Full, Lang::Fr);
        let line = full
            .lines()
            .find(|l| l.contains("Visite du parrain"))
            .unwrap_or_else(|| panic!("{format:?}: {full}"));
        assert!(line.contains(&with), "{format:?}: {line}");
        let partner = render(&store, format, Audience::Partner, Lang::Fr);
        assert!(
            !partner.contains("Visite du parrain") && !partner.contains("(parrain / marraine)")
        );
    }
}
