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
        .map(|p| String::from_utf8(p.bytes).unwrap())
        .collect::<Vec<_>>()
        .concat()
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
        &Default::default(),
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
