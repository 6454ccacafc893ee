-- OGC API – Features: one page of a collection, or one feature. At start-up the collection's feature
-- query (sql/queries/ogc_features_<collection>.sql) is pasted in where {{features}} stands, and
-- {{id_type}} becomes the SQL type of its id; per request only the values below are bound.
-- The feature query yields: id (the primary key, so pages in id order never overlap or skip), geom
-- (4326, may be null), t_start (inclusive) and t_end (exclusive) as timestamptz (one null: open at that
-- end; both null: no time known, so no datetime filter matches), properties (json) and source_id; the
-- source's fields are added here, so no collection can serve a feature without its provenance.
-- $1..$4 bbox w,s,e,n | $5,$6 west and east of a second box when the bbox crosses the antimeridian
-- $7,$8 datetime start, end (inclusive; null: open) | $9 limit | $10 offset | $11 feature id (null: all)
-- Each filter is skipped when its value is null, so the text stays one prepared shape.
WITH matched AS (
  SELECT f.id
  FROM ({{features}}
  ) f
  WHERE ($11::{{id_type}} IS NULL OR f.id = $11::{{id_type}})
    AND ($1::float8 IS NULL
         OR ST_Intersects(f.geom, ST_MakeEnvelope($1, $2, $3, $4, 4326))
         OR ($5::float8 IS NOT NULL AND ST_Intersects(f.geom, ST_MakeEnvelope($5, $2, $6, $4, 4326))))
    AND (($7::timestamptz IS NULL AND $8::timestamptz IS NULL)
         OR ((f.t_start IS NOT NULL OR f.t_end IS NOT NULL)
             AND ($8::timestamptz IS NULL OR f.t_start IS NULL OR f.t_start <= $8::timestamptz)
             AND ($7::timestamptz IS NULL OR f.t_end IS NULL OR f.t_end > $7::timestamptz)))
),
page AS (
  SELECT id FROM matched ORDER BY id LIMIT $9 OFFSET $10
)
SELECT t.total, p.id, p.geometry, p.properties, p.source
FROM (SELECT count(*)::int AS total FROM matched) t
LEFT JOIN LATERAL (
  SELECT
    f.id,
    ST_AsGeoJSON(f.geom, 6)::json AS geometry,
    f.properties,
    json_build_object(
      'source_id', s.id,
      'source_title', s.title,
      'source_publisher', s.publisher,
      'source_url', s.url,
      'source_licence', s.licence,
      'source_original_crs', s.original_crs
    ) AS source
  FROM ({{features}}
  ) f
  JOIN sources s ON s.id = f.source_id
  WHERE f.id IN (SELECT id FROM page)
) p ON true
ORDER BY p.id
