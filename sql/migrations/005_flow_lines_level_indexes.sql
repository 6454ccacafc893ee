-- A flow tile reads one level of flow_lines; with one GiST index over all three levels, the boxes of the
-- other levels' lines (long county pairs cross many tiles) filled every lookup. Nationally the gain was
-- within the noise of a loaded machine (docs/bench-national.md): most of a high-zoom tile's time is in
-- lines of its own level whose boxes overlap it without the line crossing it.
CREATE INDEX flow_lines_county_geom_idx ON flow_lines USING gist (geom) WHERE level = 'county';
CREATE INDEX flow_lines_township_geom_idx ON flow_lines USING gist (geom) WHERE level = 'township';
CREATE INDEX flow_lines_recorded_geom_idx ON flow_lines USING gist (geom) WHERE level = 'recorded';
DROP INDEX flow_lines_geom_idx;
