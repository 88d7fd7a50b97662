//! Text helpers: matching names the way people type them.

use unicode_normalization::UnicodeNormalization;

/// Lower-case, accents removed, spaces folded: « Éloïse  N'Guessan » → « eloise n'guessan ».
pub fn fold(text: &str) -> String {
    let stripped: String = text
        .nfd()
        .filter(|c| !unicode_normalization::char::is_combining_mark(*c))
        .collect();
    let lower = stripped.to_lowercase().replace(['’', '‘'], "'");
    lower.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// True when every word of `query` starts a word of `text`, ignoring case and accents
/// (so « yan b » finds « Yanis Benali »).
pub fn matches_name(text: &str, query: &str) -> bool {
    let text = fold(text);
    let words: Vec<&str> = text.split([' ', '-', '\'']).collect();
    fold(query)
        .split_whitespace()
        .all(|q| words.iter().any(|w| w.starts_with(q)) || text.contains(q))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folds_accents_case_and_spaces() {
        assert_eq!(fold("  Éloïse   N’Guessan "), "eloise n'guessan");
        assert_eq!(fold("Œuvre"), "œuvre");
    }

    #[test]
    fn name_matching_is_forgiving() {
        assert!(matches_name("Yanis Benali", "yan b"));
        assert!(matches_name("Éloïse N'Guessan", "guess"));
        assert!(matches_name("Mehdi Kaci", ""));
        assert!(!matches_name("Mehdi Kaci", "yanis"));
    }
}
