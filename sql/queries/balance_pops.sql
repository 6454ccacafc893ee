-- The population of each unit of a balance (not a statement on its own): after `totals` (code, factor,
-- basis, canon_unit, sums and counts), which balance_units.sql or balance_cube.sql defines, and before
-- balance_tail.sql (rows) or balance_series_tail.sql (series). The population is looked up once per unit,
-- not once per row (MATERIALIZED: otherwise the planner moves the lookup into the join, once per row).
-- $12 latest population year to use (null: the latest there is).
, pops AS MATERIALIZED (
  SELECT c.code, pop.value, pop.year, pop.source_id
  FROM (SELECT DISTINCT code FROM totals) c
  LEFT JOIN LATERAL latest_indicator(c.code, 'population_resident', $12::int) pop ON true
)
