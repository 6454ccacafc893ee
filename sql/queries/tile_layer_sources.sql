-- The sources behind a tile layer's features (the units' own, and those of their outlines or points), for
-- its TileJSON attribution. $1: levels (text[]); $2: true for a polygon layer, false for a point layer.
SELECT s.id, s.title, s.publisher, s.licence, s.url, s.original_crs
FROM sources s
WHERE EXISTS (
  SELECT 1 FROM units u
  WHERE s.id IN (u.source_id, CASE WHEN $2::boolean THEN u.geom_source_id ELSE u.point_source_id END)
    AND u.level = ANY ($1::text[])
    AND (CASE WHEN $2::boolean THEN u.geom IS NOT NULL ELSE u.point IS NOT NULL END)
)
ORDER BY s.id;
