-- Shared CTE (not a statement on its own): server/analysis/rollup-sql.ts puts "WITH" before this text and
-- a query body after it, once at start-up. Every exact flow analysis reads `rolled`.
-- $1 level to roll up to (null: as recorded) | $2 factors | $3 bases | $4 period from | $5 period to
-- $6 mechanisms | $7 integration types | $8 benefit linkages (any of) | $9 unit code | $10 direction
-- (in, out, either) relative to $9 | $11 include synthetic (benchmark) flows
-- A null array means "no filter". A flow matches a period range when its own period overlaps it; its
-- magnitude is then counted whole (no pro-rating by overlap).
-- One scan of flow_rolled (009_flow_rolled.sql), which holds each flow's ends already rolled up to every
-- level, so no join to unit_rollup per request (that took 6-19 s nationally). The few columns only the
-- records need come from flows by primary key; a body that does not read them loses the join (a left join
-- to a unique key whose columns are unused is removed by the planner). A unit filter is a containment test
-- on each end's ancestors-or-self, written exactly as 009's two GIN indexes are, so a county reads only its
-- own flows, and the planner's statistics on those arrays tell it how many (a province's tens of thousands
-- take the scan). ($9 as bpchar, not text, to match the indexed char(12) arrays; the API only passes
-- 12-digit codes, on which both compare alike.) NOT MATERIALIZED: a body that reads `rolled` twice scans
-- flow_rolled twice (each scan keeping the join removal and the indexes) rather than writing every flow
-- with every column, note included, to a temporary store.
rolled AS NOT MATERIALIZED (
  SELECT
    r.id, r.origin_code, r.dest_code, r.factor, r.period_start, r.period_end, f.magnitude, f.magnitude_unit,
    r.basis, r.mechanism, r.integration_type, r.benefit_linkage, r.source_id, f.note,
    r.canon_unit, r.canon_magnitude,
    CASE $1::text WHEN 'province' THEN r.o_province WHEN 'prefecture' THEN r.o_prefecture
      WHEN 'county' THEN r.o_county WHEN 'township' THEN r.o_township ELSE r.origin_code END AS o,
    CASE $1::text WHEN 'province' THEN r.d_province WHEN 'prefecture' THEN r.d_prefecture
      WHEN 'county' THEN r.d_county WHEN 'township' THEN r.d_township ELSE r.dest_code END AS d,
    coalesce($9::text IN (r.o_province, r.o_prefecture, r.o_county, r.o_township, r.origin_code), false) AS o_in,
    coalesce($9::text IN (r.d_province, r.d_prefecture, r.d_county, r.d_township, r.dest_code), false) AS d_in
  FROM flow_rolled r
  LEFT JOIN flows f ON f.id = r.id
  WHERE ($11::boolean OR NOT r.synthetic)
    AND ($2::text[] IS NULL OR r.factor = ANY ($2::text[]))
    AND ($3::text[] IS NULL OR r.basis = ANY ($3::text[]))
    AND ($4::date IS NULL OR r.period_end >= $4::date)
    AND ($5::date IS NULL OR r.period_start <= $5::date)
    AND ($6::text[] IS NULL OR r.mechanism = ANY ($6::text[]))
    AND ($7::text[] IS NULL OR r.integration_type = ANY ($7::text[]))
    AND ($8::text[] IS NULL OR r.benefit_linkage && $8::text[])
    AND ($9::text IS NULL
      OR ($10::text IN ('out', 'either')
        AND ARRAY[r.o_province, r.o_prefecture, r.o_county, r.o_township, r.origin_code] @> ARRAY[$9::bpchar])
      OR ($10::text IN ('in', 'either')
        AND ARRAY[r.d_province, r.d_prefecture, r.d_county, r.d_township, r.dest_code] @> ARRAY[$9::bpchar]))
)
