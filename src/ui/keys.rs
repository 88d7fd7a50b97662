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

const fn b(
    scope: Scope,
    keys: &'static [Key],
    action: Action,
    label: &'static str,
    footer: bool,
) -> Binding {
    Binding {
        scope,
        keys,
        action,
        label,
        footer,
    }
}

use Action as A;
use Key as K;
use Scope as S;

/// The whole table. Screen bindings are looked up before global ones.
#[rustfmt::skip]
pub const BINDINGS: &[Binding] = &[
    // Présences
    b(S::Screen(Screen::Attendance), &[K::Char('p')], A::MarkPresent, "keys.present", true),
    b(S::Screen(Screen::Attendance), &[K::Char('r')], A::MarkLate, "keys.late", true),
    b(S::Screen(Screen::Attendance), &[K::Char('a')], A::MarkAbsent, "keys.absent", true),
    b(S::Screen(Screen::Attendance), &[K::Char('e')], A::MarkExcused, "keys.excused", true),
    b(S::Screen(Screen::Attendance), &[K::Char('d')], A::MarkLeftEarly, "keys.left_early", true),
    b(S::Screen(Screen::Attendance), &[K::Char('u')], A::Undo, "keys.undo", true),
    b(S::Screen(Screen::Attendance), &[K::Enter], A::Open, "keys.edit_times", true),
    b(S::Screen(Screen::Attendance), &[K::Char('+')], A::AddPerson, "keys.add_person", true),
    b(S::Screen(Screen::Attendance), &[K::Char('f')], A::EndOfSession, "keys.end_of_session", false),
    b(S::Screen(Screen::Attendance), &[K::Char('/')], A::Filter, "keys.filter", true),
    b(S::Screen(Screen::Attendance), &[K::Char('i')], A::Print, "keys.print", false),
    // Journée
    b(S::Screen(Screen::Day), &[K::Enter], A::Open, "keys.choose_session", true),
    b(S::Screen(Screen::Day), &[K::Char('n')], A::NewSession, "keys.new_session", true),
    b(S::Screen(Screen::Day), &[K::Char('c')], A::NewCohort, "keys.new_cohort", true),
    b(S::Screen(Screen::Day), &[K::Char('e')], A::Edit, "keys.edit", true),
    b(S::Screen(Screen::Day), &[K::Char('s')], A::Settings, "keys.settings", true),
    b(S::Screen(Screen::Day), &[K::Char('d')], A::Duplicate, "keys.duplicate", false),
    b(S::Screen(Screen::Day), &[K::Char('x')], A::Archive, "keys.archive", false),
    b(S::Screen(Screen::Day), &[K::Left, K::Right], A::Right, "keys.switch_pane", true),
    // Rotation
    b(S::Screen(Screen::Rotation), &[K::Char('g')], A::Generate, "keys.generate", true),
    b(S::Screen(Screen::Rotation), &[K::Char('e')], A::Replan, "keys.replan", true),
    b(S::Screen(Screen::Rotation), &[K::Char('v')], A::Lock, "keys.lock", true),
    b(S::Screen(Screen::Rotation), &[K::Char('h')], A::History, "keys.history", true),
    b(S::Screen(Screen::Rotation), &[K::Char(' ')], A::StartPause, "keys.start_pause", true),
    b(S::Screen(Screen::Rotation), &[K::Char('>')], A::NudgeUp, "keys.nudge_up", true),
    b(S::Screen(Screen::Rotation), &[K::Char('<')], A::NudgeDown, "keys.nudge_down", true),
    b(S::Screen(Screen::Rotation), &[K::Char('n')], A::NextPhase, "keys.next_phase", true),
    b(S::Screen(Screen::Rotation), &[K::Char('r')], A::JumpRound, "keys.jump_round", false),
    b(S::Screen(Screen::Rotation), &[K::Char('b')], A::Ring, "keys.ring", false),
    b(S::Screen(Screen::Rotation), &[K::Char('s')], A::Sound, "keys.sound", false),
    // Timer view
    b(S::Timer, &[K::Char(' ')], A::StartPause, "keys.start_pause", true),
    b(S::Timer, &[K::Char('>')], A::NudgeUp, "keys.nudge_up", true),
    b(S::Timer, &[K::Char('<')], A::NudgeDown, "keys.nudge_down", true),
    b(S::Timer, &[K::Char('n')], A::NextPhase, "keys.next_phase", true),
    b(S::Timer, &[K::Char('r')], A::JumpRound, "keys.jump_round", false),
    b(S::Timer, &[K::Char('b')], A::Ring, "keys.ring", false),
    b(S::Timer, &[K::Char('s')], A::Sound, "keys.sound", false),
    b(S::Timer, &[K::Up, K::Char('k')], A::Up, "keys.round_up", false),
    b(S::Timer, &[K::Down, K::Char('j')], A::Down, "keys.round_down", false),
    b(S::Timer, &[K::Enter], A::Open, "keys.timer_feedback", false),
    b(S::Timer, &[K::Esc], A::Back, "keys.timer_close", true),
    // Plan history
    b(S::History, &[K::Enter], A::Confirm, "keys.restore", true),
    b(S::History, &[K::Down, K::Char('j')], A::Down, "keys.down", false),
    b(S::History, &[K::Up, K::Char('k')], A::Up, "keys.up", false),
    b(S::History, &[K::Esc], A::Back, "keys.close", true),
    b(S::Screen(Screen::Rotation), &[K::Char('w')], A::Swap, "keys.swap", false),
    b(S::Screen(Screen::Rotation), &[K::Char('i')], A::Print, "keys.print", false),
    b(S::Screen(Screen::Rotation), &[K::Char('a')], A::MarkAbsent, "keys.absent_from_round", false),
    // « Absent from this round » picker
    b(S::Picker, &[K::Enter], A::Confirm, "keys.mark_gone", true),
    b(S::Picker, &[K::Down, K::Char('j')], A::Down, "keys.down", false),
    b(S::Picker, &[K::Up, K::Char('k')], A::Up, "keys.up", false),
    b(S::Picker, &[K::Esc], A::Back, "keys.cancel", true),
    b(S::Screen(Screen::Rotation), &[K::Left], A::Left, "keys.columns_left", false),
    b(S::Screen(Screen::Rotation), &[K::Right], A::Right, "keys.columns_right", false),
    // Retours
    b(S::Screen(Screen::Feedback), &[K::Enter], A::Open, "keys.feedback_open", true),
    b(S::Screen(Screen::Feedback), &[K::Char(']')], A::NextMissing, "keys.next_missing", true),
    b(S::Screen(Screen::Feedback), &[K::Char('c')], A::CandidateView, "keys.candidate_view", true),
    b(S::Screen(Screen::Feedback), &[K::Char('b')], A::PaperMode, "keys.paper_mode", true),
    // Grand oral (projected: sensitive fields hidden until Ctrl-R)
    b(S::Screen(Screen::GrandOral), &[K::Left], A::Left, "keys.prev_candidate", true),
    b(S::Screen(Screen::GrandOral), &[K::Right], A::Right, "keys.next_candidate", true),
    b(S::Screen(Screen::GrandOral), &[K::Ctrl('o')], A::NewProposal, "keys.new_proposal", true),
    b(S::Screen(Screen::GrandOral), &[K::Enter], A::NextStatus, "keys.proposal_status", true),
    b(S::Screen(Screen::GrandOral), &[K::Char('t')], A::ToAction, "keys.to_action", true),
    b(S::Screen(Screen::GrandOral), &[K::Char('o')], A::ActionsView, "keys.actions_view", true),
    b(S::Screen(Screen::GrandOral), &[K::Char('a')], A::NewAction, "keys.new_action", false),
    b(S::Screen(Screen::GrandOral), &[K::Char('e')], A::Export, "keys.export", true),
    b(S::Screen(Screen::GrandOral), &[K::Ctrl('r')], A::Reveal, "keys.reveal_oral", false),
    // The cohort's open actions
    b(S::Actions, &[K::Enter], A::Open, "keys.edit_action", true),
    b(S::Actions, &[K::Char(' ')], A::NextStatus, "keys.action_status", true),
    b(S::Actions, &[K::Char('s')], A::SortActions, "keys.sort_actions", true),
    b(S::Actions, &[K::Down, K::Char('j')], A::Down, "keys.down", false),
    b(S::Actions, &[K::Up, K::Char('k')], A::Up, "keys.up", false),
    b(S::Actions, &[K::Esc], A::Back, "keys.back", true),
    // Feedback form (editing: digits rate, text is content)
    b(S::FeedbackForm, &[K::Char('1'), K::Char('&'), K::Char('2'), K::Char('é'), K::Char('3'), K::Char('"'), K::Char('4'), K::Char('\'')], A::Rate(1), "keys.rate", true),
    b(S::FeedbackForm, &[K::Char('0'), K::Char('à')], A::Rate(0), "keys.clear_rating", true),
    b(S::FeedbackForm, &[K::Up], A::Up, "keys.criterion_up", false),
    b(S::FeedbackForm, &[K::Down], A::Down, "keys.criterion_down", false),
    b(S::FeedbackForm, &[K::Tab], A::NextField, "keys.next_field", true),
    b(S::FeedbackForm, &[K::Ctrl('o')], A::NewProposal, "keys.new_proposal", true),
    b(S::FeedbackForm, &[K::BackTab], A::PrevField, "keys.prev_field", false),
    b(S::FeedbackForm, &[K::Esc], A::Back, "keys.close_saved", true),
    // Participants
    b(S::Screen(Screen::Participants), &[K::Char('+')], A::AddPerson, "keys.add", true),
    b(S::Screen(Screen::Participants), &[K::Enter], A::Open, "keys.edit", true),
    b(S::Screen(Screen::Participants), &[K::Char('i')], A::Import, "keys.import", true),
    b(S::Screen(Screen::Participants), &[K::Char('b')], A::Panels, "keys.panels", true),
    b(S::Screen(Screen::Participants), &[K::Char('x')], A::Archive, "keys.archive_person", false),
    b(S::Screen(Screen::Participants), &[K::Ctrl('r')], A::Reveal, "keys.reveal", false),
    b(S::Screen(Screen::Participants), &[K::Char('/')], A::Filter, "keys.filter", true),
    // Import preview
    b(S::ImportPreview, &[K::Enter], A::Confirm, "keys.import_confirm", true),
    b(S::ImportPreview, &[K::Down, K::Char('j')], A::Down, "keys.down", false),
    b(S::ImportPreview, &[K::Up, K::Char('k')], A::Up, "keys.up", false),
    b(S::ImportPreview, &[K::Esc], A::Back, "keys.cancel", true),
    // Binôme composer
    b(S::Composer, &[K::Enter], A::Open, "keys.pick_place", true),
    b(S::Composer, &[K::Char('s')], A::Suggest, "keys.suggest", true),
    b(S::Composer, &[K::Char('t')], A::TableName, "keys.table_name", true),
    b(S::Composer, &[K::Down, K::Char('j')], A::Down, "keys.down", false),
    b(S::Composer, &[K::Up, K::Char('k')], A::Up, "keys.up", false),
    b(S::Composer, &[K::Home], A::Home, "keys.home", false),
    b(S::Composer, &[K::End], A::End, "keys.end", false),
    b(S::Composer, &[K::Esc], A::Back, "keys.back", true),
    // Times form (editing)
    b(S::TimesForm, &[K::Tab, K::Down], A::NextField, "keys.next_field", true),
    b(S::TimesForm, &[K::BackTab, K::Up], A::PrevField, "keys.prev_field", false),
    b(S::TimesForm, &[K::Esc, K::Enter], A::Back, "keys.close_saved", true),
    // Forms of the Journée screen (editing)
    b(S::Form, &[K::Tab, K::Down], A::NextField, "keys.next_field", true),
    b(S::Form, &[K::BackTab, K::Up], A::PrevField, "keys.prev_field", false),
    b(S::Form, &[K::Enter], A::Confirm, "keys.form_confirm", true),
    b(S::Form, &[K::Esc], A::Back, "keys.close_saved", true),
    // Add a person (editing)
    b(S::AddPerson, &[K::Up], A::Up, "keys.up", false),
    b(S::AddPerson, &[K::Down], A::Down, "keys.down", true),
    b(S::AddPerson, &[K::Tab], A::Cycle, "keys.cycle_role", true),
    b(S::AddPerson, &[K::Enter], A::Confirm, "keys.add_confirm", true),
    b(S::AddPerson, &[K::Esc], A::Back, "keys.cancel", true),
    // Filter (editing)
    b(S::Filter, &[K::Enter], A::Confirm, "keys.filter_keep", true),
    b(S::Filter, &[K::Esc], A::Back, "keys.filter_clear", true),
    // Help popup
    b(S::Help, &[K::Down, K::Char('j')], A::Down, "keys.down", false),
    b(S::Help, &[K::Up, K::Char('k')], A::Up, "keys.up", false),
    b(S::Help, &[K::Esc, K::Char('?'), K::Char('q')], A::Back, "keys.close", true),
    // Confirmation
    b(S::Confirm, &[K::Char('o'), K::Char('y'), K::Enter], A::Yes, "keys.yes", true),
    b(S::Confirm, &[K::Char('n'), K::Esc], A::No, "keys.no", true),
    // Global, browsing
    b(S::Global, &[K::Char('1'), K::Char('&'), K::F(1)], A::Go(Screen::Day), "screen.day", false),
    b(S::Global, &[K::Char('2'), K::Char('é'), K::F(2)], A::Go(Screen::Participants), "screen.participants", false),
    b(S::Global, &[K::Char('3'), K::Char('"'), K::F(3)], A::Go(Screen::Attendance), "screen.attendance", false),
    b(S::Global, &[K::Char('4'), K::Char('\''), K::F(4)], A::Go(Screen::Rotation), "screen.rotation", false),
    b(S::Global, &[K::Char('5'), K::Char('('), K::F(5)], A::Go(Screen::Feedback), "screen.feedback", false),
    b(S::Global, &[K::Char('6'), K::Char('-'), K::Char('§'), K::F(6)], A::Go(Screen::GrandOral), "screen.grand_oral", false),
    b(S::Global, &[K::Tab], A::NextScreen, "keys.next_screen", false),
    b(S::Global, &[K::BackTab], A::PrevScreen, "keys.prev_screen", false),
    b(S::Global, &[K::Up, K::Char('k')], A::Up, "keys.up", false),
    b(S::Global, &[K::Down, K::Char('j')], A::Down, "keys.down", false),
    b(S::Global, &[K::PageUp], A::PageUp, "keys.page_up", false),
    b(S::Global, &[K::PageDown], A::PageDown, "keys.page_down", false),
    b(S::Global, &[K::Home], A::Home, "keys.home", false),
    b(S::Global, &[K::End], A::End, "keys.end", false),
    b(S::Global, &[K::Esc], A::Back, "keys.back", false),
    b(S::Global, &[K::Char('?')], A::Help, "keys.help", true),
    b(S::Global, &[K::Char('q'), K::Ctrl('c')], A::Quit, "keys.quit", true),
    // Always (browsing and editing)
    b(S::Always, &[K::Ctrl('x')], A::Privacy, "keys.privacy", false),
    b(S::Always, &[K::Ctrl('t')], A::TimerView, "keys.timer_view", false),
    b(S::Always, &[K::Ctrl('n')], A::QuickNote, "keys.quick_note", false),
    b(S::Always, &[K::Ctrl('p')], A::StartPause, "keys.start_pause", false),
    b(S::Always, &[K::Ctrl('c')], A::Quit, "keys.quit", false),
];

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
        (Scope::FeedbackForm, "feedback.title"),
        (Scope::TimesForm, "att.form_title"),
        (Scope::AddPerson, "att.add_title"),
        (Scope::Filter, "keys.filter"),
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
mod tests {
    use super::*;
    use ratatui::crossterm::event::KeyEvent;

    fn key(code: KeyCode) -> KeyEvent {
        KeyEvent::new(code, KeyModifiers::NONE)
    }

    #[test]
    fn azerty_digits_switch_screens() {
        let s = Scope::Screen(Screen::Attendance);
        assert_eq!(
            lookup(s, &key(KeyCode::Char('é'))),
            Some(Action::Go(Screen::Participants))
        );
        assert_eq!(
            lookup(s, &key(KeyCode::Char('"'))),
            Some(Action::Go(Screen::Attendance))
        );
        assert_eq!(
            lookup(s, &key(KeyCode::F(6))),
            Some(Action::Go(Screen::GrandOral))
        );
    }

    #[test]
    fn screen_keys_win_over_global_and_ctrl_keys_always_work() {
        let s = Scope::Screen(Screen::Attendance);
        assert_eq!(
            lookup(s, &key(KeyCode::Char('p'))),
            Some(Action::MarkPresent)
        );
        let ctrl_x = KeyEvent::new(KeyCode::Char('x'), KeyModifiers::CONTROL);
        assert_eq!(lookup(Scope::TimesForm, &ctrl_x), Some(Action::Privacy));
        // In a form, digits and letters are content.
        assert_eq!(lookup(Scope::TimesForm, &key(KeyCode::Char('1'))), None);
        assert_eq!(lookup(Scope::AddPerson, &key(KeyCode::Char('q'))), None);
    }

    #[test]
    fn no_key_is_bound_twice_in_one_scope() {
        for (i, a) in BINDINGS.iter().enumerate() {
            for b in &BINDINGS[i + 1..] {
                let same_scope = a.scope == b.scope
                    || (matches!(a.scope, Scope::Screen(_)) && b.scope == Scope::Always);
                if !same_scope {
                    continue;
                }
                for k in a.keys {
                    // Ctrl-C is both a browsing quit and an always-quit, on purpose.
                    if *k == Key::Ctrl('c') {
                        continue;
                    }
                    assert!(!b.keys.contains(k), "{k:?} bound twice in {:?}", a.scope);
                }
            }
        }
    }

    /// Every scope the key table knows.
    fn all_scopes() -> Vec<Scope> {
        let mut scopes: Vec<Scope> = Screen::ALL.iter().map(|s| Scope::Screen(*s)).collect();
        scopes.extend([
            Scope::Global,
            Scope::Always,
            Scope::TimesForm,
            Scope::Form,
            Scope::AddPerson,
            Scope::ImportPreview,
            Scope::Composer,
            Scope::History,
            Scope::Timer,
            Scope::Picker,
            Scope::FeedbackForm,
            Scope::Actions,
            Scope::Filter,
            Scope::Help,
            Scope::Confirm,
        ]);
        scopes
    }

    /// What crossterm reports on a French AZERTY Windows console: the top row unshifted gives these
    /// characters with no modifier; with Shift, the digit with SHIFT set (Linux terminals send the
    /// digit alone).
    const WINDOWS_AZERTY_TOP_ROW: [(char, char); 10] = [
        ('&', '1'),
        ('é', '2'),
        ('"', '3'),
        ('\'', '4'),
        ('(', '5'),
        ('-', '6'),
        ('è', '7'),
        ('_', '8'),
        ('ç', '9'),
        ('à', '0'),
    ];

    #[test]
    fn a_french_windows_keyboard_gets_the_same_actions_as_linux() {
        for scope in all_scopes() {
            for (azerty, digit) in WINDOWS_AZERTY_TOP_ROW {
                let linux = lookup(scope, &key(KeyCode::Char(digit)));
                let unshifted = from_terminal(key(KeyCode::Char(azerty)));
                let shifted =
                    from_terminal(KeyEvent::new(KeyCode::Char(digit), KeyModifiers::SHIFT));
                assert_eq!(
                    lookup(scope, &shifted),
                    linux,
                    "Shift+{azerty} in {scope:?}"
                );
                // Where a digit is a command, its AZERTY character is the same command; in text,
                // neither is a command.
                if linux.is_some() {
                    assert_eq!(lookup(scope, &unshifted), linux, "{azerty} in {scope:?}");
                }
            }
        }
        // The six screens from the top row, unshifted, from any screen.
        for screen in Screen::ALL {
            let s = Scope::Screen(screen);
            let go: Vec<_> = ['&', 'é', '"', '\'', '(', '-']
                .iter()
                .map(|c| lookup(s, &key(KeyCode::Char(*c))))
                .collect();
            let want: Vec<_> = Screen::ALL.iter().map(|t| Some(Action::Go(*t))).collect();
            assert_eq!(go, want, "from {screen:?}");
        }
        // The feedback ratings: & é " ' rate 1–4, à clears.
        for (c, r) in [('&', 1), ('é', 2), ('"', 3), ('\'', 4), ('à', 0)] {
            let ev = from_terminal(key(KeyCode::Char(c)));
            assert_eq!(lookup(Scope::FeedbackForm, &ev), Some(Action::Rate(r)));
        }
    }

    #[test]
    fn altgr_characters_from_windows_are_plain_characters() {
        let altgr = KeyModifiers::CONTROL | KeyModifiers::ALT;
        // `]` is AltGr+) on French AZERTY: Windows says Ctrl+Alt+].
        let ev = from_terminal(KeyEvent::new(KeyCode::Char(']'), altgr));
        assert_eq!(ev.modifiers, KeyModifiers::NONE);
        assert_eq!(
            lookup(Scope::Screen(Screen::Feedback), &ev),
            Some(Action::NextMissing)
        );
        for c in ['@', '#', '{', '[', '|', '\\', '}', '~', '€', '`', '^'] {
            let ev = from_terminal(KeyEvent::new(KeyCode::Char(c), altgr));
            assert_eq!(ev, key(KeyCode::Char(c)), "AltGr {c}");
        }
        // Every character command is reached the same way typed plain or with AltGr.
        for b in BINDINGS {
            for k in b.keys {
                if let Key::Char(c) = k
                    && !c.is_ascii_alphanumeric()
                {
                    let ev = from_terminal(KeyEvent::new(KeyCode::Char(*c), altgr));
                    assert_eq!(
                        lookup(b.scope, &ev),
                        lookup(b.scope, &key(KeyCode::Char(*c))),
                        "{c} in {:?}",
                        b.scope
                    );
                }
            }
        }
        // Ctrl keys and Ctrl+Alt+letter keep their modifiers.
        let ctrl_x = KeyEvent::new(KeyCode::Char('x'), KeyModifiers::CONTROL);
        assert_eq!(from_terminal(ctrl_x), ctrl_x);
        let ctrl_alt_e = KeyEvent::new(KeyCode::Char('e'), altgr);
        assert_eq!(from_terminal(ctrl_alt_e), ctrl_alt_e);
    }

    #[test]
    fn no_screen_command_uses_an_azerty_digit_character() {
        let azerty = ['&', 'é', '"', '\'', '(', '-', 'è', '_', 'ç', 'à', '§'];
        for b in BINDINGS
            .iter()
            .filter(|b| matches!(b.scope, Scope::Screen(_)))
        {
            for k in b.keys {
                if let Key::Char(c) = k {
                    assert!(!azerty.contains(c), "{c} is a digit on AZERTY");
                }
            }
        }
    }
}
