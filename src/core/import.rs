//! Planning a roster import against the people already in a cohort: who is added, who is
//! updated (and which fields), who is unchanged. Pure, so `--dry-run` and the real import agree.

use std::collections::HashMap;

use super::domain::{Member, Role, Sector, StaffRole};
use super::roster::{Roster, RosterPerson, name_key};
use super::text::fold;

/// One field that an import changes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FieldChange {
    /// Catalog key of the field's name.
    pub field: &'static str,
    /// Value before (empty for sensitive fields: never printed).
    pub old: String,
    /// Value after (empty for sensitive fields).
    pub new: String,
    /// A sensitive field: reports say « modifié » without values.
    pub sensitive: bool,
}

/// What the import does with one row.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Change {
    /// A new person in the cohort.
    Add(RosterPerson),
    /// Someone already there; these fields change.
    Update {
        /// The person.
        person_id: i64,
        /// Changed fields.
        changes: Vec<FieldChange>,
        /// The row.
        row: RosterPerson,
    },
    /// Someone already there, nothing new.
    Same {
        /// The person.
        person_id: i64,
        /// The row.
        row: RosterPerson,
    },
}

impl Change {
    /// The row behind the change.
    pub fn row(&self) -> &RosterPerson {
        match self {
            Change::Add(row) | Change::Update { row, .. } | Change::Same { row, .. } => row,
        }
    }
}

fn role_word(r: Role) -> &'static str {
    match r {
        Role::Candidate => "role.one.candidate",
        Role::Professional => "role.one.professional",
        Role::Staff => "role.one.staff",
    }
}

/// Matches every row with the cohort's members (Identifiant first, then folded names).
pub fn plan(existing: &[Member], roster: &Roster) -> Vec<Change> {
    // Keys are folded once: folding is the costly part with thousands of rows.
    let mut by_id: HashMap<String, &Member> = HashMap::new();
    let mut by_name: HashMap<String, &Member> = HashMap::new();
    for m in existing {
        if let Some(id) = &m.person.external_id {
            by_id.entry(fold(id)).or_insert(m);
        }
        by_name
            .entry(name_key(&m.person.first_name, &m.person.last_name))
            .or_insert(m);
    }
    roster
        .people
        .iter()
        .map(|row| {
            let found = row
                .external_id
                .as_ref()
                .and_then(|id| by_id.get(&fold(id)))
                .or_else(|| by_name.get(&row.name_key()));
            match found {
                None => Change::Add(row.clone()),
                Some(m) => {
                    let changes = diff(m, row);
                    if changes.is_empty() {
                        Change::Same {
                            person_id: m.person.id,
                            row: row.clone(),
                        }
                    } else {
                        Change::Update {
                            person_id: m.person.id,
                            changes,
                            row: row.clone(),
                        }
                    }
                }
            }
        })
        .collect()
}

fn diff(m: &Member, row: &RosterPerson) -> Vec<FieldChange> {
    let mut out = Vec::new();
    let mut text = |field: &'static str, old: &str, new: &Option<String>| {
        if let Some(new) = new
            && new != old
        {
            out.push(FieldChange {
                field,
                old: old.to_string(),
                new: new.clone(),
                sensitive: false,
            });
        }
    };
    // A name that differs only by case or accents keeps its stored spelling: files are often
    // typed in capitals, and « HELENE » must not replace « Hélène ».
    let renamed = |old: &str, new: &str| (fold(old) != fold(new)).then(|| new.to_string());
    text(
        "import.field_first_name",
        &m.person.first_name,
        &renamed(&m.person.first_name, &row.first_name),
    );
    text(
        "import.field_last_name",
        &m.person.last_name,
        &renamed(&m.person.last_name, &row.last_name),
    );
    text(
        "import.field_external_id",
        m.person.external_id.as_deref().unwrap_or(""),
        &row.external_id,
    );
    text(
        "import.field_organisation",
        &m.person.organisation,
        &row.organisation,
    );
    text("import.field_project", &m.project, &row.project);
    text("import.field_area", &m.target_area, &row.area);
    text("import.field_phone", &m.person.phone, &row.phone);
    text("import.field_email", &m.person.email, &row.email);
    if let Some(role) = row.role
        && role != m.role
    {
        out.push(FieldChange {
            field: "import.field_role",
            old: role_word(m.role).to_string(),
            new: role_word(role).to_string(),
            sensitive: false,
        });
    }
    if let Some(sectors) = &row.sectors
        && *sectors != m.sectors
    {
        out.push(FieldChange {
            field: "import.field_sectors",
            old: Sector::join_codes(&m.sectors),
            new: Sector::join_codes(sectors),
            sensitive: false,
        });
    }
    let mut sensitive = |field: &'static str, changed: bool| {
        if changed {
            out.push(FieldChange {
                field,
                old: String::new(),
                new: String::new(),
                sensitive: true,
            });
        }
    };
    sensitive(
        "import.field_release_date",
        row.release_date.is_some() && row.release_date != m.sensitive.release_date,
    );
    sensitive(
        "import.field_housing",
        row.housing
            .as_ref()
            .is_some_and(|h| *h != m.sensitive.housing),
    );
    sensitive(
        "import.field_judicial_notes",
        row.judicial_notes
            .as_ref()
            .is_some_and(|h| *h != m.sensitive.judicial_notes),
    );
    out
}

/// The staff role a row gives, or keeps.
pub fn staff_role_of(row: &RosterPerson, current: Option<StaffRole>) -> Option<StaffRole> {
    match row.role {
        Some(Role::Staff) => row.staff_role.or(current).or(Some(StaffRole::Other)),
        Some(_) => None,
        None => current,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::roster::parse;

    fn member(id: i64, first: &str, last: &str, org: &str) -> Member {
        Member {
            person: crate::core::domain::Person {
                id,
                first_name: first.into(),
                last_name: last.into(),
                organisation: org.into(),
                phone: String::new(),
                email: String::new(),
                external_id: None,
            },
            role: Role::Professional,
            staff_role: None,
            sectors: vec![Sector::Btp],
            project: String::new(),
            target_area: String::new(),
            sensitive: Default::default(),
            archived: false,
        }
    }

    #[test]
    fn names_match_across_accents_and_case_and_empty_cells_keep_values() {
        let existing = vec![member(7, "Hélène", "Caillaud", "GE BTP 86")];
        let roster = parse("Nom;Prénom;Rôle;Structure;Téléphone\nCAILLAUD;helene;pro;;05 49 00 00 00\nMorel;Claire;pro;;\n".as_bytes(), None).unwrap();
        let plan = plan(&existing, &roster);
        assert_eq!(plan.len(), 2);
        let Change::Update {
            person_id, changes, ..
        } = &plan[0]
        else {
            panic!("{:?}", plan[0])
        };
        assert_eq!(*person_id, 7);
        let fields: Vec<&str> = changes.iter().map(|c| c.field).collect();
        // « helene CAILLAUD » keeps the stored spelling; the empty Structure keeps « GE BTP 86 ».
        assert_eq!(fields, vec!["import.field_phone"]);
        assert!(!fields.contains(&"import.field_organisation"));
        assert!(matches!(plan[1], Change::Add(_)));
    }

    #[test]
    fn sensitive_changes_carry_no_values() {
        let existing = vec![member(1, "Yanis", "Benali", "")];
        let roster = parse(
            "Nom;Prénom;Rôle;Hébergement\nBenali;Yanis;pro;foyer\n".as_bytes(),
            None,
        )
        .unwrap();
        let Change::Update { changes, .. } = &plan(&existing, &roster)[0] else {
            panic!()
        };
        let housing = changes
            .iter()
            .find(|c| c.field == "import.field_housing")
            .unwrap();
        assert!(housing.sensitive && housing.new.is_empty() && housing.old.is_empty());
    }
}
