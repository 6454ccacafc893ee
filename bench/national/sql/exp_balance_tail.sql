-- EXPERIMENT, bench database only: balance_units.sql over a `rolled` CTE that comes before it (exp_rolled_*.sql),
-- giving the same rows as sql/queries/flows_rollup.sql + balance_units.sql with the same parameters ($1–$11,
-- $12 population year); bench/national/experiments.ts checks that it does. What changes:
--  * ends come from bench_exp_unit_rollup (a table) by primary key, instead of computing the view for every
--    unit and then sorting the 2,000,000 flow ends to find the distinct ones;
--  * each CTE is read once, so PostgreSQL inlines it instead of writing it to disk, and only the columns the
--    balance needs are carried (not note, benefit_linkage, …);
--  * inflow, outflow and internal come from one pass over the rolled flows with two hash aggregates
--    (GROUPING SETS by origin and by destination), not three scans, a UNION ALL and a sort;
--  * units of other levels are dropped after aggregating (a few thousand groups), not before.
-- One pass, two hash tables: each flow is summed under its origin and under its destination.
sides AS (
  SELECT
    (GROUPING(r.o) = 0) AS at_origin,
    coalesce(r.o, r.d) AS code, r.factor, r.basis, r.canon_unit, (r.o = r.d) AS is_internal,
    sum(r.canon_magnitude) AS magnitude, count(*)::int AS n
  FROM rolled r
  GROUP BY GROUPING SETS ((r.o, r.factor, r.basis, r.canon_unit, (r.o = r.d)), (r.d, r.factor, r.basis, r.canon_unit, (r.o = r.d)))
),
totals AS (
  SELECT
    s.code, s.factor, s.basis, s.canon_unit,
    coalesce(sum(s.magnitude) FILTER (WHERE NOT s.at_origin AND NOT s.is_internal), 0) AS inflow,
    coalesce(sum(s.magnitude) FILTER (WHERE s.at_origin AND NOT s.is_internal), 0) AS outflow,
    coalesce(sum(s.magnitude) FILTER (WHERE s.at_origin AND s.is_internal), 0) AS internal,
    coalesce(sum(s.n) FILTER (WHERE NOT s.at_origin AND NOT s.is_internal), 0)::int AS inflow_count,
    coalesce(sum(s.n) FILTER (WHERE s.at_origin AND NOT s.is_internal), 0)::int AS outflow_count,
    coalesce(sum(s.n) FILTER (WHERE s.at_origin AND s.is_internal), 0)::int AS internal_count
  FROM sides s
  -- Internal flows are counted once, at the origin.
  WHERE s.at_origin OR NOT s.is_internal
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
JOIN units u ON u.code = t.code AND u.level = $1::text
LEFT JOIN LATERAL latest_indicator(t.code, 'population_resident', $12::int) pop ON true
ORDER BY t.code, t.factor, t.basis, t.canon_unit
