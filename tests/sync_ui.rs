//! « Synchroniser » on Journée (issue 23, key `y`): the view at 80×24 and 120×40 (French) and
//! 80×24 (English), a bundle's preview and its result, and two laptops merged through the view.

mod common;

use std::path::{Path, PathBuf};

use chrono::{NaiveDateTime, TimeZone};
use passerelle::core::demo::Stage;
use passerelle::i18n::Lang;
use passerelle::store::Store;
use passerelle::ui::App;
use ratatui::crossterm::event::KeyCode;

fn at(h: u32, m: u32) -> NaiveDateTime {
    common::today().and_hms_opt(h, m, 0).unwrap()
}

/// The application on `store` at `now`, with « Synchroniser » open on `folder`.
fn sync_app(store: &mut Store, lang: Lang, now: NaiveDateTime, folder: &Path) -> App {
    let mut app = common::app_of(store, lang);
    app.now = now;
    common::presses(&mut app, store, &[KeyCode::Char('1'), KeyCode::Char('y')]);
    common::press(&mut app, store, KeyCode::Char('d'));
    // The field holds the default folder, selected: typing replaces it.
    common::typed(&mut app, store, &folder.display().to_string());
    common::press(&mut app, store, KeyCode::Enter);
    app
}

fn listing(app: &App) -> &passerelle::ui::screens::day::sync::SyncListing {
    app.day
        .sync
        .as_ref()
        .and_then(|v| v.listing.as_ref())
        .expect("the folder was read")
}

fn preview(app: &App) -> &passerelle::ui::screens::day::sync::SyncPreview {
    app.day
        .sync
        .as_ref()
        .and_then(|v| v.preview.as_ref())
        .expect("a preview is open")
}

/// Gives the newest bundle in `folder` a fixed date, so the list does not depend on the clock.
fn date_newest(folder: &Path, when: NaiveDateTime) -> PathBuf {
    let newest = std::fs::read_dir(folder)
        .unwrap()
        .flatten()
        .map(|e| e.path())
        .max_by_key(|p| std::fs::metadata(p).unwrap().modified().unwrap())
        .unwrap();
    let t = chrono::Local.from_local_datetime(&when).unwrap();
    std::fs::File::options()
        .write(true)
        .open(&newest)
        .unwrap()
        .set_modified(t.into())
        .unwrap();
    newest
}

/// The screen with the folder shown as a stick's, whatever the temporary folder is called.
fn shown(app: &mut App, w: u16, h: u16) -> String {
    if let Some(l) = app.day.sync.as_mut().and_then(|v| v.listing.as_mut()) {
        l.folder = PathBuf::from("/media/formateur/CLE");
        l.on_stick = true;
    }
    app.message = None;
    common::screen_text(app, w, h)
}

/// Laptop A sent its bundle at 17:00, laptop B (a new participant typed there) at 17:30; A opens
/// the view at 18:00.
fn two_bundles() -> (tempfile::TempDir, Store, Store, PathBuf) {
    let (dir, mut a, mut b) = common::sync::two_rooms(Stage::Morning);
    let cohort = common::app_of(&a, Lang::Fr).data.cohort.unwrap();
    b.insert_member(cohort, &common::candidate("Inès", "Nouvelle"))
        .unwrap();
    let folder = dir.path().join("cle");
    std::fs::create_dir(&folder).unwrap();
    let mut app_a = sync_app(&mut a, Lang::Fr, at(17, 0), &folder);
    common::press(&mut app_a, &mut a, KeyCode::Char('e'));
    date_newest(&folder, at(17, 0));
    let mut app_b = sync_app(&mut b, Lang::Fr, at(17, 30), &folder);
    common::press(&mut app_b, &mut b, KeyCode::Char('e'));
    date_newest(&folder, at(17, 30));
    (dir, a, b, folder)
}

#[test]
fn the_view_lists_the_bundles_newest_first_then_previews_and_merges_one() {
    let (_dir, mut a, _b, folder) = two_bundles();
    let mut app = sync_app(&mut a, Lang::Fr, at(18, 0), &folder);
    let names: Vec<&str> = listing(&app)
        .files
        .iter()
        .map(|f| f.name.as_str())
        .collect();
    assert_eq!(
        names,
        [
            "passerelle-2026-10-15-173000.passerelle",
            "passerelle-2026-10-15-170000.passerelle"
        ]
    );
    for (w, h) in [(80, 24), (120, 40)] {
        insta::assert_snapshot!(format!("fr_sync_{w}x{h}"), shown(&mut app, w, h));
    }
    common::press(&mut app, &mut a, KeyCode::Enter);
    assert!(preview(&app).can_apply);
    for (w, h) in [(80, 24), (120, 40)] {
        insta::assert_snapshot!(format!("fr_sync_preview_{w}x{h}"), shown(&mut app, w, h));
    }
    common::press(&mut app, &mut a, KeyCode::Enter);
    assert!(preview(&app).applied);
    for (w, h) in [(80, 24), (120, 40)] {
        insta::assert_snapshot!(format!("fr_sync_applied_{w}x{h}"), shown(&mut app, w, h));
    }
}

#[test]
fn the_view_in_english() {
    let (_dir, mut a, _b, folder) = two_bundles();
    let mut app = sync_app(&mut a, Lang::En, at(18, 0), &folder);
    insta::assert_snapshot!("en_sync_80x24", shown(&mut app, 80, 24));
    common::press(&mut app, &mut a, KeyCode::Enter);
    insta::assert_snapshot!("en_sync_preview_80x24", shown(&mut app, 80, 24));
}

/// Export on one laptop, import on the other, both through the view: the new participant is in
/// both files and on every tab, and a second import changes nothing.
#[test]
fn export_then_import_through_the_view_merges_two_files() {
    let (dir, mut a, mut b) = common::sync::two_rooms(Stage::Morning);
    let cohort = common::app_of(&a, Lang::Fr).data.cohort.unwrap();
    b.insert_member(cohort, &common::candidate("Inès", "Nouvelle"))
        .unwrap();
    let folder = dir.path().join("stick");
    let mut app_b = sync_app(&mut b, Lang::Fr, at(17, 30), &folder);
    assert!(!listing(&app_b).exists, "made at the first export");
    common::press(&mut app_b, &mut b, KeyCode::Char('e'));
    let text = app_b.message.as_ref().unwrap().text.clone();
    assert!(text.starts_with("Paquet écrit : "), "{text}");
    assert!(text.contains("(1 lot(s))"), "{text}");
    let file = &listing(&app_b).files[0];
    assert!(file.name.starts_with("passerelle-2026-10-15-"));
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = |p: &Path| std::fs::metadata(p).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode(&folder), 0o700);
        assert_eq!(mode(&file.path), 0o600);
    }
    assert!(b.wrote(&file.path), "in the register, for purge");

    let mut app_a = sync_app(&mut a, Lang::Fr, at(18, 0), &folder);
    let has = |app: &App| {
        app.data
            .members
            .iter()
            .any(|m| m.person.last_name == "Nouvelle")
    };
    assert!(!has(&app_a));
    common::press(&mut app_a, &mut a, KeyCode::Enter);
    assert!(preview(&app_a).lines[0].starts_with("À fusionner : 1 lot(s)"));
    common::press(&mut app_a, &mut a, KeyCode::Enter);
    assert!(has(&app_a), "the data were loaded again");
    common::press(&mut app_a, &mut a, KeyCode::Esc);
    assert_eq!(listing(&app_a).outbox.peers.len(), 1, "B heard from");

    // Again: already here, nothing to merge; Enter goes back to the list.
    common::press(&mut app_a, &mut a, KeyCode::Enter);
    assert!(!preview(&app_a).can_apply);
    assert!(
        preview(&app_a)
            .lines
            .iter()
            .any(|l| l.starts_with("Rien de nouveau"))
    );
    common::press(&mut app_a, &mut a, KeyCode::Enter);
    assert!(app_a.day.sync.as_ref().unwrap().preview.is_none());
}

/// Opens the preview of the bundle called `name`.
fn open_named(app: &mut App, store: &mut Store, name: &str) -> Vec<String> {
    let at = listing(app)
        .files
        .iter()
        .position(|f| f.name == name)
        .unwrap();
    app.day.sync.as_mut().unwrap().cursor = at;
    common::press(app, store, KeyCode::Enter);
    let p = preview(app);
    assert!(!p.can_apply, "{name}: {:?}", p.lines);
    let lines = p.lines.clone();
    common::press(app, store, KeyCode::Esc);
    lines
}

/// Not a bundle, another schema, a cut file: the command line's sentence, nothing to merge.
/// Then a read-only window: the merge and the send are refused with its sentence.
#[test]
fn a_bad_file_says_so_and_a_read_only_window_refuses_to_write() {
    let (dir, mut a, mut b) = common::sync::two_rooms(Stage::Morning);
    let folder = dir.path().join("cle");
    std::fs::create_dir(&folder).unwrap();
    std::fs::write(folder.join("abime.passerelle"), b"pas un paquet").unwrap();
    let cohort = common::app_of(&a, Lang::Fr).data.cohort.unwrap();
    b.insert_member(cohort, &common::candidate("Inès", "Nouvelle"))
        .unwrap();
    let good = b.sync_export(0, at(17, 0)).unwrap().bytes;
    let mut other = passerelle::core::sync::decode_bundle(&good).unwrap();
    other.header.schema += 1;
    let other = passerelle::core::sync::encode_bundle(&other);
    std::fs::write(folder.join("autre.passerelle"), other).unwrap();
    std::fs::write(folder.join("coupe.passerelle"), &good[..good.len() - 1]).unwrap();
    let before = a.sync_outbox().unwrap();
    let mut app = sync_app(&mut a, Lang::Fr, at(18, 0), &folder);
    let said = open_named(&mut app, &mut a, "abime.passerelle");
    assert!(
        said[0].contains("n'est pas un paquet de synchronisation"),
        "{said:?}"
    );
    let said = open_named(&mut app, &mut a, "autre.passerelle");
    assert!(
        said[0].contains("une autre version de Passerelle"),
        "{said:?}"
    );
    let said = open_named(&mut app, &mut a, "coupe.passerelle");
    assert!(said[0].contains("abîmé ou incomplet"), "{said:?}");

    std::fs::write(folder.join("bon.passerelle"), &good).unwrap();
    common::press(&mut app, &mut a, KeyCode::Char('d'));
    common::typed(&mut app, &mut a, &folder.display().to_string());
    common::press(&mut app, &mut a, KeyCode::Enter);
    app.read_only = true;
    let at_good = listing(&app)
        .files
        .iter()
        .position(|f| f.name == "bon.passerelle");
    app.day.sync.as_mut().unwrap().cursor = at_good.unwrap();
    common::press(&mut app, &mut a, KeyCode::Enter);
    assert!(preview(&app).can_apply, "a read-only window may look");
    common::press(&mut app, &mut a, KeyCode::Enter);
    assert!(
        app.message
            .as_ref()
            .unwrap()
            .text
            .starts_with("Lecture seule")
    );
    assert_eq!(a.sync_outbox().unwrap(), before, "nothing merged");
    common::press(&mut app, &mut a, KeyCode::Esc);
    common::press(&mut app, &mut a, KeyCode::Char('e'));
    assert!(
        app.message
            .as_ref()
            .unwrap()
            .text
            .starts_with("Lecture seule")
    );
    assert_eq!(
        std::fs::read_dir(&folder).unwrap().count(),
        4,
        "nothing written"
    );
}

/// A row changed on both laptops: the preview lists the conflict with the command line's
/// sentence, one line, before anything is merged.
#[test]
fn the_preview_lists_each_conflict_on_a_line_of_its_own() {
    let (dir, mut a, mut b) = common::sync::two_rooms(Stage::Morning);
    let session = common::app_of(&a, Lang::Fr).data.session.unwrap();
    for (store, place) in [(&a, "Salle A"), (&b, "Salle B")] {
        store
            .connection()
            .execute(
                "UPDATE session SET place = ?1 WHERE id = ?2",
                rusqlite::params![place, session],
            )
            .unwrap();
    }
    let folder = dir.path().join("cle");
    let mut app_b = sync_app(&mut b, Lang::Fr, at(17, 30), &folder);
    common::press(&mut app_b, &mut b, KeyCode::Char('e'));
    let mut app_a = sync_app(&mut a, Lang::Fr, at(18, 0), &folder);
    common::press(&mut app_a, &mut a, KeyCode::Enter);
    let lines = &preview(&app_a).lines;
    assert!(lines[0].contains("1 conflit(s)"), "{lines:?}");
    assert!(
        lines[1].starts_with("  conflit, session ") && lines[1].contains("Salle B"),
        "{lines:?}"
    );
}
