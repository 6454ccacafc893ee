-- Forget the generalised shapes of the levels being rebuilt. $1: levels (text[]), or null for all.
DELETE FROM unit_geom_generalised g
USING units u
WHERE g.code = u.code
  AND ($1::text[] IS NULL OR u.level = ANY ($1::text[]));
