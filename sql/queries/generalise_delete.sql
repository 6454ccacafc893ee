-- Forget the generalised shapes of the levels being rebuilt. $1: levels (text[]).
DELETE FROM unit_geom_generalised g
USING units u
WHERE g.code = u.code
  AND u.level = ANY ($1::text[]);
