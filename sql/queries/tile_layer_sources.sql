-- The sources behind a tile layer's features, for its TileJSON attribution. $1: levels; $2: polygons?
SELECT s.id, s.title, s.publisher, s.licence, s.url, s.original_crs
FROM sources s
WHERE EXISTS (
  SELECT 1 FROM units u
  WHERE u.source_id = s.id
    AND u.level = ANY ($1::text[])
    AND (CASE WHEN $2::boolean THEN u.geom IS NOT NULL ELSE u.point IS NOT NULL END)
)
ORDER BY s.id;
