// Checks a GeoJSON geometry can be read before it reaches the database, so a bad feature is reported by
// its index and code instead of failing a whole batch. Validity (self-intersection and the like) is
// judged by PostGIS afterwards (ST_IsValidReason), where the geometry engine lives.
import type { Geometry, Position } from 'geojson';

/** Mainland China, Hainan, Taiwan and the South China Sea islands, with a little room. */
export const CHINA_BBOX = { west: 73, south: 3, east: 136, north: 54 } as const;

export type GeometryShape = 'polygonal' | 'point';

function isPosition(p: unknown): p is Position {
  return Array.isArray(p) && p.length >= 2 && p.length <= 4 && p.every((v) => typeof v === 'number' && Number.isFinite(v));
}

function ringProblem(ring: unknown): string | null {
  if (!Array.isArray(ring) || !ring.every(isPosition)) return 'a ring is not a list of [x, y] numbers';
  if (ring.length < 4) return `a ring has ${ring.length} positions; a closed ring needs at least 4`;
  const a = ring[0]!;
  const b = ring[ring.length - 1]!;
  if (a[0] !== b[0] || a[1] !== b[1]) return 'a ring is not closed (its last position differs from its first)';
  return null;
}

/** What is wrong with the geometry's structure, or null when PostGIS can read it. */
export function structureProblem(g: Geometry | null | undefined): string | null {
  if (g === null || g === undefined) return null;
  if (typeof g !== 'object' || typeof (g as { type?: unknown }).type !== 'string') return 'the geometry has no type';
  switch (g.type) {
    case 'Point':
      return isPosition(g.coordinates) ? null : 'the point is not [x, y] numbers';
    case 'Polygon': {
      if (!Array.isArray(g.coordinates) || g.coordinates.length === 0) return 'the polygon has no rings';
      for (const r of g.coordinates) {
        const p = ringProblem(r);
        if (p) return p;
      }
      return null;
    }
    case 'MultiPolygon': {
      if (!Array.isArray(g.coordinates) || g.coordinates.length === 0) return 'the multipolygon has no polygons';
      for (const poly of g.coordinates) {
        if (!Array.isArray(poly) || poly.length === 0) return 'a polygon has no rings';
        for (const r of poly) {
          const p = ringProblem(r);
          if (p) return p;
        }
      }
      return null;
    }
    default:
      return `a ${g.type} cannot be an administrative unit (expected Polygon, MultiPolygon or Point)`;
  }
}

export function shapeOf(g: Geometry): GeometryShape {
  return g.type === 'Point' ? 'point' : 'polygonal';
}

function* positions(g: Geometry): Generator<Position> {
  if (g.type === 'Point') yield g.coordinates;
  else if (g.type === 'Polygon') for (const r of g.coordinates) yield* r;
  else if (g.type === 'MultiPolygon') for (const p of g.coordinates) for (const r of p) yield* r;
}

const fmt = (p: Position) => `(${p[0]}, ${p[1]})`;

/**
 * For inputs said to be in degrees: metres from a projected system, swapped axes, or places outside
 * China are caught here, naming the first offending vertex.
 */
export function degreeProblem(g: Geometry): string | null {
  const inside = (lon: number, lat: number) =>
    lon >= CHINA_BBOX.west && lon <= CHINA_BBOX.east && lat >= CHINA_BBOX.south && lat <= CHINA_BBOX.north;
  for (const p of positions(g)) {
    const [x, y] = p as [number, number];
    if (!inside(x, y) && inside(y, x)) return `coordinates ${fmt(p)} look like (latitude, longitude); GeoJSON wants (longitude, latitude)`;
    if (Math.abs(x) > 180 || Math.abs(y) > 90) {
      return `coordinates ${fmt(p)} are not degrees; they look like projected metres. Give the file's system with --crs EPSG:<code>`;
    }
  }
  for (const p of positions(g)) {
    const [x, y] = p as [number, number];
    if (!inside(x, y)) {
      return `coordinates ${fmt(p)} lie outside China (${CHINA_BBOX.west}–${CHINA_BBOX.east}°E, ${CHINA_BBOX.south}–${CHINA_BBOX.north}°N)`;
    }
  }
  return null;
}
