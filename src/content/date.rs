//! Publication dates: the forms editors write, read as China Standard Time unless an offset is given.

use chrono::{DateTime, FixedOffset, NaiveDate, NaiveDateTime, TimeZone};

/// UTC+8, Asia/Shanghai (China has no daylight saving time).
pub fn china() -> FixedOffset {
    FixedOffset::east_opt(8 * 3600).expect("valid offset")
}

/// Parses `YYYY-MM-DD`, `YYYY-MM-DD HH:MM[:SS]`, `YYYY-MM-DDTHH:MM[:SS]` (China time) or RFC 3339.
pub fn parse(s: &str) -> Option<DateTime<FixedOffset>> {
    let s = s.trim();
    if let Ok(d) = DateTime::parse_from_rfc3339(s) {
        return Some(d);
    }
    if let Ok(d) = NaiveDate::parse_from_str(s, "%Y-%m-%d") {
        return china()
            .from_local_datetime(&d.and_hms_opt(0, 0, 0)?)
            .single();
    }
    [
        "%Y-%m-%d %H:%M:%S",
        "%Y-%m-%dT%H:%M:%S",
        "%Y-%m-%d %H:%M",
        "%Y-%m-%dT%H:%M",
        "%Y-%m-%dT%H:%M:%S%.f",
    ]
    .iter()
    .find_map(|f| NaiveDateTime::parse_from_str(s, f).ok())
    .and_then(|n| china().from_local_datetime(&n).single())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plain_date_is_midnight_china_time() {
        assert_eq!(
            parse("2024-04-18").unwrap().to_rfc3339(),
            "2024-04-18T00:00:00+08:00"
        );
    }

    #[test]
    fn local_time_is_china_time() {
        assert_eq!(
            parse("2023-02-28 14:39:36").unwrap().to_rfc3339(),
            "2023-02-28T14:39:36+08:00"
        );
        assert_eq!(
            parse("2023-02-28T14:39").unwrap().to_rfc3339(),
            "2023-02-28T14:39:00+08:00"
        );
    }

    #[test]
    fn rfc3339_offset_is_kept() {
        assert_eq!(
            parse("2024-01-02T03:04:05Z").unwrap().to_rfc3339(),
            "2024-01-02T03:04:05+00:00"
        );
    }

    #[test]
    fn impossible_dates_are_rejected() {
        assert!(parse("2024-13-01").is_none());
        assert!(parse("2024-02-30").is_none());
        assert!(parse("昨天").is_none());
    }
}
