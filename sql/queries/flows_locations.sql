-- Where to draw each unit a flow touches: its seat or representative point, else a point on its surface.
-- Codes as char(12), the column's type: as text[] the look-up could not use the primary key and read all 475,909
-- units of the national bench (215-760 ms for 200 codes at load 9; 0.8-9 ms as char(12)).
SELECT
  u.code, u.level, u.name_zh, u.name_en, u.geom_quality,
  round(ST_X(p.pt)::numeric, 6) AS lon,
  round(ST_Y(p.pt)::numeric, 6) AS lat
FROM units u
CROSS JOIN LATERAL (SELECT coalesce(u.point, ST_PointOnSurface(u.geom)) AS pt) p
WHERE u.code = ANY ($1::char(12)[])
ORDER BY u.code
