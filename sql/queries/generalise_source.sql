-- The polygons to generalise, in web-mercator metres. $1: the levels to rebuild (text[]), or null for all.
-- Rounded to the centimetre: finer digits are float noise, and equal vertices must stay equal text.
SELECT code::text AS code, ST_AsGeoJSON(ST_Transform(geom, 3857), 2) AS geojson
FROM units
WHERE geom IS NOT NULL
  AND ($1::text[] IS NULL OR level = ANY ($1::text[]))
ORDER BY code;
