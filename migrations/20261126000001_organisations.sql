-- Organisations people act for. Portable SQL: runs unchanged on SQLite and PostgreSQL.
-- Ids are UUIDv7 text made in Rust; timestamps are Unix milliseconds (UTC).
CREATE TABLE organisations (
    id          TEXT PRIMARY KEY,
    name        TEXT NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
    kind        TEXT NOT NULL CHECK (kind IN ('government', 'ngo', 'private_firm', 'multilateral', 'academic')),
    country     TEXT NOT NULL CHECK (length(country) = 2),
    website     TEXT CHECK (website IS NULL OR length(website) <= 500),
    description TEXT NOT NULL DEFAULT '' CHECK (length(description) <= 2000),
    verified    BOOLEAN NOT NULL DEFAULT FALSE,
    created_at  BIGINT NOT NULL,
    updated_at  BIGINT NOT NULL
);

CREATE UNIQUE INDEX organisations_name_country ON organisations (lower(name), country);
CREATE INDEX organisations_kind ON organisations (kind);
CREATE INDEX organisations_country ON organisations (country);
