-- The drop rule weighs each feature's magnitude against its own group again (issue 4; docs/tiles.md, "order").
-- 014 made flow writes local by giving each feature an order key of its own (basis, then raw magnitude), but the
-- raw figures of different factors and units then compete directly: in a crowded cell (more than 1,200
-- features in a cell of the band's first zoom, as at national scale) capital in cny_10k crowds out labour in
-- persons and land in hectares at low zoom. Before 014, percent_rank within level, factor, basis and unit kept
-- them side by side, but one new flow renumbered every feature of its kind.
-- Here the key's magnitude is relative: the feature's magnitude divided by its group's scale, the 99th
-- percentile of the magnitudes of the features of its level, kind (synthetic), factor, basis and canonical unit
-- (1 when the group has no positive figure), stored in flow_tile_scales. The key stays a feature's own, so a
-- write stays local:
--  * the full rebuild (atlas_refresh_flow_min_zoom, same name and callers) computes every scale of its kind;
--  * a write reads the stored scales; a group that has none yet (its first features) gets one computed from those
--    features alone when they are written (a trigger on flow_tile_lines), and stored; 014's write is unchanged;
--  * scales are NOT recomputed on writes (that would make every write global again). Between full rebuilds a
--    group's scale can therefore be stale (its figures grew or shrank since); that only shifts how the groups
--    interleave in a crowded cell, never the order within a group, and the next full rebuild corrects it.
-- Unchanged from 014: observed before documented before modelled; documented flows (no magnitude) follow by their
-- number of flows; ties by number of flows, origin, destination, id; 012's custom plans, 014's advisory lock
-- and the write's JIT off.

CREATE TABLE flow_tile_scales (
  level text NOT NULL,
  synthetic boolean NOT NULL,
  factor text NOT NULL,
  basis text NOT NULL,
  canon_unit text NOT NULL,  -- '' when the feature has none (flow_tile_lines.canon_unit is NULL)
  scale double precision NOT NULL CHECK (scale > 0),
  PRIMARY KEY (level, synthetic, factor, basis, canon_unit)
);

-- The tile query sorts the crossing pieces by the key before reading any line, so the piece carries it.
TRUNCATE flow_tile_lines, flow_tile_pieces;
ALTER TABLE flow_tile_pieces ADD COLUMN rel double precision;

-- A group's scale is stored when its first features are written, by the statement that writes them (the full
-- rebuild's, or a write's): the 99th percentile of their positive magnitudes. A group with features always has a
-- scale, so the rows written there are all of its features. Later writes leave it as it is.
CREATE FUNCTION atlas_flow_tile_scales_new() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO flow_tile_scales (level, synthetic, factor, basis, canon_unit, scale)
  SELECT n.level, n.synthetic, n.factor, n.basis, coalesce(n.canon_unit, ''),
         coalesce(nullif(percentile_cont(0.99) WITHIN GROUP (ORDER BY n.magnitude::float8) FILTER (WHERE n.magnitude > 0), 0), 1)
  FROM new_rows n
  WHERE NOT EXISTS (SELECT 1 FROM flow_tile_scales s
                    WHERE s.level = n.level AND s.synthetic = n.synthetic AND s.factor = n.factor AND s.basis = n.basis
                      AND s.canon_unit = coalesce(n.canon_unit, ''))
  GROUP BY n.level, n.synthetic, n.factor, n.basis, coalesce(n.canon_unit, '');
  RETURN NULL;
END $$;
CREATE TRIGGER flow_tile_lines_scales AFTER INSERT ON flow_tile_lines REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION atlas_flow_tile_scales_new();

-- 014's rule with the relative key (magnitude / its group's stored scale) in place of the raw magnitude.
CREATE OR REPLACE FUNCTION atlas_flow_tile_rank_sql(filter text) RETURNS text LANGUAGE sql IMMUTABLE AS $f$
  SELECT format($q$
    -- The cells' features first, as in 014, and their scales only then: joined to flow_tile_scales (or looking
    -- them up in a subquery) in one step, the planner read every line of flow_tile_lines before the cells'
    -- filter (0.9-1.7 s of a 1 s write on the national bench, against 33 ms for 014's; EXPLAIN ANALYZE).
    WITH lines AS MATERIALIZED (
      SELECT l.ctid AS tid, l.level, l.synthetic, b.lo, b.hi,
             (ST_XMin(l.geom) + ST_XMax(l.geom)) / 2 AS mx, (ST_YMin(l.geom) + ST_YMax(l.geom)) / 2 AS my,
             CASE l.basis WHEN 'observed' THEN 0 WHEN 'documented' THEN 1 ELSE 2 END AS br,
             l.factor, l.basis, coalesce(l.canon_unit, '') AS cu, l.magnitude, l.n, l.o, l.d, l.id
      FROM flow_tile_lines l
      JOIN (VALUES ('county', 4, 7), ('township', 8, 10), ('recorded', 11, 14)) b (level, lo, hi) ON b.level = l.level
      WHERE %s
    ),
    cand AS (
      SELECT c.*, c.magnitude::float8 / coalesce(s.scale, 1) AS rel
      FROM lines c
      LEFT JOIN flow_tile_scales s ON s.level = c.level AND s.synthetic = c.synthetic AND s.factor = c.factor AND s.basis = c.basis
                                  AND s.canon_unit = c.cu
    ),
    per_zoom AS (
      SELECT c.tid, c.hi, c.rel, CASE WHEN z = c.lo + 1 THEN c.lo ELSE z END AS z,
             row_number() OVER (
               PARTITION BY c.level, c.synthetic, z,
                 floor((c.mx + 20037508.342789244) / (40075016.68557849 / 2 ^ greatest(c.lo, z - 1))),
                 floor((c.my + 20037508.342789244) / (40075016.68557849 / 2 ^ greatest(c.lo, z - 1)))
               ORDER BY c.br, c.rel DESC NULLS LAST, c.n DESC, c.o, c.d, c.id
             ) AS rk
      FROM cand c CROSS JOIN LATERAL generate_series(c.lo + 1, c.hi) z
    ),
    first_zoom AS (
      SELECT tid, min(rel) AS rel, coalesce(min(z) FILTER (WHERE rk <= 1200), max(hi) + 1)::smallint AS mz
      FROM per_zoom
      GROUP BY tid
    ),
    moved AS (
      UPDATE flow_tile_lines l SET min_zoom = f.mz
      FROM first_zoom f
      WHERE l.ctid = f.tid AND l.min_zoom <> f.mz
      RETURNING l.level, l.synthetic, l.min_zoom, l.id, l.o, l.d, l.basis, l.magnitude, f.rel, l.n, l.geom
    ),
    gone AS (
      DELETE FROM flow_tile_pieces p USING moved m
      WHERE p.level = m.level AND p.synthetic = m.synthetic AND p.id = m.id AND p.o = m.o AND p.d = m.d
    )
    INSERT INTO flow_tile_pieces (level, synthetic, min_zoom, basis_rank, magnitude, rel, n, id, o, d, geom)
    SELECT m.level, m.synthetic, m.min_zoom, CASE m.basis WHEN 'observed' THEN 0 WHEN 'documented' THEN 1 ELSE 2 END,
           m.magnitude, m.rel, m.n, m.id, m.o, m.d, s.geom
    FROM moved m
    JOIN (VALUES ('county', 7, 1250000), ('township', 10, 320000), ('recorded', 14, 160000)) b (level, hi, piece) ON b.level = m.level
    CROSS JOIN LATERAL ST_DumpSegments(ST_Segmentize(m.geom, b.piece)) s
    WHERE m.min_zoom <= b.hi
    ORDER BY m.level, ST_GeoHash(ST_Transform(ST_Centroid(s.geom), 4326), 6)
  $q$, filter)
$f$;

-- 014's rebuild of the tile rows of one kind, under the scales stored (a group without one gets it then).
ALTER FUNCTION atlas_refresh_flow_min_zoom(boolean) RENAME TO atlas_flow_tiles_rebuild;

-- The full rebuild of one kind (007's name and callers): the kind's scales dropped, so that each is computed
-- again from all of its group's features, then the rows.
CREATE FUNCTION atlas_refresh_flow_min_zoom(p_synthetic boolean) RETURNS void LANGUAGE plpgsql
SET plan_cache_mode = force_custom_plan AS $$
BEGIN
  PERFORM pg_advisory_xact_lock(330301, p_synthetic::int);
  DELETE FROM flow_tile_scales WHERE synthetic = p_synthetic;
  PERFORM atlas_flow_tiles_rebuild(p_synthetic);
END $$;

SELECT atlas_refresh_flow_min_zoom(false);
SELECT atlas_refresh_flow_min_zoom(true);
ANALYZE flow_tile_lines, flow_tile_pieces, flow_tile_scales;
