//! Where sync bundles go by default (issue 23): a mounted USB stick when there is one, else a
//! `Passerelle/synchro` folder in the user's documents.

use std::path::{Path, PathBuf};

/// The default folder: the first stick found (by name, so the choice is stable), else
/// `DOCUMENTS/Passerelle/synchro`, else `Passerelle/synchro` under the working folder. Pure: the
/// candidates are found by [`removable_mounts`].
pub fn choose_sync_folder(mounts: &[PathBuf], documents: Option<&Path>) -> PathBuf {
    let mut sorted: Vec<&PathBuf> = mounts.iter().collect();
    sorted.sort();
    match sorted.first() {
        Some(m) => (*m).clone(),
        None => documents
            .map(Path::to_path_buf)
            .unwrap_or_default()
            .join("Passerelle")
            .join("synchro"),
    }
}

/// The default folder on this computer, and whether it is a removable drive.
pub fn default_sync_folder() -> (PathBuf, bool) {
    let mounts = removable_mounts();
    let docs = directories::UserDirs::new().and_then(|d| {
        d.document_dir()
            .map(Path::to_path_buf)
            .or_else(|| Some(d.home_dir().to_path_buf()))
    });
    (
        choose_sync_folder(&mounts, docs.as_deref()),
        !mounts.is_empty(),
    )
}

/// The folders under `parent` (hidden ones left out), as mount points.
#[cfg(unix)]
fn folders_in(parent: &Path) -> Vec<PathBuf> {
    let Ok(entries) = std::fs::read_dir(parent) else {
        return Vec::new();
    };
    entries
        .flatten()
        .filter(|e| !e.file_name().to_string_lossy().starts_with('.'))
        .map(|e| e.path())
        .filter(|p| p.is_dir())
        .collect()
}

/// Mounted removable drives: `/media/$USER/*` and `/run/media/$USER/*` (Linux desktops mount
/// sticks there).
#[cfg(all(unix, not(target_os = "macos")))]
pub fn removable_mounts() -> Vec<PathBuf> {
    let Ok(user) = std::env::var("USER") else {
        return Vec::new();
    };
    let mut out = folders_in(&Path::new("/media").join(&user));
    out.extend(folders_in(&Path::new("/run/media").join(&user)));
    out
}

/// Mounted volumes but the system one (`/Volumes/Macintosh HD` is a link to `/`).
#[cfg(target_os = "macos")]
pub fn removable_mounts() -> Vec<PathBuf> {
    folders_in(Path::new("/Volumes"))
        .into_iter()
        .filter(|p| std::fs::canonicalize(p).is_ok_and(|c| c != Path::new("/")))
        .collect()
}

/// Drives Windows calls removable (USB sticks, SD cards), floppies A: and B: left out.
#[cfg(windows)]
pub fn removable_mounts() -> Vec<PathBuf> {
    use windows_sys::Win32::Storage::FileSystem::{GetDriveTypeW, GetLogicalDrives};
    // DRIVE_REMOVABLE, from a windows-sys feature this crate does not otherwise need.
    const DRIVE_REMOVABLE: u32 = 2;
    // SAFETY: no arguments; returns a bit mask of the drive letters in use.
    let mask = unsafe { GetLogicalDrives() };
    (2u8..26)
        .filter(|i| mask & (1u32 << *i) != 0)
        .map(|i| format!("{}:\\", char::from(b'A' + i)))
        .filter(|root| {
            let wide: Vec<u16> = root.encode_utf16().chain(std::iter::once(0)).collect();
            // SAFETY: `wide` is a NUL-terminated UTF-16 string alive for the call.
            unsafe { GetDriveTypeW(wide.as_ptr()) == DRIVE_REMOVABLE }
        })
        .map(PathBuf::from)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_stick_wins_over_the_documents_folder_and_the_choice_is_stable() {
        let docs = Path::new("/home/ana/Documents");
        let sticks = vec![
            PathBuf::from("/media/ana/ZCLE"),
            PathBuf::from("/media/ana/CLE USB"),
        ];
        assert_eq!(
            choose_sync_folder(&sticks, Some(docs)),
            PathBuf::from("/media/ana/CLE USB")
        );
        assert_eq!(
            choose_sync_folder(&[], Some(docs)),
            PathBuf::from("/home/ana/Documents/Passerelle/synchro")
        );
        assert_eq!(
            choose_sync_folder(&[], None),
            PathBuf::from("Passerelle/synchro")
        );
    }
}
