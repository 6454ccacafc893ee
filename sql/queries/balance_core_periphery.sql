-- GET /api/balance/core-periphery: units at level $1 are grouped as core or periphery, either by an
-- explicit list of core codes ($15, rule 'list') or by urbanisation rate ≥ $13 percent (rule
-- 'urbanisation', latest value up to year $14). Units with no urbanisation figure are 'unclassified'.
-- Reports, per factor, basis and canonical unit, the totals between and within the groups.
-- $12 rule | $13 threshold | $14 indicator year cap | $15 core codes
, endpoints AS (
  SELECT o AS code FROM rolled UNION SELECT d FROM rolled
),
grouped AS (
  SELECT
    e.code, u.name_zh, u.name_en,
    urb.value AS urbanisation_rate, urb.year AS urbanisation_year, urb.source_id AS urbanisation_source,
    CASE
      WHEN $12::text = 'list' THEN CASE WHEN e.code = ANY ($15::text[]) THEN 'core' ELSE 'periphery' END
      WHEN urb.value IS NULL THEN 'unclassified'
      WHEN urb.value >= $13::numeric THEN 'core'
      ELSE 'periphery'
    END AS grp
  FROM endpoints e
  JOIN units u ON u.code = e.code AND u.level = $1::text
  LEFT JOIN LATERAL latest_indicator(e.code, 'urbanisation_rate', $14::int) urb ON true
),
pairs AS (
  SELECT r.factor, r.basis, r.canon_unit, r.canon_magnitude, go.grp AS og, gd.grp AS dg
  FROM rolled r
  JOIN grouped go ON go.code = r.o
  JOIN grouped gd ON gd.code = r.d
  WHERE r.o <> r.d
)
SELECT
  'total' AS row_kind, NULL::text AS code, NULL::text AS name_zh, NULL::text AS name_en, NULL::text AS grp,
  NULL::numeric AS urbanisation_rate, NULL::int AS urbanisation_year, NULL::text AS urbanisation_source,
  factor, basis, canon_unit AS unit,
  sum(canon_magnitude) FILTER (WHERE og = 'core' AND dg = 'periphery') AS core_to_periphery,
  sum(canon_magnitude) FILTER (WHERE og = 'periphery' AND dg = 'core') AS periphery_to_core,
  sum(canon_magnitude) FILTER (WHERE og = 'core' AND dg = 'core') AS within_core,
  sum(canon_magnitude) FILTER (WHERE og = 'periphery' AND dg = 'periphery') AS within_periphery,
  (count(*) FILTER (WHERE og = 'core' AND dg = 'periphery'))::int AS core_to_periphery_count,
  (count(*) FILTER (WHERE og = 'periphery' AND dg = 'core'))::int AS periphery_to_core_count,
  (count(*) FILTER (WHERE og = 'core' AND dg = 'core'))::int AS within_core_count,
  (count(*) FILTER (WHERE og = 'periphery' AND dg = 'periphery'))::int AS within_periphery_count,
  (count(*) FILTER (WHERE og = 'unclassified' OR dg = 'unclassified'))::int AS unclassified_count
FROM pairs
GROUP BY factor, basis, canon_unit
UNION ALL
SELECT 'unit', code, name_zh, name_en, grp, urbanisation_rate, urbanisation_year, urbanisation_source,
       NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL
FROM grouped
ORDER BY 1, 2, 9, 10, 11
