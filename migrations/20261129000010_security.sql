-- Security review (issue 13).

-- Organisation names are unique per country by a normalised key (Unicode NFKC, case folded,
-- invisible characters removed, whitespace collapsed), computed in Rust when a name is written.
-- lower(name) is a first approximation for earlier rows; the app refreshes them at start-up.
ALTER TABLE organisations ADD COLUMN name_key TEXT;
UPDATE organisations SET name_key = lower(name);
DROP INDEX organisations_name_country;
CREATE UNIQUE INDEX organisations_name_key_country ON organisations (name_key, country);

-- The last TOTP time step each account used: a code is accepted once.
ALTER TABLE users ADD COLUMN totp_last_step BIGINT NOT NULL DEFAULT 0;

-- Browsers an account signed in from, or that its owner unlocked with an e-mailed link
-- (confirmed), and unlock links not yet followed (unconfirmed). Wrong passwords from a known
-- browser are counted for that browser only, so a stranger's guesses cannot lock its owner out.
CREATE TABLE known_devices (
    token_hash TEXT PRIMARY KEY,
    user_id    TEXT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    confirmed  BOOLEAN NOT NULL,
    created_at BIGINT NOT NULL,
    expires_at BIGINT NOT NULL
);
CREATE INDEX known_devices_user ON known_devices (user_id);
