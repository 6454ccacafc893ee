-- Fresh statistics, so the assignment query probes the indexes instead of looping over every pair.
ANALYZE pg_temp.gen_src;
ANALYZE pg_temp.gen_faces;
