-- The features of one polygon layer in tile ($1 z, $2 x, $3 y), read from the pre-generalised zoom band $4.
-- Martin's query shape: an index probe with the tile envelope widened by the 64-unit buffer. {{levels}} is
-- filled once per layer at start-up from the allow-list in server/tiles/layers.ts; only z, x, y and the band
-- are bound per request. The tile_encode_* file that follows turns f into a tile.
WITH bounds AS (
  SELECT ST_TileEnvelope($1, $2, $3) AS tile,
         ST_TileEnvelope($1, $2, $3, margin => 64.0 / 4096) AS probe
),
f AS (
  SELECT u.code::bigint AS id,
         jsonb_strip_nulls(jsonb_build_object(
           'code', u.code::text, 'name_zh', u.name_zh, 'name_en', u.name_en, 'level', u.level,
           'parent_code', u.parent_code::text, 'geom_quality', u.geom_quality, 'source_id', u.source_id,
           'geom_source_id', u.geom_source_id
         )) AS props,
         g.geom
  FROM bounds
  JOIN unit_geom_generalised g ON g.geom && bounds.probe
  JOIN units u ON u.code = g.code
  WHERE g.band = $4 AND u.level IN ({{levels}})
)
