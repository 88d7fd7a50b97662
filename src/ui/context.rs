//! What every screen shares: the loaded data, translator, theme and clock, the message line and the
//! popup (the [`Ctx`] a screen works over), and the writes it hands back ([`Effect`]).

use chrono::NaiveDateTime;

use super::data::Data;
use super::theme::Theme;
use crate::core::attendance::Attendance;
use crate::core::domain::{Id, Role};
use crate::core::feedback::CriteriaSets;
use crate::i18n::Tr;

/// The part of the state every screen may read and post to.
pub struct Ctx {
    /// Translator.
    pub tr: Tr,
    /// Palette.
    pub theme: Theme,
    /// The time of the last event (drawn in the header).
    pub now: NaiveDateTime,
    /// Loaded data.
    pub data: Data,
    /// Popup, if any.
    pub popup: Option<Popup>,
    /// Message line.
    pub message: Option<Message>,
    /// Criteria sets: the shipped ones and the user's own (loaded once by the command line).
    pub criteria: CriteriaSets,
    /// Outcome categories (« sorties »): the shipped set unless the command line gives another.
    pub outcomes: crate::core::outcomes::OutcomeSet,
}

impl Ctx {
    /// A context on loaded data, with no message and no popup.
    pub fn new(tr: Tr, theme: Theme, data: Data, now: NaiveDateTime) -> Ctx {
        Ctx {
            tr,
            theme,
            now,
            data,
            popup: None,
            message: None,
            criteria: CriteriaSets::default(),
            outcomes: crate::core::outcomes::OutcomeSet::shipped(),
        }
    }

    /// Sets an information message.
    pub fn info(&mut self, text: String) {
        self.message = Some(Message {
            text,
            level: Level::Info,
        });
    }

    /// Sets a warning message.
    pub fn warn(&mut self, text: String) {
        self.message = Some(Message {
            text,
            level: Level::Warning,
        });
    }

    /// Sets an error message.
    pub fn error(&mut self, text: String) {
        self.message = Some(Message {
            text,
            level: Level::Error,
        });
    }

    /// Ctrl-R on a list: shows or hides a screen's sensitive fields, and says which.
    pub fn toggle_reveal(&mut self, reveal: &mut bool) {
        let key = flip(reveal, "part.revealed", "part.hidden");
        self.warn(self.tr.t(key).to_string());
    }
}

/// What the event loop hands back to `update` once it has carried out an effect
/// ([`super::app::Event::Done`]): the screen that asked takes it into its own state.
#[derive(Debug, Clone, PartialEq)]
pub enum Outcome {
    /// The versions of a session's plan, newest first (for the history popup).
    PlanHistory(Vec<crate::core::plan_history::PlanVersionInfo>),
    /// A feedback was stored under this row id.
    FeedbackSaved(Box<crate::core::feedback::Feedback>, Id),
    /// A session became the one in use (its data loaded).
    SessionOpened,
    /// The data were loaded again after a change (the Journée cursors stay on their rows).
    Reloaded,
    /// A cohort was created under this row id.
    CohortCreated {
        /// Row id.
        id: Id,
        /// Its name.
        name: String,
    },
    /// A session was created under this row id, and is now the one in use (its data loaded).
    SessionCreated {
        /// Its cohort.
        cohort_id: Id,
        /// Row id.
        id: Id,
    },
    /// A cohort was archived (the data loaded again).
    CohortArchived,
    /// A person was added to the cohort under this row id.
    PersonCreated {
        /// Row id.
        id: Id,
        /// « Prénom Nom ».
        name: String,
    },
    /// A roster file was read for its preview.
    ImportPreviewed {
        /// The file.
        path: std::path::PathBuf,
        /// Role for rows without one.
        role: Option<Role>,
        /// What it would do, or why it cannot be read.
        lines: Vec<String>,
        /// The file can be imported.
        ok: bool,
        /// Asked before importing: an ignored column looks like a known one.
        ask: Option<String>,
    },
    /// Someone not on the list was added and marked present (the data loaded when they could be).
    PersonAdded {
        /// The session.
        session_id: Id,
        /// The person.
        person_id: Id,
    },
    /// A cohort's report, for the Journée « Bilan » view (issue 21).
    Report(Box<crate::core::report::Report>),
    /// A sync folder was read (« Synchroniser », issue 23).
    SyncListed(Box<crate::ui::screens::day::sync::SyncListing>),
    /// What a bundle would merge, or why it cannot.
    SyncPreviewed(Box<crate::ui::screens::day::sync::SyncPreview>),
    /// A bundle was merged: what it did.
    SyncApplied(Vec<String>),
}

/// Flips a switch; the catalog key that says its new state (`on` or `off`).
pub fn flip(flag: &mut bool, on: &'static str, off: &'static str) -> &'static str {
    *flag = !*flag;
    if *flag { on } else { off }
}

/// One interest mark to write (issue 22).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InterestWrite {
    /// The themed day.
    pub session_id: Id,
    /// The participant.
    pub person_id: Id,
    /// The sector.
    pub sector: crate::core::domain::Sector,
    /// The mark (none: erased).
    pub interest: Option<crate::core::agenda::Interest>,
    /// A short note.
    pub note: String,
    /// The cohort the participant joins as a prospect (the next one in the sector), if any.
    pub orient: Option<Id>,
    /// The themed day's date (the referral's).
    pub date: chrono::NaiveDate,
}

/// A write or load for the event loop to carry out.
#[derive(Debug, Clone, PartialEq)]
pub enum Effect {
    /// Write one attendance record.
    SaveAttendance(Attendance),
    /// Remove a person from a session's list.
    DeleteAttendance {
        /// Session.
        session_id: Id,
        /// Person.
        person_id: Id,
    },
    /// Put people on a session's expected list (`expected`), or take them off.
    Expect {
        /// Session.
        session_id: Id,
        /// People.
        people: Vec<Id>,
        /// On the list (true) or off.
        expected: bool,
    },
    /// Load a cohort's report (Journée, r; issue 21).
    LoadReport(Id),
    /// Read a sync folder (None: the default one) and what this laptop has to send (issue 23).
    SyncList(Option<std::path::PathBuf>),
    /// Write a sync bundle into this folder.
    SyncExport(std::path::PathBuf),
    /// Show what this bundle would merge.
    SyncPreview(std::path::PathBuf),
    /// Merge this bundle.
    SyncApply(std::path::PathBuf),
    /// Remove an item of a themed day's run of show.
    DeleteAgendaItem(Id),
    /// Swap two items of a run of show (moving one up or down).
    SwapAgendaItems(Id, Id),
    /// Add (no id) or rewrite an item of a themed day's run of show.
    SaveAgendaItem {
        /// The themed day.
        session_id: Id,
        /// The item, once stored.
        id: Option<Id>,
        /// Its fields.
        item: crate::core::agenda::AgendaItem,
    },
    /// Record (or erase) what a participant said about a sector at a themed day.
    SetInterest(Box<InterestWrite>),
    /// Set the sectors a themed day presents.
    SetSessionSectors(Id, Vec<crate::core::domain::Sector>),
    /// Make a session the current one (and remember it).
    OpenSession(Id),
    /// Show a cohort's sessions.
    OpenCohort(Id),
    /// Create (id 0) or update a cohort.
    SaveCohort(crate::core::domain::Cohort),
    /// Create (id 0) or update a session.
    SaveSession(crate::core::domain::Session),
    /// Save a job-training session's settings.
    SaveSettings(Id, crate::core::settings::SessionSettings),
    /// Copy a cohort's session structure into a new cohort.
    DuplicateCohort {
        /// The cohort copied.
        source: Id,
        /// Name of the new cohort.
        name: String,
        /// Its first day.
        start: chrono::NaiveDate,
    },
    /// Archive a cohort (kept, hidden).
    ArchiveCohort(Id),
    /// Create (None) or update a person of a cohort.
    SavePerson {
        /// Cohort.
        cohort_id: Id,
        /// The person, once created.
        person_id: Option<Id>,
        /// Fields.
        member: Box<crate::core::domain::NewMember>,
        /// Sensitive fields were in the form (and are written).
        with_sensitive: bool,
        /// Professionals a candidate must not meet.
        avoid: Vec<Id>,
    },
    /// Archive a person of the cohort in use (history kept).
    ArchivePerson(Id),
    /// Read a roster file and show what importing it would do.
    PreviewImport {
        /// The file.
        path: std::path::PathBuf,
        /// Role for rows without one.
        role: Option<Role>,
    },
    /// Import a roster file into the cohort in use.
    ApplyImport {
        /// The file.
        path: std::path::PathBuf,
        /// Role for rows without one.
        role: Option<Role>,
    },
    /// Store a new version of a session's plan.
    SavePlan {
        /// Session.
        session_id: Id,
        /// Interviews.
        interviews: Vec<crate::core::plan_history::StoredInterview>,
        /// What made it.
        kind: crate::core::plan_history::PlanKind,
    },
    /// Read the versions of a session's plan for the history popup.
    LoadPlanHistory(Id),
    /// Make an earlier version the current plan (as a new version).
    RestorePlan {
        /// Session.
        session_id: Id,
        /// Version restored.
        version: i64,
    },
    /// Store a quick note.
    AddNote(crate::core::feedback::Note),
    /// Store a feedback whole.
    SaveFeedback(Box<crate::core::feedback::Feedback>),
    /// Create or update a proposal.
    SaveProposal(Box<crate::core::feedback::Proposal>),
    /// Create or update an action item.
    SaveAction(Box<crate::core::actions::ActionItem>),
    /// Reload the cohort-wide rows of the grand oral.
    LoadOral,
    /// Write a printed sheet of a session to a file.
    Print {
        /// Session.
        session: Id,
        /// Which sheet.
        sheet: crate::export::sheets::Sheet,
        /// File (relative: in the user's documents folder).
        path: std::path::PathBuf,
    },
    /// Write the grand oral summary to a file.
    Export {
        /// Format.
        format: crate::export::Format,
        /// Audience.
        audience: crate::core::summary::Audience,
        /// File (relative: in the user's documents folder).
        path: std::path::PathBuf,
    },
    /// Store a clock event.
    Clock {
        /// Session.
        session_id: Id,
        /// What happened.
        event: crate::core::clock::ClockEvent,
    },
    /// Lock or unlock a plan version.
    LockPlan {
        /// The version's row id.
        plan_id: Id,
        /// Locked.
        locked: bool,
    },
    /// Store the binômes of a session.
    SavePanels {
        /// Session.
        session_id: Id,
        /// Its panels, in order.
        panels: Vec<crate::core::domain::Panel>,
    },
    /// Create a person who was not expected and mark them present.
    AddNewPerson {
        /// Cohort.
        cohort_id: Id,
        /// Session.
        session_id: Id,
        /// First name.
        first_name: String,
        /// Last name.
        last_name: String,
        /// Role.
        role: Role,
        /// Arrival.
        at: chrono::NaiveTime,
    },
    /// Create (id 0) or update a follow-up contact.
    SaveContact(Box<crate::core::followup::Contact>),
    /// Write one release checklist item.
    SaveCheck(crate::core::followup::CheckEntry),
    /// Record an outcome at a milestone.
    SaveOutcome(Box<crate::core::followup::Outcome>),
    /// Create (id 0) or update a mentor pairing.
    SavePairing(crate::core::followup::Pairing),
    /// Save a session with its end time (issue 19: half days).
    SaveSessionEnd(crate::core::domain::Session, Option<chrono::NaiveTime>),
    /// Save a cohort with its target size (issue 19); `None` keeps the stored one.
    SaveCohortTarget(crate::core::domain::Cohort, Option<usize>),
    /// Record a status change of a person of the cohort (issue 19), checked by the store.
    ChangeStatus {
        /// Person.
        person_id: Id,
        /// The change.
        change: Box<crate::core::path::Change>,
    },
    /// Resolve a feedback conflict of two laptops (issue 23): its row and the choice.
    ResolveFeedbackConflict(Id, crate::core::feedback_conflict::Resolution),
}

/// How a message is shown.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Level {
    /// Confirmation of what just happened.
    Info,
    /// Something to look at.
    Warning,
    /// Something failed.
    Error,
}

/// A one-line message above the footer.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Message {
    /// Its text.
    pub text: String,
    /// Its level.
    pub level: Level,
}

/// A popup over the screen.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Popup {
    /// The `?` help, scrolled.
    Help {
        /// First line shown.
        scroll: u16,
    },
    /// Quit while something is open?
    ConfirmQuit,
    /// Stamp everyone still present as leaving now?
    ConfirmEndOfSession,
    /// Archive this cohort?
    ConfirmArchive(Id),
    /// Archive this person?
    ConfirmArchivePerson(Id),
    /// Replace the binômes with a suggestion?
    ConfirmSuggestPanels,
    /// Replace the plan with a new one?
    ConfirmRegenerate,
    /// Re-plan (the changes are in the Rotation state)?
    ConfirmReplan,
    /// Start this round (0-based) now?
    ConfirmJump(usize),
    /// Show sensitive fields on the (projected) grand oral screen?
    ConfirmReveal,
}

/// How long typed text waits before it is written (decisions.md: ≤ 500 ms).
pub const DEBOUNCE_MS: i64 = 400;

/// A debounced write waiting for its time: when it is due, and the write.
pub type Pending = Option<(NaiveDateTime, Effect)>;

/// When a debounced write is due, if one waits.
pub fn deadline(slot: &Pending) -> Option<NaiveDateTime> {
    slot.as_ref().map(|(due, _)| *due)
}

/// Schedules a debounced write. The deadline is set by the first unsaved key and not pushed back by
/// the next ones, so text typed without a pause is still written every 400 ms.
pub fn debounce(slot: &mut Option<(NaiveDateTime, Effect)>, now: NaiveDateTime, effect: Effect) {
    let due = slot.as_ref().map_or(
        now + chrono::Duration::milliseconds(DEBOUNCE_MS),
        |(due, _)| *due,
    );
    *slot = Some((due, effect));
}

/// The pending write, now (closing a form, quitting, a signal).
pub fn take_pending(slot: &mut Option<(NaiveDateTime, Effect)>) -> Vec<Effect> {
    slot.take().map(|(_, e)| vec![e]).unwrap_or_default()
}

/// The pending write if its time has come.
pub fn due_pending(slot: &mut Option<(NaiveDateTime, Effect)>, now: NaiveDateTime) -> Vec<Effect> {
    match slot {
        Some((due, _)) if *due <= now => take_pending(slot),
        _ => Vec::new(),
    }
}
