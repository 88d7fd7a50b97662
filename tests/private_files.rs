//! Every file Passerelle writes is readable by its user only (#21): 0600 modes on unix, an explicit
//! owner + SYSTEM ACL on Windows (this test runs under Wine in tests/windows-check.sh). The
//! database, its copies, every export format and every printed sheet, written by the real binary.

mod common;

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use passerelle::platform::is_private;
#[cfg(unix)]
use passerelle::platform::{Protection, restrict_to_owner};

fn passerelle(db: &Path, cwd: &Path, args: &[&str]) -> Output {
    let out = Command::new(env!("CARGO_BIN_EXE_passerelle"))
        .current_dir(cwd)
        .arg("--db")
        .arg(db)
        .args(args)
        .env("PASSERELLE_LANG", "fr")
        .env("PASSERELLE_TODAY", "2026-10-15")
        .env("PASSERELLE_NOW", "2026-10-15T18:05:00")
        .env_remove("PASSERELLE_DB")
        .output()
        .expect("the binary runs");
    assert!(
        out.status.success(),
        "{args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    out
}

fn files_under(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap().flatten() {
        let path = entry.path();
        if path.is_dir() {
            files_under(&path, out);
        } else {
            out.push(path);
        }
    }
}

#[test]
fn every_file_written_is_readable_by_its_user_only() {
    let home = tempfile::tempdir().unwrap();
    // The data folder is Passerelle's own: created by it, private too.
    let data = home.path().join("data");
    let db = data.join("passerelle.db");
    // Exports go where the user says: an ordinary folder, not made private by us.
    let out = home.path().join("out");
    std::fs::create_dir(&out).unwrap();

    passerelle(
        &db,
        &out,
        &["demo", "--seed", "3", "--stage", "evening", "--no-ui"],
    );
    passerelle(&db, &out, &["backup", "-o", "copie.db"]);
    passerelle(&db, &out, &["backup"]);
    for (format, name) in [
        ("html", "oral.html"),
        ("md", "oral.md"),
        ("csv", "oral.csv"),
        ("json", "oral.json"),
    ] {
        passerelle(&db, &out, &["export", "--format", format, "-o", name]);
        passerelle(
            &db,
            &out,
            &[
                "export",
                "--format",
                format,
                "--audience",
                "full",
                "-o",
                &format!("interne-{name}"),
            ],
        );
    }
    for kind in common::day_sheets() {
        passerelle(&db, &out, &["print", kind]);
    }
    let people = passerelle(&db, &out, &["list", "people", "--json"]);
    let people: serde_json::Value = serde_json::from_slice(&people.stdout).unwrap();
    let id = people["people"]
        .as_array()
        .and_then(|a| a.first())
        .and_then(|p| p["id"].as_i64())
        .expect("a person id");
    passerelle(
        &db,
        &out,
        &[
            "print",
            "person",
            "--id",
            &id.to_string(),
            "-o",
            "fiche.html",
        ],
    );

    let mut files = Vec::new();
    files_under(home.path(), &mut files);
    let names: Vec<String> = files
        .iter()
        .map(|f| f.file_name().unwrap().to_string_lossy().into_owned())
        .collect();
    // Enough was written for the check to mean something.
    for want in [
        "passerelle.db",
        "copie.db",
        "oral.html",
        "oral.md",
        "oral.csv",
        "oral-propositions.csv",
        "oral-textes.csv",
        "oral.json",
        "interne-oral.html",
        "fiche.html",
    ] {
        assert!(names.iter().any(|n| n == want), "{want} missing: {names:?}");
    }
    assert!(names.len() >= 20, "{} files: {names:?}", names.len());
    if passerelle::platform::running_under_wine() {
        // Mainline Wine keeps no ACL: it turns ours into unix modes and reads back an SD made from
        // them. tests/windows-check.sh checks from Linux that every file the exe wrote went through it.
        eprintln!(
            "under Wine: {} files written, ACLs checked by tests/windows-check.sh",
            files.len()
        );
        return;
    }
    let open: Vec<&PathBuf> = files.iter().filter(|f| !is_private(f)).collect();
    assert!(open.is_empty(), "readable by others: {open:?}");
    assert!(is_private(&data), "the data folder");

    // The check is not a rubber stamp: a file readable by others is seen as such (on Windows, the
    // unit tests of src/platform/windows.rs grant Everyone and read it back).
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mine = out.join("mine.txt");
        std::fs::write(&mine, "x").unwrap();
        std::fs::set_permissions(&mine, std::fs::Permissions::from_mode(0o644)).unwrap();
        assert!(!is_private(&mine), "a file readable by everyone");
        assert_eq!(restrict_to_owner(&mine).unwrap(), Protection::Private);
        assert!(is_private(&mine));
    }
}
