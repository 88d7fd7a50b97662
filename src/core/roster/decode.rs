//! Bytes to text: which encoding a spreadsheet wrote, and which separator it used.

use super::*;

/// Decodes bytes to text, telling which encoding it was.
pub fn decode(bytes: &[u8]) -> Result<(String, Encoding), RosterError> {
    if bytes.len() > MAX_FILE_BYTES {
        return Err(RosterError::TooLarge(bytes.len()));
    }
    for (bom, codec, encoding) in [
        ([0xFF, 0xFE], encoding_rs::UTF_16LE, Encoding::Utf16Le),
        ([0xFE, 0xFF], encoding_rs::UTF_16BE, Encoding::Utf16Be),
    ] {
        if let Some(rest) = bytes.strip_prefix(&bom) {
            let (text, bad) = codec.decode_without_bom_handling(rest);
            if bad || rest.len() % 2 != 0 {
                return Err(RosterError::Binary);
            }
            return Ok((text.into_owned(), encoding));
        }
    }
    let (body, encoding) = match bytes.strip_prefix(&[0xEF, 0xBB, 0xBF]) {
        Some(rest) => (rest, Encoding::Utf8Bom),
        None => (bytes, Encoding::Utf8),
    };
    if body.contains(&0) {
        return Err(RosterError::Binary);
    }
    let (text, encoding) = match std::str::from_utf8(body) {
        Ok(t) => (t.to_string(), encoding),
        // Not UTF-8: what French Windows writes is Windows-1252 (a superset of Latin-1 for text).
        Err(_) => (
            encoding_rs::WINDOWS_1252
                .decode_without_bom_handling(body)
                .0
                .into_owned(),
            Encoding::Windows1252,
        ),
    };
    // Binary data (a spreadsheet's .xlsx, an image) is about one control character in ten and
    // almost always holds NUL bytes; text with a few hostile cells is read, and every cell is
    // sanitized, so a threshold here only tells a wrong file from a CSV, it guards nothing.
    let controls = text
        .chars()
        .filter(|c| c.is_control() && !matches!(c, '\n' | '\r' | '\t'))
        .count();
    if controls > 0 && controls * 100 >= BINARY_CONTROL_PERCENT * text.chars().count().max(1) {
        return Err(RosterError::Binary);
    }
    Ok((text, encoding))
}

/// The separator of the header line: the most frequent of `;`, tab and `,` outside quotes.
pub fn sniff_separator(text: &str) -> char {
    let header = text.lines().find(|l| !l.trim().is_empty()).unwrap_or("");
    let mut counts = [(';', 0usize), ('\t', 0), (',', 0)];
    let mut quoted = false;
    for c in header.chars() {
        if c == '"' {
            quoted = !quoted;
        } else if !quoted {
            for (sep, n) in counts.iter_mut() {
                if c == *sep {
                    *n += 1;
                }
            }
        }
    }
    // Ties favour `;`: French Excel's choice, and commas appear inside French text.
    counts
        .iter()
        .max_by_key(|(_, n)| *n)
        .filter(|(_, n)| *n > 0)
        .map(|(c, _)| *c)
        .unwrap_or(';')
}
