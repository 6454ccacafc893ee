-- The exact path of the flow analysis (a balance or /api/flows with a mechanism, integration-type,
-- benefit-linkage or unit filter, which balance_cube does not keep) read every flow and joined both ends to
-- unit_rollup: two hash joins of 476,000 units per request, 6–19 s nationally, over the 10 s statement
-- timeout (docs/bench-national.md). flow_rolled holds each flow once more, with only what the analysis reads
-- and both ends already rolled up to every level, so the exact path is one scan of one table (and, for a
-- unit, an index lookup of the flows with an end inside it). Not indexed: mechanism, integration type and
-- benefit linkage, none selective enough nationally (the most common mechanism alone is 19 % of the flows).
-- Kept current like 003's tables: statement triggers on flows, in the writing transaction; rebuilt with the
-- rest whenever the units change.

-- o_L / d_L: the end rolled up to level L exactly as flows_rollup.sql did it, i.e.
-- coalesce(rollup_code(L, …), the end itself). At village level that is always the end itself (a unit is its
-- own finest ancestor-or-self), so origin_code / dest_code serve there and no village column is kept. The set
-- {o_province, o_prefecture, o_county, o_township, origin_code} is the end's ancestors-or-self.
CREATE TABLE IF NOT EXISTS flow_rolled (
  id               bigint PRIMARY KEY,
  synthetic        boolean NOT NULL,
  factor           text NOT NULL,
  basis            text NOT NULL,
  period_start     date NOT NULL,
  period_end       date NOT NULL,
  mechanism        text,
  integration_type text,
  benefit_linkage  text[] NOT NULL,
  source_id        text NOT NULL,
  canon_unit       text,
  canon_magnitude  numeric,
  origin_code      char(12) NOT NULL,
  dest_code        char(12) NOT NULL,
  o_province       char(12) NOT NULL,
  o_prefecture     char(12) NOT NULL,
  o_county         char(12) NOT NULL,
  o_township       char(12) NOT NULL,
  d_province       char(12) NOT NULL,
  d_prefecture     char(12) NOT NULL,
  d_county         char(12) NOT NULL,
  d_township       char(12) NOT NULL
);
-- "Flows with an end inside unit X" is X among the end's ancestors-or-self: these two arrays, indexed, so a
-- county's flows are found without a scan, and ANALYZE's statistics on the arrays' elements tell the planner
-- how many flows a unit has (a province's tens of thousands are better read by the scan). flows_rollup.sql
-- repeats the expressions exactly, so that the planner matches them.
CREATE INDEX IF NOT EXISTS flow_rolled_o_ends_idx ON flow_rolled USING gin ((ARRAY[o_province, o_prefecture, o_county, o_township, origin_code]));
CREATE INDEX IF NOT EXISTS flow_rolled_d_ends_idx ON flow_rolled USING gin ((ARRAY[d_province, d_prefecture, d_county, d_township, dest_code]));
-- The public routes read only real flows (as 003's flows_public_idx); the million synthetic ones must not slow them.
CREATE INDEX IF NOT EXISTS flow_rolled_public_idx ON flow_rolled (factor, basis) WHERE NOT synthetic;
-- The statement that adds the flows `changed` (SQL giving rows with every column of flows) to flow_rolled;
-- text so that a trigger can run it over its transition tables.
CREATE OR REPLACE FUNCTION atlas_flow_rolled_sql(changed text) RETURNS text LANGUAGE sql IMMUTABLE AS $f$
  SELECT format($q$
    INSERT INTO flow_rolled
    SELECT ch.id, ch.synthetic, ch.factor, ch.basis, ch.period_start, ch.period_end, ch.mechanism,
           ch.integration_type, ch.benefit_linkage, ch.source_id,
           mu.canonical_key, ch.magnitude * mu.to_canonical,
           ch.origin_code, ch.dest_code,
           coalesce(rollup_code('province', eo.province_code, eo.prefecture_code, eo.county_code, eo.township_code, eo.village_code), ch.origin_code),
           coalesce(rollup_code('prefecture', eo.province_code, eo.prefecture_code, eo.county_code, eo.township_code, eo.village_code), ch.origin_code),
           coalesce(rollup_code('county', eo.province_code, eo.prefecture_code, eo.county_code, eo.township_code, eo.village_code), ch.origin_code),
           coalesce(rollup_code('township', eo.province_code, eo.prefecture_code, eo.county_code, eo.township_code, eo.village_code), ch.origin_code),
           coalesce(rollup_code('province', ed.province_code, ed.prefecture_code, ed.county_code, ed.township_code, ed.village_code), ch.dest_code),
           coalesce(rollup_code('prefecture', ed.province_code, ed.prefecture_code, ed.county_code, ed.township_code, ed.village_code), ch.dest_code),
           coalesce(rollup_code('county', ed.province_code, ed.prefecture_code, ed.county_code, ed.township_code, ed.village_code), ch.dest_code),
           coalesce(rollup_code('township', ed.province_code, ed.prefecture_code, ed.county_code, ed.township_code, ed.village_code), ch.dest_code)
    FROM (%s) ch
    JOIN unit_rollup eo ON eo.code = ch.origin_code
    JOIN unit_rollup ed ON ed.code = ch.dest_code
    LEFT JOIN measure_units mu ON mu.key = ch.magnitude_unit
    ORDER BY ch.id
  $q$, changed)
$f$;

-- TRUNCATE, not DELETE: a refresh rewrites every row, and DELETE left the national table twice its size
-- (every later scan reading the dead half until a VACUUM FULL). Readers are unaffected: a statement in
-- progress holds a lock that TRUNCATE waits for; only a REPEATABLE READ transaction begun before the refresh
-- committed would see the table empty.
CREATE OR REPLACE FUNCTION atlas_refresh_flow_rolled() RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  TRUNCATE flow_rolled;
  EXECUTE atlas_flow_rolled_sql('SELECT * FROM flows');
END $$;

-- A flow's id never changes through the API, but an update is handled as delete-then-insert anyway.
CREATE OR REPLACE FUNCTION atlas_flows_rolled_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP IN ('UPDATE', 'DELETE') THEN
    EXECUTE 'DELETE FROM flow_rolled r USING old_rows o WHERE r.id = o.id';
  END IF;
  IF TG_OP IN ('INSERT', 'UPDATE') THEN
    EXECUTE atlas_flow_rolled_sql('SELECT * FROM new_rows');
  END IF;
  RETURN NULL;
END $$;

CREATE OR REPLACE FUNCTION atlas_flows_rolled_truncated() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  DELETE FROM flow_rolled;
  RETURN NULL;
END $$;

DROP TRIGGER IF EXISTS flows_rolled_insert ON flows;
DROP TRIGGER IF EXISTS flows_rolled_update ON flows;
DROP TRIGGER IF EXISTS flows_rolled_delete ON flows;
DROP TRIGGER IF EXISTS flows_rolled_truncate ON flows;
CREATE TRIGGER flows_rolled_insert AFTER INSERT ON flows
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION atlas_flows_rolled_changed();
CREATE TRIGGER flows_rolled_update AFTER UPDATE ON flows
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION atlas_flows_rolled_changed();
CREATE TRIGGER flows_rolled_delete AFTER DELETE ON flows
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION atlas_flows_rolled_changed();
CREATE TRIGGER flows_rolled_truncate AFTER TRUNCATE ON flows
  FOR EACH STATEMENT EXECUTE FUNCTION atlas_flows_rolled_truncated();

-- Rebuild (a change to the units, or a bulk load with triggers off): as in 006, then flow_rolled.
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
END $$;

SELECT atlas_refresh_flow_rolled();
ANALYZE flow_rolled;
