-- The end of both balance statements as series (GET /api/balance?layout=series; not a statement on its own):
-- the answer's `units` and `series` as JSON text, built here so that 50,000 national rows are neither sent as
-- 850,000 separate values nor parsed and serialised once more by the server (server/analysis/balance.ts).
-- After `totals` (balance_units.sql or balance_cube.sql); $12 as balance_pops.sql, which this tail does not
-- need (there the population is looked up per code of `totals`, which made `totals` a CTE read twice and
-- written to a temporary store: a sixth of the national statement; here per unit of the series):
--  * units: per unit of the level, its names and population (+ year and source), once;
--  * series: per factor, basis and canonical unit (in that order), the units' codes in code order and,
--    index by index, inflow, outflow and internal (null for documented flows, which have no figure) and the
--    three counts. net = inflow - outflow and net per resident = net / population, as in the rows layout;
--  * sources: the population sources the units cite.
-- Sums go out as double precision, the same numbers the rows layout gives. The text is the one JSON.stringify
-- writes, with no spaces: json_agg's arrays hold only numbers and nulls here, so dropping the space after each
-- comma is safe (it is a sixth of the bytes nationally), and a code is 12 digits (units' CHECK) that needs
-- no escaping; names and keys go through to_json.
, kept AS (
  SELECT t.*
  FROM totals t
  JOIN units u ON u.code = t.code AND u.level = $1::text
  -- Aggregates fed from a sorted subquery keep its order (and grouping on a prefix of the sort needs no
  -- other sort): one sort for every array, and the cube's totals already arrive in it (migration 010).
  -- tests/analysis-balance-series.test.ts checks the code order and every figure against the rows layout.
  ORDER BY t.factor, t.basis, t.canon_unit, t.code
),
-- MATERIALIZED: read twice, for the answer and for its units (18 rows nationally).
series AS MATERIALIZED (
  SELECT
    k.factor, k.basis, k.canon_unit, array_agg(k.code) AS codes,
    '{"factor":' || to_json(k.factor)::text || ',"basis":' || to_json(k.basis)::text
      || ',"unit":' || coalesce(to_json(k.canon_unit)::text, 'null')
      || ',"code":["' || string_agg(k.code, '","') || '"]'
      || CASE WHEN k.basis = 'documented' THEN ',"inflow":null,"outflow":null,"internal":null'
              ELSE ',"inflow":' || replace(json_agg(k.inflow::float8)::text, ', ', ',')
                || ',"outflow":' || replace(json_agg(k.outflow::float8)::text, ', ', ',')
                || ',"internal":' || replace(json_agg(k.internal::float8)::text, ', ', ',') END
      || ',"inflow_count":' || replace(json_agg(k.inflow_count)::text, ', ', ',')
      || ',"outflow_count":' || replace(json_agg(k.outflow_count)::text, ', ', ',')
      || ',"internal_count":' || replace(json_agg(k.internal_count)::text, ', ', ',') || '}' AS json
  FROM kept k
  GROUP BY k.factor, k.basis, k.canon_unit
),
-- The units of the series (so of the level: a coarser end, e.g. a flow recorded at a province, keeps its own
-- code at county level and is left out by `kept`, as in the rows layout) with their population.
shown AS (
  SELECT c.code, pop.value, pop.year, pop.source_id, u.name_zh, u.name_en
  FROM (SELECT DISTINCT unnest(s.codes) AS code FROM series s) c
  JOIN units u ON u.code = c.code AND u.level = $1::text
  LEFT JOIN LATERAL latest_indicator(c.code, 'population_resident', $12::int) pop ON true
)
SELECT
  coalesce((
    SELECT '{' || string_agg('"' || v.code || '":{"name_zh":' || to_json(v.name_zh)::text
      || ',"name_en":' || coalesce(to_json(v.name_en)::text, 'null')
      || ',"population":' || coalesce(to_json(v.value::float8)::text, 'null')
      || ',"population_year":' || coalesce(v.year::text, 'null')
      || ',"population_source":' || coalesce(to_json(v.source_id)::text, 'null') || '}', ',' ORDER BY v.code) || '}'
    FROM shown v
  ), '{}') AS units,
  coalesce((SELECT '[' || string_agg(s.json, ',' ORDER BY s.factor, s.basis, s.canon_unit) || ']' FROM series s), '[]') AS series,
  coalesce((SELECT array_agg(DISTINCT v.source_id) FROM shown v WHERE v.source_id IS NOT NULL), '{}') AS sources
