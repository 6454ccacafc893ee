-- Which units each face belongs to (at most one per level), with the face in web-mercator metres.
-- Where two units of a level overlap, the lower code takes the sliver. A small face that no unit of a level
-- holds but that shares an edge with one is a gap between neighbours: it goes to the lowest-coded unit it
-- borders. Large uncovered faces (a missing unit, another region's enclave) stay uncovered.
WITH held AS (
  SELECT DISTINCT ON (f.id, s.level) f.id, s.level, s.code
  FROM gen_faces f
  JOIN gen_src s ON ST_Intersects(s.g, f.inside)
  ORDER BY f.id, s.level, s.code
),
gaps AS (
  SELECT DISTINCT ON (f.id, h.level) f.id, h.level, h.code
  FROM gen_faces f
  JOIN gen_faces n ON n.face && f.face AND n.id <> f.id
  JOIN held h ON h.id = n.id
  WHERE f.area < 1e6
    AND NOT EXISTS (SELECT 1 FROM held x WHERE x.id = f.id AND x.level = h.level)
    AND ST_Relate(n.face, f.face, '****1****')
  ORDER BY f.id, h.level, h.code
),
codes AS (
  SELECT id, array_agg(code ORDER BY code) AS codes
  FROM (SELECT id, code FROM held UNION ALL SELECT id, code FROM gaps) a
  GROUP BY id
)
SELECT f.id, ST_AsGeoJSON(f.face, 2) AS geojson, c.codes
FROM gen_faces f
JOIN codes c ON c.id = f.id
ORDER BY f.id;
