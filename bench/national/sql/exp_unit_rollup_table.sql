-- EXPERIMENT, bench database only: the unit_rollup view (four self-joins of units, computed for every unit
-- on every query) kept as a table with a primary key, as a migration could keep it (rebuilt by each import).
DROP TABLE IF EXISTS bench_exp_unit_rollup;
CREATE TABLE bench_exp_unit_rollup AS SELECT * FROM unit_rollup;
ALTER TABLE bench_exp_unit_rollup ADD PRIMARY KEY (code);
ANALYZE bench_exp_unit_rollup;
