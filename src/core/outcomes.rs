//! Outcome categories (« sorties »): groups of categories read from TOML (assets/outcomes/*.toml),
//! shipped or a network's own, held as a value and passed in (no global).

use serde::{Deserialize, Serialize};

/// One outcome category, e.g. « CDI ».
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct OutcomeCategory {
    /// Stable key, stored with the outcome.
    pub key: String,
    /// French label.
    pub label_fr: String,
    /// English label.
    pub label_en: String,
}

/// A group of categories counted together, e.g. « Emploi durable ».
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct OutcomeGroup {
    /// Stable key.
    pub key: String,
    /// French label.
    pub label_fr: String,
    /// English label.
    pub label_en: String,
    /// Its categories, in order.
    #[serde(rename = "category", default)]
    pub categories: Vec<OutcomeCategory>,
}

/// A set of outcome categories (one TOML file).
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct OutcomeSet {
    /// Stable key.
    pub key: String,
    /// French name.
    pub label_fr: String,
    /// English name.
    pub label_en: String,
    /// « Sorties positives » are the first this many groups (a setting of the file; when left
    /// out, the first three, or all when there are fewer).
    #[serde(default = "unset")]
    pub positive_groups: usize,
    /// Groups, in order.
    #[serde(rename = "group", default)]
    pub groups: Vec<OutcomeGroup>,
}

fn unset() -> usize {
    usize::MAX
}

/// Why an outcome file was refused; the catalog key `followup.set_error.*` says it to the user.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum OutcomeSetError {
    /// Not TOML, or fields missing or unknown (the parser's own words, with line and column).
    Syntax(String),
    /// The set or a group or category has an empty key.
    EmptyKey,
    /// No `[[group]]`.
    NoGroup,
    /// A group without any `[[group.category]]`.
    EmptyGroup(String),
    /// Two categories share a key.
    DuplicateCategory(String),
    /// `positive_groups` is larger than the number of groups.
    TooManyPositive {
        /// What the file says.
        given: usize,
        /// How many groups it has.
        groups: usize,
    },
}

impl OutcomeSetError {
    /// Catalog key of the sentence.
    pub fn key(&self) -> &'static str {
        match self {
            OutcomeSetError::Syntax(_) => "followup.set_error.syntax",
            OutcomeSetError::EmptyKey => "followup.set_error.empty_key",
            OutcomeSetError::NoGroup => "followup.set_error.no_group",
            OutcomeSetError::EmptyGroup(_) => "followup.set_error.empty_group",
            OutcomeSetError::DuplicateCategory(_) => "followup.set_error.duplicate",
            OutcomeSetError::TooManyPositive { .. } => "followup.set_error.positive",
        }
    }

    /// The detail the sentence names (`{detail}`).
    pub fn detail(&self) -> String {
        match self {
            OutcomeSetError::Syntax(s)
            | OutcomeSetError::EmptyGroup(s)
            | OutcomeSetError::DuplicateCategory(s) => s.clone(),
            OutcomeSetError::TooManyPositive { given, groups } => format!("{given} > {groups}"),
            OutcomeSetError::EmptyKey | OutcomeSetError::NoGroup => String::new(),
        }
    }
}

/// Reads an outcome set (the layout of assets/outcomes/default.toml).
pub fn parse_outcome_set(text: &str) -> Result<OutcomeSet, OutcomeSetError> {
    let mut set: OutcomeSet = toml::from_str(text).map_err(|e| syntax(text, &e))?;
    if set.key.trim().is_empty() {
        return Err(OutcomeSetError::EmptyKey);
    }
    if set.groups.is_empty() {
        return Err(OutcomeSetError::NoGroup);
    }
    let mut seen: Vec<&str> = Vec::new();
    for g in &set.groups {
        if g.key.trim().is_empty() {
            return Err(OutcomeSetError::EmptyKey);
        }
        if g.categories.is_empty() {
            return Err(OutcomeSetError::EmptyGroup(g.key.clone()));
        }
        for c in &g.categories {
            if c.key.trim().is_empty() {
                return Err(OutcomeSetError::EmptyKey);
            }
            if seen.contains(&c.key.as_str()) {
                return Err(OutcomeSetError::DuplicateCategory(c.key.clone()));
            }
            seen.push(&c.key);
        }
    }
    if set.positive_groups == unset() {
        set.positive_groups = set.groups.len().min(3);
    }
    if set.positive_groups > set.groups.len() {
        return Err(OutcomeSetError::TooManyPositive {
            given: set.positive_groups,
            groups: set.groups.len(),
        });
    }
    Ok(set)
}

/// The parser's complaint on one line, « 3: unknown field `colour` … » (its own multi-line
/// rendering would not fit one sentence).
fn syntax(text: &str, e: &toml::de::Error) -> OutcomeSetError {
    let line = e
        .span()
        .and_then(|s| text.get(..s.start))
        .map_or(1, |before| before.matches('\n').count() + 1);
    let message = e.message().split_whitespace().collect::<Vec<_>>().join(" ");
    OutcomeSetError::Syntax(format!("{line}: {message}"))
}

/// The shipped default file.
pub const DEFAULT_SOURCE: &str = include_str!("../../assets/outcomes/default.toml");

impl OutcomeSet {
    /// The shipped default set (« sorties dynamiques »); a test checks that it parses.
    pub fn shipped() -> OutcomeSet {
        parse_outcome_set(DEFAULT_SOURCE).unwrap_or_else(|_| OutcomeSet {
            key: "sorties_dynamiques".into(),
            label_fr: String::new(),
            label_en: String::new(),
            positive_groups: 0,
            groups: Vec::new(),
        })
    }

    /// Every category, in order, with the index of its group.
    pub fn categories(&self) -> impl Iterator<Item = (usize, &OutcomeCategory)> {
        self.groups
            .iter()
            .enumerate()
            .flat_map(|(i, g)| g.categories.iter().map(move |c| (i, c)))
    }

    /// A category by key.
    pub fn category(&self, key: &str) -> Option<&OutcomeCategory> {
        self.categories().map(|(_, c)| c).find(|c| c.key == key)
    }

    /// The group a category belongs to.
    pub fn group_of(&self, key: &str) -> Option<&OutcomeGroup> {
        self.categories()
            .find(|(_, c)| c.key == key)
            .and_then(|(i, _)| self.groups.get(i))
    }

    /// True when the category counts as a « sortie positive » (one of the first groups).
    pub fn is_positive(&self, key: &str) -> bool {
        self.categories()
            .any(|(i, c)| c.key == key && i < self.positive_groups)
    }

    /// Counts per group of the given category keys (unknown keys are left out), in group order.
    pub fn count_by_group<'a>(
        &'a self,
        keys: impl IntoIterator<Item = &'a str>,
    ) -> Vec<(&'a OutcomeGroup, usize)> {
        let mut counts = vec![0usize; self.groups.len()];
        for k in keys {
            if let Some((i, _)) = self.categories().find(|(_, c)| c.key == k) {
                counts[i] += 1;
            }
        }
        self.groups.iter().zip(counts).collect()
    }
}

impl Default for OutcomeSet {
    fn default() -> Self {
        OutcomeSet::shipped()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_shipped_set_parses_with_the_default_groups() {
        let set = parse_outcome_set(DEFAULT_SOURCE).expect("default.toml parses");
        let groups: Vec<&str> = set.groups.iter().map(|g| g.key.as_str()).collect();
        assert_eq!(
            groups,
            [
                "lasting_job",
                "transition_job",
                "positive_exit",
                "immersion",
                "searching",
                "no_news",
                "reincarcerated"
            ]
        );
        assert_eq!(set.positive_groups, 3);
        assert!(set.is_positive("cdi") && set.is_positive("iae"));
        assert!(!set.is_positive("immersion") && !set.is_positive("unknown"));
        assert_eq!(
            set.group_of("work_study").map(|g| g.key.as_str()),
            Some("positive_exit")
        );
    }

    #[test]
    fn counts_go_by_group_and_unknown_keys_are_left_out() {
        let set = OutcomeSet::shipped();
        let counts = set.count_by_group(["cdi", "long_fixed_term", "searching", "gone"]);
        assert_eq!(counts[0].1, 2);
        assert_eq!(counts[4].1, 1);
        assert_eq!(counts.iter().map(|c| c.1).sum::<usize>(), 3);
    }

    #[test]
    fn bad_files_say_what_is_wrong() {
        let e = parse_outcome_set("not toml [").unwrap_err();
        assert!(matches!(e, OutcomeSetError::Syntax(_)), "{e:?}");
        assert_eq!(e.key(), "followup.set_error.syntax");
        let e = parse_outcome_set("key = \"x\"\nlabel_fr = \"x\"\nlabel_en = \"x\"").unwrap_err();
        assert_eq!(e, OutcomeSetError::NoGroup);
        let head = "key = \"x\"\nlabel_fr = \"x\"\nlabel_en = \"x\"\n";
        let empty_group =
            format!("{head}[[group]]\nkey = \"g\"\nlabel_fr = \"G\"\nlabel_en = \"G\"\n");
        assert_eq!(
            parse_outcome_set(&empty_group).unwrap_err(),
            OutcomeSetError::EmptyGroup("g".into())
        );
        let cat = "[[group.category]]\nkey = \"c\"\nlabel_fr = \"C\"\nlabel_en = \"C\"\n";
        let dup = format!("{empty_group}{cat}{cat}");
        assert_eq!(
            parse_outcome_set(&dup).unwrap_err(),
            OutcomeSetError::DuplicateCategory("c".into())
        );
        let positive = format!("positive_groups = 2\n{empty_group}{cat}");
        let e = parse_outcome_set(&positive).unwrap_err();
        assert_eq!(
            e,
            OutcomeSetError::TooManyPositive {
                given: 2,
                groups: 1
            }
        );
        assert_eq!(e.detail(), "2 > 1");
        let unknown = format!("{empty_group}{cat}colour = \"red\"\n");
        assert!(matches!(
            parse_outcome_set(&unknown).unwrap_err(),
            OutcomeSetError::Syntax(s) if s.contains("colour") && s.starts_with("12: ") && !s.contains('\n')
        ));
        let blank = format!(
            "{}{cat}",
            empty_group.replacen("key = \"x\"", "key = \" \"", 1)
        );
        assert_eq!(
            parse_outcome_set(&blank).unwrap_err(),
            OutcomeSetError::EmptyKey
        );
        assert!(parse_outcome_set(&format!("{empty_group}{cat}")).is_ok());
    }
}
