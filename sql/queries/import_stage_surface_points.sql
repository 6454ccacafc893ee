-- Units with a polygon but no seat get a point guaranteed to lie inside it (a centroid may not).
UPDATE import_stage
SET point = ST_PointOnSurface(geom), point_basis = 'surface', point_source_id = COALESCE(geom_source_id, source_id)
WHERE point IS NULL AND geom IS NOT NULL;
