-- Published boundaries rarely share edges exactly: neighbouring DataV counties cross each other every few
-- hundred metres, leaving slivers of overlap and gap, and simplified one by one such near-copies of a
-- border drift apart. So every boundary of every level is noded into one line network (snap-rounded to a
-- 0.5 m grid, which is robust) and the plane is cut into faces. Each unit is then rebuilt from whole faces
-- (generalise_assign.sql), and every edge is shared exactly by the units on either side, at every level.
INSERT INTO gen_faces (id, face, inside, area)
SELECT row_number() OVER (), d.geom, ST_PointOnSurface(d.geom), ST_Area(d.geom)
FROM (
  SELECT ST_Polygonize(network) AS faces
  FROM (SELECT ST_UnaryUnion(ST_Collect(ST_Boundary(g)), 0.5) AS network FROM gen_src) n
) p,
ST_Dump(p.faces) d;
