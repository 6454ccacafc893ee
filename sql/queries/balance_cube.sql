-- GET /api/balance from the pre-aggregated balance_cube (003_flow_aggregates.sql), for requests whose filters
-- the cube keeps: level province, prefecture or county, factors, bases and period. Same rows as the exact
-- path (balance_units.sql); server/analysis/balance.ts picks the path. Parameters as flows_rollup.sql;
-- $6–$10 must be null/'either' here, which the last condition restates so a misuse returns nothing.
-- A flow's period is one cube key, so "overlaps [from, to]" is exact on the cube's rows; with no range
-- the all-periods rows (-infinity..infinity) are read instead of summing every period.
WITH totals AS (
  SELECT
    c.code, c.factor, c.basis, nullif(c.canon_unit, '') AS canon_unit,
    sum(c.inflow) AS inflow, sum(c.outflow) AS outflow, sum(c.internal) AS internal,
    sum(c.inflow_count)::int AS inflow_count, sum(c.outflow_count)::int AS outflow_count,
    sum(c.internal_count)::int AS internal_count
  FROM balance_cube c
  WHERE c.level = $1::text
    AND ($11::boolean OR NOT c.synthetic)
    AND ($2::text[] IS NULL OR c.factor = ANY ($2::text[]))
    AND ($3::text[] IS NULL OR c.basis = ANY ($3::text[]))
    AND CASE WHEN $4::date IS NULL AND $5::date IS NULL THEN c.period_start = '-infinity'::date
             ELSE c.period_start > '-infinity'::date
                  AND ($4::date IS NULL OR c.period_end >= $4::date)
                  AND ($5::date IS NULL OR c.period_start <= $5::date) END
    AND $6::text[] IS NULL AND $7::text[] IS NULL AND $8::text[] IS NULL AND $9::text IS NULL AND $10::text = 'either'
  -- In the order of 010's index, so the all-periods rows are grouped as they are read (and come out in the
  -- series' order, balance_series_tail.sql).
  GROUP BY c.factor, c.basis, c.canon_unit, c.code
)
