//! Two laptops wrote feedback for the same interview (issue 23): the other laptop's version, kept
//! beside this one's by the import, and the three ways of resolving it.

use serde::{Deserialize, Serialize};

use super::feedback::Feedback;

/// The other laptop's feedback of an interview, as an import keeps it (JSON in the conflict row).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct OtherFeedback {
    /// Panel label there.
    pub panel_label: String,
    /// Strengths.
    pub strengths: String,
    /// Points to work on.
    pub to_work_on: String,
    /// First advice.
    pub advice: String,
    /// Other notes.
    pub notes: String,
    /// Overall opinion code, if given.
    pub opinion: Option<String>,
    /// Rating per criterion key (its `feedback_rating` rows, which travel apart).
    pub ratings: Vec<(String, u8)>,
    /// Proposals made with it (which would otherwise name a feedback missing here).
    pub proposals: Vec<OtherProposal>,
}

/// A proposal made with the other laptop's feedback.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct OtherProposal {
    /// Kind code.
    pub kind: String,
    /// Detail.
    pub detail: String,
    /// Status code.
    pub status: String,
    /// Uid of the professional who offers it, if known.
    pub offered_by: Option<String>,
}

impl OtherFeedback {
    /// Reads what an import stored; `None` for rows written before (plain « col=value » text).
    pub fn parse(text: &str) -> Option<OtherFeedback> {
        if !text.trim_start().starts_with('{') {
            return None;
        }
        serde_json::from_str(text).ok()
    }

    /// As stored.
    pub fn to_json(&self) -> String {
        serde_json::to_string(self).unwrap_or_default()
    }

    /// One line for the command line's conflict list: its texts, joined.
    pub fn summary(&self) -> String {
        [&self.strengths, &self.to_work_on, &self.advice, &self.notes]
            .iter()
            .filter(|t| !t.trim().is_empty())
            .map(|t| t.replace('\n', " "))
            .collect::<Vec<_>>()
            .join(" / ")
    }

    /// This feedback's own version as the same record (kept with the conflict once resolved).
    pub fn of(f: &Feedback) -> OtherFeedback {
        OtherFeedback {
            panel_label: f.panel_label.clone(),
            strengths: f.strengths.clone(),
            to_work_on: f.to_work_on.clone(),
            advice: f.advice.clone(),
            notes: f.notes.clone(),
            opinion: f.opinion.clone(),
            ratings: f.ratings.clone(),
            proposals: Vec::new(),
        }
    }
}

/// How a feedback conflict is resolved.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Resolution {
    /// This laptop's version stays as it is.
    KeepHere,
    /// The other laptop's texts, opinion and ratings replace this one's.
    TakeOther,
    /// Both texts, joined by a separator line; ratings and opinion from this one.
    KeepBoth,
}

impl Resolution {
    /// Catalog suffix (`feedback.conflict_done_CODE`).
    pub fn code(self) -> &'static str {
        match self {
            Resolution::KeepHere => "here",
            Resolution::TakeOther => "other",
            Resolution::KeepBoth => "both",
        }
    }

    /// True when the other's proposals are added to this feedback.
    pub fn takes_proposals(self) -> bool {
        self != Resolution::KeepHere
    }
}

/// The line between the two texts when both are kept.
pub const SEPARATOR: &str = "———";

fn joined(here: &str, other: &str) -> String {
    match (here.trim().is_empty(), other.trim().is_empty()) {
        (_, true) => here.to_string(),
        (true, false) => other.to_string(),
        // Twice the same text (typed from one paper sheet) is kept once.
        _ if here.trim() == other.trim() => here.to_string(),
        _ => format!("{here}\n{SEPARATOR}\n{other}"),
    }
}

/// The feedback once resolved; `other` is `None` for an old conflict stored as plain text
/// (`raw`): keeping both then adds that text to the notes.
pub fn resolve(
    here: &Feedback,
    other: Option<&OtherFeedback>,
    raw: &str,
    how: Resolution,
) -> Feedback {
    let mut out = here.clone();
    match (how, other) {
        (Resolution::KeepHere, _) => {}
        (Resolution::TakeOther, Some(o)) => {
            out.strengths = o.strengths.clone();
            out.to_work_on = o.to_work_on.clone();
            out.advice = o.advice.clone();
            out.notes = o.notes.clone();
            out.opinion = o.opinion.clone();
            out.ratings = o
                .ratings
                .iter()
                .filter(|(_, r)| (1..=4).contains(r))
                .cloned()
                .collect();
        }
        (Resolution::KeepBoth, Some(o)) => {
            out.strengths = joined(&here.strengths, &o.strengths);
            out.to_work_on = joined(&here.to_work_on, &o.to_work_on);
            out.advice = joined(&here.advice, &o.advice);
            out.notes = joined(&here.notes, &o.notes);
        }
        // An old row's text cannot be split into fields: it goes to the notes, whole.
        (Resolution::TakeOther | Resolution::KeepBoth, None) => {
            out.notes = joined(&here.notes, raw);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn here() -> Feedback {
        Feedback {
            strengths: "Clair".into(),
            advice: "Préparer le CV".into(),
            ratings: vec![("posture".into(), 3)],
            opinion: Some("ready".into()),
            ..Feedback::default()
        }
    }

    fn other() -> OtherFeedback {
        OtherFeedback {
            strengths: "Posé".into(),
            advice: "Préparer le CV".into(),
            ratings: vec![("posture".into(), 2), ("bad".into(), 9)],
            ..OtherFeedback::default()
        }
    }

    #[test]
    fn keeping_both_joins_the_texts_and_keeps_this_ones_ratings() {
        let f = resolve(&here(), Some(&other()), "", Resolution::KeepBoth);
        assert_eq!(f.strengths, format!("Clair\n{SEPARATOR}\nPosé"));
        assert_eq!(f.advice, "Préparer le CV", "the same text is kept once");
        assert_eq!(f.ratings, here().ratings);
        assert_eq!(f.opinion.as_deref(), Some("ready"));
    }

    #[test]
    fn taking_the_other_takes_its_texts_and_valid_ratings() {
        let f = resolve(&here(), Some(&other()), "", Resolution::TakeOther);
        assert_eq!(f.strengths, "Posé");
        assert_eq!(f.ratings, vec![("posture".to_string(), 2)]);
        assert_eq!(f.opinion, None);
        assert_eq!(resolve(&here(), None, "", Resolution::KeepHere), here());
    }

    #[test]
    fn an_old_plain_text_row_goes_to_the_notes_and_parses_as_none() {
        assert_eq!(OtherFeedback::parse("strengths=Posé, round=1"), None);
        let f = resolve(&here(), None, "strengths=Posé", Resolution::KeepBoth);
        assert_eq!(f.notes, "strengths=Posé");
        let json = other().to_json();
        assert_eq!(OtherFeedback::parse(&json), Some(other()));
    }
}
