//! JSON: the whole summary with a schema version (documented in the README).

use chrono::NaiveDateTime;
use serde::Serialize;

use crate::core::summary::Summary;
use crate::i18n::{Lang, Tr};

/// Bumped when a field changes meaning or disappears (adding fields keeps it).
pub const SCHEMA_VERSION: u32 = 1;

#[derive(Serialize)]
struct Document<'a> {
    schema_version: u32,
    generator: &'static str,
    generated_at: String,
    lang: &'static str,
    #[serde(flatten)]
    summary: &'a Summary,
}

/// Renders the summary.
pub fn render(s: &Summary, tr: Tr, generated: NaiveDateTime) -> String {
    let doc = Document {
        schema_version: SCHEMA_VERSION,
        generator: concat!("passerelle ", env!("CARGO_PKG_VERSION")),
        generated_at: generated.format("%Y-%m-%dT%H:%M:%S").to_string(),
        lang: if tr.lang == Lang::En { "en" } else { "fr" },
        summary: s,
    };
    let mut text = to_clean_json(&doc);
    text.push('\n');
    text
}

/// Pretty JSON whose strings hold no control, bidi or format character: serde escapes C0 but
/// writes C1, bidi overrides and zero-width characters raw, so every string goes through the
/// same rule as stored text (`\n` and `\t` kept, escaped). Key order is the serializer's.
pub fn to_clean_json<T: Serialize + ?Sized>(value: &T) -> String {
    let mut out = Vec::new();
    let mut ser = serde_json::Serializer::with_formatter(&mut out, CleanFormatter::default());
    // Serialising plain structs cannot fail; an empty object would be the visible sign if it did.
    if value.serialize(&mut ser).is_err() {
        return "{}".into();
    }
    String::from_utf8(out).unwrap_or_else(|_| "{}".into())
}

/// serde_json's pretty layout, with strings filtered.
#[derive(Default)]
struct CleanFormatter(serde_json::ser::PrettyFormatter<'static>);

macro_rules! delegate {
    ($($name:ident($($arg:ident: $ty:ty),*);)*) => {
        $(fn $name<W: ?Sized + std::io::Write>(&mut self, w: &mut W $(, $arg: $ty)*) -> std::io::Result<()> {
            self.0.$name(w $(, $arg)*)
        })*
    };
}

impl serde_json::ser::Formatter for CleanFormatter {
    delegate! {
        begin_array();
        end_array();
        begin_array_value(first: bool);
        end_array_value();
        begin_object();
        end_object();
        begin_object_key(first: bool);
        end_object_key();
        begin_object_value();
        end_object_value();
    }

    fn write_string_fragment<W: ?Sized + std::io::Write>(
        &mut self,
        w: &mut W,
        fragment: &str,
    ) -> std::io::Result<()> {
        let clean = crate::core::text::sanitize(fragment, crate::core::text::Lines::Multi);
        w.write_all(clean.as_bytes())
    }

    fn write_char_escape<W: ?Sized + std::io::Write>(
        &mut self,
        w: &mut W,
        escape: serde_json::ser::CharEscape,
    ) -> std::io::Result<()> {
        use serde_json::ser::CharEscape::*;
        let text: &[u8] = match escape {
            Quote => b"\\\"",
            ReverseSolidus => b"\\\\",
            Solidus => b"\\/",
            LineFeed => b"\\n",
            Tab => b"\\t",
            // Backspace, form feed, CR and other C0 controls: dropped like everywhere else.
            _ => b"",
        };
        w.write_all(text)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn strings_lose_controls_bidi_and_format_characters_even_escaped() {
        let v = serde_json::json!({
            "n\u{202e}ame": "a\u{1b}]0;t\u{7}b\u{9b}c\u{feff}d\r\ne\tf\u{8}\u{c}",
        });
        let text = to_clean_json(&v);
        assert_eq!(text, "{\n  \"name\": \"a]0;tbcd\\ne\\tf\"\n}");
        let back: serde_json::Value = serde_json::from_str(&text).unwrap();
        assert_eq!(back["name"], "a]0;tbcd\ne\tf");
    }
}
