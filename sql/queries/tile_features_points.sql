-- The features of one point layer in tile ($1 z, $2 x, $3 y). Points are stored in EPSG:4326, so the index
-- is probed with the widened envelope in lon/lat (a mercator rectangle is a lon/lat rectangle) and only the
-- hits are projected. Spherical mercator is written out rather than left to ST_Transform, whose PROJ set-up
-- costs every new database connection a few hundred milliseconds on its first tile. {{levels}} is filled
-- once per layer at start-up from the allow-list in server/tiles/layers.ts.
WITH bounds AS (
  SELECT e.tile,
         ST_MakeEnvelope(
           degrees(ST_XMin(e.probe) / 6378137), degrees(2 * atan(exp(ST_YMin(e.probe) / 6378137)) - pi() / 2),
           degrees(ST_XMax(e.probe) / 6378137), degrees(2 * atan(exp(ST_YMax(e.probe) / 6378137)) - pi() / 2),
           4326
         ) AS probe
  FROM (SELECT ST_TileEnvelope($1, $2, $3) AS tile, ST_TileEnvelope($1, $2, $3, margin => 64.0 / 4096) AS probe) e
),
f AS (
  SELECT u.code::bigint AS id,
         jsonb_strip_nulls(jsonb_build_object(
           'code', u.code::text, 'name_zh', u.name_zh, 'name_en', u.name_en, 'level', u.level,
           'parent_code', u.parent_code::text, 'geom_quality', u.geom_quality, 'source_id', u.source_id,
           'point_basis', u.point_basis, 'point_source_id', u.point_source_id
         )) AS props,
         ST_SetSRID(ST_MakePoint(
           6378137 * radians(ST_X(u.point)),
           6378137 * ln(tan(pi() / 4 + radians(ST_Y(u.point)) / 2))
         ), 3857) AS geom
  FROM bounds
  JOIN units u ON u.point && bounds.probe
  WHERE u.level IN ({{levels}})
)
