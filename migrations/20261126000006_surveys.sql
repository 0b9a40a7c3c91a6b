-- Survey drafts (autosaved answers, with a sequence number against stale writers and an
-- idempotency log against replays), versioned provider profiles and government requests.
-- Answers are stored as JSON text (question id -> list of values); portable SQL.

CREATE TABLE survey_drafts (
    id              TEXT PRIMARY KEY,
    kind            TEXT NOT NULL CHECK (kind IN ('supply', 'demand')),
    user_id         TEXT REFERENCES users (id) ON DELETE SET NULL,
    organisation_id TEXT REFERENCES organisations (id) ON DELETE SET NULL,
    answers         TEXT NOT NULL DEFAULT '{}',
    seq             BIGINT NOT NULL DEFAULT 0,
    reached_step    INTEGER NOT NULL DEFAULT 1,
    submitted_at    BIGINT,
    result_id       TEXT,
    created_at      BIGINT NOT NULL,
    updated_at      BIGINT NOT NULL
);
CREATE INDEX survey_drafts_user ON survey_drafts (user_id, kind);
CREATE INDEX survey_drafts_open ON survey_drafts (kind, submitted_at);

-- Keys that open a draft: the respondent's browser cookie and e-mailed resume links.
-- Only a hash is stored.
CREATE TABLE survey_draft_keys (
    key_hash   TEXT PRIMARY KEY,
    draft_id   TEXT NOT NULL REFERENCES survey_drafts (id) ON DELETE CASCADE,
    created_at BIGINT NOT NULL,
    expires_at BIGINT NOT NULL
);
CREATE INDEX survey_draft_keys_draft ON survey_draft_keys (draft_id);

-- One row per accepted save: a replayed save (same key) is answered without being applied.
CREATE TABLE survey_saves (
    draft_id        TEXT NOT NULL REFERENCES survey_drafts (id) ON DELETE CASCADE,
    idempotency_key TEXT NOT NULL CHECK (length(idempotency_key) BETWEEN 8 AND 64),
    seq             BIGINT NOT NULL,
    created_at      BIGINT NOT NULL,
    PRIMARY KEY (draft_id, idempotency_key)
);

CREATE TABLE provider_profiles (
    organisation_id TEXT PRIMARY KEY REFERENCES organisations (id) ON DELETE CASCADE,
    current_version INTEGER NOT NULL,
    listed          BOOLEAN NOT NULL,
    confirmed_at    BIGINT NOT NULL,
    created_at      BIGINT NOT NULL,
    updated_at      BIGINT NOT NULL
);

-- Every submitted version is kept; the profile points at the current one.
CREATE TABLE provider_profile_versions (
    organisation_id TEXT NOT NULL REFERENCES organisations (id) ON DELETE CASCADE,
    version         INTEGER NOT NULL,
    answers         TEXT NOT NULL,
    submitted_by    TEXT REFERENCES users (id) ON DELETE SET NULL,
    created_at      BIGINT NOT NULL,
    PRIMARY KEY (organisation_id, version)
);

CREATE TABLE requests (
    id              TEXT PRIMARY KEY,
    organisation_id TEXT NOT NULL REFERENCES organisations (id) ON DELETE CASCADE,
    submitted_by    TEXT REFERENCES users (id) ON DELETE SET NULL,
    status          TEXT NOT NULL CHECK (status IN ('submitted')),
    country         TEXT NOT NULL,
    answers         TEXT NOT NULL,
    created_at      BIGINT NOT NULL,
    updated_at      BIGINT NOT NULL
);
CREATE INDEX requests_organisation ON requests (organisation_id);
