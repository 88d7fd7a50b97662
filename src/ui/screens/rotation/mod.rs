//! Rotation: the plan grid of the session (rounds × binômes), its metrics, generate and lock.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::Modifier;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Paragraph, Wrap};

use crate::core::domain::{Id, SessionKind};
use crate::core::plan::{day_instance, plan};
use crate::core::plan_history::StoredInterview;
use crate::ui::context::{Ctx, Effect, Popup};
use crate::ui::keys::Action;
use crate::ui::keys::Scope;
use crate::ui::screen::{Intent, KeyInput, Reply, Screen, ScreenView};
use crate::ui::widgets::{fit, marker, scrolled_lines, step};

mod draw;
use draw::*;

mod planning;
use planning::*;

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
    /// What was typed to find someone in that picker.
    pub absent_filter: String,
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
pub type PlanVersion = crate::core::plan_history::PlanVersionInfo;

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

/// The plan's versions are loaded: open the history popup on the newest (or say there is none).
pub fn history_loaded(st: &mut RotationState, cx: &mut Ctx, versions: Vec<PlanVersion>) {
    if versions.is_empty() {
        cx.warn(cx.tr.t("rotation.no_plan").to_string());
    } else {
        st.history = Some((versions, 0));
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
            let version = versions.get(*cursor).map(|v| v.version);
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
    st.absent_filter.clear();
}

/// The picker's lines as the people picker takes them: (index, label).
pub fn absentee_options(cx: &Ctx, items: &[Absentee]) -> Vec<(String, String)> {
    items
        .iter()
        .enumerate()
        .map(|(i, a)| (i.to_string(), absentee_label(cx, a)))
        .collect()
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

/// Keys of the picker: typing finds a name (the people picker of every form), Enter marks the
/// person (or the binôme's pros) as gone, then re-plans from the selected round.
pub fn on_picker_key(
    st: &mut RotationState,
    cx: &mut Ctx,
    action: Option<Action>,
    key: ratatui::crossterm::event::KeyEvent,
) -> Reply {
    let Some((items, cursor)) = st.absent_picker.as_mut() else {
        return Reply::default();
    };
    match action {
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
        _ => {
            let options = absentee_options(cx, items);
            crate::ui::form::pick_key(&options, cursor, &mut st.absent_filter, key);
        }
    }
    Reply::default()
}

/// Enter: the feedback form of the selected interview (round and binôme column).
fn open_feedback(st: &RotationState, cx: &mut Ctx) -> Reply {
    let round = st.round as u32 + 1;
    let column = columns(cx).get(st.column).cloned();
    let candidate = cx.data.plan.as_ref().and_then(|p| {
        p.interviews
            .iter()
            .find(|i| {
                i.round == round
                    && column
                        .as_ref()
                        .is_some_and(|(id, label)| i.panel_id == *id && i.panel_label == *label)
            })
            .map(|i| i.candidate_id)
    });
    match candidate {
        Some(candidate) => Reply::intent(Intent::FeedbackAt {
            round,
            candidate,
            from_timer: false,
        }),
        None => {
            cx.info(cx.tr.t("rotation.no_interview_here").to_string());
            Reply::default()
        }
    }
}

fn short(cx: &Ctx, id: Id) -> String {
    cx.data.short_name(id)
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

    fn on_key(&mut self, cx: &mut Ctx, input: KeyInput) -> Reply {
        match (input.scope, input.action) {
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
            (Scope::Screen(_), Some(Action::Open)) => open_feedback(self, cx),
            (Scope::Screen(_), Some(a)) => on_action(self, cx, a).into(),
            (Scope::History, _) => on_history_key(self, cx, input.action).into(),
            (Scope::Picker, _) => on_picker_key(self, cx, input.action, input.event),
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
