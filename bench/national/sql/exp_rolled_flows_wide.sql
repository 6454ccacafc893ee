-- EXPERIMENT, bench database only: the flows of the scope read from bench_exp_flows_wide (no join at all).
-- Only for $1 = 'county' and scopes without a unit; parameters as in sql/queries/flows_rollup.sql.
-- Followed by exp_balance_tail.sql.
rolled AS (
  SELECT w.factor, w.basis, w.canon_unit, w.canon_magnitude, w.o, w.d
  FROM bench_exp_flows_wide w
  WHERE ($11::boolean OR NOT w.synthetic)
    AND ($2::text[] IS NULL OR w.factor = ANY ($2::text[]))
    AND ($3::text[] IS NULL OR w.basis = ANY ($3::text[]))
    AND ($4::date IS NULL OR w.period_end >= $4::date)
    AND ($5::date IS NULL OR w.period_start <= $5::date)
    AND ($6::text[] IS NULL OR w.mechanism = ANY ($6::text[]))
    AND ($7::text[] IS NULL OR w.integration_type = ANY ($7::text[]))
    AND ($8::text[] IS NULL OR w.benefit_linkage && $8::text[])
    -- No unit filter here: with one, this returns nothing, which the digest check reports as wrong.
    AND $9::text IS NULL AND $10::text IS NOT NULL
)
