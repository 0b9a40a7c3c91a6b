-- Introductions, the messaging threads they open, and notifications. Portable SQL.

-- An introduction: the Case Manager introduces the government to providers (or providers to
-- each other) within a case, with a note on why. `status` is derived from the parties' answers
-- and the response window, and stored so lists can filter on it.
CREATE TABLE introductions (
    id            TEXT PRIMARY KEY,
    case_id       TEXT NOT NULL REFERENCES cases (id) ON DELETE CASCADE,
    kind          TEXT NOT NULL CHECK (kind IN ('scoping', 'engagement')),
    note          TEXT NOT NULL,
    -- whether the requesting government is one of the parties
    with_government BOOLEAN NOT NULL,
    status        TEXT NOT NULL CHECK (status IN ('awaiting_approval', 'waiting', 'accepted', 'declined', 'lapsed')),
    -- when the providers must have answered (ms since 1970, UTC); set when it is sent
    respond_by    BIGINT,
    reminded_at   BIGINT,
    created_by    TEXT REFERENCES users (id) ON DELETE SET NULL,
    created_at    BIGINT NOT NULL,
    approved_by   TEXT REFERENCES users (id) ON DELETE SET NULL,
    sent_at       BIGINT,
    version       BIGINT NOT NULL DEFAULT 0
);
CREATE INDEX introductions_case ON introductions (case_id, created_at);
CREATE INDEX introductions_due ON introductions (status, respond_by);

-- The provider organisations an introduction names, each with its answer.
CREATE TABLE introduction_parties (
    introduction_id TEXT NOT NULL REFERENCES introductions (id) ON DELETE CASCADE,
    organisation_id TEXT NOT NULL REFERENCES organisations (id) ON DELETE CASCADE,
    answer          TEXT CHECK (answer IN ('accepted', 'declined')),
    reason          TEXT NOT NULL DEFAULT '',
    answered_by     TEXT REFERENCES users (id) ON DELETE SET NULL,
    answered_at     BIGINT,
    PRIMARY KEY (introduction_id, organisation_id)
);
CREATE INDEX introduction_parties_org ON introduction_parties (organisation_id);

-- A conversation within a case: the government ↔ Case Manager thread (no introduction) or the
-- thread an accepted introduction opens. The case's Case Manager is always in it.
CREATE TABLE threads (
    id              TEXT PRIMARY KEY,
    case_id         TEXT NOT NULL REFERENCES cases (id) ON DELETE CASCADE,
    introduction_id TEXT REFERENCES introductions (id) ON DELETE CASCADE,
    created_at      BIGINT NOT NULL,
    last_seq        BIGINT NOT NULL DEFAULT 0,
    last_message_at BIGINT
);
CREATE INDEX threads_case ON threads (case_id);
CREATE UNIQUE INDEX threads_introduction ON threads (introduction_id);

-- Who takes part: whole organisations (their members) or single people; a removal is kept.
CREATE TABLE thread_participants (
    id              TEXT PRIMARY KEY,
    thread_id       TEXT NOT NULL REFERENCES threads (id) ON DELETE CASCADE,
    organisation_id TEXT REFERENCES organisations (id) ON DELETE CASCADE,
    user_id         TEXT REFERENCES users (id) ON DELETE CASCADE,
    added_by        TEXT REFERENCES users (id) ON DELETE SET NULL,
    added_at        BIGINT NOT NULL,
    removed_at      BIGINT,
    CHECK ((organisation_id IS NULL) <> (user_id IS NULL))
);
CREATE INDEX thread_participants_thread ON thread_participants (thread_id);
CREATE INDEX thread_participants_org ON thread_participants (organisation_id);
CREATE INDEX thread_participants_user ON thread_participants (user_id);

-- Messages, in order within their thread (`seq`); a retried post with the same key is the
-- same message.
CREATE TABLE messages (
    id              TEXT PRIMARY KEY,
    thread_id       TEXT NOT NULL REFERENCES threads (id) ON DELETE CASCADE,
    seq             BIGINT NOT NULL,
    author_user_id  TEXT REFERENCES users (id) ON DELETE SET NULL,
    body            TEXT NOT NULL,
    idempotency_key TEXT NOT NULL,
    at              BIGINT NOT NULL,
    edited_at       BIGINT,
    UNIQUE (thread_id, seq),
    UNIQUE (thread_id, author_user_id, idempotency_key)
);

-- How far each person has read each thread.
CREATE TABLE thread_reads (
    thread_id TEXT NOT NULL REFERENCES threads (id) ON DELETE CASCADE,
    user_id   TEXT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    last_seq  BIGINT NOT NULL,
    at        BIGINT NOT NULL,
    PRIMARY KEY (thread_id, user_id)
);

-- What needs someone: shown in the app (and mailed through the outbox).
CREATE TABLE notifications (
    id       TEXT PRIMARY KEY,
    user_id  TEXT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    kind     TEXT NOT NULL,
    case_id  TEXT REFERENCES cases (id) ON DELETE CASCADE,
    link     TEXT NOT NULL,
    at       BIGINT NOT NULL,
    read_at  BIGINT
);
CREATE INDEX notifications_user ON notifications (user_id, read_at, at);

-- The timeline gains the introductions' entries: the table is rebuilt with the wider check (the
-- one way both engines can change a CHECK), keeping every row.
CREATE TABLE case_events_v3 (
    id            TEXT PRIMARY KEY,
    case_id       TEXT NOT NULL REFERENCES cases (id) ON DELETE CASCADE,
    at            BIGINT NOT NULL,
    actor_user_id TEXT REFERENCES users (id) ON DELETE SET NULL,
    kind          TEXT NOT NULL CHECK (kind IN ('opened', 'stage', 'assigned', 'scope', 'scope_confirmed',
                                                'decision', 'next_step', 'introduction')),
    from_stage    TEXT,
    to_stage      TEXT,
    reason        TEXT NOT NULL DEFAULT '',
    detail        TEXT NOT NULL DEFAULT '',
    change        TEXT
);
INSERT INTO case_events_v3 (id, case_id, at, actor_user_id, kind, from_stage, to_stage, reason, detail, change)
    SELECT id, case_id, at, actor_user_id, kind, from_stage, to_stage, reason, detail, change FROM case_events;
DROP TABLE case_events;
ALTER TABLE case_events_v3 RENAME TO case_events;
CREATE INDEX case_events_case ON case_events (case_id, at);
