//! Rotation: the plan grid of the session (rounds × binômes), its metrics, generate and lock.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::Modifier;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Paragraph, Wrap};

use crate::core::domain::{Id, SessionKind};
use crate::core::plan::{day_instance, plan};
use crate::store::StoredInterview;
use crate::ui::app::{App, Effect, Popup};
use crate::ui::keys::Action;
use crate::ui::widgets::{fit, scrolled_lines};

/// State of the Rotation screen.
#[derive(Debug, Clone, Default)]
pub struct RotationState {
    /// Selected round (from 0).
    pub round: usize,
    /// Selected binôme column.
    pub column: usize,
    /// An interview marked with w, waiting for the one to swap it with: (round from 1, column).
    pub swap_mark: Option<(u32, usize)>,
    /// Title key of the pending change's question.
    pub pending_title: &'static str,
    /// The « absent from this round » picker: who can be picked, and the selected line.
    pub absent_picker: Option<(Vec<Absentee>, usize)>,
    /// A re-plan waiting for the facilitator's yes, and the changes to read before.
    pub pending_replan: Option<(Effect, Vec<String>)>,
    /// The plan history popup: versions and the selected line.
    pub history: Option<(Vec<PlanVersion>, usize)>,
}

/// Someone the plan counts on, who can be marked absent from a round.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Absentee {
    /// A candidate (person id).
    Candidate(Id),
    /// A binôme (panel id): all its professionals leave.
    Panel(Id),
}

/// A version in the history: number, when, what made it.
pub type PlanVersion = (i64, String, String);

/// The planner's view of the day as it stands.
fn day(app: &App) -> crate::core::plan::DayInstance {
    day_instance(
        &app.data.members,
        &app.data.attendance,
        &app.data.panels,
        k_of(app),
        &app.data.forbidden,
    )
}

fn k_of(app: &App) -> usize {
    app.data
        .session
        .map(|s| app.data.settings_of(s).interviews_per_candidate as usize)
        .unwrap_or(4)
}

/// Browsing keys.
pub fn on_action(app: &mut App, action: Action) -> Vec<Effect> {
    let rounds = app.data.plan.as_ref().map_or(0, |p| p.rounds() as usize);
    let panels = app.data.panels.len();
    let st = &mut app.rotation;
    match action {
        Action::Up => st.round = st.round.saturating_sub(1),
        Action::Down => st.round = (st.round + 1).min(rounds.saturating_sub(1)),
        Action::Home => st.round = 0,
        Action::End => st.round = rounds.saturating_sub(1),
        Action::Left => st.column = st.column.saturating_sub(1),
        Action::Right => st.column = (st.column + 1).min(panels.saturating_sub(1)),
        Action::Swap => return swap_key(app),
        Action::MarkAbsent => open_absent_picker(app),
        Action::Back if st.swap_mark.is_some() => {
            st.swap_mark = None;
            app.info(app.tr.t("rotation.swap_cancelled").to_string());
        }
        Action::Generate => {
            let locked = app.data.plan.as_ref().is_some_and(|p| p.locked);
            if locked {
                app.warn(app.tr.t("rotation.locked_refuse").to_string());
            } else if app.data.plan.is_some() {
                app.popup = Some(Popup::ConfirmRegenerate);
            } else {
                return generate(app);
            }
        }
        Action::Replan => return replan_from_selected(app),
        Action::StartPause
        | Action::NudgeUp
        | Action::NudgeDown
        | Action::NextPhase
        | Action::JumpRound
        | Action::Ring
        | Action::Sound => return super::timer::on_action(app, action),
        Action::History => {
            if let Some(s) = app.data.session {
                return vec![Effect::LoadPlanHistory(s)];
            }
        }
        Action::Lock => {
            if let Some(p) = &app.data.plan {
                let locked = !p.locked;
                let id = p.id;
                let key = if locked {
                    "rotation.locked"
                } else {
                    "rotation.unlocked"
                };
                app.info(app.tr.t(key).to_string());
                return vec![Effect::LockPlan {
                    plan_id: id,
                    locked,
                }];
            }
        }
        _ => {}
    }
    Vec::new()
}

/// Plans the session as it stands and asks for the new version to be stored.
pub fn generate(app: &mut App) -> Vec<Effect> {
    let Some(session) = app.data.current_session().cloned() else {
        app.warn(app.tr.t("att.no_session").to_string());
        return Vec::new();
    };
    if session.kind != SessionKind::JobTraining {
        app.warn(app.tr.t("rotation.job_training_only").to_string());
        return Vec::new();
    }
    let day = day(app);
    if day.panels.is_empty() {
        app.warn(app.tr.t("rotation.no_panels").to_string());
        return Vec::new();
    }
    if day.candidates.is_empty() {
        app.warn(app.tr.t("rotation.no_candidates").to_string());
        return Vec::new();
    }
    match plan(&day.instance) {
        Ok((plan, metrics)) => {
            let label = |pid: Id| {
                app.data
                    .panels
                    .iter()
                    .find(|p| p.id == pid)
                    .map(|p| p.label.clone())
                    .unwrap_or_default()
            };
            let interviews = plan
                .slots
                .iter()
                .map(|s| StoredInterview {
                    round: s.round as u32 + 1,
                    panel_id: Some(day.panels[s.panel]),
                    panel_label: label(day.panels[s.panel]),
                    candidate_id: day.candidates[s.candidate],
                })
                .collect();
            app.rotation.round = 0;
            app.info(app.tr.tf(
                "rotation.generated",
                &[("rounds", &metrics.rounds), ("lb", &metrics.lower_bound)],
            ));
            vec![Effect::SavePlan {
                session_id: session.id,
                interviews,
                note: "generated".into(),
            }]
        }
        Err(e) => {
            let names = |c: usize| {
                day.candidates
                    .get(c)
                    .and_then(|id| app.data.member(*id))
                    .map(|m| m.person.short_name())
                    .unwrap_or_default()
            };
            let text = crate::cli::plan_error_text(app.tr, &e, &names);
            app.error(text);
            Vec::new()
        }
    }
}

/// Keys of the history popup: move, restore the selected version, close.
pub fn on_history_key(app: &mut App, action: Option<Action>) -> Vec<Effect> {
    let Some((versions, cursor)) = app.rotation.history.as_mut() else {
        return Vec::new();
    };
    match action {
        Some(Action::Down) => *cursor = (*cursor + 1).min(versions.len().saturating_sub(1)),
        Some(Action::Up) => *cursor = cursor.saturating_sub(1),
        Some(Action::Back) => app.rotation.history = None,
        Some(Action::Confirm) => {
            let version = versions.get(*cursor).map(|v| v.0);
            app.rotation.history = None;
            let locked = app.data.plan.as_ref().is_some_and(|p| p.locked);
            if locked {
                app.warn(app.tr.t("rotation.locked_refuse").to_string());
                return Vec::new();
            }
            if let (Some(session_id), Some(version)) = (app.data.session, version) {
                return vec![Effect::RestorePlan {
                    session_id,
                    version,
                }];
            }
        }
        _ => {}
    }
    Vec::new()
}

/// Draws the history popup.
pub fn draw_history(app: &App, frame: &mut Frame, area: Rect) {
    let Some((versions, cursor)) = &app.rotation.history else {
        return;
    };
    let tr = app.tr;
    let th = app.theme;
    let r = crate::ui::widgets::centered(area, 64, (versions.len() as u16 + 4).min(area.height));
    frame.render_widget(ratatui::widgets::Clear, r);
    let block = Block::bordered()
        .title(Span::styled(
            format!(" {} ", tr.t("rotation.history_title")),
            th.accent(),
        ))
        .title_bottom(Line::from(format!(" {} ", tr.t("rotation.history_hint"))).right_aligned());
    let inner = block.inner(r);
    frame.render_widget(block, r);
    let lines: Vec<Line> = versions
        .iter()
        .enumerate()
        .map(|(i, (v, at, note))| {
            let note = match note.as_str() {
                "generated" => tr.t("rotation.note_generated").to_string(),
                n if n.starts_with("replanned from round ") => tr.tf(
                    "rotation.note_replanned",
                    &[("round", &n.trim_start_matches("replanned from round "))],
                ),
                n if n.starts_with("restored v") => tr.tf(
                    "rotation.note_restored",
                    &[("v", &n.trim_start_matches("restored v"))],
                ),
                n => n.to_string(),
            };
            let when = at.replace('T', " ");
            let line = Line::from(format!("v{v}  {}  {note}", fit(&when, 16)));
            if i == *cursor {
                line.style(th.selected())
            } else {
                line
            }
        })
        .collect();
    scrolled_lines(frame, inner, lines, *cursor, th);
}

/// Re-plans from the selected round after someone left or arrived; asks first, listing the moves.
pub fn replan_from_selected(app: &mut App) -> Vec<Effect> {
    use crate::core::plan::{Move, ReplanInput, Slot, replan};
    let Some(stored) = app.data.plan.clone() else {
        app.warn(app.tr.t("rotation.no_plan").to_string());
        return Vec::new();
    };
    if stored.locked {
        app.warn(app.tr.t("rotation.locked_refuse").to_string());
        return Vec::new();
    }
    let Some(session_id) = app.data.session else {
        return Vec::new();
    };
    let from = app.rotation.round; // 0-based: this round and the next ones are re-planned
    let day = day(app);
    let ci = |id: Id| day.candidates.iter().position(|c| *c == id);
    let pi = |id: Option<Id>| id.and_then(|id| day.panels.iter().position(|p| *p == id));
    let to_slot = |i: &StoredInterview| {
        Some(Slot {
            round: i.round as usize - 1,
            panel: pi(i.panel_id)?,
            candidate: ci(i.candidate_id)?,
        })
    };
    let played: Vec<Slot> = stored
        .interviews
        .iter()
        .filter(|i| (i.round as usize) <= from)
        .filter_map(to_slot)
        .collect();
    let planned: Vec<Slot> = stored
        .interviews
        .iter()
        .filter(|i| (i.round as usize) > from)
        .filter_map(to_slot)
        .collect();
    // A binôme none of whose members is still in the room sits no more rounds.
    let present = |pid: Id| {
        app.data.attendance.iter().any(|a| {
            a.person_id == pid
                && matches!(
                    a.status,
                    crate::core::attendance::AttendanceStatus::Present
                        | crate::core::attendance::AttendanceStatus::Late
                )
        })
    };
    let panel_until: Vec<Option<usize>> = day
        .panels
        .iter()
        .map(|pid| {
            let here = app
                .data
                .panels
                .iter()
                .find(|p| p.id == *pid)
                .is_some_and(|p| p.members.iter().any(|m| present(*m)));
            if here {
                None
            } else {
                Some(from.saturating_sub(1))
            }
        })
        .collect();
    if panel_until.iter().all(|u| u.is_some()) {
        app.warn(app.tr.t("rotation.no_panels").to_string());
        return Vec::new();
    }
    let input = ReplanInput {
        instance: day.instance.clone(),
        from_round: from,
        played,
        planned,
        panel_until,
        ..ReplanInput::default()
    };
    let Some(result) = replan(&input) else {
        app.error(app.tr.t("rotation.replan_impossible").to_string());
        return Vec::new();
    };
    let label = |pid: Id| {
        app.data
            .panels
            .iter()
            .find(|p| p.id == pid)
            .map(|p| p.label.clone())
            .unwrap_or_default()
    };
    let table = |j: usize| {
        app.data
            .panels
            .iter()
            .find(|p| p.id == day.panels[j])
            .map(|p| p.table_name.clone())
            .unwrap_or_default()
    };
    // Frozen rounds stay as stored (people who left included: it is what happened).
    let mut interviews: Vec<StoredInterview> = stored
        .interviews
        .iter()
        .filter(|i| (i.round as usize) <= from)
        .cloned()
        .collect();
    interviews.extend(
        result
            .plan
            .slots
            .iter()
            .filter(|s| s.round >= from)
            .map(|s| StoredInterview {
                round: s.round as u32 + 1,
                panel_id: Some(day.panels[s.panel]),
                panel_label: label(day.panels[s.panel]),
                candidate_id: day.candidates[s.candidate],
            }),
    );
    let tr = app.tr;
    let who = |c: usize| short(app, day.candidates[c]);
    // « Yanis B. : entretien annulé (table 3, tour 5) » and the like.
    let at_line = |key: &str, who: &str, table: &str, round: u32| {
        tr.tf(key, &[("who", &who), ("table", &table), ("round", &round)])
    };
    let mut lines: Vec<String> = result
        .moves
        .iter()
        .map(|m| match *m {
            Move::Moved {
                candidate,
                from: (fr, fp),
                to: (tround, tp),
            } => tr.tf(
                "rotation.move",
                &[
                    ("who", &who(candidate)),
                    ("table", &table(tp)),
                    ("round", &(tround + 1)),
                    ("old_table", &table(fp)),
                    ("old_round", &(fr + 1)),
                ],
            ),
            Move::Cancelled {
                candidate,
                at: (r, p),
            } => at_line(
                "rotation.cancelled",
                &who(candidate),
                &table(p),
                r as u32 + 1,
            ),
            Move::Added {
                candidate,
                at: (r, p),
            } => at_line("rotation.added", &who(candidate), &table(p), r as u32 + 1),
        })
        .collect();
    // Interviews of people or binômes no longer here are cancelled too: say so, by name.
    let gone: Vec<&StoredInterview> = stored
        .interviews
        .iter()
        .filter(|i| (i.round as usize) > from && to_slot(i).is_none())
        .collect();
    for i in &gone {
        let table = i
            .panel_id
            .and_then(|id| app.data.panel(id))
            .map(|p| p.table_name.clone())
            .unwrap_or_else(|| i.panel_label.clone());
        lines.push(at_line(
            "rotation.cancelled",
            &short(app, i.candidate_id),
            &table,
            i.round,
        ));
    }
    let summary = tr.tf(
        "rotation.replan_summary",
        &[
            ("from", &(from + 1)),
            ("kept", &result.kept),
            ("moves", &(result.moves.len() + gone.len())),
            ("rounds", &result.plan.rounds),
        ],
    );
    lines.insert(0, summary);
    let effect = Effect::SavePlan {
        session_id,
        interviews,
        note: format!("replanned from round {}", from + 1),
    };
    app.rotation.pending_replan = Some((effect, lines));
    app.rotation.pending_title = "rotation.replan_title";
    app.popup = Some(Popup::ConfirmReplan);
    Vec::new()
}

/// The plan's binôme columns in table order: (panel id, label as in the plan).
pub fn columns(app: &App) -> Vec<(Option<Id>, String)> {
    let Some(stored) = &app.data.plan else {
        return Vec::new();
    };
    let mut columns: Vec<(Option<Id>, String)> = Vec::new();
    for i in &stored.interviews {
        if !columns
            .iter()
            .any(|(id, label)| *id == i.panel_id && *label == i.panel_label)
        {
            columns.push((i.panel_id, i.panel_label.clone()));
        }
    }
    columns.sort_by_key(|(id, _)| {
        id.and_then(|id| {
            app.data
                .panels
                .iter()
                .find(|p| p.id == id)
                .map(|p| p.position)
        })
        .unwrap_or(i64::MAX)
    });
    columns
}

fn open_absent_picker(app: &mut App) {
    let Some(plan) = &app.data.plan else {
        app.warn(app.tr.t("rotation.no_plan").to_string());
        return;
    };
    let mut items: Vec<Absentee> = Vec::new();
    for i in &plan.interviews {
        if !items.contains(&Absentee::Candidate(i.candidate_id)) {
            items.push(Absentee::Candidate(i.candidate_id));
        }
    }
    items.sort_by_key(|a| match a {
        Absentee::Candidate(id) => short(app, *id),
        Absentee::Panel(_) => String::new(),
    });
    items.extend(
        app.data
            .panels
            .iter()
            .filter(|p| !p.members.is_empty())
            .map(|p| Absentee::Panel(p.id)),
    );
    app.rotation.absent_picker = Some((items, 0));
}

/// The label of a picker line.
pub fn absentee_label(app: &App, a: &Absentee) -> String {
    match a {
        Absentee::Candidate(id) => app
            .data
            .member(*id)
            .map(|m| m.person.full_name())
            .unwrap_or_default(),
        Absentee::Panel(id) => app
            .data
            .panels
            .iter()
            .find(|p| p.id == *id)
            .map(|p| {
                format!(
                    "{} {} · {}",
                    app.tr.t("panels.table_word"),
                    p.table_name,
                    p.label
                )
            })
            .unwrap_or_default(),
    }
}

/// Keys of the picker: Enter marks the person (or the binôme's pros) as gone, then re-plans from
/// the selected round.
pub fn on_picker_key(app: &mut App, action: Option<Action>) -> Vec<Effect> {
    let Some((items, cursor)) = app.rotation.absent_picker.as_mut() else {
        return Vec::new();
    };
    match action {
        Some(Action::Down) => *cursor = (*cursor + 1).min(items.len().saturating_sub(1)),
        Some(Action::Up) => *cursor = cursor.saturating_sub(1),
        Some(Action::Back) => app.rotation.absent_picker = None,
        Some(Action::Confirm) => {
            let picked = items.get(*cursor).cloned();
            app.rotation.absent_picker = None;
            let people: Vec<Id> = match picked {
                Some(Absentee::Candidate(id)) => vec![id],
                Some(Absentee::Panel(pid)) => app
                    .data
                    .panels
                    .iter()
                    .find(|p| p.id == pid)
                    .map(|p| p.members.clone())
                    .unwrap_or_default(),
                None => Vec::new(),
            };
            let mut effects = Vec::new();
            let now = app.now.time();
            for id in people {
                let Some(before) = app.data.attendance_of(id).cloned() else {
                    continue;
                };
                // Someone who came leaves early; someone not yet here is absent.
                let status = if before.status.came() {
                    crate::core::attendance::AttendanceStatus::LeftEarly
                } else {
                    crate::core::attendance::AttendanceStatus::Absent
                };
                let after = before.mark(status, now);
                if after != before {
                    app.attendance
                        .undo
                        .record(before.session_id, before.person_id, Some(before));
                    app.data.put_attendance(after.clone());
                    effects.push(Effect::SaveAttendance(after));
                }
            }
            effects.extend(replan_from_selected(app));
            return effects;
        }
        _ => {}
    }
    Vec::new()
}

/// Draws the picker.
pub fn draw_picker(app: &App, frame: &mut Frame, area: Rect) {
    let Some((items, cursor)) = &app.rotation.absent_picker else {
        return;
    };
    let tr = app.tr;
    let th = app.theme;
    let r = crate::ui::widgets::centered(area, 60, (items.len() as u16 + 2).min(area.height));
    frame.render_widget(ratatui::widgets::Clear, r);
    let block = Block::bordered()
        .title(Span::styled(
            format!(
                " {} ",
                tr.tf(
                    "rotation.absent_title",
                    &[("round", &(app.rotation.round + 1))]
                )
            ),
            th.accent(),
        ))
        .title_bottom(Line::from(format!(" {} ", tr.t("rotation.absent_hint"))).right_aligned());
    let inner = block.inner(r);
    frame.render_widget(block, r);
    let lines: Vec<Line> = items
        .iter()
        .enumerate()
        .map(|(i, a)| {
            let l = Line::from(absentee_label(app, a));
            if i == *cursor {
                l.style(th.selected())
            } else {
                l
            }
        })
        .collect();
    scrolled_lines(frame, inner, lines, *cursor, th);
}

/// w on a cell: mark it, or swap it with the marked one (asking first when a rule breaks).
fn swap_key(app: &mut App) -> Vec<Effect> {
    let Some(stored) = app.data.plan.clone() else {
        return Vec::new();
    };
    if stored.locked {
        app.warn(app.tr.t("rotation.locked_refuse").to_string());
        return Vec::new();
    }
    let cols = columns(app);
    let here = (
        app.rotation.round as u32 + 1,
        app.rotation.column.min(cols.len().saturating_sub(1)),
    );
    let Some(mark) = app.rotation.swap_mark.take() else {
        app.rotation.swap_mark = Some(here);
        app.info(app.tr.t("rotation.swap_marked").to_string());
        return Vec::new();
    };
    if mark == here {
        app.info(app.tr.t("rotation.swap_cancelled").to_string());
        return Vec::new();
    }
    let find = |(r, c): (u32, usize)| {
        stored.interviews.iter().position(|i| {
            i.round == r
                && cols
                    .get(c)
                    .is_some_and(|(id, l)| i.panel_id == *id && i.panel_label == *l)
        })
    };
    let (a, b) = (find(mark), find(here));
    if a.is_none() && b.is_none() {
        return Vec::new();
    }
    let mut interviews = stored.interviews.clone();
    // Each interview takes the other's place (round and binôme); an empty cell just receives one.
    let place = |i: &mut StoredInterview, (r, c): (u32, usize)| {
        i.round = r;
        if let Some((id, label)) = cols.get(c) {
            i.panel_id = *id;
            i.panel_label = label.clone();
        }
    };
    if let Some(a) = a {
        place(&mut interviews[a], here);
    }
    if let Some(b) = b {
        place(&mut interviews[b], mark);
    }
    let problems = rule_breaks(app, &interviews);
    let effect = Effect::SavePlan {
        session_id: app.data.session.unwrap_or_default(),
        interviews,
        note: "swap".into(),
    };
    if problems.is_empty() {
        app.info(app.tr.t("rotation.swapped").to_string());
        return vec![effect];
    }
    let mut lines = vec![app.tr.t("rotation.swap_breaks").to_string()];
    lines.extend(problems);
    app.rotation.pending_replan = Some((effect, lines));
    app.rotation.pending_title = "rotation.swap_title";
    app.popup = Some(Popup::ConfirmReplan);
    Vec::new()
}

/// What a plan breaks: a candidate twice in a round, a binôme met twice.
fn rule_breaks(app: &App, interviews: &[StoredInterview]) -> Vec<String> {
    let mut out = Vec::new();
    for (i, a) in interviews.iter().enumerate() {
        for b in &interviews[i + 1..] {
            if a.candidate_id != b.candidate_id {
                continue;
            }
            let who = short(app, a.candidate_id);
            if a.round == b.round {
                out.push(app.tr.tf(
                    "rotation.break_twice_in_round",
                    &[("who", &who), ("round", &a.round)],
                ));
            } else if a.panel_id.is_some() && a.panel_id == b.panel_id {
                out.push(app.tr.tf(
                    "rotation.break_same_panel",
                    &[("who", &who), ("panel", &a.panel_label)],
                ));
            }
        }
    }
    out
}

fn short(app: &App, id: Id) -> String {
    app.data.short_name(id)
}

/// Draws the screen.
pub fn draw(app: &App, frame: &mut Frame, area: Rect) {
    let tr = app.tr;
    let th = app.theme;
    let Some(session) = app.data.current_session() else {
        frame.render_widget(
            Paragraph::new(tr.t("att.no_session"))
                .block(Block::bordered().title(tr.t("screen.rotation"))),
            area,
        );
        return;
    };
    let mut title = format!(
        " {} — {} {} ",
        tr.t("screen.rotation"),
        tr.t(&format!("kind.{}", session.kind.code())),
        tr.date_short(session.date)
    );
    if let Some(p) = &app.data.plan {
        title.push_str(&tr.tf("rotation.version", &[("v", &p.version)]));
        if p.locked {
            title.push_str(&format!(" · {} ", tr.t("rotation.locked_tag")));
        }
    }
    let block = Block::bordered().title(Span::styled(title, th.accent()));
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let Some(stored) = &app.data.plan else {
        let day = day(app);
        let text = vec![
            Line::from(Span::styled(tr.t("rotation.no_plan"), th.accent())),
            Line::from(""),
            Line::from(tr.tf(
                "rotation.inputs",
                &[
                    ("c", &day.candidates.len()),
                    ("p", &day.panels.len()),
                    ("k", &k_of(app)),
                ],
            )),
            Line::from(""),
            Line::from(Span::styled(tr.t("rotation.how"), th.dim())),
        ];
        frame.render_widget(Paragraph::new(text).wrap(Wrap { trim: true }), inner);
        return;
    };
    let [grid_area, info_area] =
        Layout::vertical([Constraint::Min(3), Constraint::Length(2)]).areas(inner);
    let columns = columns(app);
    let label_w = 5usize;
    // Every binôme on screen when each gets 8 characters or more; otherwise scroll with ← →.
    let room = (grid_area.width as usize).saturating_sub(label_w + 1);
    let cell_w = (room / columns.len().max(1)).saturating_sub(1).clamp(8, 12);
    let fit_cols = (room / (cell_w + 1)).max(1);
    // Keep the selected column on screen.
    let selected_col = app.rotation.column.min(columns.len().saturating_sub(1));
    let first = selected_col.saturating_sub(fit_cols.saturating_sub(1));
    let shown = &columns[first..(first + fit_cols).min(columns.len())];
    let table_of = |id: Option<Id>| {
        id.and_then(|id| app.data.panels.iter().find(|p| p.id == id))
            .map(|p| format!("{} {}", tr.t("panels.table_word"), p.table_name))
            .unwrap_or_else(|| "—".into())
    };
    let mut lines = Vec::new();
    let mut head = vec![Span::styled(fit(tr.t("plan.round"), label_w), th.dim())];
    for (id, _) in shown {
        head.push(Span::styled(
            format!(" {}", fit(&table_of(*id), cell_w)),
            th.accent(),
        ));
    }
    lines.push(Line::from(head));
    let mut names = vec![Span::raw(" ".repeat(label_w))];
    for (_, label) in shown {
        names.push(Span::styled(format!(" {}", fit(label, cell_w)), th.dim()));
    }
    lines.push(Line::from(names));
    for r in 1..=stored.rounds() {
        let selected = (r as usize - 1) == app.rotation.round;
        let mut spans = vec![Span::styled(
            fit(&format!("{}{r}", if selected { "▸" } else { " " }), label_w),
            if selected { th.accent() } else { th.dim() },
        )];
        for (ci, (id, label)) in shown.iter().enumerate() {
            let col = first + ci;
            let who = stored
                .interviews
                .iter()
                .find(|i| i.round == r && i.panel_id == *id && i.panel_label == *label)
                .map(|i| short(app, i.candidate_id));
            let text = who.unwrap_or_else(|| "·".into());
            let marked = app.rotation.swap_mark == Some((r, col));
            let cell_style = if selected && col == selected_col {
                th.selected()
            } else if marked {
                th.warn().add_modifier(Modifier::REVERSED)
            } else {
                ratatui::style::Style::default()
            };
            spans.push(Span::raw(" "));
            spans.push(Span::styled(fit(&text, cell_w), cell_style));
        }
        let mut line = Line::from(spans);
        if selected {
            line = line.style(ratatui::style::Style::default().add_modifier(Modifier::BOLD));
        }
        lines.push(line);
    }
    scrolled_lines(frame, grid_area, lines, app.rotation.round + 2, th);
    let hidden = columns.len() - shown.len();
    let mut info = vec![Line::from(Span::styled(
        fit(&metrics_line(app, stored), info_area.width as usize)
            .trim_end()
            .to_string(),
        th.dim(),
    ))];
    if hidden > 0 {
        info.push(Line::from(Span::styled(
            tr.tf("rotation.more_columns", &[("n", &hidden)]),
            th.warn(),
        )));
    } else if stale(app) {
        info.push(Line::from(Span::styled(tr.t("rotation.stale"), th.warn())));
    }
    frame.render_widget(Paragraph::new(info), info_area);
}

/// « 7 tours (minimum 7) · 6 binômes · 19 entretiens dans le secteur visé · 0 sans · 6 tours d'attente »,
/// measured on the stored plan against the day as it stands.
fn metrics_line(app: &App, stored: &crate::store::StoredPlan) -> String {
    let day = day(app);
    let slots: Vec<crate::core::plan::Slot> = stored
        .interviews
        .iter()
        .filter_map(|i| {
            Some(crate::core::plan::Slot {
                round: i.round as usize - 1,
                panel: i
                    .panel_id
                    .and_then(|id| day.panels.iter().position(|p| *p == id))?,
                candidate: day.candidates.iter().position(|c| *c == i.candidate_id)?,
            })
        })
        .collect();
    let plan = crate::core::plan::Plan {
        rounds: stored.rounds() as usize,
        slots,
    };
    let m = crate::core::plan::measure(&day.instance, &plan);
    crate::messages::plan_metrics(app.tr, "plan.metrics_short", &m)
}

/// True when the binômes were recomposed, or K changed, since the plan was made.
fn stale(app: &App) -> bool {
    let Some(plan) = &app.data.plan else {
        return false;
    };
    let k = k_of(app);
    let first = plan.interviews.first().map(|i| i.candidate_id);
    let per_candidate = plan
        .interviews
        .iter()
        .filter(|i| Some(i.candidate_id) == first)
        .count();
    if first.is_some() && per_candidate != k {
        return true;
    }
    plan.interviews.iter().any(|i| {
        i.panel_id
            .and_then(|id| app.data.panel(id))
            .is_none_or(|p| p.label != i.panel_label)
    })
}
