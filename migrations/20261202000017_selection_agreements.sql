-- Selection, written agreements, follow-up and success stories. Portable SQL.

-- The providers the government selected in a case (one row each; the selection is the fact
-- behind the Selection stage's guard).
CREATE TABLE case_selections (
    case_id      TEXT NOT NULL REFERENCES cases (id) ON DELETE CASCADE,
    provider_id  TEXT NOT NULL REFERENCES organisations (id) ON DELETE CASCADE,
    selected_by  TEXT REFERENCES users (id) ON DELETE SET NULL,
    selected_at  BIGINT NOT NULL,
    PRIMARY KEY (case_id, provider_id)
);

-- The terms of engagement, one row per version (the terms as JSON, their canonical text's
-- SHA-256). A change is a new version; nothing updates a row.
CREATE TABLE agreement_versions (
    case_id     TEXT NOT NULL REFERENCES cases (id) ON DELETE CASCADE,
    version     BIGINT NOT NULL,
    terms       TEXT NOT NULL,
    sha256      TEXT NOT NULL,
    written_by  TEXT REFERENCES users (id) ON DELETE SET NULL,
    written_at  BIGINT NOT NULL,
    PRIMARY KEY (case_id, version)
);

-- Who accepted which version: a party (the government, a selected provider: organisations; the
-- Case Manager: a person), the person who clicked, when, and the hash of the content they were
-- shown. Append-only: the application never updates or deletes a row, and the database refuses
-- it too (triggers installed after migrating, per engine).
CREATE TABLE agreement_acceptances (
    case_id      TEXT NOT NULL,
    version      BIGINT NOT NULL,
    party_kind   TEXT NOT NULL CHECK (party_kind IN ('government', 'provider', 'case_manager')),
    party_id     TEXT NOT NULL,
    party_name   TEXT NOT NULL,
    accepted_by  TEXT NOT NULL,
    sha256       TEXT NOT NULL,
    accepted_at  BIGINT NOT NULL,
    PRIMARY KEY (case_id, version, party_kind, party_id),
    FOREIGN KEY (case_id, version) REFERENCES agreement_versions (case_id, version)
);

-- Follow-up: three and six months after an agreement each side is asked for an outcome rating.
-- One request per party per milestone, whatever the number of instances (the primary key).
CREATE TABLE follow_ups (
    case_id         TEXT NOT NULL REFERENCES cases (id) ON DELETE CASCADE,
    months          BIGINT NOT NULL CHECK (months IN (3, 6)),
    organisation_id TEXT NOT NULL REFERENCES organisations (id) ON DELETE CASCADE,
    asked_at        BIGINT NOT NULL,
    rating          BIGINT CHECK (rating IS NULL OR rating BETWEEN 1 AND 5),
    comment         TEXT NOT NULL DEFAULT '',
    answered_by     TEXT REFERENCES users (id) ON DELETE SET NULL,
    answered_at     BIGINT,
    PRIMARY KEY (case_id, months, organisation_id)
);
CREATE INDEX follow_ups_org ON follow_ups (organisation_id, answered_at);

-- A government comes back: a request (and its case) may follow an earlier case of its own.
ALTER TABLE cases ADD COLUMN follows_case_id TEXT REFERENCES cases (id) ON DELETE SET NULL;

-- Success stories: drafted by the Case Manager from a successful case, approved by every party
-- on its exact text (an edit asks again), published once all approved; a withdrawn consent takes
-- it down.
CREATE TABLE stories (
    id           TEXT PRIMARY KEY,
    case_id      TEXT NOT NULL UNIQUE REFERENCES cases (id) ON DELETE CASCADE,
    title        TEXT NOT NULL,
    summary      TEXT NOT NULL,
    body         TEXT NOT NULL,
    sha256       TEXT NOT NULL,
    text_version BIGINT NOT NULL DEFAULT 1,
    published_at BIGINT,
    written_by   TEXT REFERENCES users (id) ON DELETE SET NULL,
    updated_at   BIGINT NOT NULL
);
CREATE INDEX stories_published ON stories (published_at);

-- A party's approval of a story's exact text, or its withdrawn consent.
CREATE TABLE story_approvals (
    story_id     TEXT NOT NULL REFERENCES stories (id) ON DELETE CASCADE,
    party_kind   TEXT NOT NULL CHECK (party_kind IN ('government', 'provider', 'case_manager')),
    party_id     TEXT NOT NULL,
    sha256       TEXT NOT NULL,
    approved_by  TEXT REFERENCES users (id) ON DELETE SET NULL,
    approved_at  BIGINT NOT NULL,
    withdrawn_at BIGINT,
    PRIMARY KEY (story_id, party_kind, party_id)
);

-- The timeline gains selection, agreement, follow-up and story entries: the table is rebuilt
-- with the wider check (the one way both engines can change a CHECK), keeping every row.
CREATE TABLE case_events_v4 (
    id            TEXT PRIMARY KEY,
    case_id       TEXT NOT NULL REFERENCES cases (id) ON DELETE CASCADE,
    at            BIGINT NOT NULL,
    actor_user_id TEXT REFERENCES users (id) ON DELETE SET NULL,
    kind          TEXT NOT NULL CHECK (kind IN ('opened', 'stage', 'assigned', 'scope', 'scope_confirmed',
                                                'decision', 'next_step', 'introduction', 'selection',
                                                'agreement', 'follow_up', 'story')),
    from_stage    TEXT,
    to_stage      TEXT,
    reason        TEXT NOT NULL DEFAULT '',
    detail        TEXT NOT NULL DEFAULT '',
    change        TEXT
);
INSERT INTO case_events_v4 (id, case_id, at, actor_user_id, kind, from_stage, to_stage, reason, detail, change)
    SELECT id, case_id, at, actor_user_id, kind, from_stage, to_stage, reason, detail, change FROM case_events;
DROP TABLE case_events;
ALTER TABLE case_events_v4 RENAME TO case_events;
CREATE INDEX case_events_case ON case_events (case_id, at);

-- A draft request that follows an earlier case of its government (set when the government asks
-- again from that case; the case its submission opens records it).
ALTER TABLE survey_drafts ADD COLUMN follows_case_id TEXT REFERENCES cases (id) ON DELETE SET NULL;
