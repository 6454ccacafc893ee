-- Alliances (paired units) as OGC features (see ogc_items.sql for the columns). The geometry is a line
-- between the two units' representative points, as for flows. The alliance's time runs from the start
-- of start_year to the end of end_year; a missing year leaves that end open, and an alliance with
-- neither year has no time, so datetime filters leave it out. Synthetic rows are never served.
SELECT
  a.id,
  ST_MakeLine(pa.pt, pb.pt) AS geom,
  make_timestamptz(a.start_year, 1, 1, 0, 0, 0, 'UTC') AS t_start,
  make_timestamptz(a.end_year + 1, 1, 1, 0, 0, 0, 'UTC') AS t_end,
  json_build_object(
    'programme', a.programme,
    'programme_zh', p.name_zh,
    'programme_en', p.name_en,
    'name_zh', a.name_zh,
    'a_code', a.a_code::text,
    'a_name_zh', ua.name_zh,
    'a_name_en', ua.name_en,
    'a_level', ua.level,
    'a_role', a.a_role,
    'b_code', a.b_code::text,
    'b_name_zh', ub.name_zh,
    'b_name_en', ub.name_en,
    'b_level', ub.level,
    'b_role', a.b_role,
    'start_year', a.start_year,
    'end_year', a.end_year,
    'note', a.note
  ) AS properties,
  a.source_id
FROM alliances a
JOIN alliance_programmes p ON p.key = a.programme
JOIN units ua ON ua.code = a.a_code
JOIN units ub ON ub.code = a.b_code
CROSS JOIN LATERAL (SELECT coalesce(ua.point, ST_PointOnSurface(ua.geom)) AS pt) pa
CROSS JOIN LATERAL (SELECT coalesce(ub.point, ST_PointOnSurface(ub.geom)) AS pt) pb
WHERE NOT a.synthetic
