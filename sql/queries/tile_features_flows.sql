-- The features of the flows tile layer (not a statement on its own): server/tiles/flow-tiles.ts puts "WITH"
-- before it and a tile_encode_* file after it, once at start-up.
-- $1 level: 'county', 'township' or 'recorded' | $2 include synthetic (benchmark) flows | $3 z | $4 x | $5 y
-- The lines come ready from flow_lines (sql/migrations/003_flow_aggregates.sql), which the flows' own
-- triggers keep current: each flow's ends rolled up to the level exactly as the shared roll-up does,
-- drawn between the ends' representative points, one row per source, flows internal to one unit left out
-- (a self-loop has no line to draw). A tile reads only the rows whose line crosses it and whose min_zoom
-- (the drop rule of sql/migrations/006_flow_lines_min_zoom.sql: at most 1,200 features a cell)
-- is at most z, through one n-D GiST index, and sums them per origin, destination, factor, basis and
-- canonical unit, so bases and units are never mixed; at 'recorded' each flow is its own feature under its own id.
bounds AS (
  SELECT tile, probe,
         -- The index key of sql/migrations/006: the tile's box from 100·level to 100·level + z, so the index
         -- returns only lines of this level first drawn at z or before.
         ST_SetSRID(ST_MakeLine(ST_MakePoint(ST_XMin(probe), ST_YMin(probe), lz),
                                ST_MakePoint(ST_XMax(probe), ST_YMax(probe), lz + $3::int)), 3857) AS probe3d
  FROM (SELECT ST_TileEnvelope($3, $4, $5) AS tile,
               ST_TileEnvelope($3, $4, $5, margin => 64.0 / 4096) AS probe,
               CASE $1::text WHEN 'county' THEN 100 WHEN 'township' THEN 200 ELSE 300 END AS lz) e
),
agg AS (
  SELECT l.o, l.d, l.factor, l.basis, nullif(l.canon_unit, '') AS canon_unit, l.flow_id,
         round(sum(l.magnitude), 4) AS magnitude,
         sum(l.n)::int AS n,
         string_agg(DISTINCT l.source_id, ',' ORDER BY l.source_id) AS sources,
         (array_agg(l.geom))[1] AS geom
  FROM flow_lines l, bounds
  WHERE l.level = $1::text
    AND ($2::boolean OR NOT l.synthetic)
    AND ST_Force3D(l.geom, CASE l.level WHEN 'county' THEN 100 WHEN 'township' THEN 200 ELSE 300 END + l.min_zoom) &&& bounds.probe3d
    -- A line's box can overlap the tile without the line crossing it (long diagonal pairs); those would only
    -- add bytes, so the exact test follows the index's box test.
    AND ST_Intersects(l.geom, bounds.probe)
  GROUP BY l.o, l.d, l.factor, l.basis, l.canon_unit, l.flow_id
),
f AS (
  SELECT
    -- As recorded: the flow's id. Aggregated: 52 bits of a hash of what the feature is, so the id is the same
    -- in every tile and every data version, and stays exact as a JavaScript number.
    CASE WHEN $1::text = 'recorded' THEN a.flow_id
         ELSE ('x' || substr(md5(concat_ws('|', $1::text, a.o::text, a.d::text, a.factor, a.basis, coalesce(a.canon_unit, '-'))), 1, 13))::bit(52)::bigint
    END AS id,
    jsonb_strip_nulls(jsonb_build_object(
      'origin', a.o::text, 'dest', a.d::text, 'origin_name', uo.name_zh, 'dest_name', ud.name_zh,
      'factor', a.factor, 'basis', a.basis, 'magnitude', a.magnitude, 'unit', a.canon_unit, 'count', a.n,
      'level', $1::text, 'sources', a.sources
    )) AS props,
    a.geom
  FROM agg a
  JOIN units uo ON uo.code = a.o
  JOIN units ud ON ud.code = a.d
)
