-- Everything wrong with the staged units, in input order; the import stops if any row comes back.
-- $1: west, $2: south, $3: east, $4: north of the box every coordinate must lie in (China).
WITH parent AS (
  SELECT s.idx, s.code, s.parent_code, s.level,
         COALESCE(ps.level, pu.level) AS parent_level
  FROM import_stage s
  LEFT JOIN import_stage ps ON ps.code = s.parent_code
  LEFT JOIN units pu ON pu.code = s.parent_code AND ps.code IS NULL
  WHERE s.parent_code IS NOT NULL
),
dup AS (
  SELECT idx FROM (SELECT idx, row_number() OVER (PARTITION BY code ORDER BY idx) AS n FROM import_stage) d WHERE n > 1
),
problem AS (
  SELECT s.idx, 'the code appears more than once in the input' AS reason
  FROM import_stage s JOIN dup USING (idx)
  UNION ALL
  SELECT idx, 'cannot be transformed from EPSG:' || ST_SRID(COALESCE(geom_raw, point_raw)) || ' to WGS-84 (coordinates outside that system''s area?)'
  FROM import_stage WHERE (geom_raw IS NOT NULL AND geom IS NULL) OR (point_raw IS NOT NULL AND point IS NULL)
  UNION ALL
  SELECT idx, 'invalid geometry: ' || ST_IsValidReason(geom)
  FROM import_stage WHERE geom IS NOT NULL AND NOT ST_IsValid(geom)
  UNION ALL
  SELECT idx, 'empty geometry' FROM import_stage WHERE geom IS NOT NULL AND ST_IsEmpty(geom)
  UNION ALL
  SELECT idx, format('lies outside China: its extent %s–%s°E, %s–%s°N is not within %s–%s°E, %s–%s°N',
                     round(ST_XMin(g)::numeric, 4), round(ST_XMax(g)::numeric, 4), round(ST_YMin(g)::numeric, 4), round(ST_YMax(g)::numeric, 4),
                     $1::float8, $3::float8, $2::float8, $4::float8)
  FROM (SELECT idx, COALESCE(geom, point) AS g FROM import_stage) x
  WHERE g IS NOT NULL AND NOT ST_IsEmpty(g)
    AND (ST_XMin(g) < $1::float8 OR ST_YMin(g) < $2::float8 OR ST_XMax(g) > $3::float8 OR ST_YMax(g) > $4::float8)
  UNION ALL
  SELECT p.idx, format('parent %s does not exist (neither in this input nor in the database)', p.parent_code)
  FROM parent p WHERE p.parent_level IS NULL
  UNION ALL
  SELECT p.idx, format('a %s cannot sit under %s, a %s', p.level, p.parent_code, p.parent_level)
  FROM parent p
  JOIN unit_levels cl ON cl.level = p.level
  JOIN unit_levels pl ON pl.level = p.parent_level
  WHERE cl.rank <= pl.rank
  UNION ALL
  SELECT p.idx, format('code %s lies outside the code range of its parent %s (%s…)', p.code, p.parent_code, substr(p.parent_code, 1, pl.code_prefix))
  FROM parent p
  JOIN unit_levels pl ON pl.level = p.parent_level
  WHERE substr(p.code, 1, pl.code_prefix) <> substr(p.parent_code, 1, pl.code_prefix)
)
SELECT s.idx, s.where_text, s.code::text AS code, p.reason
FROM problem p JOIN import_stage s USING (idx)
ORDER BY s.idx, p.reason
LIMIT 100;
