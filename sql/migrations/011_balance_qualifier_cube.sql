-- A balance with one qualifier filter (mechanism, integration type or benefit linkage: the map's filters)
-- answered from sums kept ahead of the request (issue 4, the national county balance; docs/bench-national.md).
-- balance_cube (003) keeps no qualifier, so such a balance took the exact path: a scan of all of flow_rolled
-- (293 MB nationally; a filter that keeps 19 % of the flows still touches nearly every page) and two hash
-- aggregations of the flows kept, 937 ms in the database for labour + one mechanism at county level.
--
-- balance_qualifier_cube holds balance_cube's all-periods sums once more per qualifier (kind, value): a flow
-- counts under its mechanism, under its integration type and under each distinct benefit linkage it names.
-- So it answers exactly (server/analysis/balance-cube.ts decides):
--  * mechanisms or integration types, any number of values: a flow has at most one of each, so the values'
--    rows add up without counting a flow twice;
--  * one benefit linkage: a flow with several linkages is under each, so "any of two linkages" would count it
--    twice and stays on the exact path;
-- with no period range (only all-periods sums are kept: per period it would be ~17 times the rows, see 004),
-- no unit filter, and no second kind of qualifier. Everything else keeps the exact path.
-- Kept current like balance_cube: statement triggers on flows (delta SQL over the transition tables, in the
-- writing transaction), rebuilt with the rest by atlas_rebuild_flow_aggregates() (unit changes, bulk loads).

CREATE TABLE IF NOT EXISTS balance_qualifier_cube (
  kind           text NOT NULL,      -- 'mechanism', 'integration' or 'benefit'
  value          text NOT NULL,
  level          text NOT NULL,
  factor         text NOT NULL,
  basis          text NOT NULL,
  canon_unit     text NOT NULL,      -- '' for documented flows, as in balance_cube
  code           char(12) NOT NULL,
  synthetic      boolean NOT NULL,
  inflow         numeric NOT NULL,
  outflow        numeric NOT NULL,
  internal       numeric NOT NULL,
  inflow_count   integer NOT NULL,
  outflow_count  integer NOT NULL,
  internal_count integer NOT NULL,
  -- In the order the balance reads and groups them (balance_qualifier_cube.sql, as 010 for balance_cube), with
  -- the sums in the index so that a vacuumed cube answers from the index alone.
  PRIMARY KEY (kind, value, level, factor, basis, canon_unit, code, synthetic)
    INCLUDE (inflow, outflow, internal, inflow_count, outflow_count, internal_count)
);
-- Rows whose flows have all gone are deleted after each change; this finds them without a scan.
CREATE INDEX IF NOT EXISTS balance_qualifier_cube_empty_idx ON balance_qualifier_cube (level)
  WHERE inflow_count = 0 AND outflow_count = 0 AND internal_count = 0;

-- The planner's estimate of one balance's rows: value implies kind, so the columns' separate statistics
-- multiplied to a thirtieth of the national county rows (310 for 8,386), and the balance's tail then joined
-- them by a nested loop over all of them per unit: 4.2 s instead of 53 ms. Joint statistics estimate 8,645.
CREATE STATISTICS IF NOT EXISTS balance_qualifier_cube_stats (mcv, dependencies) ON kind, value, level, factor, basis
  FROM balance_qualifier_cube;

-- The two statements that add a signed set of flows to balance_qualifier_cube: `changed` is SQL giving rows
-- (sign, every column of flows), as for atlas_flow_delta_sql (003), whose ends and sides this repeats per
-- qualifier so that both cubes count the same flows under the same units.
CREATE OR REPLACE FUNCTION atlas_flow_qualifier_delta_sql(changed text) RETURNS text[] LANGUAGE sql IMMUTABLE AS $f$
  SELECT ARRAY[
    format($q$
      WITH changed AS (%s),
      quals AS (
        SELECT ch.*, q.kind, q.value
        FROM changed ch
        CROSS JOIN LATERAL (
          SELECT 'mechanism', ch.mechanism WHERE ch.mechanism IS NOT NULL
          UNION ALL
          SELECT 'integration', ch.integration_type WHERE ch.integration_type IS NOT NULL
          UNION ALL
          -- Each linkage once, even if the array repeats it ("any of" counts the flow once).
          SELECT 'benefit', b.v FROM unnest(ch.benefit_linkage) WITH ORDINALITY b (v, i)
          WHERE b.v IS NOT NULL AND array_position(ch.benefit_linkage, b.v) = b.i
        ) q (kind, value)
      ),
      ends AS (
        SELECT ch.sign, ch.kind, ch.value, ch.factor, ch.basis, ch.synthetic, lv.level,
               coalesce(mu.canonical_key, '') AS canon_unit,
               coalesce(ch.magnitude * mu.to_canonical, 0) AS m,
               rollup_code(lv.level, eo.province_code, eo.prefecture_code, eo.county_code, eo.township_code, eo.village_code) AS o,
               rollup_code(lv.level, ed.province_code, ed.prefecture_code, ed.county_code, ed.township_code, ed.village_code) AS d,
               CASE lv.level WHEN 'province' THEN eo.province_code WHEN 'prefecture' THEN eo.prefecture_code ELSE eo.county_code END IS NOT NULL AS o_at,
               CASE lv.level WHEN 'province' THEN ed.province_code WHEN 'prefecture' THEN ed.prefecture_code ELSE ed.county_code END IS NOT NULL AS d_at
        FROM quals ch
        CROSS JOIN (VALUES ('province'), ('prefecture'), ('county')) lv (level)
        JOIN unit_rollup eo ON eo.code = ch.origin_code
        JOIN unit_rollup ed ON ed.code = ch.dest_code
        LEFT JOIN measure_units mu ON mu.key = ch.magnitude_unit
      ),
      sides AS (
        SELECT sign, kind, value, level, o AS code, factor, basis, canon_unit, synthetic,
               0 AS inflow, CASE WHEN o <> d THEN m ELSE 0 END AS outflow, CASE WHEN o = d THEN m ELSE 0 END AS internal,
               0 AS n_in, (o <> d)::int AS n_out, (o = d)::int AS n_internal
        FROM ends WHERE o_at
        UNION ALL
        SELECT sign, kind, value, level, d, factor, basis, canon_unit, synthetic, m, 0, 0, 1, 0, 0
        FROM ends WHERE d_at AND o <> d
      ),
      delta AS (
        SELECT kind, value, level, factor, basis, canon_unit, code, synthetic,
               sum(sign * inflow) AS inflow, sum(sign * outflow) AS outflow, sum(sign * internal) AS internal,
               sum(sign * n_in)::int AS n_in, sum(sign * n_out)::int AS n_out, sum(sign * n_internal)::int AS n_internal
        FROM sides
        GROUP BY 1, 2, 3, 4, 5, 6, 7, 8
        HAVING sum(sign * n_in) <> 0 OR sum(sign * n_out) <> 0 OR sum(sign * n_internal) <> 0
            OR sum(sign * inflow) <> 0 OR sum(sign * outflow) <> 0 OR sum(sign * internal) <> 0
      )
      INSERT INTO balance_qualifier_cube AS c SELECT * FROM delta
      -- In key order, so that a rebuild writes the rows of one balance next to each other.
      ORDER BY 1, 2, 3, 4, 5, 6, 7, 8
      ON CONFLICT (kind, value, level, factor, basis, canon_unit, code, synthetic) DO UPDATE SET
        inflow = c.inflow + excluded.inflow, outflow = c.outflow + excluded.outflow, internal = c.internal + excluded.internal,
        inflow_count = c.inflow_count + excluded.inflow_count, outflow_count = c.outflow_count + excluded.outflow_count,
        internal_count = c.internal_count + excluded.internal_count
    $q$, changed),
    'DELETE FROM balance_qualifier_cube WHERE inflow_count = 0 AND outflow_count = 0 AND internal_count = 0'
  ]
$f$;

-- TRUNCATE rather than DELETE for the same reason as flow_rolled (009): a rebuild rewrites every row.
CREATE OR REPLACE FUNCTION atlas_refresh_balance_qualifier_cube() RETURNS void LANGUAGE plpgsql AS $$
DECLARE
  stmt text;
BEGIN
  TRUNCATE balance_qualifier_cube;
  FOREACH stmt IN ARRAY atlas_flow_qualifier_delta_sql('SELECT 1 AS sign, f.* FROM flows f') LOOP
    EXECUTE stmt;
  END LOOP;
END $$;

CREATE OR REPLACE FUNCTION atlas_flows_qualifier_changed() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  stmt text;
BEGIN
  FOREACH stmt IN ARRAY atlas_flow_qualifier_delta_sql(CASE TG_OP
      WHEN 'INSERT' THEN 'SELECT 1 AS sign, n.* FROM new_rows n'
      WHEN 'DELETE' THEN 'SELECT -1 AS sign, o.* FROM old_rows o'
      ELSE 'SELECT 1 AS sign, n.* FROM new_rows n UNION ALL SELECT -1, o.* FROM old_rows o'
    END) LOOP
    EXECUTE stmt;
  END LOOP;
  RETURN NULL;
END $$;

CREATE OR REPLACE FUNCTION atlas_flows_qualifier_truncated() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  DELETE FROM balance_qualifier_cube;
  RETURN NULL;
END $$;

DROP TRIGGER IF EXISTS flows_qualifier_insert ON flows;
DROP TRIGGER IF EXISTS flows_qualifier_update ON flows;
DROP TRIGGER IF EXISTS flows_qualifier_delete ON flows;
DROP TRIGGER IF EXISTS flows_qualifier_truncate ON flows;
CREATE TRIGGER flows_qualifier_insert AFTER INSERT ON flows
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION atlas_flows_qualifier_changed();
CREATE TRIGGER flows_qualifier_update AFTER UPDATE ON flows
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION atlas_flows_qualifier_changed();
CREATE TRIGGER flows_qualifier_delete AFTER DELETE ON flows
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION atlas_flows_qualifier_changed();
CREATE TRIGGER flows_qualifier_truncate AFTER TRUNCATE ON flows
  FOR EACH STATEMENT EXECUTE FUNCTION atlas_flows_qualifier_truncated();

-- Rebuild (a change to the units, or a bulk load with triggers off): as in 009, then the qualifier cube, then
-- fresh statistics. A bulk load into new tables leaves no time for autovacuum: the national flow_rolled kept
-- empty-table statistics and the mechanism balance planned at 3.3 s instead of 0.6 s. (ANALYZE samples, so
-- this stays a small part of a rebuild; it may run inside the caller's transaction, unlike VACUUM.)
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
  PERFORM atlas_refresh_flow_rolled();
  PERFORM atlas_refresh_balance_qualifier_cube();
  ANALYZE unit_rollup;
  ANALYZE balance_cube;
  ANALYZE flow_rolled;
  ANALYZE balance_qualifier_cube;
END $$;

SELECT atlas_refresh_balance_qualifier_cube();
ANALYZE balance_qualifier_cube;
