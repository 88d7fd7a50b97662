//! Writing an export: its parts' names, each written by the safe writer ([`crate::safe_file`]).

use std::path::{Path, PathBuf};

pub use crate::safe_file::{Rules, WriteError, Written, write_bytes};

/// The path of a part: `notes.csv` + `-propositions` → `notes-propositions.csv`.
pub fn part_path(main: &Path, suffix: &str) -> PathBuf {
    if suffix.is_empty() {
        return main.to_path_buf();
    }
    let stem = main
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default();
    let name = match main.extension() {
        Some(ext) => format!("{stem}{suffix}.{}", ext.to_string_lossy()),
        None => format!("{stem}{suffix}"),
    };
    main.with_file_name(name)
}

/// Writes every part of an export beside `main` through the safe writer; stops at the first
/// failure (the parts already written stay whole).
pub fn write_parts(
    main: &Path,
    parts: &[super::Part],
    rules: &Rules<'_>,
) -> Result<Vec<(PathBuf, Written)>, WriteError> {
    let mut done = Vec::new();
    for part in parts {
        let path = part_path(main, &part.suffix);
        let written = write_bytes(&path, &part.bytes, rules)?;
        done.push((path, written));
    }
    Ok(done)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parts_sit_beside_the_main_file() {
        let p = Path::new("/tmp/oral.csv");
        assert_eq!(part_path(p, ""), p);
        assert_eq!(
            part_path(p, "-propositions"),
            Path::new("/tmp/oral-propositions.csv")
        );
        assert_eq!(part_path(Path::new("oral"), "-x"), Path::new("oral-x"));
    }
}
