//! A session's expected list (issue 17, Journée `l`): the cohort's people grouped by role, a
//! check mark for those expected, Space to put someone on the list or take them off, typing to
//! filter by name, Ctrl-A for every candidate. Each change is written at once (store/expect.rs);
//! once the timer has started, changes go through Présences instead.

use ratatui::Frame;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Clear, Paragraph, Wrap};

use crate::core::attendance::{Attendance, AttendanceStatus};
use crate::core::domain::{Id, Member, Role};
use crate::core::text::matches_name;
use crate::ui::context::{Ctx, Effect};
use crate::ui::keys::Action;
use crate::ui::widgets::{centered, fit, marker_gap, scrolled_lines, step, wrap_text};

/// Longest filter kept (a name, not a text).
const MAX_FILTER: usize = 40;

/// The open list: which session, the cursor over the people shown, the name filter.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ExpectedList {
    /// The session whose list this is (made the current one when opened).
    pub session_id: Id,
    /// Row among the people shown (headings are not rows).
    pub cursor: usize,
    /// Typed name filter.
    pub filter: String,
}

impl ExpectedList {
    /// A list on `session_id`, cursor on the first person, no filter.
    pub fn new(session_id: Id) -> ExpectedList {
        ExpectedList {
            session_id,
            cursor: 0,
            filter: String::new(),
        }
    }
}

/// True when a record counts as expected (on the list and not known to be away).
fn counts(a: &Attendance) -> bool {
    !matches!(
        a.status,
        AttendanceStatus::Absent | AttendanceStatus::Excused
    )
}

/// The people shown, by role then in the cohort's order: members not archived (or archived but
/// still on the list), matching the filter; with their record at the session, if any.
pub fn people<'a>(list: &ExpectedList, cx: &'a Ctx) -> Vec<(&'a Member, Option<&'a Attendance>)> {
    if cx.data.session != Some(list.session_id) {
        return Vec::new();
    }
    let mut out = Vec::new();
    for role in Role::ALL {
        for m in cx.data.members.iter().filter(|m| m.role == role) {
            let a = cx.data.attendance_of(m.person.id);
            if (m.archived && a.is_none())
                || (!list.filter.is_empty() && !matches_name(&m.person.full_name(), &list.filter))
            {
                continue;
            }
            out.push((m, a));
        }
    }
    out
}

/// How many of a role are expected, and how many the cohort has (not archived).
fn tally(cx: &Ctx, role: Role) -> (usize, usize) {
    let members = cx
        .data
        .members
        .iter()
        .filter(|m| m.role == role && !m.archived);
    let expected = cx
        .data
        .listed()
        .into_iter()
        .filter(|(m, a)| m.role == role && counts(a))
        .count();
    (expected, members.count())
}

/// Opens the list of the selected session; makes it the current one first when it is not.
pub fn open(list: &mut Option<ExpectedList>, cx: &Ctx, session_id: Id) -> Vec<Effect> {
    *list = Some(ExpectedList::new(session_id));
    if cx.data.session == Some(session_id) {
        Vec::new()
    } else {
        vec![Effect::OpenSession(session_id)]
    }
}

/// A key while the list is open; clears `slot` when it closes.
pub fn on_key(
    slot: &mut Option<ExpectedList>,
    cx: &mut Ctx,
    action: Option<Action>,
    key: KeyEvent,
) -> Vec<Effect> {
    let Some(list) = slot.as_mut() else {
        return Vec::new();
    };
    let len = people(list, cx).len();
    match action {
        Some(Action::Back) if !list.filter.is_empty() => {
            list.filter.clear();
            list.cursor = 0;
        }
        Some(Action::Back) => *slot = None,
        Some(Action::Toggle) => return toggle(list, cx),
        Some(Action::ExpectAll) => return expect_all(list, cx),
        Some(a) => {
            step(&mut list.cursor, a, len);
        }
        None => {
            let plain = !key
                .modifiers
                .intersects(KeyModifiers::CONTROL | KeyModifiers::ALT);
            match key.code {
                KeyCode::Char(c) if plain && list.filter.chars().count() < MAX_FILTER => {
                    list.filter.push(c);
                    list.cursor = 0;
                }
                KeyCode::Backspace => {
                    list.filter.pop();
                    list.cursor = 0;
                }
                _ => {}
            }
        }
    }
    Vec::new()
}

/// Pasted text goes into the filter (its first line).
pub fn paste(slot: &mut Option<ExpectedList>, text: &str) {
    if let Some(list) = slot.as_mut() {
        let first = text.lines().next().unwrap_or_default();
        let room = MAX_FILTER.saturating_sub(list.filter.chars().count());
        list.filter
            .extend(crate::core::text::clean_line(first).chars().take(room));
        list.cursor = 0;
    }
}

/// Refuses a change once the timer runs: attendance is then a record of what happens.
fn day_started(cx: &mut Ctx) -> bool {
    if cx.data.day_started() {
        cx.warn(cx.tr.t("expected_list.started").to_string());
        return true;
    }
    false
}

/// Space: the selected person on the list, or off it (a person already marked stays).
fn toggle(list: &mut ExpectedList, cx: &mut Ctx) -> Vec<Effect> {
    let Some((id, name, status)) = people(list, cx)
        .get(list.cursor)
        .map(|(m, a)| (m.person.id, m.person.full_name(), a.map(|a| a.status)))
    else {
        return Vec::new();
    };
    if day_started(cx) {
        return Vec::new();
    }
    let expected = match status {
        None => true,
        Some(AttendanceStatus::Expected) => false,
        Some(status) => {
            let status = cx.tr.t(&format!("status.{}", status.code()));
            cx.warn(cx.tr.tf(
                "expected_list.marked",
                &[("name", &name), ("status", &status)],
            ));
            return Vec::new();
        }
    };
    // Shown at once; the effect writes it and reads the list back.
    if expected {
        cx.data
            .put_attendance(Attendance::expected(list.session_id, id));
        cx.info(cx.tr.tf("expect.added", &[("name", &name)]));
    } else {
        cx.data.remove_attendance(id);
        cx.info(cx.tr.tf("expect.removed", &[("name", &name)]));
    }
    vec![Effect::Expect {
        session_id: list.session_id,
        people: vec![id],
        expected,
    }]
}

/// Ctrl-A: every candidate of the cohort (not archived) on the list; never takes anyone off.
/// Whether a candidate belongs on this session's list: coaching, job training and grand oral
/// expect only the selected or started (issue 19); a candidate with no recorded path as before.
fn in_the_programme(cx: &Ctx, session_id: Id, person: Id) -> bool {
    use crate::core::domain::SessionKind as K;
    let later = cx.data.sessions.iter().any(|s| {
        s.id == session_id && matches!(s.kind, K::Coaching | K::JobTraining | K::GrandOral)
    });
    !later || cx.data.path.status(person).is_none_or(|s| s.in_programme())
}

fn expect_all(list: &mut ExpectedList, cx: &mut Ctx) -> Vec<Effect> {
    if cx.data.session != Some(list.session_id) || day_started(cx) {
        return Vec::new();
    }
    let missing: Vec<Id> = cx
        .data
        .members
        .iter()
        .filter(|m| m.role == Role::Candidate && !m.archived)
        .map(|m| m.person.id)
        .filter(|id| in_the_programme(cx, list.session_id, *id))
        .filter(|id| cx.data.attendance_of(*id).is_none())
        .collect();
    if missing.is_empty() {
        cx.info(cx.tr.t("expected_list.all_already").to_string());
        return Vec::new();
    }
    for id in &missing {
        cx.data
            .put_attendance(Attendance::expected(list.session_id, *id));
    }
    cx.info(
        cx.tr
            .tf("expected_list.all_added", &[("n", &missing.len())]),
    );
    vec![Effect::Expect {
        session_id: list.session_id,
        people: missing,
        expected: true,
    }]
}

/// « 12 candidats, 8 professionnels, 2 encadrants attendus ».
fn counts_line(cx: &Ctx) -> String {
    let tr = cx.tr;
    let part = |role: Role, key: &str| {
        let (n, _) = tally(cx, role);
        match n {
            0 => tr.t(&format!("expected_list.{key}_zero")).to_string(),
            1 => tr.t(&format!("expected_list.{key}_one")).to_string(),
            _ => tr.tf(&format!("expected_list.{key}_many"), &[("n", &n)]),
        }
    };
    tr.tf(
        "expected_list.counts",
        &[
            ("candidates", &part(Role::Candidate, "candidate")),
            ("pros", &part(Role::Professional, "pro")),
            ("staff", &part(Role::Staff, "staff")),
        ],
    )
}

/// Draws the list over the screen.
pub fn draw(list: &ExpectedList, cx: &Ctx, frame: &mut Frame, area: Rect) {
    let tr = cx.tr;
    let th = cx.theme;
    let r = centered(area, area.width.saturating_sub(4).min(90), area.height);
    frame.render_widget(Clear, r);
    let session = cx
        .data
        .sessions
        .iter()
        .find(|s| s.id == list.session_id)
        .map(|s| {
            format!(
                " · {} {}",
                tr.t(&format!("kind.{}", s.kind.code())),
                tr.date_short(s.date)
            )
        })
        .unwrap_or_default();
    let title = fit(
        &format!("{}{session}", tr.t("expected_list.title")),
        r.width.saturating_sub(6) as usize,
    );
    let block =
        Block::bordered().title(Span::styled(format!(" {} ", title.trim_end()), th.accent()));
    let inner = block.inner(r);
    frame.render_widget(block, r);
    let width = inner.width as usize;
    let mut head = vec![
        Line::from(Span::styled(fit(&counts_line(cx), width), th.accent())),
        if list.filter.is_empty() {
            Line::from(Span::styled(
                fit(tr.t("expected_list.filter_hint"), width),
                th.dim(),
            ))
        } else {
            Line::from(Span::styled(
                fit(
                    &tr.tf(
                        "expected_list.filter",
                        &[("text", &format!("{}▏", list.filter))],
                    ),
                    width,
                ),
                th.warn(),
            ))
        },
    ];
    // Said plainly above the list once the timer runs: changes then go through Présences.
    if cx.data.day_started() {
        head.extend(
            wrap_text(tr.t("expected_list.started"), width)
                .into_iter()
                .map(|l| Line::from(Span::styled(l, th.warn()))),
        );
    }
    head.push(Line::from(""));
    let [top, body] =
        Layout::vertical([Constraint::Length(head.len() as u16), Constraint::Min(1)]).areas(inner);
    frame.render_widget(Paragraph::new(head), top);
    let shown = people(list, cx);
    if shown.is_empty() {
        let text = if list.filter.is_empty() {
            tr.t("expected_list.empty").to_string()
        } else {
            tr.tf("expected_list.no_match", &[("text", &list.filter)])
        };
        frame.render_widget(
            Paragraph::new(Span::styled(text, th.dim())).wrap(Wrap { trim: true }),
            body,
        );
        return;
    }
    let mut lines = Vec::new();
    let mut selected_line = 0;
    let mut role = None;
    for (i, (m, a)) in shown.iter().enumerate() {
        if role != Some(m.role) {
            role = Some(m.role);
            let (n, total) = tally(cx, m.role);
            lines.push(Line::from(Span::styled(
                fit(
                    &tr.tf(
                        "expected_list.heading",
                        &[
                            ("role", &tr.t(&format!("role.plural.{}", m.role.code()))),
                            ("n", &n),
                            ("total", &total),
                        ],
                    ),
                    width,
                ),
                th.accent(),
            )));
        }
        let selected = i == list.cursor;
        if selected {
            selected_line = lines.len();
        }
        let (mark, note, style) = match a {
            None => ("[ ]", String::new(), th.dim()),
            Some(a) if a.status == AttendanceStatus::Expected => {
                ("[✓]", String::new(), ratatui::style::Style::default())
            }
            Some(a) => (
                if counts(a) { "[✓]" } else { "[✗]" },
                tr.t(&format!("status.{}", a.status.code())).to_string(),
                th.dim(),
            ),
        };
        let detail = [m.person.organisation.as_str(), note.as_str()]
            .iter()
            .filter(|s| !s.is_empty())
            .copied()
            .collect::<Vec<_>>()
            .join(" · ");
        let text = if detail.is_empty() {
            format!("{} {}", mark, m.person.full_name())
        } else {
            format!("{} {}  {}", mark, m.person.full_name(), detail)
        };
        let mut line = Line::from(vec![
            Span::raw(marker_gap(selected)),
            Span::styled(fit(&text, width.saturating_sub(3)), style),
        ]);
        if selected {
            line = line.style(th.selected());
        }
        lines.push(line);
    }
    scrolled_lines(frame, body, lines, selected_line, th);
}
