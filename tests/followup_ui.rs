//! Suivi by keyboard: a contact and an outcome recorded from the worklist, counted in keys; the
//! contact's text is written as it is typed (debounced), so a crash loses at most 400 ms of it.

mod common;

use passerelle::core::followup::{ContactKind, Milestone};
use passerelle::i18n::Lang;
use passerelle::store::Store;
use passerelle::ui::App;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

/// Counts the keys that are not content (typed text is content, as in decisions.md).
struct Keys<'a> {
    app: &'a mut App,
    store: &'a mut Store,
    navigation: usize,
}

impl Keys<'_> {
    fn press(&mut self, code: KeyCode) {
        self.navigation += 1;
        common::press(self.app, self.store, code);
    }

    fn type_text(&mut self, text: &str) {
        common::typed(self.app, self.store, text);
    }
}

fn released_line(app: &App) -> (usize, i64) {
    let today = app.now.date();
    app.data
        .worklist(today)
        .iter()
        .enumerate()
        .find(|(_, w)| {
            app.data
                .followup
                .outcomes
                .iter()
                .any(|o| o.candidate_id == w.candidate_id)
        })
        .map(|(i, w)| (i, w.candidate_id))
        .expect("a released candidate on the worklist")
}

#[test]
fn a_contact_and_an_outcome_by_keyboard_from_the_worklist() {
    let (_d, mut store, mut app) = common::followup_app(Lang::Fr);
    let (line, candidate) = released_line(&app);
    let cohort = store.list_cohorts().unwrap()[0].id;
    let before = store.list_contacts(cohort).unwrap().len();
    let mut k = Keys {
        app: &mut app,
        store: &mut store,
        navigation: 0,
    };
    for _ in 0..line {
        k.press(KeyCode::Down);
    }
    // Enter opens the candidate: the contact takes them off the worklist, the outcome follows.
    k.press(KeyCode::Enter);
    assert_eq!(k.app.followup.candidate, Some(candidate));
    let moves = k.navigation;
    // c: a contact of today; 3 picks « par téléphone »; with whom; Tab; the note; Esc.
    k.press(KeyCode::Char('c'));
    k.press(KeyCode::Char('3'));
    k.type_text("CPIP Martin");
    k.press(KeyCode::Tab);
    k.type_text("Appel : formation suivie, horaires tenus.");
    k.press(KeyCode::Esc);
    assert_eq!(k.navigation - moves, 4, "c, the kind, Tab, Esc");
    let contacts = k.store.list_contacts(cohort).unwrap();
    assert_eq!(
        contacts.len(),
        before + 1,
        "one contact, however many debounced writes"
    );
    let c = contacts
        .iter()
        .find(|c| c.note.starts_with("Appel"))
        .unwrap();
    assert_eq!(
        (c.candidate_id, c.date, c.kind, c.with_whom.as_str()),
        (
            candidate,
            common::today(),
            ContactKind::Phone,
            "CPIP Martin"
        )
    );
    // s: the next outcome not yet recorded (3 months); → picks the second category; employer; Esc.
    let moves = k.navigation;
    k.press(KeyCode::Char('s'));
    k.press(KeyCode::Tab);
    k.press(KeyCode::Right);
    k.press(KeyCode::Tab);
    k.type_text("Propreté Services 86");
    k.press(KeyCode::Esc);
    assert_eq!(k.navigation - moves, 5);
    let outcomes = k.store.list_outcomes(cohort).unwrap();
    let o = outcomes
        .iter()
        .find(|o| o.candidate_id == candidate && o.milestone == Milestone::Month3)
        .expect("the 3-month outcome");
    assert_eq!(
        (o.category.as_str(), o.employer.as_str()),
        ("long_fixed_term", "Propreté Services 86")
    );
}

#[test]
fn a_contact_note_is_written_while_it_is_typed() {
    let (_d, mut store, mut app) = common::followup_app(Lang::Fr);
    let cohort = store.list_cohorts().unwrap()[0].id;
    let before = store.list_contacts(cohort).unwrap().len();
    common::press(&mut app, &mut store, KeyCode::Char('c'));
    common::press(&mut app, &mut store, KeyCode::Tab);
    common::press(&mut app, &mut store, KeyCode::Tab);
    common::typed(&mut app, &mut store, "Premier");
    // The debounce runs out with the form still open: the row exists.
    app.now += chrono::Duration::seconds(1);
    common::settle(&mut app, &mut store);
    let rows = store.list_contacts(cohort).unwrap();
    assert_eq!(rows.len(), before + 1);
    assert!(rows.iter().any(|c| c.note == "Premier"));
    // Typing on edits that row, never a second one.
    common::typed(&mut app, &mut store, " appel");
    app.now += chrono::Duration::seconds(1);
    common::settle(&mut app, &mut store);
    common::key(
        &mut app,
        &mut store,
        KeyEvent::new(KeyCode::Char('a'), KeyModifiers::NONE),
    );
    common::press(&mut app, &mut store, KeyCode::Esc);
    let rows = store.list_contacts(cohort).unwrap();
    assert_eq!(rows.len(), before + 1);
    assert!(rows.iter().any(|c| c.note == "Premier appela"), "{rows:?}");
}
