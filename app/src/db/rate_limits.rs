//! Rate limits in the database (so every instance shares them): fixed windows per key, such
//! as `sign_in:ip:203.0.113.9` or `sign_in:account:ana@gob.example`.

use super::Db;

/// A limit: at most `max` hits per `window_ms`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Limit {
    pub max: i64,
    pub window_ms: i64,
}

/// One counted hit: how many hits the window holds with it, and the verdict (`Err(seconds)`
/// until the window ends, for `Retry-After`, when the limit is exceeded).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Counted {
    pub hits: i64,
    pub verdict: Result<(), u64>,
}

/// Counts one hit on `key`; `Err(seconds)` when the limit is exceeded, with the seconds until
/// the window ends (for `Retry-After`).
pub async fn hit(db: &Db, key: &str, limit: Limit, now: i64) -> Result<Result<(), u64>, sqlx::Error> {
    Ok(count(db, key, limit, now).await?.verdict)
}

/// Counts one hit on `key` in a single statement (so concurrent hits are all counted) and says
/// how many the window now holds.
pub async fn count(db: &Db, key: &str, limit: Limit, now: i64) -> Result<Counted, sqlx::Error> {
    let (hits, start): (i64, i64) = crate::fetch!(
        fetch_one,
        db,
        "INSERT INTO rate_limits (key, window_start, hits) VALUES ($1, $2, 1) \
             ON CONFLICT (key) DO UPDATE SET \
               hits = CASE WHEN rate_limits.window_start + $3 <= $2 THEN 1 ELSE rate_limits.hits + 1 END, \
               window_start = CASE WHEN rate_limits.window_start + $3 <= $2 THEN $2 ELSE rate_limits.window_start END \
             RETURNING hits, window_start",
        key,
        now,
        limit.window_ms,
    )?;
    Ok(Counted { hits, verdict: verdict(hits, start, limit, now) })
}

/// Takes one hit back (an attempt counted before it was known to be legitimate).
pub async fn release(db: &Db, key: &str) -> Result<(), sqlx::Error> {
    crate::execute!(db, "UPDATE rate_limits SET hits = hits - 1 WHERE key = $1 AND hits > 0", key).map(|_| ())
}

/// Whether `key` is already over its limit, without counting a hit.
pub async fn check(db: &Db, key: &str, limit: Limit, now: i64) -> Result<Result<(), u64>, sqlx::Error> {
    let row: Option<(i64, i64)> =
        crate::fetch!(fetch_optional, db, "SELECT hits, window_start FROM rate_limits WHERE key = $1", key)?;
    Ok(match row {
        Some((hits, start)) if start + limit.window_ms > now && hits >= limit.max => {
            Err(retry_after(start, limit, now))
        }
        _ => Ok(()),
    })
}

/// Forgets a key (e.g. the failure count after a successful sign-in).
pub async fn clear(db: &Db, key: &str) -> Result<(), sqlx::Error> {
    crate::execute!(db, "DELETE FROM rate_limits WHERE key = $1", key).map(|_| ())
}

fn retry_after(start: i64, limit: Limit, now: i64) -> u64 {
    u64::try_from(((start + limit.window_ms - now) + 999) / 1000).unwrap_or(1).max(1)
}

fn verdict(hits: i64, start: i64, limit: Limit, now: i64) -> Result<(), u64> {
    if hits > limit.max {
        Err(retry_after(start, limit, now))
    } else {
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_hit_over_the_limit_is_refused_until_the_window_ends() {
        let limit = Limit { max: 3, window_ms: 60_000 };
        assert_eq!(verdict(3, 0, limit, 10_000), Ok(()));
        assert_eq!(verdict(4, 0, limit, 10_000), Err(50));
        assert_eq!(verdict(4, 0, limit, 59_999), Err(1));
    }
}
