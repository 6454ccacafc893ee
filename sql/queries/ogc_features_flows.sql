-- Factor flows as OGC features (see ogc_items.sql for the columns). The geometry is a line from the
-- origin's representative point to the destination's (the unit's point, else a point on its surface;
-- null when either end has neither). The flow's time is its period, from the first instant of
-- period_start to the last of period_end. Synthetic (benchmark) flows are never served.
SELECT
  f.id,
  ST_MakeLine(po.pt, pd.pt) AS geom,
  f.period_start::timestamp AT TIME ZONE 'UTC' AS t_start,
  (f.period_end + 1)::timestamp AT TIME ZONE 'UTC' AS t_end,
  json_build_object(
    'origin_code', f.origin_code::text,
    'origin_name_zh', uo.name_zh,
    'origin_name_en', uo.name_en,
    'origin_level', uo.level,
    'dest_code', f.dest_code::text,
    'dest_name_zh', ud.name_zh,
    'dest_name_en', ud.name_en,
    'dest_level', ud.level,
    'factor', f.factor,
    'period_start', to_char(f.period_start, 'YYYY-MM-DD'),
    'period_end', to_char(f.period_end, 'YYYY-MM-DD'),
    'magnitude', f.magnitude,
    'magnitude_unit', f.magnitude_unit,
    'basis', f.basis,
    'mechanism', f.mechanism,
    'integration_type', f.integration_type,
    'benefit_linkage', nullif(array_to_string(f.benefit_linkage, ','), ''),
    'note', f.note
  ) AS properties,
  f.source_id
FROM flows f
JOIN units uo ON uo.code = f.origin_code
JOIN units ud ON ud.code = f.dest_code
CROSS JOIN LATERAL (SELECT coalesce(uo.point, ST_PointOnSurface(uo.geom)) AS pt) po
CROSS JOIN LATERAL (SELECT coalesce(ud.point, ST_PointOnSurface(ud.geom)) AS pt) pd
WHERE NOT f.synthetic
