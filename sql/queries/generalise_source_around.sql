-- The polygons for a regional rebuild, in web-mercator metres. $1: levels (text[]), $2: the units whose
-- shapes changed (12-digit codes), $3: reach in degrees, $4: context reach in degrees.
-- Rebuilt (and written): the changed units and every unit within reach of one, since the edges they share
-- move with them (within reach, not just touching: DataV neighbours are often parted by slivers of gap).
-- Context (noded and simplified with them, never written): every unit whose box comes within $4 of a
-- rebuilt one's. An arc between a rebuilt unit and an untouched one ends where a third unit meets them, and
-- that unit touches the rebuilt one, so it is here; and at the coarsest band an arc is simplified less
-- where it would cross another arc nearby, so the arcs within a few kilometres must be here too (with only
-- the touching units as context, one Wenzhou county came out 0.25 km² different from a full rebuild at
-- band 0). Then the arc comes out as it did when the untouched unit was last built, and no gap opens.
-- A coarse buffer and plain ST_Intersects, answered with prepared geometry: ST_DWithin between whole
-- county outlines was 30 times slower.
WITH reach AS MATERIALIZED (
  SELECT code, ST_Buffer(geom, $3::float8, 'quad_segs=1') AS geom
  FROM units
  WHERE code = ANY ($2::text[]) AND level = ANY ($1::text[]) AND geom IS NOT NULL
),
rebuilt AS MATERIALIZED (
  SELECT DISTINCT u.code, u.geom
  FROM reach r
  JOIN units u ON ST_Intersects(u.geom, r.geom)
  WHERE u.level = ANY ($1::text[]) AND u.geom IS NOT NULL
),
context AS (
  SELECT DISTINCT u.code
  FROM rebuilt r
  JOIN units u ON u.geom && ST_Expand(r.geom, $4::float8)
  WHERE u.level = ANY ($1::text[]) AND u.geom IS NOT NULL
)
INSERT INTO gen_src (code, level, g, rebuild)
SELECT u.code, u.level, ST_Transform(u.geom, 3857), EXISTS (SELECT 1 FROM rebuilt r WHERE r.code = u.code)
FROM context c
JOIN units u ON u.code = c.code;
