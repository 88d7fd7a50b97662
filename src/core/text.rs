//! Text helpers: matching names the way people type them, and keeping stored text clean.

use std::borrow::Cow;

use finl_unicode::categories::CharacterCategories;
use unicode_normalization::UnicodeNormalization;

/// Which line breaks a field may hold.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Lines {
    /// A name, a title, a cell: no line break, no tab.
    Single,
    /// A note or a feedback text: `\n` and `\t` kept, CR and CRLF become `\n`.
    Multi,
}

/// True for a character no stored text keeps: C0/C1 controls (ESC, BEL, DEL, 0x80–0x9F…),
/// format characters (Unicode category Cf: bidi marks, embeddings, overrides and isolates,
/// BOM, zero-width space/joiners, soft hyphen, tags…) and the line/paragraph separators
/// U+2028/U+2029. `\n` and `\t` are allowed only in [`Lines::Multi`]; `\r` never survives
/// (it becomes `\n` in multi-line text).
///
/// The zero-width joiner U+200D is Cf and goes too: an emoji family then shows as its
/// members side by side, a small price for never storing an invisible character.
pub fn is_forbidden(c: char, lines: Lines) -> bool {
    match c {
        '\n' | '\t' => lines == Lines::Single,
        '\u{2028}' | '\u{2029}' => true,
        // Cf from a table (finl_unicode, Unicode 18) rather than a hand list that ages.
        c => c.is_control() || c.is_format(),
    }
}

/// Drops every [`is_forbidden`] character; in multi-line text CRLF and lone CR become `\n`.
/// Only deletions otherwise, so clean text comes back borrowed, unchanged.
pub fn sanitize(text: &str, lines: Lines) -> Cow<'_, str> {
    let Some(first) = text.find(|c| is_forbidden(c, lines)) else {
        return Cow::Borrowed(text);
    };
    let mut out = String::with_capacity(text.len());
    out.push_str(&text[..first]);
    let mut chars = text[first..].chars().peekable();
    while let Some(c) = chars.next() {
        if c == '\r' && lines == Lines::Multi {
            if chars.peek() == Some(&'\n') {
                chars.next();
            }
            out.push('\n');
        } else if !is_forbidden(c, lines) {
            out.push(c);
        }
    }
    Cow::Owned(out)
}

/// [`sanitize`] for a single-line field, owned.
pub fn clean_line(text: &str) -> String {
    sanitize(text, Lines::Single).into_owned()
}

/// [`sanitize`] for a multi-line field, owned.
pub fn clean_lines(text: &str) -> String {
    sanitize(text, Lines::Multi).into_owned()
}

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

/// The non-empty parts, trimmed, joined by « · »: an empty field leaves no dangling dot.
pub fn join_parts<S: AsRef<str>>(parts: impl IntoIterator<Item = S>) -> String {
    let kept: Vec<String> = parts
        .into_iter()
        .map(|p| p.as_ref().trim().to_string())
        .filter(|p| !p.is_empty())
        .collect();
    kept.join(" · ")
}

/// A string's place in French alphabetical order (issue 18): letters first, without case or
/// accents (Œ as OE, Æ as AE, ß as SS; spaces, hyphens and apostrophes ignored); then accents, the
/// plain letter before the accented one; then case, lower before upper; then the text itself, so
/// the order is total.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct SortKey {
    primary: String,
    secondary: Vec<u8>,
    tertiary: Vec<u8>,
    text: String,
}

/// Accent weights in the order French dictionaries use; a ligature comes after every accent.
fn accent_weight(mark: char) -> u8 {
    match mark {
        '\u{301}' => 1, // aigu
        '\u{300}' => 2, // grave
        '\u{302}' => 3, // circonflexe
        '\u{308}' => 4, // tréma
        '\u{327}' => 5, // cédille
        _ => 6,
    }
}

/// The French sort key of `text` (see [`SortKey`]).
pub fn sort_key(text: &str) -> SortKey {
    let mut key = SortKey {
        primary: String::with_capacity(text.len()),
        secondary: Vec::with_capacity(text.len()),
        tertiary: Vec::with_capacity(text.len()),
        text: text.to_string(),
    };
    for c in text.chars() {
        let expansion = match c {
            'Œ' | 'œ' => Some("oe"),
            'Æ' | 'æ' => Some("ae"),
            'ß' => Some("ss"),
            _ => None,
        };
        let upper = u8::from(c.is_uppercase());
        if let Some(letters) = expansion {
            for (i, l) in letters.chars().enumerate() {
                key.primary.push(l);
                // Only the first letter carries the ligature's mark: « oe » then « œ ».
                key.secondary.push(if i == 0 { 7 } else { 0 });
                key.tertiary.push(upper);
            }
            continue;
        }
        let (mut weight, mut base) = (0, None);
        if c.is_ascii() {
            // Nothing to decompose: the sort is on every key press of the lists, keep it cheap.
            base = Some(c);
        } else {
            unicode_normalization::char::decompose_canonical(c, |d| {
                if unicode_normalization::char::is_combining_mark(d) {
                    weight = weight.max(accent_weight(d));
                } else {
                    base = Some(d);
                }
            });
        }
        let Some(base) = base.filter(|b| b.is_alphanumeric()) else {
            continue;
        };
        for l in base.to_lowercase() {
            key.primary.push(l);
            key.secondary.push(weight);
            key.tertiary.push(upper);
        }
    }
    key
}

/// The French order of people: last name, then first name, level by level (see [`SortKey`]).
pub fn name_key(last_name: &str, first_name: &str) -> (String, String, SortKey, SortKey) {
    let (last, first) = (sort_key(last_name), sort_key(first_name));
    (last.primary.clone(), first.primary.clone(), last, first)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn joined_parts_skip_the_empty_ones() {
        assert_eq!(join_parts(["Loïc Mérieux", "", " ", ""]), "Loïc Mérieux");
        assert_eq!(join_parts(["", "SPIP", "", "Vienne"]), "SPIP · Vienne");
        assert_eq!(join_parts(Vec::<String>::new()), "");
    }

    #[test]
    fn names_sort_the_french_way() {
        let mut names = vec![
            "Saïdi",
            "Œuvray",
            "Oeuvray",
            "Zola",
            "élie",
            "Élie",
            "Elie",
            "elie",
            "Éluard",
            "Le Goff",
            "Lefort",
            "N'Guessan",
            "Nguyen",
            "Æbischer",
            "Adam",
        ];
        names.sort_by_cached_key(|n| sort_key(n));
        assert_eq!(
            names,
            [
                "Adam",
                "Æbischer",
                "elie",
                "Elie",
                "élie",
                "Élie",
                "Éluard",
                "Lefort",
                "Le Goff",
                "N'Guessan",
                "Nguyen",
                "Oeuvray",
                "Œuvray",
                "Saïdi",
                "Zola",
            ]
        );
    }

    /// The key as first written (each character decomposed through a string): the reference the
    /// allocation-free key must match.
    fn reference_primary_and_accents(text: &str) -> (String, Vec<u8>) {
        let (mut primary, mut accents) = (String::new(), Vec::new());
        for c in text.chars() {
            if matches!(c, 'Œ' | 'œ' | 'Æ' | 'æ' | 'ß') {
                return (sort_key(text).primary, sort_key(text).secondary);
            }
            let (mut weight, mut base) = (0, None);
            for d in c.to_string().nfd() {
                if unicode_normalization::char::is_combining_mark(d) {
                    weight = weight.max(accent_weight(d));
                } else {
                    base = Some(d);
                }
            }
            if let Some(base) = base.filter(|b| b.is_alphanumeric()) {
                for l in base.to_lowercase() {
                    primary.push(l);
                    accents.push(weight);
                }
            }
        }
        (primary, accents)
    }

    proptest::proptest! {
        /// The fast key (no decomposition of ASCII, no string per character) is the same key.
        #[test]
        fn the_fast_key_is_the_decomposed_key(text in "\\PC{0,12}|[a-zA-Zéèêëçàâïîôùûüÿ Å'ǅﬁ-]{0,12}") {
            let key = sort_key(&text);
            proptest::prop_assert_eq!((key.primary, key.secondary), reference_primary_and_accents(&text));
        }

        /// Sorting gives one order whatever the input order, and only equal texts tie.
        #[test]
        fn the_name_order_is_total_and_stable(
            names in proptest::collection::vec("[a-zA-Zéèêëçàâïîôùûüÿ ŒœÆæß'-]{0,8}", 0..16)
        ) {
            let mut forward = names.clone();
            forward.sort_by_cached_key(|n| sort_key(n));
            let mut backward = names.clone();
            backward.reverse();
            backward.sort_by_cached_key(|n| sort_key(n));
            proptest::prop_assert_eq!(&forward, &backward);
            for a in &names {
                for b in &names {
                    proptest::prop_assert_eq!(sort_key(a) == sort_key(b), a == b);
                }
            }
        }
    }

    #[test]
    fn people_sort_by_last_then_first_name() {
        let mut people = vec![("Saïdi", "Amine"), ("Œuvray", "Zoé"), ("Œuvray", "Ali")];
        people.sort_by_cached_key(|(l, f)| name_key(l, f));
        assert_eq!(
            people,
            [("Œuvray", "Ali"), ("Œuvray", "Zoé"), ("Saïdi", "Amine")]
        );
    }

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

    /// Every character the issue names, plus a few of each family.
    const HOSTILE: &[char] = &[
        '\u{1b}',
        '\u{7}',
        '\u{0}',
        '\u{7f}',
        '\u{80}',
        '\u{9b}',
        '\u{9f}',
        '\u{202a}',
        '\u{202b}',
        '\u{202c}',
        '\u{202d}',
        '\u{202e}',
        '\u{2066}',
        '\u{2067}',
        '\u{2068}',
        '\u{2069}',
        '\u{200e}',
        '\u{200f}',
        '\u{61c}',
        '\u{feff}',
        '\u{200b}',
        '\u{200c}',
        '\u{200d}',
        '\u{2060}',
        '\u{2061}',
        '\u{2062}',
        '\u{2063}',
        '\u{2064}',
        '\u{ad}',
        '\u{2028}',
        '\u{2029}',
        '\u{e0041}',
        '\u{fff9}',
    ];

    #[test]
    fn hostile_characters_are_forbidden_everywhere() {
        for &c in HOSTILE {
            assert!(is_forbidden(c, Lines::Single), "{:04x}", c as u32);
            assert!(is_forbidden(c, Lines::Multi), "{:04x}", c as u32);
        }
        assert!(is_forbidden('\r', Lines::Multi));
        assert!(is_forbidden('\n', Lines::Single) && !is_forbidden('\n', Lines::Multi));
        assert!(is_forbidden('\t', Lines::Single) && !is_forbidden('\t', Lines::Multi));
    }

    #[test]
    fn terminal_attacks_lose_their_escape_only() {
        let osc0 = "Jean\u{1b}]0;pwned\u{7}";
        assert_eq!(sanitize(osc0, Lines::Single), "Jean]0;pwned");
        assert_eq!(sanitize("A\u{1b}[2JB\u{9b}31m", Lines::Single), "A[2JB31m");
        assert_eq!(sanitize("abc\u{202e}fed", Lines::Single), "abcfed");
        assert_eq!(sanitize("Mo\u{feff}ussa", Lines::Single), "Moussa");
    }

    #[test]
    fn multi_line_keeps_breaks_and_normalises_cr() {
        assert_eq!(sanitize("a\r\nb\rc\n\td", Lines::Multi), "a\nb\nc\n\td");
        assert_eq!(sanitize("a\r\nb\tc", Lines::Single), "abc");
    }

    #[test]
    fn emoji_accents_and_combining_marks_stay() {
        for s in [
            "Éloïse N’Guessan",
            "e\u{301}le\u{300}ve",
            "👍🏽 très bien ✨",
            "❤\u{fe0f}",
            "Ωμέγα — « ok » 100 €",
            "محمد",
        ] {
            assert!(
                matches!(sanitize(s, Lines::Single), Cow::Borrowed(_)),
                "{s}"
            );
        }
        // The joiner goes: the family shows as its members.
        assert_eq!(sanitize("👩\u{200d}👧", Lines::Single), "👩👧");
    }

    fn normalise_cr(s: &str) -> String {
        s.replace("\r\n", "\n").replace('\r', "\n")
    }

    fn is_subsequence(small: &str, big: &str) -> bool {
        let mut big = big.chars();
        small.chars().all(|c| big.any(|b| b == c))
    }

    use proptest::prelude::*;

    fn any_text() -> impl Strategy<Value = String> {
        // Arbitrary Unicode, plus a strong dose of the characters that matter here.
        let hostile = proptest::sample::select(
            HOSTILE
                .iter()
                .copied()
                .chain(['\n', '\r', '\t', 'a', 'é', '👍'])
                .collect::<Vec<_>>(),
        );
        proptest::collection::vec(prop_oneof![any::<char>(), hostile], 0..40)
            .prop_map(|v| v.into_iter().collect())
    }

    proptest! {
        #[test]
        fn sanitize_properties(s in any_text(), multi in any::<bool>()) {
            let lines = if multi { Lines::Multi } else { Lines::Single };
            let out = sanitize(&s, lines);
            prop_assert!(!out.chars().any(|c| is_forbidden(c, lines)));
            let again = sanitize(&out, lines);
            prop_assert_eq!(again.as_ref(), out.as_ref());
            if !s.chars().any(|c| is_forbidden(c, lines)) {
                prop_assert!(matches!(out, Cow::Borrowed(_)));
                prop_assert_eq!(out.as_ref(), s.as_str());
            }
            let reference = if multi { normalise_cr(&s) } else { s.clone() };
            prop_assert!(is_subsequence(&out, &reference));
        }
    }
}
