//! Drawing « Synchroniser » (Journée, y): the folder, what to send, the laptops heard from, the
//! bundles found; a bundle's preview over it.

use chrono::NaiveDateTime;
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Clear, Paragraph};

use super::sync::{SyncFile, SyncListing, SyncPreview, SyncView};
use crate::i18n::Tr;
use crate::ui::context::Ctx;
use crate::ui::widgets::{fit, marker_gap, scrolled_lines, titled_box, wrap_text};

/// « 01/12/2026 à 17:20 ».
fn when(tr: Tr, at: NaiveDateTime) -> String {
    tr.tf(
        "sync_view.when",
        &[
            ("date", &tr.date_numeric(at.date())),
            ("time", &at.format("%H:%M")),
        ],
    )
}

/// A stored `YYYY-MM-DDTHH:MM:SS` stamp, as [`when`] says it (as stored if it is not one).
fn stamp(tr: Tr, text: &str) -> String {
    NaiveDateTime::parse_from_str(text, "%Y-%m-%dT%H:%M:%S")
        .map(|at| when(tr, at))
        .unwrap_or_else(|_| text.to_string())
}

fn size(tr: Tr, bytes: u64) -> String {
    if bytes < 1024 {
        tr.tf("sync_view.size_bytes", &[("n", &bytes)])
    } else {
        tr.tf("sync_view.size_kb", &[("n", &bytes.div_ceil(1024))])
    }
}

/// The lines above the bundles: folder, what to send, the laptops heard from.
fn head_lines(l: &SyncListing, cx: &Ctx, width: usize) -> Vec<Line<'static>> {
    let tr = cx.tr;
    let th = cx.theme;
    let key = if l.on_stick {
        "sync_view.folder_stick"
    } else {
        "sync_view.folder"
    };
    let mut out = vec![Line::from(fit(
        &tr.tf(key, &[("path", &l.folder.display())]),
        width,
    ))];
    if let Some(e) = &l.error {
        out.push(Line::from(Span::styled(
            fit(
                &tr.tf("sync_view.folder_unreadable", &[("error", e)]),
                width,
            ),
            th.bad(),
        )));
    } else if !l.exists {
        out.push(Line::from(Span::styled(
            fit(tr.t("sync_view.folder_missing"), width),
            th.dim(),
        )));
    }
    out.push(Line::from(Span::styled(
        fit(tr.t("sync_view.outbox_title"), width),
        th.accent(),
    )));
    let o = &l.outbox;
    let counts = tr.tf(
        "sync_view.outbox",
        &[
            ("batches", &o.batches),
            ("mine", &o.mine),
            ("unsent", &o.unsent),
        ],
    );
    let last = match &o.last_export {
        Some(at) => tr.tf("sync_view.last_export", &[("when", &stamp(tr, at))]),
        None => tr.t("sync_view.never_exported").to_string(),
    };
    for text in [counts, last] {
        for w in wrap_text(&text, width.saturating_sub(2)) {
            out.push(Line::from(format!("  {w}")));
        }
    }
    out.push(Line::from(Span::styled(
        fit(tr.t("sync_view.peers_title"), width),
        th.accent(),
    )));
    if o.peers.is_empty() {
        out.push(Line::from(Span::styled(
            fit(&format!("  {}", tr.t("sync_view.no_peers")), width),
            th.dim(),
        )));
    }
    // Three laptops at most: the view must leave room for the bundles at 80×24.
    for p in o.peers.iter().take(3) {
        let short: String = p.id.chars().take(8).collect();
        let at = p.received_at.as_deref().map(|a| stamp(tr, a));
        let text = tr.tf(
            "sync_view.peer",
            &[("id", &short), ("when", &at.unwrap_or_default())],
        );
        out.push(Line::from(fit(&format!("  {text}"), width)));
    }
    out
}

/// One bundle: name, date, size in columns.
fn file_line(f: &SyncFile, cx: &Ctx, selected: bool, width: usize) -> Line<'static> {
    let tr = cx.tr;
    let date = f.modified.map(|m| when(tr, m)).unwrap_or_default();
    let right = format!("{date:>20} {:>8}", size(tr, f.size));
    let name_w = width.saturating_sub(2 + 1 + right.chars().count());
    let text = format!("{}{} {right}", marker_gap(selected), fit(&f.name, name_w));
    if selected {
        Line::from(Span::styled(text, cx.theme.selected()))
    } else {
        Line::from(text)
    }
}

/// Draws the view over the Journée lists.
pub fn draw(view: &SyncView, cx: &Ctx, frame: &mut Frame, area: Rect) {
    let tr = cx.tr;
    let th = cx.theme;
    // The whole Journée area: nothing half-hidden behind it.
    let r = area;
    frame.render_widget(Clear, r);
    // The preview takes the view's place: one box, the list back on Esc.
    if let Some(p) = &view.preview {
        draw_preview(p, cx, frame, r);
        return;
    }
    let inner = titled_box(frame, r, tr.t("sync_view.title"), th);
    let width = inner.width as usize;
    let Some(l) = &view.listing else {
        frame.render_widget(Paragraph::new(tr.t("sync_view.loading")), inner);
        return;
    };
    let head = head_lines(l, cx, width);
    let [top, title, list] = Layout::vertical([
        Constraint::Length(head.len() as u16),
        Constraint::Length(1),
        Constraint::Min(1),
    ])
    .areas(inner);
    frame.render_widget(Paragraph::new(head), top);
    frame.render_widget(
        Paragraph::new(Span::styled(
            fit(tr.t("sync_view.files_title"), width),
            th.accent(),
        )),
        title,
    );
    if l.files.is_empty() {
        frame.render_widget(
            Paragraph::new(Span::styled(
                fit(&format!("  {}", tr.t("sync_view.no_files")), width),
                th.dim(),
            )),
            list,
        );
    } else {
        let lines = l
            .files
            .iter()
            .enumerate()
            .map(|(i, f)| file_line(f, cx, i == view.cursor, width.saturating_sub(1)))
            .collect();
        scrolled_lines(frame, list, lines, view.cursor, th);
    }
    if let Some(form) = &view.form {
        form.draw(frame, area, tr, th);
    }
}

/// The preview (or result) of a bundle: its sentences wrapped, scrollable, the keys under them.
fn draw_preview(p: &SyncPreview, cx: &Ctx, frame: &mut Frame, r: Rect) {
    let tr = cx.tr;
    let th = cx.theme;
    let name = p
        .path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let key = if p.applied {
        "sync_view.applied_title"
    } else {
        "sync_view.preview_title"
    };
    let inner = titled_box(frame, r, &tr.tf(key, &[("name", &name)]), th);
    let width = inner.width as usize;
    let [body, hint] = Layout::vertical([Constraint::Min(1), Constraint::Length(2)]).areas(inner);
    let all: Vec<Line> = p
        .lines
        .iter()
        .flat_map(|l| wrap_text(l, width))
        .map(Line::from)
        .collect();
    let height = body.height as usize;
    let start = p.scroll.min(all.len().saturating_sub(height));
    let shown: Vec<Line> = all.into_iter().skip(start).take(height).collect();
    frame.render_widget(Paragraph::new(shown), body);
    let hint_key = if p.applied {
        "sync_view.applied_hint"
    } else if p.can_apply {
        "sync_view.preview_hint"
    } else {
        "sync_view.refused_hint"
    };
    let hint_lines: Vec<Line> = wrap_text(tr.t(hint_key), width)
        .into_iter()
        .map(|l| Line::from(Span::styled(l, th.dim())))
        .collect();
    frame.render_widget(Paragraph::new(hint_lines), hint);
}
