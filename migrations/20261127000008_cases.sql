-- Cases: one per government request, moved through its stages by a Case Manager. Every change
-- of stage or of Case Manager is appended to the case's timeline; the version number refuses
-- a second writer who did not see the first one's change. Portable SQL.

CREATE TABLE cases (
    id              TEXT PRIMARY KEY,
    request_id      TEXT NOT NULL UNIQUE REFERENCES requests (id) ON DELETE CASCADE,
    organisation_id TEXT NOT NULL REFERENCES organisations (id) ON DELETE CASCADE,
    stage           TEXT NOT NULL CHECK (stage IN ('intake', 'scoping', 'matching', 'introductions', 'selection',
                                                   'agreement', 'active', 'on_hold', 'closed')),
    -- the stage an On hold case returns to, and the day (days since 1970-01-01, UTC) it is due back
    held_from       TEXT,
    hold_until_day  BIGINT,
    outcome         TEXT CHECK (outcome IS NULL OR outcome IN ('successful', 'no_suitable_provider', 'withdrawn')),
    case_manager_id TEXT REFERENCES users (id) ON DELETE SET NULL,
    version         BIGINT NOT NULL DEFAULT 1,
    created_at      BIGINT NOT NULL,
    updated_at      BIGINT NOT NULL
);
CREATE INDEX cases_stage ON cases (stage, updated_at);
CREATE INDEX cases_manager ON cases (case_manager_id, stage);
CREATE INDEX cases_organisation ON cases (organisation_id);

-- The timeline: append-only (nothing updates or deletes a row).
CREATE TABLE case_events (
    id            TEXT PRIMARY KEY,
    case_id       TEXT NOT NULL REFERENCES cases (id) ON DELETE CASCADE,
    at            BIGINT NOT NULL,
    actor_user_id TEXT REFERENCES users (id) ON DELETE SET NULL,
    kind          TEXT NOT NULL CHECK (kind IN ('opened', 'stage', 'assigned')),
    from_stage    TEXT,
    to_stage      TEXT,
    reason        TEXT NOT NULL DEFAULT '',
    detail        TEXT NOT NULL DEFAULT ''
);
CREATE INDEX case_events_case ON case_events (case_id, at);
