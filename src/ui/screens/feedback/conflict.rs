//! Two laptops' feedback of one interview side by side (issue 23): « Sur cet ordinateur » on the
//! left, « Autre ordinateur » on the right (one above the other on a narrow screen), and the three
//! ways to settle it, each written like any edit so that it travels in the next bundle.

use ratatui::widgets::Borders;

use super::*;
use crate::core::feedback_conflict::{OtherFeedback, Resolution};
use crate::core::text::{Lines, sanitize};
use crate::store::FeedbackConflict;
use crate::ui::widgets::wrap_text;

/// The open comparison: which conflict (its row), and how far it is scrolled.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ConflictView {
    /// Row of the conflict.
    pub id: Id,
    /// First line shown.
    pub scroll: u16,
}

/// Narrower than this, the two versions are shown one above the other.
const SIDE_BY_SIDE_MIN: u16 = 60;

/// The unresolved conflict of an interview, if any.
pub fn conflict_of<'a>(cx: &'a Ctx, row: &Row) -> Option<&'a FeedbackConflict> {
    cx.data
        .feedback_conflicts
        .iter()
        .find(|c| c.candidate_id == row.candidate_id && c.round == row.round)
}

/// r on the list: the selected interview's two versions, or a word that there is only one.
pub(super) fn open(st: &mut FeedbackState, cx: &mut Ctx, row: Option<&Row>) {
    match row.and_then(|r| conflict_of(cx, r)) {
        Some(c) => {
            st.conflict = Some(ConflictView {
                id: c.id,
                scroll: 0,
            })
        }
        None => cx.info(cx.tr.t("feedback.conflict_none").to_string()),
    }
}

/// Keys of the comparison: scroll, settle (i, a, d through the key table), Esc back.
pub(super) fn on_key(st: &mut FeedbackState, action: Option<Action>) -> Vec<Effect> {
    let Some(view) = st.conflict.as_mut() else {
        return Vec::new();
    };
    let how = match action {
        Some(Action::KeepHere) => Resolution::KeepHere,
        Some(Action::TakeOther) => Resolution::TakeOther,
        Some(Action::KeepBoth) => Resolution::KeepBoth,
        Some(Action::Down) => {
            view.scroll = view.scroll.saturating_add(1);
            return Vec::new();
        }
        Some(Action::Up) => {
            view.scroll = view.scroll.saturating_sub(1);
            return Vec::new();
        }
        Some(Action::PageDown) => {
            view.scroll = view.scroll.saturating_add(10);
            return Vec::new();
        }
        Some(Action::PageUp) => {
            view.scroll = view.scroll.saturating_sub(10);
            return Vec::new();
        }
        Some(Action::Back) => {
            st.conflict = None;
            return Vec::new();
        }
        _ => return Vec::new(),
    };
    let id = view.id;
    st.conflict = None;
    // Whatever text still waits is written before the feedback is rewritten.
    let mut effects = flush(st);
    effects.push(Effect::ResolveFeedbackConflict(id, how));
    effects
}

/// « 2026-10-15T18:00:00 » as « 15/10 18:00 ».
fn when(at: &str) -> String {
    NaiveDateTime::parse_from_str(at, "%Y-%m-%dT%H:%M:%S")
        .map(|t| t.format("%d/%m %H:%M").to_string())
        .unwrap_or_else(|_| sanitize(at, Lines::Single).into_owned())
}

/// `text` (sanitized: it came from another laptop) wrapped to `width`, indented by two.
fn wrapped(out: &mut Vec<Line<'static>>, text: &str, width: usize) {
    let clean = sanitize(text, Lines::Multi);
    for para in clean.lines() {
        for l in wrap_text(para, width.saturating_sub(2)) {
            out.push(Line::from(format!("  {l}")));
        }
    }
}

/// One version as lines of `width` columns: heading, where it comes from, ratings, opinion,
/// texts, proposals; an old row's plain text as it is.
fn version_lines(
    cx: &Ctx,
    set_key: &str,
    heading: (&str, String),
    version: Option<&OtherFeedback>,
    raw: &str,
    width: usize,
) -> Vec<Line<'static>> {
    let tr = cx.tr;
    let th = cx.theme;
    let mut out = vec![
        Line::from(Span::styled(
            fit(heading.0, width).trim_end().to_string(),
            th.accent().add_modifier(Modifier::BOLD),
        )),
        Line::from(Span::styled(
            fit(&heading.1, width).trim_end().to_string(),
            th.dim(),
        )),
    ];
    let Some(v) = version else {
        out.push(Line::from(Span::styled(
            fit(tr.t("feedback.conflict_raw"), width)
                .trim_end()
                .to_string(),
            th.dim(),
        )));
        wrapped(&mut out, raw, width);
        return out;
    };
    if let Some(set) = cx.criteria.get(set_key) {
        let label_w = width.saturating_sub(6);
        for c in &set.criteria {
            let r = v.ratings.iter().find(|(k, _)| *k == c.key).map(|(_, r)| *r);
            let dots = match r {
                Some(r) => (1..=4).map(|k| if r >= k { '●' } else { '○' }).collect(),
                None => "·".to_string(),
            };
            out.push(Line::from(vec![
                Span::raw(fit(tr.pick(&c.label_fr, &c.label_en), label_w)),
                Span::styled(
                    format!(" {dots}"),
                    match r {
                        Some(3 | 4) => th.ok(),
                        Some(_) => th.warn(),
                        None => th.dim(),
                    },
                ),
            ]));
        }
    }
    let opinion = v
        .opinion
        .as_ref()
        .map(|o| tr.t(&format!("feedback.opinion_{o}")).to_string())
        .unwrap_or_else(|| tr.t("feedback.no_opinion").to_string());
    let opinion = tr.tf(
        "feedback.conflict_opinion",
        &[("opinion", &sanitize(&opinion, Lines::Single))],
    );
    out.extend(wrap_text(&opinion, width).into_iter().map(Line::from));
    for (key, text) in TEXT_FIELDS
        .iter()
        .zip([&v.strengths, &v.to_work_on, &v.advice, &v.notes])
    {
        if text.trim().is_empty() {
            continue;
        }
        out.push(Line::from(Span::styled(
            fit(tr.t(key), width).trim_end().to_string(),
            th.dim(),
        )));
        wrapped(&mut out, text, width);
    }
    if !v.proposals.is_empty() {
        out.push(Line::from(Span::styled(
            fit(tr.t("feedback.conflict_proposals"), width)
                .trim_end()
                .to_string(),
            th.dim(),
        )));
        for p in &v.proposals {
            let kind = tr.t(&format!("proposal.kind_{}", p.kind)).to_string();
            wrapped(&mut out, &format!("+ {kind} · {}", p.detail), width);
        }
    }
    out
}

/// Draws the comparison over the whole screen area.
pub(super) fn draw(view: &ConflictView, cx: &Ctx, frame: &mut Frame, area: Rect) {
    let tr = cx.tr;
    let th = cx.theme;
    let Some(c) = cx.data.feedback_conflicts.iter().find(|c| c.id == view.id) else {
        return;
    };
    let here = cx.data.feedback.iter().find(|f| f.id == c.feedback_id);
    let name = cx
        .data
        .member(c.candidate_id)
        .map(|m| m.person.full_name())
        .unwrap_or_default();
    let title = format!(
        " {} · {name} · {} {} ",
        tr.t("feedback.conflict_title"),
        tr.t("plan.round"),
        c.round
    );
    let block = Block::bordered().title(Span::styled(
        fit(&title, area.width.saturating_sub(2) as usize)
            .trim_end()
            .to_string(),
        th.accent(),
    ));
    let inner = block.inner(area);
    frame.render_widget(Clear, area);
    frame.render_widget(block, area);
    let wide = inner.width >= SIDE_BY_SIDE_MIN;
    let [left, right] = if wide {
        Layout::horizontal([Constraint::Fill(1), Constraint::Fill(1)]).areas(inner)
    } else {
        Layout::vertical([Constraint::Fill(1), Constraint::Fill(1)]).areas(inner)
    };
    // A line between the two: a border on the left of the other version, or above it.
    let other_block = Block::new().borders(if wide { Borders::LEFT } else { Borders::TOP });
    let right_inner = other_block.inner(right);
    frame.render_widget(other_block.border_style(th.dim()), right);
    let set_key = here
        .map(|f| f.criteria_set.clone())
        .or_else(|| cx.data.session.map(|s| cx.data.settings_of(s).criteria_set))
        .unwrap_or_default();
    let mine = here.map(OtherFeedback::of);
    let here_lines = version_lines(
        cx,
        &set_key,
        (
            tr.t("feedback.conflict_here"),
            here.map(|f| f.panel_label.clone()).unwrap_or_default(),
        ),
        mine.as_ref(),
        "",
        left.width.saturating_sub(1) as usize,
    );
    let origin: String = c.origin.chars().take(8).collect();
    let from = tr.tf(
        "feedback.conflict_from",
        &[
            ("origin", &sanitize(&origin, Lines::Single)),
            ("at", &when(&c.at)),
        ],
    );
    let other_lines = version_lines(
        cx,
        &set_key,
        (tr.t("feedback.conflict_other"), from),
        c.other.as_ref(),
        &c.raw,
        right_inner.width.saturating_sub(1) as usize,
    );
    let mut below = 0;
    for (lines, pane) in [(here_lines, left), (other_lines, right_inner)] {
        let max = (lines.len() as u16).saturating_sub(pane.height);
        below = below.max(max - view.scroll.min(max));
        frame.render_widget(
            Paragraph::new(lines).scroll((view.scroll.min(max), 0)),
            pane,
        );
    }
    // Long texts scroll (↑↓): the bottom border says how much more follows.
    if below > 0 {
        let more = format!(" {} ", tr.tf("feedback.more_below", &[("n", &below)]));
        let line = Rect {
            x: area.x + 1,
            y: area.bottom().saturating_sub(1),
            width: area.width.saturating_sub(2),
            height: 1,
        };
        frame.render_widget(
            Paragraph::new(Span::styled(more, th.warn())).right_aligned(),
            line,
        );
    }
}
