-- GET /api/alliances. $1 programmes (null: all) | $2 unit code involved (either side) | $3 active in
-- year (null: any) | $4 include synthetic rows
SELECT
  a.id, a.programme, p.name_zh AS programme_zh, p.name_en AS programme_en,
  a.a_code, ua.name_zh AS a_name_zh, ua.name_en AS a_name_en, ua.level AS a_level, ua.geom_quality AS a_geom_quality, a.a_role,
  round(ST_X(pa.pt)::numeric, 6) AS a_lon, round(ST_Y(pa.pt)::numeric, 6) AS a_lat,
  a.b_code, ub.name_zh AS b_name_zh, ub.name_en AS b_name_en, ub.level AS b_level, ub.geom_quality AS b_geom_quality, a.b_role,
  round(ST_X(pb.pt)::numeric, 6) AS b_lon, round(ST_Y(pb.pt)::numeric, 6) AS b_lat,
  a.start_year, a.end_year, a.name_zh, a.source_id, a.note
FROM alliances a
JOIN alliance_programmes p ON p.key = a.programme
JOIN units ua ON ua.code = a.a_code
JOIN units ub ON ub.code = a.b_code
CROSS JOIN LATERAL (SELECT coalesce(ua.point, ST_PointOnSurface(ua.geom)) AS pt) pa
CROSS JOIN LATERAL (SELECT coalesce(ub.point, ST_PointOnSurface(ub.geom)) AS pt) pb
WHERE ($4::boolean OR NOT a.synthetic)
  AND ($1::text[] IS NULL OR a.programme = ANY ($1::text[]))
  AND ($2::char(12) IS NULL OR $2::char(12) IN (a.a_code, a.b_code))
  AND ($3::int IS NULL OR ((a.start_year IS NULL OR a.start_year <= $3::int) AND (a.end_year IS NULL OR a.end_year >= $3::int)))
ORDER BY a.programme, a.start_year NULLS LAST, a.id
