-- The all-periods rows of balance_cube answered from the index alone (issue 4, the national balance;
-- docs/bench-national.md). 004's index found the 49,833 national county rows but each was then read from the
-- table, 9,166 blocks scattered over the 178 MB cube: 800 ms of a 1.2 s answer with a cold cache. With the
-- sums and counts in the index, the same rows come from about 600 index blocks (an index-only scan, where
-- vacuum has marked the table's pages visible; elsewhere it reads the table as before).
CREATE INDEX IF NOT EXISTS balance_cube_all_periods_cover_idx ON balance_cube (level, code, factor, basis, canon_unit)
  INCLUDE (synthetic, inflow, outflow, internal, inflow_count, outflow_count, internal_count)
  WHERE period_start = '-infinity';
DROP INDEX IF EXISTS balance_cube_all_periods_idx;
