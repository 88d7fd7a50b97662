//! Dates as French users type them.

use chrono::NaiveDate;

/// Parses `15/10/2026`, `15/10/26`, `5/3/27`, `2026-10-15` (also with `.` or `-` between day-first parts).
pub fn parse_date(text: &str) -> Option<NaiveDate> {
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
}
