-- The inbox's search: every word of every message (lower-cased, see
-- app::domain::threads::words), kept in the transaction that posts or edits the message, so a
-- search looks words up by index in the searcher's own threads instead of reading every
-- message. Portable SQL: the same index on SQLite and PostgreSQL.
CREATE TABLE message_words (
    thread_id  TEXT NOT NULL REFERENCES threads (id) ON DELETE CASCADE,
    word       TEXT NOT NULL,
    message_id TEXT NOT NULL REFERENCES messages (id) ON DELETE CASCADE,
    PRIMARY KEY (thread_id, word, message_id)
);
CREATE INDEX message_words_message ON message_words (message_id);
