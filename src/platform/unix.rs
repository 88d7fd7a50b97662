//! Unix: file modes and device + inode.

use std::fs;
use std::io;
use std::os::unix::fs::{MetadataExt, PermissionsExt};
use std::path::Path;

use super::Protection;

pub fn restrict_to_owner(path: &Path) -> io::Result<Protection> {
    let meta = fs::metadata(path)?;
    // A folder needs x to be entered.
    let mode = if meta.is_dir() { 0o700 } else { 0o600 };
    // A file system without modes (FAT) refuses or ignores this: the read-back tells.
    let _ = fs::set_permissions(path, fs::Permissions::from_mode(mode));
    Ok(if is_private(path) {
        Protection::Private
    } else {
        Protection::Unsupported
    })
}

pub fn is_private(path: &Path) -> bool {
    fs::metadata(path).is_ok_and(|m| m.permissions().mode() & 0o077 == 0)
}

pub fn file_identity(path: &Path) -> Option<(u64, u64)> {
    fs::metadata(path).ok().map(|m| (m.dev(), m.ino()))
}
