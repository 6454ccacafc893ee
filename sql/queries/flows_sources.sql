-- The sources cited by a response, so every flow, alliance and indicator can be traced.
SELECT id, title, publisher, url, licence, retrieved::text AS retrieved, vintage, notes
FROM sources
WHERE id = ANY ($1::text[])
ORDER BY id
