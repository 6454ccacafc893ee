-- OGC API – Features: items of the units collections (all units, or one level), in code order (the
-- primary key, so pages never overlap or skip), paged by limit/offset. Serves single items too ($11).
-- $1..$4 bbox w,s,e,n | $5,$6 west and east of a second box when the bbox crosses the antimeridian
-- $7,$8 datetime start, end (inclusive; null = open) | $9 limit | $10 offset
-- $11 feature id (null: all) | $12 level (null: every level)
-- Each filter is skipped when its value is null, so the text stays one prepared shape.
-- A unit's time is the year its vintage starts with ('2023', '2020-06'): it matches a datetime that meets
-- any instant of that year. A vintage that names no year matches no datetime filter.
WITH matched AS (
  SELECT u.code
  FROM units u
  CROSS JOIN LATERAL (SELECT substring(u.vintage from '^[0-9]{4}')::int AS year) v
  WHERE ($12::text IS NULL OR u.level = $12::text)
    AND ($11::text IS NULL OR u.code = $11::char(12))
    AND ($1::float8 IS NULL
         OR (u.geom IS NOT NULL AND ST_Intersects(u.geom, ST_MakeEnvelope($1, $2, $3, $4, 4326)))
         OR (u.geom IS NULL AND ST_Intersects(u.point, ST_MakeEnvelope($1, $2, $3, $4, 4326)))
         OR ($5::float8 IS NOT NULL AND (
                (u.geom IS NOT NULL AND ST_Intersects(u.geom, ST_MakeEnvelope($5, $2, $6, $4, 4326)))
             OR (u.geom IS NULL AND ST_Intersects(u.point, ST_MakeEnvelope($5, $2, $6, $4, 4326))))))
    AND (($7::timestamptz IS NULL AND $8::timestamptz IS NULL)
         OR (v.year IS NOT NULL
             AND ($8::timestamptz IS NULL OR make_timestamptz(v.year, 1, 1, 0, 0, 0, 'UTC') <= $8::timestamptz)
             AND ($7::timestamptz IS NULL OR make_timestamptz(v.year + 1, 1, 1, 0, 0, 0, 'UTC') > $7::timestamptz)))
)
SELECT t.total, p.id, p.geometry, p.properties
FROM (SELECT count(*)::int AS total FROM matched) t
LEFT JOIN LATERAL (
  SELECT
    u.code::text AS id,
    ST_AsGeoJSON(coalesce(u.geom, u.point), 6)::json AS geometry,
    json_build_object(
      'code', u.code::text,
      'parent_code', u.parent_code::text,
      'level', u.level,
      'name_zh', u.name_zh,
      'name_en', u.name_en,
      'geom_quality', u.geom_quality,
      'geometry_kind', CASE WHEN u.geom IS NOT NULL THEN 'boundary' WHEN u.point IS NOT NULL THEN 'point' END,
      'point_basis', u.point_basis,
      'point_lon', round(ST_X(u.point)::numeric, 6),
      'point_lat', round(ST_Y(u.point)::numeric, 6),
      'vintage', u.vintage,
      'source_id', s.id,
      'source_title', s.title,
      'source_publisher', s.publisher,
      'source_url', s.url,
      'source_licence', s.licence,
      'source_original_crs', s.original_crs
    ) AS properties
  FROM matched m
  JOIN units u ON u.code = m.code
  JOIN sources s ON s.id = u.source_id
  ORDER BY m.code
  LIMIT $9 OFFSET $10
) p ON true
ORDER BY p.id
