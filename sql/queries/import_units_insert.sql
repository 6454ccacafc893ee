-- Add the staged units of one level that the database does not have yet. $1: level. Returns the counts and
-- the codes of the units with a shape (their generalised tile shapes need building).
WITH ins AS (
  INSERT INTO units (code, parent_code, level, name_zh, name_en, name_pinyin, geom, point, geom_quality, point_basis,
                     source_id, vintage, geom_source_id, point_source_id, note)
  SELECT s.code, s.parent_code, s.level, s.name_zh, s.name_en, s.name_pinyin, s.geom, s.point, s.geom_quality, s.point_basis,
         s.source_id, s.vintage, s.geom_source_id, s.point_source_id, s.note
  FROM import_stage s
  WHERE s.level = $1 AND NOT EXISTS (SELECT 1 FROM units u WHERE u.code = s.code)
  ORDER BY s.code
  RETURNING code, geom IS NOT NULL AS has_geom
)
SELECT count(*)::int AS n, count(*) FILTER (WHERE has_geom)::int AS with_geom,
       coalesce(array_agg(code::text) FILTER (WHERE has_geom), '{}') AS shape_codes
FROM ins;
