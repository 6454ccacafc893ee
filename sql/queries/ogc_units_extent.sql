-- OGC API – Features: the spatial and temporal extent of a units collection, for its metadata.
-- $1 level (null: every level). Times are the first and last instant of the vintage years.
SELECT
  ST_XMin(e.box) AS xmin, ST_YMin(e.box) AS ymin, ST_XMax(e.box) AS xmax, ST_YMax(e.box) AS ymax,
  to_char(make_timestamptz(e.y0, 1, 1, 0, 0, 0, 'UTC') AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') AS tmin,
  to_char(make_timestamptz(e.y1, 12, 31, 23, 59, 59, 'UTC') AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') AS tmax
FROM (
  SELECT
    ST_Extent(coalesce(u.geom, u.point))::geometry AS box,
    min(substring(u.vintage from '^[0-9]{4}')::int) AS y0,
    max(substring(u.vintage from '^[0-9]{4}')::int) AS y1
  FROM units u
  WHERE ($1::text IS NULL OR u.level = $1::text)
) e
