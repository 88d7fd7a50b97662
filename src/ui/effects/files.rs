//! Effects that write a file the user asked for: an export or a printed sheet, through the safe writer.

use super::*;

/// A relative path goes to the user's documents folder (else the home folder).
pub(super) fn in_documents(path: std::path::PathBuf) -> std::path::PathBuf {
    if path.is_absolute() {
        return path;
    }
    directories::UserDirs::new()
        .and_then(|d| d.document_dir().map(|p| p.to_path_buf()))
        .or_else(|| directories::UserDirs::new().map(|d| d.home_dir().to_path_buf()))
        .unwrap_or_default()
        .join(path)
}

/// The safe writer's rules in the application: never the database, never a file Passerelle did not
/// write (no `--force` here: the user picks another name).
pub(super) fn safe_rules<'a>(
    store: &'a Store,
    ours: &'a dyn Fn(&std::path::Path) -> bool,
) -> crate::safe_file::Rules<'a> {
    crate::safe_file::Rules {
        db: Some(store.path()),
        force: false,
        ours,
    }
}

/// A refused target in the application's words (no `--force` here: another name is the way).
pub(super) fn refusal_text(tr: crate::i18n::Tr, r: &crate::safe_file::Refusal) -> String {
    let key = match r {
        crate::safe_file::Refusal::Foreign(_) => "safe.foreign_app",
        other => other.key(),
    };
    tr.tf(key, &[("path", &r.path().display())])
}

/// Writes a printed sheet of a session.
pub(super) fn print_sheet(
    store: &Store,
    app: &mut App,
    session: crate::core::domain::Id,
    sheet: crate::export::sheets::Sheet,
    path: std::path::PathBuf,
) {
    let path = in_documents(path);
    let (html, plan) = match crate::export::sheets::load(store, session, &app.criteria) {
        Ok(rows)
            if sheet == crate::export::sheets::Sheet::Changes
                && !crate::export::sheets::has_printed_plan(&rows) =>
        {
            app.error(app.tr.t("expect.no_printed").to_string());
            return;
        }
        Ok(rows) => (
            crate::export::sheets::render(&rows, sheet, app.tr, app.now),
            rows.plan_id.filter(|_| sheet.from_plan()),
        ),
        Err(e) => {
            app.error(app.tr.tf("app.write_failed", &[("error", &e)]));
            return;
        }
    };
    let ours = |p: &std::path::Path| store.wrote(p);
    let rules = safe_rules(store, &ours);
    match crate::safe_file::write_bytes(&path, html.as_bytes(), &rules) {
        Ok(_) => {
            store.record_written(&path, "print", app.now);
            // Best effort: the « modifications » sheet compares with the last printed plan.
            let _ = store.record_print(session, sheet.code(), plan, app.now);
            if let Ok(prints) = store.prints(session) {
                app.data.prints = prints;
            }
            app.info(app.tr.tf("cli.print_done", &[("path", &path.display())]))
        }
        Err(crate::safe_file::WriteError::Refused(r)) => app.error(refusal_text(app.tr, &r)),
        Err(crate::safe_file::WriteError::Io(e)) => app.error(app.tr.tf(
            "oral.export_failed",
            &[("path", &path.display()), ("error", &e)],
        )),
    }
}

/// Writes the grand oral summary; a relative path goes to the user's documents folder.
pub(super) fn export(
    store: &Store,
    app: &mut App,
    format: crate::export::Format,
    audience: crate::core::summary::Audience,
    path: std::path::PathBuf,
) {
    let Some(session) = app.data.oral_session().map(|s| s.id) else {
        return;
    };
    let path = in_documents(path);
    let rows = match store.summary_rows(session) {
        Ok(rows) => rows,
        Err(e) => {
            app.error(app.tr.tf("app.write_failed", &[("error", &e)]));
            return;
        }
    };
    let mut full = crate::core::summary::build(&rows.input(&app.criteria));
    if let Err(e) = crate::export::attach_followup(store, &mut full, &rows.members, &app.outcomes) {
        app.error(app.tr.tf("app.write_failed", &[("error", &e)]));
        return;
    }
    full.funnel = Some(crate::core::path::FunnelInfo::of(&app.data.path.funnel));
    let summary = crate::core::summary::for_audience(full, audience, false);
    let parts = crate::export::render(&summary, format, app.tr, app.now);
    let ours = |p: &std::path::Path| store.wrote(p);
    let rules = safe_rules(store, &ours);
    match crate::export::file::write_parts(&path, &parts, &rules) {
        Ok(written) => {
            for (p, _) in &written {
                store.record_written(p, "export", app.now);
            }
            let shown: Vec<String> = written
                .iter()
                .map(|(p, _)| p.display().to_string())
                .collect();
            let key = if written
                .iter()
                .any(|(_, w)| *w == crate::export::file::Written::ModesIgnored)
            {
                "oral.exported_open_modes"
            } else if audience == crate::core::summary::Audience::Full {
                "oral.exported_full"
            } else {
                "oral.exported"
            };
            let text = app.tr.tf(key, &[("path", &shown.join(", "))]);
            if key == "oral.exported" {
                app.info(text);
            } else {
                app.warn(text);
            }
        }
        Err(crate::safe_file::WriteError::Refused(r)) => app.error(refusal_text(app.tr, &r)),
        Err(crate::safe_file::WriteError::Io(e)) => app.error(app.tr.tf(
            "oral.export_failed",
            &[("path", &path.display()), ("error", &e)],
        )),
    }
}
