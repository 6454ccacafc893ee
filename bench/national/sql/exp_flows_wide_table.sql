-- EXPERIMENT, bench database only: what the balance reads of each flow, stored ready to aggregate: the
-- filter columns, the magnitude already in its canonical unit, and both ends already rolled up to county
-- (from bench_exp_flow_county_ends). A writer would have to keep it current, like a materialised view
-- refreshed on every data-version bump.
DROP TABLE IF EXISTS bench_exp_flows_wide;
CREATE TABLE bench_exp_flows_wide AS
SELECT f.id, f.factor, f.basis, f.period_start, f.period_end, f.mechanism, f.integration_type, f.benefit_linkage,
       f.synthetic, mu.canonical_key AS canon_unit, f.magnitude * mu.to_canonical AS canon_magnitude, c.o, c.d
FROM flows f
JOIN bench_exp_flow_county_ends c ON c.id = f.id
LEFT JOIN measure_units mu ON mu.key = f.magnitude_unit;
ANALYZE bench_exp_flows_wide;
