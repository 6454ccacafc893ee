// Flow paths as curves. Every flow bends to the right of its direction of travel, so A→B and B→A of the
// same pair separate into two arcs; flows sharing one origin and destination (other factors or bases) get
// lanes of growing curvature, so none hides another. Plain numbers in lon/lat: no map needed.
import type { Flow, FlowLocation } from './flow-json.ts';

export type LonLat = [number, number];

/** Curvature of lane 0 and the step between lanes, as a share of the chord's length. */
const BEND = 0.12;
const LANE_STEP = 0.07;
const SEGMENTS = 24;
/** The fewest segments a curve with a figure is cut into (even, so a vertex sits at t = ½). */
const MIN_SEGMENTS = 2;
/** Dashes of a documented flow: an odd count of pieces, ink at both ends and in the middle. */
export const DASH_PIECES = 9;
/** How far, in screen pixels, the polyline may stray from the true curve. */
const TOLERANCE_PX = 0.5;

/** Screen pixels per degree of longitude at a zoom (512-pixel tiles, as MapLibre draws them). */
export const pixelsPerDegree = (zoom: number): number => (512 * 2 ** zoom) / 360;

/**
 * How many segments a bent curve needs on screen. Software WebGL pays for every path vertex on every frame,
 * so curves are cut only as finely as the screen shows: a quadratic Bézier cut into n equal steps strays
 * from the curve by at most bend × length / (2 n²), kept under half a pixel. Even, between 4 and 24.
 */
export function segmentsFor(lengthPx: number, bend: number): number {
  const n = stepsFor(lengthPx, bend);
  return Math.min(SEGMENTS, Math.max(MIN_SEGMENTS, n + (n % 2)));
}

/**
 * Segments for a documented (dashed) curve: a multiple of DASH_PIECES, so each dash is a whole number of
 * segments (one, for most curves: a ninth of a gentle curve is straight to within a fraction of a pixel).
 */
export function dashedSegmentsFor(lengthPx: number, bend: number): number {
  return DASH_PIECES * Math.min(3, Math.max(1, Math.ceil(stepsFor(lengthPx, bend) / DASH_PIECES)));
}

/** Steps that keep a bent curve within TOLERANCE_PX of the polyline (see segmentsFor). */
const stepsFor = (lengthPx: number, bend: number): number => Math.ceil(Math.sqrt((Math.abs(bend) * Math.max(0, lengthPx)) / (2 * TOLERANCE_PX)));

/**
 * Curves are laid out for the zoom rounded up to the next quarter, so one layout serves a quarter-zoom of
 * zooming in. Rounding up to a whole zoom (as before) cut them for up to twice the screen length, √2 times
 * the segments, and a frame with 1,500 curves costs in proportion to segments on SwiftShader
 * (docs/client-flows.md, "Session 4, frames with 1,500 curves").
 */
const LAYOUT_STEP = 0.25;

/**
 * The zoom curves are laid out for: the current zoom rounded up to the next LAYOUT_STEP, so one layout
 * serves every zoom up to it. Undefined (no zoom known) lays curves out at the finest cut.
 */
export const layoutZoom = (zoom: number | undefined): number | undefined =>
  zoom === undefined || !Number.isFinite(zoom) ? undefined : Math.ceil(zoom / LAYOUT_STEP - 1e-9) * LAYOUT_STEP;

/** A chord's length on screen at a zoom (Web Mercator: a degree of latitude is 1/cos(lat) degrees of longitude long). */
function chordPx(a: LonLat, b: LonLat, zoom: number): number {
  const k = Math.cos((((a[1] + b[1]) / 2) * Math.PI) / 180);
  return (pixelsPerDegree(zoom) * Math.hypot((b[0] - a[0]) * k, b[1] - a[1])) / k;
}

/** A quadratic Bézier from a to b, its control point offset to the right of a→b by `bend` × length. */
export function curve(a: LonLat, b: LonLat, bend: number, segments = SEGMENTS): LonLat[] {
  // Work in a locally equal-area frame so the bend looks the same at any latitude.
  const k = Math.cos((((a[1] + b[1]) / 2) * Math.PI) / 180);
  const dx = (b[0] - a[0]) * k;
  const dy = b[1] - a[1];
  // Right of the direction of travel: (dy, -dx).
  const cx = (a[0] + b[0]) / 2 + (dy * bend) / k;
  const cy = (a[1] + b[1]) / 2 - dx * bend;
  const out: LonLat[] = [];
  for (let i = 0; i <= segments; i++) {
    const t = i / segments;
    const u = 1 - t;
    out.push([u * u * a[0] + 2 * u * t * cx + t * t * b[0], u * u * a[1] + 2 * u * t * cy + t * t * b[1]]);
  }
  return out;
}

/**
 * Splits a path into dashes for flows with no figure. The count is odd and symmetric, so the middle of the
 * curve (where a label or a pointer goes) is always ink, never a gap.
 */
export function dashes(path: readonly LonLat[], pieces = DASH_PIECES): LonLat[][] {
  const n = path.length - 1;
  const out: LonLat[][] = [];
  for (let p = 0; p < pieces; p += 2) {
    const from = Math.round((p / pieces) * n);
    const to = Math.round(((p + 1) / pieces) * n);
    out.push(path.slice(from, Math.max(to, from + 1) + 1));
  }
  return out;
}

export interface DrawnFlow {
  flow: Flow;
  path: LonLat[];
  /** The point halfway along the curve: where the tooltip test and a label aim. */
  middle: LonLat;
}

/**
 * Lanes are given per directed pair in a stable order (factor, then basis), so redraws do not jump. With a
 * zoom, flows with a figure are cut only as finely as that zoom shows (see segmentsFor; lay out again when
 * layoutZoom changes); documented flows are cut into a multiple of the dash count (dashedSegmentsFor). The
 * middle is the curve's true halfway point (t = ½), whatever the cut.
 */
export function layoutFlows(flows: readonly Flow[], locations: ReadonlyMap<string, FlowLocation>, zoom?: number): DrawnFlow[] {
  const z = layoutZoom(zoom);
  const lanes = new Map<string, number>();
  const ordered = [...flows].sort((x, y) => (x.factor + x.basis).localeCompare(y.factor + y.basis) || x.id.localeCompare(y.id));
  const out: DrawnFlow[] = [];
  for (const flow of ordered) {
    const o = locations.get(flow.origin);
    const d = locations.get(flow.dest);
    if (!o || !d || flow.origin === flow.dest) continue;
    const pair = `${flow.origin}>${flow.dest}`;
    const lane = lanes.get(pair) ?? 0;
    lanes.set(pair, lane + 1);
    const a: LonLat = [o.lon, o.lat];
    const b: LonLat = [d.lon, d.lat];
    const bend = BEND + lane * LANE_STEP;
    const px = z === undefined ? 0 : chordPx(a, b, z);
    const path = curve(a, b, bend, z === undefined ? SEGMENTS : flow.magnitude === null ? dashedSegmentsFor(px, bend) : segmentsFor(px, bend));
    out.push({ flow, path, middle: curve(a, b, bend, 2)[1]! });
  }
  return out;
}

/**
 * An alliance's line: a gentle bend to the *left* (flows bend right), so a pairing and the flows between
 * the same two units never share a line. Finely cut, for a dotted stroke.
 */
export function allianceCurve(a: LonLat, b: LonLat): LonLat[] {
  return curve(a, b, -0.06, 60);
}
export const ALLIANCE_DOTS = 41;

/**
 * Polylines as one triangle mesh, for a layer that draws every curve in a single draw call
 * (flows/stroke-layer.ts): two vertices a point, one each side of the line, each with the direction the
 * shader pushes it out by half the stroke's width, and the object it belongs to, for colour and picking.
 * SwiftShader pays per instance of an instanced draw, so a mesh, not a quad per segment, and the vertex
 * work is one projection: the joints are worked out here (docs/client-flows.md, "Session 5").
 */
export interface StrokeMesh {
  vertexCount: number;
  /** lon, lat of each vertex's point. */
  here: Float64Array;
  /**
   * Per vertex, east and north in Web Mercator (conformal, so directions hold on screen): the way out
   * from the point, its length the mitre's stretch, so both segments of a joint end on one line (no notch,
   * no overlap); at a path's ends square to the segment. One side's vertices mirror the other's.
   */
  offset: Float32Array;
  owner: Uint32Array;
  /** Two triangles a segment. */
  indices: Uint32Array;
}

/** Web Mercator, in radians: only directions are taken from it. */
const mercator = (p: LonLat): LonLat => [(p[0] * Math.PI) / 180, Math.log(Math.tan(Math.PI / 4 + (p[1] * Math.PI) / 360))];

function unit(from: LonLat, to: LonLat): LonLat | null {
  const dx = to[0] - from[0];
  const dy = to[1] - from[1];
  const l = Math.hypot(dx, dy);
  return l > 0 ? [dx / l, dy / l] : null;
}

/** The mitre at a point of a path, left of travel (a unit vector times 1 / cos of half the turn, at most 2). */
function mitreAt(m: readonly LonLat[], k: number): LonLat {
  const into = k > 0 ? unit(m[k - 1]!, m[k]!) : null;
  const out = k + 1 < m.length ? unit(m[k]!, m[k + 1]!) : null;
  const a = into ?? out ?? [1, 0];
  const b = out ?? a;
  const t = unit([0, 0], [a[0] + b[0], a[1] + b[1]]) ?? a;
  const mitre: LonLat = [-t[1], t[0]];
  const stretch = 1 / Math.max(mitre[0] * -a[1] + mitre[1] * a[0], 0.5);
  return [mitre[0] * stretch, mitre[1] * stretch];
}

/** Triangles in a round end's half disc: at a 3 px stroke (alliance dots) four are a circle to the eye. */
const ROUND_STEPS = 4;

/**
 * `round` gives every path two round ends: a fan of ROUND_STEPS triangles behind each end, from one side's
 * vertex round to the other's, so a short path is a dot (the alliances' dotted line).
 */
export function strokeMesh(paths: readonly (readonly LonLat[])[], ownerOf: (path: number) => number = (i) => i, round = false): StrokeMesh {
  let points = 0;
  let segments = 0;
  for (const p of paths) if (p.length > 1) (points += p.length), (segments += p.length - 1);
  const ends = round ? paths.filter((p) => p.length > 1).length * 2 : 0;
  const vertexCount = points * 2 + ends * ROUND_STEPS;
  const mesh: StrokeMesh = {
    vertexCount,
    here: new Float64Array(vertexCount * 2),
    offset: new Float32Array(vertexCount * 2),
    owner: new Uint32Array(vertexCount),
    indices: new Uint32Array((segments * 2 + ends * ROUND_STEPS) * 3),
  };
  let v = 0;
  let t = 0;
  const put = (q: LonLat, dx: number, dy: number, o: number): number => {
    mesh.here.set(q, v * 2);
    mesh.offset.set([dx, dy], v * 2);
    mesh.owner[v] = o;
    return v++;
  };
  /** A half disc behind a path's end `q`, `back` the way out of the path there, from vertex `from` round to `to`. */
  const cap = (q: LonLat, back: LonLat, from: number, to: number, o: number) => {
    const centre = put(q, 0, 0, o);
    const [sx, sy] = [mesh.offset[from * 2]!, mesh.offset[from * 2 + 1]!];
    let last = from;
    for (let j = 1; j <= ROUND_STEPS; j++) {
      const phi = (j * Math.PI) / ROUND_STEPS;
      const next = j === ROUND_STEPS ? to : put(q, Math.cos(phi) * sx + Math.sin(phi) * back[0], Math.cos(phi) * sy + Math.sin(phi) * back[1], o);
      mesh.indices.set([centre, last, next], t);
      t += 3;
      last = next;
    }
  };
  paths.forEach((p, i) => {
    if (p.length < 2) return;
    const o = ownerOf(i);
    const m = p.map(mercator);
    const first = v;
    p.forEach((q, k) => {
      if (k > 0) mesh.indices.set([v - 2, v - 1, v, v - 1, v + 1, v], t), (t += 6);
      const out = mitreAt(m, k);
      put(q, out[0], out[1], o);
      put(q, -out[0], -out[1], o);
    });
    if (!round) return;
    const last = v - 2;
    const a = unit(m[0]!, m[1]!) ?? [1, 0];
    const b = unit(m[m.length - 2]!, m[m.length - 1]!) ?? [1, 0];
    cap(p[0]!, [-a[0], -a[1]], first, first + 1, o);
    cap(p[p.length - 1]!, b, last + 1, last, o);
  });
  return mesh;
}
