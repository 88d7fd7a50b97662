//! A user's own criteria set (config directory) is offered beside the shipped ones: a value
//! passed in, no global.

use passerelle::core::feedback::{CriteriaSets, parse_set};
use passerelle::core::settings::SessionSettings;

#[test]
fn a_users_set_can_be_chosen_for_a_session() {
    let text = r#"
key = "chantier"
label_fr = "Chantier BTP"
label_en = "Building site"

[[criterion]]
key = "ppe"
label_fr = "Équipements de protection"
label_en = "Protective equipment"
hint_fr = "Casque, chaussures, gants : les cite et sait pourquoi."
hint_en = "Helmet, shoes, gloves: names them and knows why."
"#;
    let clash = parse_set(&text.replace("chantier", "clea")).unwrap();
    let sets = CriteriaSets::new(vec![parse_set(text).unwrap(), clash]);
    assert!(sets.exists("chantier"));
    assert_eq!(sets.get("chantier").unwrap().criteria.len(), 1);
    assert_eq!(
        sets.get("clea").unwrap().criteria.len(),
        7,
        "a shipped set cannot be replaced"
    );
    assert_eq!(sets.all().count(), 5);
    let s = SessionSettings {
        criteria_set: "chantier".into(),
        ..SessionSettings::default()
    };
    assert!(s.validate(&sets).is_empty());
    assert!(
        !s.validate(&CriteriaSets::default()).is_empty(),
        "without the user's sets, the key is unknown"
    );
}
