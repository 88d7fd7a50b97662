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

#[test]
fn a_contact_and_an_outcome_by_keyboard_from_the_worklist() {
    let (_d, mut store, mut app) = common::followup_app(Lang::Fr);
    let (line, candidate) = common::released_on_worklist(&app);
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
    let (proposal, _, _) = unpaired_mentoring(&app, &store);
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
    assert!(said(&app).starts_with("Déjà parrainé"));
}

/// The message line's text.
fn said(app: &App) -> &str {
    &app.message.as_ref().expect("a message").text
}

/// A « parrainage » proposal nobody paired yet (the evening has some), and its candidate's
/// place in the Grand oral's order and the proposal's row there.
fn unpaired_mentoring(
    app: &App,
    store: &Store,
) -> (passerelle::core::feedback::Proposal, usize, usize) {
    let cohort = store.list_cohorts().unwrap()[0].id;
    let paired: Vec<i64> = store
        .list_pairings(cohort)
        .unwrap()
        .iter()
        .map(|p| p.candidate_id)
        .collect();
    let order: Vec<i64> =
        passerelle::core::summary::candidates_in_order(&app.data.members, &app.data.oral.feedback)
            .into_iter()
            .filter(|m| {
                passerelle::core::path::in_summary(m.role, app.data.path.status(m.person.id))
            })
            .map(|m| m.person.id)
            .collect();
    let p = app
        .data
        .proposals
        .iter()
        .find(|p| {
            p.kind == "mentoring"
                && p.offered_by.is_some()
                && !paired.contains(&p.candidate_id)
                && order.contains(&p.candidate_id)
        })
        .cloned()
        .expect("the evening has a parrainage proposal");
    let index = order.iter().position(|c| *c == p.candidate_id).unwrap();
    let row = app
        .data
        .proposals
        .iter()
        .filter(|q| q.candidate_id == p.candidate_id)
        .position(|q| q.id == p.id)
        .unwrap();
    (p, index, row)
}

#[test]
fn p_on_a_grand_oral_parrainage_row_pairs_its_professional_in_one_key() {
    let (_d, mut store, mut app) = common::followup_app(Lang::Fr);
    let cohort = store.list_cohorts().unwrap()[0].id;
    common::press(&mut app, &mut store, KeyCode::Char('6'));
    let (proposal, index, row) = unpaired_mentoring(&app, &store);
    app.grand_oral.candidate = index;
    app.grand_oral.cursor = row;
    let before = store.list_pairings(cohort).unwrap().len();
    common::press(&mut app, &mut store, KeyCode::Char('p'));
    let pairings = store.list_pairings(cohort).unwrap();
    assert_eq!(pairings.len(), before + 1, "one key, one pairing");
    let made = pairings.last().unwrap();
    assert_eq!(
        (made.mentor_id, made.candidate_id, made.start),
        (
            proposal.offered_by.unwrap(),
            proposal.candidate_id,
            common::today()
        )
    );
    assert!(said(&app).starts_with("Parrainage commencé"));
    // Pressed again: said, not made twice; the Suivi screen shows the mentor with their role.
    common::press(&mut app, &mut store, KeyCode::Char('p'));
    assert_eq!(store.list_pairings(cohort).unwrap().len(), before + 1);
    assert!(said(&app).starts_with("Déjà parrainé"));
    // Another kind of proposal of the same candidate: said, nothing made.
    if let Some(other) = app
        .data
        .proposals
        .iter()
        .filter(|q| q.candidate_id == proposal.candidate_id)
        .position(|q| q.kind != "mentoring")
    {
        app.grand_oral.cursor = other;
        common::press(&mut app, &mut store, KeyCode::Char('p'));
        assert_eq!(store.list_pairings(cohort).unwrap().len(), before + 1);
        assert!(said(&app).contains("pas un parrainage"));
    }
    common::press(&mut app, &mut store, KeyCode::Char('7'));
    app.followup.candidate = Some(proposal.candidate_id);
    let screen = common::screen_text(&app, 120, 40);
    assert!(screen.contains("parrain/marraine"), "{screen}");
}

#[test]
fn m_ends_a_pairing_today_and_a_contact_with_the_mentor_names_them_in_the_log() {
    let (_d, mut store, mut app) = common::followup_app(Lang::Fr);
    let cohort = store.list_cohorts().unwrap()[0].id;
    let pairing = store.list_pairings(cohort).unwrap()[0].clone();
    app.followup.candidate = Some(pairing.candidate_id);
    // A contact with the mentor: the last field of the form, offered because there is one.
    common::press(&mut app, &mut store, KeyCode::Char('c'));
    let form = common::screen_text(&app, 80, 24);
    assert!(form.contains("Avec le parrain"), "{form}");
    for _ in 0..6 {
        common::press(&mut app, &mut store, KeyCode::Tab);
    }
    common::press(&mut app, &mut store, KeyCode::Right);
    common::press(&mut app, &mut store, KeyCode::Esc);
    let contacts = store.list_contacts(cohort).unwrap();
    let with_mentor: Vec<_> = contacts
        .iter()
        .filter(|c| c.with_person == Some(pairing.mentor_id))
        .collect();
    assert_eq!(with_mentor.len(), 1);
    assert_eq!(with_mentor[0].candidate_id, pairing.candidate_id);
    let mentor = app.data.short_name(pairing.mentor_id);
    let screen = common::screen_text(&app, 80, 24);
    assert!(
        screen.contains(&format!("{mentor} (parrain / marraine)")),
        "{screen}"
    );
    // m, → (« terminé »), Esc: ended, its end dated today.
    common::press(&mut app, &mut store, KeyCode::Char('m'));
    let form = common::screen_text(&app, 80, 24);
    for word in ["Parrainage", "État", "en cours", "Fin", "Début"] {
        assert!(form.contains(word), "« {word} » at 80x24:\n{form}");
    }
    common::press(&mut app, &mut store, KeyCode::Right);
    common::press(&mut app, &mut store, KeyCode::Esc);
    let ended = store
        .list_pairings(cohort)
        .unwrap()
        .into_iter()
        .find(|p| p.id == pairing.id)
        .unwrap();
    assert_eq!(
        (ended.status, ended.end, ended.start),
        (
            passerelle::core::followup::PairingStatus::Ended,
            Some(common::today()),
            pairing.start
        )
    );
    assert!(said(&app).contains("terminé"));
    // A candidate without a mentor: m says how to make one.
    let lonely = app
        .data
        .members
        .iter()
        .find(|m| {
            m.role == passerelle::core::domain::Role::Candidate
                && m.person.id != pairing.candidate_id
        })
        .unwrap()
        .person
        .id;
    app.followup.candidate = Some(lonely);
    common::press(&mut app, &mut store, KeyCode::Char('m'));
    assert!(app.followup.form.is_none());
    assert!(said(&app).starts_with("Pas de parrainage"));
}

/// The « nothing to do » sentence is whole at 80 columns, in both languages (it was cut after
/// « aucune sortie »).
#[test]
fn nothing_to_do_is_said_whole_at_80_columns() {
    for (lang, first, last) in [
        (Lang::Fr, "Rien à faire", "à noter."),
        (Lang::En, "Nothing to do", "to record."),
    ] {
        let (_d, _s, mut app) = common::demo_app(lang);
        app.screen = passerelle::ui::screen::Screen::Followup;
        let screen = common::screen_text(&app, 80, 24);
        assert!(
            screen.contains(first) && screen.contains(last),
            "{lang:?}:\n{screen}"
        );
    }
}

/// The contact form is open for `candidate`: `tabs` times Tab, `text` typed, Esc; one contact
/// saying `text` is stored for them, dated today.
fn contact_of_today(app: &mut App, store: &mut Store, candidate: i64, tabs: usize, text: &str) {
    use passerelle::ui::screens::followup::FormTarget;
    assert!(
        matches!(
            app.followup.form,
            Some((FormTarget::Contact { id: 0, candidate: c }, _)) if c == candidate
        ),
        "the contact form of {candidate}"
    );
    for _ in 0..tabs {
        common::press(app, store, KeyCode::Tab);
    }
    common::typed(app, store, text);
    common::press(app, store, KeyCode::Esc);
    let cohort = store.list_cohorts().unwrap()[0].id;
    let mine: Vec<(i64, chrono::NaiveDate)> = store
        .list_contacts(cohort)
        .unwrap()
        .into_iter()
        .filter(|c| c.with_whom == text || c.note == text)
        .map(|c| (c.candidate_id, c.date))
        .collect();
    assert_eq!(mine, [(candidate, common::today())]);
}

/// Issue 20, « from any candidate row, one key »: a candidate with nothing due is listed under
/// the worklist, reached with the same cursor, and gets a contact dated today with `c`.
#[test]
fn a_candidate_with_nothing_due_is_listed_and_gets_a_contact_with_c() {
    let (_d, mut store, mut app) = common::followup_app(Lang::Fr);
    let due = app.data.worklist(common::today());
    let quiet = app
        .data
        .followed()
        .map(|m| m.person.id)
        .find(|id| !due.iter().any(|w| w.candidate_id == *id))
        .expect("a followed candidate with nothing due");
    let name = app.data.short_name(quiet);
    let screen = common::screen_text(&app, 120, 40);
    let heading = screen.find("Autres candidats").expect(&screen);
    assert!(screen[heading..].contains(&name), "{screen}");
    // The same cursor runs on past the due lines onto the others.
    let row = due.len()
        + app
            .data
            .followed()
            .map(|m| m.person.id)
            .filter(|id| !due.iter().any(|w| w.candidate_id == *id))
            .position(|id| id == quiet)
            .unwrap();
    for _ in 0..row {
        common::press(&mut app, &mut store, KeyCode::Down);
    }
    common::press(&mut app, &mut store, KeyCode::Char('c'));
    contact_of_today(&mut app, &mut store, quiet, 1, "Conseillère Mission locale");
    // Enter opens them, their log showing the contact.
    common::press(&mut app, &mut store, KeyCode::Enter);
    assert_eq!(app.followup.candidate, Some(quiet));
    assert!(common::screen_text(&app, 80, 24).contains("Conseillère Mission locale"));
}

/// Issue 20: `c` on a candidate's row of Participants opens that candidate's contact form on
/// Suivi, dated today; on anyone else's row it says why not and stays.
#[test]
fn c_on_a_participants_candidate_row_opens_their_contact_on_suivi() {
    use passerelle::core::domain::Role;
    use passerelle::ui::screen::Screen;
    use passerelle::ui::screens::participants::visible;
    let (_d, mut store, mut app) = common::followup_app(Lang::Fr);
    common::press(&mut app, &mut store, KeyCode::Char('2'));
    let rows: Vec<(i64, Role)> = visible(&app.participants, &app.cx)
        .iter()
        .map(|m| (m.person.id, m.role))
        .collect();
    let pro = rows
        .iter()
        .position(|(_, r)| *r != Role::Candidate)
        .unwrap();
    app.participants.cursor = pro;
    common::press(&mut app, &mut store, KeyCode::Char('c'));
    assert_eq!(app.screen, Screen::Participants);
    assert!(app.followup.form.is_none());
    assert!(said(&app).starts_with("Le suivi concerne les candidats"));
    let (row, candidate) = rows
        .iter()
        .enumerate()
        .find(|(_, (_, r))| *r == Role::Candidate)
        .map(|(i, (id, _))| (i, *id))
        .unwrap();
    app.participants.cursor = row;
    common::press(&mut app, &mut store, KeyCode::Char('c'));
    assert_eq!(app.screen, Screen::Followup);
    assert_eq!(app.followup.candidate, Some(candidate));
    contact_of_today(&mut app, &mut store, candidate, 2, "Croisé au parloir");
    // Esc left the candidate open on Suivi, the new contact in their log.
    assert_eq!(app.screen, Screen::Followup);
    assert!(common::screen_text(&app, 80, 24).contains("Croisé au parloir"));
}
