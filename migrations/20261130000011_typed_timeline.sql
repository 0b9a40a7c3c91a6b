-- A case's timeline records typed changes (app::domain::timeline::Change) as JSON. The kind
-- and stage columns stay for queries that count moves; the old free-text `detail` is no longer
-- written. Entries written before are typed once at start-up (db::cases::type_legacy_timeline).
ALTER TABLE case_events ADD COLUMN change TEXT;
