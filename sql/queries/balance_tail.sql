-- The end of both balance statements (not a statement on its own): names, population and net per resident
-- for `totals` (code, factor, basis, canon_unit, inflow, outflow, internal and their counts), which
-- balance_units.sql or balance_cube.sql defines before it. The population is looked up once per unit,
-- not once per row (MATERIALIZED: otherwise the planner moves the lookup into the join, once per row).
-- $12 latest population year to use (null: the latest there is).
, pops AS MATERIALIZED (
  SELECT c.code, pop.value, pop.year, pop.source_id
  FROM (SELECT DISTINCT code FROM totals) c
  LEFT JOIN LATERAL latest_indicator(c.code, 'population_resident', $12::int) pop ON true
)
SELECT
  t.code, u.name_zh, u.name_en, t.factor, t.basis, t.canon_unit AS unit,
  CASE WHEN t.basis = 'documented' THEN NULL ELSE t.inflow END AS inflow,
  CASE WHEN t.basis = 'documented' THEN NULL ELSE t.outflow END AS outflow,
  CASE WHEN t.basis = 'documented' THEN NULL ELSE t.inflow - t.outflow END AS net,
  CASE WHEN t.basis = 'documented' THEN NULL ELSE t.internal END AS internal,
  t.inflow_count, t.outflow_count, t.internal_count,
  p.value AS population,
  p.year AS population_year,
  p.source_id AS population_source,
  CASE WHEN t.basis = 'documented' OR p.value IS NULL OR p.value = 0 THEN NULL
       ELSE (t.inflow - t.outflow) / p.value END AS net_per_resident
FROM totals t
JOIN units u ON u.code = t.code AND u.level = $1::text
JOIN pops p ON p.code = t.code
ORDER BY t.code, t.factor, t.basis, t.canon_unit
