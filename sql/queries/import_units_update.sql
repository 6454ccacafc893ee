-- Overwrite the units of one level whose staged version differs in any column; identical rows are not
-- touched, so re-running an import changes nothing. Shapes compare by their exact binary form. $1: level.
-- Returns the counts and the codes of the units whose shape changed (including a shape removed).
WITH changed AS (
  SELECT s.*, ST_AsEWKB(u.geom) IS DISTINCT FROM ST_AsEWKB(s.geom) AS geom_changed
  FROM import_stage s
  JOIN units u ON u.code = s.code
  WHERE s.level = $1
    AND (u.parent_code, u.level, u.name_zh, u.name_en, u.name_pinyin, u.geom_quality, u.point_basis, u.source_id, u.vintage,
         u.geom_source_id, u.point_source_id, u.note, ST_AsEWKB(u.geom), ST_AsEWKB(u.point))
        IS DISTINCT FROM
        (s.parent_code, s.level, s.name_zh, s.name_en, s.name_pinyin, s.geom_quality, s.point_basis, s.source_id, s.vintage,
         s.geom_source_id, s.point_source_id, s.note, ST_AsEWKB(s.geom), ST_AsEWKB(s.point))
),
upd AS (
  UPDATE units u SET
    parent_code = c.parent_code, level = c.level, name_zh = c.name_zh, name_en = c.name_en, name_pinyin = c.name_pinyin,
    geom = c.geom, point = c.point, geom_quality = c.geom_quality, point_basis = c.point_basis, source_id = c.source_id,
    vintage = c.vintage, geom_source_id = c.geom_source_id, point_source_id = c.point_source_id, note = c.note
  FROM changed c
  WHERE u.code = c.code
  RETURNING u.code, c.geom_changed
)
SELECT count(*)::int AS n, count(*) FILTER (WHERE geom_changed)::int AS with_geom,
       coalesce(array_agg(code::text) FILTER (WHERE geom_changed), '{}') AS shape_codes
FROM upd;
