-- TRUNCATE flows leaves no derived row behind and names a new data version (issue 4, writes; docs/flows.md).
-- 003's truncate trigger emptied balance_cube and flow_lines, 009's and 011's empty flow_rolled and
-- balance_qualifier_cube, but nothing emptied the tile tables of 007 (flow_tile_lines, flow_tile_pieces): after
-- a TRUNCATE the tiles still drew every flow, and a later write rebuilt only its own kind (012), so the other
-- kind's lines (the benchmark's synthetic ones, say) stayed until a change to the units.
--
-- The data version: every API write bumps it in its own transaction (server/db/data-version.ts), but no API
-- path truncates, so whoever does (by hand, a loader) runs no code that would; cached tiles and ETags keyed on
-- the old version would outlive the flows. The trigger bumps it, in the truncating transaction.
--
-- TRUNCATE, not DELETE, for the tile tables: they may hold millions of rows (national bench) and are emptied
-- whole, and TRUNCATE flows already holds flows exclusively for the transaction (see 009 for readers).
-- atlas_refresh_flow_min_zoom (012 set its plan option) is left as it is.
CREATE OR REPLACE FUNCTION atlas_flows_truncated() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  DELETE FROM balance_cube;
  DELETE FROM flow_lines;
  TRUNCATE flow_tile_lines, flow_tile_pieces;
  UPDATE data_version SET version = version + 1, changed_at = now();
  RETURN NULL;
END $$;
