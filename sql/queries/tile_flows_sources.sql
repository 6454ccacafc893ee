-- The sources behind the flows tile layer, for its TileJSON attribution: those of the flows themselves
-- and of the units their lines are drawn between (codes, names and points).
SELECT s.id, s.title, s.publisher, s.licence, s.url, s.original_crs
FROM sources s
WHERE s.id IN (SELECT source_id FROM flows WHERE NOT synthetic)
   OR EXISTS (
     SELECT 1 FROM units u
     WHERE s.id IN (u.source_id, u.point_source_id)
       AND u.code IN (SELECT origin_code FROM flows WHERE NOT synthetic UNION SELECT dest_code FROM flows WHERE NOT synthetic)
   )
ORDER BY s.id;
