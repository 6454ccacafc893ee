-- Load the source manifest; a row is rewritten only when something in it changed. $1: JSON array.
WITH up AS (
  INSERT INTO sources (id, title, publisher, url, licence, original_crs, retrieved, vintage, notes, mirror_path)
  SELECT r.id, r.title, r.publisher, r.url, r.licence, r.original_crs, r.retrieved::date, r.vintage, r.notes, r.mirror_path
  FROM jsonb_to_recordset($1::jsonb) AS r (
    id text, title text, publisher text, url text, licence text, original_crs text, retrieved text, vintage text, notes text, mirror_path text
  )
  ON CONFLICT (id) DO UPDATE SET
    title = EXCLUDED.title, publisher = EXCLUDED.publisher, url = EXCLUDED.url, licence = EXCLUDED.licence,
    original_crs = EXCLUDED.original_crs, retrieved = EXCLUDED.retrieved, vintage = EXCLUDED.vintage,
    notes = EXCLUDED.notes, mirror_path = EXCLUDED.mirror_path
  WHERE (sources.title, sources.publisher, sources.url, sources.licence, sources.original_crs, sources.retrieved,
         sources.vintage, sources.notes, sources.mirror_path)
        IS DISTINCT FROM
        (EXCLUDED.title, EXCLUDED.publisher, EXCLUDED.url, EXCLUDED.licence, EXCLUDED.original_crs, EXCLUDED.retrieved,
         EXCLUDED.vintage, EXCLUDED.notes, EXCLUDED.mirror_path)
  RETURNING 1
)
SELECT count(*)::int AS n FROM up;
