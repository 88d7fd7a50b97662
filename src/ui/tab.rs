//! The seven tabs of the day (the key table names them; the screens behind them are in `screens/`).

/// A tab of the application.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Screen {
    /// Journée: cohorts and sessions.
    Day,
    /// Participants.
    Participants,
    /// Présences.
    Attendance,
    /// Rotation.
    Rotation,
    /// Retours.
    Feedback,
    /// Grand oral.
    GrandOral,
    /// Suivi: after the grand oral (worklist, follow-up log, outcomes, mentors).
    Followup,
}

impl Screen {
    /// Tab order.
    pub const ALL: [Screen; 7] = [
        Screen::Day,
        Screen::Participants,
        Screen::Attendance,
        Screen::Rotation,
        Screen::Feedback,
        Screen::GrandOral,
        Screen::Followup,
    ];

    /// Catalog key of the tab name.
    pub fn label(self) -> &'static str {
        match self {
            Screen::Day => "screen.day",
            Screen::Participants => "screen.participants",
            Screen::Attendance => "screen.attendance",
            Screen::Rotation => "screen.rotation",
            Screen::Feedback => "screen.feedback",
            Screen::GrandOral => "screen.grand_oral",
            Screen::Followup => "screen.followup",
        }
    }

    fn index(self) -> usize {
        Screen::ALL.iter().position(|s| *s == self).unwrap_or(0)
    }

    /// The next tab, wrapping.
    pub fn next(self) -> Screen {
        Screen::ALL[(self.index() + 1) % Screen::ALL.len()]
    }

    /// The previous tab, wrapping.
    pub fn prev(self) -> Screen {
        Screen::ALL[(self.index() + Screen::ALL.len() - 1) % Screen::ALL.len()]
    }

    /// 1-based number shown on the tab.
    pub fn number(self) -> usize {
        self.index() + 1
    }
}
