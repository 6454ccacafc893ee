-- The features of one point layer in tile ($1 z, $2 x, $3 y). Points are stored in EPSG:4326, so the index
-- is probed with the widened envelope in 4326 (a mercator rectangle is a lon/lat rectangle) and only the
-- hits are projected. {{levels}} is filled once per layer at start-up from the allow-list in
-- server/tiles/layers.ts.
WITH bounds AS (
  SELECT ST_TileEnvelope($1, $2, $3) AS tile,
         ST_Transform(ST_TileEnvelope($1, $2, $3, margin => 64.0 / 4096), 4326) AS probe
),
f AS (
  SELECT u.code::bigint AS id,
         jsonb_strip_nulls(jsonb_build_object(
           'code', u.code::text, 'name_zh', u.name_zh, 'name_en', u.name_en, 'level', u.level,
           'parent_code', u.parent_code::text, 'geom_quality', u.geom_quality, 'source_id', u.source_id,
           'point_basis', u.point_basis, 'point_source_id', u.point_source_id
         )) AS props,
         ST_Transform(u.point, 3857) AS geom
  FROM bounds
  JOIN units u ON u.point && bounds.probe
  WHERE u.level IN ({{levels}})
)
