-- GET /api/balance, exact path: inflow, outflow and net per unit at level $1, per factor, basis and
-- canonical unit, from the flows themselves (balance_cube.sql answers the same from the pre-aggregated cube
-- when the filters allow). Flows inside a unit are reported as `internal` and are neither inflow nor outflow.
-- Ends coarser than the level (a county-to-county flow seen at township level) cannot be split, so they
-- are left out here. Documented flows carry no magnitude: their rows have null sums and only counts.
-- $12 latest population year to use for "per resident" (null: the latest there is)
-- One pass, two hash tables: each flow is summed under its origin and under its destination.
, sides AS (
  SELECT
    (GROUPING(r.o) = 0) AS at_origin,
    coalesce(r.o, r.d) AS code, r.factor, r.basis, r.canon_unit, (r.o = r.d) AS is_internal,
    coalesce(sum(r.canon_magnitude), 0) AS magnitude, count(*)::int AS n
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
