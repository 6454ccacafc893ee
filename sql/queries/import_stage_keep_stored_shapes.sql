-- Staged units whose outline could not be downloaded this time ($1: their codes) take the shape already
-- stored, with its point and provenance, so an import run offline does not erase what an earlier import
-- with internet filled in. Returns the codes that kept one.
UPDATE import_stage s
   SET geom = u.geom, point = u.point, geom_quality = u.geom_quality, point_basis = u.point_basis,
       source_id = u.source_id, geom_source_id = u.geom_source_id, point_source_id = u.point_source_id,
       vintage = u.vintage, note = u.note
  FROM units u
 WHERE u.code = s.code AND s.code = ANY ($1::text[]) AND s.geom IS NULL AND u.geom IS NOT NULL
RETURNING s.code::text AS code
