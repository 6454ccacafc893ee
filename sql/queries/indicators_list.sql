-- GET /api/indicators. $1 unit code | $2 parent code (the unit's children) | $3 level | $4 indicator keys
-- | $5 year from | $6 year to | $7 limit | $8 offset. Stable order for paging.
SELECT
  i.id, i.unit_code, u.name_zh, u.name_en, u.level, i.year, i.indicator,
  k.name_zh AS indicator_zh, k.name_en AS indicator_en,
  i.value, i.unit_of_measure AS unit, i.basis, i.source_id, i.note,
  count(*) OVER () AS total
FROM indicators i
JOIN units u ON u.code = i.unit_code
JOIN indicator_keys k ON k.key = i.indicator
WHERE NOT i.synthetic
  AND ($1::char(12) IS NULL OR i.unit_code = $1::char(12))
  AND ($2::char(12) IS NULL OR u.parent_code = $2::char(12))
  AND ($3::text IS NULL OR u.level = $3::text)
  AND ($4::text[] IS NULL OR i.indicator = ANY ($4::text[]))
  AND ($5::int IS NULL OR i.year >= $5::int)
  AND ($6::int IS NULL OR i.year <= $6::int)
ORDER BY i.unit_code, i.indicator, i.year, i.source_id, i.id
LIMIT $7::int OFFSET $8::int
