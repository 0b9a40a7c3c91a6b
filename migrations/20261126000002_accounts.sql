-- People, their memberships in organisations, staff roles, server-side sessions, single-use
-- tokens (e-mail verification, password reset, invitations) and the append-only audit log.
-- Portable SQL for SQLite and PostgreSQL.

CREATE TABLE users (
    id                TEXT PRIMARY KEY,
    email             TEXT NOT NULL CHECK (length(email) BETWEEN 3 AND 254),
    name              TEXT NOT NULL CHECK (length(name) BETWEEN 1 AND 120),
    locale            TEXT NOT NULL DEFAULT 'en' CHECK (locale IN ('en', 'fr', 'es')),
    password_hash     TEXT,
    email_verified_at BIGINT,
    staff_role        TEXT CHECK (staff_role IS NULL OR staff_role IN ('case_manager', 'steering', 'admin')),
    disabled_at       BIGINT,
    created_at        BIGINT NOT NULL,
    updated_at        BIGINT NOT NULL
);
CREATE UNIQUE INDEX users_email ON users (lower(email));

CREATE TABLE memberships (
    user_id         TEXT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    organisation_id TEXT NOT NULL REFERENCES organisations (id) ON DELETE CASCADE,
    is_owner        BOOLEAN NOT NULL DEFAULT FALSE,
    created_at      BIGINT NOT NULL,
    PRIMARY KEY (user_id, organisation_id)
);
CREATE INDEX memberships_organisation ON memberships (organisation_id);

-- Only a hash of the session token is stored; the token lives in the visitor's cookie.
CREATE TABLE sessions (
    token_hash   TEXT PRIMARY KEY,
    user_id      TEXT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    created_at   BIGINT NOT NULL,
    last_seen_at BIGINT NOT NULL,
    expires_at   BIGINT NOT NULL,
    ip           TEXT NOT NULL DEFAULT '',
    user_agent   TEXT NOT NULL DEFAULT '' CHECK (length(user_agent) <= 300)
);
CREATE INDEX sessions_user ON sessions (user_id);

CREATE TABLE audit_log (
    id            TEXT PRIMARY KEY,
    at            BIGINT NOT NULL,
    actor_user_id TEXT,
    action        TEXT NOT NULL,
    subject       TEXT NOT NULL DEFAULT '',
    ip            TEXT NOT NULL DEFAULT '',
    detail        TEXT NOT NULL DEFAULT ''
);
CREATE INDEX audit_log_at ON audit_log (at);
