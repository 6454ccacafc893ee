-- The features of the flows tile layer (not a statement on its own): server/tiles/flow-tiles.ts puts "WITH"
-- before it and a tile_encode_* file after it, once at start-up.
-- $1 level: 'county', 'township' or 'recorded' | $2 include synthetic (benchmark) flows | $3 z | $4 x | $5 y
-- The features come ready from flow_tile_lines (sql/migrations/007_flow_tile_lines.sql), which the flows' own
-- triggers keep current: each flow's ends rolled up to the level exactly as the shared roll-up does, drawn
-- between the ends' representative points, summed per origin, destination, factor, basis and canonical unit
-- (bases and units never mixed; at 'recorded' each flow is its own feature under its own id), flows internal
-- to one unit left out (a self-loop has no line to draw), names, sources and id stored with the line.
-- A tile reads, through one n-D GiST index over the lines cut into pieces (flow_tile_pieces), only the features
-- of its level and kind whose min_zoom (the drop rule: at most 1,200 features a cell) is at most z and whose
-- line crosses it, and draws at most the first 2,000 of them in the drop rule's order (observed, documented,
-- then modelled; heaviest first against the feature's own factor, basis and unit): a hard cap per tile, whatever lies around it.
bounds AS (
  SELECT tile, probe,
         -- The index key of sql/migrations/007: the tile's box from the level's base to base + z (real lines),
         -- or to base + 50 + z (synthetic lines too, whose key is 50 higher; min_zoom is then checked below).
         ST_SetSRID(ST_MakeLine(ST_MakePoint(ST_XMin(probe), ST_YMin(probe), lz),
                                ST_MakePoint(ST_XMax(probe), ST_YMax(probe), lz + CASE WHEN $2::boolean THEN 50 ELSE 0 END + $3::int)), 3857) AS probe3d
  FROM (SELECT ST_TileEnvelope($3, $4, $5) AS tile,
               ST_TileEnvelope($3, $4, $5, margin => 64.0 / 4096) AS probe,
               CASE $1::text WHEN 'county' THEN 100 WHEN 'township' THEN 200 ELSE 300 END AS lz) e
),
-- The tile's first 2,000 features: the pieces crossing it, one hit per line (a line may cross in several pieces),
-- in the order key each piece carries (sql/migrations/014, 015): basis, heaviest first relative to the scale of
-- the feature's factor, basis and unit, number of flows, codes, id.
drawn AS (
  SELECT DISTINCT p.basis_rank, p.rel, p.n, p.o, p.d, p.id, p.synthetic
  FROM flow_tile_pieces p, bounds
  WHERE ST_Force3D(p.geom, CASE p.level WHEN 'county' THEN 100 WHEN 'township' THEN 200 ELSE 300 END
                           + CASE WHEN p.synthetic THEN 50 ELSE 0 END + p.min_zoom) &&& bounds.probe3d
    AND p.level = $1::text
    AND p.min_zoom <= $3::int
    -- A piece's box can overlap the tile without the piece crossing it; those would only add bytes, so the
    -- exact test follows the index's box test.
    AND ST_Intersects(p.geom, bounds.probe)
  ORDER BY p.basis_rank, p.rel DESC NULLS LAST, p.n DESC, p.o, p.d, p.id, p.synthetic
  LIMIT 2000
),
f AS (
  SELECT a.id,
    jsonb_strip_nulls(jsonb_build_object(
      'origin', a.o::text, 'dest', a.d::text, 'origin_name', a.o_name, 'dest_name', a.d_name,
      'factor', a.factor, 'basis', a.basis, 'magnitude', a.magnitude, 'unit', a.canon_unit, 'count', a.n,
      'level', $1::text, 'sources', a.sources
    )) AS props,
    a.geom
  FROM drawn h
  JOIN flow_tile_lines a ON a.level = $1::text AND a.synthetic = h.synthetic AND a.id = h.id AND a.o = h.o AND a.d = h.d
)
