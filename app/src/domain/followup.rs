//! Follow-up after an agreement, as pure rules: three and six months after every party accepted,
//! each side (the government, each selected provider) is asked once for an outcome rating on a
//! labelled scale and a few words.

use crate::i18n::K;

/// The milestones, in months after the agreement.
pub const MILESTONES: [i64; 2] = [3, 6];
/// Longest comment, in characters.
pub const COMMENT_MAX: usize = 2_000;
const DAY_MS: i64 = 24 * 3600 * 1000;

/// When the `months` milestone falls for an agreement made at `agreed_at` (ms since 1970, UTC):
/// the same day of the month `months` later (the last day of a shorter month).
pub fn milestone_at(agreed_at: i64, months: i64) -> i64 {
    let day = agreed_at.div_euclid(DAY_MS);
    let within = agreed_at.rem_euclid(DAY_MS);
    let (y, m, d) = civil(day);
    let total = y * 12 + (m - 1) + months;
    let (ny, nm) = (total.div_euclid(12), total.rem_euclid(12) + 1);
    let last = days_in_month(ny, nm);
    days_from_civil(ny, nm, d.min(last)) * DAY_MS + within
}

/// The milestones due by `now` for an agreement made at `agreed_at`.
pub fn due(agreed_at: i64, now: i64) -> Vec<i64> {
    MILESTONES.into_iter().filter(|m| milestone_at(agreed_at, *m) <= now).collect()
}

keyed! {
    /// The outcome rating, a labelled scale from 1 to 5.
    pub enum Rating {
        NotUseful = "1" => FollowUpRating1,
        LittleUse = "2" => FollowUpRating2,
        Useful = "3" => FollowUpRating3,
        VeryUseful = "4" => FollowUpRating4,
        Exceeded = "5" => FollowUpRating5,
    }
}

impl Rating {
    /// Its value, 1 to 5.
    pub fn value(self) -> i64 {
        self.key().parse().unwrap_or(0)
    }
}

/// The rating and the trimmed comment, or what is wrong (the field and the message).
pub fn check_answer(rating: &str, comment: &str) -> Result<(Rating, String), (&'static str, K)> {
    let rating = Rating::from_key(rating.trim()).ok_or(("rating", K::FollowUpErrorRating))?;
    let comment = comment.trim();
    if comment.chars().count() > COMMENT_MAX {
        return Err(("comment", K::ErrorTooLong));
    }
    if comment.chars().any(|c| c.is_control() && !matches!(c, '\n' | '\r' | '\t')) {
        return Err(("comment", K::ErrorValidation));
    }
    Ok((rating, comment.replace("\r\n", "\n")))
}

// Howard Hinnant's civil-from-days and days-from-civil (proleptic Gregorian calendar).
fn civil(z: i64) -> (i64, i64, i64) {
    let z = z + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    (yoe + era * 400 + i64::from(m <= 2), m, d)
}

fn days_from_civil(y: i64, m: i64, d: i64) -> i64 {
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let mp = if m > 2 { m - 3 } else { m + 9 };
    let doy = (153 * mp + 2) / 5 + d - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

fn days_in_month(y: i64, m: i64) -> i64 {
    let next = if m == 12 { days_from_civil(y + 1, 1, 1) } else { days_from_civil(y, m + 1, 1) };
    next - days_from_civil(y, m, 1)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(y: i64, m: i64, d: i64) -> i64 {
        days_from_civil(y, m, d) * DAY_MS
    }

    #[test]
    fn milestones_fall_on_the_same_day_months_later_or_the_last_day_of_a_short_month() {
        assert_eq!(milestone_at(at(2026, 1, 15), 3), at(2026, 4, 15));
        assert_eq!(milestone_at(at(2026, 11, 30), 3), at(2027, 2, 28), "February is short");
        assert_eq!(milestone_at(at(2027, 11, 30), 3), at(2028, 2, 29), "a leap year");
        assert_eq!(milestone_at(at(2026, 8, 31), 6), at(2027, 2, 28));
        assert_eq!(milestone_at(at(2026, 1, 15) + 5_000, 6), at(2026, 7, 15) + 5_000, "the time of day is kept");
    }

    #[test]
    fn each_milestone_is_due_once_its_day_has_come() {
        let agreed = at(2026, 1, 15);
        assert!(due(agreed, at(2026, 4, 14)).is_empty());
        assert_eq!(due(agreed, at(2026, 4, 15)), vec![3]);
        assert_eq!(due(agreed, at(2026, 7, 15)), vec![3, 6]);
    }

    #[test]
    fn an_answer_needs_a_rating_on_the_scale_and_a_short_clean_comment() {
        assert_eq!(check_answer("4", "  Useful workshops \r\n"), Ok((Rating::VeryUseful, "Useful workshops".into())));
        assert_eq!(check_answer("", "x").expect_err("refused").0, "rating");
        assert_eq!(check_answer("9", "x").expect_err("refused").0, "rating");
        assert_eq!(check_answer("3", &"x".repeat(COMMENT_MAX + 1)).expect_err("refused"), ("comment", K::ErrorTooLong));
        assert_eq!(check_answer("3", "bell\u{7}").expect_err("refused"), ("comment", K::ErrorValidation));
        assert_eq!(Rating::ALL.map(Rating::value), [1, 2, 3, 4, 5]);
    }
}
