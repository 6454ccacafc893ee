-- A joined seat that falls outside its own county's outline came from a same-named place elsewhere, or
-- is simply wrong: drop the point (the unit stays, without one) and say which. $1: levels to check.
UPDATE import_stage s
SET point = NULL, point_raw = NULL, point_basis = NULL, point_source_id = NULL
FROM import_stage c
WHERE c.code = rpad(substr(s.code, 1, 6), 12, '0')
  AND s.level = ANY ($1::text[])
  AND s.point IS NOT NULL
  AND c.geom IS NOT NULL
  AND NOT ST_Intersects(c.geom, s.point)
RETURNING s.idx, s.where_text, s.code::text AS code, s.level, s.name_zh;
