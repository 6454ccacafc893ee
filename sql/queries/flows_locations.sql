-- Where to draw each unit a flow touches: its seat or representative point, else a point on its surface.
SELECT
  u.code, u.level, u.name_zh, u.name_en, u.geom_quality,
  round(ST_X(p.pt)::numeric, 6) AS lon,
  round(ST_Y(p.pt)::numeric, 6) AS lat
FROM units u
CROSS JOIN LATERAL (SELECT coalesce(u.point, ST_PointOnSurface(u.geom)) AS pt) p
WHERE u.code = ANY ($1::text[])
ORDER BY u.code
