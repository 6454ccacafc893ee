-- GET /api/balance: inflow, outflow and net per unit at level $1, per factor, basis and canonical unit.
-- Flows inside a unit are reported as `internal` and are neither inflow nor outflow. Ends coarser than
-- the level (a county-to-county flow seen at township level) cannot be split, so they are left out here.
-- Documented flows carry no magnitude: their rows have null sums and only counts.
-- $12 latest population year to use for "per resident" (null: the latest there is)
, sides AS (
  SELECT d AS code, factor, basis, canon_unit, canon_magnitude AS inflow, NULL::numeric AS outflow, NULL::numeric AS internal,
         1 AS n_in, 0 AS n_out, 0 AS n_internal
  FROM rolled WHERE o <> d
  UNION ALL
  SELECT o, factor, basis, canon_unit, NULL, canon_magnitude, NULL, 0, 1, 0
  FROM rolled WHERE o <> d
  UNION ALL
  SELECT o, factor, basis, canon_unit, NULL, NULL, canon_magnitude, 0, 0, 1
  FROM rolled WHERE o = d
),
totals AS (
  SELECT
    s.code, s.factor, s.basis, s.canon_unit,
    coalesce(sum(s.inflow), 0) AS inflow,
    coalesce(sum(s.outflow), 0) AS outflow,
    coalesce(sum(s.internal), 0) AS internal,
    sum(s.n_in)::int AS inflow_count,
    sum(s.n_out)::int AS outflow_count,
    sum(s.n_internal)::int AS internal_count
  FROM sides s
  JOIN units u ON u.code = s.code AND u.level = $1::text
  GROUP BY s.code, s.factor, s.basis, s.canon_unit
)
SELECT
  t.code, u.name_zh, u.name_en, t.factor, t.basis, t.canon_unit AS unit,
  CASE WHEN t.basis = 'documented' THEN NULL ELSE t.inflow END AS inflow,
  CASE WHEN t.basis = 'documented' THEN NULL ELSE t.outflow END AS outflow,
  CASE WHEN t.basis = 'documented' THEN NULL ELSE t.inflow - t.outflow END AS net,
  CASE WHEN t.basis = 'documented' THEN NULL ELSE t.internal END AS internal,
  t.inflow_count, t.outflow_count, t.internal_count,
  pop.value AS population,
  pop.year AS population_year,
  pop.source_id AS population_source,
  CASE WHEN t.basis = 'documented' OR pop.value IS NULL OR pop.value = 0 THEN NULL
       ELSE (t.inflow - t.outflow) / pop.value END AS net_per_resident
FROM totals t
JOIN units u ON u.code = t.code
LEFT JOIN LATERAL latest_indicator(t.code, 'population_resident', $12::int) pop ON true
ORDER BY t.code, t.factor, t.basis, t.canon_unit
