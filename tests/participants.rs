//! Participants by keyboard: add, edit, archive, reveal, import a roster, compose binômes.

mod common;

use common::{key, press, settle, typed};

use passerelle::i18n::Lang;
use passerelle::store::Store;
use passerelle::ui::App;
use passerelle::ui::app::Popup;
use passerelle::ui::screen::Screen;
use passerelle::ui::screens::panels;
use passerelle::ui::screens::participants::{ImportState, visible};
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

fn ctrl(c: char) -> KeyEvent {
    KeyEvent::new(KeyCode::Char(c), KeyModifiers::CONTROL)
}

fn setup() -> (tempfile::TempDir, Store, App) {
    let (d, mut s, mut app) = common::demo_app(Lang::Fr);
    press(&mut app, &mut s, KeyCode::Char('2'));
    assert_eq!(app.screen, Screen::Participants);
    (d, s, app)
}

fn member_named(
    store: &Store,
    cohort: i64,
    full: &str,
) -> Option<passerelle::core::domain::Member> {
    store
        .list_members(cohort)
        .unwrap()
        .into_iter()
        .find(|m| m.person.full_name() == full)
}

#[test]
fn a_person_is_created_once_both_names_are_typed_then_updated_as_typed() {
    let (_d, mut store, mut app) = setup();
    let cohort = app.data.cohort.unwrap();
    let before = store.list_members(cohort).unwrap().len();
    press(&mut app, &mut store, KeyCode::Char('+'));
    typed(&mut app, &mut store, "Inès");
    settle(&mut app, &mut store);
    assert_eq!(
        store.list_members(cohort).unwrap().len(),
        before,
        "not yet: no last name"
    );
    press(&mut app, &mut store, KeyCode::Tab);
    typed(&mut app, &mut store, "Moulin");
    settle(&mut app, &mut store);
    assert!(member_named(&store, cohort, "Inès Moulin").is_some());
    // Role, service, structure, then sectors.
    for _ in 0..4 {
        press(&mut app, &mut store, KeyCode::Tab);
    }
    typed(&mut app, &mut store, "BTP, logistique");
    press(&mut app, &mut store, KeyCode::Esc);
    let m = member_named(&store, cohort, "Inès Moulin").unwrap();
    assert_eq!(m.sectors.len(), 2);
    assert_eq!(
        store.list_members(cohort).unwrap().len(),
        before + 1,
        "one person, not two"
    );
}

#[test]
fn an_unknown_sector_is_named_and_not_saved() {
    let (_d, mut store, mut app) = setup();
    press(&mut app, &mut store, KeyCode::Enter); // Yanis
    for _ in 0..5 {
        press(&mut app, &mut store, KeyCode::Tab);
    }
    typed(&mut app, &mut store, ", astronautique");
    settle(&mut app, &mut store);
    let form = &app.participants.form.as_ref().unwrap().form;
    assert!(
        form.fields
            .iter()
            .any(|f| f.id == "sectors" && f.error.is_some())
    );
    let cohort = app.data.cohort.unwrap();
    assert_eq!(
        member_named(&store, cohort, "Yanis Benali")
            .unwrap()
            .sectors
            .len(),
        1
    );
}

#[test]
fn sensitive_fields_are_only_in_the_form_when_revealed_and_hidden_on_leaving() {
    let (_d, mut store, mut app) = setup();
    press(&mut app, &mut store, KeyCode::Enter);
    assert!(
        !app.participants
            .form
            .as_ref()
            .unwrap()
            .form
            .fields
            .iter()
            .any(|f| f.id == "housing")
    );
    press(&mut app, &mut store, KeyCode::Esc);
    key(&mut app, &mut store, ctrl('r'));
    assert!(app.participants.reveal);
    press(&mut app, &mut store, KeyCode::Enter);
    let form = &mut app.participants.form.as_mut().unwrap().form;
    let housing = form.fields.iter().position(|f| f.id == "housing").unwrap();
    form.focus = housing;
    for _ in 0..80 {
        press(&mut app, &mut store, KeyCode::Backspace);
    }
    typed(&mut app, &mut store, "foyer jeunes travailleurs");
    press(&mut app, &mut store, KeyCode::Esc);
    let cohort = app.data.cohort.unwrap();
    assert_eq!(
        member_named(&store, cohort, "Yanis Benali")
            .unwrap()
            .sensitive
            .housing,
        "foyer jeunes travailleurs"
    );
    press(&mut app, &mut store, KeyCode::Char('3'));
    press(&mut app, &mut store, KeyCode::Char('2'));
    assert!(
        !app.participants.reveal,
        "hidden again after leaving the screen"
    );
}

#[test]
fn archiving_asks_then_hides_and_keeps_history() {
    let (_d, mut store, mut app) = setup();
    let cohort = app.data.cohort.unwrap();
    let shown = visible(&app.participants, &app.cx).len();
    press(&mut app, &mut store, KeyCode::Char('x'));
    assert!(matches!(app.popup, Some(Popup::ConfirmArchivePerson(_))));
    press(&mut app, &mut store, KeyCode::Char('o'));
    assert_eq!(visible(&app.participants, &app.cx).len(), shown - 1);
    let yanis = member_named(&store, cohort, "Yanis Benali").unwrap();
    assert!(yanis.archived);
    let sessions = store.list_sessions(cohort).unwrap();
    assert!(
        store
            .list_attendance(sessions[0].id)
            .unwrap()
            .iter()
            .any(|a| a.person_id == yanis.person.id)
    );
}

#[test]
fn the_filter_matches_sectors_and_roles_too() {
    let (_d, mut store, mut app) = setup();
    press(&mut app, &mut store, KeyCode::Char('/'));
    typed(&mut app, &mut store, "btp");
    press(&mut app, &mut store, KeyCode::Enter);
    assert!(
        visible(&app.participants, &app.cx)
            .iter()
            .all(|m| m.sectors.contains(&passerelle::core::domain::Sector::Btp))
    );
    // 5 who started and 3 prospects met at the information meetings (issue 19's demo).
    assert_eq!(visible(&app.participants, &app.cx).len(), 8);
}

fn roster_path(name: &str) -> String {
    format!("{}/tests/data/roster/{name}", env!("CARGO_MANIFEST_DIR"))
}

#[test]
fn importing_from_the_screen_previews_then_writes() {
    let (_d, mut store, mut app) = setup();
    let cohort = app.data.cohort.unwrap();
    let before = store.list_members(cohort).unwrap().len();
    press(&mut app, &mut store, KeyCode::Char('i'));
    typed(
        &mut app,
        &mut store,
        &format!("'{}'", roster_path("01_cp1252_semicolon.csv")),
    );
    press(&mut app, &mut store, KeyCode::Enter);
    let Some(ImportState::Preview { ok, lines, .. }) = &app.participants.import else {
        panic!("preview expected")
    };
    assert!(*ok);
    assert!(lines.iter().any(|l| l.contains("Zoé Cœurdevey")));
    assert_eq!(
        store.list_members(cohort).unwrap().len(),
        before,
        "nothing written by the preview"
    );
    press(&mut app, &mut store, KeyCode::Enter);
    assert_eq!(store.list_members(cohort).unwrap().len(), before + 4);
    assert!(app.participants.import.is_none());
    assert!(
        visible(&app.participants, &app.cx)
            .iter()
            .any(|m| m.person.full_name() == "Aïssatou N’Diaye")
    );
}

#[test]
fn a_refused_file_shows_every_bad_line_and_enter_writes_nothing() {
    let (_d, mut store, mut app) = setup();
    let cohort = app.data.cohort.unwrap();
    let before = store.list_members(cohort).unwrap().len();
    press(&mut app, &mut store, KeyCode::Char('i'));
    typed(&mut app, &mut store, &roster_path("16_many_errors.csv"));
    press(&mut app, &mut store, KeyCode::Enter);
    let Some(ImportState::Preview { ok, lines, .. }) = &app.participants.import else {
        panic!("preview expected")
    };
    assert!(!*ok);
    assert_eq!(lines.len(), 4, "{lines:?}");
    press(&mut app, &mut store, KeyCode::Enter);
    assert_eq!(store.list_members(cohort).unwrap().len(), before);
}

#[test]
fn binomes_are_suggested_then_moved_by_hand() {
    let (_d, mut store, mut app) = setup();
    press(&mut app, &mut store, KeyCode::Char('b'));
    assert!(app.participants.composer.is_some());
    assert_eq!(
        app.data.panels.len(),
        6,
        "the demo morning has its binômes composed"
    );
    // A new suggestion replaces them only after a yes.
    press(&mut app, &mut store, KeyCode::Char('s'));
    assert_eq!(app.popup, Some(Popup::ConfirmSuggestPanels));
    press(&mut app, &mut store, KeyCode::Char('o'));
    let session = app.data.session.unwrap();
    let stored = store.list_panels(session).unwrap();
    assert_eq!(stored.len(), 6, "12 pros present → 6 binômes");
    assert!(stored.iter().all(|p| p.members.len() == 2));
    // Pick the first member of table 1 and make a new binôme with them.
    press(&mut app, &mut store, KeyCode::Down);
    press(&mut app, &mut store, KeyCode::Enter);
    assert!(
        app.participants
            .composer
            .as_ref()
            .unwrap()
            .holding
            .is_some()
    );
    press(&mut app, &mut store, KeyCode::End);
    press(&mut app, &mut store, KeyCode::Enter);
    let stored = store.list_panels(session).unwrap();
    assert_eq!(stored.len(), 7);
    assert_eq!(stored[0].members.len(), 1);
    // Suggest again asks first.
    press(&mut app, &mut store, KeyCode::Char('s'));
    assert_eq!(app.popup, Some(Popup::ConfirmSuggestPanels));
    press(&mut app, &mut store, KeyCode::Char('n'));
    assert_eq!(store.list_panels(session).unwrap().len(), 7);
}

#[test]
fn slash_in_the_composer_finds_a_professional_by_typing() {
    let (_d, mut store, mut app) = setup();
    press(&mut app, &mut store, KeyCode::Char('b'));
    let session = app.data.session.unwrap();
    // The last member of the last binôme: far down the list.
    let last = app.data.panels.last().unwrap().members[1];
    let person = app.data.member(last).unwrap().person.clone();
    let three: String = person.last_name.chars().take(3).collect();
    press(&mut app, &mut store, KeyCode::Char('/'));
    typed(&mut app, &mut store, &three);
    let shown = common::screen_text(&app, 100, 30);
    assert!(shown.contains(&format!("/ {three}")), "{shown}");
    press(&mut app, &mut store, KeyCode::Enter);
    let rows = panels::rows(&app.cx);
    let cursor = app.participants.composer.as_ref().unwrap().cursor;
    assert!(
        matches!(rows[cursor], panels::Row::Member(_, id) if id == last),
        "{} found by three letters",
        person.full_name()
    );
    // The composer's keys work again: Enter picks them up.
    press(&mut app, &mut store, KeyCode::Enter);
    assert_eq!(
        app.participants.composer.as_ref().unwrap().holding,
        Some(last)
    );
    assert_eq!(store.list_panels(session).unwrap().len(), 6);
}

#[test]
fn a_table_is_named_as_typed() {
    let (_d, mut store, mut app) = setup();
    press(&mut app, &mut store, KeyCode::Char('b'));
    press(&mut app, &mut store, KeyCode::Home);
    press(&mut app, &mut store, KeyCode::Char('t'));
    for _ in 0..3 {
        press(&mut app, &mut store, KeyCode::Backspace);
    }
    typed(&mut app, &mut store, "Salle B");
    press(&mut app, &mut store, KeyCode::Enter);
    let session = app.data.session.unwrap();
    assert_eq!(store.list_panels(session).unwrap()[0].table_name, "Salle B");
}

#[test]
fn suggestion_uses_the_expected_pros_before_the_call_and_none_when_none_is_expected() {
    use passerelle::core::attendance::AttendanceStatus;
    use passerelle::core::domain::Role;
    let (_d, mut store, mut app) = setup();
    for a in &mut app.data.attendance {
        a.status = AttendanceStatus::Expected;
    }
    app.data.panels.clear();
    press(&mut app, &mut store, KeyCode::Char('b'));
    // The day prepared ahead (#14): nobody marked yet, the expected professionals are paired.
    let pros: Vec<i64> = app
        .data
        .members
        .iter()
        .filter(|m| m.role == Role::Professional)
        .map(|m| m.person.id)
        .filter(|id| app.data.attendance.iter().any(|a| a.person_id == *id))
        .collect();
    let suggested = panels::suggestion(&app.cx);
    assert!(!suggested.is_empty());
    let placed: usize = suggested.iter().map(|p| p.members.len()).sum();
    assert_eq!(placed, pros.len());
    // No professional expected nor present: nothing to suggest, one sentence.
    for a in &mut app.data.attendance {
        if pros.contains(&a.person_id) {
            a.status = AttendanceStatus::Absent;
        }
    }
    assert!(panels::suggestion(&app.cx).is_empty());
    press(&mut app, &mut store, KeyCode::Char('s'));
    assert!(app.message.is_some());
}

/// Issue 18: a column that looks like a known one but was ignored is asked about before the
/// import; End shows the end of a long preview.
#[test]
fn a_lookalike_column_is_asked_about_and_end_scrolls_the_preview() {
    let (dir, mut store, mut app) = setup();
    let cohort = app.data.cohort.unwrap();
    let before = store.list_members(cohort).unwrap().len();
    let mut csv = String::from("Nom;Prénom;Rôle;Structure / Entreprise;Telephonne\n");
    for i in 0..40 {
        csv.push_str(&format!("Nouveau{i};Zed;professionnel;Boîte {i};0600\n"));
    }
    let path = dir.path().join("liste.csv");
    std::fs::write(&path, csv).unwrap();
    press(&mut app, &mut store, KeyCode::Char('i'));
    typed(&mut app, &mut store, path.to_str().unwrap());
    press(&mut app, &mut store, KeyCode::Enter);
    let text = common::screen_text(&app, 80, 24);
    assert!(text.contains("Telephonne"), "{text}");
    assert!(
        text.contains("Téléphone"),
        "the column it looks like: {text}"
    );
    assert!(text.contains("Importer sans"), "a question: {text}");
    assert!(!text.contains("Nouveau39"), "{text}");
    press(&mut app, &mut store, KeyCode::End);
    let text = common::screen_text(&app, 80, 24);
    assert!(
        text.contains("Nouveau39"),
        "End shows the last line: {text}"
    );
    press(&mut app, &mut store, KeyCode::Home);
    assert!(common::screen_text(&app, 80, 24).contains("Telephonne"));
    press(&mut app, &mut store, KeyCode::Enter);
    let members = store.list_members(cohort).unwrap();
    assert_eq!(members.len(), before + 40, "Enter answers yes");
    assert!(
        members.iter().any(|m| m.person.organisation == "Boîte 39"),
        "« Structure / Entreprise » is the organisation"
    );
}
