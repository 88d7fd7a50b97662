//! Suivi (tab 7): after the grand oral — the worklist of what is due, a candidate's follow-up log,
//! release checklist and outcomes. Release dates are sensitive: shown only after Ctrl-R (hidden
//! again on leaving, like Participants).

use chrono::NaiveDate;
use ratatui::Frame;
use ratatui::layout::Rect;

use crate::core::dates::parse_date;
use crate::core::domain::Id;
use crate::core::followup::{
    self, CheckAnswer, CheckEntry, CheckItem, Contact, ContactKind, Milestone, Outcome,
    OutcomeSource, Pairing, PairingStatus, WorkItem,
};
use crate::ui::context::{Ctx, Effect, Pending, deadline, debounce};
use crate::ui::form::{Field, Form, FormOutcome};
use crate::ui::keys::{Action, Scope};
use crate::ui::screen::{KeyInput, Reply, Screen, ScreenView};
use crate::ui::widgets::step;

mod draw;

/// The part of the candidate view the cursor is in.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum Pane {
    /// The follow-up log.
    #[default]
    Log,
    /// The release checklist.
    Checklist,
    /// Outcomes at release, 3 and 6 months.
    Outcomes,
}

impl Pane {
    fn next(self) -> Pane {
        match self {
            Pane::Log => Pane::Checklist,
            Pane::Checklist => Pane::Outcomes,
            Pane::Outcomes => Pane::Log,
        }
    }

    fn prev(self) -> Pane {
        self.next().next()
    }
}

/// What the open form edits.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FormTarget {
    /// A contact (id 0: new) of a candidate.
    Contact {
        /// The contact, once stored.
        id: Id,
        /// Candidate.
        candidate: Id,
    },
    /// One checklist item of a candidate.
    Check {
        /// Candidate.
        candidate: Id,
        /// The item.
        item: CheckItem,
    },
    /// An outcome of a candidate.
    Outcome {
        /// Candidate.
        candidate: Id,
    },
    /// A mentor pairing (its dates and status: edited, or ended).
    Pairing {
        /// The pairing.
        id: Id,
    },
}

/// State of the Suivi screen.
#[derive(Default)]
pub struct FollowupState {
    /// Selected worklist line.
    pub cursor: usize,
    /// The candidate opened from the worklist, if any.
    pub candidate: Option<Id>,
    /// Pane of the candidate view.
    pub pane: Pane,
    /// Selected row of that pane.
    pub row: usize,
    /// Release dates shown (Ctrl-R; hidden again on leaving).
    pub reveal: bool,
    /// Open form.
    pub form: Option<(FormTarget, Form)>,
    /// A contact's text waiting for its debounce (written 400 ms after the first unsaved key).
    pub pending: Pending,
    /// The highest contact id when the contact form opened: a new contact's row, once written,
    /// is the candidate's contact above it.
    pub known_max: Id,
}

/// What is due today, with the default thresholds.
pub fn worklist(cx: &Ctx) -> Vec<WorkItem> {
    cx.data.worklist(cx.now.date())
}

/// A candidate's contacts, newest first.
pub fn contacts_of(cx: &Ctx, candidate: Id) -> Vec<&Contact> {
    let mut list: Vec<&Contact> = cx
        .data
        .followup
        .contacts
        .iter()
        .filter(|c| c.candidate_id == candidate)
        .collect();
    list.reverse();
    list
}

fn release_of(cx: &Ctx, candidate: Id) -> Option<NaiveDate> {
    cx.data
        .member(candidate)
        .and_then(|m| m.sensitive.release_date)
}

fn rows_in(st: &FollowupState, cx: &Ctx, candidate: Id) -> usize {
    match st.pane {
        Pane::Log => contacts_of(cx, candidate).len(),
        Pane::Checklist => CheckItem::ALL.len(),
        Pane::Outcomes => Milestone::ALL.len(),
    }
}

/// The candidates followed with nothing due today (below the worklist, so that anyone can be
/// reached), in the members' order.
pub fn others(cx: &Ctx, items: &[WorkItem]) -> Vec<Id> {
    cx.data
        .followed()
        .map(|m| m.person.id)
        .filter(|id| !items.iter().any(|w| w.candidate_id == *id))
        .collect()
}

/// The candidate of a worklist row: the due lines first, then the other candidates.
fn row_candidate(cx: &Ctx, row: usize) -> Option<Id> {
    let items = worklist(cx);
    match items.get(row) {
        Some(w) => Some(w.candidate_id),
        None => others(cx, &items).get(row - items.len()).copied(),
    }
}

/// The candidate a key is about: the one opened, else the worklist row's.
fn subject(st: &FollowupState, cx: &Ctx) -> Option<Id> {
    st.candidate.or_else(|| row_candidate(cx, st.cursor))
}

/// A new contact of `candidate`, dated today, from another screen (Participants' `c`): the
/// candidate opens on their log, the contact form over it.
pub fn contact_for(st: &mut FollowupState, cx: &mut Ctx, candidate: Id) {
    if cx.data.cohort.is_none() {
        cx.warn(cx.tr.t("followup.no_cohort").to_string());
        return;
    }
    // Screens only switch while browsing, so no form is open here; never drop one if it were.
    if st.form.is_some() {
        return;
    }
    open_candidate(st, candidate);
    open_contact_form(st, cx, None, candidate);
}

fn open_candidate(st: &mut FollowupState, candidate: Id) {
    st.candidate = Some(candidate);
    st.pane = Pane::Log;
    st.row = 0;
}

/// Keys of the screen (browsing).
pub fn on_action(st: &mut FollowupState, cx: &mut Ctx, action: Action) -> Vec<Effect> {
    if cx.data.cohort.is_none() {
        cx.warn(cx.tr.t("followup.no_cohort").to_string());
        return Vec::new();
    }
    match action {
        Action::Reveal => cx.toggle_reveal(&mut st.reveal),
        Action::AddContact => match subject(st, cx) {
            Some(c) => open_contact_form(st, cx, None, c),
            None => cx.warn(cx.tr.t("followup.no_candidate").to_string()),
        },
        Action::Pairing => match subject(st, cx) {
            Some(c) => return pair_with_mentor(cx, c),
            None => cx.warn(cx.tr.t("followup.no_candidate").to_string()),
        },
        Action::EditPairing => match subject(st, cx) {
            Some(c) => open_pairing_form(st, cx, c),
            None => cx.warn(cx.tr.t("followup.no_candidate").to_string()),
        },
        Action::RecordOutcome => match subject(st, cx) {
            Some(c) => open_outcome_form(st, cx, c, None),
            None => cx.warn(cx.tr.t("followup.no_candidate").to_string()),
        },
        _ => match st.candidate {
            None => on_worklist(st, cx, action),
            Some(c) => return on_candidate(st, cx, c, action),
        },
    }
    Vec::new()
}

/// `p`: the candidate's latest « parrainage » proposal becomes a pairing with its professional.
fn pair_with_mentor(cx: &mut Ctx, candidate: Id) -> Vec<Effect> {
    let latest = cx
        .data
        .proposals
        .iter()
        .rev()
        .find(|p| {
            p.candidate_id == candidate && Pairing::from_proposal(0, p, cx.now.date()).is_some()
        })
        .cloned();
    match latest {
        Some(p) => crate::ui::screens::proposal::pair(cx, &p),
        None => {
            cx.warn(cx.tr.t("followup.no_mentoring").to_string());
            Vec::new()
        }
    }
}

fn on_worklist(st: &mut FollowupState, cx: &mut Ctx, action: Action) {
    let items = worklist(cx);
    let len = items.len() + others(cx, &items).len();
    if step(&mut st.cursor, action, len) {
        return;
    }
    if action == Action::Open
        && let Some(c) = row_candidate(cx, st.cursor)
    {
        open_candidate(st, c);
    }
}

fn on_candidate(
    st: &mut FollowupState,
    cx: &mut Ctx,
    candidate: Id,
    action: Action,
) -> Vec<Effect> {
    let len = rows_in(st, cx, candidate);
    if step(&mut st.row, action, len) {
        return Vec::new();
    }
    match action {
        Action::Back => st.candidate = None,
        Action::Left | Action::Right => {
            st.pane = if action == Action::Left {
                st.pane.prev()
            } else {
                st.pane.next()
            };
            st.row = 0;
        }
        Action::Open => match st.pane {
            Pane::Log => {
                let id = contacts_of(cx, candidate).get(st.row).map(|c| c.id);
                open_contact_form(st, cx, id, candidate);
            }
            Pane::Checklist => {
                if let Some(&item) = CheckItem::ALL.get(st.row) {
                    open_check_form(st, cx, candidate, item);
                }
            }
            Pane::Outcomes => {
                let m = Milestone::ALL.get(st.row).copied();
                open_outcome_form(st, cx, candidate, m);
            }
        },
        Action::NextStatus if st.pane == Pane::Checklist => {
            return cycle_check(st, cx, candidate);
        }
        _ => {}
    }
    Vec::new()
}

fn check_of(cx: &Ctx, candidate: Id, item: CheckItem) -> Option<CheckEntry> {
    let cohort = cx.data.cohort?;
    followup::checklist(cohort, candidate, &cx.data.followup.checks)
        .into_iter()
        .find(|e| e.item == item)
}

/// Space on a checklist item: unanswered → oui → en cours → non → sans objet → oui.
fn cycle_check(st: &FollowupState, cx: &mut Ctx, candidate: Id) -> Vec<Effect> {
    let Some(mut e) = CheckItem::ALL
        .get(st.row)
        .and_then(|&item| check_of(cx, candidate, item))
    else {
        return Vec::new();
    };
    e.answer = Some(e.answer.map_or(CheckAnswer::Yes, CheckAnswer::next));
    vec![Effect::SaveCheck(e)]
}

fn open_contact_form(st: &mut FollowupState, cx: &mut Ctx, id: Option<Id>, candidate: Id) {
    let existing = id.and_then(|id| {
        cx.data
            .followup
            .contacts
            .iter()
            .find(|c| c.id == id)
            .cloned()
    });
    let c = existing.unwrap_or_else(|| Contact::new(0, candidate, cx.now.date()));
    let next = c
        .next_date
        .map(|d| cx.tr.date_numeric(d))
        .unwrap_or_default();
    let mut form = Form::new(
        "followup.contact_title",
        cx.data.short_name(candidate),
        vec![
            Field::choice(
                "kind",
                "followup.kind",
                "followup.kind_help",
                ContactKind::ALL.iter().map(|k| k.code()).collect(),
                "followup.kind_",
                c.kind.code(),
            ),
            Field::text(
                "with",
                "followup.with",
                "followup.with_help",
                &c.with_whom,
                80,
            ),
            Field::text("note", "followup.note", "followup.note_help", &c.note, 500),
            Field::text(
                "next",
                "followup.next",
                "followup.next_help",
                &c.next_step,
                200,
            ),
            Field::text(
                "next_date",
                "followup.next_date",
                "followup.date_help",
                &next,
                10,
            )
            .prefilled(),
            // Last: it defaults to today, which is nearly always right.
            Field::text(
                "date",
                "followup.date",
                "followup.date_help",
                &cx.tr.date_numeric(c.date),
                10,
            )
            .prefilled(),
        ],
    );
    // With the mentor: only offered when the candidate has one (the log then names them).
    let mentors = followup::mentors_of(&cx.data.followup.pairings, candidate);
    if !mentors.is_empty() {
        let mut options = vec![(String::new(), "—".to_string())];
        options.extend(
            mentors
                .iter()
                .map(|&m| (m.to_string(), mentor_label(cx, m))),
        );
        form.fields.push(Field::named(
            "with_person",
            "followup.with_mentor",
            "followup.with_mentor_help",
            options,
        ));
        if let Some(p) = c.with_person {
            form.select_named("with_person", &p.to_string());
        }
    }
    st.known_max = cx
        .data
        .followup
        .contacts
        .iter()
        .map(|c| c.id)
        .max()
        .unwrap_or(0);
    st.form = Some((
        FormTarget::Contact {
            id: c.id,
            candidate,
        },
        form,
    ));
}

/// « Prénom N. (parrain / marraine) »: a mentor as the log and the forms name them.
pub fn mentor_label(cx: &Ctx, mentor: Id) -> String {
    format!(
        "{} ({})",
        cx.data.short_name(mentor),
        cx.tr.t("staff_role.mentor")
    )
}

/// The pairing `m` edits: the candidate's latest one under way, else their latest.
fn pairing_of(cx: &Ctx, candidate: Id) -> Option<&Pairing> {
    let mine = || {
        cx.data
            .followup
            .pairings
            .iter()
            .rev()
            .filter(move |p| p.candidate_id == candidate)
    };
    mine()
        .find(|p| p.status == PairingStatus::Active)
        .or_else(|| mine().next())
}

/// `m`: the candidate's pairing — its status (ending it dates its end today), start and end.
fn open_pairing_form(st: &mut FollowupState, cx: &mut Ctx, candidate: Id) {
    let Some(p) = pairing_of(cx, candidate).cloned() else {
        cx.warn(cx.tr.t("followup.no_pairing").to_string());
        return;
    };
    let end = p.end.map(|d| cx.tr.date_numeric(d)).unwrap_or_default();
    let form = Form::new(
        "followup.pairing_title",
        format!(
            "{} · {}",
            cx.data.short_name(candidate),
            mentor_label(cx, p.mentor_id)
        ),
        vec![
            Field::choice(
                "status",
                "followup.pairing_status",
                "followup.pairing_status_help",
                PairingStatus::ALL.iter().map(|s| s.code()).collect(),
                "followup.pairing_",
                p.status.code(),
            ),
            Field::text(
                "end",
                "followup.pairing_end",
                "followup.pairing_end_help",
                &end,
                10,
            )
            .prefilled(),
            Field::text(
                "start",
                "followup.pairing_start",
                "followup.date_help",
                &cx.tr.date_numeric(p.start),
                10,
            )
            .prefilled(),
        ],
    );
    st.form = Some((FormTarget::Pairing { id: p.id }, form));
}

fn open_check_form(st: &mut FollowupState, cx: &mut Ctx, candidate: Id, item: CheckItem) {
    let Some(e) = check_of(cx, candidate, item) else {
        return;
    };
    let mut answers = vec!["unset"];
    answers.extend(CheckAnswer::ALL.iter().map(|a| a.code()));
    let form = Form::new(
        "followup.check_title",
        format!(
            "{} · {}",
            cx.data.short_name(candidate),
            cx.tr.t(&format!("followup.check_{}", item.code()))
        ),
        vec![
            Field::choice(
                "answer",
                "followup.answer",
                "followup.answer_help",
                answers,
                "followup.answer_",
                e.answer.map_or("unset", |a| a.code()),
            ),
            Field::text(
                "note",
                "followup.note",
                "followup.check_note_help",
                &e.note,
                300,
            ),
        ],
    );
    st.form = Some((FormTarget::Check { candidate, item }, form));
}

fn open_outcome_form(
    st: &mut FollowupState,
    cx: &mut Ctx,
    candidate: Id,
    milestone: Option<Milestone>,
) {
    let outcomes = &cx.data.followup.outcomes;
    // Without a chosen milestone: the first one not yet recorded.
    let milestone = milestone.unwrap_or_else(|| {
        Milestone::ALL
            .iter()
            .copied()
            .find(|m| {
                !outcomes
                    .iter()
                    .any(|o| o.candidate_id == candidate && o.milestone == *m)
            })
            .unwrap_or(Milestone::Month6)
    });
    let existing = outcomes
        .iter()
        .find(|o| o.candidate_id == candidate && o.milestone == milestone)
        .cloned();
    let lang = cx.tr;
    let categories: Vec<(String, String)> = cx
        .outcomes
        .categories()
        .map(|(_, c)| {
            (
                c.key.clone(),
                lang.pick(&c.label_fr, &c.label_en).to_string(),
            )
        })
        .collect();
    let mut sources = vec!["none"];
    sources.extend(OutcomeSource::ALL.iter().map(|s| s.code()));
    let (employer, start, source) = existing.as_ref().map_or_else(
        || (String::new(), String::new(), "none"),
        |o| {
            (
                o.employer.clone(),
                o.start.map(|d| cx.tr.date_numeric(d)).unwrap_or_default(),
                o.source.map_or("none", |s| s.code()),
            )
        },
    );
    let mut form = Form::new(
        "followup.outcome_title",
        cx.data.short_name(candidate),
        vec![
            Field::choice(
                "milestone",
                "followup.milestone",
                "followup.milestone_help",
                Milestone::ALL.iter().map(|m| m.code()).collect(),
                "followup.milestone_",
                milestone.code(),
            ),
            Field::named(
                "category",
                "followup.category",
                "followup.category_help",
                categories,
            ),
            Field::text(
                "employer",
                "followup.employer",
                "followup.employer_help",
                &employer,
                120,
            ),
            Field::text("start", "followup.start", "followup.date_help", &start, 10).prefilled(),
            Field::choice(
                "source",
                "followup.source",
                "followup.source_help",
                sources,
                "followup.source_",
                source,
            ),
        ],
    );
    if let Some(o) = existing {
        form.select_named("category", &o.category);
    }
    st.form = Some((FormTarget::Outcome { candidate }, form));
}

/// A date field: empty is none; anything else must read as a date.
fn date_error(form: &mut Form, id: &str) {
    let text = form.value(id);
    let bad = !text.trim().is_empty() && parse_date(&text).is_none();
    form.set_error(id, bad.then_some("followup.err_date"));
}

/// The contact a contact form says (dates that do not read: today, none).
fn contact_from_form(form: &Form, cohort: Id, id: Id, candidate: Id, today: NaiveDate) -> Contact {
    Contact {
        id,
        cohort_id: cohort,
        candidate_id: candidate,
        date: parse_date(&form.value("date")).unwrap_or(today),
        kind: ContactKind::from_code(&form.value("kind")).unwrap_or(ContactKind::Detention),
        with_person: form.value("with_person").parse().ok(),
        with_whom: form.value("with").trim().to_string(),
        note: form.value("note").trim().to_string(),
        next_step: form.value("next").trim().to_string(),
        next_date: parse_date(&form.value("next_date")),
    }
}

/// A new contact's first debounced write made its row: the form edits that row from then on.
fn adopt_new_contact(st: &mut FollowupState, cx: &Ctx) {
    if let Some((FormTarget::Contact { id, candidate }, _)) = st.form.as_mut()
        && *id == 0
        && let Some(row) = cx
            .data
            .followup
            .contacts
            .iter()
            .filter(|c| c.candidate_id == *candidate && c.id > st.known_max)
            .map(|c| c.id)
            .max()
    {
        *id = row;
        // What waits was built with id 0: it would insert a second row.
        if let Some((_, Effect::SaveContact(c))) = st.pending.as_mut() {
            c.id = row;
        }
    }
}

/// Keys of the open form (editing). Saved when it closes (Enter or Esc), like an action.
pub fn on_form_key(st: &mut FollowupState, cx: &mut Ctx, input: KeyInput) -> Vec<Effect> {
    let Some((_, form)) = st.form.as_mut() else {
        return Vec::new();
    };
    let outcome = form.on_key(input.action, input.event);
    if outcome == FormOutcome::Changed {
        for id in ["date", "next_date", "start", "end"] {
            if form.fields.iter().any(|f| f.id == id) {
                date_error(form, id);
            }
        }
    }
    adopt_new_contact(st, cx);
    let Some((target, form)) = st.form.as_mut() else {
        return Vec::new();
    };
    let target = *target;
    // A contact is written as it is typed (debounced): a crash loses at most the last 400 ms.
    if outcome == FormOutcome::Changed
        && let FormTarget::Contact { id, candidate } = target
        && let Some(cohort) = cx.data.cohort
    {
        let contact = contact_from_form(form, cohort, id, candidate, cx.now.date());
        debounce(
            &mut st.pending,
            cx.now,
            Effect::SaveContact(Box::new(contact)),
        );
    }
    if !matches!(outcome, FormOutcome::Confirm | FormOutcome::Close) {
        return Vec::new();
    }
    // A date still wrong: say so once; a second Esc closes and keeps everything else.
    if form.hold_on_error() {
        return Vec::new();
    }
    let Some((_, form)) = st.form.take() else {
        return Vec::new();
    };
    let Some(cohort) = cx.data.cohort else {
        return Vec::new();
    };
    if !form.touched {
        return Vec::new();
    }
    match target {
        FormTarget::Contact { id, candidate } => {
            // The last text replaces what waited for its debounce.
            st.pending = None;
            let contact = contact_from_form(&form, cohort, id, candidate, cx.now.date());
            cx.info(cx.tr.t("followup.contact_saved").to_string());
            vec![Effect::SaveContact(Box::new(contact))]
        }
        FormTarget::Check { candidate, item } => vec![Effect::SaveCheck(CheckEntry {
            cohort_id: cohort,
            candidate_id: candidate,
            item,
            answer: CheckAnswer::from_code(&form.value("answer")),
            note: form.value("note").trim().to_string(),
        })],
        FormTarget::Pairing { id } => {
            let Some(p) = cx.data.followup.pairings.iter().find(|p| p.id == id) else {
                return Vec::new();
            };
            let today = cx.now.date();
            let edited = p.edited(
                parse_date(&form.value("start")).unwrap_or(p.start),
                parse_date(&form.value("end")),
                PairingStatus::from_code(&form.value("status")).unwrap_or(p.status),
                today,
            );
            cx.info(
                cx.tr.tf(
                    "followup.pairing_saved",
                    &[(
                        "status",
                        &cx.tr
                            .t(&format!("followup.pairing_{}", edited.status.code())),
                    )],
                ),
            );
            vec![Effect::SavePairing(edited)]
        }
        FormTarget::Outcome { candidate } => {
            let start = parse_date(&form.value("start"));
            let o = Outcome {
                id: 0,
                cohort_id: cohort,
                candidate_id: candidate,
                milestone: Milestone::from_code(&form.value("milestone"))
                    .unwrap_or(Milestone::Release),
                category: form.value("category"),
                employer: form.value("employer").trim().to_string(),
                start,
                source: OutcomeSource::from_code(&form.value("source")),
                source_id: None,
                recorded_on: cx.now.date(),
            };
            let key = if o.before_release(release_of(cx, candidate)) {
                "followup.outcome_saved_adjustment"
            } else {
                "followup.outcome_saved"
            };
            cx.info(cx.tr.t(key).to_string());
            vec![Effect::SaveOutcome(Box::new(o))]
        }
    }
}

impl ScreenView for FollowupState {
    fn scope(&self) -> Scope {
        if self.form.is_some() {
            Scope::Form
        } else {
            Scope::Screen(Screen::Followup)
        }
    }

    fn on_key(&mut self, cx: &mut Ctx, input: KeyInput) -> Reply {
        match (input.scope, input.action) {
            (Scope::Screen(_), Some(a)) => on_action(self, cx, a).into(),
            (Scope::Screen(_), None) => Reply::default(),
            _ => on_form_key(self, cx, input).into(),
        }
    }

    fn paste(&mut self, _cx: &mut Ctx, text: &str) -> Reply {
        if let Some((_, form)) = self.form.as_mut() {
            form.paste(text);
        }
        Reply::default()
    }

    fn draw(&self, cx: &Ctx, frame: &mut Frame, area: Rect) {
        draw::draw(self, cx, frame, area);
    }

    fn pending(&mut self) -> Option<&mut Pending> {
        Some(&mut self.pending)
    }

    fn next_deadline(&self) -> Option<chrono::NaiveDateTime> {
        deadline(&self.pending)
    }

    fn on_enter(&mut self, _cx: &mut Ctx) -> Vec<Effect> {
        // Actions may have changed on the grand oral screen: the worklist reads them afresh.
        vec![Effect::LoadOral]
    }

    fn on_leave(&mut self, _cx: &mut Ctx) {
        self.reveal = false;
    }

    fn note_subject(&self, _cx: &Ctx) -> (Option<Id>, Option<u32>) {
        (self.candidate, None)
    }
}
