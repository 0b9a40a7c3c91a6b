-- Values administrators add to the open vocabularies (issue areas, working languages) without a
-- release. A value is never deleted, only retired (no longer offered): answers that name it keep
-- their meaning and label. `version` guards edits (compare and swap).
CREATE TABLE vocabulary_values (
    id          TEXT PRIMARY KEY,
    kind        TEXT NOT NULL CHECK (kind IN ('issue_area', 'language')),
    key         TEXT NOT NULL,
    label_en    TEXT NOT NULL,
    label_fr    TEXT NOT NULL,
    label_es    TEXT NOT NULL,
    retired     BOOLEAN NOT NULL DEFAULT FALSE,
    version     BIGINT NOT NULL DEFAULT 1,
    created_by  TEXT REFERENCES users (id) ON DELETE SET NULL,
    created_at  BIGINT NOT NULL,
    updated_by  TEXT REFERENCES users (id) ON DELETE SET NULL,
    updated_at  BIGINT NOT NULL,
    UNIQUE (kind, key)
);
