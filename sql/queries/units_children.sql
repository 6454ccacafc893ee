-- The direct children of a unit, in code order.
SELECT code, level, name_zh, name_en, geom_quality
FROM units
WHERE parent_code = $1
ORDER BY code
