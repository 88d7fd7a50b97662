//! Dates as French users type them.

use chrono::NaiveDate;

/// First year a date may have: anything earlier is a typing slip (01/01/0000), not a programme date.
pub const FIRST_YEAR: i32 = 2000;
/// Last year a date may have.
pub const LAST_YEAR: i32 = 2100;

/// Parses `15/10/2026`, `15/10/26`, `5/3/27`, `2026-10-15` (also with `.` or `-` between day-first
/// parts); years outside [`FIRST_YEAR`]–[`LAST_YEAR`] are refused.
pub fn parse_date(text: &str) -> Option<NaiveDate> {
    parse_any_year(text).filter(|d| (FIRST_YEAR..=LAST_YEAR).contains(&chrono::Datelike::year(d)))
}

fn parse_any_year(text: &str) -> Option<NaiveDate> {
    let t = text.trim();
    if t.is_empty() {
        return None;
    }
    if let Ok(d) = NaiveDate::parse_from_str(t, "%Y-%m-%d") {
        return Some(d);
    }
    let parts: Vec<&str> = t.split(['/', '.', '-']).collect();
    let [d, m, y] = parts.as_slice() else {
        return None;
    };
    let day: u32 = d.trim().parse().ok()?;
    let month: u32 = m.trim().parse().ok()?;
    let y = y.trim();
    let year: i32 = match y.len() {
        2 => 2000 + y.parse::<i32>().ok()?,
        4 => y.parse().ok()?,
        _ => return None,
    };
    NaiveDate::from_ymd_opt(year, month, day)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> Option<NaiveDate> {
        NaiveDate::from_ymd_opt(y, m, day)
    }

    #[test]
    fn french_and_iso_dates() {
        assert_eq!(parse_date("15/10/2026"), d(2026, 10, 15));
        assert_eq!(parse_date("5/3/27"), d(2027, 3, 5));
        assert_eq!(parse_date(" 2026-10-15 "), d(2026, 10, 15));
        assert_eq!(parse_date("15.10.2026"), d(2026, 10, 15));
        assert_eq!(parse_date("31/02/2026"), None);
        assert_eq!(parse_date("15/10"), None);
        assert_eq!(parse_date("demain"), None);
        assert_eq!(parse_date("15/10/202"), None);
        assert_eq!(parse_date(""), None);
    }

    #[test]
    fn years_outside_the_programme_range_are_refused() {
        assert_eq!(parse_date("01/01/0000"), None);
        assert_eq!(parse_date("0000-01-01"), None);
        assert_eq!(parse_date("31/12/1999"), None);
        assert_eq!(parse_date("01/01/2101"), None);
        assert_eq!(parse_date("01/01/2000"), d(2000, 1, 1));
        assert_eq!(parse_date("31/12/2100"), d(2100, 12, 31));
    }
}
