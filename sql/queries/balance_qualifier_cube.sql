-- GET /api/balance from balance_qualifier_cube (011_balance_qualifier_cube.sql), for requests with one kind of
-- qualifier filter and otherwise only filters the cube keeps: level province, prefecture or county, factors,
-- bases, no period range, no unit. Same rows as the exact path (balance_units.sql); server/analysis/balance.ts
-- picks the path (balance-cube.ts says when), and the last conditions restate it so that a misuse returns
-- nothing rather than a wrong sum. Parameters as flows_rollup.sql.
-- Mechanisms and integration types may list several values (a flow has one of each, so their rows add up);
-- a benefit linkage only one (a flow with two linkages is under both).
WITH totals AS (
  SELECT
    c.code, c.factor, c.basis, nullif(c.canon_unit, '') AS canon_unit,
    sum(c.inflow) AS inflow, sum(c.outflow) AS outflow, sum(c.internal) AS internal,
    sum(c.inflow_count)::int AS inflow_count, sum(c.outflow_count)::int AS outflow_count,
    sum(c.internal_count)::int AS internal_count
  FROM balance_qualifier_cube c
  WHERE c.kind = CASE WHEN $6::text[] IS NOT NULL THEN 'mechanism' WHEN $7::text[] IS NOT NULL THEN 'integration' ELSE 'benefit' END
    AND c.value = ANY (coalesce($6::text[], $7::text[], $8::text[]))
    AND c.level = $1::text
    AND ($11::boolean OR NOT c.synthetic)
    AND ($2::text[] IS NULL OR c.factor = ANY ($2::text[]))
    AND ($3::text[] IS NULL OR c.basis = ANY ($3::text[]))
    AND num_nonnulls($6::text[], $7::text[], $8::text[]) = 1 AND coalesce(cardinality($8::text[]), 1) = 1
    AND $4::date IS NULL AND $5::date IS NULL AND $9::text IS NULL AND $10::text = 'either'
  -- In the order of the cube's key, so that one value's rows are grouped as they are read (and come out in
  -- the series' order, balance_series_tail.sql).
  GROUP BY c.factor, c.basis, c.canon_unit, c.code
)
