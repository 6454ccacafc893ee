-- Factor flows, alliances and indicators (issue 4), and the hierarchy roll-up they are analysed through.
-- Vocabularies are lookup tables (not CHECK lists) so that the API can label them in Chinese and English
-- and a later migration can add a term without rewriting constraints. server/flows/vocabulary.ts mirrors
-- them; a test keeps the two in step.

CREATE TABLE flow_factors (
  key     text PRIMARY KEY,
  rank    smallint NOT NULL UNIQUE,
  name_zh text NOT NULL,
  name_en text NOT NULL
);
INSERT INTO flow_factors VALUES
  ('labour', 1, '劳动力', 'labour'), ('land', 2, '土地', 'land'), ('capital', 3, '资本', 'capital'),
  ('technology', 4, '技术', 'technology'), ('data', 5, '数据', 'data'), ('ecology', 6, '生态', 'ecology');

-- observed: a measured figure; documented: a source describes the flow but gives no number;
-- modelled: estimated by a stated model (its source row names the model and its inputs).
CREATE TABLE flow_bases (
  key     text PRIMARY KEY,
  name_zh text NOT NULL,
  name_en text NOT NULL
);
INSERT INTO flow_bases VALUES
  ('observed', '实测', 'observed'), ('documented', '文献记载', 'documented'), ('modelled', '模型估算', 'modelled');

CREATE TABLE flow_mechanisms (
  key     text PRIMARY KEY,
  name_zh text NOT NULL,
  name_en text NOT NULL
);
INSERT INTO flow_mechanisms VALUES
  ('land_linkage', '土地联动', 'land linkage'),
  ('capital_pooling', '资本统筹', 'capital pooling'),
  ('talent_rotation', '人才轮岗', 'talent rotation'),
  ('industrial_linkage', '产业联动', 'industrial linkage'),
  ('paired_assistance', '结对帮扶资金', 'paired assistance funds'),
  ('enclave_economy', '飞地经济', 'enclave economy'),
  ('labour_migration', '劳动力迁移', 'labour migration'),
  ('other', '其他', 'other');

CREATE TABLE integration_types (
  key     text PRIMARY KEY,
  name_zh text NOT NULL,
  name_en text NOT NULL
);
INSERT INTO integration_types VALUES
  ('platform_mediated', '平台中介型', 'platform-mediated'),
  ('industrial_embedding', '产业嵌入型', 'industrial embedding'),
  ('cooperative_led', '合作社主导型', 'cooperative-led'),
  ('project_driven', '项目驱动型', 'project-driven');

-- A flow may carry several benefit linkages at once (a land contract can fix both revenue and risk
-- shares), so flows hold an array; this table labels the terms and the CHECK below keeps them valid.
CREATE TABLE benefit_linkages (
  key     text PRIMARY KEY,
  name_zh text NOT NULL,
  name_en text NOT NULL
);
INSERT INTO benefit_linkages VALUES
  ('revenue_sharing', '收益共享', 'revenue sharing'), ('risk_sharing', '风险共担', 'risk sharing'),
  ('collective_dividends', '集体分红', 'collective dividends'), ('subsidy', '补贴', 'subsidy');

-- Units of measure. Magnitudes are stored as given and summed only after conversion to the canonical
-- unit of their dimension; different dimensions are never added together.
CREATE TABLE measure_units (
  key           text PRIMARY KEY,
  dimension     text NOT NULL,
  canonical_key text NOT NULL,
  to_canonical  numeric NOT NULL CHECK (to_canonical > 0),
  name_zh       text NOT NULL,
  name_en       text NOT NULL
);
INSERT INTO measure_units VALUES
  ('persons', 'people', 'persons', 1, '人', 'persons'),
  ('persons_10k', 'people', 'persons', 10000, '万人', '10,000 persons'),
  ('person_times', 'person_times', 'person_times', 1, '人次', 'person-times'),
  ('cny', 'money', 'cny_10k', 0.0001, '元', 'CNY'),
  ('cny_10k', 'money', 'cny_10k', 1, '万元', '10,000 CNY'),
  ('cny_100m', 'money', 'cny_10k', 10000, '亿元', '100 million CNY'),
  ('hectares', 'area', 'hectares', 1, '公顷', 'hectares'),
  ('mu', 'area', 'hectares', 0.0666666666666667, '亩', 'mu'),
  ('km2', 'area', 'hectares', 100, '平方千米', 'km²'),
  ('percent', 'share', 'percent', 1, '%', 'percent'),
  ('items', 'count', 'items', 1, '个', 'items');

CREATE TABLE flows (
  id               bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  origin_code      char(12) NOT NULL REFERENCES units (code),
  dest_code        char(12) NOT NULL REFERENCES units (code),
  factor           text NOT NULL REFERENCES flow_factors (key),
  period_start     date NOT NULL,
  period_end       date NOT NULL,
  magnitude        numeric CHECK (magnitude >= 0),
  magnitude_unit   text REFERENCES measure_units (key),
  basis            text NOT NULL REFERENCES flow_bases (key),
  mechanism        text REFERENCES flow_mechanisms (key),
  integration_type text REFERENCES integration_types (key),
  benefit_linkage  text[] NOT NULL DEFAULT '{}'
                   CHECK (benefit_linkage <@ ARRAY['revenue_sharing', 'risk_sharing', 'collective_dividends', 'subsidy']::text[]),
  source_id        text NOT NULL REFERENCES sources (id),
  note             text CHECK (length(note) <= 2000),
  -- Benchmark data only: every read path excludes it unless explicitly asked.
  synthetic        boolean NOT NULL DEFAULT false,
  updated_at       timestamptz NOT NULL DEFAULT now(),
  CHECK (origin_code <> dest_code),
  CHECK (period_end >= period_start),
  -- A documented flow has no number; observed and modelled flows must have one, with its unit.
  CHECK ((basis = 'documented') = (magnitude IS NULL)),
  CHECK ((magnitude IS NULL) = (magnitude_unit IS NULL))
);
-- What makes two records "the same flow" (used to reject duplicates).
CREATE UNIQUE INDEX flows_natural_key ON flows
  (origin_code, dest_code, factor, period_start, period_end, basis, mechanism, source_id) NULLS NOT DISTINCT;
CREATE INDEX flows_dest_idx ON flows (dest_code);
CREATE INDEX flows_factor_period_idx ON flows (factor, period_start, period_end);
CREATE INDEX flows_source_idx ON flows (source_id);

CREATE TABLE alliance_programmes (
  key     text PRIMARY KEY,
  name_zh text NOT NULL,
  name_en text NOT NULL
);
INSERT INTO alliance_programmes VALUES
  ('mountain_sea', '山海协作', 'mountain–sea cooperation'),
  ('integration_agreement', '一体化协议', 'integration agreement'),
  ('study_pairing', '研究案例配对', 'study pairing'),
  ('east_west', '东西部协作', 'east–west cooperation');

CREATE TABLE alliances (
  id         bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  programme  text NOT NULL REFERENCES alliance_programmes (key),
  a_code     char(12) NOT NULL REFERENCES units (code),
  a_role     text NOT NULL CHECK (a_role IN ('core', 'periphery', 'partner')),
  b_code     char(12) NOT NULL REFERENCES units (code),
  b_role     text NOT NULL CHECK (b_role IN ('core', 'periphery', 'partner')),
  start_year smallint CHECK (start_year BETWEEN 1949 AND 2100),
  end_year   smallint CHECK (end_year BETWEEN 1949 AND 2100),
  name_zh    text CHECK (length(name_zh) <= 200),
  source_id  text NOT NULL REFERENCES sources (id),
  note       text CHECK (length(note) <= 2000),
  synthetic  boolean NOT NULL DEFAULT false,
  updated_at timestamptz NOT NULL DEFAULT now(),
  CHECK (a_code <> b_code),
  CHECK (end_year IS NULL OR start_year IS NULL OR end_year >= start_year)
);
CREATE UNIQUE INDEX alliances_natural_key ON alliances (programme, a_code, b_code, start_year) NULLS NOT DISTINCT;
CREATE INDEX alliances_b_idx ON alliances (b_code);

-- Each indicator has one unit of measure; values arriving in another unit of the same dimension are
-- converted on write (server/flows/indicator-records.ts), so a column of values is always comparable.
CREATE TABLE indicator_keys (
  key     text PRIMARY KEY,
  unit    text NOT NULL REFERENCES measure_units (key),
  name_zh text NOT NULL,
  name_en text NOT NULL,
  UNIQUE (key, unit)
);
INSERT INTO indicator_keys VALUES
  ('population_resident', 'persons', '常住人口', 'resident population'),
  ('population_registered', 'persons', '户籍人口', 'registered (hukou) population'),
  ('urbanisation_rate', 'percent', '常住人口城镇化率', 'urbanisation rate (share of residents living in urban areas)'),
  ('gdp', 'cny_100m', '地区生产总值', 'gross domestic product'),
  ('gdp_per_capita', 'cny', '人均地区生产总值', 'GDP per resident'),
  ('hukou_other_township_share', 'percent', '户口在本县其他乡镇街道的人口占比', 'share of residents registered in another township of the same county'),
  ('hukou_other_county_share', 'percent', '户口在本省其他县的人口占比', 'share of residents registered in another county of the same province'),
  ('hukou_other_province_share', 'percent', '户口在外省的人口占比', 'share of residents registered in another province');

CREATE TABLE indicators (
  id              bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  unit_code       char(12) NOT NULL REFERENCES units (code),
  year            smallint NOT NULL CHECK (year BETWEEN 1949 AND 2100),
  indicator       text NOT NULL,
  value           numeric NOT NULL,
  unit_of_measure text NOT NULL,
  -- Indicators are values, so "documented" (no number) does not apply.
  basis           text NOT NULL CHECK (basis IN ('observed', 'modelled')),
  source_id       text NOT NULL REFERENCES sources (id),
  note            text CHECK (length(note) <= 2000),
  synthetic       boolean NOT NULL DEFAULT false,
  updated_at      timestamptz NOT NULL DEFAULT now(),
  FOREIGN KEY (indicator, unit_of_measure) REFERENCES indicator_keys (key, unit)
);
CREATE UNIQUE INDEX indicators_natural_key ON indicators (unit_code, year, indicator, source_id);
CREATE INDEX indicators_key_idx ON indicators (indicator, year);

-- The value an analysis should use for a unit: the latest year up to p_year (any year when null),
-- observed before modelled, then by source id so the choice is stable.
CREATE FUNCTION latest_indicator(p_code char(12), p_key text, p_year int)
RETURNS TABLE (value numeric, year smallint, source_id text)
LANGUAGE sql STABLE AS $$
  SELECT i.value, i.year, i.source_id
  FROM indicators i
  WHERE i.unit_code = p_code AND i.indicator = p_key AND NOT i.synthetic AND (p_year IS NULL OR i.year <= p_year)
  ORDER BY i.year DESC, (i.basis = 'observed') DESC, i.source_id
  LIMIT 1
$$;

-- For every unit, the code of its ancestor-or-self at each level (null where the chain skips a level,
-- e.g. 龙港's villages sit directly under the county). Rolling a flow end up to level L takes the finest
-- of these at or above L, so a unit coarser than L stays itself and a chain that skips L stops above it.
CREATE VIEW unit_rollup AS
SELECT
  u.code,
  u.level,
  CASE 'province'   WHEN u.level THEN u.code WHEN p1.level THEN p1.code WHEN p2.level THEN p2.code WHEN p3.level THEN p3.code WHEN p4.level THEN p4.code END::char(12) AS province_code,
  CASE 'prefecture' WHEN u.level THEN u.code WHEN p1.level THEN p1.code WHEN p2.level THEN p2.code WHEN p3.level THEN p3.code WHEN p4.level THEN p4.code END::char(12) AS prefecture_code,
  CASE 'county'     WHEN u.level THEN u.code WHEN p1.level THEN p1.code WHEN p2.level THEN p2.code WHEN p3.level THEN p3.code WHEN p4.level THEN p4.code END::char(12) AS county_code,
  CASE 'township'   WHEN u.level THEN u.code WHEN p1.level THEN p1.code WHEN p2.level THEN p2.code WHEN p3.level THEN p3.code WHEN p4.level THEN p4.code END::char(12) AS township_code,
  CASE 'village'    WHEN u.level THEN u.code END::char(12) AS village_code
FROM units u
LEFT JOIN units p1 ON p1.code = u.parent_code
LEFT JOIN units p2 ON p2.code = p1.parent_code
LEFT JOIN units p3 ON p3.code = p2.parent_code
LEFT JOIN units p4 ON p4.code = p3.parent_code;
