-- Only with --repair: make invalid shapes valid (ST_MakeValid keeps every vertex) and say which.
UPDATE import_stage s SET geom = ST_Multi(ST_CollectionExtract(ST_MakeValid(s.geom), 3))
FROM (SELECT idx, ST_IsValidReason(geom) AS reason FROM import_stage WHERE geom IS NOT NULL AND NOT ST_IsValid(geom)) bad
WHERE s.idx = bad.idx
RETURNING s.idx, s.where_text, s.code::text AS code, bad.reason;
