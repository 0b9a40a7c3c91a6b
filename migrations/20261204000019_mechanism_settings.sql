-- The mechanism's tunable settings, changed by the steering committee without a release: the
-- matching weights (JSON, one number per factor) and the days providers have to answer an
-- introduction. One row per version, never changed afterwards; the latest applies (none saved:
-- the built-in weights and the configured window). Who changed it, when and why.
CREATE TABLE mechanism_settings (
    version     BIGINT PRIMARY KEY,
    weights     TEXT NOT NULL,
    window_days BIGINT NOT NULL CHECK (window_days BETWEEN 1 AND 60),
    reason      TEXT NOT NULL,
    changed_by  TEXT REFERENCES users (id) ON DELETE SET NULL,
    changed_at  BIGINT NOT NULL
);
