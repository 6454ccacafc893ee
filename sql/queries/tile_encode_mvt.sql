-- PostGIS: encode the features f (from a tile_features_* file) with ST_AsMVT, in the same snapshot as the
-- data version the tile is cached and tagged under (units_version for boundary layers, version for flows).
-- The layer name and that column come from the allow-list.
SELECT d.{{version_column}} AS version,
       t.features,
       t.mvt
FROM data_version d,
LATERAL (
  SELECT count(*)::int AS features,
         COALESCE(ST_AsMVT(q, '{{layer}}', 4096, 'geom', 'id' ORDER BY q.id), ''::bytea) AS mvt
  FROM (
    SELECT f.id, f.props, ST_AsMVTGeom(f.geom, bounds.tile, 4096, 64, true) AS geom
    FROM f, bounds
  ) q
  WHERE q.geom IS NOT NULL
) t;
