//! Themed days: the agenda import (property tests), the store of agendas, sectors and interest.

mod common;

use passerelle::core::agenda::{self, AgendaItem, Interest, ItemKind};
use passerelle::core::demo::Stage;
use passerelle::core::domain::{Role, Sector};
use passerelle::i18n::Lang;
use passerelle::store::Store;
use proptest::prelude::*;
use std::process::Output;

fn text() -> impl Strategy<Value = String> {
    "[A-Za-zéèÉç0-9][A-Za-zéèÉç0-9 '\"#;,=\\[\\]()-]{0,40}[A-Za-z0-9é)]"
}

fn items() -> impl Strategy<Value = Vec<AgendaItem>> {
    let item = (text(), proptest::option::of(text()), 1u32..=600, 0usize..5).prop_map(
        |(title, speaker, minutes, k)| AgendaItem {
            title,
            speaker,
            minutes,
            kind: ItemKind::ALL[k],
        },
    );
    proptest::collection::vec(item, 1..20)
}

proptest! {
    #[test]
    fn any_bytes_give_items_or_an_error_never_a_panic(bytes in proptest::collection::vec(any::<u8>(), 0..400)) {
        let _ = agenda::parse(&bytes);
    }

    #[test]
    fn any_text_gives_items_or_an_error_never_a_panic(t in "(\\[\\[item\\]\\]\n|title = |minutes = |\"|;|[a-z0-9]|\n| ){0,80}") {
        if let Ok(items) = agenda::parse(t.as_bytes()) {
            prop_assert!(items.iter().all(|i| i.minutes >= 1 && !i.title.is_empty()));
        }
    }

    #[test]
    fn a_written_agenda_reads_back_the_same(items in items(), comment in text()) {
        let toml = agenda::write_toml(&comment, &items);
        prop_assert_eq!(agenda::parse(toml.as_bytes()), Ok(items));
    }
}

const AGENDA: &str = "[[item]]
title = \"Les métiers du gros œuvre\"
speaker = \"Claire Roux (FFB Vienne)\"
minutes = 30
kind = \"exposé\"

[[item]]
title = \"Pause\"
minutes = 10
kind = \"pause\"

[[item]]
title = \"Témoignage\"
speaker = \"Claire Roux (FFB Vienne)\"
minutes = 20
kind = \"témoignage\"
";

#[test]
fn an_imported_agenda_is_stored_in_order_with_its_new_speaker_expected() {
    let (_d, mut store) = common::demo_store(Stage::Morning);
    let session = common::themed_day(&mut store);
    let cohort = store.session(session).unwrap().cohort_id;
    let items = agenda::parse(AGENDA.as_bytes()).unwrap();
    let links = agenda::speaker_links(&items, &store.list_members(cohort).unwrap());
    assert_eq!(links.len(), 1, "one speaker, named twice");
    assert!(links[0].new.is_some(), "not yet in the pool: created");
    store.import_agenda(session, &items, &links).unwrap();
    let stored = store.agenda_items(session).unwrap();
    let back: Vec<AgendaItem> = stored.iter().map(|s| s.item.clone()).collect();
    assert_eq!(back, items);
    let speaker = stored[0].person_id.expect("linked to the pool");
    assert_eq!(stored[2].person_id, Some(speaker));
    let members = store.list_members(cohort).unwrap();
    let m = members.iter().find(|m| m.person.id == speaker).unwrap();
    assert_eq!(
        (m.role, m.person.organisation.as_str()),
        (Role::Professional, "FFB Vienne")
    );
    let expected = store.list_attendance(session).unwrap();
    assert!(
        expected.iter().any(|a| a.person_id == speaker),
        "on the access list"
    );
    // A second import finds her in the pool and replaces the run of show.
    let links = agenda::speaker_links(&items[..1], &store.list_members(cohort).unwrap());
    assert_eq!(
        (links[0].person_id, links[0].new.is_none()),
        (Some(speaker), true)
    );
    store.import_agenda(session, &items[..1], &links).unwrap();
    assert_eq!(store.agenda_items(session).unwrap().len(), 1);
}

#[test]
fn items_are_added_edited_moved_and_removed() {
    let (_d, mut store) = common::demo_store(Stage::Morning);
    let session = common::themed_day(&mut store);
    let item = |title: &str| AgendaItem {
        title: title.into(),
        speaker: None,
        minutes: 15,
        kind: ItemKind::Talk,
    };
    let a = store.add_agenda_item(session, &item("A")).unwrap();
    let b = store.add_agenda_item(session, &item("B\u{202E}")).unwrap();
    assert_eq!(
        titles(&store, session),
        ["A", "B"],
        "bidi control dropped at the bind"
    );
    store.swap_agenda_items(a, b).unwrap();
    assert_eq!(titles(&store, session), ["B", "A"]);
    let mut edited = item("A2");
    edited.speaker = Some("Karim Diallo".into());
    store.update_agenda_item(a, &edited).unwrap();
    assert_eq!(store.agenda_items(session).unwrap()[1].item, edited);
    store.delete_agenda_item(b).unwrap();
    assert_eq!(titles(&store, session), ["A2"]);
}

#[test]
fn sectors_and_interest_marks_are_kept_per_participant_and_sector() {
    let (_d, mut store) = common::demo_store(Stage::Morning);
    let session = common::themed_day(&mut store);
    store.add_session_sector(session, Sector::Btp).unwrap();
    store.add_session_sector(session, Sector::Btp).unwrap();
    store
        .add_session_sector(session, Sector::Metalwork)
        .unwrap();
    assert_eq!(
        store.session_sectors(session).unwrap(),
        [Sector::Btp, Sector::Metalwork]
    );
    let cohort = store.session(session).unwrap().cohort_id;
    let person = store.list_members(cohort).unwrap()[0].person.id;
    store
        .set_interest(
            session,
            person,
            Sector::Btp,
            Some(Interest::Interested),
            "maçon",
        )
        .unwrap();
    store
        .set_interest(
            session,
            person,
            Sector::Btp,
            Some(Interest::WantsToApply),
            "maçon, permis B",
        )
        .unwrap();
    // A sector no cohort offers is kept as said.
    store
        .set_interest(
            session,
            person,
            Sector::Retail,
            Some(Interest::WantsInformation),
            "",
        )
        .unwrap();
    let marks = store.interests(session).unwrap();
    assert_eq!(marks.len(), 2);
    assert_eq!(marks[0].interest, Interest::WantsToApply);
    assert_eq!(marks[0].note, "maçon, permis B");
    store
        .set_interest(session, person, Sector::Btp, None, "")
        .unwrap();
    assert_eq!(store.interests(session).unwrap().len(), 1);
}

fn outputs(o: &Output) -> (String, String) {
    (
        String::from_utf8_lossy(&o.stdout).into_owned(),
        String::from_utf8_lossy(&o.stderr).into_owned(),
    )
}

#[test]
fn import_agenda_previews_then_writes_all_or_nothing() {
    let (dir, mut store) = common::demo_store(Stage::Morning);
    let session = common::themed_day(&mut store);
    let job_day = store.last_session().unwrap().unwrap();
    drop(store);
    let db = dir.path().join("demo.db");
    let file = dir.path().join("deroule.toml");
    std::fs::write(&file, AGENDA).unwrap();
    let f = file.to_str().unwrap();
    let id = session.to_string();

    let out = common::cli(&db, &["import", "agenda", f, "--session", &id, "--dry-run"]);
    let (stdout, stderr) = outputs(&out);
    assert_eq!(out.status.code(), Some(0), "{stderr}");
    assert!(stdout.contains("3 intervention(s), 60 min"), "{stdout}");
    assert!(
        stdout.contains("09:30–10:00  Les métiers du gros œuvre"),
        "{stdout}"
    );
    assert!(
        stdout.contains("+ Claire Roux (FFB Vienne) : pas encore dans le vivier"),
        "{stdout}"
    );
    assert_eq!(items_in(&db, session), 0, "nothing written");

    let bad = dir.path().join("faux.csv");
    std::fs::write(
        &bad,
        "Titre;Intervenant;Durée;Type\nA;;20;exposé\nB;;vingt;exposé\n",
    )
    .unwrap();
    let out = common::cli(
        &db,
        &["import", "agenda", bad.to_str().unwrap(), "--session", &id],
    );
    let (_, stderr) = outputs(&out);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr.contains("ligne 3 : durée « vingt » illisible"),
        "{stderr}"
    );
    assert_eq!(items_in(&db, session), 0, "nothing written");

    let out = common::cli(
        &db,
        &["import", "agenda", f, "--session", &job_day.to_string()],
    );
    assert_eq!(out.status.code(), Some(2));
    assert!(outputs(&out).1.contains("n'est pas une journée thématique"));

    Store::open(&db)
        .unwrap()
        .set_session_end(session, chrono::NaiveTime::from_hms_opt(10, 15, 0))
        .unwrap();
    let out = common::cli(&db, &["import", "agenda", f, "--session", &id]);
    assert_eq!(out.status.code(), Some(0), "{}", outputs(&out).1);
    assert!(
        outputs(&out)
            .0
            .contains("dépasse le créneau de la séance de 15 min"),
        "said, not refused: {}",
        outputs(&out).0
    );
    assert_eq!(items_in(&db, session), 3);
}

/// How many items a session's run of show holds in the database file `db`.
fn items_in(db: &std::path::Path, session: i64) -> usize {
    Store::open(db)
        .unwrap()
        .agenda_items(session)
        .unwrap()
        .len()
}

#[test]
fn the_agenda_template_is_read_back_by_the_import() {
    let dir = tempfile::tempdir().unwrap();
    let out = common::cli(
        &dir.path().join("x.db"),
        &["import", "agenda", "--template"],
    );
    assert_eq!(out.status.code(), Some(0));
    let items = agenda::parse(&out.stdout).unwrap();
    assert_eq!(items.len(), 4);
    assert_eq!(items[2].kind, ItemKind::Break);
}

#[test]
fn the_timer_view_runs_the_themed_day_and_resumes_from_the_stored_events() {
    use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
    let (_d, mut store, mut app, session) = common::themed_day_app(AGENDA);
    common::key(
        &mut app,
        &mut store,
        KeyEvent::new(KeyCode::Char('t'), KeyModifiers::CONTROL),
    );
    assert!(app.timer.view);
    let start = app.now;
    common::press(&mut app, &mut store, KeyCode::Char(' '));
    common::press(&mut app, &mut store, KeyCode::Char('>'));
    app.now = start + chrono::Duration::minutes(33);
    let screen = common::screen_text(&app, 80, 24);
    assert!(screen.contains("Intervention 1 / 3 · Exposé"), "{screen}");
    assert!(screen.contains("Les métiers du gros œuvre"), "{screen}");
    assert!(screen.contains("Claire Roux (FFB Vienne)"), "{screen}");
    assert!(screen.contains("Ensuite"), "the next item: {screen}");
    assert!(
        screen.contains("dépassement"),
        "two minutes over 30 + 1: {screen}"
    );
    // A crash: a new app from the database lands on the same position.
    let before = app.cx.data.clock_position(app.now).unwrap();
    let again = common::app_of(&store, Lang::Fr);
    assert_eq!(again.data.session, Some(session));
    assert_eq!(again.data.clock_position(app.now), Some(before));
    assert_eq!(before.remaining, -2 * 60);
    // n: the pause starts now and flows into the testimony by itself.
    common::press(&mut app, &mut store, KeyCode::Char('n'));
    app.now += chrono::Duration::minutes(11);
    let screen = common::screen_text(&app, 80, 24);
    assert!(
        screen.contains("Intervention 3 / 3 · Témoignage"),
        "{screen}"
    );
}

/// E: a new themed day, empty or with its speakers expected, is neither « 0/0 présents » nor
/// « terminée » on Journée (fixed on main for empty sessions; checked here for themed days).
#[test]
fn a_new_themed_day_is_not_zero_of_zero_present_and_done() {
    let (_d, mut store, _, session) = common::themed_day_app(AGENDA);
    let empty = common::themed_day(&mut store);
    let mut s = store.session(empty).unwrap();
    s.title = "Journée vide".into();
    s.date = common::today() - chrono::Duration::days(1);
    store.update_session(&s).unwrap();
    store.set_last_session(session).unwrap();
    let mut app = common::app_of(&store, Lang::Fr);
    app.screen = passerelle::ui::screen::Screen::Day;
    let screen = common::screen_text(&app, 120, 40);
    for title in ["Journée bâtiment", "Journée vide"] {
        let line = screen.lines().find(|l| l.contains(title)).unwrap();
        assert!(!line.contains("0/0"), "{line}");
        assert!(!line.contains("terminée"), "{line}");
    }
    let line = screen.lines().find(|l| l.contains("Journée vide")).unwrap();
    assert!(line.contains("personne sur la liste"), "{line}");
}

/// D: Journée `a` on a themed day opens its run of show; `J` / `K` move the selected item, `-`
/// removes it, each written at once; on another kind of session it says why not.
#[test]
fn a_on_the_day_screen_opens_the_run_of_show_to_reorder_and_remove() {
    use passerelle::ui::screen::Screen;
    use ratatui::crossterm::event::KeyCode;
    let (_d, mut store, mut app, session) = common::themed_day_app(AGENDA);
    app.screen = Screen::Day;
    common::press(&mut app, &mut store, KeyCode::Char('a'));
    let screen = common::screen_text(&app, 80, 24);
    assert!(screen.contains("Déroulé · Journée bâtiment"), "{screen}");
    assert!(
        screen.contains("09:30–10:00  Les métiers du gros œuvre"),
        "{screen}"
    );
    common::press(&mut app, &mut store, KeyCode::Char('J'));
    assert_eq!(
        titles(&store, session),
        ["Pause", "Les métiers du gros œuvre", "Témoignage"]
    );
    common::press(&mut app, &mut store, KeyCode::Char('-'));
    assert_eq!(titles(&store, session), ["Pause", "Témoignage"]);
    let screen = common::screen_text(&app, 80, 24);
    assert!(screen.contains("2 intervention(s), 30 min"), "{screen}");
    common::press(&mut app, &mut store, KeyCode::Esc);
    assert!(!common::screen_text(&app, 80, 24).contains("Déroulé ·"));
}

/// Journée `i` on a themed day: Space cycles a participant's mark for the sector (intéressé →
/// information → candidater → none), ← → change the sector, Enter writes a short note; each
/// mark is written at once and Journée shows the interested count by sector.
#[test]
fn interest_is_captured_per_participant_and_sector_and_counted_on_the_day_screen() {
    use passerelle::ui::screen::Screen;
    use ratatui::crossterm::event::KeyCode;
    let (_d, mut store, mut app, session, people) = common::themed_day_with_participants(AGENDA, 3);
    common::press(&mut app, &mut store, KeyCode::Char('i'));
    let screen = common::screen_text(&app, 80, 24);
    assert!(screen.contains("Intérêts · Journée bâtiment"), "{screen}");
    assert!(screen.contains("BTP (0)"), "{screen}");
    common::presses(
        &mut app,
        &mut store,
        &[KeyCode::Char(' '), KeyCode::Char(' ')],
    );
    common::presses(&mut app, &mut store, &[KeyCode::Down, KeyCode::Char(' ')]);
    common::presses(&mut app, &mut store, &[KeyCode::Right, KeyCode::Char(' ')]);
    common::presses(&mut app, &mut store, &[KeyCode::Enter]);
    common::typed(&mut app, &mut store, "soudeur");
    common::presses(&mut app, &mut store, &[KeyCode::Enter]);
    let marks: Vec<(i64, Sector, Interest, String)> = store
        .interests(session)
        .unwrap()
        .into_iter()
        .map(|m| (m.person_id, m.sector, m.interest, m.note))
        .collect();
    assert_eq!(
        marks,
        [
            (
                people[0],
                Sector::Btp,
                Interest::WantsInformation,
                String::new()
            ),
            (people[1], Sector::Btp, Interest::Interested, String::new()),
            (
                people[1],
                Sector::Metalwork,
                Interest::Interested,
                "soudeur".into()
            ),
        ]
    );
    let screen = common::screen_text(&app, 80, 24);
    assert!(screen.contains("Intéressé·e — soudeur"), "{screen}");
    common::presses(&mut app, &mut store, &[KeyCode::Esc]);
    assert_eq!(app.screen, Screen::Day);
    let screen = common::screen_text(&app, 120, 40);
    assert!(
        screen
            .contains("Secteurs présentés : BTP, métallurgie · intéressés : BTP 2, métallurgie 1"),
        "{screen}"
    );
}

/// Interested participants become prospects (« orienté » by the themed day) of the next cohort
/// in the sector, and show in its selection view; a sector no cohort offers keeps the mark and
/// says so.
#[test]
fn interested_participants_become_prospects_of_the_next_cohort_in_the_sector() {
    use passerelle::core::domain::{NewMember, Session, SessionKind};
    use passerelle::core::path::{Referrer, Status};
    use passerelle::ui::screen::Screen;
    use ratatui::crossterm::event::KeyCode;
    let (_d, mut store, _, session, people) = common::themed_day_with_participants(AGENDA, 2);
    store
        .set_session_sectors(session, &[Sector::Btp, Sector::Retail])
        .unwrap();
    let mut next = common::named_cohort("Promo Vivonne 2027");
    next.start_date = Some(common::today() + chrono::Duration::days(60));
    let next_id = store.insert_cohort(&next).unwrap();
    store
        .insert_member(
            next_id,
            &NewMember {
                first_name: "Claire".into(),
                last_name: "Roux".into(),
                organisation: "FFB Vienne".into(),
                role: Some(Role::Professional),
                sectors: vec![Sector::Btp],
                ..NewMember::default()
            },
        )
        .unwrap();
    let mut app = common::app_of(&store, Lang::Fr);
    app.screen = Screen::Day;
    common::press(&mut app, &mut store, KeyCode::Char('i'));
    assert!(
        common::screen_text(&app, 80, 24).contains("→ Promo Vivonne 2027"),
        "where the interested go"
    );
    // Two marks for the first (cycled), one for the second.
    for code in [
        KeyCode::Char(' '),
        KeyCode::Char(' '),
        KeyCode::Down,
        KeyCode::Char(' '),
    ] {
        common::press(&mut app, &mut store, code);
    }
    assert!(
        app.message
            .as_ref()
            .is_some_and(|m| m.text.contains("Orienté·e vers Promo Vivonne 2027")),
        "{:?}",
        app.message
    );
    for p in &people {
        let history = store.status_history(next_id, *p).unwrap();
        assert_eq!(history.len(), 1, "once, however often the mark cycles");
        assert_eq!(history[0].status, Status::Referred);
        assert_eq!(history[0].referrer, Some(Referrer::ThemedDay));
        assert_eq!(history[0].date, common::today().succ_opt().unwrap());
    }
    // Commerce: no cohort offers it; the mark is kept and the view says so.
    common::press(&mut app, &mut store, KeyCode::Right);
    assert!(common::screen_text(&app, 80, 24).contains("aucune promotion ne propose ce secteur"),);
    common::press(&mut app, &mut store, KeyCode::Char(' '));
    assert!(
        app.message
            .as_ref()
            .is_some_and(|m| m.text.contains("Aucune promotion ne propose commerce")),
        "{:?}",
        app.message
    );
    assert_eq!(store.interests(session).unwrap().len(), 3);
    // The next cohort's selection view (Participants, v) lists them as prospects.
    let info = store
        .insert_session(&Session {
            id: 0,
            cohort_id: next_id,
            kind: SessionKind::InfoMeeting,
            date: common::today() + chrono::Duration::days(30),
            start_time: None,
            place: String::new(),
            title: String::new(),
        })
        .unwrap();
    store.set_last_session(info).unwrap();
    let mut app = common::app_of(&store, Lang::Fr);
    app.screen = Screen::Participants;
    common::press(&mut app, &mut store, KeyCode::Char('v'));
    let screen = common::screen_text(&app, 120, 40);
    let members = store.list_members(next_id).unwrap();
    for p in &people {
        let m = members.iter().find(|m| m.person.id == *p).unwrap();
        assert_eq!(m.sectors, [Sector::Btp]);
        assert!(screen.contains(&m.person.last_name), "{screen}");
    }
}

/// A themed day's sectors: set on Journée with `s` (replacing those it had, a wrong word
/// refused), by `new session --sectors` and by `import agenda --sectors`.
#[test]
fn a_themed_days_sectors_are_set_on_the_day_screen_and_on_the_command_line() {
    use ratatui::crossterm::event::KeyCode;
    let (dir, mut store, mut app, session, _) = common::themed_day_with_participants(AGENDA, 1);
    common::press(&mut app, &mut store, KeyCode::Char('s'));
    let screen = common::screen_text(&app, 80, 24);
    assert!(
        screen.contains("Secteurs de la journée thématique"),
        "{screen}"
    );
    assert!(
        screen.contains("BTP, métallurgie"),
        "the current ones: {screen}"
    );
    common::key(
        &mut app,
        &mut store,
        ratatui::crossterm::event::KeyEvent::new(
            KeyCode::Char('u'),
            ratatui::crossterm::event::KeyModifiers::CONTROL,
        ),
    );
    common::typed(&mut app, &mut store, "logistique, pâtisserie");
    assert!(common::screen_text(&app, 80, 24).contains("Secteur inconnu"));
    for _ in 0.."pâtisserie".chars().count() {
        common::press(&mut app, &mut store, KeyCode::Backspace);
    }
    common::typed(&mut app, &mut store, "propreté");
    common::press(&mut app, &mut store, KeyCode::Enter);
    assert_eq!(
        store.session_sectors(session).unwrap(),
        [Sector::Logistics, Sector::Cleaning]
    );
    let cohort = store.session(session).unwrap().cohort_id.to_string();
    drop(store);
    let db = dir.path().join("demo.db");
    let new = |extra: &[&str]| {
        let mut args = vec![
            "new",
            "session",
            "--cohort",
            &cohort,
            "--date",
            "20/11/2026",
        ];
        args.extend_from_slice(extra);
        common::cli(&db, &args)
    };
    let out = new(&[
        "--kind",
        "themed_day",
        "--sectors",
        "BTP, métiers de bouche",
        "--json",
    ]);
    assert_eq!(out.status.code(), Some(0), "{}", outputs(&out).1);
    let id: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let id = id["id"].as_i64().unwrap();
    let sectors = |id| Store::open(&db).unwrap().session_sectors(id).unwrap();
    assert_eq!(sectors(id), [Sector::Btp, Sector::FoodTrades]);
    let out = new(&["--kind", "coaching", "--sectors", "BTP"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(outputs(&out).1.contains("journée thématique"));
    let out = new(&["--kind", "themed_day", "--sectors", "BTP, astronautique"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        outputs(&out)
            .1
            .contains("« astronautique » n’est pas un secteur")
    );

    let file = dir.path().join("deroule.toml");
    std::fs::write(&file, AGENDA).unwrap();
    let out = common::cli(
        &db,
        &[
            "import",
            "agenda",
            file.to_str().unwrap(),
            "--session",
            &id.to_string(),
            "--sectors",
            "métallurgie",
        ],
    );
    assert_eq!(out.status.code(), Some(0), "{}", outputs(&out).1);
    assert!(outputs(&out).0.contains("Secteurs présentés : métallurgie"));
    assert_eq!(sectors(id), [Sector::Metalwork]);
}

/// In the run of show (Journée `a`), `+` adds an item through a form (made by Enter), Enter edits
/// the selected one (saved as typed), `-` removes it; a run of show longer than the session's
/// slot says by how many minutes, in the message and in the view.
#[test]
fn items_are_added_edited_and_removed_on_the_day_screen_with_the_minutes_over_the_slot() {
    use passerelle::ui::screen::Screen;
    use ratatui::crossterm::event::KeyCode;
    let (_d, mut store, _, session) = common::themed_day_app(AGENDA);
    // 09:30–10:30: the 60 minutes of AGENDA fill it.
    store
        .set_session_end(session, chrono::NaiveTime::from_hms_opt(10, 30, 0))
        .unwrap();
    let mut app = common::app_of(&store, Lang::Fr);
    app.screen = Screen::Day;
    common::presses(
        &mut app,
        &mut store,
        &[KeyCode::Char('a'), KeyCode::Char('+')],
    );
    assert!(common::screen_text(&app, 80, 24).contains("Nouvelle intervention"));
    common::typed(&mut app, &mut store, "Questions de la salle");
    common::presses(&mut app, &mut store, &[KeyCode::Tab, KeyCode::Tab]);
    common::typed(&mut app, &mut store, "1h");
    common::presses(&mut app, &mut store, &[KeyCode::Tab, KeyCode::Right]);
    assert!(
        store.agenda_items(session).unwrap().len() == 3,
        "made by Enter only"
    );
    common::presses(&mut app, &mut store, &[KeyCode::Enter]);
    let stored = store.agenda_items(session).unwrap();
    assert_eq!(
        stored[3].item,
        AgendaItem {
            title: "Questions de la salle".into(),
            speaker: None,
            minutes: 60,
            kind: ItemKind::Questions,
        }
    );
    let warning = "dépasse le créneau de la séance de 60 min";
    assert!(
        app.message
            .as_ref()
            .is_some_and(|m| m.text.contains(warning)),
        "{:?}",
        app.message
    );
    assert!(common::screen_text(&app, 80, 24).contains(warning));
    // Edit the new item: 15 minutes over.
    common::presses(
        &mut app,
        &mut store,
        &[KeyCode::Down, KeyCode::Down, KeyCode::Down, KeyCode::Enter],
    );
    common::presses(&mut app, &mut store, &[KeyCode::Tab, KeyCode::Tab]);
    common::typed(&mut app, &mut store, "15");
    common::presses(&mut app, &mut store, &[KeyCode::Esc]);
    assert_eq!(store.agenda_items(session).unwrap()[3].item.minutes, 15);
    assert!(
        common::screen_text(&app, 80, 24).contains("dépasse le créneau de la séance de 15 min")
    );
    common::presses(&mut app, &mut store, &[KeyCode::Char('-')]);
    assert_eq!(titles(&store, session).len(), 3);
    app.message = None;
    assert!(!common::screen_text(&app, 80, 24).contains("dépasse le créneau"));
}

/// The demo's themed day and its short report (`export --session`): participants, interest by
/// sector, next steps; the partner document has counts and no name at all, the full one names
/// the interested.
#[test]
fn the_demo_themed_day_report_is_anonymous_for_partners_and_named_for_the_staff() {
    use passerelle::core::domain::SessionKind;
    let (dir, store) = common::demo_store(Stage::Morning);
    let cohort = store
        .session(store.last_session().unwrap().unwrap())
        .unwrap()
        .cohort_id;
    let day = store
        .list_sessions(cohort)
        .unwrap()
        .into_iter()
        .find(|s| s.kind == SessionKind::ThemedDay)
        .expect("the demo has a themed day");
    assert_eq!(store.agenda_items(day.id).unwrap().len(), 6);
    assert_eq!(store.session_sectors(day.id).unwrap(), [Sector::Btp]);
    let interested = store.interests(day.id).unwrap();
    assert!(!interested.is_empty());
    // Everyone of the cohort, speakers included: no name may reach the partner document.
    let names: Vec<(String, String)> = store
        .list_members(cohort)
        .unwrap()
        .iter()
        .map(|m| (m.person.first_name.clone(), m.person.last_name.clone()))
        .collect();
    drop(store);
    let db = dir.path().join("demo.db");
    let id = day.id.to_string();
    let export = |audience: &str, format: &str| {
        let out = dir.path().join(format!("bilan-{audience}.{format}"));
        let o = common::cli(
            &db,
            &[
                "export",
                "--session",
                &id,
                "--audience",
                audience,
                "--format",
                format,
                "-o",
                out.to_str().unwrap(),
            ],
        );
        assert_eq!(o.status.code(), Some(0), "{}", outputs(&o).1);
        std::fs::read_to_string(out).unwrap()
    };
    for format in ["md", "html"] {
        let partner = export("partner", format);
        assert!(partner.contains("Participants : 15"), "{partner}");
        assert!(partner.contains("Intérêt par secteur"), "{partner}");
        assert!(partner.contains("Suites à donner"), "{partner}");
        for (first, last) in &names {
            assert!(
                !partner.contains(last.as_str()),
                "{first} {last} in the partner {format}"
            );
        }
        let full = export("full", format);
        assert!(full.contains("Personnes intéressées"), "{full}");
        // The staff document names the interested, with their marks.
        assert!(full.contains("Veut candidater"), "{full}");
        let named = names
            .iter()
            .filter(|(_, l)| full.contains(l.as_str()))
            .count();
        assert!(named >= interested.len(), "{full}");
    }
    let o = common::cli(&db, &["export", "--session", &id, "--format", "csv"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(outputs(&o).1.contains("md ou html"));
}

/// The print menu (`i` on Présences) of a themed day offers its programme and writes it.
#[test]
fn the_print_menu_of_a_themed_day_prints_its_programme() {
    use passerelle::ui::screen::Screen;
    use ratatui::crossterm::event::KeyCode;
    let (_d, mut store, mut app, _) = common::themed_day_app(AGENDA);
    let out = tempfile::tempdir().unwrap();
    let path = out.path().join("programme.html");
    app.screen = Screen::Attendance;
    common::press(&mut app, &mut store, KeyCode::Char('i'));
    let screen = common::screen_text(&app, 80, 24);
    assert!(screen.contains("émargement (vierge)"), "{screen}");
    common::press(&mut app, &mut store, KeyCode::Char('4'));
    let screen = common::screen_text(&app, 80, 24);
    assert!(
        screen.contains("programme de la journée thématique"),
        "{screen}"
    );
    for _ in 0..40 {
        common::press(&mut app, &mut store, KeyCode::Backspace);
    }
    common::typed(&mut app, &mut store, &path.display().to_string());
    common::press(&mut app, &mut store, KeyCode::Enter);
    let html = std::fs::read_to_string(&path).unwrap();
    assert!(html.contains("Les métiers du gros œuvre"), "{html}");
    assert!(html.contains("Claire Roux (FFB Vienne)"), "{html}");
}

/// The titles of a session's stored run of show, in order.
fn titles(store: &Store, session: i64) -> Vec<String> {
    store
        .agenda_items(session)
        .unwrap()
        .into_iter()
        .map(|s| s.item.title)
        .collect()
}
