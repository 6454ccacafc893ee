-- GET /api/units/{code}/corridors: for unit $9, its top partners per factor, direction, basis and unit.
-- Partners are rolled up to level $1. Flows wholly inside the unit are not corridors and are left out.
-- Magnitude ranks partners; documented flows, which have none, are ranked by how many records name them.
-- $12 partners per group
, sided AS (
  SELECT 'out' AS direction, d AS partner, factor, basis, canon_unit, canon_magnitude, source_id
  FROM rolled WHERE o_in AND NOT d_in
  UNION ALL
  SELECT 'in', o, factor, basis, canon_unit, canon_magnitude, source_id
  FROM rolled WHERE d_in AND NOT o_in
),
summed AS (
  SELECT direction, partner, factor, basis, canon_unit,
         sum(canon_magnitude) AS magnitude, count(*)::int AS count,
         array_agg(DISTINCT source_id ORDER BY source_id) AS sources
  FROM sided
  GROUP BY direction, partner, factor, basis, canon_unit
),
ranked AS (
  SELECT s.*, row_number() OVER (
    PARTITION BY direction, factor, basis, canon_unit
    ORDER BY magnitude DESC NULLS LAST, count DESC, partner) AS rank
  FROM summed s
)
SELECT r.direction, r.factor, r.basis, r.canon_unit AS unit, r.rank::int AS rank,
       r.partner, u.name_zh, u.name_en, u.level,
       CASE WHEN r.basis = 'documented' THEN NULL ELSE r.magnitude END AS magnitude,
       r.count, r.sources
FROM ranked r
JOIN units u ON u.code = r.partner
WHERE r.rank <= $12::int
ORDER BY r.factor, r.direction, r.basis, r.canon_unit, r.rank
