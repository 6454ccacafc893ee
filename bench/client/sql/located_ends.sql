-- The demo's townships and villages that have a point (the only ends a flow can be drawn between), in a
-- stable order so the seeded generator picks the same units every time.
SELECT code::text AS code, ST_X(point) AS lon, ST_Y(point) AS lat
FROM units
WHERE level IN ('township', 'village') AND point IS NOT NULL
ORDER BY code
