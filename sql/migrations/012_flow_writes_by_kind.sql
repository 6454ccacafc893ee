-- A flow write costs what it writes, not what the tables hold (issue 4, writes; docs/flows.md, measured in
-- docs/bench-national.md). On the national bench database (1,000,000 synthetic flows, no real ones) inserting
-- 100 real flows took 590–700 ms, 550–650 ms of it in the tile tables' trigger: 006/007 rebuild
-- flow_tile_lines and flow_tile_pieces for the kind of flow written (real or synthetic), and each of that
-- rebuild's statements (`WHERE synthetic = p_synthetic`) read the whole of flow_lines (2.5 M rows, 957 MB),
-- flow_tile_lines and flow_tile_pieces to find the few real rows.
--
-- What a write already changes by difference, in its own statement's triggers (unchanged here): balance_cube
-- and flow_lines (003), flow_rolled (009), balance_qualifier_cube (011) — only the rows of the written flows'
-- ends at every level they roll up to, factor, basis, unit and period.
--
-- What stays a rebuild for the kind written: the tile tables' order. A feature's draw_order is the rank of
-- its magnitude among all features of its level, factor, basis and unit (percent_rank), and its min_zoom is its
-- place among the 1,200 first of its cell in that order, so one new flow can move every feature of its kind
-- (007). Making that local needs a drop rule whose order does not depend on the other features; that is a
-- change to what the tiles draw (docs/tiles.md), not made here. This migration makes the rebuild read only the
-- rows of the kind written, and skips it when the write changed no tile line:
--  * partial indexes over the real rows of the three tables the rebuild reads, and custom plans for the
--    rebuild's statements (the kind is then a constant the planner can match to the indexes' predicate; a
--    generic plan, which PL/pgSQL may switch to after five calls, would scan everything again);
--  * the trigger refreshes the tile tables only when flow_lines changed (an edit of a note, a period, a
--    mechanism or a qualifier changes no line, so it rewrites no tile row).

CREATE INDEX IF NOT EXISTS flow_lines_real_idx ON flow_lines (level) WHERE NOT synthetic;
CREATE INDEX IF NOT EXISTS flow_tile_lines_real_idx ON flow_tile_lines (level, draw_order) WHERE NOT synthetic;
CREATE INDEX IF NOT EXISTS flow_tile_pieces_real_idx ON flow_tile_pieces (level) WHERE NOT synthetic;

ALTER FUNCTION atlas_refresh_flow_min_zoom(boolean) SET plan_cache_mode = force_custom_plan;

-- As in 006, except that the tile tables are refreshed only if the statements that write flow_lines (the last
-- two of atlas_flow_delta_sql's four, 003) changed a row: the tile tables are a function of flow_lines and the
-- units alone.
CREATE OR REPLACE FUNCTION atlas_flows_changed() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  changed text := CASE TG_OP
      WHEN 'INSERT' THEN 'SELECT 1 AS sign, n.* FROM new_rows n'
      WHEN 'DELETE' THEN 'SELECT -1 AS sign, o.* FROM old_rows o'
      ELSE 'SELECT 1 AS sign, n.* FROM new_rows n UNION ALL SELECT -1, o.* FROM old_rows o'
    END;
  stmts text[] := atlas_flow_delta_sql(changed);
  lines_changed bigint := 0;
  touched bigint;
  kind boolean;
BEGIN
  FOR i IN 1 .. array_length(stmts, 1) LOOP
    EXECUTE stmts[i];
    GET DIAGNOSTICS touched = ROW_COUNT;
    IF i > 2 THEN
      lines_changed := lines_changed + touched;
    END IF;
  END LOOP;
  IF lines_changed > 0 THEN
    FOR kind IN EXECUTE format('SELECT DISTINCT synthetic FROM (%s) ch', changed) LOOP
      PERFORM atlas_refresh_flow_min_zoom(kind);
    END LOOP;
  END IF;
  RETURN NULL;
END $$;
