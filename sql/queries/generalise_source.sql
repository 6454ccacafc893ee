-- The polygons to generalise, in web-mercator metres. $1: the levels to rebuild (text[]).
INSERT INTO gen_src (code, level, g)
SELECT code, level, ST_Transform(geom, 3857)
FROM units
WHERE geom IS NOT NULL AND level = ANY ($1::text[]);
