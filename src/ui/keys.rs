//! THE key table: the footer hints, the `?` popup and the dispatch all read it, so they cannot drift.
//! It follows shared/design/keys.md (AZERTY first).

use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use super::tab::Screen;
use crate::i18n::Tr;

/// A key as the table names it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Key {
    /// A printable character (Shift allowed, so `?` and `+` work on every layout).
    Char(char),
    /// Ctrl + a letter.
    Ctrl(char),
    /// A function key.
    F(u8),
    /// Enter.
    Enter,
    /// Escape.
    Esc,
    /// Tab.
    Tab,
    /// Shift-Tab.
    BackTab,
    /// Arrow up.
    Up,
    /// Arrow down.
    Down,
    /// Arrow left.
    Left,
    /// Arrow right.
    Right,
    /// Page up.
    PageUp,
    /// Page down.
    PageDown,
    /// Home.
    Home,
    /// End.
    End,
}

impl Key {
    /// True when the terminal event is this key.
    pub fn matches(self, ev: &KeyEvent) -> bool {
        let ctrl = ev.modifiers.contains(KeyModifiers::CONTROL);
        let alt = ev.modifiers.contains(KeyModifiers::ALT);
        match self {
            Key::Char(c) => !ctrl && !alt && ev.code == KeyCode::Char(c),
            Key::Ctrl(c) => {
                ctrl && matches!(ev.code, KeyCode::Char(k) if k.eq_ignore_ascii_case(&c))
            }
            Key::F(n) => ev.code == KeyCode::F(n),
            Key::Enter => ev.code == KeyCode::Enter,
            Key::Esc => ev.code == KeyCode::Esc,
            Key::Tab => ev.code == KeyCode::Tab && !ev.modifiers.contains(KeyModifiers::SHIFT),
            Key::BackTab => {
                ev.code == KeyCode::BackTab
                    || (ev.code == KeyCode::Tab && ev.modifiers.contains(KeyModifiers::SHIFT))
            }
            Key::Up => ev.code == KeyCode::Up,
            Key::Down => ev.code == KeyCode::Down,
            Key::Left => ev.code == KeyCode::Left,
            Key::Right => ev.code == KeyCode::Right,
            Key::PageUp => ev.code == KeyCode::PageUp,
            Key::PageDown => ev.code == KeyCode::PageDown,
            Key::Home => ev.code == KeyCode::Home,
            Key::End => ev.code == KeyCode::End,
        }
    }

    /// How the key is written in hints (named keys are translated).
    pub fn label(self, tr: Tr) -> String {
        match self {
            Key::Char(' ') => tr.t("key.space").to_string(),
            Key::Char(c) => c.to_string(),
            Key::Ctrl(c) => format!("Ctrl-{}", c.to_ascii_uppercase()),
            Key::F(n) => format!("F{n}"),
            Key::Enter => tr.t("key.enter").to_string(),
            Key::Esc => tr.t("key.esc").to_string(),
            Key::Tab => tr.t("key.tab").to_string(),
            Key::BackTab => tr.t("key.backtab").to_string(),
            Key::Up => "↑".into(),
            Key::Down => "↓".into(),
            Key::Left => "←".into(),
            Key::Right => "→".into(),
            Key::PageUp => tr.t("key.pageup").to_string(),
            Key::PageDown => tr.t("key.pagedown").to_string(),
            Key::Home => tr.t("key.home").to_string(),
            Key::End => tr.t("key.end").to_string(),
        }
    }
}

/// Where a binding applies.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Scope {
    /// Every screen while browsing.
    Global,
    /// Everywhere, browsing and editing (Ctrl keys).
    Always,
    /// One screen while browsing.
    Screen(Screen),
    /// The attendance times / reason form.
    TimesForm,
    /// A form of the Journée screen (cohort, session, settings, duplicate).
    Form,
    /// The « add a person » prompt.
    AddPerson,
    /// The import preview.
    ImportPreview,
    /// The binôme composer.
    Composer,
    /// The plan history popup.
    History,
    /// The timer view.
    Timer,
    /// A list to pick from.
    Picker,
    /// The feedback form.
    FeedbackForm,
    /// The cohort's open actions (grand oral, o).
    Actions,
    /// Typing a name filter.
    Filter,
    /// The help popup.
    Help,
    /// A yes / no question.
    Confirm,
    /// A session's expected list (Journée): typing filters by name.
    Expected,
    /// Any text field (forms, times, the feedback texts): its editing keys.
    Text,
    /// The timer view's chooser of a round's tables (Enter there).
    Chooser,
    /// The selection view of prospects (Participants, v).
    Selection,
    /// The list of statuses of a person (Participants, status column, Enter).
    StatusPicker,
    /// The cohort's « Bilan » (Journée, r; issue 21): a scrollable report.
    Report,
    /// A themed day's run of show (Journée, a; issue 22).
    Agenda,
    /// A themed day's interest capture (Journée, i; issue 22).
    Interest,
    /// Two laptops' feedback of one interview side by side (Retours, r; issue 23).
    FeedbackConflict,
    /// « Synchroniser » (Journée, y; issue 23): the folder and its bundles.
    Sync,
    /// A sync bundle's preview, with something to merge.
    SyncPreview,
    /// A sync bundle's result, or why it cannot be merged.
    SyncResult,
}

/// What a key does.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Action {
    /// Go to a screen.
    Go(Screen),
    /// Next screen.
    NextScreen,
    /// Previous screen.
    PrevScreen,
    /// Move up.
    Up,
    /// Move down.
    Down,
    /// Move left (previous pane).
    Left,
    /// Move right (next pane).
    Right,
    /// Page up.
    PageUp,
    /// Page down.
    PageDown,
    /// First item.
    Home,
    /// Last item.
    End,
    /// Open / edit the selected item.
    Open,
    /// Back out one level.
    Back,
    /// Filter by name.
    Filter,
    /// Help popup.
    Help,
    /// Quit.
    Quit,
    /// Privacy screen.
    Privacy,
    /// Mark present.
    MarkPresent,
    /// Mark late.
    MarkLate,
    /// Mark absent.
    MarkAbsent,
    /// Mark excused.
    MarkExcused,
    /// Mark left early.
    MarkLeftEarly,
    /// Undo the last change.
    Undo,
    /// Add a person who was not expected.
    AddPerson,
    /// End of session: stamp everyone still present as leaving now.
    EndOfSession,
    /// Next field.
    NextField,
    /// Previous field.
    PrevField,
    /// Confirm.
    Confirm,
    /// Yes.
    Yes,
    /// No.
    No,
    /// Cycle a choice (e.g. the role of a new person).
    Cycle,
    /// New cohort.
    NewCohort,
    /// New session.
    NewSession,
    /// Edit the selected item.
    Edit,
    /// Settings of the selected session.
    Settings,
    /// Duplicate the selected cohort's structure.
    Duplicate,
    /// Archive the selected cohort or person.
    Archive,
    /// Show / hide sensitive fields.
    Reveal,
    /// Import a roster file.
    Import,
    /// Open the binôme composer.
    Panels,
    /// Suggest binômes.
    Suggest,
    /// Name the table of a binôme.
    TableName,
    /// Generate the rotation plan.
    Generate,
    /// Lock / unlock the plan.
    Lock,
    /// Re-plan from the selected round.
    Replan,
    /// Plan history.
    History,
    /// Start / pause / resume the timer.
    StartPause,
    /// One minute more for the phase.
    NudgeUp,
    /// One minute less for the phase.
    NudgeDown,
    /// Next phase now.
    NextPhase,
    /// Jump to a round (confirm).
    JumpRound,
    /// Ring now.
    Ring,
    /// Sound on / off.
    Sound,
    /// Timer view on / off.
    TimerView,
    /// Swap two interviews of the plan.
    Swap,
    /// Rate the selected criterion (0 clears).
    Rate(u8),
    /// Next interview whose feedback is missing.
    NextMissing,
    /// Capture a proposal.
    NewProposal,
    /// The per-candidate view.
    CandidateView,
    /// A quick note.
    QuickNote,
    /// Turn the selected proposal into an action.
    ToAction,
    /// A new action for the candidate.
    NewAction,
    /// The cohort's open actions.
    ActionsView,
    /// Sort by owner / by due date.
    SortActions,
    /// Next status of the selected item.
    NextStatus,
    /// Export the summary.
    Export,
    /// Typing back a paper day, one binôme at a time.
    PaperMode,
    /// Print a sheet.
    Print,
    /// Open the selected session's expected list.
    ExpectedList,
    /// Put the selected person on the list, or take them off.
    Toggle,
    /// Put every candidate of the cohort on the list.
    ExpectAll,
    /// Add a follow-up contact (dated today).
    AddContact,
    /// Record an outcome (« sortie »).
    RecordOutcome,
    /// Pair the candidate with the mentor of a « parrainage » proposal.
    Pairing,
    /// Clear the text field.
    ClearText,
    /// Delete the word before the cursor.
    DeleteWord,
    /// The selection view of prospects (issue 19).
    Selection,
    /// Retenu: select the prospect.
    Retain,
    /// Non retenu: do not select the prospect.
    Reject,
    /// Open the selected cohort's « Bilan » (issue 21).
    ReportView,
    /// Open the selected themed day's run of show.
    AgendaView,
    /// Remove the selected item of the run of show.
    AgendaRemove,
    /// Move the selected item up.
    AgendaMoveUp,
    /// Move the selected item down.
    AgendaMoveDown,
    /// Edit or end the candidate's mentor pairing.
    EditPairing,
    /// Open the selected themed day's interest capture.
    InterestView,
    /// Add an item to the run of show.
    AgendaAdd,
    /// Open the two laptops' feedback of the selected interview side by side (issue 23).
    ConflictView,
    /// Keep this laptop's feedback.
    KeepHere,
    /// Take the other laptop's feedback.
    TakeOther,
    /// Keep both texts.
    KeepBoth,
    /// Open « Synchroniser » (issue 23).
    SyncView,
}

/// One row of the key table.
#[derive(Debug, Clone, Copy)]
pub struct Binding {
    /// Where it applies.
    pub scope: Scope,
    /// The keys (the first is shown in the footer).
    pub keys: &'static [Key],
    /// What it does.
    pub action: Action,
    /// Catalog key of its description.
    pub label: &'static str,
    /// Shown in the footer (the `?` popup shows every binding).
    pub footer: bool,
}

mod table;
pub use table::BINDINGS;

/// The rating a digit key gives (AZERTY top row included): 1–4, or 0 to clear.
fn rating_of(ev: &KeyEvent) -> Option<u8> {
    match ev.code {
        KeyCode::Char('1' | '&') => Some(1),
        KeyCode::Char('2' | 'é') => Some(2),
        KeyCode::Char('3' | '"') => Some(3),
        KeyCode::Char('4' | '\'') => Some(4),
        KeyCode::Char('0' | 'à') => Some(0),
        _ => None,
    }
}

/// A key event as the application reads it. Windows reports a character typed with AltGr (French
/// AZERTY: `@ # { [ | \\ ] } ~ €`) as Ctrl+Alt+character; it is that character, for the key table
/// and for text fields alike. Ctrl+Alt+letter or digit stays as it is.
pub fn from_terminal(ev: KeyEvent) -> KeyEvent {
    let altgr = KeyModifiers::CONTROL | KeyModifiers::ALT;
    match ev.code {
        KeyCode::Char(c)
            if ev.modifiers.contains(altgr) && !c.is_ascii_alphanumeric() && !c.is_control() =>
        {
            KeyEvent {
                modifiers: ev.modifiers - altgr,
                ..ev
            }
        }
        _ => ev,
    }
}

/// The action of a key event in a scope; for a screen, its own keys win over the global ones.
pub fn lookup(scope: Scope, ev: &KeyEvent) -> Option<Action> {
    // One table row names the four rating keys; the digit says which rating.
    if scope == Scope::FeedbackForm
        && let Some(r) = rating_of(ev)
        && !ev
            .modifiers
            .intersects(KeyModifiers::CONTROL | KeyModifiers::ALT)
    {
        return Some(Action::Rate(r));
    }
    let find = |s: Scope| {
        BINDINGS
            .iter()
            .find(|b| b.scope == s && b.keys.iter().any(|k| k.matches(ev)))
            .map(|b| b.action)
    };
    if let Some(a) = find(Scope::Always) {
        return Some(a);
    }
    match scope {
        Scope::Screen(_) => find(scope).or_else(|| find(Scope::Global)),
        other => find(other),
    }
}

/// The bindings of a scope, in table order.
pub fn bindings(scope: Scope) -> impl Iterator<Item = &'static Binding> {
    BINDINGS.iter().filter(move |b| b.scope == scope)
}

/// Footer hints for a scope: its own footer keys, then the global ones for screens.
pub fn footer(scope: Scope) -> Vec<&'static Binding> {
    let mut out: Vec<&Binding> = bindings(scope).filter(|b| b.footer).collect();
    if matches!(scope, Scope::Screen(_)) {
        out.extend(bindings(Scope::Global).filter(|b| b.footer));
    }
    out
}

/// « p/P » style label of a binding's keys, at most `max` of them.
pub fn keys_label(binding: &Binding, tr: Tr, max: usize) -> String {
    binding
        .keys
        .iter()
        .take(max)
        .map(|k| k.label(tr))
        .collect::<Vec<_>>()
        .join(" ")
}

/// The key table as Markdown, for the README (a test keeps the README in step with the table).
pub fn markdown(tr: Tr) -> String {
    let mut sections: Vec<(Scope, &str)> = vec![
        (Scope::Global, "help.global"),
        (Scope::Always, "help.always"),
    ];
    sections.extend(Screen::ALL.iter().map(|s| (Scope::Screen(*s), s.label())));
    sections.extend([
        (Scope::Form, "help.form"),
        (Scope::ImportPreview, "import.preview_title"),
        (Scope::Composer, "panels.title"),
        (Scope::History, "rotation.history_title"),
        (Scope::Timer, "timer.title"),
        (Scope::Picker, "rotation.absent_picker"),
        (Scope::Selection, "path.selection_help"),
        (Scope::StatusPicker, "path.change_title_form"),
        (Scope::FeedbackForm, "feedback.title"),
        (Scope::TimesForm, "att.form_title"),
        (Scope::AddPerson, "att.add_title"),
        (Scope::Filter, "keys.filter"),
        (Scope::Expected, "expected_list.title"),
        (Scope::Text, "help.text"),
        (Scope::Chooser, "timer.chooser"),
        (Scope::Report, "report.view_title"),
        (Scope::Agenda, "agenda.title"),
        (Scope::Interest, "interest.title"),
        (Scope::FeedbackConflict, "feedback.conflict_title"),
        (Scope::Sync, "sync_view.title"),
        (Scope::SyncPreview, "sync_view.preview_help"),
        (Scope::SyncResult, "sync_view.result_help"),
        (Scope::Confirm, "help.confirm"),
    ]);
    let mut out = String::new();
    for (scope, title) in sections {
        if bindings(scope).next().is_none() {
            continue;
        }
        out.push_str(&format!(
            "\n**{}**\n\n| {} | {} |\n|---|---|\n",
            tr.t(title),
            tr.t("help.col_keys"),
            tr.t("help.col_action")
        ));
        for b in bindings(scope) {
            let keys = keys_label(b, tr, 4).replace('|', "\\|");
            out.push_str(&format!("| `{keys}` | {} |\n", tr.t(b.label)));
        }
    }
    out
}

#[cfg(test)]
mod tests;
