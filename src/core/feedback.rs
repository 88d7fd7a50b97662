//! Feedback of a binôme on an interview: criteria sets, ratings, free texts, completeness.

use std::sync::OnceLock;

use serde::Deserialize;

use super::domain::Id;

/// One criterion of a set.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
pub struct Criterion {
    /// Stable key.
    pub key: String,
    /// French label.
    pub label_fr: String,
    /// English label.
    pub label_en: String,
    /// French one-line hint shown while rating.
    pub hint_fr: String,
    /// English hint.
    pub hint_en: String,
}

/// A criteria set (assets/criteria/*.toml, compiled in).
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
pub struct CriteriaSet {
    /// Stable key (the session's setting).
    pub key: String,
    /// French name.
    pub label_fr: String,
    /// English name.
    pub label_en: String,
    /// Its criteria, in order.
    #[serde(rename = "criterion")]
    pub criteria: Vec<Criterion>,
}

const SOURCES: [&str; 4] = [
    include_str!("../../assets/criteria/job_training.toml"),
    include_str!("../../assets/criteria/savoir_etre.toml"),
    include_str!("../../assets/criteria/clea.toml"),
    include_str!("../../assets/criteria/mrs.toml"),
];

/// The sets shipped with Passerelle (a test checks they parse).
pub fn builtin_sets() -> &'static [CriteriaSet] {
    static SETS: OnceLock<Vec<CriteriaSet>> = OnceLock::new();
    SETS.get_or_init(|| {
        SOURCES
            .iter()
            .filter_map(|s| toml::from_str(s).ok())
            .collect()
    })
}

/// Reads a criteria set written by a user (the same layout as assets/criteria/*.toml).
pub fn parse_set(text: &str) -> Result<CriteriaSet, String> {
    let set: CriteriaSet = toml::from_str(text).map_err(|e| e.to_string())?;
    if set.key.trim().is_empty() || set.criteria.is_empty() {
        return Err("key and at least one [[criterion]] are required".into());
    }
    Ok(set)
}

/// The criteria sets a session may use: the shipped ones, then a user's own (loaded once by the
/// command line and passed in, never a global). `default()` is the shipped sets alone.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct CriteriaSets {
    own: Vec<CriteriaSet>,
}

impl CriteriaSets {
    /// The shipped sets alone (usable in a `static`).
    pub const fn shipped() -> CriteriaSets {
        CriteriaSets { own: Vec::new() }
    }

    /// The shipped sets and a user's own; a set with a shipped key is ignored.
    pub fn new(own: Vec<CriteriaSet>) -> CriteriaSets {
        let builtin: Vec<&str> = builtin_sets().iter().map(|s| s.key.as_str()).collect();
        let own = own
            .into_iter()
            .filter(|s| !builtin.contains(&s.key.as_str()))
            .collect();
        CriteriaSets { own }
    }

    /// Shipped sets, then the user's own.
    pub fn all(&self) -> impl Iterator<Item = &CriteriaSet> {
        builtin_sets().iter().chain(self.own.iter())
    }

    /// True when a set of that key exists.
    pub fn exists(&self, key: &str) -> bool {
        self.all().any(|s| s.key == key)
    }

    /// A set by key; the default « Job training » set when unknown.
    pub fn get(&self, key: &str) -> Option<&CriteriaSet> {
        self.all()
            .find(|s| s.key == key)
            .or_else(|| builtin_sets().first())
    }
}

/// A rating word: 1 « à travailler » … 4 « point fort ».
pub fn rating_key(r: u8) -> &'static str {
    match r {
        1 => "feedback.r1",
        2 => "feedback.r2",
        3 => "feedback.r3",
        _ => "feedback.r4",
    }
}

/// What the binôme said about a candidate after an interview that took place.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Feedback {
    /// Row id (0 before it is stored).
    pub id: Id,
    /// Session.
    pub session_id: Id,
    /// Candidate.
    pub candidate_id: Id,
    /// Round of the interview (from 1).
    pub round: u32,
    /// Panel as it sat then.
    pub panel_id: Option<Id>,
    /// Its label then.
    pub panel_label: String,
    /// Its professionals then.
    pub panel_members: Vec<Id>,
    /// Criteria set in use.
    pub criteria_set: String,
    /// Rating per criterion key (1–4); absent: not rated.
    pub ratings: Vec<(String, u8)>,
    /// Strengths.
    pub strengths: String,
    /// Points to work on.
    pub to_work_on: String,
    /// First advice given.
    pub advice: String,
    /// Other notes.
    pub notes: String,
    /// Overall opinion (see [`OPINIONS`]), if given.
    pub opinion: Option<String>,
}

/// Overall opinions a binôme can give.
pub const OPINIONS: [&str; 3] = ["ready", "ready_with_support", "consolidate"];

/// How far a feedback is filled.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Completeness {
    /// Nothing yet.
    Empty,
    /// Started.
    Partial,
    /// Every criterion rated and something said.
    Complete,
}

impl Feedback {
    /// The rating of a criterion.
    pub fn rating(&self, key: &str) -> Option<u8> {
        self.ratings.iter().find(|(k, _)| k == key).map(|(_, r)| *r)
    }

    /// Sets (1–4) or clears (None) a criterion's rating.
    pub fn rate(&mut self, key: &str, rating: Option<u8>) {
        self.ratings.retain(|(k, _)| k != key);
        if let Some(r) = rating.filter(|r| (1..=4).contains(r)) {
            self.ratings.push((key.to_string(), r));
        }
    }

    /// Empty, partial or complete against its criteria set (looked up in `sets`).
    pub fn completeness(&self, sets: &CriteriaSets) -> Completeness {
        let texts = [&self.strengths, &self.to_work_on, &self.advice, &self.notes];
        let said = texts.iter().any(|t| !t.trim().is_empty());
        if self.ratings.is_empty() && !said {
            return Completeness::Empty;
        }
        let all_rated = sets
            .get(&self.criteria_set)
            .is_some_and(|set| set.criteria.iter().all(|c| self.rating(&c.key).is_some()));
        if all_rated && (!self.strengths.trim().is_empty() || !self.to_work_on.trim().is_empty()) {
            Completeness::Complete
        } else {
            Completeness::Partial
        }
    }
}

/// An interview held: planned in the newest plan of a job-training session and not cancelled.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct HeldInterview {
    /// Its session.
    pub session_id: Id,
    /// Its candidate.
    pub candidate_id: Id,
    /// Its round (from 1).
    pub round: u32,
}

/// Complete feedback over the interviews held, as `(complete, held)`: the one source of
/// « Retours complets x/y » (cover, JSON, Retours screen). A form counts once, for its interview.
pub fn feedback_progress(
    held: &[HeldInterview],
    feedback: &[Feedback],
    sets: &CriteriaSets,
) -> (usize, usize) {
    let complete = held
        .iter()
        .filter(|h| {
            feedback.iter().any(|f| {
                f.session_id == h.session_id
                    && f.candidate_id == h.candidate_id
                    && f.round == h.round
                    && f.completeness(sets) == Completeness::Complete
            })
        })
        .count();
    (complete, held.len())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn english_criteria_words_are_not_gendered() {
        // Candidates are men and women: the English labels and hints say « one's », never « his ».
        const GENDERED: [&str; 6] = ["he", "his", "him", "himself", "she", "her"];
        for set in builtin_sets() {
            for c in &set.criteria {
                for text in [&c.label_en, &c.hint_en] {
                    let words: Vec<String> = text
                        .split(|ch: char| !ch.is_alphabetic())
                        .map(str::to_lowercase)
                        .collect();
                    assert!(
                        !words.iter().any(|w| GENDERED.contains(&w.as_str())),
                        "{}: {text}",
                        c.key
                    );
                }
            }
        }
    }

    #[test]
    fn the_four_sets_parse_with_their_criteria() {
        let sets = builtin_sets();
        let keys: Vec<&str> = sets.iter().map(|s| s.key.as_str()).collect();
        assert_eq!(keys, ["job_training", "savoir_etre", "clea", "mrs"]);
        assert_eq!(sets[0].criteria.len(), 6);
        assert_eq!(sets[2].criteria.len(), 7, "the 7 CléA domains");
        for set in sets {
            for c in &set.criteria {
                assert!(!c.hint_fr.is_empty() && !c.hint_en.is_empty(), "{}", c.key);
            }
        }
        assert!(
            crate::core::settings::CRITERIA_SETS
                .iter()
                .all(|k| keys.contains(k))
        );
    }

    #[test]
    fn a_users_own_set_reads_like_the_shipped_ones() {
        let text = "key = \"btp_chantier\"\nlabel_fr = \"Chantier\"\nlabel_en = \"Site\"\n\n[[criterion]]\nkey = \"epi\"\nlabel_fr = \"Port des EPI\"\nlabel_en = \"PPE\"\nhint_fr = \"Casque, chaussures\"\nhint_en = \"Helmet, shoes\"\n";
        let set = parse_set(text).unwrap();
        assert_eq!(set.criteria[0].label_fr, "Port des EPI");
        assert!(parse_set("key = \"x\"").is_err());
        assert!(parse_set("not toml [").is_err());
    }

    #[test]
    fn a_users_set_passed_as_a_value_rates_feedback_without_any_global() {
        let text = "key = \"chantier\"\nlabel_fr = \"Chantier\"\nlabel_en = \"Site\"\n\n[[criterion]]\nkey = \"epi\"\nlabel_fr = \"Port des EPI\"\nlabel_en = \"PPE\"\nhint_fr = \"Casque\"\nhint_en = \"Helmet\"\n";
        let own = parse_set(text).unwrap();
        let clash = parse_set(&text.replace("chantier", "clea")).unwrap();
        let sets = CriteriaSets::new(vec![own, clash]);
        assert!(sets.exists("chantier"));
        assert_eq!(
            sets.all().count(),
            5,
            "the shipped « clea » cannot be replaced"
        );
        assert_eq!(sets.get("clea").unwrap().criteria.len(), 7);
        let mut f = Feedback {
            criteria_set: "chantier".into(),
            strengths: "Soigneux".into(),
            ..Feedback::default()
        };
        f.rate("epi", Some(4));
        assert_eq!(f.completeness(&sets), Completeness::Complete);
        // Without the user's set, the same feedback is judged against the default set.
        assert!(!CriteriaSets::default().exists("chantier"));
        assert_eq!(
            f.completeness(&CriteriaSets::default()),
            Completeness::Partial
        );
    }

    #[test]
    fn completeness_follows_ratings_and_texts() {
        let mut f = Feedback {
            criteria_set: "mrs".into(),
            ..Feedback::default()
        };
        let sets = CriteriaSets::default();
        assert_eq!(f.completeness(&sets), Completeness::Empty);
        f.rate("instructions", Some(3));
        assert_eq!(f.completeness(&sets), Completeness::Partial);
        for k in ["organisation", "attention", "spatial"] {
            f.rate(k, Some(2));
        }
        assert_eq!(
            f.completeness(&sets),
            Completeness::Partial,
            "nothing said yet"
        );
        f.strengths = "Très appliqué".into();
        assert_eq!(f.completeness(&sets), Completeness::Complete);
        f.rate("spatial", None);
        assert_eq!(f.rating("spatial"), None);
        f.rate("spatial", Some(9));
        assert_eq!(f.rating("spatial"), None, "out of range is not a rating");
    }
}

/// Kinds of proposal, in the order the form offers them.
pub const PROPOSAL_KINDS: [&str; 7] = [
    "advice",
    "network",
    "immersion",
    "mentoring",
    "job_offer",
    "training",
    "company_visit",
];

/// Statuses of a proposal.
pub const PROPOSAL_STATUSES: [&str; 5] = ["proposed", "accepted", "in_progress", "done", "dropped"];

/// Something a professional offers a candidate.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Proposal {
    /// Row id (0 before it is stored).
    pub id: Id,
    /// Session where it was made.
    pub session_id: Id,
    /// Candidate.
    pub candidate_id: Id,
    /// The feedback it came with, if any.
    pub feedback_id: Option<Id>,
    /// The professional who offers it.
    pub offered_by: Option<Id>,
    /// Kind code (see [`PROPOSAL_KINDS`]).
    pub kind: String,
    /// One line of detail (« Transports Perrin, 2 semaines en mars »).
    pub detail: String,
    /// Status code (see [`PROPOSAL_STATUSES`]).
    pub status: String,
}

/// A quick note of the staff (Ctrl-N): never in partner exports.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Note {
    /// Session.
    pub session_id: Id,
    /// The candidate it is about, if any.
    pub candidate_id: Option<Id>,
    /// The round of the interview it is about, if any.
    pub round: Option<u32>,
    /// The note.
    pub text: String,
    /// When (local time, ISO).
    pub created_at: String,
}
