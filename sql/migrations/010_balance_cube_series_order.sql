-- The all-periods rows of balance_cube in the order of the balance's series (factor, basis, canonical unit,
-- then code), still covering the sums and counts (issue 4, the national county balance; docs/bench-national.md).
-- 008's index gave them in code order, so the series layout (balance_series_tail.sql) sorted 49,833 national
-- rows on four text keys, about half of its time; read in this order the grouping of balance_cube.sql needs no
-- sort and the series' sort finds its input already sorted. It replaces 008's index: the rows layout sorts its
-- answer by code after the joins either way, and measured no slower from this order.
CREATE INDEX IF NOT EXISTS balance_cube_all_periods_series_idx ON balance_cube (level, factor, basis, canon_unit, code)
  INCLUDE (synthetic, inflow, outflow, internal, inflow_count, outflow_count, internal_count)
  WHERE period_start = '-infinity';
DROP INDEX IF EXISTS balance_cube_all_periods_cover_idx;
