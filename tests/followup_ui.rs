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

#[test]
fn the_screen_alone_through_the_contract_hides_release_dates_until_ctrl_r() {
    use passerelle::i18n::Tr;
    use passerelle::ui::context::Ctx;
    use passerelle::ui::data::Data;
    use passerelle::ui::screen::{self, ScreenView};
    use passerelle::ui::screens::followup::FollowupState;
    use passerelle::ui::theme::Theme;
    let (_d, store) = common::followup_store();
    let data = Data::load(&store, None).unwrap();
    let now = common::today().and_hms_opt(10, 0, 0).unwrap();
    let mut cx = Ctx::new(Tr::new(Lang::Fr), Theme { no_color: true }, data, now);
    let mut st = FollowupState::default();
    let release = cx
        .data
        .members
        .iter()
        .filter_map(|m| m.sensitive.release_date)
        .find(|d| *d > common::today() && (*d - common::today()).num_days() <= 56)
        .expect("a release within eight weeks");
    let shown = Tr::new(Lang::Fr).date_short(release);
    let text = |st: &FollowupState, cx: &Ctx| {
        let mut t = ratatui::Terminal::new(ratatui::backend::TestBackend::new(120, 40)).unwrap();
        t.draw(|f| screen::draw_alone(st, cx, f)).unwrap();
        t.backend().to_string()
    };
    assert!(text(&st, &cx).contains("sortie dans moins de 8 semaines"));
    assert!(!text(&st, &cx).contains(&shown), "hidden until Ctrl-R");
    let ctrl_r = KeyEvent::new(KeyCode::Char('r'), KeyModifiers::CONTROL);
    screen::press(&mut st, &mut cx, ctrl_r);
    assert!(text(&st, &cx).contains(&shown));
    st.on_leave(&mut cx);
    assert!(!text(&st, &cx).contains(&shown), "hidden again on leaving");
    // Enter opens the selected line's candidate; Esc comes back to the worklist.
    screen::press(
        &mut st,
        &mut cx,
        KeyEvent::new(KeyCode::Enter, KeyModifiers::NONE),
    );
    assert!(st.candidate.is_some());
    screen::press(
        &mut st,
        &mut cx,
        KeyEvent::new(KeyCode::Esc, KeyModifiers::NONE),
    );
    assert!(st.candidate.is_none());
}

#[cfg(unix)]
#[test]
fn demo_stage_follow_up_writes_contacts_releases_outcomes_and_a_pairing() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("suivi.db");
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_passerelle"))
        .args([
            "--db",
            db.to_str().unwrap(),
            "--lang",
            "fr",
            "demo",
            "--stage",
            "follow-up",
            "--no-ui",
        ])
        .env("PASSERELLE_TODAY", "2026-10-15")
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let store = Store::open(&db).unwrap();
    let cohort = store.list_cohorts().unwrap()[0].id;
    assert!(store.list_contacts(cohort).unwrap().len() >= 6);
    assert_eq!(store.list_outcomes(cohort).unwrap().len(), 2);
    assert_eq!(store.list_pairings(cohort).unwrap().len(), 1);
    let released = store
        .list_members(cohort)
        .unwrap()
        .iter()
        .filter(|m| {
            m.sensitive
                .release_date
                .is_some_and(|d| d < common::today())
        })
        .count();
    assert_eq!(released, 2);
}

#[test]
fn p_pairs_a_candidate_with_the_mentor_of_a_parrainage_proposal_once() {
    let (_d, mut store, mut app) = common::followup_app(Lang::Fr);
    let cohort = store.list_cohorts().unwrap()[0].id;
    let paired: Vec<i64> = store
        .list_pairings(cohort)
        .unwrap()
        .iter()
        .map(|p| p.candidate_id)
        .collect();
    let proposal = app
        .data
        .proposals
        .iter()
        .find(|p| {
            p.kind == "mentoring" && p.offered_by.is_some() && !paired.contains(&p.candidate_id)
        })
        .cloned()
        .expect("the evening has a parrainage proposal");
    app.followup.candidate = Some(proposal.candidate_id);
    common::press(&mut app, &mut store, KeyCode::Char('p'));
    common::press(&mut app, &mut store, KeyCode::Char('p'));
    let mine: Vec<_> = store
        .list_pairings(cohort)
        .unwrap()
        .into_iter()
        .filter(|p| p.candidate_id == proposal.candidate_id)
        .collect();
    assert_eq!(mine.len(), 1, "a second p says it exists");
    assert_eq!(mine[0].mentor_id, proposal.offered_by.unwrap());
    assert_eq!(mine[0].start, common::today());
    assert!(
        app.message
            .as_ref()
            .unwrap()
            .text
            .starts_with("Déjà parrainé")
    );
}
