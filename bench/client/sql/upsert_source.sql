-- The source every synthetic flow points at; its title says that nothing under it is real.
INSERT INTO sources (id, title, publisher, url, licence, original_crs, retrieved, vintage, notes)
VALUES ($1, $2, $3, NULL, $4, NULL, current_date, NULL, $5)
ON CONFLICT (id) DO UPDATE SET title = EXCLUDED.title, publisher = EXCLUDED.publisher, licence = EXCLUDED.licence,
  retrieved = EXCLUDED.retrieved, notes = EXCLUDED.notes
