-- The reference for flows_rollup.sql (tests only; the API never runs it): the same CTE computed at request
-- time from flows and unit_rollup, as it was before 009_flow_rolled.sql stored each flow's rolled-up ends.
-- tests/analysis-exact-path.test.ts checks that every body gives the same rows over either. Same parameters.
-- $1 level to roll up to (null: as recorded) | $2 factors | $3 bases | $4 period from | $5 period to
-- $6 mechanisms | $7 integration types | $8 benefit linkages (any of) | $9 unit code | $10 direction
-- (in, out, either) relative to $9 | $11 include synthetic (benchmark) flows
-- A null array means "no filter". A flow matches a period range when its own period overlaps it; its
-- magnitude is then counted whole (no pro-rating by overlap).
-- One CTE, ends joined by primary key on the unit_rollup table (003_flow_aggregates.sql): a body that reads
-- `rolled` once gets it inlined, with only the columns it uses; the old form (a CTE per step, the roll-up
-- view computed for every unit) was materialised and spilled to disk at national scale.
rolled AS (
  SELECT
    f.id, f.origin_code, f.dest_code, f.factor, f.period_start, f.period_end, f.magnitude, f.magnitude_unit,
    f.basis, f.mechanism, f.integration_type, f.benefit_linkage, f.source_id, f.note,
    mu.canonical_key AS canon_unit,
    f.magnitude * mu.to_canonical AS canon_magnitude,
    coalesce(rollup_code($1::text, eo.province_code, eo.prefecture_code, eo.county_code, eo.township_code, eo.village_code), f.origin_code) AS o,
    coalesce(rollup_code($1::text, ed.province_code, ed.prefecture_code, ed.county_code, ed.township_code, ed.village_code), f.dest_code) AS d,
    -- IN over a list holding nulls yields null, not false, when nothing matches: hence the coalesce.
    coalesce($9::text IN (eo.province_code, eo.prefecture_code, eo.county_code, eo.township_code, eo.village_code), false) AS o_in,
    coalesce($9::text IN (ed.province_code, ed.prefecture_code, ed.county_code, ed.township_code, ed.village_code), false) AS d_in
  FROM flows f
  LEFT JOIN measure_units mu ON mu.key = f.magnitude_unit
  JOIN unit_rollup eo ON eo.code = f.origin_code
  JOIN unit_rollup ed ON ed.code = f.dest_code
  WHERE ($11::boolean OR NOT f.synthetic)
    AND ($2::text[] IS NULL OR f.factor = ANY ($2::text[]))
    AND ($3::text[] IS NULL OR f.basis = ANY ($3::text[]))
    AND ($4::date IS NULL OR f.period_end >= $4::date)
    AND ($5::date IS NULL OR f.period_start <= $5::date)
    AND ($6::text[] IS NULL OR f.mechanism = ANY ($6::text[]))
    AND ($7::text[] IS NULL OR f.integration_type = ANY ($7::text[]))
    AND ($8::text[] IS NULL OR f.benefit_linkage && $8::text[])
    AND ($9::text IS NULL
      OR ($10::text IN ('out', 'either') AND coalesce($9::text IN (eo.province_code, eo.prefecture_code, eo.county_code, eo.township_code, eo.village_code), false))
      OR ($10::text IN ('in', 'either') AND coalesce($9::text IN (ed.province_code, ed.prefecture_code, ed.county_code, ed.township_code, ed.village_code), false)))
)
