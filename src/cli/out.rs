//! The commands' standard output: a write that fails (`> file` on a full disk) is remembered and
//! said once at the end in one sentence (exit code 74), instead of the panic of `println!`.

use std::io::Write;
use std::sync::atomic::{AtomicBool, Ordering};

/// Set by the first failed write; read once by `cli::main` before it exits.
static FAILED: AtomicBool = AtomicBool::new(false);

/// Writes `args` and a new line on standard output.
pub fn line(args: std::fmt::Arguments<'_>) {
    let mut out = std::io::stdout().lock();
    if writeln!(out, "{args}").and_then(|()| out.flush()).is_err() {
        FAILED.store(true, Ordering::Relaxed);
    }
}

/// Writes `args` without a new line (a question before the answer is read), flushed.
pub fn part(args: std::fmt::Arguments<'_>) {
    let mut out = std::io::stdout().lock();
    if write!(out, "{args}").and_then(|()| out.flush()).is_err() {
        FAILED.store(true, Ordering::Relaxed);
    }
}

/// Did a write to standard output fail?
pub fn failed() -> bool {
    FAILED.load(Ordering::Relaxed)
}

/// Writes raw bytes (a template) on standard output.
pub fn bytes(data: &[u8]) {
    let mut out = std::io::stdout().lock();
    if out.write_all(data).and_then(|()| out.flush()).is_err() {
        FAILED.store(true, Ordering::Relaxed);
    }
}
