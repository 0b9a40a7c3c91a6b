//! Timestamps as people read them. Stored times are Unix milliseconds (UTC); pages show them
//! as `YYYY-MM-DD HH:MM UTC`, the same on the server and in the browser (no time-zone guess
//! that could make the hydrated page differ from the server's).

/// `2026-11-26 20:31 UTC` for a Unix-millisecond timestamp.
pub fn format_utc(ms: i64) -> String {
    let secs = ms.div_euclid(1000);
    let days = secs.div_euclid(86_400);
    let rem = secs.rem_euclid(86_400);
    let (y, m, d) = civil_from_days(days);
    format!("{y:04}-{m:02}-{d:02} {:02}:{:02} UTC", rem / 3600, (rem % 3600) / 60)
}

/// `2026-11-26` for a day number (days since 1970-01-01, UTC).
pub fn format_day(day: i64) -> String {
    let (y, m, d) = civil_from_days(day);
    format!("{y:04}-{m:02}-{d:02}")
}

/// Days since 1970-01-01 to a proleptic Gregorian (year, month, day) (H. Hinnant's algorithm).
fn civil_from_days(z: i64) -> (i64, u32, u32) {
    let z = z + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let m = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    let y = yoe + era * 400 + i64::from(m <= 2);
    (y, m, d)
}

/// A `YYYY-MM-DD` date as days since 1970-01-01 (the inverse of the calendar above); `None`
/// for anything that is not a real date.
pub fn day_number(date: &str) -> Option<i64> {
    let mut parts = date.trim().splitn(3, '-');
    let y: i64 = parts.next()?.parse().ok()?;
    let m: u32 = parts.next()?.parse().ok()?;
    let d: u32 = parts.next()?.parse().ok()?;
    if !(1..=12).contains(&m) || d == 0 || d > 31 || !(1900..=9999).contains(&y) {
        return None;
    }
    let yy = if m <= 2 { y - 1 } else { y };
    let era = yy.div_euclid(400);
    let yoe = yy - era * 400;
    let mp = i64::from(if m > 2 { m - 3 } else { m + 9 });
    let doy = (153 * mp + 2) / 5 + i64::from(d) - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    let days = era * 146_097 + doe - 719_468;
    // 31 February and the like come back as another date: refuse them
    (civil_from_days(days) == (y, m, d)).then_some(days)
}

/// The calendar year (UTC) of a Unix-millisecond timestamp.
pub fn year_of(ms: i64) -> i64 {
    civil_from_days(day_of(ms)).0
}

/// Today as days since 1970-01-01 (UTC), from a timestamp in milliseconds.
pub fn day_of(ms: i64) -> i64 {
    ms.div_euclid(86_400_000)
}

#[cfg(test)]
mod tests {
    use super::{civil_from_days, day_number, format_utc};

    #[test]
    fn dates_round_trip_through_day_numbers() {
        assert_eq!(day_number("1970-01-01"), Some(0));
        assert_eq!(super::format_day(0), "1970-01-01");
        assert_eq!(day_number(&super::format_day(20_419)), Some(20_419));
        assert_eq!(day_number("2000-02-29"), Some(11_016));
        for day in (-800..40_000).step_by(7) {
            let (y, m, d) = civil_from_days(day);
            assert_eq!(day_number(&format!("{y:04}-{m:02}-{d:02}")), Some(day));
        }
        for bad in ["2026-02-30", "2026-13-01", "26-1-1x", "", "2026-00-10", "2025-02-29"] {
            assert_eq!(day_number(bad), None, "{bad}");
        }
    }

    #[test]
    fn timestamps_are_shown_as_utc_dates_and_times() {
        assert_eq!(format_utc(0), "1970-01-01 00:00 UTC");
        assert_eq!(format_utc(1_795_725_060_000), "2026-11-26 20:31 UTC");
        assert_eq!(format_utc(951_782_400_000), "2000-02-29 00:00 UTC");
        assert_eq!(format_utc(-86_400_000), "1969-12-31 00:00 UTC");
    }
}
