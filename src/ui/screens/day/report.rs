//! The cohort's « Bilan » on Journée (issue 21, key `r`): the programme report of the selected
//! cohort, as partners would see it (the screen may be projected at the bilan), scrollable.
//! The same titled tables as the exported report (`export::report::tables`), so the screen and
//! the paper never disagree.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Clear, Paragraph};

use crate::core::domain::Id;
use crate::core::report::Report;
use crate::export::report::{audience_line, tables, title};
use crate::ui::context::{Ctx, Effect};
use crate::ui::keys::Action;
use crate::ui::widgets::{centered, fit, titled_box};

/// Lines moved by PageDown / PageUp.
const PAGE: usize = 10;

/// The open view: the cohort asked for, its report once loaded, the first line shown.
#[derive(Debug, Clone, PartialEq)]
pub struct ReportView {
    /// The cohort.
    pub cohort_id: Id,
    /// The report (None while it loads).
    pub report: Option<Box<Report>>,
    /// First line shown.
    pub scroll: usize,
}

/// Opens the view on a cohort and asks for its report.
pub fn open(slot: &mut Option<ReportView>, cohort_id: Id) -> Vec<Effect> {
    *slot = Some(ReportView {
        cohort_id,
        report: None,
        scroll: 0,
    });
    vec![Effect::LoadReport(cohort_id)]
}

/// The report came back from the store (dropped if the view was closed meanwhile).
pub fn loaded(st: &mut super::DayState, r: Box<Report>) {
    if let Some(view) = &mut st.report {
        view.report = Some(r);
    }
}

/// Scrolls, or closes the view.
pub fn on_action(slot: &mut Option<ReportView>, action: Option<Action>) {
    let Some(view) = slot else {
        return;
    };
    match action {
        Some(Action::Down) => view.scroll += 1,
        Some(Action::Up) => view.scroll = view.scroll.saturating_sub(1),
        Some(Action::PageDown) => view.scroll += PAGE,
        Some(Action::PageUp) => view.scroll = view.scroll.saturating_sub(PAGE),
        Some(Action::Back) => *slot = None,
        _ => {}
    }
}

/// The report as lines of `width` columns: each table under its title, cells in columns.
pub fn lines(r: &Report, cx: &Ctx, width: usize) -> Vec<Line<'static>> {
    let tr = cx.tr;
    let th = cx.theme;
    let mut out = vec![
        Line::from(Span::styled(fit(audience_line(r, tr), width), th.dim())),
        Line::from(fit(
            &tr.tf("report.dated", &[("date", &tr.date_numeric(r.dated))]),
            width,
        )),
    ];
    for tb in tables(r, tr) {
        out.push(Line::from(""));
        out.push(Line::from(Span::styled(fit(&tb.title, width), th.accent())));
        if let Some(n) = &tb.note {
            out.push(Line::from(Span::styled(fit(n, width), th.dim())));
        }
        // First column wide, the figures narrow and right-aligned.
        let cols = tb.head.len().max(1);
        let num_w = if cols > 1 { 9.min(width / cols) } else { 0 };
        let first_w = width.saturating_sub(num_w * (cols - 1));
        let row_text = |row: &[String]| {
            let mut s = String::new();
            for (i, c) in row.iter().enumerate() {
                if i == 0 {
                    s.push_str(&fit(c, first_w));
                } else {
                    let cell = fit(c, num_w.saturating_sub(1));
                    s.push(' ');
                    s.push_str(&format!(
                        "{:>w$}",
                        cell.trim_end(),
                        w = num_w.saturating_sub(1)
                    ));
                }
            }
            s
        };
        if !tb.head.is_empty() && tb.head.iter().skip(1).any(|h| !h.is_empty()) {
            out.push(Line::from(Span::styled(row_text(&tb.head), th.dim())));
        }
        for row in &tb.rows {
            out.push(Line::from(row_text(row)));
        }
    }
    out
}

/// Draws the view over the Journée lists.
pub fn draw(view: &ReportView, cx: &Ctx, frame: &mut Frame, area: Rect) {
    let th = cx.theme;
    let tr = cx.tr;
    let r = centered(area, area.width.min(100), area.height);
    frame.render_widget(Clear, r);
    let name = view
        .report
        .as_ref()
        .map(|rep| title(rep, tr))
        .unwrap_or_else(|| tr.t("report.view_title").to_string());
    let inner = titled_box(frame, r, &name, th);
    let width = inner.width as usize;
    let all = match &view.report {
        Some(rep) => lines(rep, cx, width),
        None => vec![Line::from(tr.t("report.loading"))],
    };
    let height = inner.height as usize;
    // Never scroll past the last screenful.
    let start = view.scroll.min(all.len().saturating_sub(height));
    let shown: Vec<Line> = all.into_iter().skip(start).take(height).collect();
    frame.render_widget(Paragraph::new(shown), inner);
}
