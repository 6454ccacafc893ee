-- EXPERIMENT, bench database only: the flows of the scope with both ends rolled up to level $1, read from
-- bench_exp_unit_rollup (the unit_rollup view kept as a table) by primary key. Parameters as in
-- sql/queries/flows_rollup.sql. Followed by exp_balance_tail.sql (bench/national/experiments.ts).
rolled AS (
  SELECT
    f.factor, f.basis,
    mu.canonical_key AS canon_unit,
    f.magnitude * mu.to_canonical AS canon_magnitude,
    CASE $1::text
      WHEN 'province'   THEN eo.province_code
      WHEN 'prefecture' THEN coalesce(eo.prefecture_code, eo.province_code)
      WHEN 'county'     THEN coalesce(eo.county_code, eo.prefecture_code, eo.province_code)
      WHEN 'township'   THEN coalesce(eo.township_code, eo.county_code, eo.prefecture_code, eo.province_code)
      WHEN 'village'    THEN coalesce(eo.village_code, eo.township_code, eo.county_code, eo.prefecture_code, eo.province_code)
    END AS o,
    CASE $1::text
      WHEN 'province'   THEN ed.province_code
      WHEN 'prefecture' THEN coalesce(ed.prefecture_code, ed.province_code)
      WHEN 'county'     THEN coalesce(ed.county_code, ed.prefecture_code, ed.province_code)
      WHEN 'township'   THEN coalesce(ed.township_code, ed.county_code, ed.prefecture_code, ed.province_code)
      WHEN 'village'    THEN coalesce(ed.village_code, ed.township_code, ed.county_code, ed.prefecture_code, ed.province_code)
    END AS d
  FROM flows f
  LEFT JOIN measure_units mu ON mu.key = f.magnitude_unit
  JOIN bench_exp_unit_rollup eo ON eo.code = f.origin_code
  JOIN bench_exp_unit_rollup ed ON ed.code = f.dest_code
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
