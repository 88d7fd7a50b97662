//! Header and cell words of roster files: which column a header names (or nearly names), which
//! role or sector a cell word means.

use super::*;

/// Header words (folded: lower case, no accents, letters and digits only) and their column.
const HEADERS: &[(&str, Column)] = &[
    ("identifiant", Column::Id),
    ("id", Column::Id),
    ("ident", Column::Id),
    ("numero", Column::Id),
    ("reference", Column::Id),
    ("ref", Column::Id),
    ("nom", Column::LastName),
    ("nomdefamille", Column::LastName),
    ("lastname", Column::LastName),
    ("surname", Column::LastName),
    ("familyname", Column::LastName),
    ("name", Column::LastName),
    ("prenom", Column::FirstName),
    ("firstname", Column::FirstName),
    ("givenname", Column::FirstName),
    ("role", Column::Role),
    ("type", Column::Role),
    ("statut", Column::Role),
    ("categorie", Column::Role),
    ("fonction", Column::Role),
    ("structure", Column::Organisation),
    ("entreprise", Column::Organisation),
    ("organisation", Column::Organisation),
    ("organization", Column::Organisation),
    ("organisme", Column::Organisation),
    ("societe", Column::Organisation),
    ("raisonsociale", Column::Organisation),
    ("company", Column::Organisation),
    ("employeur", Column::Organisation),
    ("employer", Column::Organisation),
    ("service", Column::Organisation),
    ("secteur", Column::Sectors),
    ("secteurs", Column::Sectors),
    ("sector", Column::Sectors),
    ("sectors", Column::Sectors),
    ("secteursdactivite", Column::Sectors),
    ("secteurdactivite", Column::Sectors),
    ("projet", Column::Project),
    ("metiervise", Column::Project),
    ("metier", Column::Project),
    ("projetprofessionnel", Column::Project),
    ("project", Column::Project),
    ("targetjob", Column::Project),
    ("zone", Column::Area),
    ("departement", Column::Area),
    ("zonegeographique", Column::Area),
    ("area", Column::Area),
    ("region", Column::Area),
    ("telephone", Column::Phone),
    ("tel", Column::Phone),
    ("phone", Column::Phone),
    ("portable", Column::Phone),
    ("email", Column::Email),
    ("mail", Column::Email),
    ("courriel", Column::Email),
    ("adressemail", Column::Email),
    ("emailaddress", Column::Email),
    ("datedeliberation", Column::ReleaseDate),
    ("liberation", Column::ReleaseDate),
    ("datedesortie", Column::ReleaseDate),
    ("sortie", Column::ReleaseDate),
    ("releasedate", Column::ReleaseDate),
    ("hebergement", Column::Housing),
    ("hebergementalasortie", Column::Housing),
    ("housing", Column::Housing),
    ("notesspip", Column::JudicialNotes),
    ("notesjudiciaires", Column::JudicialNotes),
    ("notes", Column::JudicialNotes),
    ("judicialnotes", Column::JudicialNotes),
    ("situationpenale", Column::JudicialNotes),
    ("spip", Column::JudicialNotes),
];

fn folded_header(header: &str) -> String {
    fold(header)
        .chars()
        .filter(|c| c.is_alphanumeric())
        .collect()
}

/// Header → column, case-, accent-, space- and punctuation-insensitive, French or English.
/// « Structure / Entreprise »: parts joined by `/` that all name the same column name it.
pub fn column_for(header: &str) -> Option<Column> {
    let exact = |h: &str| exact_or_none(&folded_header(h));
    if let Some(c) = exact(header) {
        return Some(c);
    }
    let mut parts = header.split('/').map(exact);
    let first = parts.next().flatten()?;
    parts.all(|p| p == Some(first)).then_some(first)
}

/// The known column an ignored header most likely meant: one or two letters off a known
/// header word (« Telephonne », « Organsiation »), or that word with more after it
/// (« Prénom usuel »). Short words (« id », « tel ») are left out: too many false friends.
pub fn lookalike(header: &str) -> Option<Column> {
    let h = folded_header(header);
    // A known header ignored all the same is a second column of that kind.
    if let Some(c) = exact_or_none(&h) {
        return Some(c);
    }
    if h.chars().count() < 4 {
        return None;
    }
    let allowed = if h.chars().count() >= 8 { 2 } else { 1 };
    HEADERS
        .iter()
        .filter(|(w, _)| w.len() >= 4)
        .map(|(w, c)| {
            let d = if w.len() >= 5 && h.starts_with(w) {
                1
            } else {
                edit_distance(&h, w)
            };
            (d, *c)
        })
        .filter(|(d, _)| *d <= allowed)
        .min_by_key(|(d, _)| *d)
        .map(|(_, c)| c)
}

fn exact_or_none(h: &str) -> Option<Column> {
    HEADERS.iter().find(|(w, _)| *w == h).map(|(_, c)| *c)
}

/// Levenshtein distance, by characters.
fn edit_distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut row: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut prev = row[0];
        row[0] = i + 1;
        for (j, cb) in b.iter().enumerate() {
            let cur = row[j + 1];
            row[j + 1] = (prev + usize::from(ca != *cb)).min(row[j] + 1).min(cur + 1);
            prev = cur;
        }
    }
    row[b.len()]
}

/// A role word as written in spreadsheets.
pub fn role_for(word: &str) -> Option<(Role, Option<StaffRole>)> {
    let w: String = fold(word).chars().filter(|c| c.is_alphanumeric()).collect();
    Some(match w.as_str() {
        "candidat" | "candidate" | "candidats" | "jeune" | "jeunes" | "beneficiaire" | "detenu"
        | "stagiaire" => (Role::Candidate, None),
        "professionnel" | "professionnelle" | "pro" | "pros" | "professional" | "recruteur"
        | "recruteuse" | "entreprise" | "employeur" => (Role::Professional, None),
        "encadrant" | "encadrante" | "staff" | "equipe" => (Role::Staff, Some(StaffRole::Other)),
        "spip" | "probation" => (Role::Staff, Some(StaffRole::Spip)),
        "cpip"
        | "conseillerspip"
        | "conseillerespip"
        | "conseillerpenitentiaire"
        | "conseillerepenitentiaire" => (Role::Staff, Some(StaffRole::Cpip)),
        // France Travail since 2024; rosters still say « Pôle emploi » (decisions.md).
        "francetravail"
        | "conseillerfrancetravail"
        | "conseillerefrancetravail"
        | "poleemploi"
        | "conseillerpoleemploi"
        | "conseillerepoleemploi" => (Role::Staff, Some(StaffRole::FranceTravail)),
        "parrain" | "marraine" | "parrainmarraine" | "parrains" | "marraines" | "mentor" => {
            (Role::Staff, Some(StaffRole::Mentor))
        }
        "missionlocale"
        | "ml"
        | "referentmissionlocale"
        | "referentemissionlocale"
        | "referentjustice" => (Role::Staff, Some(StaffRole::MissionLocale)),
        "coach" => (Role::Staff, Some(StaffRole::Coach)),
        "surveillant" | "surveillante" | "guard" => (Role::Staff, Some(StaffRole::Guard)),
        _ => return None,
    })
}

/// A list of sectors as typed (« BTP, logistique »; `,` `/` `;` `+` separate), each once, in the
/// order written; the first word that is no sector otherwise.
pub fn sector_list(text: &str) -> Result<Vec<Sector>, String> {
    let mut out = Vec::new();
    for (word, sector) in sector_words(text) {
        match sector {
            Some(s) if !out.contains(&s) => out.push(s),
            Some(_) => {}
            None => return Err(word.to_string()),
        }
    }
    Ok(out)
}

/// The words of a typed list of sectors, each with the sector it names, if any.
pub fn sector_words(text: &str) -> impl Iterator<Item = (&str, Option<Sector>)> {
    text.split([',', '/', ';', '+'])
        .map(str::trim)
        .filter(|w| !w.is_empty())
        .map(|w| (w, sector_for(w)))
}

/// A sector word as written in spreadsheets.
pub fn sector_for(word: &str) -> Option<Sector> {
    let w: String = fold(word).chars().filter(|c| c.is_alphanumeric()).collect();
    Some(match w.as_str() {
        "btp" | "batiment" | "batimentettravauxpublics" | "travauxpublics" | "construction" => {
            Sector::Btp
        }
        "logistique" | "transport" | "transportlogistique" | "logistics" | "entreposage" => {
            Sector::Logistics
        }
        "hotellerierestauration"
        | "hotellerie"
        | "restauration"
        | "hospitality"
        | "chr"
        | "cuisine" => Sector::Hospitality,
        "environnement" | "espacesverts" | "dechets" | "recyclage" | "environment" => {
            Sector::Environment
        }
        "metallurgie" | "industrie" | "metalwork" | "soudure" | "chaudronnerie" => {
            Sector::Metalwork
        }
        "metiersdebouche"
        | "transformation"
        | "transformationalimentaire"
        | "boulangerie"
        | "foodtrades"
        | "agroalimentaire" => Sector::FoodTrades,
        "proprete" | "nettoyage" | "cleaning" => Sector::Cleaning,
        "commerce" | "vente" | "retail" | "grandedistribution" => Sector::Retail,
        _ => return None,
    })
}
