//! The settings of a job-training day, their defaults and their validation.

use super::feedback::CriteriaSets;

/// One break in the day: after which round, and how long.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Break {
    /// The break comes after this round (1-based).
    pub after_round: u32,
    /// Its length in minutes.
    pub minutes: u32,
}

/// Criteria sets a session can use (the sets themselves come with feedback capture).
pub const CRITERIA_SETS: [&str; 4] = ["job_training", "savoir_etre", "clea", "mrs"];

/// How a job-training day runs.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SessionSettings {
    /// Interviews per candidate (K).
    pub interviews_per_candidate: u32,
    /// Interview length, minutes.
    pub interview_minutes: u32,
    /// Feedback slot after each interview, minutes.
    pub feedback_minutes: u32,
    /// Changeover between rounds, minutes.
    pub changeover_minutes: u32,
    /// Breaks.
    pub breaks: Vec<Break>,
    /// First warning before the end of a phase, seconds.
    pub warn_first_seconds: u32,
    /// Second warning, seconds.
    pub warn_second_seconds: u32,
    /// Criteria set code.
    pub criteria_set: String,
}

impl Default for SessionSettings {
    fn default() -> Self {
        SessionSettings {
            interviews_per_candidate: 4,
            interview_minutes: 20,
            feedback_minutes: 5,
            changeover_minutes: 2,
            breaks: vec![Break {
                after_round: 3,
                minutes: 60,
            }],
            warn_first_seconds: 120,
            warn_second_seconds: 30,
            criteria_set: CRITERIA_SETS[0].to_string(),
        }
    }
}

/// Why a setting is refused; each names the field, for the form to show beside it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SettingsError {
    /// K must be between 1 and 12.
    Interviews,
    /// An interview lasts 5 to 120 minutes.
    InterviewLength,
    /// Feedback and changeover: 0 to 60 minutes.
    SlotLength,
    /// Breaks are written `3:60, 5:15`.
    Breaks,
    /// Warnings: the first is longer than the second, both under the interview length.
    Warnings,
    /// Unknown criteria set.
    CriteriaSet,
}

impl SettingsError {
    /// Catalog key of the message.
    pub fn message_key(&self) -> &'static str {
        match self {
            SettingsError::Interviews => "settings.err_interviews",
            SettingsError::InterviewLength => "settings.err_interview_length",
            SettingsError::SlotLength => "settings.err_slot_length",
            SettingsError::Breaks => "settings.err_breaks",
            SettingsError::Warnings => "settings.err_warnings",
            SettingsError::CriteriaSet => "settings.err_criteria",
        }
    }
}

impl SessionSettings {
    /// Every problem with these settings (empty when valid).
    pub fn validate(&self, sets: &CriteriaSets) -> Vec<SettingsError> {
        let mut errors = Vec::new();
        if !(1..=12).contains(&self.interviews_per_candidate) {
            errors.push(SettingsError::Interviews);
        }
        if !(5..=120).contains(&self.interview_minutes) {
            errors.push(SettingsError::InterviewLength);
        }
        if self.feedback_minutes > 60 || self.changeover_minutes > 60 {
            errors.push(SettingsError::SlotLength);
        }
        if self
            .breaks
            .iter()
            .any(|b| b.after_round == 0 || b.minutes == 0 || b.minutes > 180)
            // Two breaks after one round would double the pause silently: say it instead.
            || self
                .breaks
                .iter()
                .enumerate()
                .any(|(i, b)| self.breaks[..i].iter().any(|a| a.after_round == b.after_round))
        {
            errors.push(SettingsError::Breaks);
        }
        if self.warn_first_seconds <= self.warn_second_seconds
            || self.warn_first_seconds >= self.interview_minutes * 60
        {
            errors.push(SettingsError::Warnings);
        }
        if !sets.exists(&self.criteria_set) {
            errors.push(SettingsError::CriteriaSet);
        }
        errors
    }

    /// Minutes of one round: interview, feedback, changeover.
    pub fn round_minutes(&self) -> u32 {
        self.interview_minutes + self.feedback_minutes + self.changeover_minutes
    }
}

/// Reads breaks as typed: `3:60, 5:15` (also `3h60`, `3=60`, `;` between them); empty means none.
pub fn parse_breaks(text: &str) -> Option<Vec<Break>> {
    let mut out = Vec::new();
    for part in text
        .split([',', ';'])
        .map(str::trim)
        .filter(|p| !p.is_empty())
    {
        let (round, minutes) = part.split_once([':', '=', 'h', '/'])?;
        out.push(Break {
            after_round: round.trim().parse().ok()?,
            minutes: minutes.trim().trim_end_matches("min").trim().parse().ok()?,
        });
    }
    out.sort_by_key(|b| b.after_round);
    Some(out)
}

/// Writes breaks the way [`parse_breaks`] reads them.
pub fn format_breaks(breaks: &[Break]) -> String {
    breaks
        .iter()
        .map(|b| format!("{}:{}", b.after_round, b.minutes))
        .collect::<Vec<_>>()
        .join(", ")
}

/// What changing the settings would disturb, for the form to ask or refuse.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SettingsImpact {
    /// K changes while a plan exists: the plan must be generated again.
    PlanMustBeRedone,
    /// The criteria set changes while ratings exist: refused (decisions.md).
    CriteriaLocked,
}

/// The impacts of going from `old` to `new` given what the session already holds.
pub fn impacts(
    old: &SessionSettings,
    new: &SessionSettings,
    has_plan: bool,
    has_ratings: bool,
) -> Vec<SettingsImpact> {
    let mut out = Vec::new();
    if has_plan && old.interviews_per_candidate != new.interviews_per_candidate {
        out.push(SettingsImpact::PlanMustBeRedone);
    }
    if has_ratings && old.criteria_set != new.criteria_set {
        out.push(SettingsImpact::CriteriaLocked);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn defaults_are_valid_and_match_the_programme() {
        let s = SessionSettings::default();
        assert!(s.validate(&CriteriaSets::default()).is_empty());
        assert_eq!(s.interviews_per_candidate, 4);
        assert_eq!(s.round_minutes(), 27);
    }

    #[test]
    fn bad_values_are_named() {
        let s = SessionSettings {
            interviews_per_candidate: 0,
            interview_minutes: 0,
            warn_first_seconds: 10,
            warn_second_seconds: 30,
            criteria_set: "x".into(),
            ..SessionSettings::default()
        };
        let e = s.validate(&CriteriaSets::default());
        assert!(e.contains(&SettingsError::Interviews));
        assert!(e.contains(&SettingsError::InterviewLength));
        assert!(e.contains(&SettingsError::Warnings));
        assert!(e.contains(&SettingsError::CriteriaSet));
    }

    #[test]
    fn breaks_round_trip_and_reject_nonsense() {
        let b = parse_breaks("5:15, 3:60").unwrap();
        assert_eq!(
            b[0],
            Break {
                after_round: 3,
                minutes: 60
            }
        );
        assert_eq!(format_breaks(&b), "3:60, 5:15");
        assert_eq!(parse_breaks("").unwrap(), vec![]);
        assert_eq!(parse_breaks("3h60min").unwrap()[0].minutes, 60);
        assert!(parse_breaks("après le 3").is_none());
        let twice = SessionSettings {
            breaks: parse_breaks("3:60, 3:60").unwrap(),
            ..SessionSettings::default()
        };
        assert!(
            twice
                .validate(&CriteriaSets::default())
                .contains(&SettingsError::Breaks)
        );
    }

    #[test]
    fn impacts_only_when_something_depends_on_the_change() {
        let old = SessionSettings::default();
        let new = SessionSettings {
            interviews_per_candidate: 5,
            criteria_set: "clea".into(),
            ..old.clone()
        };
        assert!(impacts(&old, &new, false, false).is_empty());
        assert_eq!(impacts(&old, &new, true, true).len(), 2);
    }
}
