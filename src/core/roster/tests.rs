use super::*;

#[test]
fn company_headers_map_to_the_organisation() {
    for h in [
        "Structure / Entreprise",
        "Entreprise / structure",
        "Société",
        "Employeur",
        "Organisme",
        "Raison sociale",
    ] {
        assert_eq!(column_for(h), Some(Column::Organisation), "{h}");
    }
    assert_eq!(
        column_for("Nom / Prénom"),
        None,
        "two columns in one: no guess"
    );
}

#[test]
fn an_ignored_header_close_to_a_known_one_is_named_with_it() {
    let file = "Nom;Prénom;Rôle;Telephonne;Pointure;Commentaire;Nom;Organsiation\nDupont;Jean;candidat;06;42;;X;Y\n";
    let r = parse(file.as_bytes(), None).unwrap();
    assert_eq!(
        r.ignored_columns,
        [
            "Telephonne",
            "Pointure",
            "Commentaire",
            "Nom",
            "Organsiation"
        ]
    );
    assert_eq!(
        r.lookalikes,
        [
            ("Telephonne".to_string(), Column::Phone),
            ("Nom".to_string(), Column::LastName),
            ("Organsiation".to_string(), Column::Organisation),
        ],
        "a shoe size or a comment looks like nothing known; a second « Nom » does"
    );
}

#[test]
fn headers_in_french_or_english_any_case_or_accent() {
    assert_eq!(column_for("PRÉNOM"), Some(Column::FirstName));
    assert_eq!(column_for(" Nom de famille "), Some(Column::LastName));
    assert_eq!(column_for("Métier visé"), Some(Column::Project));
    assert_eq!(column_for("Date de libération"), Some(Column::ReleaseDate));
    assert_eq!(column_for("E-mail"), Some(Column::Email));
    assert_eq!(column_for("Pointure"), None);
}

#[test]
fn role_and_sector_words() {
    assert_eq!(role_for("Jeune").map(|r| r.0), Some(Role::Candidate));
    assert_eq!(
        role_for("Mission locale"),
        Some((Role::Staff, Some(StaffRole::MissionLocale)))
    );
    assert_eq!(role_for("stagiare"), None);
    assert_eq!(
        sector_for("Hôtellerie-restauration"),
        Some(Sector::Hospitality)
    );
    assert_eq!(sector_for("espaces verts"), Some(Sector::Environment));
}

#[test]
fn separator_is_sniffed_outside_quotes() {
    assert_eq!(sniff_separator("Nom;Prénom;Rôle\n"), ';');
    assert_eq!(sniff_separator("Nom\tPrénom\tRôle\n"), '\t');
    assert_eq!(sniff_separator("\"Nom;x\",Prénom,Rôle\n"), ',');
}

#[test]
fn the_template_reads_back_empty() {
    let r = parse(&template(), None).unwrap();
    assert!(r.people.is_empty());
    assert!(r.ignored_columns.is_empty());
    assert_eq!(r.encoding, Encoding::Utf8Bom);
}
