//! The cohort's funnel in the Journée cohort panel (issue 19): orientés → informés → candidats
//! → retenus → en parcours → terminés as bars, then the withdrawals and their reasons.

use super::*;
use crate::core::path::{Funnel, STAGES, Withdrawal};

/// The lines of the funnel for a panel `width` columns wide (empty when nobody has a path).
pub fn lines(cx: &Ctx, width: usize) -> Vec<Line<'static>> {
    let f: &Funnel = &cx.data.path.funnel;
    if f.people() == 0 {
        return Vec::new();
    }
    let tr = cx.tr;
    let th = cx.theme;
    let top = f.reached.first().copied().unwrap_or(0).max(1);
    let label_w = STAGES
        .iter()
        .map(|s| tr.t(&format!("path.stage.{}", s.code())).width())
        .max()
        .unwrap_or(8)
        .min(width / 2);
    let count_w = top.to_string().len();
    let bar_w = width.saturating_sub(label_w + count_w + 2).max(1);
    let mut out: Vec<Line<'static>> = STAGES
        .iter()
        .zip(f.reached)
        .map(|(s, n)| {
            // At least one block for a stage someone reached, so that 1 of 24 still shows.
            let blocks = if n == 0 {
                0
            } else {
                (n * bar_w).div_ceil(top).max(1)
            };
            Line::from(vec![
                Span::raw(format!(
                    "{} ",
                    fit(tr.t(&format!("path.stage.{}", s.code())), label_w)
                )),
                Span::styled("█".repeat(blocks), th.accent()),
                Span::styled("░".repeat(bar_w - blocks.min(bar_w)), th.dim()),
                Span::raw(format!(" {n:>count_w$}")),
            ])
        })
        .collect();
    let withdrawn = f.withdrawn();
    if withdrawn > 0 {
        out.push(Line::from(Span::styled(
            fit(&format!("{} {withdrawn}", tr.t("path.withdrawals")), width)
                .trim_end()
                .to_string(),
            th.warn(),
        )));
        for (w, n) in Withdrawal::ALL.iter().zip(f.withdrawals) {
            if n > 0 {
                out.push(Line::from(Span::styled(
                    fit(
                        &format!(" {} {n}", tr.t(&format!("path.withdrawal.{}", w.code()))),
                        width,
                    )
                    .trim_end()
                    .to_string(),
                    th.dim(),
                )));
            }
        }
        if f.withdrew_before_start > 0 {
            out.push(Line::from(Span::styled(
                fit(
                    &format!(
                        " {}",
                        tr.tf("path.before_start", &[("n", &f.withdrew_before_start)])
                    ),
                    width,
                )
                .trim_end()
                .to_string(),
                th.dim(),
            )));
        }
    }
    out
}

/// Splits the cohort panel: the cohorts above, the funnel below when there is one and room.
pub fn split(cx: &Ctx, area: Rect) -> (Rect, Option<(Rect, Vec<Line<'static>>)>) {
    let body = lines(cx, area.width.saturating_sub(2) as usize);
    let cohorts_h = (cx.data.cohorts.len() as u16 + 2).max(3);
    let room = area.height.saturating_sub(cohorts_h);
    if body.is_empty() || room < 5 {
        return (area, None);
    }
    let want = (body.len() as u16 + 2).min(room);
    let [top, bottom] =
        Layout::vertical([Constraint::Min(cohorts_h), Constraint::Length(want)]).areas(area);
    (top, Some((bottom, body)))
}

/// Draws the funnel block.
pub fn draw(cx: &Ctx, frame: &mut Frame, area: Rect, body: Vec<Line<'static>>) {
    let block = Block::bordered().title(Span::styled(
        format!(" {} ", cx.tr.t("path.funnel_title")),
        cx.theme.dim(),
    ));
    let inner = block.inner(area);
    frame.render_widget(block, area);
    frame.render_widget(Paragraph::new(body), inner);
}
