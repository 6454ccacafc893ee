-- Flow tiles bounded by design (issue 4): each tile feature of flow_lines gets the first zoom at which it is
-- drawn, min_zoom, and a tile reads only the lines with min_zoom <= z. The rule (docs/tiles.md, flows):
--  * each level is drawn over its own zoom band (county z4–7, township z8–10, recorded z11–14);
--  * at zoom z the world is cut into cells the size of a tile one zoom out (z − 1; z itself at the band's
--    first zoom, so the cells of a band nest); a feature belongs to the cell holding the middle of its line
--    (lines reach into neighbouring tiles, hence cells larger than a tile), and is drawn at z only if it is
--    among the 1,200 first of its cell in this order:
--    basis (observed, then documented, then modelled), then its magnitude's rank among the features of its
--    level, factor, basis and unit (documented flows have no figure: they rank among themselves by their
--    number of flows, and always before modelled ones), then its number of flows, then its codes (so the
--    choice is stable);
--  * a feature still not among the first at the band's last zoom gets min_zoom = last zoom + 1: it is not
--    drawn at this level (its flows can still be drawn at the next, finer level; past z14 never);
--  * synthetic (benchmark) and real flows are ranked apart, so benchmark lines never push out real ones.
-- The cells nest, so a feature first drawn at z is drawn at every zoom of the band after z.
ALTER TABLE flow_lines ADD COLUMN IF NOT EXISTS min_zoom smallint NOT NULL DEFAULT 0;

CREATE OR REPLACE FUNCTION atlas_refresh_flow_min_zoom(p_synthetic boolean) RETURNS void LANGUAGE sql AS $$
  WITH feat AS (
    SELECT level, flow_id, o, d, factor, basis, canon_unit,
           sum(magnitude) AS m, sum(n) AS n,
           min((ST_XMin(geom) + ST_XMax(geom)) / 2) AS mx, min((ST_YMin(geom) + ST_YMax(geom)) / 2) AS my
    FROM flow_lines
    WHERE synthetic = p_synthetic AND geom IS NOT NULL
    GROUP BY level, flow_id, o, d, factor, basis, canon_unit
  ),
  ranked AS (
    SELECT f.*,
           CASE basis WHEN 'observed' THEN 0 WHEN 'documented' THEN 1 ELSE 2 END AS basis_rank,
           percent_rank() OVER (PARTITION BY level, factor, basis, canon_unit ORDER BY m NULLS FIRST) AS m_rank
    FROM feat f
  ),
  band AS (
    SELECT r.*, b.lo, b.hi
    FROM ranked r
    JOIN (VALUES ('county', 4, 7), ('township', 8, 10), ('recorded', 11, 14)) b (level, lo, hi) ON b.level = r.level
  ),
  per_zoom AS (
    SELECT b.level, b.flow_id, b.o, b.d, b.factor, b.basis, b.canon_unit, b.hi, z,
           row_number() OVER (
             PARTITION BY b.level, z,
               floor((b.mx + 20037508.342789244) / (40075016.68557849 / 2 ^ greatest(b.lo, z - 1))),
               floor((b.my + 20037508.342789244) / (40075016.68557849 / 2 ^ greatest(b.lo, z - 1)))
             ORDER BY b.basis_rank, b.m_rank DESC, b.n DESC, b.o, b.d, b.flow_id, b.factor, b.canon_unit
           ) AS rk
    FROM band b CROSS JOIN LATERAL generate_series(b.lo, b.hi) z
  ),
  first_zoom AS (
    SELECT level, flow_id, o, d, factor, basis, canon_unit,
           coalesce(min(z) FILTER (WHERE rk <= 1200), max(hi) + 1) AS min_zoom
    FROM per_zoom
    GROUP BY level, flow_id, o, d, factor, basis, canon_unit
  )
  UPDATE flow_lines l SET min_zoom = fz.min_zoom
  FROM first_zoom fz
  WHERE l.synthetic = p_synthetic
    AND l.level = fz.level AND l.flow_id = fz.flow_id AND l.o = fz.o AND l.d = fz.d
    AND l.factor = fz.factor AND l.basis = fz.basis AND l.canon_unit = fz.canon_unit
    AND l.min_zoom IS DISTINCT FROM fz.min_zoom;
$$;

-- Rebuild: as in 003, then the drop rule over both kinds of flow.
CREATE OR REPLACE FUNCTION atlas_rebuild_flow_aggregates() RETURNS void LANGUAGE plpgsql AS $$
DECLARE
  stmt text;
BEGIN
  PERFORM atlas_refresh_unit_rollup();
  DELETE FROM balance_cube;
  DELETE FROM flow_lines;
  FOREACH stmt IN ARRAY atlas_flow_delta_sql('SELECT 1 AS sign, f.* FROM flows f') LOOP
    EXECUTE stmt;
  END LOOP;
  PERFORM atlas_refresh_flow_min_zoom(false);
  PERFORM atlas_refresh_flow_min_zoom(true);
END $$;

-- A write changes which features are first in their cells, so the rule is recomputed for the kind of flow
-- written (real flows are few, even nationally; bulk synthetic loads switch triggers off and rebuild).
CREATE OR REPLACE FUNCTION atlas_flows_changed() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  stmt text;
  changed text := CASE TG_OP
      WHEN 'INSERT' THEN 'SELECT 1 AS sign, n.* FROM new_rows n'
      WHEN 'DELETE' THEN 'SELECT -1 AS sign, o.* FROM old_rows o'
      ELSE 'SELECT 1 AS sign, n.* FROM new_rows n UNION ALL SELECT -1, o.* FROM old_rows o'
    END;
  kind boolean;
BEGIN
  FOREACH stmt IN ARRAY atlas_flow_delta_sql(changed) LOOP
    EXECUTE stmt;
  END LOOP;
  FOR kind IN EXECUTE format('SELECT DISTINCT synthetic FROM (%s) ch', changed) LOOP
    PERFORM atlas_refresh_flow_min_zoom(kind);
  END LOOP;
  RETURN NULL;
END $$;

-- One index serves "this level, this box, min_zoom <= z": the line lifted to a third dimension, 100 per
-- level plus its min_zoom, searched with a 3-D box over the tile from 100·level to 100·level + z (see
-- sql/queries/tile_features_flows.sql, which repeats the expression exactly so the planner matches it).
-- It replaces 005's per-level GiST indexes, which returned every line of the level in the box.
CREATE INDEX IF NOT EXISTS flow_lines_zoom_geom_idx ON flow_lines USING gist (
  ST_Force3D(geom, CASE level WHEN 'county' THEN 100 WHEN 'township' THEN 200 ELSE 300 END + min_zoom) gist_geometry_ops_nd
);
DROP INDEX IF EXISTS flow_lines_county_geom_idx;
DROP INDEX IF EXISTS flow_lines_township_geom_idx;
DROP INDEX IF EXISTS flow_lines_recorded_geom_idx;

SELECT atlas_refresh_flow_min_zoom(false);
SELECT atlas_refresh_flow_min_zoom(true);
ANALYZE flow_lines;
