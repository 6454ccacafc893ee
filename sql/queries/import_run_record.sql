-- The record of one import. $1 source, $2 input, $3 inserted, $4 updated, $5 skipped, $6 data version
-- written (null when nothing changed), $7 notes (JSON).
INSERT INTO import_runs (source_id, input, inserted, updated, skipped, data_version, notes)
VALUES ($1, $2, $3, $4, $5, $6, $7::jsonb)
RETURNING id;
