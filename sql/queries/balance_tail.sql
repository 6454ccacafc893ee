-- The end of both balance statements as rows (not a statement on its own): names, population and net per
-- resident for `totals` (balance_units.sql or balance_cube.sql) and `pops` (balance_pops.sql), one row per
-- unit, factor, basis and canonical unit.
SELECT
  t.code, u.name_zh, u.name_en, t.factor, t.basis, t.canon_unit AS unit,
  CASE WHEN t.basis = 'documented' THEN NULL ELSE t.inflow END AS inflow,
  CASE WHEN t.basis = 'documented' THEN NULL ELSE t.outflow END AS outflow,
  CASE WHEN t.basis = 'documented' THEN NULL ELSE t.inflow - t.outflow END AS net,
  CASE WHEN t.basis = 'documented' THEN NULL ELSE t.internal END AS internal,
  t.inflow_count, t.outflow_count, t.internal_count,
  p.value AS population,
  p.year AS population_year,
  p.source_id AS population_source,
  CASE WHEN t.basis = 'documented' OR p.value IS NULL OR p.value = 0 THEN NULL
       ELSE (t.inflow - t.outflow) / p.value END AS net_per_resident
FROM totals t
JOIN units u ON u.code = t.code AND u.level = $1::text
JOIN pops p ON p.code = t.code
ORDER BY t.code, t.factor, t.basis, t.canon_unit
