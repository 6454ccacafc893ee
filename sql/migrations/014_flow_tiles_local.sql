-- A flow write rewrites only the flow tile rows around what it wrote (issue 4, writes; docs/flows.md, measured
-- in docs/bench-national.md). Until now (007, 012) every write rebuilt flow_tile_lines and flow_tile_pieces for
-- the kind written, because both of the drop rule's inputs were global:
--  * draw_order was a dense row number over the level and kind, and each feature's magnitude entered it as its
--    percent_rank among all features of its level, factor, basis and unit: one new flow renumbered them all;
--  * min_zoom is a feature's place among the first 1,200 of its cell in that order.
-- Here the order is a key each feature carries by itself: basis (observed, documented, modelled), then
-- magnitude, heaviest first (documented flows have none and follow by their number of flows), then the number
-- of flows, then origin, destination and id. It no longer puts each factor's and unit's heaviest features side
-- by side (the raw figures of different units now compete directly; observed before documented before
-- modelled is unchanged). The cells are those of 006 and nest inside the cell of the band's first zoom (a tile
-- of zoom 4, 8 or 11), so a feature's min_zoom depends only on the features of that one cell of its level and
-- kind. A write therefore:
--  1. finds the features it touched (its flows' ends rolled up to each tile level, as 003 writes flow_lines),
--  2. deletes their rows and pieces and writes them again from flow_lines,
--  3. recomputes min_zoom over the band-first-zoom cells those features left or entered, and rewrites the
--     pieces of the features whose min_zoom changed; no other row is touched.
-- To rank a cell without going back to flow_lines, flow_tile_lines now holds every feature, also those the rule
-- never draws (min_zoom = band's last zoom + 1, no pieces; the tile query reads only pieces), with the cell
-- it lies in. A full rebuild (atlas_refresh_flow_min_zoom, same name and callers) runs the same two steps over
-- every feature of its kind, so the two cannot drift apart.

-- The rows are rebuilt below in the new order; emptying first makes the column changes and indexes cheap.
TRUNCATE flow_tile_lines, flow_tile_pieces;

ALTER TABLE flow_tile_lines DROP COLUMN draw_order,
  ADD COLUMN cell_x integer NOT NULL,
  ADD COLUMN cell_y integer NOT NULL;
CREATE INDEX flow_tile_lines_cell_idx ON flow_tile_lines (level, synthetic, cell_x, cell_y);
CREATE INDEX flow_tile_lines_id_idx ON flow_tile_lines (level, synthetic, id);

-- A piece carries its feature's order key (the tile query sorts the crossing features by it before reading
-- any line) and its key to the line (level, synthetic, id, o, d).
ALTER TABLE flow_tile_pieces DROP COLUMN draw_order,
  ADD COLUMN basis_rank smallint NOT NULL,
  ADD COLUMN magnitude numeric,
  ADD COLUMN n integer NOT NULL,
  ADD COLUMN id bigint NOT NULL,
  ADD COLUMN o char(12) NOT NULL,
  ADD COLUMN d char(12) NOT NULL;
CREATE INDEX flow_tile_pieces_id_idx ON flow_tile_pieces (level, synthetic, id);

-- A feature touched by a write: flow_lines' key without the source.
CREATE TYPE atlas_flow_tile_key AS (level text, flow_id bigint, o char(12), d char(12), factor text, basis text, canon_unit text, synthetic boolean);
-- A cell of the band's first zoom, per level and kind: the unit of recomputation.
CREATE TYPE atlas_flow_tile_cell AS (level text, synthetic boolean, cell_x integer, cell_y integer);

-- 007's feature id: at 'recorded' the flow's id; aggregated, 52 bits of a hash of what the feature is, the same
-- in every tile and data version, exact as a JavaScript number (synthetic features hash apart from real ones).
CREATE FUNCTION atlas_flow_tile_id(p_level text, p_flow_id bigint, p_o char(12), p_d char(12), p_factor text, p_basis text,
                                   p_canon_unit text, p_synthetic boolean) RETURNS bigint LANGUAGE sql IMMUTABLE AS $$
  SELECT CASE WHEN p_level = 'recorded' THEN p_flow_id
              ELSE ('x' || substr(md5(concat_ws('|', p_level, p_o::text, p_d::text, p_factor, p_basis, coalesce(nullif(p_canon_unit, ''), '-'),
                                                CASE WHEN p_synthetic THEN 'synthetic' END)), 1, 13))::bit(52)::bigint
         END
$$;

-- Writes the features of flow_lines read by `source` (SQL naming flow_lines rows `fl`, ending in a condition;
-- $1 and $2 are the caller's), min_zoom -1 (not ranked yet), and returns the cells they lie in.
CREATE FUNCTION atlas_flow_tile_features_sql(source text) RETURNS text LANGUAGE sql IMMUTABLE AS $f$
  SELECT format($q$
    WITH feat AS (
      SELECT fl.level, fl.synthetic, fl.flow_id, fl.o, fl.d, fl.factor, fl.basis, fl.canon_unit,
             sum(fl.magnitude) AS m, sum(fl.n)::int AS n,
             string_agg(DISTINCT fl.source_id, ',' ORDER BY fl.source_id) AS sources,
             (array_agg(fl.geom))[1] AS geom
      FROM %s AND fl.geom IS NOT NULL
      GROUP BY fl.level, fl.synthetic, fl.flow_id, fl.o, fl.d, fl.factor, fl.basis, fl.canon_unit
    ),
    ins AS (
      INSERT INTO flow_tile_lines (level, synthetic, min_zoom, cell_x, cell_y, id, o, d, o_name, d_name, factor, basis, magnitude, canon_unit, n, sources, geom)
      SELECT f.level, f.synthetic, -1,
             floor(((ST_XMin(f.geom) + ST_XMax(f.geom)) / 2 + 20037508.342789244) / (40075016.68557849 / 2 ^ b.lo))::int,
             floor(((ST_YMin(f.geom) + ST_YMax(f.geom)) / 2 + 20037508.342789244) / (40075016.68557849 / 2 ^ b.lo))::int,
             atlas_flow_tile_id(f.level, f.flow_id, f.o, f.d, f.factor, f.basis, f.canon_unit, f.synthetic),
             f.o, f.d, uo.name_zh, ud.name_zh, f.factor, f.basis, round(f.m, 4), nullif(f.canon_unit, ''), f.n, f.sources, f.geom
      FROM feat f
      JOIN (VALUES ('county', 4), ('township', 8), ('recorded', 11)) b (level, lo) ON b.level = f.level
      LEFT JOIN units uo ON uo.code = f.o
      LEFT JOIN units ud ON ud.code = f.d
      RETURNING level, synthetic, cell_x, cell_y
    )
    SELECT array_agg(DISTINCT row(level, synthetic, cell_x, cell_y)::atlas_flow_tile_cell) FROM ins
  $q$, source)
$f$;

-- 006's rule over the features of flow_tile_lines chosen by `filter` (SQL over `l`): per zoom of the level's
-- band, per cell (a tile of zoom z − 1, z at the band's first zoom), the first 1,200 in the order key are drawn
-- from z on; never among them: band's last zoom + 1. Only rows whose min_zoom changes are written, and only
-- their pieces are cut again (in geohash order, so a rebuild lays the pieces a tile reads in few blocks).
CREATE FUNCTION atlas_flow_tile_rank_sql(filter text) RETURNS text LANGUAGE sql IMMUTABLE AS $f$
  SELECT format($q$
    WITH cand AS (
      SELECT l.ctid AS tid, l.level, l.synthetic, b.lo, b.hi,
             (ST_XMin(l.geom) + ST_XMax(l.geom)) / 2 AS mx, (ST_YMin(l.geom) + ST_YMax(l.geom)) / 2 AS my,
             CASE l.basis WHEN 'observed' THEN 0 WHEN 'documented' THEN 1 ELSE 2 END AS br, l.magnitude, l.n, l.o, l.d, l.id
      FROM flow_tile_lines l
      JOIN (VALUES ('county', 4, 7), ('township', 8, 10), ('recorded', 11, 14)) b (level, lo, hi) ON b.level = l.level
      WHERE %s
    ),
    -- The band's first two zooms share their cells (both tiles of the first zoom) and so their ranks: ranked
    -- once, at the second, which stands for both.
    per_zoom AS (
      SELECT c.tid, c.hi, CASE WHEN z = c.lo + 1 THEN c.lo ELSE z END AS z,
             row_number() OVER (
               PARTITION BY c.level, c.synthetic, z,
                 floor((c.mx + 20037508.342789244) / (40075016.68557849 / 2 ^ greatest(c.lo, z - 1))),
                 floor((c.my + 20037508.342789244) / (40075016.68557849 / 2 ^ greatest(c.lo, z - 1)))
               ORDER BY c.br, c.magnitude DESC NULLS LAST, c.n DESC, c.o, c.d, c.id
             ) AS rk
      FROM cand c CROSS JOIN LATERAL generate_series(c.lo + 1, c.hi) z
    ),
    first_zoom AS (
      SELECT tid, coalesce(min(z) FILTER (WHERE rk <= 1200), max(hi) + 1)::smallint AS mz
      FROM per_zoom
      GROUP BY tid
    ),
    moved AS (
      UPDATE flow_tile_lines l SET min_zoom = f.mz
      FROM first_zoom f
      WHERE l.ctid = f.tid AND l.min_zoom <> f.mz
      RETURNING l.level, l.synthetic, l.min_zoom, l.id, l.o, l.d, l.basis, l.magnitude, l.n, l.geom
    ),
    gone AS (
      DELETE FROM flow_tile_pieces p USING moved m
      WHERE p.level = m.level AND p.synthetic = m.synthetic AND p.id = m.id AND p.o = m.o AND p.d = m.d
    )
    INSERT INTO flow_tile_pieces (level, synthetic, min_zoom, basis_rank, magnitude, n, id, o, d, geom)
    SELECT m.level, m.synthetic, m.min_zoom, CASE m.basis WHEN 'observed' THEN 0 WHEN 'documented' THEN 1 ELSE 2 END,
           m.magnitude, m.n, m.id, m.o, m.d, s.geom
    FROM moved m
    JOIN (VALUES ('county', 7, 1250000), ('township', 10, 320000), ('recorded', 14, 160000)) b (level, hi, piece) ON b.level = m.level
    CROSS JOIN LATERAL ST_DumpSegments(ST_Segmentize(m.geom, b.piece)) s
    WHERE m.min_zoom <= b.hi
    ORDER BY m.level, ST_GeoHash(ST_Transform(ST_Centroid(s.geom), 4326), 6)
  $q$, filter)
$f$;

-- Rebuild for one kind (007's name, so the rebuild and the units' triggers call it unchanged).
CREATE OR REPLACE FUNCTION atlas_refresh_flow_min_zoom(p_synthetic boolean) RETURNS void LANGUAGE plpgsql
SET plan_cache_mode = force_custom_plan AS $$
DECLARE
  cells atlas_flow_tile_cell[];
BEGIN
  PERFORM pg_advisory_xact_lock(330301, p_synthetic::int);
  DELETE FROM flow_tile_pieces WHERE synthetic = p_synthetic;
  DELETE FROM flow_tile_lines WHERE synthetic = p_synthetic;
  EXECUTE atlas_flow_tile_features_sql('flow_lines fl WHERE fl.synthetic = $1') USING p_synthetic INTO cells;
  EXECUTE atlas_flow_tile_rank_sql('l.synthetic = $1') USING p_synthetic;
END $$;

-- The local write: the features in `keys` are written again from flow_lines, and the cells they left or
-- entered are ranked again. Without JIT: the planner cannot tell how many features a cell holds (a few
-- thousand at most for real flows) and, estimating hundreds of thousands, compiled the ranking for 470 ms of a
-- 540 ms write (EXPLAIN ANALYZE, national bench, 10,000 real flows stored).
CREATE FUNCTION atlas_flow_tiles_write(keys atlas_flow_tile_key[]) RETURNS void LANGUAGE plpgsql
SET plan_cache_mode = force_custom_plan SET jit = off AS $$
DECLARE
  left_cells atlas_flow_tile_cell[];
  entered_cells atlas_flow_tile_cell[];
BEGIN
  -- Two writes ranking one cell at once would each miss the other's new feature (each statement sees only what
  -- was committed when it began), and both could take the cell's last place. Tile writes of one kind therefore
  -- wait for each other until commit (a few to a few hundred milliseconds each); the statements after the lock
  -- see what the other wrote.
  PERFORM pg_advisory_xact_lock(330301, s::int) FROM (SELECT DISTINCT k.synthetic AS s FROM unnest(keys) k ORDER BY 1) x;
  WITH k AS (
    SELECT DISTINCT k.level, k.synthetic, k.o, k.d,
           atlas_flow_tile_id(k.level, k.flow_id, k.o, k.d, k.factor, k.basis, k.canon_unit, k.synthetic) AS id
    FROM unnest(keys) k
  ),
  gone_pieces AS (
    DELETE FROM flow_tile_pieces p USING k
    WHERE p.level = k.level AND p.synthetic = k.synthetic AND p.id = k.id AND p.o = k.o AND p.d = k.d
  ),
  gone AS (
    DELETE FROM flow_tile_lines l USING k
    WHERE l.level = k.level AND l.synthetic = k.synthetic AND l.id = k.id AND l.o = k.o AND l.d = k.d
    RETURNING l.level, l.synthetic, l.cell_x, l.cell_y
  )
  SELECT array_agg(DISTINCT row(level, synthetic, cell_x, cell_y)::atlas_flow_tile_cell) INTO left_cells FROM gone;
  EXECUTE atlas_flow_tile_features_sql(
    'unnest($2::atlas_flow_tile_key[]) k JOIN flow_lines fl ON fl.level = k.level AND fl.flow_id = k.flow_id AND fl.o = k.o AND fl.d = k.d
       AND fl.factor = k.factor AND fl.basis = k.basis AND fl.canon_unit = k.canon_unit AND fl.synthetic = k.synthetic'
  ) USING NULL::boolean, keys INTO entered_cells;
  EXECUTE atlas_flow_tile_rank_sql(
    '(l.level, l.synthetic, l.cell_x, l.cell_y) IN (SELECT c.level, c.synthetic, c.cell_x, c.cell_y FROM unnest($2::atlas_flow_tile_cell[]) c)'
  ) USING NULL::boolean, coalesce(left_cells, '{}') || coalesce(entered_cells, '{}');
END $$;

-- The rows a flows trigger's statement changed, as (sign, every column of flows): +1 added, −1 removed.
CREATE FUNCTION atlas_flow_changed_sql(op text) RETURNS text LANGUAGE sql IMMUTABLE AS $$
  SELECT CASE op
    WHEN 'INSERT' THEN 'SELECT 1 AS sign, n.* FROM new_rows n'
    WHEN 'DELETE' THEN 'SELECT -1 AS sign, o.* FROM old_rows o'
    ELSE 'SELECT 1 AS sign, n.* FROM new_rows n UNION ALL SELECT -1, o.* FROM old_rows o'
  END
$$;

-- As in 012 (the sums first; the tile rows only if flow_lines, written by the last two of 003's statements,
-- changed), except that the tile rows rewritten are those of the features the write touched and of their cells
-- (above), instead of the whole kind written.
CREATE OR REPLACE FUNCTION atlas_flows_changed() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  changed text := atlas_flow_changed_sql(TG_OP);
  stmts text[] := atlas_flow_delta_sql(changed);
  stmt text;
  lines_changed bigint := 0;
  rows_written bigint;
  keys atlas_flow_tile_key[];
BEGIN
  FOREACH stmt IN ARRAY stmts[1:2] LOOP
    EXECUTE stmt;
  END LOOP;
  FOREACH stmt IN ARRAY stmts[3:4] LOOP
    EXECUTE stmt;
    GET DIAGNOSTICS rows_written = ROW_COUNT;
    lines_changed := lines_changed + rows_written;
  END LOOP;
  IF lines_changed > 0 THEN
    -- The features whose flow_lines rows the write changed: its flows' ends rolled up as 003 does for flow_lines.
    EXECUTE format($q$
      SELECT array_agg(DISTINCT row(e.level, e.flow_id, e.o, e.d, e.factor, e.basis, e.canon_unit, e.synthetic)::atlas_flow_tile_key)
      FROM (
        SELECT lv.level, ch.factor, ch.basis, ch.synthetic,
               CASE WHEN lv.level = 'recorded' THEN ch.id ELSE 0 END AS flow_id,
               coalesce(mu.canonical_key, '') AS canon_unit,
               CASE WHEN lv.level = 'recorded' THEN ch.origin_code
                    ELSE rollup_code(lv.level, eo.province_code, eo.prefecture_code, eo.county_code, eo.township_code, eo.village_code) END AS o,
               CASE WHEN lv.level = 'recorded' THEN ch.dest_code
                    ELSE rollup_code(lv.level, ed.province_code, ed.prefecture_code, ed.county_code, ed.township_code, ed.village_code) END AS d
        FROM (%s) ch
        CROSS JOIN (VALUES ('county'), ('township'), ('recorded')) lv (level)
        JOIN unit_rollup eo ON eo.code = ch.origin_code
        JOIN unit_rollup ed ON ed.code = ch.dest_code
        LEFT JOIN measure_units mu ON mu.key = ch.magnitude_unit
      ) e
      WHERE e.o <> e.d
    $q$, changed) INTO keys;
    IF keys IS NOT NULL THEN
      PERFORM atlas_flow_tiles_write(keys);
    END IF;
  END IF;
  RETURN NULL;
END $$;

SELECT atlas_refresh_flow_min_zoom(false);
SELECT atlas_refresh_flow_min_zoom(true);
ANALYZE flow_tile_lines, flow_tile_pieces;
