// The coordinate systems an input may be in. WGS-84 and CGCS2000 agree to within a metre, far below what
// these boundaries resolve, so both are stored as they are. GCJ-02 (the offset "Mars" system of Chinese
// web maps, DataV and Amap) is converted in JavaScript with gcoord; any other EPSG code is handed to
// PostGIS's ST_Transform.
import { createRequire } from 'node:module';
import type { Geometry, Position } from 'geojson';
import { ImportError } from './import-error.ts';

// gcoord is CommonJS and sets module.exports to its API, which its type file describes as a default export.
const gcoord = createRequire(import.meta.url)('gcoord') as typeof import('gcoord').default;

export type SourceCrs =
  | { kind: 'wgs84'; label: 'EPSG:4326' | 'EPSG:4490' }
  | { kind: 'gcj02'; label: 'GCJ-02' }
  | { kind: 'epsg'; srid: number; label: string };

const GEOGRAPHIC_AS_WGS84: Record<number, 'EPSG:4326' | 'EPSG:4490'> = { 4326: 'EPSG:4326', 4490: 'EPSG:4490' };

export function parseCrs(raw: string): SourceCrs {
  const text = raw.trim().toLowerCase();
  if (text === 'wgs84' || text === 'wgs-84') return { kind: 'wgs84', label: 'EPSG:4326' };
  if (text === 'cgcs2000') return { kind: 'wgs84', label: 'EPSG:4490' };
  if (text === 'gcj02' || text === 'gcj-02') return { kind: 'gcj02', label: 'GCJ-02' };
  const m = /^epsg:(\d{4,6})$/.exec(text);
  if (m) {
    const srid = Number(m[1]);
    const same = GEOGRAPHIC_AS_WGS84[srid];
    return same ? { kind: 'wgs84', label: same } : { kind: 'epsg', srid, label: `EPSG:${srid}` };
  }
  throw new ImportError(`--crs must be wgs84, cgcs2000, gcj02 or EPSG:<code> (e.g. EPSG:4527), got "${raw.slice(0, 40)}"`);
}

/** True when coordinates arrive in degrees, so they can be checked before they reach the database. */
export const isDegrees = (crs: SourceCrs) => crs.kind !== 'epsg';

// Coordinates are rounded to 1e-7° (about 1 cm) after conversion: the inputs carry 6 decimals, and the
// extra digits a conversion produces are float noise that would make equal vertices differ.
const round7 = (v: number) => Math.round(v * 1e7) / 1e7;

function convertPosition(p: Position): Position {
  const [x, y] = gcoord.transform([p[0]!, p[1]!] as [number, number], gcoord.GCJ02, gcoord.WGS84);
  return [round7(x), round7(y)];
}

function mapPositions(g: Geometry, f: (p: Position) => Position): Geometry {
  switch (g.type) {
    case 'Point':
      return { type: 'Point', coordinates: f(g.coordinates) };
    case 'MultiPoint':
    case 'LineString':
      return { type: g.type, coordinates: g.coordinates.map(f) } as Geometry;
    case 'Polygon':
    case 'MultiLineString':
      return { type: g.type, coordinates: g.coordinates.map((r) => r.map(f)) } as Geometry;
    case 'MultiPolygon':
      return { type: 'MultiPolygon', coordinates: g.coordinates.map((p) => p.map((r) => r.map(f))) };
    case 'GeometryCollection':
      return { type: 'GeometryCollection', geometries: g.geometries.map((c) => mapPositions(c, f)) };
  }
}

/** GCJ-02 → WGS-84; other degree systems are returned unchanged (a new object either way). */
export function toWgs84(g: Geometry, crs: SourceCrs): Geometry {
  if (crs.kind === 'gcj02') return mapPositions(g, convertPosition);
  return mapPositions(g, (p) => [p[0]!, p[1]!]);
}

export function pointToWgs84(p: [number, number], crs: SourceCrs): [number, number] {
  if (crs.kind !== 'gcj02') return p;
  const [x, y] = convertPosition(p);
  return [x!, y!];
}
