-- Files attached to messages. The bytes live in the file store (a directory under the data
-- directory, or S3-compatible object storage shared by several instances) under `storage_key`;
-- a row is written in the same transaction as its message, after its bytes are stored, so a
-- message never names a file that is not there. `kind` is what the content is (read from its
-- first bytes), `name` what its download is called. Portable SQL.
CREATE TABLE attachments (
    id           TEXT PRIMARY KEY,
    message_id   TEXT NOT NULL REFERENCES messages (id) ON DELETE CASCADE,
    thread_id    TEXT NOT NULL REFERENCES threads (id) ON DELETE CASCADE,
    position     INTEGER NOT NULL,
    name         TEXT NOT NULL,
    kind         TEXT NOT NULL,
    media_type   TEXT NOT NULL,
    size         BIGINT NOT NULL,
    sha256       TEXT NOT NULL,
    storage_key  TEXT NOT NULL UNIQUE,
    created_at   BIGINT NOT NULL
);
CREATE INDEX attachments_message ON attachments (message_id, position);
CREATE INDEX attachments_thread ON attachments (thread_id);
