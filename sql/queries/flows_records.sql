-- GET /api/flows with no level: each flow record as stored, with its own id, basis and source.
-- $12 minimum magnitude (records that carry one) | $13 row limit
SELECT
  id, origin_code AS origin, dest_code AS dest, factor, basis,
  period_start::text AS period_start, period_end::text AS period_end,
  magnitude, magnitude_unit AS unit, canon_magnitude, canon_unit,
  mechanism, integration_type, benefit_linkage, source_id, note
FROM rolled
WHERE $12::numeric IS NULL OR basis = 'documented' OR canon_magnitude >= $12::numeric
ORDER BY id
LIMIT $13::int
