//! The encrypted database (feature `encryption`, SQLCipher): nothing readable without the
//! passphrase — not the file, not its journal, not its copies. Run with
//! `cargo test --features encryption --test encryption`.
#![cfg(feature = "encryption")]

mod common;

use passerelle::core::demo::{self, Stage};
use passerelle::store::{Store, StoreError};

const KEY: &str = "correct horse battery staple";

fn contains(hay: &[u8], needle: &str) -> bool {
    hay.windows(needle.len()).any(|w| w == needle.as_bytes())
}

#[test]
fn an_encrypted_database_holds_no_readable_byte_and_needs_its_passphrase() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("secret.db");
    {
        let mut store = Store::open_keyed(&path, Some(KEY)).unwrap();
        store
            .write_demo(&demo::generate(
                demo::DEFAULT_SEED,
                common::today(),
                Stage::Evening,
            ))
            .unwrap();
        store.daily_backup(common::today()).unwrap();
        store.write_copy(&dir.path().join("copie.db")).unwrap();
    }
    for entry in std::fs::read_dir(dir.path()).unwrap().flatten() {
        let bytes = std::fs::read(entry.path()).unwrap();
        for clear in ["SQLite format 3", "Benali", "Vivonne", "hébergement"] {
            assert!(
                !contains(&bytes, clear),
                "{:?} shows « {clear} »",
                entry.path()
            );
        }
    }
    assert!(matches!(Store::open(&path), Err(StoreError::Encrypted(_))));
    assert!(matches!(
        Store::open_keyed(&path, Some("wrong passphrase")),
        Err(StoreError::WrongKey(_))
    ));
    let store = Store::open_keyed(&path, Some(KEY)).unwrap();
    assert_eq!(store.list_cohorts().unwrap()[0].name, "Promo Vivonne 2026");
    // Its copies open with the same passphrase.
    let copy = passerelle::store::daily_path(&path, common::today());
    passerelle::store::check_file_keyed(&copy, Some(KEY)).unwrap();
    assert!(passerelle::store::check_file(&copy).is_err());
}

#[test]
fn the_command_line_asks_for_the_passphrase_and_refuses_a_wrong_one() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("c.db");
    let run = |args: &[&str], key: Option<&str>| {
        let mut cmd = std::process::Command::new(env!("CARGO_BIN_EXE_passerelle"));
        cmd.args(["--db", db.to_str().unwrap(), "--lang", "fr"])
            .args(args)
            .env("PASSERELLE_TODAY", "2026-10-15")
            .env_remove("PASSERELLE_PASSPHRASE")
            .stdin(std::process::Stdio::null());
        if let Some(k) = key {
            cmd.env("PASSERELLE_PASSPHRASE", k);
        }
        cmd.output().unwrap()
    };
    let out = run(
        &["--encrypt", "demo", "--stage", "evening", "--no-ui"],
        Some(KEY),
    );
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let out = run(&["list"], Some(KEY));
    assert!(String::from_utf8_lossy(&out.stdout).contains("Promo Vivonne 2026"));
    let out = run(&["list"], Some("not the one"));
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("phrase de passe incorrecte"));
    let out = run(&["list"], None);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("chiffrée"));
    // An empty passphrase is said as such, never in SQLCipher's words.
    let out = run(&["list"], Some(""));
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr).into_owned();
    assert!(err.contains("Phrase de passe vide"), "{err}");
    assert_eq!(err.lines().count(), 1, "{err}");
}

#[test]
fn a_short_or_empty_new_passphrase_is_refused_without_calling_the_file_encrypted() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("neuve.db");
    for (key, said) in [("court", "trop courte"), ("", "Phrase de passe vide")] {
        let out = std::process::Command::new(env!("CARGO_BIN_EXE_passerelle"))
            .args(["--db", db.to_str().unwrap(), "--lang", "fr", "--encrypt"])
            .args(["demo", "--no-ui"])
            .env("PASSERELLE_PASSPHRASE", key)
            .stdin(std::process::Stdio::null())
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(2));
        let err = String::from_utf8_lossy(&out.stderr).into_owned();
        assert!(
            err.contains(said) && !err.contains("chiffrée"),
            "{key:?}: {err}"
        );
    }
}
