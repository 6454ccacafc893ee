// Topology-aware generalisation. The input is a set of faces that tile the plane without overlap (see
// sql/queries/generalise_faces.sql), each belonging to some units. Units are rebuilt from their faces, so
// every edge two units share is the same line; each such edge becomes one arc, simplified once per zoom
// band, so neighbours keep exactly the same edge at every band and no gap or overlap can open between them.
// Per-feature simplification (ST_Simplify*) cannot promise that.
import { topology, type Topology } from 'topojson-server';
import { filter, filterAttachedWeight, presimplify } from 'topojson-simplify';
import { feature, merge } from 'topojson-client';
import { ZOOM_BANDS, type ZoomBand } from './zoom-bands.ts';
import { simplifyWithoutCrossings } from './arc-simplify.ts';

/** A face of the cleaned coverage, in web-mercator metres (EPSG:3857), and the units it belongs to. */
export interface Face {
  id: number;
  geometry: GeoJSON.Polygon | GeoJSON.MultiPolygon;
  /** The units holding the face (at most one per level)... */
  codes: readonly string[];
  /** ...and the level of each. */
  levels: readonly string[];
  /** m², for telling gaps between neighbours from uncovered land (see GAP_MAX_M2). */
  area: number;
}

/** A face smaller than this (1 km²) that no unit of a level holds, but that shares an edge with one, is a
 * gap between neighbours: it goes to the lowest-coded unit of that level it borders. Larger uncovered faces
 * (a missing unit, another region's enclave) stay uncovered. */
export const GAP_MAX_M2 = 1e6;

export interface GeneralisedPolygon {
  code: string;
  band: number;
  geometry: GeoJSON.MultiPolygon;
}

type FaceObject = { type: string | null; id?: number; arcs?: unknown };

export function generaliseFaces(faces: readonly Face[], bands: readonly ZoomBand[] = ZOOM_BANDS): GeneralisedPolygon[] {
  const units = mergeFacesIntoUnits(faces);
  if (units.features.length === 0) return [];
  // The units now share their edges exactly, so this topology cuts arcs only where three units meet (or a
  // township edge meets its county's), and only those junctions survive every band.
  const weighted = presimplify(topology({ units }));
  const out: GeneralisedPolygon[] = [];
  for (const b of bands) {
    let t: Topology = simplifyWithoutCrossings(weighted, b.minTriangleM2);
    // Small islands vanish at coarse bands; a ring that shares an edge with another unit is never dropped.
    if (b.minIslandM2 > 0) t = filter(t, filterAttachedWeight(t, b.minIslandM2));
    for (const f of (feature(t, t.objects.units) as GeoJSON.FeatureCollection).features) {
      const geometry = f.geometry ? cleanMultiPolygon(f.geometry) : null;
      if (geometry) out.push({ code: String(f.id), band: b.band, geometry });
    }
  }
  return out;
}

/** Each unit as the union of its faces: exact, with every edge it shares with a neighbour identical. */
function mergeFacesIntoUnits(faces: readonly Face[]): GeoJSON.FeatureCollection<GeoJSON.MultiPolygon> {
  const collection: GeoJSON.FeatureCollection = {
    type: 'FeatureCollection',
    features: faces.map((f) => ({ type: 'Feature', id: f.id, properties: {}, geometry: f.geometry })),
  };
  // No quantisation: the faces come from one noded network, so shared vertices are already equal.
  const t = topology({ faces: collection });
  const byId = new Map<number, FaceObject>();
  for (const g of (t.objects.faces as { geometries: FaceObject[] }).geometries) if (g.id !== undefined) byId.set(g.id, g);
  const gapCodes = gapAssignments(faces, byId);
  const facesOf = new Map<string, number[]>();
  for (const f of faces) {
    for (const code of [...f.codes, ...(gapCodes.get(f.id) ?? [])]) (facesOf.get(code) ?? facesOf.set(code, []).get(code)!).push(f.id);
  }
  const features: GeoJSON.Feature<GeoJSON.MultiPolygon>[] = [];
  for (const [code, ids] of facesOf) {
    features.push({ type: 'Feature', id: code, properties: {}, geometry: merge(t, ids.map((id) => byId.get(id)!)) });
  }
  return { type: 'FeatureCollection', features };
}

/**
 * The units each gap face goes to: for every level it lacks, the lowest-coded unit of that level holding a
 * face it shares an arc with (an edge, not just a corner: faces meeting at a point share no arc). Only held
 * faces count as neighbours, so a gap is never handed on through another gap.
 */
function gapAssignments(faces: readonly Face[], byId: ReadonlyMap<number, FaceObject>): Map<number, string[]> {
  const facesOfArc = new Map<number, number[]>();
  const arcsOf = (o: FaceObject | undefined) => (o?.arcs ? (o.arcs as unknown[]).flat(2) as number[] : []);
  for (const [id, o] of byId) for (const a of arcsOf(o)) {
    const i = a < 0 ? ~a : a;
    (facesOfArc.get(i) ?? facesOfArc.set(i, []).get(i)!).push(id);
  }
  const faceById = new Map(faces.map((f) => [f.id, f]));
  const out = new Map<number, string[]>();
  for (const f of faces) {
    if (f.area >= GAP_MAX_M2) continue;
    const best = new Map<string, string>();
    for (const a of arcsOf(byId.get(f.id))) {
      for (const nid of facesOfArc.get(a < 0 ? ~a : a) ?? []) {
        const n = faceById.get(nid);
        if (!n || nid === f.id) continue;
        n.codes.forEach((code, k) => {
          const level = n.levels[k]!;
          if (f.levels.includes(level)) return;
          const current = best.get(level);
          if (current === undefined || code < current) best.set(level, code);
        });
      }
    }
    if (best.size) out.set(f.id, [...best.values()]);
  }
  return out;
}

/** Drops rings that simplification collapsed (fewer than three distinct corners, or no area). */
function cleanMultiPolygon(g: GeoJSON.Geometry): GeoJSON.MultiPolygon | null {
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
