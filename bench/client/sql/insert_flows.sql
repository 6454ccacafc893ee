-- One batch of synthetic flows, column by column. $12: the synthetic source id; $13: the benefit linkage
-- terms in the order of the bit mask $11 (bit 0 = first term). A draw that repeats a flow's natural key
-- (flows_natural_key) is skipped: the bench reports the count actually stored.
INSERT INTO flows (origin_code, dest_code, factor, period_start, period_end, magnitude, magnitude_unit, basis,
                   mechanism, integration_type, benefit_linkage, source_id, synthetic)
SELECT o, d, f, ps, pe, m, mu, b, me, it,
       array_remove(ARRAY[
         CASE WHEN bm & 1 <> 0 THEN ($13::text[])[1] END,
         CASE WHEN bm & 2 <> 0 THEN ($13::text[])[2] END,
         CASE WHEN bm & 4 <> 0 THEN ($13::text[])[3] END,
         CASE WHEN bm & 8 <> 0 THEN ($13::text[])[4] END], NULL),
       $12::text, true
FROM unnest($1::text[], $2::text[], $3::text[], $4::date[], $5::date[], $6::numeric[], $7::text[], $8::text[],
            $9::text[], $10::text[], $11::int[]) AS t(o, d, f, ps, pe, m, mu, b, me, it, bm)
ON CONFLICT DO NOTHING
