-- Bounds of a tile layer's data for its TileJSON. $1: levels (text[]); $2: true for polygons, false for points.
SELECT ST_XMin(e) AS west, ST_YMin(e) AS south, ST_XMax(e) AS east, ST_YMax(e) AS north
FROM (
  SELECT ST_Extent(CASE WHEN $2::boolean THEN geom ELSE point END) AS e
  FROM units
  WHERE level = ANY ($1::text[])
) x;
