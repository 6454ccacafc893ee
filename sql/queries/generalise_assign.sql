-- Which units hold each face (at most one per level), with the face in web-mercator metres. Where two units
-- of a level overlap, the lower code takes the sliver. Faces held by no unit of some level come back too
-- when smaller than $1 m²: they may be gaps between neighbours, which topology-simplify.ts hands to a
-- neighbour by the edges the faces share (found there from the face topology in one pass; a search here,
-- ST_Relate of each small face against every big face near it, took most of a national rebuild).
WITH held AS (
  SELECT DISTINCT ON (f.id, s.level) f.id, s.level, s.code
  FROM gen_faces f
  JOIN gen_src s ON ST_Intersects(s.g, f.inside)
  ORDER BY f.id, s.level, s.code
)
SELECT f.id, f.area, ST_AsGeoJSON(f.face, 2) AS geojson,
       coalesce(array_agg(h.code ORDER BY h.code) FILTER (WHERE h.code IS NOT NULL), '{}') AS codes,
       coalesce(array_agg(h.level ORDER BY h.code) FILTER (WHERE h.code IS NOT NULL), '{}') AS levels
FROM gen_faces f
LEFT JOIN held h ON h.id = f.id
GROUP BY f.id, f.area, f.face
HAVING count(h.code) > 0 OR f.area < $1::float8
ORDER BY f.id;
