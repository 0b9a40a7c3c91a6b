-- The Case Manager's work on a case: the structured scope (the matching query) and the
-- government's confirmation of it, the next step with its due day, notes, and the decisions
-- taken on matched providers (shortlist, exclude, pin, each with its reason). Portable SQL.

-- The scope as JSON (written by the Case Manager; NULL until then). Writing a different scope
-- clears the confirmation: the government confirms what it read.
ALTER TABLE cases ADD COLUMN scope TEXT;
ALTER TABLE cases ADD COLUMN scope_confirmed_at BIGINT;
ALTER TABLE cases ADD COLUMN scope_confirmed_by TEXT REFERENCES users (id) ON DELETE SET NULL;
-- The next step and the day (days since 1970-01-01, UTC) it is due; a past due day is overdue.
ALTER TABLE cases ADD COLUMN next_step TEXT NOT NULL DEFAULT '';
ALTER TABLE cases ADD COLUMN next_step_due_day BIGINT;
CREATE INDEX cases_due ON cases (next_step_due_day);

-- Notes: 'scoping' (what the expert conversation found) and 'internal' (anything else). Only
-- the case's Case Manager, steering and admins read them; nothing edits or deletes a note.
CREATE TABLE case_notes (
    id             TEXT PRIMARY KEY,
    case_id        TEXT NOT NULL REFERENCES cases (id) ON DELETE CASCADE,
    kind           TEXT NOT NULL CHECK (kind IN ('scoping', 'internal')),
    author_user_id TEXT REFERENCES users (id) ON DELETE SET NULL,
    body           TEXT NOT NULL,
    at             BIGINT NOT NULL
);
CREATE INDEX case_notes_case ON case_notes (case_id, at);

-- The current decision on each provider of a case (the history is on the timeline).
CREATE TABLE case_decisions (
    case_id     TEXT NOT NULL REFERENCES cases (id) ON DELETE CASCADE,
    provider_id TEXT NOT NULL REFERENCES organisations (id) ON DELETE CASCADE,
    decision    TEXT NOT NULL CHECK (decision IN ('shortlisted', 'excluded', 'pinned')),
    reason      TEXT NOT NULL DEFAULT '',
    by_user_id  TEXT REFERENCES users (id) ON DELETE SET NULL,
    at          BIGINT NOT NULL,
    PRIMARY KEY (case_id, provider_id)
);

-- The timeline gains the kinds of entry above: the table is rebuilt with the wider check (the
-- one way both engines can change a CHECK), keeping every row.
CREATE TABLE case_events_v2 (
    id            TEXT PRIMARY KEY,
    case_id       TEXT NOT NULL REFERENCES cases (id) ON DELETE CASCADE,
    at            BIGINT NOT NULL,
    actor_user_id TEXT REFERENCES users (id) ON DELETE SET NULL,
    kind          TEXT NOT NULL CHECK (kind IN ('opened', 'stage', 'assigned', 'scope', 'scope_confirmed',
                                                'decision', 'next_step')),
    from_stage    TEXT,
    to_stage      TEXT,
    reason        TEXT NOT NULL DEFAULT '',
    detail        TEXT NOT NULL DEFAULT ''
);
INSERT INTO case_events_v2 (id, case_id, at, actor_user_id, kind, from_stage, to_stage, reason, detail)
    SELECT id, case_id, at, actor_user_id, kind, from_stage, to_stage, reason, detail FROM case_events;
DROP TABLE case_events;
ALTER TABLE case_events_v2 RENAME TO case_events;
CREATE INDEX case_events_case ON case_events (case_id, at);
