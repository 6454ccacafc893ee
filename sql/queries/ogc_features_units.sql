-- Administrative units as OGC features (see ogc_items.sql for the columns). {{level}} is the level of a
-- per-level collection, or NULL for all units; it is fixed in code, never taken from a request.
-- The geometry is the boundary where one exists, else the representative point, else null.
-- A unit's time is the year its vintage starts with ('2023', '2020-06'); a vintage naming no year gives
-- no time, so datetime filters leave the unit out.
SELECT
  u.code AS id,
  coalesce(u.geom, u.point) AS geom,
  make_timestamptz(v.year, 1, 1, 0, 0, 0, 'UTC') AS t_start,
  make_timestamptz(v.year + 1, 1, 1, 0, 0, 0, 'UTC') AS t_end,
  json_build_object(
    'code', u.code::text,
    'parent_code', u.parent_code::text,
    'level', u.level,
    'name_zh', u.name_zh,
    'name_en', u.name_en,
    'geom_quality', u.geom_quality,
    'geometry_kind', CASE WHEN u.geom IS NOT NULL THEN 'boundary' WHEN u.point IS NOT NULL THEN 'point' END,
    'point_basis', u.point_basis,
    'point_lon', round(ST_X(u.point)::numeric, 6),
    'point_lat', round(ST_Y(u.point)::numeric, 6),
    'vintage', u.vintage
  ) AS properties,
  u.source_id
FROM units u
CROSS JOIN LATERAL (SELECT substring(u.vintage from '^[0-9]{4}')::int AS year) v
WHERE ({{level}}::text IS NULL OR u.level = {{level}}::text)
