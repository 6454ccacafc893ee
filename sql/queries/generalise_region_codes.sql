-- The units with a shape in a region's code range, at the generalised levels. $1: levels (text[]),
-- $2: the region's code prefix ('' for the whole country).
SELECT code::text AS code
FROM units
WHERE geom IS NOT NULL AND level = ANY ($1::text[]) AND code LIKE $2::text || '%'
ORDER BY code;
