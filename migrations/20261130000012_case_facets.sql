-- What each case is about, so similar cases and the board's filters are found in SQL rather
-- than by reading every case: its scope's issue areas and regions once written, else its
-- request's. Written in the transaction that opens the case or writes its scope; cases opened
-- before are indexed once at start-up (db::cases::index_missing_facets).
CREATE TABLE case_facets (
    case_id TEXT NOT NULL REFERENCES cases (id) ON DELETE CASCADE,
    facet   TEXT NOT NULL CHECK (facet IN ('area', 'region')),
    value   TEXT NOT NULL,
    PRIMARY KEY (case_id, facet, value)
);
CREATE INDEX case_facets_value ON case_facets (facet, value);
ALTER TABLE cases ADD COLUMN facets_indexed BOOLEAN NOT NULL DEFAULT FALSE;
