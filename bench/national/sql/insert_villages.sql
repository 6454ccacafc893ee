-- One batch of synthetic villages under real townships. $8: the synthetic source id; $9: its vintage.
-- The point (made up around the township's seat) carries the synthetic source as its provenance too.
INSERT INTO units (code, parent_code, level, name_zh, name_en, name_pinyin, point, point_basis, geom_quality,
                   source_id, vintage, point_source_id, note)
SELECT code, parent, 'village', zh, en, py,
       CASE WHEN lon IS NULL THEN NULL ELSE ST_SetSRID(ST_MakePoint(lon, lat), 4326) END,
       CASE WHEN lon IS NULL THEN NULL ELSE 'seat' END,
       'none', $8::text, $9::text,
       CASE WHEN lon IS NULL THEN NULL ELSE $8::text END,
       'Synthetic benchmark village (not a real place): made up by bench/national; its point, if any, is drawn at random within a few km of its township''s seat.'
FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::float8[], $7::float8[])
     AS t(code, parent, zh, en, py, lon, lat)
