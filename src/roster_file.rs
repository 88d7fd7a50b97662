//! Reading a roster file from disk (size checked before reading) for the command line and the screen.

use std::path::Path;

use crate::core::domain::Role;
use crate::core::roster::{self, MAX_FILE_BYTES, Roster, RosterError};
use crate::i18n::Tr;

/// Why a file could not be imported, ready to show.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ImportFailure {
    /// Lines to show, the first one a summary.
    pub lines: Vec<String>,
}

/// Reads a file whose size is checked first (a roster or an agenda).
pub fn read_bytes(tr: Tr, path: &Path) -> Result<Vec<u8>, ImportFailure> {
    let fail = |e: std::io::Error| ImportFailure {
        lines: vec![tr.tf(
            "import.cant_read",
            &[("path", &path.display()), ("error", &e)],
        )],
    };
    let len = std::fs::metadata(path).map_err(fail)?.len() as usize;
    if len > MAX_FILE_BYTES {
        return Err(ImportFailure {
            lines: crate::messages::roster_error(tr, &RosterError::TooLarge(len)),
        });
    }
    std::fs::read(path).map_err(fail)
}

/// Reads and parses a roster file.
pub fn read(tr: Tr, path: &Path, default_role: Option<Role>) -> Result<Roster, ImportFailure> {
    let bytes = read_bytes(tr, path)?;
    roster::parse(&bytes, default_role).map_err(|e| ImportFailure {
        lines: crate::messages::roster_error(tr, &e),
    })
}
