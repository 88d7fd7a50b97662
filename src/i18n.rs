//! Translations: every user-visible string comes from `assets/i18n/{fr,en}.toml`, compiled in.

use std::collections::HashMap;
use std::fmt::Display;
use std::sync::OnceLock;

use chrono::{Datelike, NaiveDate};

/// A user interface language.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Lang {
    /// French, the default: the users are French-speaking.
    #[default]
    Fr,
    /// English.
    En,
}

impl Lang {
    /// Parses `fr` / `en` (case-insensitive).
    pub fn parse(code: &str) -> Option<Lang> {
        match code.trim().to_ascii_lowercase().as_str() {
            "fr" | "fr_fr" | "français" | "francais" => Some(Lang::Fr),
            "en" | "en_gb" | "en_us" | "english" => Some(Lang::En),
            _ => None,
        }
    }
}

/// The raw catalog texts, as shipped.
pub const SOURCES: [(Lang, &str); 2] = [
    (Lang::Fr, include_str!("../assets/i18n/fr.toml")),
    (Lang::En, include_str!("../assets/i18n/en.toml")),
];

/// A flat key → text map.
#[derive(Debug, Default)]
pub struct Catalog {
    texts: HashMap<String, String>,
}

impl Catalog {
    /// Parses a TOML catalog, flattening tables into dotted keys.
    pub fn parse(source: &str) -> Result<Catalog, toml::de::Error> {
        let table: toml::Table = toml::from_str(source)?;
        let mut texts = HashMap::new();
        flatten("", &table, &mut texts);
        Ok(Catalog { texts })
    }

    /// All keys, for the completeness tests.
    pub fn keys(&self) -> impl Iterator<Item = &str> {
        self.texts.keys().map(String::as_str)
    }

    /// The text of a key.
    pub fn get(&self, key: &str) -> Option<&str> {
        self.texts.get(key).map(String::as_str)
    }
}

fn flatten(prefix: &str, table: &toml::Table, out: &mut HashMap<String, String>) {
    for (k, v) in table {
        let key = if prefix.is_empty() {
            k.clone()
        } else {
            format!("{prefix}.{k}")
        };
        match v {
            toml::Value::Table(t) => flatten(&key, t, out),
            toml::Value::String(s) => {
                out.insert(key, s.clone());
            }
            other => {
                out.insert(key, other.to_string());
            }
        }
    }
}

fn catalog(lang: Lang) -> &'static Catalog {
    static FR: OnceLock<Catalog> = OnceLock::new();
    static EN: OnceLock<Catalog> = OnceLock::new();
    let (cell, source) = match lang {
        Lang::Fr => (&FR, SOURCES[0].1),
        Lang::En => (&EN, SOURCES[1].1),
    };
    // The catalogs are compiled in and parsed by a test; an empty one would show keys, not crash.
    cell.get_or_init(|| Catalog::parse(source).unwrap_or_default())
}

/// The translator handed to every piece of code that shows text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Tr {
    /// The language in use.
    pub lang: Lang,
}

impl Tr {
    /// The French or the English of a text that carries both (criteria sets from files, which
    /// are not in the catalogs).
    pub fn pick<'a>(self, fr: &'a str, en: &'a str) -> &'a str {
        match self.lang {
            Lang::Fr => fr,
            Lang::En => en,
        }
    }

    /// A translator for `lang`.
    pub fn new(lang: Lang) -> Tr {
        Tr { lang }
    }

    /// The text of `key`; the key itself when missing (a test keeps that from shipping).
    pub fn t(self, key: &str) -> &'static str {
        match catalog(self.lang).get(key) {
            Some(text) => text,
            None => catalog(Lang::Fr).get(key).unwrap_or("⟨?⟩"),
        }
    }

    /// The text of `key` with `{name}` placeholders filled; the values lose any control or
    /// format character (a name or an error that echoes a file never reaches a terminal raw).
    pub fn tf(self, key: &str, args: &[(&str, &dyn Display)]) -> String {
        let mut text = self.t(key).to_string();
        for (name, value) in args {
            let value = value.to_string();
            let value = crate::core::text::sanitize(&value, crate::core::text::Lines::Multi);
            let slot = format!("{{{name}}}");
            // A value that ends a sentence (an error, « Sté. ») takes the message's full stop.
            if value.ends_with('.') {
                text = text.replace(&format!("{slot}."), &slot);
            }
            text = text.replace(&slot, &value);
        }
        text
    }

    /// Like [`Tr::tf`], with `KEY_one` when `n` is singular (French: 0 and 1; English: 1), the
    /// plural `KEY` otherwise or when the catalog has no singular.
    pub fn tn(self, key: &str, n: i64, args: &[(&str, &dyn Display)]) -> String {
        let singular = match self.lang {
            Lang::Fr => n <= 1,
            Lang::En => n == 1,
        };
        let one = format!("{key}_one");
        if singular && catalog(self.lang).get(&one).is_some() {
            self.tf(&one, args)
        } else {
            self.tf(key, args)
        }
    }

    /// « jeu. 15 oct. » / « Thu 15 Oct ».
    pub fn date_short(self, d: NaiveDate) -> String {
        let wd = self.t(&format!("date.wd{}", d.weekday().num_days_from_monday()));
        let mon = self.t(&format!("date.mon{}", d.month()));
        match self.lang {
            Lang::Fr => format!("{wd} {} {mon}", d.day()),
            Lang::En => format!("{wd} {} {mon}", d.day()),
        }
    }

    /// « 15/10/2026 » / « 15/10/2026 » (the day-first order both audiences use in France).
    pub fn date_numeric(self, d: NaiveDate) -> String {
        d.format("%d/%m/%Y").to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn both_catalogs_parse_and_have_the_same_keys() {
        let fr = Catalog::parse(SOURCES[0].1).expect("fr.toml parses");
        let en = Catalog::parse(SOURCES[1].1).expect("en.toml parses");
        let mut missing: Vec<String> = Vec::new();
        for k in fr.keys() {
            if en.get(k).is_none() {
                missing.push(format!("en lacks {k}"));
            }
        }
        for k in en.keys() {
            if fr.get(k).is_none() {
                missing.push(format!("fr lacks {k}"));
            }
        }
        missing.sort();
        assert!(missing.is_empty(), "{missing:#?}");
    }

    #[test]
    fn placeholders_are_filled() {
        let tr = Tr::new(Lang::Fr);
        let s = tr.tf("att.count_candidate", &[("came", &3), ("listed", &10)]);
        assert!(s.contains('3') && s.contains("10"), "{s}");
    }

    #[test]
    fn french_dates() {
        let d = NaiveDate::from_ymd_opt(2026, 10, 15).unwrap();
        assert_eq!(Tr::new(Lang::Fr).date_short(d), "jeu. 15 oct.");
        assert_eq!(Tr::new(Lang::En).date_short(d), "Thu 15 Oct");
    }

    #[test]
    fn lang_codes() {
        assert_eq!(Lang::parse("EN"), Some(Lang::En));
        assert_eq!(Lang::parse("fr"), Some(Lang::Fr));
        assert_eq!(Lang::parse("de"), None);
    }
}
