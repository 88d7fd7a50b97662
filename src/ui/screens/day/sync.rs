//! « Synchroniser » on Journée (issue 23, key `y`): the folder bundles go to and come from (a USB
//! stick by default), what this laptop has to send, the laptops heard from, and the bundles found
//! in the folder. `e` writes a bundle there; Enter on a bundle shows what it would merge, and
//! Enter again merges it in one transaction. The reading and writing are effects.

use std::path::{Path, PathBuf};

use chrono::NaiveDateTime;
use ratatui::crossterm::event::KeyEvent;

use crate::store::SyncOutbox;
use crate::ui::context::{Ctx, Effect};
use crate::ui::form::{Field, Form, FormOutcome};
use crate::ui::keys::{Action, Scope};
use crate::ui::widgets::step;

pub use super::sync_draw::draw;

/// Lines a page key scrolls the preview.
const PAGE: usize = 10;

/// A bundle found in the folder.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SyncFile {
    /// Its file name.
    pub name: String,
    /// Its path.
    pub path: PathBuf,
    /// When it was last written (local time), when the system says.
    pub modified: Option<NaiveDateTime>,
    /// Its size in bytes.
    pub size: u64,
}

/// What the folder and the database say, read by the `SyncList` effect.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SyncListing {
    /// The folder.
    pub folder: PathBuf,
    /// It is on a removable drive (a USB stick).
    pub on_stick: bool,
    /// It exists (the default one is made at the first export).
    pub exists: bool,
    /// Why it could not be read, when it could not.
    pub error: Option<String>,
    /// The bundles in it, newest first.
    pub files: Vec<SyncFile>,
    /// What this laptop has to send, and the laptops heard from.
    pub outbox: SyncOutbox,
}

/// What a bundle would merge, or did merge, or why it cannot.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SyncPreview {
    /// The bundle.
    pub path: PathBuf,
    /// The sentences: counts, conflicts, people merged (or the refusal).
    pub lines: Vec<String>,
    /// Something to merge (and the file could be read).
    pub can_apply: bool,
    /// Merged already: the lines are the result.
    pub applied: bool,
    /// First line shown.
    pub scroll: usize,
}

/// The open view.
#[derive(Default)]
pub struct SyncView {
    /// What was read (None while it loads).
    pub listing: Option<SyncListing>,
    /// Selected bundle.
    pub cursor: usize,
    /// The folder being typed.
    pub form: Option<Form>,
    /// A bundle's preview or result.
    pub preview: Option<SyncPreview>,
}

impl SyncView {
    /// The keys in force.
    pub fn scope(&self) -> Scope {
        if self.form.is_some() {
            Scope::Form
        } else if let Some(p) = &self.preview {
            // Once merged, or when there is nothing to merge, Enter only closes.
            if p.can_apply && !p.applied {
                Scope::SyncPreview
            } else {
                Scope::SyncResult
            }
        } else {
            Scope::Sync
        }
    }

    fn folder(&self) -> Option<PathBuf> {
        self.listing.as_ref().map(|l| l.folder.clone())
    }
}

/// Opens the view on the default folder.
pub fn open(slot: &mut Option<SyncView>) -> Vec<Effect> {
    *slot = Some(SyncView::default());
    vec![Effect::SyncList(None)]
}

/// The file name of a bundle written at `now`: a date and a time, nothing about anyone.
pub fn bundle_name(now: NaiveDateTime) -> String {
    format!("passerelle-{}.passerelle", now.format("%Y-%m-%d-%H%M%S"))
}

/// A typed folder: `~` is the home folder.
fn typed_folder(text: &str) -> Option<PathBuf> {
    let text = text.trim();
    if text.is_empty() {
        return None;
    }
    let home = || directories::UserDirs::new().map(|d| d.home_dir().to_path_buf());
    match text.strip_prefix('~') {
        Some(rest) if rest.is_empty() || rest.starts_with(['/', '\\']) => {
            home().map(|h| h.join(rest.trim_start_matches(['/', '\\'])))
        }
        _ => Some(PathBuf::from(text)),
    }
}

fn folder_form(folder: &Path) -> Form {
    let mut form = Form::new(
        "sync_view.folder_title",
        String::new(),
        vec![
            Field::text(
                "folder",
                "sync_view.folder_label",
                "sync_view.folder_help",
                &folder.display().to_string(),
                400,
            )
            .prefilled(),
        ],
    );
    form.footnote = "sync_view.folder_footnote";
    form
}

/// A key while the view is open.
pub fn on_key(
    slot: &mut Option<SyncView>,
    cx: &mut Ctx,
    action: Option<Action>,
    event: KeyEvent,
) -> Vec<Effect> {
    let Some(view) = slot else {
        return Vec::new();
    };
    if let Some(form) = view.form.as_mut() {
        match form.on_key(action, event) {
            FormOutcome::Confirm => {
                let folder = typed_folder(&form.value("folder"));
                view.form = None;
                if let Some(f) = folder {
                    view.listing = None;
                    view.cursor = 0;
                    return vec![Effect::SyncList(Some(f))];
                }
            }
            FormOutcome::Close => view.form = None,
            FormOutcome::Changed | FormOutcome::Nothing => {}
        }
        return Vec::new();
    }
    if let Some(p) = view.preview.as_mut() {
        // Never past the last sentence (the drawing keeps the last screenful in view).
        let last = p.lines.len();
        match action {
            Some(Action::Down) => p.scroll = (p.scroll + 1).min(last),
            Some(Action::Up) => p.scroll = p.scroll.saturating_sub(1),
            Some(Action::PageDown) => p.scroll = (p.scroll + PAGE).min(last),
            Some(Action::PageUp) => p.scroll = p.scroll.saturating_sub(PAGE),
            Some(Action::Home) => p.scroll = 0,
            Some(Action::Confirm) if p.can_apply && !p.applied => {
                return vec![Effect::SyncApply(p.path.clone())];
            }
            Some(Action::Back) => {
                let applied = p.applied;
                view.preview = None;
                // After a merge the folder and the counts changed: read them again.
                if applied && let Some(f) = view.folder() {
                    return vec![Effect::SyncList(Some(f))];
                }
            }
            _ => {}
        }
        return Vec::new();
    }
    let files = view.listing.as_ref().map_or(0, |l| l.files.len());
    match action {
        Some(a) if step(&mut view.cursor, a, files) => {}
        Some(Action::Export) => {
            if let Some(f) = view.folder() {
                return vec![Effect::SyncExport(f)];
            }
        }
        Some(Action::Open) => {
            if let Some(file) = view.listing.as_ref().and_then(|l| l.files.get(view.cursor)) {
                return vec![Effect::SyncPreview(file.path.clone())];
            }
            cx.warn(cx.tr.t("sync_view.no_file").to_string());
        }
        Some(Action::Edit) => {
            if let Some(f) = view.folder() {
                view.form = Some(folder_form(&f));
            }
        }
        Some(Action::Back) => *slot = None,
        _ => {}
    }
    Vec::new()
}

/// Pasted text goes to the folder being typed.
pub fn paste(slot: &mut Option<SyncView>, text: &str) {
    if let Some(form) = slot.as_mut().and_then(|v| v.form.as_mut()) {
        form.paste(text);
    }
}

/// The folder was read (dropped if the view was closed meanwhile).
pub fn listed(slot: &mut Option<SyncView>, listing: SyncListing) {
    if let Some(view) = slot {
        view.cursor = view.cursor.min(listing.files.len().saturating_sub(1));
        view.listing = Some(listing);
    }
}

/// A bundle's preview is ready.
pub fn previewed(slot: &mut Option<SyncView>, preview: SyncPreview) {
    if let Some(view) = slot {
        view.preview = Some(preview);
    }
}

/// The bundle was merged: its preview shows the result.
pub fn applied(slot: &mut Option<SyncView>, lines: Vec<String>) {
    if let Some(p) = slot.as_mut().and_then(|v| v.preview.as_mut()) {
        p.lines = lines;
        p.applied = true;
        p.scroll = 0;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_bundle_name_holds_a_date_and_a_time_only() {
        let at = chrono::NaiveDate::from_ymd_opt(2026, 12, 1)
            .and_then(|d| d.and_hms_opt(17, 5, 9))
            .unwrap_or_default();
        assert_eq!(bundle_name(at), "passerelle-2026-12-01-170509.passerelle");
    }

    #[test]
    fn a_typed_folder_is_trimmed_and_empty_is_none() {
        assert_eq!(typed_folder("  "), None);
        assert_eq!(typed_folder(" /mnt/cle "), Some(PathBuf::from("/mnt/cle")));
    }
}
