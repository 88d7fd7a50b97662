//! A user's own criteria set (config directory) is offered beside the shipped ones.
//! Its own test binary: installing sets is once per process.

use passerelle::core::feedback::{
    all_sets, criteria_set, install_user_sets, parse_set, set_exists,
};
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
    install_user_sets(vec![parse_set(text).unwrap(), clash]);
    assert!(set_exists("chantier"));
    assert_eq!(criteria_set("chantier").unwrap().criteria.len(), 1);
    assert_eq!(
        criteria_set("clea").unwrap().criteria.len(),
        7,
        "a shipped set cannot be replaced"
    );
    assert_eq!(all_sets().count(), 5);
    let s = SessionSettings {
        criteria_set: "chantier".into(),
        ..SessionSettings::default()
    };
    assert!(s.validate().is_empty());
}
