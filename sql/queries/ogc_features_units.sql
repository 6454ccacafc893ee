-- Administrative units as OGC features (see ogc_items.sql for the columns). {{level}} is the level of a
-- per-level collection, or NULL for all units; it is fixed in code, never taken from a request.
-- The geometry is the boundary where one exists, else the representative point, else null.
-- A unit's time is the first year (19xx or 20xx) its vintage names ('NBS 2023 (divisions as of
-- 2023-06-30)' → 2023, 'county codes of 2020-06' → 2020); a vintage naming no year gives no time, so
-- datetime filters leave the unit out. Where the boundary or the point comes from another source than
-- the unit (derived township areas, older seat lists), that source is named as well.
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
    'vintage', u.vintage,
    'geom_source_id', u.geom_source_id,
    'geom_source_title', gs.title,
    'point_source_id', u.point_source_id,
    'point_source_title', ps.title,
    'note', u.note
  ) AS properties,
  u.source_id
FROM units u
LEFT JOIN sources gs ON gs.id = u.geom_source_id
LEFT JOIN sources ps ON ps.id = u.point_source_id
CROSS JOIN LATERAL (SELECT substring(u.vintage from '(?:^|[^0-9])((?:19|20)[0-9]{2})(?:[^0-9]|$)')::int AS year) v
WHERE ({{level}}::text IS NULL OR u.level = {{level}}::text)
