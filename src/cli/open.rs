//! Opening the database for a command, and the one sentence each way it can fail.

use std::path::{Path, PathBuf};

use super::*;

/// Opens the database for a command: a file made private is said once on stderr.
pub(super) fn open_store(tr: Tr, path: &Path, encrypt: bool) -> Result<Store, StoreError> {
    let store = open_store_for_ui(tr, path, encrypt)?;
    if store.made_private() {
        eprintln!(
            "passerelle: {}",
            tr.tf("open.made_private", &[("path", &path.display())])
        );
    }
    Ok(store)
}

/// Before a command writes: `quick_check` when the file is small enough for it to be quick.
/// A damaged file is refused with the restore sentence (the exit code), nothing written.
pub(super) fn checked(tr: Tr, path: &Path, store: &Store) -> Option<i32> {
    match store.quick_check_if_small() {
        Ok(None) => {
            // A sound file about to be written takes its sync base when it has none (best
            // effort: without it, the first sync sends every row, which a peer ignores).
            let _ = store.ensure_sync_base();
            None
        }
        Ok(Some(what)) => Some(damaged(tr, path, &what)),
        Err(e) => Some(damaged(tr, path, &e.to_string())),
    }
}

/// Opens the database; an encrypted one (feature `encryption`) asks for its passphrase, and
/// `--encrypt` on a new file creates it encrypted after asking for a passphrase twice. The
/// application says itself when the file was made private (in its status line).
pub(super) fn open_store_for_ui(tr: Tr, path: &Path, encrypt: bool) -> Result<Store, StoreError> {
    let new = std::fs::metadata(path).map_or(true, |m| m.len() == 0);
    if encrypt {
        if !cfg!(feature = "encryption") {
            return Err(StoreError::Encrypted(path.to_path_buf()));
        }
        if !new {
            // An existing file keeps its state: encrypted ones ask below, clear ones stay clear.
            return open_existing(tr, path);
        }
        let key = crypto::new_passphrase(tr).map_err(StoreError::Passphrase)?;
        return Store::open_keyed(path, Some(&key));
    }
    open_existing(tr, path)
}

pub(super) fn open_existing(tr: Tr, path: &Path) -> Result<Store, StoreError> {
    match Store::open(path) {
        Err(StoreError::Encrypted(_)) if cfg!(feature = "encryption") => {
            let key = crypto::passphrase(tr).map_err(StoreError::Passphrase)?;
            Store::open_keyed(path, Some(&key))
        }
        other => other,
    }
}

/// The passphrase of an existing encrypted database, if it is one (for restore).
pub(super) fn passphrase_for(tr: Tr, path: &Path) -> Option<String> {
    match Store::open(path) {
        Err(StoreError::Encrypted(_)) if cfg!(feature = "encryption") => {
            crypto::passphrase(tr).ok()
        }
        _ => None,
    }
}

/// A damaged database: say so, name the newest daily copy and how to restore it.
pub(super) fn damaged(tr: Tr, path: &Path, what: &str) -> i32 {
    let last = crate::store::daily_copies(path).into_iter().next();
    eprintln!(
        "passerelle: {}",
        tr.tf(
            "cli.err_damaged",
            &[("path", &path.display()), ("what", &what)]
        )
    );
    if let Some(copy) = last {
        eprintln!(
            "{}",
            tr.tf("cli.restore_hint", &[("copy", &copy.display())])
        );
    }
    2
}

/// One sentence for each reason a passphrase could not be used.
pub(super) fn passphrase_text(
    tr: Tr,
    p: crate::store::Passphrase,
    path: &dyn std::fmt::Display,
) -> String {
    use crate::store::Passphrase as P;
    match p {
        P::Empty => tr.t("open.passphrase_empty").to_string(),
        P::Short => tr.t("open.passphrase_short").to_string(),
        P::Differ => tr.t("open.passphrase_differ").to_string(),
        P::Missing => tr.tf("open.passphrase_missing", &[("path", path)]),
        P::MissingNew => tr.tf("open.passphrase_missing_new", &[("path", path)]),
    }
}

/// The store error behind a failure, when it is a stored value of the wrong kind.
pub(super) fn unreadable_in(report: &color_eyre::Report) -> Option<&StoreError> {
    report
        .chain()
        .find_map(|e| e.downcast_ref::<StoreError>())
        .filter(|e| e.is_unreadable_value())
}

/// A stored value that cannot be read: where it is, the check command, a report for whoever
/// maintains Passerelle (names of tables and columns only), exit 2.
pub(super) fn unreadable(tr: Tr, db: Option<PathBuf>, e: &StoreError) -> i32 {
    let path = db.or_else(default_db_path).unwrap_or_default();
    // The reader knew the place, or a scan of the file finds it.
    let at = e.unreadable_at().cloned().or_else(|| {
        Store::open(&path)
            .ok()
            .and_then(|s| s.find_unreadable().ok().flatten())
    });
    let msg = match &at {
        Some(u) => tr.tf(
            "open.unreadable_value",
            &[
                ("table", &u.table),
                ("row", &u.row.map_or("?".to_string(), |r| r.to_string())),
                ("column", &u.column),
                ("path", &path.display()),
            ],
        ),
        None => tr.tf(
            "open.unreadable_value_unknown",
            &[("path", &path.display())],
        ),
    };
    eprintln!("passerelle: {msg}");
    let what = match &at {
        Some(u) => u.to_string(),
        None => "unreadable stored value (place not found)".to_string(),
    };
    if let Some(report) = crash::write_error_report(&what) {
        eprintln!("{}", tr.tf("open.report", &[("path", &report.display())]));
    }
    2
}

/// Debug builds only: `PASSERELLE_TEST_ERROR=1` fails as an internal error would, so a test can
/// look at how it is printed.
pub(super) fn inject_error_for_tests() -> color_eyre::Result<()> {
    #[cfg(debug_assertions)]
    if std::env::var_os("PASSERELLE_TEST_ERROR").is_some() {
        return Err(color_eyre::eyre::eyre!(
            "error injected by PASSERELLE_TEST_ERROR"
        ));
    }
    Ok(())
}

/// A command that writes while the application has the database open: refused, nothing written.
pub(super) fn busy(tr: Tr, path: &Path) -> i32 {
    eprintln!(
        "passerelle: {}",
        tr.tf("cli.err_busy", &[("path", &path.display())])
    );
    2
}

/// A target the safe writer refused: its one sentence; returns the exit code.
pub(crate) fn refused(tr: Tr, r: &crate::safe_file::Refusal) -> i32 {
    eprintln!(
        "passerelle: {}",
        tr.tf(r.key(), &[("path", &r.path().display())])
    );
    2
}

/// Prints a store failure in the user's language; returns the exit code.
pub(crate) fn fail(tr: Tr, path: &Path, e: &StoreError) -> i32 {
    // A damaged file: name the latest copy and how to put it back.
    if e.is_damage() {
        return damaged(tr, path, &e.to_string());
    }
    let path = path.display();
    let msg = match e {
        StoreError::NotSqlite(_) => tr.tf("cli.err_not_sqlite", &[("path", &path)]),
        StoreError::Encrypted(_) if cfg!(feature = "encryption") => {
            tr.tf("cli.err_encrypted", &[("path", &path)])
        }
        StoreError::Encrypted(_) => tr.tf("cli.err_no_encryption", &[("path", &path)]),
        StoreError::WrongKey(_) => tr.tf("cli.err_wrong_key", &[("path", &path)]),
        StoreError::ForeignDatabase(_) => tr.tf("cli.err_foreign", &[("path", &path)]),
        StoreError::NewerVersion { found, supported } => tr.tf(
            "cli.err_newer",
            &[("path", &path), ("found", found), ("supported", supported)],
        ),
        StoreError::NotEmpty(_) => tr.tf("cli.err_not_empty", &[("path", &path)]),
        StoreError::NoWal(mode) => tr.tf("cli.err_no_wal", &[("path", &path), ("mode", mode)]),
        StoreError::Passphrase(p) => passphrase_text(tr, *p, &path),
        StoreError::OtherVersion {
            path: p,
            found,
            expected,
        } => tr.tf(
            "cli.err_other_version",
            &[
                ("path", &p.display()),
                ("found", found),
                ("expected", expected),
            ],
        ),
        StoreError::NotRegular(_) => tr.tf("open.not_regular", &[("path", &path)]),
        StoreError::BadVersion(v) => tr.tf("open.bad_version", &[("path", &path), ("version", v)]),
        StoreError::Corrupt(what) => tr.tf("cli.err_damaged", &[("path", &path), ("what", what)]),
        StoreError::Refused(r) => tr.tf(r.key(), &[("path", &r.path().display())]),
        other => tr.tf("cli.err_open", &[("path", &path), ("error", other)]),
    };
    eprintln!("passerelle: {msg}");
    2
}
