//! The grand oral screen driven by keys: candidates, live proposals, statuses, actions, reveal, export.

mod common;

use common::{evening_app, key, press, screen_text, settle, typed};
use passerelle::i18n::Lang;
use passerelle::store::Store;
use passerelle::ui::App;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

fn ctrl(app: &mut App, store: &mut Store, c: char) {
    key(
        app,
        store,
        KeyEvent::new(KeyCode::Char(c), KeyModifiers::CONTROL),
    );
}

fn on_grand_oral() -> (tempfile::TempDir, Store, App) {
    let (dir, mut store, mut app) = evening_app(Lang::Fr);
    press(&mut app, &mut store, KeyCode::Char('6'));
    (dir, store, app)
}

fn shown_name(app: &App) -> String {
    let s = passerelle::ui::screens::grand_oral::summary_shown(&app.grand_oral, &app.cx).unwrap();
    s.candidates[app.grand_oral.candidate].name.clone()
}

#[test]
fn rounds_read_tour_not_t_so_they_are_not_taken_for_tables() {
    let (_d, _store, app) = on_grand_oral();
    let screen = screen_text(&app, 120, 40);
    assert!(screen.contains("Tour 1"), "{screen}");
    assert!(!screen.contains(" T1 "), "{screen}");
}

#[test]
fn arrows_walk_through_the_candidates_and_wrap() {
    let (_d, mut store, mut app) = on_grand_oral();
    let first = shown_name(&app);
    assert!(screen_text(&app, 80, 24).contains(&first));
    press(&mut app, &mut store, KeyCode::Right);
    assert_ne!(shown_name(&app), first);
    press(&mut app, &mut store, KeyCode::Left);
    press(&mut app, &mut store, KeyCode::Left);
    assert_eq!(
        app.grand_oral.candidate, 9,
        "← on the first goes to the last"
    );
}

#[test]
fn a_proposal_is_captured_live_in_a_few_keys_then_accepted() {
    let (_d, mut store, mut app) = on_grand_oral();
    let cohort = app.data.cohort.unwrap();
    let before = store.list_proposals(cohort).unwrap().len();
    ctrl(&mut app, &mut store, 'o');
    typed(
        &mut app,
        &mut store,
        "3Boulangerie du Clain, 2 semaines en avril",
    );
    press(&mut app, &mut store, KeyCode::Enter);
    let all = store.list_proposals(cohort).unwrap();
    assert_eq!(all.len(), before + 1);
    let p = all.last().unwrap();
    assert_eq!(
        (p.kind.as_str(), p.status.as_str()),
        ("immersion", "proposed")
    );
    assert_eq!(p.detail, "Boulangerie du Clain, 2 semaines en avril");
    assert!(screen_text(&app, 120, 40).contains("Boulangerie du Clain"));
    // The new proposal is selected: Enter accepts it.
    press(&mut app, &mut store, KeyCode::Enter);
    let p = store
        .list_proposals(cohort)
        .unwrap()
        .into_iter()
        .find(|x| x.id == p.id)
        .unwrap();
    assert_eq!(p.status, "accepted");
}

#[test]
fn esc_on_an_untouched_proposal_form_creates_nothing() {
    let (_d, mut store, mut app) = on_grand_oral();
    let cohort = app.data.cohort.unwrap();
    let before = store.list_proposals(cohort).unwrap().len();
    ctrl(&mut app, &mut store, 'o');
    press(&mut app, &mut store, KeyCode::Esc);
    assert_eq!(store.list_proposals(cohort).unwrap().len(), before);
    assert!(app.grand_oral.form.is_none());
}

#[test]
fn t_turns_a_proposal_into_one_action_and_the_form_refines_it() {
    let (_d, mut store, mut app) = on_grand_oral();
    let cohort = app.data.cohort.unwrap();
    press(&mut app, &mut store, KeyCode::Char('t'));
    let actions = store.list_actions(cohort).unwrap();
    assert_eq!(actions.len(), 1, "one key makes the action");
    let a = &actions[0];
    let p = store
        .list_proposals(cohort)
        .unwrap()
        .into_iter()
        .find(|p| Some(p.id) == a.proposal_id)
        .unwrap();
    assert_eq!(
        a.owner_id, p.offered_by,
        "the professional who offered it carries it"
    );
    assert!(a.what.contains(&p.detail));
    // The form is open on it: condition « à la sortie », due date, Enter.
    press(&mut app, &mut store, KeyCode::Tab);
    press(&mut app, &mut store, KeyCode::Tab);
    typed(&mut app, &mut store, "2");
    typed(&mut app, &mut store, "15/12/2026");
    press(&mut app, &mut store, KeyCode::Enter);
    let a = &store.list_actions(cohort).unwrap()[0];
    assert_eq!(a.condition, "at_release");
    assert_eq!(a.due.map(|d| d.to_string()).as_deref(), Some("2026-12-15"));
    // t again on the same proposal opens that action rather than a second one.
    press(&mut app, &mut store, KeyCode::Char('t'));
    assert!(app.grand_oral.form.is_some());
    press(&mut app, &mut store, KeyCode::Esc);
    assert_eq!(store.list_actions(cohort).unwrap().len(), 1);
}

#[test]
fn a_bad_due_date_is_said_once_then_the_rest_is_kept() {
    let (_d, mut store, mut app) = on_grand_oral();
    let cohort = app.data.cohort.unwrap();
    press(&mut app, &mut store, KeyCode::Char('a'));
    typed(&mut app, &mut store, "Rendez-vous Mission locale");
    for _ in 0..3 {
        press(&mut app, &mut store, KeyCode::Tab);
    }
    typed(&mut app, &mut store, "31/02");
    press(&mut app, &mut store, KeyCode::Esc);
    assert!(
        app.grand_oral.form.is_some(),
        "the first Esc shows the error"
    );
    assert!(store.list_actions(cohort).unwrap().is_empty());
    press(&mut app, &mut store, KeyCode::Esc);
    let actions = store.list_actions(cohort).unwrap();
    assert_eq!(actions.len(), 1);
    assert_eq!(actions[0].what, "Rendez-vous Mission locale");
    assert_eq!(actions[0].due, None);
    assert!(
        app.message
            .as_ref()
            .is_some_and(|m| m.text.contains("date"))
    );
}

#[test]
fn the_cohort_actions_list_changes_status_and_sorts() {
    let (_d, mut store, mut app) = on_grand_oral();
    let cohort = app.data.cohort.unwrap();
    press(&mut app, &mut store, KeyCode::Char('t'));
    press(&mut app, &mut store, KeyCode::Esc);
    press(&mut app, &mut store, KeyCode::Right);
    press(&mut app, &mut store, KeyCode::Char('t'));
    press(&mut app, &mut store, KeyCode::Esc);
    press(&mut app, &mut store, KeyCode::Char('o'));
    let text = screen_text(&app, 80, 24);
    assert!(text.contains("(2)"), "{text}");
    press(&mut app, &mut store, KeyCode::Char(' '));
    let statuses: Vec<String> = store
        .list_actions(cohort)
        .unwrap()
        .into_iter()
        .map(|a| a.status)
        .collect();
    assert!(statuses.contains(&"in_progress".to_string()));
    press(&mut app, &mut store, KeyCode::Char('s'));
    assert!(app.grand_oral.actions.unwrap().by_due);
    press(&mut app, &mut store, KeyCode::Esc);
    assert!(app.grand_oral.actions.is_none());
}

#[test]
fn sensitive_fields_show_only_after_confirmation_and_hide_on_leaving() {
    let (_d, mut store, mut app) = on_grand_oral();
    let c = app
        .data
        .members
        .iter()
        .find(|m| {
            m.role == passerelle::core::domain::Role::Candidate
                && m.person.id == {
                    let s = passerelle::ui::screens::grand_oral::summary_shown(
                        &app.grand_oral,
                        &app.cx,
                    )
                    .unwrap();
                    s.candidates[0].person_id
                }
        })
        .unwrap()
        .clone();
    let housing = c.sensitive.housing.clone();
    assert!(!housing.is_empty());
    assert!(!screen_text(&app, 120, 40).contains(&housing));
    ctrl(&mut app, &mut store, 'r');
    press(&mut app, &mut store, KeyCode::Char('n'));
    assert!(
        !screen_text(&app, 120, 40).contains(&housing),
        "no means no"
    );
    ctrl(&mut app, &mut store, 'r');
    press(&mut app, &mut store, KeyCode::Char('o'));
    let text = screen_text(&app, 120, 40);
    assert!(text.contains(&housing), "{text}");
    assert!(
        text.contains(&c.person.last_name),
        "full names once revealed"
    );
    press(&mut app, &mut store, KeyCode::Char('5'));
    press(&mut app, &mut store, KeyCode::Char('6'));
    assert!(
        !screen_text(&app, 120, 40).contains(&housing),
        "hidden again after leaving"
    );
}

/// e, then the file field: the proposed name is selected, so typing `path` replaces it; Enter.
fn export_to(app: &mut App, store: &mut Store, path: &std::path::Path) {
    press(app, store, KeyCode::Char('e'));
    press(app, store, KeyCode::Tab);
    press(app, store, KeyCode::Tab);
    typed(app, store, &path.display().to_string());
    press(app, store, KeyCode::Enter);
}

#[test]
fn the_screen_exports_a_private_partner_file() {
    let (_d, mut store, mut app) = on_grand_oral();
    let out = tempfile::tempdir().unwrap();
    let path = out.path().join("oral.html");
    export_to(&mut app, &mut store, &path);
    settle(&mut app, &mut store);
    let html = std::fs::read_to_string(&path).unwrap();
    assert!(html.contains("<section class=\"candidate\">"));
    assert!(html.contains("Version partenaires"));
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        assert_eq!(
            std::fs::metadata(&path).unwrap().permissions().mode() & 0o777,
            0o600
        );
    }
    assert!(
        app.message
            .as_ref()
            .is_some_and(|m| m.text.contains("oral.html"))
    );
}

#[test]
fn an_export_to_a_missing_folder_says_so_and_writes_nothing() {
    let (_d, mut store, mut app) = on_grand_oral();
    let out = tempfile::tempdir().unwrap();
    let path = out.path().join("absent").join("oral.md");
    export_to(&mut app, &mut store, &path);
    assert!(!path.exists());
    let m = app.message.clone().unwrap();
    assert_eq!(m.level, passerelle::ui::app::Level::Error);
}

#[test]
fn the_screen_never_exports_over_a_foreign_file_or_the_database() {
    let (_d, mut store, mut app) = on_grand_oral();
    let out = tempfile::tempdir().unwrap();
    let mine = out.path().join("mes-notes.html");
    std::fs::write(&mine, "à moi").unwrap();
    export_to(&mut app, &mut store, &mine);
    settle(&mut app, &mut store);
    assert_eq!(std::fs::read_to_string(&mine).unwrap(), "à moi");
    let m = app.message.clone().unwrap();
    assert_eq!(m.level, passerelle::ui::app::Level::Error);
    assert!(m.text.contains("pas été écrit par Passerelle") && !m.text.contains("--force"));
    let db = store.path().to_path_buf();
    let before = std::fs::read(&db).unwrap();
    export_to(&mut app, &mut store, &db);
    settle(&mut app, &mut store);
    assert_eq!(std::fs::read(&db).unwrap(), before);
    let m = app.message.clone().unwrap();
    assert!(m.text.contains("base de données ouverte"), "{}", m.text);
    // Its own file is written again without a question.
    let own = out.path().join("oral.html");
    export_to(&mut app, &mut store, &own);
    settle(&mut app, &mut store);
    std::fs::write(&own, "ancienne version").unwrap();
    export_to(&mut app, &mut store, &own);
    settle(&mut app, &mut store);
    assert!(std::fs::read_to_string(&own).unwrap().contains("<section"));
}

#[test]
fn the_candidates_own_binomes_come_first_among_those_who_offer() {
    let (_d, mut store, mut app) = on_grand_oral();
    let s = passerelle::ui::screens::grand_oral::summary_shown(&app.grand_oral, &app.cx).unwrap();
    let first_binome = s.candidates[0].interviews[0].professionals[0].clone();
    ctrl(&mut app, &mut store, 'o');
    press(&mut app, &mut store, KeyCode::Tab);
    press(&mut app, &mut store, KeyCode::Tab);
    press(&mut app, &mut store, KeyCode::Right);
    let by = app.grand_oral.form.as_ref().unwrap().1.value("by");
    let name = app
        .data
        .member(by.parse().unwrap())
        .unwrap()
        .person
        .full_name();
    assert_eq!(
        name, first_binome,
        "one → gives the first binôme's professional"
    );
}

#[test]
fn the_projected_screen_shows_the_first_advice_like_the_exports() {
    let (_d, _store, app) = on_grand_oral();
    let shown =
        passerelle::ui::screens::grand_oral::summary_shown(&app.grand_oral, &app.cx).unwrap();
    let advice = &shown.candidates[0].advice;
    assert!(!advice.is_empty(), "the demo's evening gives advice");
    // The start of the first quote: short enough to sit on one line at both sizes.
    let start: String = advice[0].text.chars().take(24).collect();
    for (w, h) in [(80, 24), (120, 40)] {
        let text = screen_text(&app, w, h);
        assert!(text.contains("Premiers conseils"), "{w}×{h}:\n{text}");
        assert!(text.contains(&start), "{w}×{h}:\n{text}");
        assert!(
            !text.contains("Informations sensibles"),
            "still hidden on the projected screen:\n{text}"
        );
    }
}

/// The stored proposal with this id.
fn stored(store: &Store, cohort: i64, id: i64) -> passerelle::core::feedback::Proposal {
    store
        .list_proposals(cohort)
        .unwrap()
        .into_iter()
        .find(|p| p.id == id)
        .unwrap()
}

/// Issue 18: m edits the selected proposal (kind, detail, who offers it), each change written
/// at once; nothing new is created.
#[test]
fn m_edits_the_selected_proposal_and_every_change_is_saved_at_once() {
    let (_d, mut store, mut app) = on_grand_oral();
    let cohort = app.data.cohort.unwrap();
    let before = store.list_proposals(cohort).unwrap();
    let shown =
        passerelle::ui::screens::grand_oral::summary_shown(&app.grand_oral, &app.cx).unwrap();
    let id = shown.candidates[0].proposals[0].id;
    let was = stored(&store, cohort, id);
    press(&mut app, &mut store, KeyCode::Char('m'));
    let form = &app.grand_oral.form.as_ref().expect("the edit form").1;
    assert_eq!(form.value("detail"), was.detail, "opens on what is stored");
    assert_eq!(form.value("kind"), was.kind);
    // Kind: 4 (mentoring) — written before anything else is pressed.
    typed(&mut app, &mut store, "4");
    assert_eq!(stored(&store, cohort, id).kind, "mentoring");
    typed(&mut app, &mut store, " <b>au printemps</b>");
    assert_eq!(
        stored(&store, cohort, id).detail,
        format!("{} <b>au printemps</b>", was.detail)
    );
    // Who offers it: Tab to the proposer, ← to « — », → back to someone.
    press(&mut app, &mut store, KeyCode::Tab);
    press(&mut app, &mut store, KeyCode::Left);
    let now = stored(&store, cohort, id);
    assert_ne!(now.offered_by, was.offered_by);
    press(&mut app, &mut store, KeyCode::Esc);
    assert!(app.grand_oral.form.is_none());
    let after = store.list_proposals(cohort).unwrap();
    assert_eq!(after.len(), before.len(), "an edit, not a new proposal");
    assert!(screen_text(&app, 120, 40).contains("au printemps"));
}

/// Issue 18: in the Ctrl-O form, → at the end of the detail goes on to the proposer (it used to
/// move the text cursor nowhere); a proposal saved without one says so and is fixed with m.
#[test]
fn right_after_the_detail_reaches_the_proposer_and_a_missing_one_can_be_fixed() {
    let (_d, mut store, mut app) = on_grand_oral();
    let cohort = app.data.cohort.unwrap();
    ctrl(&mut app, &mut store, 'o');
    typed(&mut app, &mut store, "3Stage de deux semaines");
    press(&mut app, &mut store, KeyCode::Right);
    press(&mut app, &mut store, KeyCode::Right);
    press(&mut app, &mut store, KeyCode::Enter);
    let p = store.list_proposals(cohort).unwrap().pop().unwrap();
    assert_eq!(p.detail, "Stage de deux semaines", "no → in the text");
    assert!(p.offered_by.is_some(), "→ → chose the first professional");

    // Without a proposer: the screen says « proposant à préciser », m then → fixes it.
    ctrl(&mut app, &mut store, 'o');
    typed(&mut app, &mut store, "1Voir la Mission locale");
    press(&mut app, &mut store, KeyCode::Enter);
    let p = store.list_proposals(cohort).unwrap().pop().unwrap();
    assert_eq!(p.offered_by, None);
    let text = screen_text(&app, 120, 40);
    assert!(text.contains("proposant à préciser"), "{text}");
    press(&mut app, &mut store, KeyCode::Char('m'));
    press(&mut app, &mut store, KeyCode::Tab);
    press(&mut app, &mut store, KeyCode::Tab);
    press(&mut app, &mut store, KeyCode::Right);
    press(&mut app, &mut store, KeyCode::Esc);
    assert!(stored(&store, cohort, p.id).offered_by.is_some());
    assert!(!screen_text(&app, 120, 40).contains("proposant à préciser"));
}

#[test]
fn an_owner_is_picked_by_typing_three_letters() {
    let (_d, mut store, mut app) = on_grand_oral();
    let cohort = app.data.cohort.unwrap();
    press(&mut app, &mut store, KeyCode::Char('a'));
    typed(&mut app, &mut store, "Rendez-vous SPIP");
    press(&mut app, &mut store, KeyCode::Tab);
    typed(&mut app, &mut store, "bel");
    assert!(
        screen_text(&app, 120, 40).contains("« bel »"),
        "the filter is shown"
    );
    press(&mut app, &mut store, KeyCode::Enter);
    let actions = store.list_actions(cohort).unwrap();
    let a = actions.last().unwrap();
    assert_eq!(a.what, "Rendez-vous SPIP");
    let owner = app.data.member(a.owner_id.unwrap()).unwrap();
    assert_eq!(owner.person.full_name(), "Nadia Belkacem");
}
