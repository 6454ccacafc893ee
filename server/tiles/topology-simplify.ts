// Topology-aware generalisation: every boundary shared by two units (or by a unit and its parent) becomes
// one arc, and each arc is simplified once, so neighbours keep exactly the same edge at every zoom band and
// no gap or overlap can open between them. Per-feature simplification (ST_Simplify*) cannot promise that.
import { topology } from 'topojson-server';
import { filter, filterAttachedWeight, presimplify, simplify } from 'topojson-simplify';
import { feature } from 'topojson-client';
import { ZOOM_BANDS, type ZoomBand } from './zoom-bands.ts';

/** A unit's polygon in web-mercator metres (EPSG:3857). */
export interface SourcePolygon {
  code: string;
  geometry: GeoJSON.Polygon | GeoJSON.MultiPolygon;
}

export interface GeneralisedPolygon {
  code: string;
  band: number;
  geometry: GeoJSON.MultiPolygon;
}

/** Quantisation grid: fine enough to be invisible at z18, coarse enough to merge float noise. */
const GRID_M = 0.25;

export function generaliseTopologically(
  polygons: readonly SourcePolygon[],
  bands: readonly ZoomBand[] = ZOOM_BANDS,
): GeneralisedPolygon[] {
  if (polygons.length === 0) return [];
  const collection: GeoJSON.FeatureCollection = {
    type: 'FeatureCollection',
    features: polygons.map((p) => ({ type: 'Feature', id: p.code, properties: {}, geometry: p.geometry })),
  };
  const topo = topology({ units: collection }, quantisationFor(polygons));
  const weighted = presimplify(topo);
  const out: GeneralisedPolygon[] = [];
  for (const b of bands) {
    let t = simplify(weighted, b.minTriangleM2);
    if (b.minIslandM2 > 0) t = filter(t, filterAttachedWeight(t, b.minIslandM2));
    const fc = feature(t, t.objects.units) as GeoJSON.FeatureCollection;
    for (const f of fc.features) {
      const geometry = toMultiPolygon(f.geometry);
      if (geometry) out.push({ code: String(f.id), band: b.band, geometry });
    }
  }
  return out;
}

function quantisationFor(polygons: readonly SourcePolygon[]): number {
  let x0 = Infinity, y0 = Infinity, x1 = -Infinity, y1 = -Infinity;
  for (const p of polygons) {
    const polys = p.geometry.type === 'Polygon' ? [p.geometry.coordinates] : p.geometry.coordinates;
    for (const poly of polys) for (const ring of poly) for (const [x, y] of ring as [number, number][]) {
      if (x < x0) x0 = x;
      if (x > x1) x1 = x;
      if (y < y0) y0 = y;
      if (y > y1) y1 = y;
    }
  }
  return Math.max(2, Math.ceil(Math.max(x1 - x0, y1 - y0) / GRID_M) + 1);
}

/** Drops rings that simplification collapsed (fewer than three distinct corners or no area). */
function toMultiPolygon(g: GeoJSON.Geometry | null): GeoJSON.MultiPolygon | null {
  if (!g) return null;
  const polys = g.type === 'Polygon' ? [g.coordinates] : g.type === 'MultiPolygon' ? g.coordinates : [];
  const kept: GeoJSON.Position[][][] = [];
  for (const poly of polys) {
    const [outer, ...holes] = poly.map(cleanRing);
    if (!outer) continue;
    kept.push([outer, ...holes.filter((h): h is GeoJSON.Position[] => h !== null)]);
  }
  return kept.length ? { type: 'MultiPolygon', coordinates: kept } : null;
}

function cleanRing(ring: GeoJSON.Position[]): GeoJSON.Position[] | null {
  const pts: GeoJSON.Position[] = [];
  for (const p of ring) {
    const q = [Math.round(p[0]! * 100) / 100, Math.round(p[1]! * 100) / 100];
    const last = pts[pts.length - 1];
    if (!last || last[0] !== q[0] || last[1] !== q[1]) pts.push(q);
  }
  if (pts.length < 4) return null;
  let area = 0;
  for (let i = 1; i < pts.length; i++) area += pts[i - 1]![0]! * pts[i]![1]! - pts[i]![0]! * pts[i - 1]![1]!;
  return area === 0 ? null : pts;
}
