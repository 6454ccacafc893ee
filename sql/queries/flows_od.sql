-- GET /api/flows?level=…: flows rolled up to one level and summed per origin, destination, factor, basis
-- and canonical unit. Rows with origin = destination are flows inside one unit at that level: they come
-- back flagged `internal`, never as self-loops. Documented flows have no magnitude: only their count.
-- $12 minimum magnitude (applies to rows that carry one) | $13 row limit
SELECT
  o AS origin,
  d AS dest,
  (o = d) AS internal,
  factor,
  basis,
  canon_unit AS unit,
  sum(canon_magnitude) AS magnitude,
  count(*)::int AS count,
  min(period_start)::text AS period_start,
  max(period_end)::text AS period_end,
  array_agg(DISTINCT source_id ORDER BY source_id) AS sources,
  array_remove(array_agg(DISTINCT mechanism ORDER BY mechanism), NULL) AS mechanisms,
  array_remove(array_agg(DISTINCT integration_type ORDER BY integration_type), NULL) AS integration_types
FROM rolled
GROUP BY o, d, factor, basis, canon_unit
HAVING $12::numeric IS NULL OR basis = 'documented' OR sum(canon_magnitude) >= $12::numeric
ORDER BY (o = d), sum(canon_magnitude) DESC NULLS LAST, o, d, factor, basis, canon_unit
LIMIT $13::int
