-- GET /api/units: filter, stable order by code, page by limit/offset.
-- $1 level | $2 parent code | $3..$6 bbox (w,s,e,n) | $7 text search | $8 code prefix | $9 limit | $10 offset
-- $11 true: each geometry is only its envelope (a search list needs where to fly, not the outline)
-- Each filter is skipped when its value is null, so the plan text stays one prepared shape.
WITH matched AS (
  SELECT u.*
  FROM units u
  WHERE ($1::text IS NULL OR u.level = $1)
    AND ($2::char(12) IS NULL OR u.parent_code = $2::char(12))
    AND ($3::float8 IS NULL OR coalesce(u.geom, u.point) && ST_MakeEnvelope($3, $4, $5, $6, 4326))
    AND ($7::text IS NULL
         OR u.name_zh LIKE '%' || $7 || '%' ESCAPE '\'
         OR u.name_pinyin LIKE lower(replace($7, ' ', '')) || '%' ESCAPE '\'
         OR lower(u.name_en) LIKE '%' || lower($7) || '%' ESCAPE '\')
    AND ($8::text IS NULL OR u.code LIKE $8 || '%')
)
SELECT
  m.code, m.parent_code, m.level, m.name_zh, m.name_en, m.geom_quality, m.point_basis, m.source_id, m.vintage,
  ST_AsGeoJSON(CASE WHEN $11::boolean THEN ST_Envelope(coalesce(m.geom, m.point)) ELSE coalesce(m.geom, m.point) END, 6)::json AS geometry,
  count(*) OVER () AS total
FROM matched m
ORDER BY m.code
LIMIT $9 OFFSET $10
