//! Colours and symbols. Colour never carries meaning alone: a symbol or word says it too.

use ratatui::style::{Color, Modifier, Style};

use crate::core::attendance::AttendanceStatus;

/// The palette in use.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Theme {
    /// NO_COLOR is set: styles keep only bold / reverse.
    pub no_color: bool,
}

impl Theme {
    /// Reads NO_COLOR (any non-empty value disables colour, per no-color.org).
    pub fn from_env() -> Theme {
        Theme {
            no_color: std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty()),
        }
    }

    fn fg(self, c: Color) -> Style {
        if self.no_color {
            Style::default()
        } else {
            Style::default().fg(c)
        }
    }

    /// Done, present.
    pub fn ok(self) -> Style {
        self.fg(Color::Green)
    }

    /// Partial, late, soon.
    pub fn warn(self) -> Style {
        self.fg(Color::Yellow)
    }

    /// Missing, absent, error.
    pub fn bad(self) -> Style {
        self.fg(Color::Red)
    }

    /// Secondary text.
    pub fn dim(self) -> Style {
        if self.no_color {
            Style::default()
        } else {
            Style::default().fg(Color::DarkGray)
        }
    }

    /// Titles and keys.
    pub fn accent(self) -> Style {
        self.fg(Color::Cyan).add_modifier(Modifier::BOLD)
    }

    /// The selected row.
    pub fn selected(self) -> Style {
        Style::default().add_modifier(Modifier::REVERSED)
    }

    /// Style of an attendance status.
    pub fn status(self, s: AttendanceStatus) -> Style {
        match s {
            AttendanceStatus::Present => self.ok(),
            AttendanceStatus::Late | AttendanceStatus::LeftEarly => self.warn(),
            AttendanceStatus::Absent => self.bad(),
            AttendanceStatus::Excused | AttendanceStatus::Expected => self.dim(),
        }
    }
}

/// Symbol of an attendance status (readable without colour).
pub fn status_symbol(s: AttendanceStatus) -> &'static str {
    match s {
        AttendanceStatus::Expected => "·",
        AttendanceStatus::Present => "✓",
        AttendanceStatus::Late => "◔",
        AttendanceStatus::Absent => "✗",
        AttendanceStatus::Excused => "○",
        AttendanceStatus::LeftEarly => "↦",
    }
}
