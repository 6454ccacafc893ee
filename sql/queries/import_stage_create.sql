-- The staging table of one import: every unit is checked here before any row of units is touched.
-- Temporary and dropped at commit, so a failed import leaves nothing behind.
CREATE TEMP TABLE import_stage (
  idx             integer PRIMARY KEY,   -- order in the input, for messages
  where_text      text NOT NULL,         -- "feature #3", "villages.csv line 57"
  code            char(12) NOT NULL,
  parent_code     char(12),
  level           text NOT NULL,
  name_zh         text NOT NULL,
  name_en         text,
  name_pinyin     text,
  geom_raw        geometry,              -- as read, in the input's SRID
  point_raw       geometry,
  geom            geometry,              -- in SRID 4326, after transformation
  point           geometry,
  geom_quality    text NOT NULL,
  point_basis     text,
  source_id       text NOT NULL,
  geom_source_id  text,
  point_source_id text,
  vintage         text NOT NULL,
  note            text
) ON COMMIT DROP;
CREATE INDEX import_stage_code_idx ON import_stage (code);
