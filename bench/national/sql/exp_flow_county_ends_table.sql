-- EXPERIMENT, bench database only: every flow's two ends rolled up to county level once, ahead of any
-- query, as a table keyed by flow id (a writer would have to keep it current on every flow write and
-- every unit import). Needs bench_exp_unit_rollup.
DROP TABLE IF EXISTS bench_exp_flow_county_ends;
CREATE TABLE bench_exp_flow_county_ends AS
SELECT f.id,
       coalesce(eo.county_code, eo.prefecture_code, eo.province_code) AS o,
       coalesce(ed.county_code, ed.prefecture_code, ed.province_code) AS d
FROM flows f
JOIN bench_exp_unit_rollup eo ON eo.code = f.origin_code
JOIN bench_exp_unit_rollup ed ON ed.code = f.dest_code;
ALTER TABLE bench_exp_flow_county_ends ADD PRIMARY KEY (id);
ANALYZE bench_exp_flow_county_ends;
