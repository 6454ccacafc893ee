-- GET /api/balance/core-periphery: units at level $1 are grouped as core or periphery, either by an
-- explicit list of core codes ($15, rule 'list') or by urbanisation rate ≥ $13 percent (rule
-- 'urbanisation', latest value up to year $14). Units with no urbanisation figure are 'unclassified'.
-- Reports, per factor, basis and canonical unit, the totals between and within the groups.
-- $12 rule | $13 threshold | $14 indicator year cap | $15 core codes
-- With a scope unit $9 (coarser than $1; `rolled` then holds the flows with either end inside it) only the
-- units inside it are grouped; an end outside it is 'outside' (still a unit of level $1, as every counted
-- end is), so a flow across the scope's edge is summed as core/periphery → outside or outside → core/
-- periphery instead of making the outside units periphery. Without $9 every end is inside: the answer is the
-- unscoped one. Rows 'stray' name the core codes that are not inside $9, for the route to refuse.
, endpoints AS (
  SELECT o AS code, ($9::text IS NULL OR o_in) AS inside FROM rolled
  UNION SELECT d, ($9::text IS NULL OR d_in) FROM rolled
),
grouped AS (
  SELECT
    e.code, e.inside, u.name_zh, u.name_en,
    urb.value AS urbanisation_rate, urb.year AS urbanisation_year, urb.source_id AS urbanisation_source,
    CASE
      WHEN NOT e.inside THEN 'outside'
      WHEN $12::text = 'list' THEN CASE WHEN e.code = ANY ($15::text[]) THEN 'core' ELSE 'periphery' END
      WHEN urb.value IS NULL THEN 'unclassified'
      WHEN urb.value >= $13::numeric THEN 'core'
      ELSE 'periphery'
    END AS grp
  FROM endpoints e
  JOIN units u ON u.code = e.code AND u.level = $1::text
  LEFT JOIN LATERAL latest_indicator(e.code, 'urbanisation_rate', $14::int) urb ON e.inside
),
pairs AS (
  SELECT r.factor, r.basis, r.canon_unit, r.canon_magnitude, go.grp AS og, gd.grp AS dg
  FROM rolled r
  JOIN grouped go ON go.code = r.o
  JOIN grouped gd ON gd.code = r.d
  WHERE r.o <> r.d
),
-- Per factor, basis and unit, {"core_to_outside": …, "outside_to_periphery": …}: only the ways that occur.
crossing AS (
  SELECT factor, basis, canon_unit, jsonb_object_agg(way, total) AS sums, jsonb_object_agg(way, n) AS counts
  FROM (
    SELECT factor, basis, canon_unit, og || '_to_' || dg AS way, sum(canon_magnitude) AS total, count(*)::int AS n
    FROM pairs WHERE 'outside' IN (og, dg)
    GROUP BY 1, 2, 3, 4
  ) w
  GROUP BY 1, 2, 3
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
  (count(*) FILTER (WHERE og = 'unclassified' OR dg = 'unclassified'))::int AS unclassified_count,
  (SELECT c.sums FROM crossing c WHERE (c.factor, c.basis) = (pairs.factor, pairs.basis) AND c.canon_unit IS NOT DISTINCT FROM pairs.canon_unit) AS crossing_sums,
  (SELECT c.counts FROM crossing c WHERE (c.factor, c.basis) = (pairs.factor, pairs.basis) AND c.canon_unit IS NOT DISTINCT FROM pairs.canon_unit) AS crossing_counts
FROM pairs
-- A flow between two outside units cannot be in `rolled` (one end is always inside $9).
GROUP BY factor, basis, canon_unit
UNION ALL
SELECT 'unit', code, name_zh, name_en, grp, urbanisation_rate, urbanisation_year, urbanisation_source,
       NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL
FROM grouped
WHERE inside
UNION ALL
SELECT 'stray', c, NULL, NULL, NULL, NULL, NULL, NULL,
       NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL
FROM unnest($15::text[]) c
WHERE $9::text IS NOT NULL AND NOT EXISTS (
  SELECT 1 FROM unit_rollup ur
  WHERE ur.code = c AND $9::text IN (ur.province_code, ur.prefecture_code, ur.county_code, ur.township_code, ur.village_code))
ORDER BY 1, 2, 9, 10, 11
