-- One batch of input units. $1: JSON array of rows, geometries as GeoJSON text; $2: the input's SRID.
INSERT INTO import_stage (idx, where_text, code, parent_code, level, name_zh, name_en, name_pinyin, geom_raw, point_raw,
                          geom_quality, point_basis, source_id, geom_source_id, point_source_id, vintage, note)
SELECT r.idx, r.where_text, r.code, r.parent_code, r.level, r.name_zh, r.name_en, r.name_pinyin,
       ST_SetSRID(ST_GeomFromGeoJSON(r.geom), $2::int),
       ST_SetSRID(ST_GeomFromGeoJSON(r.point), $2::int),
       r.geom_quality, r.point_basis, r.source_id, r.geom_source_id, r.point_source_id, r.vintage, r.note
FROM jsonb_to_recordset($1::jsonb) AS r (
  idx int, where_text text, code text, parent_code text, level text, name_zh text, name_en text, name_pinyin text,
  geom text, point text, geom_quality text, point_basis text, source_id text, geom_source_id text,
  point_source_id text, vintage text, note text
);
