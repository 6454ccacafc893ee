-- A second data version for what the boundary tile layers draw (units and their generalised shapes). Flow,
-- alliance, indicator and source writes bump only `version`; unit imports and generalisation bump both, so
-- a flow edit no longer invalidates every boundary tile in the server's cache and in every browser. It
-- starts at the current version: the boundary tiles served until now were drawn from these same units.
ALTER TABLE data_version ADD COLUMN units_version bigint;
UPDATE data_version SET units_version = version;
ALTER TABLE data_version ALTER COLUMN units_version SET NOT NULL;
