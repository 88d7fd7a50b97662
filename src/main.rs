//! `passerelle`: parse arguments, open the store, run the ui or a subcommand.

use std::io::IsTerminal;

fn main() -> color_eyre::Result<()> {
    restore_sigpipe();
    // Colour only for a person at a terminal: never in a pipe or a log, never with NO_COLOR.
    let no_color = std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty());
    let mut hook = color_eyre::config::HookBuilder::default();
    if no_color || !std::io::stderr().is_terminal() {
        hook = hook.theme(color_eyre::config::Theme::new());
    }
    hook.install()?;
    let code = passerelle::cli::main()?;
    std::process::exit(code);
}

/// Rust ignores SIGPIPE, so `println!` into a closed pipe (`passerelle list people | head -1`)
/// panics. With the default action back, the process ends quietly at the first write into a
/// closed pipe, like `cat` or `ls`: the shell shows status 141 (128 + SIGPIPE), no message, no
/// crash report. Every write to the database is a transaction, so stopping there loses nothing.
fn restore_sigpipe() {
    #[cfg(unix)]
    // SAFETY: called first thing in main, before any thread exists; SIG_DFL is a valid action.
    unsafe {
        libc::signal(libc::SIGPIPE, libc::SIG_DFL);
    }
}
