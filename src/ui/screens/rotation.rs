//! Rotation: the plan grid of the session (rounds × binômes), its metrics, generate and lock.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::Modifier;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Paragraph, Wrap};

use crate::core::domain::{Id, SessionKind};
use crate::core::plan::{day_instance, plan};
use crate::store::StoredInterview;
use crate::ui::context::{Ctx, Effect, Popup};
use crate::ui::keys::Action;
use crate::ui::keys::Scope;
use crate::ui::screen::{Intent, Reply, Screen, ScreenView};
use crate::ui::widgets::{fit, marker, scrolled_lines, step};
use ratatui::crossterm::event::KeyEvent;

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
fn day(cx: &Ctx) -> crate::core::plan::DayInstance {
    day_instance(
        &cx.data.members,
        &cx.data.attendance,
        &cx.data.panels,
        k_of(cx),
        &cx.data.forbidden,
    )
}

fn k_of(cx: &Ctx) -> usize {
    cx.data
        .session
        .map(|s| cx.data.settings_of(s).interviews_per_candidate as usize)
        .unwrap_or(4)
}

/// Browsing keys.
pub fn on_action(st: &mut RotationState, cx: &mut Ctx, action: Action) -> Vec<Effect> {
    let rounds = cx.data.plan.as_ref().map_or(0, |p| p.rounds() as usize);
    let panels = cx.data.panels.len();
    match action {
        a @ (Action::Up | Action::Down | Action::Home | Action::End) => {
            step(&mut st.round, a, rounds);
        }
        Action::Left => st.column = st.column.saturating_sub(1),
        Action::Right => st.column = (st.column + 1).min(panels.saturating_sub(1)),
        Action::Swap => return swap_key(st, cx),
        Action::MarkAbsent => open_absent_picker(st, cx),
        Action::Back if st.swap_mark.is_some() => {
            st.swap_mark = None;
            cx.info(cx.tr.t("rotation.swap_cancelled").to_string());
        }
        Action::Generate => {
            let locked = cx.data.plan.as_ref().is_some_and(|p| p.locked);
            if locked {
                cx.warn(cx.tr.t("rotation.locked_refuse").to_string());
            } else if cx.data.plan.is_some() {
                cx.popup = Some(Popup::ConfirmRegenerate);
            } else {
                return generate(st, cx);
            }
        }
        Action::Replan => return replan_from_selected(st, cx),
        Action::History => {
            if let Some(s) = cx.data.session {
                return vec![Effect::LoadPlanHistory(s)];
            }
        }
        Action::Lock => {
            if let Some(p) = &cx.data.plan {
                let locked = !p.locked;
                let id = p.id;
                let key = if locked {
                    "rotation.locked"
                } else {
                    "rotation.unlocked"
                };
                cx.info(cx.tr.t(key).to_string());
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
pub fn generate(st: &mut RotationState, cx: &mut Ctx) -> Vec<Effect> {
    let Some(session) = cx.data.current_session().cloned() else {
        cx.warn(cx.tr.t("att.no_session").to_string());
        return Vec::new();
    };
    if session.kind != SessionKind::JobTraining {
        cx.warn(cx.tr.t("rotation.job_training_only").to_string());
        return Vec::new();
    }
    let day = day(cx);
    if day.panels.is_empty() {
        cx.warn(cx.tr.t("rotation.no_panels").to_string());
        return Vec::new();
    }
    if day.candidates.is_empty() {
        cx.warn(cx.tr.t("rotation.no_candidates").to_string());
        return Vec::new();
    }
    match plan(&day.instance) {
        Ok((plan, metrics)) => {
            let label = |pid: Id| {
                cx.data
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
            st.round = 0;
            cx.info(cx.tr.tf(
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
                    .and_then(|id| cx.data.member(*id))
                    .map(|m| m.person.short_name())
                    .unwrap_or_default()
            };
            let text = crate::messages::plan_error(cx.tr, &e, &names);
            cx.error(text);
            Vec::new()
        }
    }
}

/// Keys of the history popup: move, restore the selected version, close.
pub fn on_history_key(st: &mut RotationState, cx: &mut Ctx, action: Option<Action>) -> Vec<Effect> {
    let Some((versions, cursor)) = st.history.as_mut() else {
        return Vec::new();
    };
    match action {
        Some(a) if step(cursor, a, versions.len()) => {}
        Some(Action::Back) => st.history = None,
        Some(Action::Confirm) => {
            let version = versions.get(*cursor).map(|v| v.0);
            st.history = None;
            let locked = cx.data.plan.as_ref().is_some_and(|p| p.locked);
            if locked {
                cx.warn(cx.tr.t("rotation.locked_refuse").to_string());
                return Vec::new();
            }
            if let (Some(session_id), Some(version)) = (cx.data.session, version) {
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
pub fn draw_history(st: &RotationState, cx: &Ctx, frame: &mut Frame, area: Rect) {
    let Some((versions, cursor)) = &st.history else {
        return;
    };
    let tr = cx.tr;
    let th = cx.theme;
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
pub fn replan_from_selected(st: &mut RotationState, cx: &mut Ctx) -> Vec<Effect> {
    use crate::core::plan::{Move, ReplanInput, Slot, replan};
    let Some(stored) = cx.data.plan.clone() else {
        cx.warn(cx.tr.t("rotation.no_plan").to_string());
        return Vec::new();
    };
    if stored.locked {
        cx.warn(cx.tr.t("rotation.locked_refuse").to_string());
        return Vec::new();
    }
    let Some(session_id) = cx.data.session else {
        return Vec::new();
    };
    let from = st.round; // 0-based: this round and the next ones are re-planned
    let day = day(cx);
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
        cx.data.attendance.iter().any(|a| {
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
            let here = cx
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
        cx.warn(cx.tr.t("rotation.no_panels").to_string());
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
        cx.error(cx.tr.t("rotation.replan_impossible").to_string());
        return Vec::new();
    };
    let label = |pid: Id| {
        cx.data
            .panels
            .iter()
            .find(|p| p.id == pid)
            .map(|p| p.label.clone())
            .unwrap_or_default()
    };
    let table = |j: usize| {
        cx.data
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
    let tr = cx.tr;
    let who = |c: usize| short(cx, day.candidates[c]);
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
            .and_then(|id| cx.data.panel(id))
            .map(|p| p.table_name.clone())
            .unwrap_or_else(|| i.panel_label.clone());
        lines.push(at_line(
            "rotation.cancelled",
            &short(cx, i.candidate_id),
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
    st.pending_replan = Some((effect, lines));
    st.pending_title = "rotation.replan_title";
    cx.popup = Some(Popup::ConfirmReplan);
    Vec::new()
}

/// The plan's binôme columns in table order: (panel id, label as in the plan).
pub fn columns(cx: &Ctx) -> Vec<(Option<Id>, String)> {
    let Some(stored) = &cx.data.plan else {
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
            cx.data
                .panels
                .iter()
                .find(|p| p.id == id)
                .map(|p| p.position)
        })
        .unwrap_or(i64::MAX)
    });
    columns
}

fn open_absent_picker(st: &mut RotationState, cx: &mut Ctx) {
    let Some(plan) = &cx.data.plan else {
        cx.warn(cx.tr.t("rotation.no_plan").to_string());
        return;
    };
    let mut items: Vec<Absentee> = Vec::new();
    for i in &plan.interviews {
        if !items.contains(&Absentee::Candidate(i.candidate_id)) {
            items.push(Absentee::Candidate(i.candidate_id));
        }
    }
    items.sort_by_key(|a| match a {
        Absentee::Candidate(id) => short(cx, *id),
        Absentee::Panel(_) => String::new(),
    });
    items.extend(
        cx.data
            .panels
            .iter()
            .filter(|p| !p.members.is_empty())
            .map(|p| Absentee::Panel(p.id)),
    );
    st.absent_picker = Some((items, 0));
}

/// The label of a picker line.
pub fn absentee_label(cx: &Ctx, a: &Absentee) -> String {
    match a {
        Absentee::Candidate(id) => cx
            .data
            .member(*id)
            .map(|m| m.person.full_name())
            .unwrap_or_default(),
        Absentee::Panel(id) => cx
            .data
            .panels
            .iter()
            .find(|p| p.id == *id)
            .map(|p| {
                format!(
                    "{} {} · {}",
                    cx.tr.t("panels.table_word"),
                    p.table_name,
                    p.label
                )
            })
            .unwrap_or_default(),
    }
}

/// Keys of the picker: Enter marks the person (or the binôme's pros) as gone, then re-plans from
/// the selected round.
pub fn on_picker_key(st: &mut RotationState, cx: &mut Ctx, action: Option<Action>) -> Reply {
    let Some((items, cursor)) = st.absent_picker.as_mut() else {
        return Reply::default();
    };
    match action {
        Some(a) if step(cursor, a, items.len()) => {}
        Some(Action::Back) => st.absent_picker = None,
        Some(Action::Confirm) => {
            let picked = items.get(*cursor).cloned();
            st.absent_picker = None;
            let people: Vec<Id> = match picked {
                Some(Absentee::Candidate(id)) => vec![id],
                Some(Absentee::Panel(pid)) => cx
                    .data
                    .panels
                    .iter()
                    .find(|p| p.id == pid)
                    .map(|p| p.members.clone())
                    .unwrap_or_default(),
                None => Vec::new(),
            };
            let mut effects = Vec::new();
            let mut intents = Vec::new();
            let now = cx.now.time();
            for id in people {
                let Some(before) = cx.data.attendance_of(id).cloned() else {
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
                    // Présences' undo takes these marks back too.
                    intents.push(Intent::RememberForUndo(before));
                    cx.data.put_attendance(after.clone());
                    effects.push(Effect::SaveAttendance(after));
                }
            }
            effects.extend(replan_from_selected(st, cx));
            return Reply { effects, intents };
        }
        _ => {}
    }
    Reply::default()
}

/// Draws the picker.
pub fn draw_picker(st: &RotationState, cx: &Ctx, frame: &mut Frame, area: Rect) {
    let Some((items, cursor)) = &st.absent_picker else {
        return;
    };
    let tr = cx.tr;
    let th = cx.theme;
    let r = crate::ui::widgets::centered(area, 60, (items.len() as u16 + 2).min(area.height));
    frame.render_widget(ratatui::widgets::Clear, r);
    let block = Block::bordered()
        .title(Span::styled(
            format!(
                " {} ",
                tr.tf("rotation.absent_title", &[("round", &(st.round + 1))])
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
            let l = Line::from(absentee_label(cx, a));
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
fn swap_key(st: &mut RotationState, cx: &mut Ctx) -> Vec<Effect> {
    let Some(stored) = cx.data.plan.clone() else {
        return Vec::new();
    };
    if stored.locked {
        cx.warn(cx.tr.t("rotation.locked_refuse").to_string());
        return Vec::new();
    }
    let cols = columns(cx);
    let here = (
        st.round as u32 + 1,
        st.column.min(cols.len().saturating_sub(1)),
    );
    let Some(mark) = st.swap_mark.take() else {
        st.swap_mark = Some(here);
        cx.info(cx.tr.t("rotation.swap_marked").to_string());
        return Vec::new();
    };
    if mark == here {
        cx.info(cx.tr.t("rotation.swap_cancelled").to_string());
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
    let problems = rule_breaks(cx, &interviews);
    let effect = Effect::SavePlan {
        session_id: cx.data.session.unwrap_or_default(),
        interviews,
        note: "swap".into(),
    };
    if problems.is_empty() {
        cx.info(cx.tr.t("rotation.swapped").to_string());
        return vec![effect];
    }
    let mut lines = vec![cx.tr.t("rotation.swap_breaks").to_string()];
    lines.extend(problems);
    st.pending_replan = Some((effect, lines));
    st.pending_title = "rotation.swap_title";
    cx.popup = Some(Popup::ConfirmReplan);
    Vec::new()
}

/// What a plan breaks: a candidate twice in a round, a binôme met twice.
fn rule_breaks(cx: &Ctx, interviews: &[StoredInterview]) -> Vec<String> {
    let mut out = Vec::new();
    for (i, a) in interviews.iter().enumerate() {
        for b in &interviews[i + 1..] {
            if a.candidate_id != b.candidate_id {
                continue;
            }
            let who = short(cx, a.candidate_id);
            if a.round == b.round {
                out.push(cx.tr.tf(
                    "rotation.break_twice_in_round",
                    &[("who", &who), ("round", &a.round)],
                ));
            } else if a.panel_id.is_some() && a.panel_id == b.panel_id {
                out.push(cx.tr.tf(
                    "rotation.break_same_panel",
                    &[("who", &who), ("panel", &a.panel_label)],
                ));
            }
        }
    }
    out
}

fn short(cx: &Ctx, id: Id) -> String {
    cx.data.short_name(id)
}

/// Draws the screen.
pub fn draw(st: &RotationState, cx: &Ctx, frame: &mut Frame, area: Rect) {
    let tr = cx.tr;
    let th = cx.theme;
    let Some(session) = cx.data.current_session() else {
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
    if let Some(p) = &cx.data.plan {
        title.push_str(&tr.tf("rotation.version", &[("v", &p.version)]));
        if p.locked {
            title.push_str(&format!(" · {} ", tr.t("rotation.locked_tag")));
        }
    }
    let block = Block::bordered().title(Span::styled(title, th.accent()));
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let Some(stored) = &cx.data.plan else {
        let day = day(cx);
        let text = vec![
            Line::from(Span::styled(tr.t("rotation.no_plan"), th.accent())),
            Line::from(""),
            Line::from(tr.tf(
                "rotation.inputs",
                &[
                    ("c", &day.candidates.len()),
                    ("p", &day.panels.len()),
                    ("k", &k_of(cx)),
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
    let columns = columns(cx);
    let label_w = 5usize;
    // Every binôme on screen when each gets 8 characters or more; otherwise scroll with ← →.
    let room = (grid_area.width as usize).saturating_sub(label_w + 1);
    let cell_w = (room / columns.len().max(1)).saturating_sub(1).clamp(8, 12);
    let fit_cols = (room / (cell_w + 1)).max(1);
    // Keep the selected column on screen.
    let selected_col = st.column.min(columns.len().saturating_sub(1));
    let first = selected_col.saturating_sub(fit_cols.saturating_sub(1));
    let shown = &columns[first..(first + fit_cols).min(columns.len())];
    let table_of = |id: Option<Id>| {
        id.and_then(|id| cx.data.panels.iter().find(|p| p.id == id))
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
        let selected = (r as usize - 1) == st.round;
        let mut spans = vec![Span::styled(
            fit(&format!("{}{r}", marker(selected)), label_w),
            if selected { th.accent() } else { th.dim() },
        )];
        for (ci, (id, label)) in shown.iter().enumerate() {
            let col = first + ci;
            let who = stored
                .interviews
                .iter()
                .find(|i| i.round == r && i.panel_id == *id && i.panel_label == *label)
                .map(|i| short(cx, i.candidate_id));
            let text = who.unwrap_or_else(|| "·".into());
            let marked = st.swap_mark == Some((r, col));
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
    scrolled_lines(frame, grid_area, lines, st.round + 2, th);
    let hidden = columns.len() - shown.len();
    let mut info = vec![Line::from(Span::styled(
        fit(&metrics_line(cx, stored), info_area.width as usize)
            .trim_end()
            .to_string(),
        th.dim(),
    ))];
    if hidden > 0 {
        info.push(Line::from(Span::styled(
            tr.tf("rotation.more_columns", &[("n", &hidden)]),
            th.warn(),
        )));
    } else if stale(cx) {
        info.push(Line::from(Span::styled(tr.t("rotation.stale"), th.warn())));
    }
    frame.render_widget(Paragraph::new(info), info_area);
}

/// « 7 tours (minimum 7) · 6 binômes · 19 entretiens dans le secteur visé · 0 sans · 6 tours d'attente »,
/// measured on the stored plan against the day as it stands.
fn metrics_line(cx: &Ctx, stored: &crate::store::StoredPlan) -> String {
    let day = day(cx);
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
    crate::messages::plan_metrics(cx.tr, "plan.metrics_short", &m)
}

/// True when the binômes were recomposed, or K changed, since the plan was made.
fn stale(cx: &Ctx) -> bool {
    let Some(plan) = &cx.data.plan else {
        return false;
    };
    let k = k_of(cx);
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
            .and_then(|id| cx.data.panel(id))
            .is_none_or(|p| p.label != i.panel_label)
    })
}

impl ScreenView for RotationState {
    fn scope(&self) -> Scope {
        if self.history.is_some() {
            Scope::History
        } else if self.absent_picker.is_some() {
            Scope::Picker
        } else {
            Scope::Screen(Screen::Rotation)
        }
    }

    fn on_key(
        &mut self,
        cx: &mut Ctx,
        scope: Scope,
        action: Option<Action>,
        _key: KeyEvent,
    ) -> Reply {
        match (scope, action) {
            // The timer is the application's (it runs under every screen): its keys go there.
            (
                Scope::Screen(_),
                Some(
                    a @ (Action::StartPause
                    | Action::NudgeUp
                    | Action::NudgeDown
                    | Action::NextPhase
                    | Action::JumpRound
                    | Action::Ring
                    | Action::Sound),
                ),
            ) => Reply::intent(Intent::Timer(a)),
            (Scope::Screen(_), Some(a)) => on_action(self, cx, a).into(),
            (Scope::History, _) => on_history_key(self, cx, action).into(),
            (Scope::Picker, _) => on_picker_key(self, cx, action),
            _ => Reply::default(),
        }
    }

    fn draw(&self, cx: &Ctx, frame: &mut Frame, area: Rect) {
        draw(self, cx, frame, area);
        draw_history(self, cx, frame, area);
        draw_picker(self, cx, frame, area);
    }

    fn draw_popup(&self, cx: &Ctx, frame: &mut Frame, area: Rect, popup: &Popup) -> bool {
        if *popup != Popup::ConfirmReplan {
            return false;
        }
        draw_replan(self, cx, frame, area);
        true
    }

    fn on_confirm(&mut self, cx: &mut Ctx, popup: &Popup, yes: bool) -> Reply {
        if !yes {
            self.pending_replan = None;
            return Reply::default();
        }
        match popup {
            Popup::ConfirmRegenerate => generate(self, cx).into(),
            Popup::ConfirmReplan => self
                .pending_replan
                .take()
                .map(|(e, _)| vec![e])
                .unwrap_or_default()
                .into(),
            _ => Reply::default(),
        }
    }
}

/// The re-plan question: what changes, before it is confirmed.
fn draw_replan(st: &RotationState, cx: &Ctx, frame: &mut Frame, area: Rect) {
    let th = cx.theme;
    let Some((_, lines)) = &st.pending_replan else {
        return;
    };
    let r = crate::ui::widgets::centered(area, 76, area.height);
    frame.render_widget(ratatui::widgets::Clear, r);
    let block = Block::bordered()
        .border_style(th.warn())
        .title(Span::styled(
            format!(" {} ", cx.tr.t("rotation.replan_title")),
            th.accent(),
        ))
        .title_bottom(
            Line::from(Span::styled(
                format!(" {} ", cx.tr.t("app.yes_no")),
                th.accent(),
            ))
            .right_aligned(),
        );
    let text: Vec<Line> = lines
        .iter()
        .enumerate()
        .map(|(i, l)| {
            if i == 0 {
                Line::from(Span::styled(l.clone(), th.accent()))
            } else {
                Line::from(format!("  {l}"))
            }
        })
        .collect();
    frame.render_widget(
        Paragraph::new(text).wrap(Wrap { trim: false }).block(block),
        r,
    );
}
