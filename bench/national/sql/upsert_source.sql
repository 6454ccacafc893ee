-- The source row every synthetic unit and flow points at: it says, in its title, that nothing under it is real.
INSERT INTO sources (id, title, publisher, url, licence, original_crs, retrieved, vintage, notes)
VALUES ($1, $2, $3, NULL, $4, 'EPSG:4326', current_date, $5, $6)
ON CONFLICT (id) DO UPDATE SET title = EXCLUDED.title, publisher = EXCLUDED.publisher, licence = EXCLUDED.licence,
  retrieved = EXCLUDED.retrieved, vintage = EXCLUDED.vintage, notes = EXCLUDED.notes
