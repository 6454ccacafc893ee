-- Bounds of the flows tile layer for its TileJSON: the points of every unit at either end of a flow the
-- layer can draw (synthetic benchmark flows never are).
SELECT ST_XMin(e) AS west, ST_YMin(e) AS south, ST_XMax(e) AS east, ST_YMax(e) AS north
FROM (
  SELECT ST_Extent(coalesce(u.point, ST_PointOnSurface(u.geom))) AS e
  FROM units u
  WHERE u.code IN (SELECT origin_code FROM flows WHERE NOT synthetic UNION SELECT dest_code FROM flows WHERE NOT synthetic)
) x;
