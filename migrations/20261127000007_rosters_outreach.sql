-- The rosters' search index, outreach campaigns and the yearly profile reminder.
-- Portable SQL (SQLite and PostgreSQL).

-- One row per provider (keyed by organisation) and per request: what the roster lists, sorts
-- and searches. Rebuilt from the source rows whenever a profile or a request changes.
CREATE TABLE roster_entries (
    roster          TEXT NOT NULL CHECK (roster IN ('providers', 'requests')),
    id              TEXT NOT NULL,
    organisation_id TEXT NOT NULL REFERENCES organisations (id) ON DELETE CASCADE,
    name            TEXT NOT NULL,
    sort_name       TEXT NOT NULL,
    search_text     TEXT NOT NULL,
    summary         TEXT NOT NULL,
    kind            TEXT NOT NULL,
    country         TEXT NOT NULL,
    listed          BOOLEAN NOT NULL,
    updated_at      BIGINT NOT NULL,
    PRIMARY KEY (roster, id)
);
CREATE INDEX roster_entries_name ON roster_entries (roster, listed, sort_name);
CREATE INDEX roster_entries_updated ON roster_entries (roster, listed, updated_at);
CREATE INDEX roster_entries_country ON roster_entries (roster, listed, country);

-- Facet values of each entry (issue area, language, region, ...), one row per value.
CREATE TABLE roster_facets (
    roster TEXT NOT NULL,
    id     TEXT NOT NULL,
    facet  TEXT NOT NULL,
    value  TEXT NOT NULL,
    PRIMARY KEY (roster, facet, value, id)
);
CREATE INDEX roster_facets_entry ON roster_facets (roster, id);

-- When the yearly "is this still accurate?" reminder was last sent for a profile.
ALTER TABLE provider_profiles ADD COLUMN reminded_at BIGINT;

CREATE TABLE outreach_campaigns (
    id          TEXT PRIMARY KEY,
    name        TEXT NOT NULL,
    survey      TEXT NOT NULL CHECK (survey IN ('supply', 'demand')),
    created_by  TEXT REFERENCES users (id) ON DELETE SET NULL,
    created_at  BIGINT NOT NULL
);

-- One row per invited contact. The draft their invitation opened tells whether they started or
-- submitted the survey.
CREATE TABLE outreach_recipients (
    id           TEXT PRIMARY KEY,
    campaign_id  TEXT NOT NULL REFERENCES outreach_campaigns (id) ON DELETE CASCADE,
    name         TEXT NOT NULL,
    email        TEXT NOT NULL,
    email_key    TEXT NOT NULL,
    organisation TEXT NOT NULL,
    kind         TEXT NOT NULL,
    country      TEXT NOT NULL,
    language     TEXT NOT NULL,
    draft_id     TEXT REFERENCES survey_drafts (id) ON DELETE SET NULL,
    imported_at  BIGINT NOT NULL,
    invited_at   BIGINT,
    opened_at    BIGINT,
    reminded_at  BIGINT,
    UNIQUE (campaign_id, email_key)
);
CREATE INDEX outreach_recipients_campaign ON outreach_recipients (campaign_id, imported_at);

-- The links mailed to a recipient (each mail its own; only a hash is kept). A link opens the
-- survey and the unsubscribe page.
CREATE TABLE outreach_tokens (
    token_hash   TEXT PRIMARY KEY,
    recipient_id TEXT NOT NULL REFERENCES outreach_recipients (id) ON DELETE CASCADE,
    created_at   BIGINT NOT NULL
);
CREATE INDEX outreach_tokens_recipient ON outreach_tokens (recipient_id);

-- Every import with its line-by-line report (JSON), shown on the campaign page.
CREATE TABLE outreach_imports (
    id          TEXT PRIMARY KEY,
    campaign_id TEXT NOT NULL REFERENCES outreach_campaigns (id) ON DELETE CASCADE,
    file_name   TEXT NOT NULL,
    added       INTEGER NOT NULL,
    report      TEXT NOT NULL,
    created_by  TEXT REFERENCES users (id) ON DELETE SET NULL,
    created_at  BIGINT NOT NULL
);
CREATE INDEX outreach_imports_campaign ON outreach_imports (campaign_id, created_at);

-- Addresses that asked never to be mailed again (lower-cased); checked before every send.
CREATE TABLE outreach_unsubscribes (
    email_key  TEXT PRIMARY KEY,
    created_at BIGINT NOT NULL
);
