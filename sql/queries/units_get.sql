-- GET /api/units/{code}: one unit with its source and geometry.
SELECT
  u.code, u.code6, u.code9, u.parent_code, u.level, u.name_zh, u.name_en, u.geom_quality, u.point_basis, u.vintage,
  ST_AsGeoJSON(u.geom, 6)::json AS geometry,
  CASE WHEN u.point IS NULL THEN NULL ELSE json_build_array(round(ST_X(u.point)::numeric, 6), round(ST_Y(u.point)::numeric, 6)) END AS point,
  CASE WHEN coalesce(u.geom, u.point) IS NULL THEN NULL ELSE json_build_array(
    round(ST_XMin(coalesce(u.geom, u.point))::numeric, 6), round(ST_YMin(coalesce(u.geom, u.point))::numeric, 6),
    round(ST_XMax(coalesce(u.geom, u.point))::numeric, 6), round(ST_YMax(coalesce(u.geom, u.point))::numeric, 6)) END AS bbox,
  json_build_object('id', s.id, 'title', s.title, 'publisher', s.publisher, 'url', s.url, 'licence', s.licence,
                    'original_crs', s.original_crs, 'retrieved', s.retrieved, 'vintage', s.vintage, 'notes', s.notes) AS source
FROM units u
JOIN sources s ON s.id = u.source_id
WHERE u.code = $1
