//! Interest capture at a themed day (issue 22, Journée `i`): one row per participant, one sector
//! at a time (← →); Space cycles the mark (« intéressé », « veut une information », « veut
//! candidater à la prochaine promotion », none), Enter writes a short note. Each mark is written
//! at once.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use crate::core::agenda::Interest;
use crate::core::attendance::AttendanceStatus;
use crate::core::domain::{Id, Member, Role, Sector, Session, SessionKind};
use crate::ui::context::{Ctx, Effect, InterestWrite};
use crate::ui::keys::Action;
use crate::ui::widgets::{fit, marker, step};

/// The open capture: which themed day, the selected participant and sector.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InterestView {
    /// The themed day (made the current session when opened).
    pub session_id: Id,
    /// Selected participant.
    pub row: usize,
    /// Selected sector (index in the day's sectors).
    pub col: usize,
}

/// What a key asks of the Journée screen beyond the view itself.
#[derive(Debug, Clone, PartialEq)]
pub enum InterestKey {
    /// Effects to carry out.
    Effects(Vec<Effect>),
    /// Open the note form of this participant and sector.
    Note(Id, Sector),
}

/// Opens the capture of `session` if it is a themed day (and makes it the current session).
pub fn open(view: &mut Option<InterestView>, cx: &mut Ctx, session: &Session) -> Vec<Effect> {
    if session.kind != SessionKind::ThemedDay {
        cx.warn(cx.tr.t("agenda.themed_day_only").to_string());
        return Vec::new();
    }
    *view = Some(InterestView {
        session_id: session.id,
        row: 0,
        col: 0,
    });
    if cx.data.session == Some(session.id) {
        Vec::new()
    } else {
        vec![Effect::OpenSession(session.id)]
    }
}

/// The participants of the session in use: its candidates on the list, but for those who did
/// not come.
pub fn participants(cx: &Ctx) -> Vec<&Member> {
    cx.data
        .members
        .iter()
        .filter(|m| m.role == Role::Candidate && !m.archived)
        .filter(|m| {
            cx.data.attendance.iter().any(|a| {
                a.person_id == m.person.id
                    && !matches!(
                        a.status,
                        AttendanceStatus::Absent | AttendanceStatus::Excused
                    )
            })
        })
        .collect()
}

/// The sectors of the view's day, when it is the session in use.
fn sectors(view: &InterestView, cx: &Ctx) -> Vec<Sector> {
    if cx.data.session == Some(view.session_id) {
        cx.data.themed.sectors.clone()
    } else {
        Vec::new()
    }
}

/// The write of a mark: with the cohort the participant joins as a prospect (issue 22).
pub fn write(
    cx: &Ctx,
    session_id: Id,
    person_id: Id,
    sector: Sector,
    interest: Option<Interest>,
    note: String,
) -> InterestWrite {
    let date = cx
        .data
        .sessions
        .iter()
        .find(|s| s.id == session_id)
        .map_or(cx.now.date(), |s| s.date);
    let orient = interest
        .and_then(|_| cx.data.themed.next_cohort(&cx.data.cohorts, sector, date))
        .map(|c| c.id);
    InterestWrite {
        session_id,
        person_id,
        sector,
        interest,
        note,
        orient,
        date,
    }
}

/// A key while the capture is open; clears `slot` when it closes.
pub fn on_key(
    slot: &mut Option<InterestView>,
    cx: &mut Ctx,
    action: Option<Action>,
) -> InterestKey {
    let none = InterestKey::Effects(Vec::new());
    let Some(view) = slot.as_mut() else {
        return none;
    };
    let sectors = sectors(view, cx);
    let people: Vec<Id> = participants(cx).iter().map(|m| m.person.id).collect();
    view.row = view.row.min(people.len().saturating_sub(1));
    view.col = view.col.min(sectors.len().saturating_sub(1));
    let here = (
        people.get(view.row).copied(),
        sectors.get(view.col).copied(),
    );
    match action {
        Some(Action::Back) => *slot = None,
        Some(Action::Left) => view.col = view.col.saturating_sub(1),
        Some(Action::Right) => view.col = (view.col + 1).min(sectors.len().saturating_sub(1)),
        Some(Action::Toggle) => {
            if let (Some(person), Some(sector)) = here {
                let old = cx.data.themed.mark(person, sector);
                let note = old.map(|m| m.note.clone()).unwrap_or_default();
                let interest = Interest::cycle(old.map(|m| m.interest));
                let write = write(cx, view.session_id, person, sector, interest, note);
                return InterestKey::Effects(vec![Effect::SetInterest(Box::new(write))]);
            }
        }
        Some(Action::Open) => {
            if let (Some(person), Some(sector)) = here {
                return InterestKey::Note(person, sector);
            }
        }
        Some(a) => {
            step(&mut view.row, a, people.len());
        }
        None => {}
    }
    none
}

/// The label of a mark, or « — ».
fn mark_label(cx: &Ctx, mark: Option<Interest>) -> String {
    mark.map_or_else(|| "—".to_string(), |m| cx.tr.t(m.label()).to_string())
}

/// Draws the capture over the Journée screen.
pub fn draw(view: &InterestView, cx: &Ctx, frame: &mut Frame, area: Rect) {
    let tr = cx.tr;
    let th = cx.theme;
    let (session, inner) =
        super::agenda::overlay(cx, frame, area, view.session_id, "interest.title");
    let w = inner.width as usize;
    let sectors = sectors(view, cx);
    let people = participants(cx);
    let mut lines = Vec::new();
    if sectors.is_empty() {
        lines.push(Line::from(tr.t("interest.no_sectors")));
    } else if people.is_empty() {
        lines.push(Line::from(tr.t("interest.no_participants")));
    }
    if sectors.is_empty() || people.is_empty() {
        frame.render_widget(Paragraph::new(lines), inner);
        return;
    }
    let col = view.col.min(sectors.len() - 1);
    let sector = sectors[col];
    // The sectors in a row, the one being captured highlighted, with its interested count.
    let mut spans = vec![Span::styled(
        format!("{} ", tr.t("interest.sector")),
        th.dim(),
    )];
    for (i, s) in sectors.iter().enumerate() {
        let n = cx
            .data
            .themed
            .counts_of(view.session_id)
            .iter()
            .find(|(x, _)| x == s)
            .map_or(0, |(_, n)| *n);
        let label = format!("{} ({n})", tr.t(&format!("sector.{}", s.code())));
        let style = if i == col { th.accent() } else { th.dim() };
        if i > 0 {
            spans.push(Span::raw(" · "));
        }
        spans.push(Span::styled(label, style));
    }
    lines.push(Line::from(spans));
    // Where the interested go: the next cohort in the sector, or kept as said.
    let day = session.map_or(cx.now.date(), |s| s.date);
    lines.push(
        match cx.data.themed.next_cohort(&cx.data.cohorts, sector, day) {
            Some(c) => Line::from(Span::styled(
                fit(&tr.tf("interest.next_cohort", &[("cohort", &c.name)]), w),
                th.dim(),
            )),
            None => Line::from(Span::styled(
                fit(tr.t("interest.no_next_cohort"), w),
                th.warn(),
            )),
        },
    );
    let row = view.row.min(people.len() - 1);
    for (i, m) in people.iter().enumerate() {
        let mark = cx.data.themed.mark(m.person.id, sector);
        let note = mark
            .map(|m| m.note.as_str())
            .filter(|n| !n.is_empty())
            .map(|n| format!(" — {n}"))
            .unwrap_or_default();
        let text = format!(
            "{} {:<24} {}{note}",
            marker(i == row),
            fit(&m.person.full_name(), 24),
            mark_label(cx, mark.map(|m| m.interest))
        );
        let style = if i == row {
            th.accent()
        } else if mark.is_some() {
            th.ok()
        } else {
            Style::default()
        };
        lines.push(Line::from(Span::styled(fit(&text, w), style)));
    }
    let skip = (row + 4).saturating_sub(inner.height as usize);
    frame.render_widget(Paragraph::new(lines).scroll((skip as u16, 0)), inner);
}
