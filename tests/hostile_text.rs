//! Issue 15, finding 3: terminal escapes, C1 controls, bidi overrides and stray BOMs from an
//! imported roster reach neither the database nor any output. A hostile CSV goes through the
//! real `passerelle import roster`; then every output — `list` human and JSON, the import
//! report, every export format and audience, every printed sheet — is scanned. A second pass
//! writes hostile text straight into the file (as an older version or another tool could have
//! left it) and scans every output again: the exits hold on their own.

mod common;

use std::path::{Path, PathBuf};
use std::process::Output;

use passerelle::core::text::{Lines, is_forbidden};

fn run(db: &Path, dir: &Path, args: &[&str]) -> Output {
    common::cli_in(dir, db.to_str().unwrap_or_default(), args)
}

fn ok(db: &Path, dir: &Path, args: &[&str]) -> Output {
    let out = run(db, dir, args);
    assert!(
        out.status.success(),
        "{args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    out
}

/// What must never be in an output: ESC, BEL and every other control (but the line breaks and
/// tabs a format needs), C1, bidi controls, zero-width and format characters, a BOM but the
/// one a CSV file opens with.
fn hostile_in(bytes: &[u8]) -> Vec<String> {
    let mut found = Vec::new();
    if bytes.contains(&0x1b) {
        found.push("ESC byte".to_string());
    }
    if bytes.contains(&0x07) {
        found.push("BEL byte".to_string());
    }
    let text = String::from_utf8_lossy(bytes);
    for (i, c) in text.char_indices() {
        if c == '\r' || (i == 0 && c == '\u{feff}') {
            continue;
        }
        if is_forbidden(c, Lines::Multi) {
            let at = text[..i].chars().rev().take(30).collect::<String>();
            let at: String = at.chars().rev().collect();
            found.push(format!("U+{:04X} after {at:?}", c as u32));
        }
    }
    found
}

const HOSTILE: [&str; 8] = [
    "\u{1b}]0;pwned\u{7}",
    "\u{1b}]52;c;cm0gLXJmIH4=\u{7}",
    "\u{1b}[2J",
    "\u{9b}31m",
    "\u{7}",
    "\u{202e}",
    "\u{feff}",
    "\u{2066}\u{200b}",
];

fn hostile_csv() -> String {
    let mut csv = String::from("Nom;Prénom;Rôle;Structure;Projet;Zone;Hébergement;Notes SPIP\n");
    for i in 0..60 {
        csv.push_str(&format!(
            "Normal{i};Personne{i};candidat;;soudeur;Vienne;;\n"
        ));
    }
    for (i, h) in HOSTILE.iter().enumerate() {
        // Quoted: the OSC sequences hold `;`.
        csv.push_str(&format!(
            "\"Mé{h}chant{i}\";\"Eve{h}\";candidat;\"Struct{h}\";\"Projet{h}\";\"Zone{h}\";\"Héb{h}\";\"Note{h}\r\nsuite{h}\"\n"
        ));
    }
    // Updates of demo people already in the exports and sheets.
    csv.push_str(&format!(
        "Benali;Yanis;candidat;;\"cariste{}\";;\"foyer{}\";\"JAP{}\"\n",
        HOSTILE[0], HOSTILE[5], HOSTILE[1]
    ));
    csv
}

fn outputs(db: &Path, dir: &Path) -> Vec<(String, Vec<u8>)> {
    let mut got = Vec::new();
    for what in ["cohorts", "sessions", "people"] {
        for json in [false, true] {
            let mut args = vec!["list", what];
            if json {
                args.push("--json");
            }
            got.push((args.join(" "), ok(db, dir, &args).stdout));
        }
    }
    let out_dir = dir.join("out");
    std::fs::create_dir_all(&out_dir).unwrap();
    let mut n = 0;
    for format in ["md", "html", "csv", "json"] {
        for audience in ["partner", "full"] {
            for full_names in [false, true] {
                n += 1;
                let target = out_dir.join(format!("{n}-{audience}.{format}"));
                let mut args = vec![
                    "export",
                    "--session",
                    "6",
                    "--format",
                    format,
                    "--audience",
                    audience,
                    "-o",
                    target.to_str().unwrap(),
                ];
                if full_names {
                    args.push("--full-names");
                }
                let out = ok(db, dir, &args);
                got.push((args.join(" "), [out.stdout, out.stderr].concat()));
            }
        }
    }
    let person = people_ids(db, dir);
    for kind in common::day_sheets() {
        let target = out_dir.join(format!("{kind}.html"));
        let args = [
            "print",
            kind,
            "--session",
            "6",
            "-o",
            target.to_str().unwrap(),
        ];
        let out = ok(db, dir, &args);
        got.push((args.join(" "), [out.stdout, out.stderr].concat()));
    }
    for id in person {
        let target = out_dir.join(format!("person-{id}.html"));
        let id = id.to_string();
        let args = [
            "print",
            "person",
            "--id",
            &id,
            "--by",
            "test",
            "-o",
            target.to_str().unwrap(),
        ];
        let out = ok(db, dir, &args);
        got.push((args.join(" "), [out.stdout, out.stderr].concat()));
    }
    for file in files_under(&out_dir) {
        got.push((file.display().to_string(), std::fs::read(&file).unwrap()));
    }
    got
}

/// Benali and the hostile rows.
fn people_ids(db: &Path, dir: &Path) -> Vec<i64> {
    let out = ok(db, dir, &["list", "people", "--json"]).stdout;
    let v: serde_json::Value = serde_json::from_slice(&out).unwrap();
    v["people"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|p| {
            let last = p["last_name"].as_str().unwrap_or("");
            last == "Benali" || last.starts_with("Mé")
        })
        .map(|p| p["id"].as_i64().unwrap())
        .collect()
}

fn files_under(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    for e in std::fs::read_dir(dir).unwrap() {
        let p = e.unwrap().path();
        if p.is_dir() {
            out.extend(files_under(&p));
        } else {
            out.push(p);
        }
    }
    out
}

fn assert_clean(outputs: &[(String, Vec<u8>)]) {
    let mut bad = Vec::new();
    for (what, bytes) in outputs {
        let found = hostile_in(bytes);
        if !found.is_empty() {
            bad.push(format!(
                "{what}: {}",
                found[..found.len().min(3)].join("; ")
            ));
        }
    }
    assert!(
        bad.is_empty(),
        "hostile characters out:\n{}",
        bad.join("\n")
    );
}

#[test]
fn a_hostile_roster_leaves_no_trace_in_the_file_or_any_output() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("d.db");
    ok(&db, dir.path(), &["demo", "--stage", "evening", "--no-ui"]);
    let csv = dir.path().join("hostile.csv");
    std::fs::write(&csv, hostile_csv()).unwrap();
    let file = csv.to_str().unwrap();
    let mut outs = Vec::new();
    let preview = ok(
        &db,
        dir.path(),
        &["import", "roster", file, "--cohort", "1", "--dry-run"],
    );
    outs.push((
        "import --dry-run".to_string(),
        [preview.stdout, preview.stderr].concat(),
    ));
    let report = ok(
        &db,
        dir.path(),
        &["import", "roster", file, "--cohort", "1", "--session", "6"],
    );
    let said = String::from_utf8_lossy(&report.stdout).to_string();
    outs.push((
        "import".to_string(),
        [report.stdout, report.stderr].concat(),
    ));
    assert!(
        said.contains("68 à ajouter, 1 à mettre à jour"),
        "the hostile rows were imported:\n{said}"
    );

    // Nothing hostile stored.
    let conn = rusqlite::Connection::open(&db).unwrap();
    let stored: Vec<String> = conn
        .prepare(
            "SELECT first_name || last_name || organisation FROM person
             UNION ALL SELECT project || target_area FROM membership
             UNION ALL SELECT housing || judicial_notes FROM candidate_sensitive",
        )
        .unwrap()
        .query_map([], |r| r.get(0))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap();
    assert!(stored.iter().any(|s| s.contains("EveMéchant5")));
    for s in &stored {
        assert!(hostile_in(s.as_bytes()).is_empty(), "stored: {s:?}");
    }
    drop(conn);

    outs.extend(outputs(&db, dir.path()));
    // The hostile text did flow through (its escapes stripped): this test would see them.
    for what in [
        "list people",
        "-full.md",
        "-full.html",
        "emargement.html",
        "person-",
    ] {
        assert!(
            outs.iter()
                .any(|(w, b)| w.contains(what) && String::from_utf8_lossy(b).contains("pwned")),
            "{what}"
        );
    }
    assert_clean(&outs);
}

#[test]
fn hostile_text_already_in_the_file_never_reaches_an_output() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("d.db");
    ok(&db, dir.path(), &["demo", "--stage", "evening", "--no-ui"]);
    // Written behind Passerelle's back: every free-text column gets every hostile sequence.
    let evil: String = HOSTILE.concat();
    let conn = rusqlite::Connection::open(&db).unwrap();
    for (table, columns) in [
        ("cohort", &["name", "establishment", "partners"][..]),
        ("person", &["first_name", "last_name", "organisation"][..]),
        ("membership", &["project", "target_area"][..]),
        ("candidate_sensitive", &["housing", "judicial_notes"][..]),
        ("session", &["place", "title"][..]),
        ("attendance", &["reason"][..]),
        ("panel", &["label", "table_name"][..]),
        ("interview", &["panel_label"][..]),
        (
            "feedback",
            &["panel_label", "strengths", "to_work_on", "advice", "notes"][..],
        ),
        ("proposal", &["detail"][..]),
        ("note", &["text"][..]),
        ("action_item", &["what"][..]),
    ] {
        for c in columns {
            conn.execute(
                &format!("UPDATE {table} SET {c} = {c} || ?1 || 'x' || ?1"),
                [&evil],
            )
            .unwrap();
        }
    }
    drop(conn);
    let outs = outputs(&db, dir.path());
    for what in [
        "list people",
        "-partner.md",
        "-full.csv",
        "-full.json",
        "routes.html",
    ] {
        assert!(
            outs.iter()
                .any(|(w, b)| w.contains(what) && String::from_utf8_lossy(b).contains("pwned")),
            "{what}"
        );
    }
    assert_clean(&outs);
}

/// The TUI shows hostile text already in a file without its escapes, bidi or zero-width
/// characters (ratatui skips controls; the rest must not reach the terminal either: without
/// `CleanBackend`, U+202E, the BOM and U+2066 reached the cells of every screen).
#[test]
fn the_screens_show_no_hostile_character() {
    use passerelle::i18n::{Lang, Tr};
    use passerelle::store::Store;
    use passerelle::ui::App;
    use passerelle::ui::data::Data;
    use passerelle::ui::screen::Screen;
    use passerelle::ui::theme::Theme;
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("d.db");
    ok(&db, dir.path(), &["demo", "--stage", "evening", "--no-ui"]);
    let evil: String = HOSTILE.concat();
    let conn = rusqlite::Connection::open(&db).unwrap();
    for (table, column) in [
        ("cohort", "name"),
        ("person", "first_name"),
        ("person", "last_name"),
        ("membership", "project"),
        ("session", "title"),
        ("panel", "label"),
        ("feedback", "strengths"),
        ("proposal", "detail"),
    ] {
        conn.execute(
            &format!("UPDATE {table} SET {column} = {column} || ?1 || 'x'"),
            [&evil],
        )
        .unwrap();
    }
    drop(conn);
    let store = Store::open(&db).unwrap();
    let data = Data::load(&store, None).unwrap();
    let now = chrono::NaiveDate::from_ymd_opt(2026, 10, 15)
        .unwrap()
        .and_hms_opt(18, 0, 0)
        .unwrap();
    let mut app = App::new(Tr::new(Lang::Fr), Theme { no_color: true }, data, now);
    for screen in Screen::ALL {
        app.screen = screen;
        // What the screen's last filter passes on to the terminal.
        let backend =
            passerelle::ui::run::CleanBackend(ratatui::backend::TestBackend::new(120, 40));
        let mut terminal = ratatui::Terminal::new(backend).unwrap();
        terminal.draw(|f| passerelle::ui::draw(&app, f)).unwrap();
        let mut text = String::new();
        for cell in terminal.backend().0.buffer().content() {
            text.push_str(cell.symbol());
        }
        let found = hostile_in(text.as_bytes());
        assert!(found.is_empty(), "{screen:?}: {found:?}");
    }
}
