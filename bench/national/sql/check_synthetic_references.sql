-- After a bulk load with triggers off (session_replication_role = replica), the rules the triggers would
-- have checked row by row, checked at once for everything citing the synthetic source ($1): each village
-- sits under a township whose code it extends; each flow names units, terms and a source that exist.
SELECT
  (SELECT count(*) FROM units v LEFT JOIN units p ON p.code = v.parent_code
    WHERE v.source_id = $1 AND (p.code IS NULL OR p.level <> 'township' OR v.level <> 'village' OR substr(v.code, 1, 9) <> substr(p.code, 1, 9)))::int AS bad_villages,
  (SELECT count(*) FROM flows f
    WHERE f.source_id = $1 AND (
         NOT f.synthetic
      OR NOT EXISTS (SELECT 1 FROM units u WHERE u.code = f.origin_code)
      OR NOT EXISTS (SELECT 1 FROM units u WHERE u.code = f.dest_code)
      OR NOT EXISTS (SELECT 1 FROM flow_factors x WHERE x.key = f.factor)
      OR NOT EXISTS (SELECT 1 FROM flow_bases x WHERE x.key = f.basis)
      OR (f.mechanism IS NOT NULL AND NOT EXISTS (SELECT 1 FROM flow_mechanisms x WHERE x.key = f.mechanism))
      OR (f.integration_type IS NOT NULL AND NOT EXISTS (SELECT 1 FROM integration_types x WHERE x.key = f.integration_type))
      OR (f.magnitude_unit IS NOT NULL AND NOT EXISTS (SELECT 1 FROM measure_units x WHERE x.key = f.magnitude_unit))))::int AS bad_flows
