-- EXPERIMENT, bench database only: the flows of the scope with their county-level ends read from
-- bench_exp_flow_county_ends (precomputed), so no per-query join to the hierarchy. Only for $1 = 'county'
-- and scopes without a unit ($9 null); parameters as in sql/queries/flows_rollup.sql. Followed by
-- exp_balance_tail.sql.
rolled AS (
  SELECT f.factor, f.basis, mu.canonical_key AS canon_unit, f.magnitude * mu.to_canonical AS canon_magnitude, c.o, c.d
  FROM flows f
  JOIN bench_exp_flow_county_ends c ON c.id = f.id
  LEFT JOIN measure_units mu ON mu.key = f.magnitude_unit
  WHERE ($11::boolean OR NOT f.synthetic)
    AND ($2::text[] IS NULL OR f.factor = ANY ($2::text[]))
    AND ($3::text[] IS NULL OR f.basis = ANY ($3::text[]))
    AND ($4::date IS NULL OR f.period_end >= $4::date)
    AND ($5::date IS NULL OR f.period_start <= $5::date)
    AND ($6::text[] IS NULL OR f.mechanism = ANY ($6::text[]))
    AND ($7::text[] IS NULL OR f.integration_type = ANY ($7::text[]))
    AND ($8::text[] IS NULL OR f.benefit_linkage && $8::text[])
    -- No unit filter here: with one, this returns nothing, which the digest check reports as wrong.
    AND $9::text IS NULL AND $10::text IS NOT NULL
)
