-- Flow tiles within 100 ms of database time and a hard cap per tile (issue 4; measured in
-- docs/bench-national.md). EXPLAIN (ANALYZE, BUFFERS) of the busiest national tile under 006 (8/208/101,
-- 5,102 features, 280 ms): 135 ms in the index scan over flow_lines (10,379 candidate rows from 12,066 blocks
-- of a 795 MB table, one row per source, most rows never drawn), 55 ms joining units twice for the names,
-- 15 ms grouping the per-source rows into features, 66 ms in ST_AsMVT. At z11-z14 most candidates were long
-- lines whose bounding box covers the tile while the line misses it (16,317 candidates for 2,474 lines at
-- 11/1670/812; 14,612 for 380 at z14). The geometry was already stored in EPSG:3857 as two-point lines, so
-- there was no transform or densifying to remove.
--
-- Two tables, rebuilt for the kind of flow written by the function that 006 used for min_zoom alone (so
-- every write path, the rebuild and the units' triggers keep them current unchanged):
--  * flow_tile_lines: what a tile draws and nothing else. One row per feature (flow_lines' per-source rows
--    summed, sources listed, names and id ready), only features drawn at some zoom of their level's band, with
--     - min_zoom: 006's drop rule, unchanged (at most 1,200 features a cell; docs/flows.md, flow tiles);
--     - draw_order: the feature's place in one order over its level and kind (real or synthetic): basis
--       (observed, documented, modelled), then the magnitude's rank among the features of its level, factor,
--       basis and unit, heaviest first (documented ones by their number of flows), then the number of flows,
--       then the codes. A tile draws at most its first 2,000 crossing features in this order
--       (sql/queries/tile_features_flows.sql), so no tile can exceed the cap whatever lies around it.
--  * flow_tile_pieces: each line cut into pieces no longer than 1,250 km (county), 320 km (township) or
--    160 km (recorded), stored in spatial order, for the index: a piece's box is close to the piece, so a tile
--    reads few lines that miss it. Only the tile's first 2,000 features are then read from flow_tile_lines.
-- Names are stored, so a renaming updates them here (the units trigger below).

CREATE TABLE IF NOT EXISTS flow_tile_lines (
  level      text NOT NULL,
  synthetic  boolean NOT NULL,
  min_zoom   smallint NOT NULL,
  draw_order integer NOT NULL,
  id         bigint NOT NULL,
  o          char(12) NOT NULL,
  d          char(12) NOT NULL,
  o_name     text,
  d_name     text,
  factor     text NOT NULL,
  basis      text NOT NULL,
  magnitude  numeric,
  canon_unit text,
  n          integer NOT NULL,
  sources    text NOT NULL,
  geom       geometry(LineString, 3857) NOT NULL
);

CREATE UNIQUE INDEX IF NOT EXISTS flow_tile_lines_order_idx ON flow_tile_lines (level, synthetic, draw_order);
CREATE INDEX IF NOT EXISTS flow_tile_lines_o_idx ON flow_tile_lines (o);
CREATE INDEX IF NOT EXISTS flow_tile_lines_d_idx ON flow_tile_lines (d);

CREATE TABLE IF NOT EXISTS flow_tile_pieces (
  level      text NOT NULL,
  synthetic  boolean NOT NULL,
  min_zoom   smallint NOT NULL,
  draw_order integer NOT NULL,
  geom       geometry(LineString, 3857) NOT NULL
);
-- "This level, this kind, this box, min_zoom <= z" in one index: the piece lifted to a third dimension,
-- 100 per level, + 50 for synthetic lines, + min_zoom; a tile searches a 3-D box over itself from the level's
-- base to base + z (real lines only), or to base + 50 + z when synthetic lines are included (benchmarks).
-- sql/queries/tile_features_flows.sql repeats the expression exactly, so the planner matches it.
CREATE INDEX IF NOT EXISTS flow_tile_pieces_zoom_geom_idx ON flow_tile_pieces USING gist (
  ST_Force3D(geom, CASE level WHEN 'county' THEN 100 WHEN 'township' THEN 200 ELSE 300 END
                   + CASE WHEN synthetic THEN 50 ELSE 0 END + min_zoom) gist_geometry_ops_nd
);

-- 006's rule, now writing flow_tile_lines for one kind of flow (same name, so its callers are unchanged).
CREATE OR REPLACE FUNCTION atlas_refresh_flow_min_zoom(p_synthetic boolean) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  DELETE FROM flow_tile_pieces WHERE synthetic = p_synthetic;
  DELETE FROM flow_tile_lines WHERE synthetic = p_synthetic;
  INSERT INTO flow_tile_lines (level, synthetic, min_zoom, draw_order, id, o, d, o_name, d_name, factor, basis, magnitude, canon_unit, n, sources, geom)
  WITH feat AS (
    SELECT level, flow_id, o, d, factor, basis, canon_unit,
           sum(magnitude) AS m, sum(n)::int AS n,
           string_agg(DISTINCT source_id, ',' ORDER BY source_id) AS sources,
           (array_agg(geom))[1] AS geom,
           min((ST_XMin(geom) + ST_XMax(geom)) / 2) AS mx, min((ST_YMin(geom) + ST_YMax(geom)) / 2) AS my
    FROM flow_lines
    WHERE synthetic = p_synthetic AND geom IS NOT NULL
    GROUP BY level, flow_id, o, d, factor, basis, canon_unit
  ),
  ranked AS (
    SELECT f.*, b.lo, b.hi,
           CASE basis WHEN 'observed' THEN 0 WHEN 'documented' THEN 1 ELSE 2 END AS basis_rank,
           percent_rank() OVER (PARTITION BY f.level, factor, basis, canon_unit ORDER BY m NULLS FIRST) AS m_rank
    FROM feat f
    JOIN (VALUES ('county', 4, 7), ('township', 8, 10), ('recorded', 11, 14)) b (level, lo, hi) ON b.level = f.level
  ),
  ordered AS (
    SELECT r.*,
           row_number() OVER (PARTITION BY level ORDER BY basis_rank, m_rank DESC, n DESC, o, d, flow_id, factor, canon_unit)::int AS draw_order
    FROM ranked r
  ),
  per_zoom AS (
    SELECT b.level, b.flow_id, b.o, b.d, b.factor, b.basis, b.canon_unit, z,
           row_number() OVER (
             PARTITION BY b.level, z,
               floor((b.mx + 20037508.342789244) / (40075016.68557849 / 2 ^ greatest(b.lo, z - 1))),
               floor((b.my + 20037508.342789244) / (40075016.68557849 / 2 ^ greatest(b.lo, z - 1)))
             ORDER BY b.draw_order
           ) AS rk
    FROM ordered b CROSS JOIN LATERAL generate_series(b.lo, b.hi) z
  ),
  first_zoom AS (
    SELECT level, flow_id, o, d, factor, basis, canon_unit, min(z) AS min_zoom
    FROM per_zoom
    WHERE rk <= 1200
    GROUP BY level, flow_id, o, d, factor, basis, canon_unit
  )
  SELECT x.level, p_synthetic, fz.min_zoom, x.draw_order,
         -- As recorded: the flow's id. Aggregated: 52 bits of a hash of what the feature is, the same in every
         -- tile and data version, exact as a JavaScript number (synthetic features hash apart from real ones).
         CASE WHEN x.level = 'recorded' THEN x.flow_id
              ELSE ('x' || substr(md5(concat_ws('|', x.level, x.o::text, x.d::text, x.factor, x.basis, coalesce(nullif(x.canon_unit, ''), '-'),
                                                CASE WHEN p_synthetic THEN 'synthetic' END)), 1, 13))::bit(52)::bigint
         END,
         x.o, x.d, uo.name_zh, ud.name_zh, x.factor, x.basis, round(x.m, 4), nullif(x.canon_unit, ''), x.n, x.sources, x.geom
  FROM ordered x
  JOIN first_zoom fz USING (level, flow_id, o, d, factor, basis, canon_unit)
  LEFT JOIN units uo ON uo.code = x.o
  LEFT JOIN units ud ON ud.code = x.d
  ORDER BY x.level, x.draw_order;
  -- In geohash order, so the pieces a tile reads lie in few blocks (a bulk rebuild; later writes append).
  INSERT INTO flow_tile_pieces (level, synthetic, min_zoom, draw_order, geom)
  SELECT l.level, l.synthetic, l.min_zoom, l.draw_order, s.geom
  FROM flow_tile_lines l,
  LATERAL ST_DumpSegments(ST_Segmentize(l.geom, CASE l.level WHEN 'county' THEN 1250000 WHEN 'township' THEN 320000 ELSE 160000 END)) s
  WHERE l.synthetic = p_synthetic
  ORDER BY l.level, ST_GeoHash(ST_Transform(ST_Centroid(s.geom), 4326), 6);
END $$;

-- A renaming changes no line, only the names drawn with it; anything else that moves a line rebuilds (003).
CREATE OR REPLACE FUNCTION atlas_units_updated() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF EXISTS (
    SELECT 1 FROM new_rows n LEFT JOIN old_rows o ON o.code = n.code
    WHERE o.code IS NULL OR n.parent_code IS DISTINCT FROM o.parent_code OR n.level IS DISTINCT FROM o.level
       OR n.point IS DISTINCT FROM o.point OR (n.point IS NULL AND n.geom IS DISTINCT FROM o.geom)
  ) THEN
    PERFORM atlas_rebuild_flow_aggregates();
  ELSE
    UPDATE flow_tile_lines l SET o_name = n.name_zh
    FROM new_rows n JOIN old_rows o ON o.code = n.code
    WHERE l.o = n.code AND n.name_zh IS DISTINCT FROM o.name_zh;
    UPDATE flow_tile_lines l SET d_name = n.name_zh
    FROM new_rows n JOIN old_rows o ON o.code = n.code
    WHERE l.d = n.code AND n.name_zh IS DISTINCT FROM o.name_zh;
  END IF;
  RETURN NULL;
END $$;

-- 006's per-line min_zoom and its index (359 MB nationally) served only the tile query, which now reads
-- flow_tile_lines.
DROP INDEX IF EXISTS flow_lines_zoom_geom_idx;
ALTER TABLE flow_lines DROP COLUMN IF EXISTS min_zoom;

SELECT atlas_refresh_flow_min_zoom(false);
SELECT atlas_refresh_flow_min_zoom(true);
ANALYZE flow_tile_lines, flow_tile_pieces;
