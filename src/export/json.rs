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
    // Serialising plain structs cannot fail; an empty object would be the visible sign if it did.
    let mut text = serde_json::to_string_pretty(&doc).unwrap_or_else(|_| "{}".into());
    text.push('\n');
    text
}
