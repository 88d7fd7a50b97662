//! The roster corpus (tests/data/roster): each file's exact outcome, the template round trip,
//! and the import applied to a store (all or nothing, re-import without duplicates).

mod common;

use passerelle::core::demo::Stage;
use passerelle::core::domain::{Role, Sector, StaffRole};
use passerelle::core::import::{self, Change};
use passerelle::core::roster::{self, Encoding, LineProblem, Roster, RosterError, RosterPerson};
use passerelle::i18n::{Lang, Tr};
use proptest::prelude::*;

fn file(name: &str) -> Vec<u8> {
    std::fs::read(format!(
        "{}/tests/data/roster/{name}",
        env!("CARGO_MANIFEST_DIR")
    ))
    .unwrap()
}

fn read(name: &str) -> Result<Roster, RosterError> {
    roster::parse(&file(name), None)
}

fn names(r: &Roster) -> Vec<String> {
    r.people
        .iter()
        .map(|p| format!("{} {}", p.first_name, p.last_name))
        .collect()
}

#[test]
fn cp1252_with_semicolons_and_french_accents() {
    let r = read("01_cp1252_semicolon.csv").unwrap();
    assert_eq!(r.encoding, Encoding::Windows1252);
    assert_eq!(r.separator, ';');
    assert_eq!(
        names(&r),
        [
            "Yanis Benali",
            "Éloïse Lefèvre",
            "François Garçon",
            "Zoé Cœurdevey",
            "Aïssatou N’Diaye"
        ]
    );
    assert_eq!(
        r.people[2].sectors,
        Some(vec![Sector::Btp, Sector::Metalwork])
    );
    assert_eq!(
        r.people[3].organisation.as_deref(),
        Some("Boulangerie de l’Abbaye")
    );
    assert_eq!(r.people[3].role, Some(Role::Professional));
    assert_eq!(
        (r.people[4].role, r.people[4].staff_role),
        (Some(Role::Staff), Some(StaffRole::Spip))
    );
}

#[test]
fn utf8_with_bom() {
    let r = read("02_utf8_bom.csv").unwrap();
    assert_eq!(r.encoding, Encoding::Utf8Bom);
    assert_eq!(names(&r), ["Claire Morel", "Karim Haddad"]);
    assert_eq!(
        r.people[1].sectors,
        Some(vec![Sector::Logistics, Sector::Btp])
    );
}

#[test]
fn utf8_commas_lf_and_english_headers() {
    let r = read("03_utf8_comma_lf.csv").unwrap();
    assert_eq!((r.encoding, r.separator), (Encoding::Utf8, ','));
    assert_eq!(names(&r), ["Nathalie Perrin", "Olivier Dubois"]);
    assert_eq!(
        r.people[1].organisation.as_deref(),
        Some("Bâtir Vienne, SARL")
    );
}

#[test]
fn excel_unicode_text_is_utf16_with_tabs() {
    let r = read("04_utf16_tab.txt").unwrap();
    assert_eq!((r.encoding, r.separator), (Encoding::Utf16Le, '\t'));
    assert_eq!(names(&r), ["Isabelle Girard", "Julien Roux"]);
    assert_eq!(r.people[1].staff_role, Some(StaffRole::Coach));
}

#[test]
fn tab_separated_utf8_with_columns_in_another_order() {
    let r = read("05_utf8_tab.tsv").unwrap();
    assert_eq!(r.separator, '\t');
    assert_eq!(names(&r), ["Mehdi Kaci", "Samir Toumi"]);
}

#[test]
fn quoted_fields_with_separators_and_line_breaks() {
    let r = read("06_quoted_multiline.csv").unwrap();
    assert_eq!(names(&r), ["Samir Toumi", "Enzo Lefort"]);
    assert_eq!(
        r.people[0].project.as_deref(),
        Some("soudeur; puis chaudronnier")
    );
    assert_eq!(
        r.people[0].judicial_notes.as_deref(),
        // Multi-line notes keep their break, CRLF normalised to \n by sanitize.
        Some("aménagement possible\nvoir JAP en mars")
    );
    assert_eq!(
        r.people[1].line, 4,
        "line numbers count the embedded line break"
    );
}

#[test]
fn a_missing_required_column_is_named() {
    assert_eq!(
        read("07_missing_column.csv"),
        Err(RosterError::MissingColumns(vec!["Prénom"]))
    );
}

#[test]
fn an_unknown_role_names_its_line_and_column() {
    let Err(RosterError::Lines(errors)) = read("08_unknown_role.csv") else {
        panic!("refused")
    };
    assert_eq!(errors.len(), 1);
    assert_eq!(errors[0].line, 14);
    assert_eq!(errors[0].column, "Rôle");
    assert_eq!(
        errors[0].problem,
        LineProblem::UnknownRole("stagiare".into())
    );
    let text = passerelle::messages::line_error(Tr::new(Lang::Fr), &errors[0]);
    assert!(
        text.starts_with(
            "ligne 14 : rôle « stagiare » inconnu — attendu candidat, professionnel, encadrant"
        ),
        "{text}"
    );
}

#[test]
fn empty_file_and_header_only() {
    assert_eq!(read("09_empty.csv"), Err(RosterError::Empty));
    let r = read("10_header_only.csv").unwrap();
    assert!(r.people.is_empty());
}

#[test]
fn a_binary_file_is_refused() {
    assert_eq!(read("11_binary.bin"), Err(RosterError::Binary));
}

#[test]
fn a_70_kb_line_is_refused() {
    assert_eq!(read("12_long_line.csv"), Err(RosterError::LineTooLong(2)));
}

#[test]
fn duplicate_names_are_reported_and_merged() {
    let r = read("13_duplicates.csv").unwrap();
    assert_eq!(names(&r), ["Yanis Benali", "Mehdi Kaci"]);
    assert_eq!(r.duplicates, vec![(2, 4, "yanis BENALI".to_string())]);
    assert_eq!(r.people[0].phone.as_deref(), Some("06 00 00 00 00"));
}

#[test]
fn crlf_trailing_empty_columns_and_rows() {
    let r = read("14_crlf_trailing.csv").unwrap();
    assert_eq!(names(&r), ["Moussa Diallo"]);
    assert!(r.ignored_columns.is_empty());
}

#[test]
fn a_company_list_needs_a_default_role_and_lists_ignored_columns() {
    assert_eq!(
        read("15_company_list_no_role.csv"),
        Err(RosterError::MissingColumns(vec!["Rôle"]))
    );
    let r = roster::parse(
        &file("15_company_list_no_role.csv"),
        Some(Role::Professional),
    )
    .unwrap();
    assert_eq!(names(&r), ["Thierry Vasseur", "Sandrine Blanchard"]);
    assert!(r.people.iter().all(|p| p.role == Some(Role::Professional)));
    assert_eq!(r.ignored_columns, vec!["Pointure"]);
    assert_eq!(r.people[1].sectors, Some(vec![Sector::Environment]));
}

#[test]
fn every_bad_line_is_listed() {
    let Err(RosterError::Lines(errors)) = read("16_many_errors.csv") else {
        panic!("refused")
    };
    let got: Vec<(usize, &str)> = errors.iter().map(|e| (e.line, e.column.as_str())).collect();
    assert_eq!(
        got,
        vec![(3, "Nom"), (4, "Secteurs"), (5, "Date de libération")]
    );
}

#[test]
fn a_file_over_5_mb_is_refused() {
    let big = vec![b'a'; roster::MAX_FILE_BYTES + 1];
    assert!(matches!(
        roster::parse(&big, None),
        Err(RosterError::TooLarge(_))
    ));
}

#[test]
fn import_is_all_or_nothing_and_reimport_updates_without_duplicates() {
    let (_d, mut store) = common::demo_store(Stage::Morning);
    let cohort = store.list_cohorts().unwrap()[0].id;
    let before = store.list_members(cohort).unwrap().len();

    let r = read("01_cp1252_semicolon.csv").unwrap();
    let plan = import::plan(&store.list_members(cohort).unwrap(), &r);
    assert_eq!(
        plan.iter().filter(|c| matches!(c, Change::Add(_))).count(),
        4
    );
    assert!(
        !matches!(plan[0], Change::Add(_)),
        "Yanis Benali is already in the demo cohort"
    );
    store
        .apply_import(cohort, &plan, None, common::today())
        .unwrap();
    let members = store.list_members(cohort).unwrap();
    assert_eq!(members.len(), before + 4, "Yanis Benali was already there");
    assert!(
        members
            .iter()
            .any(|m| m.person.full_name() == "Zoé Cœurdevey")
    );

    // Same file again: nothing added.
    let plan = import::plan(&members, &r);
    assert!(!plan.iter().any(|c| matches!(c, Change::Add(_))));
    store
        .apply_import(cohort, &plan, None, common::today())
        .unwrap();
    assert_eq!(store.list_members(cohort).unwrap().len(), before + 4);

    // New people join the expected list of today's session and the coming ones.
    let today = store.last_session().unwrap().unwrap();
    let listed = store.list_attendance(today).unwrap();
    let zoe = members
        .iter()
        .find(|m| m.person.first_name == "Zoé")
        .unwrap();
    assert!(listed.iter().any(|a| a.person_id == zoe.person.id));
}

fn arb_text() -> impl Strategy<Value = String> {
    // Letters French names use, plus the characters that trouble CSV writers.
    proptest::string::string_regex("[A-Za-zÀÂÇÉÈÊËÎÏÔÙÛÜàâçéèêëîïôùûüœŒ’' ;,\"-]{1,20}")
        .unwrap()
        .prop_map(|s| s.trim().to_string())
        .prop_filter("non-empty after trim", |s| !s.is_empty())
}

fn arb_person() -> impl Strategy<Value = RosterPerson> {
    (
        arb_text(),
        arb_text(),
        prop_oneof![
            Just(Role::Candidate),
            Just(Role::Professional),
            Just(Role::Staff)
        ],
        proptest::option::of(arb_text()),
        proptest::option::of(proptest::sample::subsequence(Sector::ALL.to_vec(), 1..3)),
        proptest::option::of(arb_text()),
    )
        .prop_map(|(first, last, role, org, sectors, housing)| RosterPerson {
            first_name: first,
            last_name: last,
            role: Some(role),
            staff_role: (role == Role::Staff).then_some(StaffRole::Other),
            organisation: org,
            sectors,
            housing,
            ..RosterPerson::default()
        })
}

proptest! {
    #[test]
    fn template_writer_and_reader_agree(people in proptest::collection::vec(arb_person(), 0..12)) {
        // Distinct names: the reader merges duplicates on purpose.
        let people: Vec<RosterPerson> = people
            .into_iter()
            .enumerate()
            .map(|(i, mut p)| { p.last_name = format!("{} {i}", p.last_name); p })
            .collect();
        let bytes = roster::write(&people);
        let back = roster::parse(&bytes, None).expect("reads back");
        prop_assert_eq!(back.people.len(), people.len());
        for (a, b) in people.iter().zip(&back.people) {
            prop_assert_eq!(&a.first_name, &b.first_name);
            prop_assert_eq!(&a.last_name, &b.last_name);
            prop_assert_eq!(a.role, b.role);
            prop_assert_eq!(&a.organisation, &b.organisation);
            prop_assert_eq!(&a.sectors, &b.sectors);
            prop_assert_eq!(&a.housing, &b.housing);
        }
    }

    #[test]
    fn random_bytes_never_panic(bytes in proptest::collection::vec(any::<u8>(), 0..2000)) {
        let _ = roster::parse(&bytes, Some(Role::Candidate));
    }
}

#[test]
fn every_cell_of_a_new_person_is_stored_so_a_reimport_changes_nothing() {
    let (_d, store) = common::demo_store(Stage::Morning);
    let mut store = store;
    let cohort = store.list_cohorts().unwrap()[0].id;
    for name in [
        "13_duplicates.csv",
        "01_cp1252_semicolon.csv",
        "06_quoted_multiline.csv",
    ] {
        let r = read(name).unwrap();
        let plan = import::plan(&store.list_members(cohort).unwrap(), &r);
        store
            .apply_import(cohort, &plan, None, common::today())
            .unwrap();
        let again = import::plan(&store.list_members(cohort).unwrap(), &r);
        let changed: Vec<_> = again
            .iter()
            .filter(|c| !matches!(c, Change::Same { .. }))
            .collect();
        assert!(changed.is_empty(), "{name}: {changed:#?}");
    }
}

fn parse_text(text: &str) -> Result<Roster, RosterError> {
    roster::parse(text.as_bytes(), None)
}

#[test]
fn line_numbers_are_right_for_lf_and_crlf_files() {
    let lf = "Nom;Prénom;Rôle\nBenali;Yanis;candidat\nKaci;Mehdi;stagiare\n";
    let crlf = lf.replace('\n', "\r\n");
    for text in [lf.to_string(), crlf] {
        let Err(RosterError::Lines(errors)) = parse_text(&text) else {
            panic!("refused")
        };
        assert_eq!(errors[0].line, 3, "{text:?}");
    }
    let lf = "Nom;Prénom;Rôle\nBenali;Yanis;candidat\n\nKaci;Mehdi;candidat\n";
    let crlf = lf.replace('\n', "\r\n");
    for text in [lf.to_string(), crlf] {
        let r = parse_text(&text).unwrap();
        let lines: Vec<usize> = r.people.iter().map(|p| p.line).collect();
        assert_eq!(lines, [2, 4], "{text:?}");
    }
}

#[test]
fn one_identifier_with_two_names_is_an_error_naming_both_lines() {
    let text = "Identifiant;Nom;Prénom;Rôle\nA12;Benali;Yanis;candidat\nB7;Kaci;Mehdi;candidat\nA12;Toumi;Samir;candidat\n";
    let Err(RosterError::Lines(errors)) = parse_text(text) else {
        panic!("the second person was dropped")
    };
    assert_eq!(errors.len(), 1);
    assert_eq!(
        (errors[0].line, errors[0].column.as_str()),
        (4, "Identifiant")
    );
    let said = passerelle::messages::line_error(Tr::new(Lang::Fr), &errors[0]);
    assert!(
        said.contains("ligne 2") && said.contains("ligne 4"),
        "{said}"
    );
    assert!(
        said.contains("Yanis Benali") && said.contains("Samir Toumi"),
        "{said}"
    );
    // Same identifier, same person written differently: still one person, merged.
    let text =
        "Identifiant;Nom;Prénom;Rôle\nA12;Benali;Yanis;candidat\nA12;BENALI;yanis;candidat\n";
    assert_eq!(parse_text(text).unwrap().people.len(), 1);
}

#[test]
fn utf16_both_byte_orders_are_read() {
    let text = "Nom\tPrénom\tRôle\r\nKaci\tMehdi\tcandidat\r\n";
    let mut le = vec![0xFF, 0xFE];
    let mut be = vec![0xFE, 0xFF];
    for u in text.encode_utf16() {
        le.extend(u.to_le_bytes());
        be.extend(u.to_be_bytes());
    }
    let le = roster::parse(&le, None).unwrap();
    let be = roster::parse(&be, None).unwrap();
    assert_eq!(le.encoding, Encoding::Utf16Le);
    assert_eq!(be.encoding, Encoding::Utf16Be);
    assert_eq!(names(&le), ["Mehdi Kaci"]);
    assert_eq!(names(&be), ["Mehdi Kaci"]);
}

#[test]
fn hostile_characters_in_cells_are_dropped_not_stored() {
    let mut text = String::from("Nom;Prénom;Rôle;Projet;Notes SPIP\n");
    for i in 0..60 {
        text.push_str(&format!("Nom{i};Prénom{i};candidat;soudeur;\n"));
    }
    text.push_str("\"Ben\u{1b}]0;pwned\u{7}ali\";Ya\u{feff}nis;candidat;\"\u{1b}]52;c;aGk=\u{7}\";\"a\u{9b}b\r\nc\u{202e}d\"\n");
    text.push_str("\u{1b}[2JKaci;Me\u{202e}hdi;cand\u{7}idat;;\n");
    let r = parse_text(&text).unwrap();
    let n = r.people.len();
    assert_eq!(n, 62);
    let a = &r.people[60];
    assert_eq!(a.last_name, "Ben]0;pwnedali");
    assert_eq!(a.first_name, "Yanis");
    assert_eq!(a.project.as_deref(), Some("]52;c;aGk="));
    assert_eq!(a.judicial_notes.as_deref(), Some("ab\ncd"));
    let b = &r.people[61];
    assert_eq!(
        (b.last_name.as_str(), b.first_name.as_str()),
        ("[2JKaci", "Mehdi")
    );
    assert_eq!(b.role, Some(Role::Candidate));
    // A file that is mostly control characters is still refused as binary.
    let junk: String = std::iter::repeat_n("\u{1}\u{2}\u{3}x", 100).collect();
    assert_eq!(
        parse_text(&format!("Nom;Prénom;Rôle\n{junk}\n")),
        Err(RosterError::Binary)
    );
}
