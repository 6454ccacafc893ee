-- Embedded PGlite has no ST_AsMVTGeom/ST_AsMVT (built without protobuf), so it returns the features and
-- server/tiles/mvt-encode.ts writes the protobuf. The geometry steps follow PostGIS's mvt_geom(): affine to
-- the 4096 grid (y down), snap to integers, drop collinear points, make valid, clip to the 64-unit buffer.
-- (mvt_geom clips and repairs in one step with wagyu; here the repair must come first, because GEOS's fast
-- ST_ClipByBox2D turns a self-touching polygon inside out.)
-- One row with a null id means an empty tile; the version (units_version for boundary layers, version for
-- flows) comes from the same snapshot as the features.
SELECT d.{{version_column}} AS version, t.id, t.props, t.geom
FROM data_version d
LEFT JOIN LATERAL (
  SELECT q.id, q.props, ST_AsGeoJSON(q.geom, 0) AS geom
  FROM (
    SELECT f.id, f.props,
           ST_CollectionExtract(ST_Intersection(
             ST_MakeValid(ST_Simplify(ST_SnapToGrid(
               ST_Affine(f.geom, s.fx, 0, 0, s.fy, -ST_XMin(bounds.tile) * s.fx, -ST_YMax(bounds.tile) * s.fy), 1), 0)),
             ST_MakeEnvelope(-64, -64, 4096 + 64, 4096 + 64, 3857)
           ), {{geom_type}}) AS geom
    FROM f, bounds,
    LATERAL (
      SELECT 4096 / (ST_XMax(bounds.tile) - ST_XMin(bounds.tile)) AS fx,
             -4096 / (ST_YMax(bounds.tile) - ST_YMin(bounds.tile)) AS fy
    ) s
  ) q
  WHERE q.geom IS NOT NULL AND NOT ST_IsEmpty(q.geom)
) t ON true
ORDER BY t.id;
