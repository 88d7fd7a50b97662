//! Shared fixtures: the demo day in a temporary database, a fixed clock.
#![allow(dead_code)]

use chrono::{NaiveDate, NaiveDateTime};
use passerelle::core::demo::{self, Stage};
use passerelle::i18n::{Lang, Tr};
use passerelle::store::Store;
use passerelle::ui::App;
use passerelle::ui::data::Data;
use passerelle::ui::theme::Theme;

/// The demo's « today ».
pub fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 10, 15).unwrap()
}

/// 09:10 on the demo day: attendance being taken.
pub fn morning() -> NaiveDateTime {
    today().and_hms_opt(9, 10, 0).unwrap()
}

/// A store holding the demo, in a temporary directory.
pub fn demo_store(stage: Stage) -> (tempfile::TempDir, Store) {
    let dir = tempfile::tempdir().unwrap();
    let store = demo_at(&dir.path().join("demo.db"), stage);
    (dir, store)
}

/// The demo written into a new database at `path` (another laptop's file).
pub fn demo_at(path: &std::path::Path, stage: Stage) -> Store {
    let mut store = Store::open(path).unwrap();
    store
        .write_demo(&demo::generate(demo::DEFAULT_SEED, today(), stage))
        .unwrap();
    store
}

/// The morning demo with its binômes composed but no plan yet (tests of generating one).
pub fn unplanned_store() -> (tempfile::TempDir, Store) {
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::open(&dir.path().join("demo.db")).unwrap();
    let mut day = demo::generate(demo::DEFAULT_SEED, today(), Stage::Morning);
    day.plan.clear();
    store.write_demo(&day).unwrap();
    (dir, store)
}

/// The application on the morning demo without a plan, on Présences.
pub fn unplanned_app(lang: Lang) -> (tempfile::TempDir, Store, App) {
    let (dir, store) = unplanned_store();
    let data = Data::load(&store, None).unwrap();
    let app = App::new(Tr::new(lang), Theme { no_color: true }, data, morning());
    (dir, store, app)
}

/// The application on the demo day, as the facilitator finds it in the morning.
pub fn demo_app(lang: Lang) -> (tempfile::TempDir, Store, App) {
    let (dir, store) = demo_store(Stage::Morning);
    let data = Data::load(&store, None).unwrap();
    let app = App::new(Tr::new(lang), Theme { no_color: true }, data, morning());
    (dir, store, app)
}

/// The application on an empty database.
pub fn empty_app(lang: Lang) -> (tempfile::TempDir, Store, App) {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(&dir.path().join("empty.db")).unwrap();
    let data = Data::load(&store, None).unwrap();
    let app = App::new(Tr::new(lang), Theme { no_color: true }, data, morning());
    (dir, store, app)
}

/// Sends a key event through `update` and carries out its effects, as the event loop does.
pub fn key(app: &mut App, store: &mut Store, ev: ratatui::crossterm::event::KeyEvent) {
    let now = app.now;
    for e in passerelle::ui::update(app, passerelle::ui::Event::Key(ev), now) {
        passerelle::ui::effects::apply(store, app, e);
    }
}

/// Presses a key without modifiers.
pub fn press(app: &mut App, store: &mut Store, code: ratatui::crossterm::event::KeyCode) {
    use ratatui::crossterm::event::{KeyEvent, KeyModifiers};
    key(app, store, KeyEvent::new(code, KeyModifiers::NONE));
}

/// Presses keys without modifiers, one after the other.
pub fn presses(app: &mut App, store: &mut Store, codes: &[ratatui::crossterm::event::KeyCode]) {
    for c in codes {
        press(app, store, *c);
    }
}

/// Types text, one key a character.
pub fn typed(app: &mut App, store: &mut Store, text: &str) {
    for c in text.chars() {
        press(app, store, ratatui::crossterm::event::KeyCode::Char(c));
    }
}

/// Lets the debounce run out, as the event loop does.
pub fn settle(app: &mut App, store: &mut Store) {
    let later = app.now + chrono::Duration::seconds(1);
    for e in passerelle::ui::update(app, passerelle::ui::Event::Tick, later) {
        passerelle::ui::effects::apply(store, app, e);
    }
}

/// The application on the demo day's evening (all feedback captured), on `screen`.
pub fn evening_app(lang: Lang) -> (tempfile::TempDir, Store, App) {
    let (dir, store) = demo_store(Stage::Evening);
    let data = Data::load(&store, None).unwrap();
    let mut app = App::new(Tr::new(lang), Theme { no_color: true }, data, evening());
    app.message = None;
    (dir, store, app)
}

/// 18:00 on the demo day: the grand oral material is ready.
pub fn evening() -> NaiveDateTime {
    today().and_hms_opt(18, 0, 0).unwrap()
}

/// The real binary on `db` in French (`PASSERELLE_LANG`), whatever `PASSERELLE_DB` says.
pub fn cli(db: &std::path::Path, args: &[&str]) -> std::process::Output {
    std::process::Command::new(env!("CARGO_BIN_EXE_passerelle"))
        .arg("--db")
        .arg(db)
        .args(args)
        .env("PASSERELLE_LANG", "fr")
        .env_remove("PASSERELLE_DB")
        .output()
        .expect("the binary runs")
}

/// The real binary run from `cwd` on `db` (as typed), in French, on the demo's evening
/// (2026-10-15 18:00), without colours and without a terminal on its input.
pub fn cli_in(cwd: &std::path::Path, db: &str, args: &[&str]) -> std::process::Output {
    std::process::Command::new(env!("CARGO_BIN_EXE_passerelle"))
        .current_dir(cwd)
        .args(["--db", db, "--lang", "fr"])
        .args(args)
        .env("PASSERELLE_TODAY", "2026-10-15")
        .env("PASSERELLE_NOW", "2026-10-15T18:00:00")
        .env("NO_COLOR", "1")
        .stdin(std::process::Stdio::null())
        .output()
        .expect("the binary runs")
}

/// The codes of the sheets a day prints, all but « modifications » (which needs a printed plan).
pub fn day_sheets() -> Vec<&'static str> {
    use passerelle::export::sheets::Sheet;
    Sheet::ALL
        .into_iter()
        .filter(|s| *s != Sheet::Changes)
        .map(Sheet::code)
        .collect()
}

/// The screen as text (TestBackend).
pub fn screen_text(app: &App, w: u16, h: u16) -> String {
    let mut terminal = ratatui::Terminal::new(ratatui::backend::TestBackend::new(w, h)).unwrap();
    terminal.draw(|f| passerelle::ui::draw(app, f)).unwrap();
    terminal.backend().to_string()
}

/// The application on whatever `store` holds, at the demo morning's clock.
pub fn app_of(store: &Store, lang: Lang) -> App {
    let data = Data::load(store, None).unwrap();
    App::new(Tr::new(lang), Theme { no_color: true }, data, morning())
}

/// A store holding the demo's follow-up stage: the evening six weeks before `today()`, contacts,
/// two releases, outcomes and a mentor.
pub fn followup_store() -> (tempfile::TempDir, Store) {
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::open(&dir.path().join("demo.db")).unwrap();
    let (day, fu) = demo::followup::generate_followup(demo::DEFAULT_SEED, today());
    store.write_followup_demo(&day, &fu).unwrap();
    (dir, store)
}

/// The application on the follow-up stage at 10:00 `today()`, on Suivi.
pub fn followup_app(lang: Lang) -> (tempfile::TempDir, Store, App) {
    let (dir, store) = followup_store();
    let data = Data::load(&store, None).unwrap();
    let now = today().and_hms_opt(10, 0, 0).unwrap();
    let mut app = App::new(Tr::new(lang), Theme { no_color: true }, data, now);
    app.screen = passerelle::ui::screen::Screen::Followup;
    app.message = None;
    (dir, store, app)
}

/// Takes away what migration 21 (stable ids) added — the uid columns, their indexes and triggers,
/// the database id — so that a file written by today's writer can stand for a file of schema 20
/// or older (the caller sets `user_version`).
pub fn undo_stable_ids(conn: &rusqlite::Connection) {
    let tables = conn
        // The tables migration 21 gave a uid are those with its fill trigger (sync's own tables
        // have a uid key of their own and stay).
        .prepare("SELECT tbl_name FROM sqlite_master WHERE type = 'trigger' AND name = tbl_name || '_uid_fill'")
        .unwrap()
        .query_map([], |r| r.get::<_, String>(0))
        .unwrap()
        .collect::<Result<Vec<_>, _>>()
        .unwrap();
    for t in tables {
        conn.execute_batch(&format!(
            "DROP TRIGGER IF EXISTS {t}_uid_fill; DROP INDEX IF EXISTS {t}_uid;
                 ALTER TABLE {t} DROP COLUMN uid;"
        ))
        .unwrap();
    }
    conn.execute_batch("DELETE FROM app_state WHERE key = 'database_id';")
        .unwrap();
}

/// The first worklist line of a released candidate (one with an outcome): (line, candidate).
pub fn released_on_worklist(app: &App) -> (usize, i64) {
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

/// Takes away what migration 17 (the candidate's path) added, and 0021 and 0022 after it, so
/// that a file written by today's writer can stand for a file of an older schema (the caller
/// sets `user_version`).
pub fn undo_path_schema(store: &Store) {
    undo_stable_ids_and_sync(store);
    store
        .connection()
        .execute_batch(
            "DROP TABLE status_change; DROP TABLE funnel_tally;
             DROP TABLE cohort_target; DROP TABLE session_end;",
        )
        .unwrap();
}

/// Takes away what migrations 0021 (stable ids) and 0022 (sync) add, so that a file written by
/// today's schema can be taken back to an older version and migrated again.
pub fn undo_stable_ids_and_sync(store: &Store) {
    undo_stable_ids(store.connection());
    store
        .connection()
        .execute_batch(
            "DROP TABLE sync_batch; DROP TABLE sync_peer; DROP TABLE sync_alias;
             DROP TABLE sync_conflict; DROP TABLE attendance_mark;",
        )
        .unwrap();
}

/// A themed day added to the demo's cohort, the day after the demo day; its session id.
pub fn themed_day(store: &mut Store) -> i64 {
    use passerelle::core::domain::{Session, SessionKind};
    let cohort_id = store
        .session(store.last_session().unwrap().unwrap())
        .unwrap()
        .cohort_id;
    store
        .insert_session(&Session {
            id: 0,
            cohort_id,
            kind: SessionKind::ThemedDay,
            date: today().succ_opt().unwrap(),
            start_time: chrono::NaiveTime::from_hms_opt(9, 30, 0),
            place: "Salle polyvalente".into(),
            title: "Journée bâtiment".into(),
        })
        .unwrap()
}

/// The demo with a themed day in use whose run of show is `toml` (imported as the CLI does); the
/// app opens on it at the demo morning's clock.
pub fn themed_day_app(toml: &str) -> (tempfile::TempDir, Store, App, i64) {
    let (dir, mut store) = demo_store(Stage::Morning);
    let session = themed_day(&mut store);
    let items = passerelle::core::agenda::parse(toml.as_bytes()).unwrap();
    let cohort = store.session(session).unwrap().cohort_id;
    let links =
        passerelle::core::agenda::speaker_links(&items, &store.list_members(cohort).unwrap());
    store.import_agenda(session, &items, &links).unwrap();
    store.set_last_session(session).unwrap();
    let mut app = app_of(&store, Lang::Fr);
    app.message = None;
    (dir, store, app, session)
}

/// The themed day of [`themed_day_app`] presenting BTP and métallurgie, with the cohort's first
/// `n` candidates on its list (their ids returned); the app on Journée.
pub fn themed_day_with_participants(
    toml: &str,
    n: usize,
) -> (tempfile::TempDir, Store, App, i64, Vec<i64>) {
    use passerelle::core::domain::{Role, Sector};
    let (dir, mut store, _, session) = themed_day_app(toml);
    store
        .set_session_sectors(session, &[Sector::Btp, Sector::Metalwork])
        .unwrap();
    let cohort = store.session(session).unwrap().cohort_id;
    let people: Vec<i64> = store
        .list_members(cohort)
        .unwrap()
        .iter()
        .filter(|m| m.role == Role::Candidate)
        .take(n)
        .map(|m| m.person.id)
        .collect();
    store.set_expected(session, &people, true).unwrap();
    let mut app = app_of(&store, Lang::Fr);
    app.message = None;
    app.screen = passerelle::ui::screen::Screen::Day;
    (dir, store, app, session, people)
}

/// A new cohort with only a name (id 0: to insert).
pub fn named_cohort(name: &str) -> passerelle::core::domain::Cohort {
    passerelle::core::domain::Cohort {
        id: 0,
        name: name.into(),
        establishment: String::new(),
        start_date: None,
        end_date: None,
        partners: String::new(),
        archived: false,
    }
}

/// A new candidate with only a name, as the roster form would create her.
pub fn candidate(first: &str, last: &str) -> passerelle::core::domain::NewMember {
    passerelle::core::domain::NewMember {
        first_name: first.into(),
        last_name: last.into(),
        role: Some(passerelle::core::domain::Role::Candidate),
        ..Default::default()
    }
}

/// Two laptops: the demo in `a.db`, and `b.db` copied from it the evening before, each with its
/// sync base taken as the application and the commands do before their first write (issue 23).
pub fn two_laptops(stage: Stage) -> (tempfile::TempDir, Store, Store) {
    let (dir, a) = demo_store(stage);
    a.ensure_sync_base().unwrap();
    let b_path = dir.path().join("b.db");
    a.write_copy(&b_path).unwrap();
    let b = Store::open(&b_path).unwrap();
    b.ensure_sync_base().unwrap();
    (dir, a, b)
}
