//! Follow-up in the store: contacts, the release checklist, outcomes and pairings survive the
//! migration from the previous schema; purge erases them and keeps anonymous outcome counts.

mod common;

use chrono::NaiveDate;
use passerelle::core::demo::Stage;
use passerelle::core::domain::Role;
use passerelle::core::followup::{
    CheckAnswer, CheckEntry, CheckItem, Contact, ContactKind, Milestone, Outcome, OutcomeSource,
    Pairing, PairingStatus,
};
use passerelle::store::{MIGRATIONS, Store};

fn d(y: i32, m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, day).unwrap()
}

fn outcome(cohort: i64, candidate: i64, m: Milestone, category: &str) -> Outcome {
    Outcome {
        id: 0,
        cohort_id: cohort,
        candidate_id: candidate,
        milestone: m,
        category: category.into(),
        employer: "Transports Garnier".into(),
        start: Some(d(2026, 11, 2)),
        source: Some(OutcomeSource::Company),
        source_id: None,
        recorded_on: d(2026, 11, 20),
    }
}

#[test]
fn follow_up_is_stored_on_a_file_made_by_the_previous_schema() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("p.db");
    {
        let old = Store::open_to(&path, MIGRATIONS.len() - 1).unwrap();
        old.connection()
            .execute_batch(
                "INSERT INTO cohort (id, name) VALUES (1, 'Promo');
                 INSERT INTO person (id, first_name, last_name) VALUES (1, 'Karim', 'B'), (2, 'Anne', 'M');
                 INSERT INTO membership (cohort_id, person_id, role) VALUES (1, 1, 'candidate'), (1, 2, 'professional');",
            )
            .unwrap();
    }
    let store = Store::open(&path).unwrap();
    assert_eq!(store.schema_version().unwrap(), MIGRATIONS.len() as i64);

    let mut c = Contact::new(1, 1, d(2026, 11, 20));
    c.kind = ContactKind::Spip;
    c.with_whom = "CPIP\u{202E} Martin".into();
    c.note = "Logement\u{200B} trouvé\nà confirmer".into();
    c.next_step = "Appeler le foyer".into();
    c.next_date = Some(d(2026, 11, 27));
    c.id = store.save_contact(&c).unwrap();
    c.note.push_str(" — confirmé");
    store.save_contact(&c).unwrap();
    let contacts = store.list_contacts(1).unwrap();
    assert_eq!(contacts.len(), 1, "the second save updates");
    assert_eq!(
        contacts[0].with_whom, "CPIP Martin",
        "bidi override dropped"
    );
    assert_eq!(contacts[0].note, "Logement trouvé\nà confirmer — confirmé");
    assert_eq!(contacts[0].kind, ContactKind::Spip);
    assert_eq!(contacts[0].next_date, Some(d(2026, 11, 27)));

    let mut check = CheckEntry {
        cohort_id: 1,
        candidate_id: 1,
        item: CheckItem::Housing,
        answer: Some(CheckAnswer::InProgress),
        note: "foyer".into(),
    };
    store.save_check(&check).unwrap();
    check.answer = Some(CheckAnswer::Yes);
    store.save_check(&check).unwrap();
    assert_eq!(store.list_checks(1).unwrap(), [check]);

    let first = store
        .save_outcome(&outcome(1, 1, Milestone::Release, "short_fixed_term"))
        .unwrap();
    let again = store
        .save_outcome(&outcome(1, 1, Milestone::Release, "cdi"))
        .unwrap();
    assert_eq!(
        first, again,
        "one outcome per milestone: recorded again, replaced"
    );
    store
        .save_outcome(&outcome(1, 1, Milestone::Month3, "cdi"))
        .unwrap();
    let outcomes = store.list_outcomes(1).unwrap();
    assert_eq!(outcomes.len(), 2);
    assert_eq!(outcomes[0].category, "cdi");
    assert_eq!(outcomes[0].source, Some(OutcomeSource::Company));

    let mut p = Pairing {
        id: 0,
        cohort_id: 1,
        mentor_id: 2,
        candidate_id: 1,
        start: d(2026, 11, 1),
        end: None,
        status: PairingStatus::Active,
    };
    p.id = store.save_pairing(&p).unwrap();
    p.status = PairingStatus::Ended;
    p.end = Some(d(2027, 5, 1));
    store.save_pairing(&p).unwrap();
    assert_eq!(store.list_pairings(1).unwrap(), [p]);
}

#[test]
fn purge_erases_the_follow_up_and_keeps_anonymous_outcome_counts() {
    let (_dir, mut store) = common::demo_store(Stage::Evening);
    let cohort = store.list_cohorts().unwrap()[0].id;
    let members = store.list_members(cohort).unwrap();
    let candidates: Vec<i64> = members
        .iter()
        .filter(|m| m.role == Role::Candidate)
        .map(|m| m.person.id)
        .collect();
    let mentor = members
        .iter()
        .find(|m| m.role == Role::Professional)
        .unwrap()
        .person
        .id;
    let secret = "Rendez-vous foyer Saint-Exupery";
    let mut c = Contact::new(cohort, candidates[0], common::today());
    c.note = secret.into();
    store.save_contact(&c).unwrap();
    store
        .save_check(&CheckEntry {
            cohort_id: cohort,
            candidate_id: candidates[0],
            item: CheckItem::BankAccount,
            answer: Some(CheckAnswer::No),
            note: "Compte Nickel a ouvrir".into(),
        })
        .unwrap();
    for (i, cat) in ["cdi", "cdi", "searching"].iter().enumerate() {
        store
            .save_outcome(&outcome(cohort, candidates[i], Milestone::Release, cat))
            .unwrap();
    }
    store
        .save_pairing(&Pairing {
            id: 0,
            cohort_id: cohort,
            mentor_id: mentor,
            candidate_id: candidates[1],
            start: common::today(),
            end: None,
            status: PairingStatus::Active,
        })
        .unwrap();
    store.daily_backup(common::today()).unwrap();

    store.purge(cohort, None, common::today()).unwrap();

    assert!(store.list_contacts(cohort).unwrap().is_empty());
    assert!(store.list_checks(cohort).unwrap().is_empty());
    assert!(store.list_outcomes(cohort).unwrap().is_empty());
    assert!(store.list_pairings(cohort).unwrap().is_empty());
    assert_eq!(
        store.outcome_tallies(cohort).unwrap(),
        [
            (Milestone::Release, "cdi".to_string(), 2),
            (Milestone::Release, "searching".to_string(), 1)
        ]
    );
    let dir = store.path().parent().unwrap().to_path_buf();
    for entry in std::fs::read_dir(dir).unwrap().flatten() {
        let bytes = std::fs::read(entry.path()).unwrap_or_default();
        for s in [secret, "Compte Nickel a ouvrir", "Transports Garnier"] {
            assert!(
                !bytes.windows(s.len()).any(|w| w == s.as_bytes()),
                "{} still holds « {s} »",
                entry.path().display()
            );
        }
    }
}

/// The stable codes of a core enum, in its order.
fn codes<T: Copy>(all: &[T], code: fn(T) -> &'static str) -> Vec<String> {
    all.iter().map(|v| code(*v).to_string()).collect()
}

/// The follow-up codes have one source, the core enums (`ContactKind::ALL` …): the schema's CHECK
/// lists must say exactly the same codes, in the same order, or a new code would be refused by
/// the database (or an old one kept there that the application no longer knows).
#[test]
fn the_schema_accepts_exactly_the_codes_the_core_defines() {
    let (_dir, store) = common::demo_store(Stage::Morning);
    let schema = |table: &str| -> String {
        store
            .connection()
            .query_row(
                "SELECT sql FROM sqlite_master WHERE type = 'table' AND name = ?1",
                [table],
                |r| r.get(0),
            )
            .unwrap()
    };
    // The quoted codes of `column IN (...)` in a table's CREATE statement.
    let listed = |table: &str, column: &str| -> Vec<String> {
        let sql = schema(table);
        let from = sql
            .find(&format!("{column} IN ("))
            .unwrap_or_else(|| panic!("{table}.{column} has a CHECK list: {sql}"));
        let list = &sql[from..];
        let list = &list[list.find('(').unwrap() + 1..list.find(')').unwrap()];
        list.split(',')
            .map(|c| c.trim().trim_matches('\'').to_string())
            .collect()
    };
    for (table, column, want) in [
        (
            "followup_contact",
            "kind",
            codes(ContactKind::ALL, ContactKind::code),
        ),
        (
            "release_check",
            "item",
            codes(CheckItem::ALL, CheckItem::code),
        ),
        (
            "release_check",
            "answer",
            codes(CheckAnswer::ALL, CheckAnswer::code),
        ),
        (
            "outcome",
            "milestone",
            codes(Milestone::ALL, Milestone::code),
        ),
        (
            "outcome",
            "source",
            codes(OutcomeSource::ALL, OutcomeSource::code),
        ),
        (
            "mentor_pairing",
            "status",
            codes(PairingStatus::ALL, PairingStatus::code),
        ),
    ] {
        assert_eq!(listed(table, column), want, "{table}.{column}");
    }
}
