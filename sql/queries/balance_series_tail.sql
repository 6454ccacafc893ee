-- The end of both balance statements as series (GET /api/balance?layout=series; not a statement on its own):
-- one JSON document, built here so that 50,000 national rows are not sent as 850,000 separate values.
-- For `totals` (balance_units.sql or balance_cube.sql) and `pops` (balance_pops.sql):
--  * units: per unit of the level, its names and population (+ year and source), once;
--  * series: per factor, basis and canonical unit (in that order), the units' codes in code order and,
--    index by index, inflow, outflow and internal (null for documented flows, which have no figure) and the
--    three counts. net = inflow - outflow and net per resident = net / population, as in the rows layout.
-- Sums go out as double precision, the same numbers the rows layout gives.
, kept AS (
  SELECT t.*
  FROM totals t
  JOIN units u ON u.code = t.code AND u.level = $1::text
  -- Aggregates fed from a sorted subquery keep its order (and grouping on a prefix of the sort needs no
  -- other sort): one sort for every array, where json_agg(... ORDER BY code) sorted once per array.
  -- tests/analysis-balance-series.test.ts checks the code order and every figure against the rows layout.
  ORDER BY t.factor, t.basis, t.canon_unit, t.code
),
series AS (
  SELECT
    k.factor, k.basis, k.canon_unit,
    json_agg(k.code) AS code,
    CASE WHEN k.basis = 'documented' THEN NULL ELSE json_agg(k.inflow::float8) END AS inflow,
    CASE WHEN k.basis = 'documented' THEN NULL ELSE json_agg(k.outflow::float8) END AS outflow,
    CASE WHEN k.basis = 'documented' THEN NULL ELSE json_agg(k.internal::float8) END AS internal,
    json_agg(k.inflow_count) AS inflow_count,
    json_agg(k.outflow_count) AS outflow_count,
    json_agg(k.internal_count) AS internal_count
  FROM kept k
  GROUP BY k.factor, k.basis, k.canon_unit
)
SELECT json_build_object(
  'units', coalesce((
    SELECT json_object_agg(u.code, json_build_object(
      'name_zh', u.name_zh, 'name_en', u.name_en,
      'population', p.value::float8, 'population_year', p.year, 'population_source', p.source_id) ORDER BY u.code)
    FROM pops p JOIN units u ON u.code = p.code AND u.level = $1::text
  ), '{}'::json),
  'series', coalesce((
    SELECT json_agg(json_build_object(
      'factor', s.factor, 'basis', s.basis, 'unit', s.canon_unit,
      'code', s.code, 'inflow', s.inflow, 'outflow', s.outflow, 'internal', s.internal,
      'inflow_count', s.inflow_count, 'outflow_count', s.outflow_count, 'internal_count', s.internal_count
    ) ORDER BY s.factor, s.basis, s.canon_unit)
    FROM series s
  ), '[]'::json)
) AS answer
