//! After a panic: a short report file for whoever maintains Passerelle, with no personal data.
//!
//! The terminal is restored by ratatui's own hook before this one runs; the pending text was
//! already committed (every edit is saved as made), so the report only needs to say what broke.

use std::fmt::Write as _;
use std::path::PathBuf;

use crate::i18n::Tr;

/// Installs the hook (after color-eyre's, which it calls for the on-screen report).
pub fn install(tr: Tr) {
    let previous = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        let path = write_report(info);
        previous(info);
        match path {
            Some(p) => eprintln!("\n{}", tr.tf("cli.panic_report", &[("path", &p.display())])),
            None => eprintln!("\n{}", tr.t("cli.panic_no_report")),
        }
    }));
}

/// The report's text: version, platform, where, and the message only when it is a fixed text
/// of the code (a formatted one could carry a name or a note).
pub fn report_text(info: &std::panic::PanicHookInfo<'_>, now: chrono::NaiveDateTime) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "Passerelle {}", env!("CARGO_PKG_VERSION"));
    let _ = writeln!(out, "time: {}", now.format("%Y-%m-%dT%H:%M:%S"));
    let _ = writeln!(
        out,
        "platform: {} {}",
        std::env::consts::OS,
        std::env::consts::ARCH
    );
    let _ = writeln!(
        out,
        "thread: {}",
        std::thread::current().name().unwrap_or("?")
    );
    if let Some(loc) = info.location() {
        let _ = writeln!(
            out,
            "location: {}:{}:{}",
            loc.file(),
            loc.line(),
            loc.column()
        );
    }
    match info.payload().downcast_ref::<&'static str>() {
        Some(msg) => {
            let _ = writeln!(out, "message: {msg}");
        }
        None => {
            let _ = writeln!(
                out,
                "message: (formatted at run time: left out, it may hold data)"
            );
        }
    }
    // Frames name functions and source files only: no values.
    let _ = writeln!(out, "\n{}", std::backtrace::Backtrace::force_capture());
    out
}

/// A report for an error that is not a panic (`what` names places in the schema, never values).
pub fn write_error_report(what: &str) -> Option<PathBuf> {
    let now = chrono::Local::now().naive_local();
    let mut out = String::new();
    let _ = writeln!(out, "Passerelle {}", env!("CARGO_PKG_VERSION"));
    let _ = writeln!(out, "time: {}", now.format("%Y-%m-%dT%H:%M:%S"));
    let _ = writeln!(
        out,
        "platform: {} {}",
        std::env::consts::OS,
        std::env::consts::ARCH
    );
    let _ = writeln!(out, "error: {what}");
    write_in_data_dir(now, &out)
}

fn write_report(info: &std::panic::PanicHookInfo<'_>) -> Option<PathBuf> {
    let now = chrono::Local::now().naive_local();
    write_in_data_dir(now, &report_text(info, now))
}

fn write_in_data_dir(now: chrono::NaiveDateTime, text: &str) -> Option<PathBuf> {
    let dir = super::default_db_path()?.parent()?.to_path_buf();
    if !dir.exists() {
        std::fs::create_dir_all(&dir).ok()?;
        crate::store::set_private_dir(&dir);
    }
    let path = dir.join(format!(
        "passerelle-crash-{}.txt",
        now.format("%Y%m%d-%H%M%S")
    ));
    let rules = crate::safe_file::Rules::NONE;
    crate::safe_file::write_bytes(&path, text.as_bytes(), &rules).ok()?;
    Some(path)
}
