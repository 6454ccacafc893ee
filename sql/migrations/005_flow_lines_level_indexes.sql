-- A flow tile reads one level of flow_lines; with one GiST index over all three levels, the boxes of the
-- other levels' lines (long county pairs cross many tiles) filled every lookup. Nationally this took a
-- recorded z12 tile from 2.6× to 0.6× a bare scan of the flows (docs/bench-national.md).
CREATE INDEX flow_lines_county_geom_idx ON flow_lines USING gist (geom) WHERE level = 'county';
CREATE INDEX flow_lines_township_geom_idx ON flow_lines USING gist (geom) WHERE level = 'township';
CREATE INDEX flow_lines_recorded_geom_idx ON flow_lines USING gist (geom) WHERE level = 'recorded';
DROP INDEX flow_lines_geom_idx;
