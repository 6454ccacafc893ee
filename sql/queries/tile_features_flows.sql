-- The features of the flows tile layer (not a statement on its own): server/tiles/flow-tiles.ts puts
-- "WITH <flows_rollup.sql>," before it and a tile_encode_* file after it, once at start-up.
-- $1–$11 the roll-up scope of flows_rollup.sql (level: county, township, or null for flows as recorded;
-- synthetic flows never) | $12 z | $13 x | $14 y.
-- Each feature sums flows per origin, destination, factor, basis and canonical unit, so bases and units
-- are never mixed; as recorded (null level) each flow is its own feature under its own id. A flow whose two
-- ends roll up to one unit is internal to it and is left out: a self-loop has no line to draw.
bounds AS (
  SELECT ST_TileEnvelope($12, $13, $14) AS tile,
         ST_TileEnvelope($12, $13, $14, margin => 64.0 / 4096) AS probe
),
agg AS (
  SELECT r.o, r.d, r.factor, r.basis, r.canon_unit,
         min(r.id) AS flow_id,
         round(sum(r.canon_magnitude), 4) AS magnitude,
         count(*)::int AS n,
         string_agg(DISTINCT r.source_id, ',' ORDER BY r.source_id) AS sources
  FROM rolled r
  WHERE r.o <> r.d
  GROUP BY r.o, r.d, r.factor, r.basis, r.canon_unit, CASE WHEN $1::text IS NULL THEN r.id END
),
-- Each end is drawn at its representative point (its seat, else a point on its surface, as /api/flows draws
-- it), in spherical mercator by formula (see tile_features_points.sql for why not ST_Transform). The ends are
-- joined by primary key, so the planner expects one unit per end: a CTE of ends joined twice is misestimated
-- by two orders of magnitude, which costs the plan past jit_above_cost and every tile ~200 ms of JIT.
lines AS (
  SELECT a.*, uo.name_zh AS origin_name, ud.name_zh AS dest_name, ST_MakeLine(po.pt, pd.pt) AS geom
  FROM agg a
  JOIN units uo ON uo.code = a.o
  JOIN units ud ON ud.code = a.d
  CROSS JOIN LATERAL (
    SELECT ST_SetSRID(ST_MakePoint(6378137 * radians(ST_X(p)), 6378137 * ln(tan(pi() / 4 + radians(ST_Y(p)) / 2))), 3857) AS pt
    FROM (SELECT coalesce(uo.point, ST_PointOnSurface(uo.geom)) AS p) x
  ) po
  CROSS JOIN LATERAL (
    SELECT ST_SetSRID(ST_MakePoint(6378137 * radians(ST_X(p)), 6378137 * ln(tan(pi() / 4 + radians(ST_Y(p)) / 2))), 3857) AS pt
    FROM (SELECT coalesce(ud.point, ST_PointOnSurface(ud.geom)) AS p) x
  ) pd
  WHERE po.pt IS NOT NULL AND pd.pt IS NOT NULL
),
f AS (
  SELECT
    -- As recorded: the flow's id. Aggregated: 52 bits of a hash of what the feature is, so the id is the same
    -- in every tile and every data version, and stays exact as a JavaScript number.
    CASE WHEN $1::text IS NULL THEN l.flow_id
         ELSE ('x' || substr(md5(concat_ws('|', $1::text, l.o::text, l.d::text, l.factor, l.basis, coalesce(l.canon_unit, '-'))), 1, 13))::bit(52)::bigint
    END AS id,
    jsonb_strip_nulls(jsonb_build_object(
      'origin', l.o::text, 'dest', l.d::text, 'origin_name', l.origin_name, 'dest_name', l.dest_name,
      'factor', l.factor, 'basis', l.basis, 'magnitude', l.magnitude, 'unit', l.canon_unit, 'count', l.n,
      'level', coalesce($1::text, 'recorded'), 'sources', l.sources
    )) AS props,
    l.geom
  FROM lines l, bounds
  WHERE l.geom && bounds.probe
)
