-- TRUNCATE flows also forgets the flow tile scales of 015 (issue 4, writes; docs/flows.md). 015 stores a scale
-- per level, kind, factor, basis and unit when a group's first features are written, and only a full rebuild
-- replaces it; after a TRUNCATE the next writes would be ranked against the scales of flows that are gone.
-- Otherwise 013's function, unchanged.
CREATE OR REPLACE FUNCTION atlas_flows_truncated() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  DELETE FROM balance_cube;
  DELETE FROM flow_lines;
  TRUNCATE flow_tile_lines, flow_tile_pieces, flow_tile_scales;
  UPDATE data_version SET version = version + 1, changed_at = now();
  RETURN NULL;
END $$;
