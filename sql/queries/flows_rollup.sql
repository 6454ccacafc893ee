-- Shared CTEs (not a statement on its own): server/analysis/rollup-sql.ts puts "WITH" before this text and
-- a query body after it, once at start-up. Every flow analysis reads `rolled`.
-- $1 level to roll up to (null: as recorded) | $2 factors | $3 bases | $4 period from | $5 period to
-- $6 mechanisms | $7 integration types | $8 benefit linkages (any of) | $9 unit code | $10 direction
-- (in, out, either) relative to $9 | $11 include synthetic (benchmark) flows
-- A null array means "no filter". A flow matches a period range when its own period overlaps it; its
-- magnitude is then counted whole (no pro-rating by overlap).
scoped AS (
  SELECT
    f.id, f.origin_code, f.dest_code, f.factor, f.period_start, f.period_end, f.magnitude, f.magnitude_unit,
    f.basis, f.mechanism, f.integration_type, f.benefit_linkage, f.source_id, f.note,
    mu.canonical_key AS canon_unit,
    f.magnitude * mu.to_canonical AS canon_magnitude
  FROM flows f
  LEFT JOIN measure_units mu ON mu.key = f.magnitude_unit
  WHERE ($11::boolean OR NOT f.synthetic)
    AND ($2::text[] IS NULL OR f.factor = ANY ($2::text[]))
    AND ($3::text[] IS NULL OR f.basis = ANY ($3::text[]))
    AND ($4::date IS NULL OR f.period_end >= $4::date)
    AND ($5::date IS NULL OR f.period_start <= $5::date)
    AND ($6::text[] IS NULL OR f.mechanism = ANY ($6::text[]))
    AND ($7::text[] IS NULL OR f.integration_type = ANY ($7::text[]))
    AND ($8::text[] IS NULL OR f.benefit_linkage && $8::text[])
),
ends AS (
  SELECT
    r.code,
    CASE $1::text
      WHEN 'province'   THEN r.province_code
      WHEN 'prefecture' THEN coalesce(r.prefecture_code, r.province_code)
      WHEN 'county'     THEN coalesce(r.county_code, r.prefecture_code, r.province_code)
      WHEN 'township'   THEN coalesce(r.township_code, r.county_code, r.prefecture_code, r.province_code)
      WHEN 'village'    THEN coalesce(r.village_code, r.township_code, r.county_code, r.prefecture_code, r.province_code)
    END AS rolled_code,
    -- IN over a list holding nulls yields null, not false, when nothing matches: hence the coalesce.
    coalesce($9::text IN (r.province_code, r.prefecture_code, r.county_code, r.township_code, r.village_code), false) AS in_unit
  FROM unit_rollup r
  WHERE r.code IN (SELECT origin_code FROM scoped UNION SELECT dest_code FROM scoped)
),
rolled AS (
  SELECT
    s.*,
    coalesce(eo.rolled_code, s.origin_code) AS o,
    coalesce(ed.rolled_code, s.dest_code) AS d,
    eo.in_unit AS o_in,
    ed.in_unit AS d_in
  FROM scoped s
  JOIN ends eo ON eo.code = s.origin_code
  JOIN ends ed ON ed.code = s.dest_code
  WHERE $9::text IS NULL
     OR ($10::text = 'out' AND eo.in_unit)
     OR ($10::text = 'in' AND ed.in_unit)
     OR ($10::text = 'either' AND (eo.in_unit OR ed.in_unit))
)
