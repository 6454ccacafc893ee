-- The end of a cube balance statement for the rows layout written by the server (balance-rows-text.ts; not a
-- statement on its own): the same figures as balance_pops.sql + balance_tail.sql, but as one row per series
-- (factor, basis, canonical unit, in the rows' own order of those keys) holding its codes and figures as JSON
-- arrays, plus each unit's names and population once. 50,000 national rows then cross the wire as 18 rows of
-- arrays instead of 850,000 values for node-postgres to turn into objects, and the server writes the rows'
-- JSON from them (docs/bench-national.md, session 5).
-- After `totals` (balance_cube.sql or balance_qualifier_cube.sql: levels with a bounded number of units, since
-- the populations are looked up for every unit of the level, so that `totals` is read once). $12 as
-- balance_pops.sql.
-- Figures stay numeric (net and net per resident computed as balance_tail.sql does): json_agg writes the
-- numeric's own text, which the server reads with Number() as node-postgres does, whatever the connection's
-- float settings.
, pops AS MATERIALIZED (
  SELECT u.code, u.name_zh, u.name_en, pop.value, pop.year, pop.source_id
  FROM units u
  LEFT JOIN LATERAL latest_indicator(u.code, 'population_resident', $12::int) pop ON true
  WHERE u.level = $1::text
),
kept AS (
  SELECT t.*, p.value AS pop
  FROM totals t
  -- Joined to units as well, although pops holds the same codes: the planner knows units' row count, not the
  -- CTE's, and joined pops alone by a merge join that sorted totals twice (240–280 against 150–160 ms nationally).
  JOIN units u ON u.code = t.code AND u.level = $1::text
  LEFT JOIN pops p ON p.code = t.code
  -- One sort feeds every array (and the cube's totals already arrive in it, migration 010).
  ORDER BY t.factor, t.basis, t.canon_unit, t.code
),
series AS (
  SELECT
    k.factor, k.basis, k.canon_unit,
    '["' || string_agg(k.code, '","') || '"]' AS codes,
    CASE WHEN k.basis = 'documented' THEN NULL ELSE json_agg(k.inflow)::text END AS inflow,
    CASE WHEN k.basis = 'documented' THEN NULL ELSE json_agg(k.outflow)::text END AS outflow,
    CASE WHEN k.basis = 'documented' THEN NULL ELSE json_agg(k.inflow - k.outflow)::text END AS net,
    CASE WHEN k.basis = 'documented' THEN NULL ELSE json_agg(k.internal)::text END AS internal,
    json_agg(k.inflow_count)::text AS inflow_count,
    json_agg(k.outflow_count)::text AS outflow_count,
    json_agg(k.internal_count)::text AS internal_count,
    CASE WHEN k.basis = 'documented' THEN NULL
         ELSE json_agg(CASE WHEN k.pop IS NULL OR k.pop = 0 THEN NULL ELSE (k.inflow - k.outflow) / k.pop END)::text END AS net_per_resident
  FROM kept k
  GROUP BY k.factor, k.basis, k.canon_unit
)
SELECT
  s.factor, s.basis, s.canon_unit AS unit, s.codes, s.inflow, s.outflow, s.net, s.internal,
  s.inflow_count, s.outflow_count, s.internal_count, s.net_per_resident,
  -- The units of the level, once, on the first row only (a unit without figures is left out by the server).
  CASE WHEN row_number() OVER (ORDER BY s.factor, s.basis, s.canon_unit) = 1 THEN (
    SELECT json_agg(json_build_array(p.code, p.name_zh, p.name_en, p.value, p.year, p.source_id))::text FROM pops p
  ) END AS units
FROM series s
ORDER BY s.factor, s.basis, s.canon_unit
