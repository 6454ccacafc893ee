-- Scratch tables for one regeneralise() call, gone at the end of the caller's transaction. Indexed, so
-- cleaning stays near n log n for a whole country's counties, not n². gen_src.rebuild: whether the unit's
-- shapes are written (false for the context ring of a regional rebuild, see generalise_source_around.sql).
DROP TABLE IF EXISTS pg_temp.gen_src, pg_temp.gen_faces;
CREATE TEMP TABLE gen_src (code text NOT NULL, level text NOT NULL, g geometry NOT NULL, rebuild boolean NOT NULL DEFAULT true) ON COMMIT DROP;
CREATE TEMP TABLE gen_faces (id int PRIMARY KEY, face geometry NOT NULL, inside geometry NOT NULL, area float8 NOT NULL) ON COMMIT DROP;
CREATE INDEX ON gen_src USING gist (g);
CREATE INDEX ON gen_faces USING gist (face);
