-- Work done ahead of the request, so flow analysis and flow tiles stay fast at national scale (issue 4's
-- targets; measured in docs/bench-national.md). Three derived tables, each kept current by triggers inside
-- the writing statement's own transaction, so no write path can forget them and no reader sees half a write:
--  * unit_rollup: each unit's ancestor-or-self at every level (was a view computed for every unit on every
--    query); rebuilt whenever the hierarchy or the units' points change;
--  * balance_cube: inflow, outflow and internal sums and counts per level (province, prefecture, county),
--    unit, factor, basis, canonical unit, period and synthetic flag, plus the same over all periods;
--  * flow_lines: the lines the flow tiles draw, per level (county, township, recorded), with their geometry,
--    so a tile reads only the rows inside it.
-- Flow writes update the last two by difference (set-based, from the statement's transition tables); unit
-- writes rebuild all three. Bulk loads that switch triggers off (the national benchmark) must call
-- atlas_rebuild_flow_aggregates() afterwards.

DROP VIEW unit_rollup;

-- Same columns as the view it replaces (see 002_flows.sql): null where the chain skips a level.
CREATE TABLE unit_rollup (
  code            char(12) PRIMARY KEY,
  level           text NOT NULL,
  province_code   char(12),
  prefecture_code char(12),
  county_code     char(12),
  township_code   char(12),
  village_code    char(12)
);

-- A flow end rolled up to level p_level: the finest ancestor-or-self at or above it. Inlined by the planner.
CREATE FUNCTION rollup_code(p_level text, province char(12), prefecture char(12), county char(12), township char(12), village char(12))
RETURNS char(12) LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT CASE p_level
    WHEN 'province'   THEN province
    WHEN 'prefecture' THEN coalesce(prefecture, province)
    WHEN 'county'     THEN coalesce(county, prefecture, province)
    WHEN 'township'   THEN coalesce(township, county, prefecture, province)
    WHEN 'village'    THEN coalesce(village, township, county, prefecture, province)
  END
$$;

-- Balance sums per unit of one level. Keys hold no nulls (so they can be a primary key): documented flows
-- have canon_unit '' (they have no unit), and the all-periods rows have period -infinity..infinity.
CREATE TABLE balance_cube (
  level          text NOT NULL,
  factor         text NOT NULL,
  basis          text NOT NULL,
  code           char(12) NOT NULL,
  canon_unit     text NOT NULL,
  period_start   date NOT NULL,
  period_end     date NOT NULL,
  synthetic      boolean NOT NULL,
  inflow         numeric NOT NULL,
  outflow        numeric NOT NULL,
  internal       numeric NOT NULL,
  inflow_count   integer NOT NULL,
  outflow_count  integer NOT NULL,
  internal_count integer NOT NULL,
  PRIMARY KEY (level, factor, basis, code, canon_unit, period_start, period_end, synthetic)
);
-- Rows whose flows have all gone are deleted after each change; this finds them without a scan.
CREATE INDEX balance_cube_empty_idx ON balance_cube (level)
  WHERE inflow_count = 0 AND outflow_count = 0 AND internal_count = 0;

-- Tile lines per level ('county', 'township', 'recorded') and per source (so sums stay additive and a
-- tile can still list its sources). flow_id is the flow's id at 'recorded', 0 otherwise; canon_unit as above.
CREATE TABLE flow_lines (
  level      text NOT NULL,
  flow_id    bigint NOT NULL,
  o          char(12) NOT NULL,
  d          char(12) NOT NULL,
  factor     text NOT NULL,
  basis      text NOT NULL,
  canon_unit text NOT NULL,
  source_id  text NOT NULL,
  synthetic  boolean NOT NULL,
  magnitude  numeric,
  n          integer NOT NULL,
  geom       geometry(LineString, 3857),
  PRIMARY KEY (level, flow_id, o, d, factor, basis, canon_unit, source_id, synthetic)
);
CREATE INDEX flow_lines_geom_idx ON flow_lines USING gist (geom);
CREATE INDEX flow_lines_empty_idx ON flow_lines (level) WHERE n = 0;

-- The public routes read only real flows; the benchmark's million synthetic ones must not slow them.
CREATE INDEX flows_public_idx ON flows (factor, basis, period_start, period_end) WHERE NOT synthetic;

CREATE FUNCTION atlas_refresh_unit_rollup() RETURNS void LANGUAGE sql AS $$
  DELETE FROM unit_rollup;
  INSERT INTO unit_rollup
  SELECT
    u.code,
    u.level,
    CASE 'province'   WHEN u.level THEN u.code WHEN p1.level THEN p1.code WHEN p2.level THEN p2.code WHEN p3.level THEN p3.code WHEN p4.level THEN p4.code END,
    CASE 'prefecture' WHEN u.level THEN u.code WHEN p1.level THEN p1.code WHEN p2.level THEN p2.code WHEN p3.level THEN p3.code WHEN p4.level THEN p4.code END,
    CASE 'county'     WHEN u.level THEN u.code WHEN p1.level THEN p1.code WHEN p2.level THEN p2.code WHEN p3.level THEN p3.code WHEN p4.level THEN p4.code END,
    CASE 'township'   WHEN u.level THEN u.code WHEN p1.level THEN p1.code WHEN p2.level THEN p2.code WHEN p3.level THEN p3.code WHEN p4.level THEN p4.code END,
    CASE 'village'    WHEN u.level THEN u.code END
  FROM units u
  LEFT JOIN units p1 ON p1.code = u.parent_code
  LEFT JOIN units p2 ON p2.code = p1.parent_code
  LEFT JOIN units p3 ON p3.code = p2.parent_code
  LEFT JOIN units p4 ON p4.code = p3.parent_code;
$$;

-- The two statements that add a signed set of flows to balance_cube and flow_lines. `changed` is SQL giving
-- rows (sign, every column of flows): +1 for flows added, -1 for flows removed. The statements are text so
-- that a trigger can run them over its transition tables, which only the trigger function itself can see.
CREATE FUNCTION atlas_flow_delta_sql(changed text) RETURNS text[] LANGUAGE sql IMMUTABLE AS $f$
  SELECT ARRAY[
    format($q$
      WITH changed AS (%s),
      ends AS (
        SELECT ch.sign, ch.factor, ch.basis, ch.period_start, ch.period_end, ch.synthetic, lv.level,
               coalesce(mu.canonical_key, '') AS canon_unit,
               coalesce(ch.magnitude * mu.to_canonical, 0) AS m,
               rollup_code(lv.level, eo.province_code, eo.prefecture_code, eo.county_code, eo.township_code, eo.village_code) AS o,
               rollup_code(lv.level, ed.province_code, ed.prefecture_code, ed.county_code, ed.township_code, ed.village_code) AS d,
               -- An end counts in a balance only where it rolls up to a unit of that very level.
               CASE lv.level WHEN 'province' THEN eo.province_code WHEN 'prefecture' THEN eo.prefecture_code ELSE eo.county_code END IS NOT NULL AS o_at,
               CASE lv.level WHEN 'province' THEN ed.province_code WHEN 'prefecture' THEN ed.prefecture_code ELSE ed.county_code END IS NOT NULL AS d_at
        FROM changed ch
        CROSS JOIN (VALUES ('province'), ('prefecture'), ('county')) lv (level)
        JOIN unit_rollup eo ON eo.code = ch.origin_code
        JOIN unit_rollup ed ON ed.code = ch.dest_code
        LEFT JOIN measure_units mu ON mu.key = ch.magnitude_unit
      ),
      sides AS (
        SELECT sign, level, o AS code, factor, basis, canon_unit, period_start, period_end, synthetic,
               0 AS inflow, CASE WHEN o <> d THEN m ELSE 0 END AS outflow, CASE WHEN o = d THEN m ELSE 0 END AS internal,
               0 AS n_in, (o <> d)::int AS n_out, (o = d)::int AS n_internal
        FROM ends WHERE o_at
        UNION ALL
        SELECT sign, level, d, factor, basis, canon_unit, period_start, period_end, synthetic, m, 0, 0, 1, 0, 0
        FROM ends WHERE d_at AND o <> d
      ),
      delta AS (
        SELECT s.level, s.factor, s.basis, s.code, s.canon_unit,
               CASE WHEN p.every THEN '-infinity'::date ELSE s.period_start END AS period_start,
               CASE WHEN p.every THEN 'infinity'::date ELSE s.period_end END AS period_end,
               s.synthetic,
               sum(s.sign * s.inflow) AS inflow, sum(s.sign * s.outflow) AS outflow, sum(s.sign * s.internal) AS internal,
               sum(s.sign * s.n_in)::int AS n_in, sum(s.sign * s.n_out)::int AS n_out, sum(s.sign * s.n_internal)::int AS n_internal
        FROM sides s CROSS JOIN (VALUES (false), (true)) p (every)
        GROUP BY 1, 2, 3, 4, 5, 6, 7, 8
        HAVING sum(s.sign * s.n_in) <> 0 OR sum(s.sign * s.n_out) <> 0 OR sum(s.sign * s.n_internal) <> 0
            OR sum(s.sign * s.inflow) <> 0 OR sum(s.sign * s.outflow) <> 0 OR sum(s.sign * s.internal) <> 0
      )
      INSERT INTO balance_cube AS c SELECT * FROM delta
      ON CONFLICT (level, factor, basis, code, canon_unit, period_start, period_end, synthetic) DO UPDATE SET
        inflow = c.inflow + excluded.inflow, outflow = c.outflow + excluded.outflow, internal = c.internal + excluded.internal,
        inflow_count = c.inflow_count + excluded.inflow_count, outflow_count = c.outflow_count + excluded.outflow_count,
        internal_count = c.internal_count + excluded.internal_count
    $q$, changed),
    'DELETE FROM balance_cube WHERE inflow_count = 0 AND outflow_count = 0 AND internal_count = 0',
    format($q$
      WITH changed AS (%s),
      ends AS (
        SELECT ch.sign, ch.factor, ch.basis, ch.source_id, ch.synthetic, lv.level,
               CASE WHEN lv.level = 'recorded' THEN ch.id ELSE 0 END AS flow_id,
               coalesce(mu.canonical_key, '') AS canon_unit,
               ch.magnitude * mu.to_canonical AS m,
               CASE WHEN lv.level = 'recorded' THEN ch.origin_code
                    ELSE rollup_code(lv.level, eo.province_code, eo.prefecture_code, eo.county_code, eo.township_code, eo.village_code) END AS o,
               CASE WHEN lv.level = 'recorded' THEN ch.dest_code
                    ELSE rollup_code(lv.level, ed.province_code, ed.prefecture_code, ed.county_code, ed.township_code, ed.village_code) END AS d
        FROM changed ch
        CROSS JOIN (VALUES ('county'), ('township'), ('recorded')) lv (level)
        JOIN unit_rollup eo ON eo.code = ch.origin_code
        JOIN unit_rollup ed ON ed.code = ch.dest_code
        LEFT JOIN measure_units mu ON mu.key = ch.magnitude_unit
      ),
      delta AS (
        SELECT level, flow_id, o, d, factor, basis, canon_unit, source_id, synthetic,
               sum(sign * m) AS magnitude, sum(sign)::int AS n
        FROM ends
        -- A flow inside one unit at that level is internal to it: a tile has no line to draw for it.
        WHERE o <> d
        GROUP BY 1, 2, 3, 4, 5, 6, 7, 8, 9
        HAVING sum(sign) <> 0 OR sum(sign * m) <> 0
      )
      INSERT INTO flow_lines AS l
      SELECT dl.*, ST_MakeLine(po.pt, pd.pt)
      FROM delta dl
      JOIN units uo ON uo.code = dl.o
      JOIN units ud ON ud.code = dl.d
      -- Each end at its representative point (its seat, else a point on its surface, as /api/flows draws it),
      -- in spherical mercator by formula (see tile_features_points.sql for why not ST_Transform).
      CROSS JOIN LATERAL (
        SELECT ST_SetSRID(ST_MakePoint(6378137 * radians(ST_X(p)), 6378137 * ln(tan(pi() / 4 + radians(ST_Y(p)) / 2))), 3857) AS pt
        FROM (SELECT coalesce(uo.point, ST_PointOnSurface(uo.geom)) AS p) x
      ) po
      CROSS JOIN LATERAL (
        SELECT ST_SetSRID(ST_MakePoint(6378137 * radians(ST_X(p)), 6378137 * ln(tan(pi() / 4 + radians(ST_Y(p)) / 2))), 3857) AS pt
        FROM (SELECT coalesce(ud.point, ST_PointOnSurface(ud.geom)) AS p) x
      ) pd
      ON CONFLICT (level, flow_id, o, d, factor, basis, canon_unit, source_id, synthetic) DO UPDATE SET
        magnitude = l.magnitude + excluded.magnitude, n = l.n + excluded.n
    $q$, changed),
    'DELETE FROM flow_lines WHERE n = 0'
  ]
$f$;

-- Rebuilds all three derived tables from units and flows.
CREATE FUNCTION atlas_rebuild_flow_aggregates() RETURNS void LANGUAGE plpgsql AS $$
DECLARE
  stmt text;
BEGIN
  PERFORM atlas_refresh_unit_rollup();
  DELETE FROM balance_cube;
  DELETE FROM flow_lines;
  FOREACH stmt IN ARRAY atlas_flow_delta_sql('SELECT 1 AS sign, f.* FROM flows f') LOOP
    EXECUTE stmt;
  END LOOP;
END $$;

CREATE FUNCTION atlas_flows_changed() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  stmt text;
BEGIN
  FOREACH stmt IN ARRAY atlas_flow_delta_sql(CASE TG_OP
      WHEN 'INSERT' THEN 'SELECT 1 AS sign, n.* FROM new_rows n'
      WHEN 'DELETE' THEN 'SELECT -1 AS sign, o.* FROM old_rows o'
      ELSE 'SELECT 1 AS sign, n.* FROM new_rows n UNION ALL SELECT -1, o.* FROM old_rows o'
    END) LOOP
    EXECUTE stmt;
  END LOOP;
  RETURN NULL;
END $$;

CREATE TRIGGER flows_aggregates_insert AFTER INSERT ON flows
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION atlas_flows_changed();
CREATE TRIGGER flows_aggregates_update AFTER UPDATE ON flows
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION atlas_flows_changed();
CREATE TRIGGER flows_aggregates_delete AFTER DELETE ON flows
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION atlas_flows_changed();

CREATE FUNCTION atlas_flows_truncated() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  DELETE FROM balance_cube;
  DELETE FROM flow_lines;
  RETURN NULL;
END $$;
CREATE TRIGGER flows_aggregates_truncate AFTER TRUNCATE ON flows
  FOR EACH STATEMENT EXECUTE FUNCTION atlas_flows_truncated();

-- Units: any insert or delete, and an update of the hierarchy or of where a unit is drawn (names are joined
-- when read, so a renaming changes nothing here).
CREATE FUNCTION atlas_units_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM atlas_rebuild_flow_aggregates();
  RETURN NULL;
END $$;

CREATE FUNCTION atlas_units_updated() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF EXISTS (
    SELECT 1 FROM new_rows n LEFT JOIN old_rows o ON o.code = n.code
    WHERE o.code IS NULL OR n.parent_code IS DISTINCT FROM o.parent_code OR n.level IS DISTINCT FROM o.level
       OR n.point IS DISTINCT FROM o.point OR (n.point IS NULL AND n.geom IS DISTINCT FROM o.geom)
  ) THEN
    PERFORM atlas_rebuild_flow_aggregates();
  END IF;
  RETURN NULL;
END $$;

CREATE TRIGGER units_aggregates_insert AFTER INSERT ON units
  FOR EACH STATEMENT EXECUTE FUNCTION atlas_units_changed();
CREATE TRIGGER units_aggregates_update AFTER UPDATE ON units
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION atlas_units_updated();
CREATE TRIGGER units_aggregates_delete AFTER DELETE ON units
  FOR EACH STATEMENT EXECUTE FUNCTION atlas_units_changed();

SELECT atlas_rebuild_flow_aggregates();
ANALYZE unit_rollup, balance_cube, flow_lines;
