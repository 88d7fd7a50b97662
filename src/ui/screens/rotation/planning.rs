//! Making and changing the plan from the Rotation screen: generate, re-plan from the selected round, swap two interviews.

use super::*;
use crate::core::plan::{
    DayInstance, Move, ReplanRefused, StoredReplan, interviews_of, replan_stored,
};
use crate::core::plan_history::PlanKind;

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
    // A professional who must meet none of the candidates: said with the outcome, whatever it is.
    let shut_out = crate::messages::shut_out(
        cx.tr,
        &day,
        &cx.data.panels,
        &cx.data.members,
        &cx.data.forbidden,
    )
    .map(|t| format!(" {t}"))
    .unwrap_or_default();
    match plan(&day.instance) {
        Ok((plan, metrics)) => {
            let interviews = interviews_of(&day, &plan.slots, &cx.data.panels);
            st.round = 0;
            let text = cx.tr.tf(
                "rotation.generated",
                &[("rounds", &metrics.rounds), ("lb", &metrics.lower_bound)],
            );
            if shut_out.is_empty() {
                cx.info(text);
            } else {
                cx.warn(format!("{text}{shut_out}"));
            }
            vec![Effect::SavePlan {
                session_id: session.id,
                interviews,
                kind: PlanKind::Generated,
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
            cx.error(format!("{text}{shut_out}"));
            Vec::new()
        }
    }
}

/// Re-plans from the selected round after someone left or arrived; asks first, listing the moves.
pub fn replan_from_selected(st: &mut RotationState, cx: &mut Ctx) -> Vec<Effect> {
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
    let data = &cx.data;
    let replanned = replan_stored(
        &day,
        &stored.interviews,
        from,
        &data.panels,
        &data.members,
        &data.attendance,
    );
    let result = match replanned {
        Ok(result) => result,
        Err(ReplanRefused::NoPanels) => {
            cx.warn(cx.tr.t("rotation.no_panels").to_string());
            return Vec::new();
        }
        Err(ReplanRefused::Impossible) => {
            cx.error(cx.tr.t("rotation.replan_impossible").to_string());
            return Vec::new();
        }
    };
    let lines = replan_lines(cx, &day, &result, from);
    let effect = Effect::SavePlan {
        session_id,
        interviews: result.interviews,
        kind: PlanKind::Replanned {
            from_round: u32::try_from(from + 1).unwrap_or(u32::MAX),
        },
    };
    st.pending_replan = Some((effect, lines));
    st.pending_title = "rotation.replan_title";
    cx.popup = Some(Popup::ConfirmReplan);
    Vec::new()
}

/// The re-plan question: a summary line, then each move, cancellation and addition by name.
fn replan_lines(cx: &Ctx, day: &DayInstance, result: &StoredReplan, from: usize) -> Vec<String> {
    let table = |j: usize| {
        (day.panels.get(j).and_then(|id| cx.data.panel(*id)))
            .map(|p| p.table_name.clone())
            .unwrap_or_default()
    };
    let tr = cx.tr;
    let who = |c: usize| short(cx, day.candidates[c]);
    // « Yanis B. : entretien annulé (table 3, tour 5) » and the like.
    let at_line = |key: &str, who: &str, table: &str, round: u32| {
        tr.tf(key, &[("who", &who), ("table", &table), ("round", &round)])
    };
    let gone = &result.gone;
    let result = &result.replan;
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
    for i in gone {
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
    lines
}

/// w on a cell: mark it, or swap it with the marked one (asking first when a rule breaks).
pub(super) fn swap_key(st: &mut RotationState, cx: &mut Ctx) -> Vec<Effect> {
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
        kind: PlanKind::Swap,
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
pub(super) fn rule_breaks(cx: &Ctx, interviews: &[StoredInterview]) -> Vec<String> {
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
