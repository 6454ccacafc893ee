-- OGC API – Features: the spatial and temporal extent of a collection, for its metadata. {{features}} is
-- the collection's feature query, as in ogc_items.sql. A feature open at one end of time opens the
-- collection's interval at that end; the upper bound shown is the last second before t_end.
SELECT
  ST_XMin(e.box) AS xmin, ST_YMin(e.box) AS ymin, ST_XMax(e.box) AS xmax, ST_YMax(e.box) AS ymax,
  to_char(e.t0 AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') AS tmin,
  to_char((e.t1 - interval '1 second') AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') AS tmax
FROM (
  SELECT
    ST_Extent(f.geom)::geometry AS box,
    CASE WHEN bool_or(f.t_start IS NULL AND f.t_end IS NOT NULL) THEN NULL ELSE min(f.t_start) END AS t0,
    CASE WHEN bool_or(f.t_end IS NULL AND f.t_start IS NOT NULL) THEN NULL ELSE max(f.t_end) END AS t1
  FROM ({{features}}
  ) f
) e
