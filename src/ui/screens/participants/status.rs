//! The status change of a person (issue 19): pick the new status in a list; the reason form
//! opens only where the status needs one (referral, selection decision, withdrawal, a step back).

use super::*;
use crate::core::path::{self, Change, Criteria, Mark, Referrer, Status, Withdrawal};

/// The open status change.
pub struct StatusChange {
    /// The person.
    pub person: Id,
    /// Their name, for the title.
    pub name: String,
    /// The status under the cursor.
    pub cursor: usize,
    /// The reason form, once a status that needs one is chosen.
    pub form: Option<(Status, Form)>,
}

/// Opens the status change for a candidate (others have no path).
pub fn open(st: &mut ParticipantsState, cx: &Ctx, m: &Member) {
    if m.role != Role::Candidate {
        return;
    }
    let now = cx.data.path.status(m.person.id);
    // The cursor starts on the next step of the path.
    let next = match now {
        None => Status::Referred,
        Some(Status::Referred) => Status::Informed,
        Some(Status::Informed) => Status::Candidate,
        Some(Status::Candidate) => Status::Selected,
        Some(Status::Selected) => Status::Started,
        Some(Status::Started) => Status::Completed,
        Some(s) => s,
    };
    st.status = Some(StatusChange {
        person: m.person.id,
        name: m.person.full_name(),
        cursor: Status::ALL.iter().position(|s| *s == next).unwrap_or(0),
        form: None,
    });
}

fn mark_field(id: &'static str, label: &'static str, mark: Option<Mark>) -> Field {
    Field::choice(
        id,
        label,
        "path.help_mark",
        vec!["none", "yes", "partly", "no"],
        "path.mark.",
        mark.map_or("none", Mark::code),
    )
}

/// The reason form of a status, or None when the status needs none (then it applies at once).
fn reason_form(cx: &Ctx, sc: &StatusChange, status: Status) -> Option<Form> {
    let history = cx.data.path.history(sc.person);
    let back = path::is_step_back(history, status);
    if !status.needs_form() && !back {
        return None;
    }
    let today = cx.now.date().format("%d/%m/%Y").to_string();
    let mut fields =
        vec![Field::text("date", "path.date", "path.help_date", &today, 10).prefilled()];
    match status {
        Status::Referred => fields.push(Field::choice(
            "referrer",
            "path.referred_by",
            "path.help_referrer",
            Referrer::ALL.iter().map(|r| r.code()).collect(),
            "path.referrer.",
            "cpip",
        )),
        Status::Selected | Status::NotSelected => {
            let before = history
                .iter()
                .rev()
                .find(|c| matches!(c.status, Status::Selected | Status::NotSelected))
                .map(|c| c.criteria)
                .unwrap_or_default();
            fields.push(mark_field(
                "motivation",
                "path.criterion.motivation",
                before.motivation,
            ));
            fields.push(mark_field(
                "coherence",
                "path.criterion.coherence",
                before.coherence,
            ));
            fields.push(mark_field(
                "local_priority",
                "path.criterion.local_priority",
                before.local_priority,
            ));
        }
        Status::Withdrew => fields.push(Field::choice(
            "withdrawal",
            "path.reason",
            "path.help_withdrawal",
            Withdrawal::ALL.iter().map(|w| w.code()).collect(),
            "path.withdrawal.",
            "other",
        )),
        _ => {}
    }
    fields.push(Field::text("note", "path.note", "path.help_note", "", 300));
    let status_label = cx.tr.t(&format!("path.status.{}", status.code()));
    let mut form = Form::new(
        "path.change_title_form",
        format!("{} → {status_label}", sc.name),
        fields,
    );
    // Unlike the other forms, a status change is one row written on Enter.
    form.footnote = "path.form_footnote";
    Some(form)
}

/// The change a filled form describes; None (and the date field marked) when the date is wrong.
fn change_of(status: Status, form: &mut Form) -> Option<Change> {
    let Some(date) = crate::core::dates::parse_date(form.value("date").trim()) else {
        form.set_error("date", Some("path.bad_date"));
        return None;
    };
    let mark = |id: &str| Mark::from_code(&form.value(id));
    let mut c = Change::new(status, date);
    c.referrer = Referrer::from_code(&form.value("referrer"));
    c.withdrawal = Withdrawal::from_code(&form.value("withdrawal"));
    c.criteria = Criteria {
        motivation: mark("motivation"),
        coherence: mark("coherence"),
        local_priority: mark("local_priority"),
    };
    c.note = form.value("note").trim().to_string();
    Some(c)
}

/// Keys while the status change is open: the list of statuses, then the reason form.
pub fn on_key(
    st: &mut ParticipantsState,
    cx: &mut Ctx,
    action: Option<Action>,
    key: KeyEvent,
) -> Vec<Effect> {
    let Some(sc) = st.status.as_mut() else {
        return Vec::new();
    };
    if let Some((status, form)) = sc.form.as_mut() {
        return match form.on_key(action, key) {
            FormOutcome::Close => {
                st.status = None;
                Vec::new()
            }
            FormOutcome::Confirm => match change_of(*status, form) {
                Some(change) => {
                    let person_id = sc.person;
                    st.status = None;
                    vec![Effect::ChangeStatus {
                        person_id,
                        change: Box::new(change),
                    }]
                }
                None => Vec::new(),
            },
            _ => {
                form.set_error("date", None);
                Vec::new()
            }
        };
    }
    match action {
        Some(a) if step(&mut sc.cursor, a, Status::ALL.len()) => Vec::new(),
        Some(Action::Back) => {
            st.status = None;
            Vec::new()
        }
        Some(Action::Confirm) => {
            let status = Status::ALL[sc.cursor.min(Status::ALL.len() - 1)];
            match reason_form(cx, sc, status) {
                Some(form) => {
                    sc.form = Some((status, form));
                    Vec::new()
                }
                None => {
                    let person_id = sc.person;
                    st.status = None;
                    vec![Effect::ChangeStatus {
                        person_id,
                        change: Box::new(Change::new(status, cx.now.date())),
                    }]
                }
            }
        }
        _ => Vec::new(),
    }
}

/// Draws the list of statuses (or the reason form) over the screen.
pub fn draw(sc: &StatusChange, cx: &Ctx, frame: &mut Frame, area: Rect) {
    let tr = cx.tr;
    let th = cx.theme;
    if let Some((_, form)) = &sc.form {
        form.draw(frame, area, tr, th);
        return;
    }
    let now = cx.data.path.status(sc.person);
    let r = centered(area, 40, Status::ALL.len() as u16 + 4);
    frame.render_widget(Clear, r);
    let block = Block::bordered().title(Span::styled(
        format!(" {} ", tr.tf("path.change_title", &[("name", &sc.name)])),
        th.accent(),
    ));
    let inner = block.inner(r);
    frame.render_widget(block, r);
    let lines: Vec<Line> = Status::ALL
        .iter()
        .enumerate()
        .map(|(i, s)| {
            let current = if Some(*s) == now { " ●" } else { "" };
            let mut line = Line::from(format!(
                "{}{}{current}",
                marker_gap(i == sc.cursor),
                tr.t(&format!("path.status.{}", s.code()))
            ));
            if i == sc.cursor {
                line = line.style(th.selected());
            }
            line
        })
        .collect();
    frame.render_widget(Paragraph::new(lines), inner);
}

/// Width of the status column on the Participants list.
pub const COLUMN: usize = 12;

/// A candidate's status cell (others get an empty cell of the same width); underlined where
/// the cursor sits on the status column.
pub fn cell(
    cx: &Ctx,
    st: &ParticipantsState,
    m: &Member,
    selected: bool,
) -> (Span<'static>, usize) {
    let text = if m.role == Role::Candidate {
        cx.data
            .path
            .status(m.person.id)
            .map(|s| cx.tr.t(&format!("path.status.{}", s.code())).to_string())
            .unwrap_or_else(|| cx.tr.t("path.none").to_string())
    } else {
        String::new()
    };
    let mut style = cx.theme.dim();
    if selected && st.on_status {
        style = cx.theme.accent().add_modifier(Modifier::REVERSED);
    }
    (
        Span::styled(format!("{} ", fit(&text, COLUMN - 1)), style),
        COLUMN,
    )
}
