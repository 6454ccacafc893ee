-- Indicators as OGC features (see ogc_items.sql for the columns). The geometry is the unit's
-- representative point (its point, else a point on its surface), so a GIS can place the values; the
-- boundary is left to the units collections rather than repeated per value. The time is the indicator's
-- year. Synthetic rows are never served.
SELECT
  i.id,
  coalesce(u.point, ST_PointOnSurface(u.geom)) AS geom,
  make_timestamptz(i.year, 1, 1, 0, 0, 0, 'UTC') AS t_start,
  make_timestamptz(i.year + 1, 1, 1, 0, 0, 0, 'UTC') AS t_end,
  json_build_object(
    'unit_code', i.unit_code::text,
    'unit_name_zh', u.name_zh,
    'unit_name_en', u.name_en,
    'unit_level', u.level,
    'year', i.year,
    'indicator', i.indicator,
    'indicator_zh', k.name_zh,
    'indicator_en', k.name_en,
    'value', i.value,
    'unit_of_measure', i.unit_of_measure,
    'basis', i.basis,
    'note', i.note
  ) AS properties,
  i.source_id
FROM indicators i
JOIN units u ON u.code = i.unit_code
JOIN indicator_keys k ON k.key = i.indicator
WHERE NOT i.synthetic
