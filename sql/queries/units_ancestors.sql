-- The breadcrumb of a unit: its ancestors, the top of the hierarchy first.
WITH RECURSIVE up AS (
  SELECT p.code, p.parent_code, p.level, p.name_zh, p.name_en, 1 AS depth
  FROM units c JOIN units p ON p.code = c.parent_code
  WHERE c.code = $1
  UNION ALL
  SELECT p.code, p.parent_code, p.level, p.name_zh, p.name_en, up.depth + 1
  FROM up JOIN units p ON p.code = up.parent_code
  WHERE up.depth < 10
)
SELECT code, level, name_zh, name_en FROM up ORDER BY depth DESC
