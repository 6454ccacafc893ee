-- Bring staged shapes to WGS-84 (SRID 4326). Polygons become MultiPolygons, the type units stores.
-- A shape the projection cannot handle becomes NULL here and is reported by import_stage_problems.
UPDATE import_stage SET
  geom  = CASE WHEN ST_SRID(geom_raw) = 4326 THEN ST_Multi(geom_raw) ELSE ST_Multi(atlas_try_transform(geom_raw, 4326)) END,
  point = CASE WHEN ST_SRID(point_raw) = 4326 THEN point_raw ELSE atlas_try_transform(point_raw, 4326) END;
