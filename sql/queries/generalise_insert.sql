-- Store one batch of generalised shapes. $1: a JSON array of {code, band, geojson} in EPSG:3857.
-- Simplifying shared arcs can make a ring touch itself; ST_MakeValid repairs that without moving any
-- edge, so neighbours stay edge to edge.
INSERT INTO unit_geom_generalised (code, band, geom)
SELECT r.code, r.band, v.geom
FROM json_to_recordset($1::json) AS r (code text, band int, geojson json)
CROSS JOIN LATERAL (
  SELECT ST_Multi(ST_CollectionExtract(ST_MakeValid(ST_SetSRID(ST_GeomFromGeoJSON(r.geojson), 3857)), 3)) AS geom
) v
WHERE NOT ST_IsEmpty(v.geom);
