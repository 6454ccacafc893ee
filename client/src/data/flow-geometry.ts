// Flow paths as curves. Every flow bends to the right of its direction of travel, so A→B and B→A of the
// same pair separate into two arcs; flows sharing one origin and destination (other factors or bases) get
// lanes of growing curvature, so none hides another. Plain numbers in lon/lat: no map needed.
import type { Flow, FlowLocation } from './flow-json.ts';

export type LonLat = [number, number];

/** Curvature of lane 0 and the step between lanes, as a share of the chord's length. */
const BEND = 0.12;
const LANE_STEP = 0.07;
const SEGMENTS = 24;

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
export function dashes(path: readonly LonLat[], pieces = 9): LonLat[][] {
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

/** Lanes are given per directed pair in a stable order (factor, then basis), so redraws do not jump. */
export function layoutFlows(flows: readonly Flow[], locations: ReadonlyMap<string, FlowLocation>): DrawnFlow[] {
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
    const path = curve([o.lon, o.lat], [d.lon, d.lat], BEND + lane * LANE_STEP);
    out.push({ flow, path, middle: path[Math.floor(path.length / 2)]! });
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
