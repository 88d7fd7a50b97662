//! The rows of the key table, one per binding; `keys.rs` reads them for dispatch, footer, help and README.

use super::{Action, Binding, Key, Scope};
use crate::ui::tab::Screen;

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
    // A session's expected list (Journée, l; issue 17): typing filters, so no letter is a command
    b(S::Screen(Screen::Day), &[K::Char('l')], A::ExpectedList, "keys.expected_list", true),
    b(S::Expected, &[K::Char(' ')], A::Toggle, "keys.expected_toggle", true),
    b(S::Expected, &[K::Ctrl('a')], A::ExpectAll, "keys.expected_all", true),
    b(S::Expected, &[K::Down], A::Down, "keys.down", false),
    b(S::Expected, &[K::Up], A::Up, "keys.up", false),
    b(S::Expected, &[K::PageDown], A::PageDown, "keys.page_down", false),
    b(S::Expected, &[K::PageUp], A::PageUp, "keys.page_up", false),
    b(S::Expected, &[K::Esc], A::Back, "keys.expected_close", true),
    // A themed day's run of show (Journée, a; issue 22)
    b(S::Screen(Screen::Day), &[K::Char('a')], A::AgendaView, "keys.agenda", false),
    b(S::Agenda, &[K::Down], A::Down, "keys.down", false),
    b(S::Agenda, &[K::Up], A::Up, "keys.up", false),
    b(S::Agenda, &[K::Char('K')], A::AgendaMoveUp, "keys.agenda_up", true),
    b(S::Agenda, &[K::Char('J')], A::AgendaMoveDown, "keys.agenda_down", true),
    b(S::Agenda, &[K::Char('-')], A::AgendaRemove, "keys.agenda_remove", true),
    b(S::Agenda, &[K::Esc], A::Back, "keys.agenda_close", true),
    // Always (browsing and editing)
    b(S::Always, &[K::Ctrl('x')], A::Privacy, "keys.privacy", false),
    b(S::Always, &[K::Ctrl('t')], A::TimerView, "keys.timer_view", false),
    b(S::Always, &[K::Ctrl('n')], A::QuickNote, "keys.quick_note", false),
    b(S::Always, &[K::Ctrl('p')], A::StartPause, "keys.start_pause", false),
    b(S::Always, &[K::Ctrl('c')], A::Quit, "keys.quit", false),
];
