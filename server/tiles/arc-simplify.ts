// Visvalingam simplification of a topology's arcs that never lets two arcs cross. Simplifying each shared
// arc once keeps neighbours edge to edge, but two different arcs close together (a narrow unit, a border
// hugging another) can still be pulled across each other, which makes units overlap. Arcs caught crossing
// are simplified less and checked again, until nothing crosses; the last resort is the arc unsimplified.
import type { Topology } from 'topojson-server';

const MAX_ROUNDS = 6;
type Pt = number[]; // [x, y, weight] after presimplify

/** `weighted` comes from topojson-simplify's presimplify (untransformed arcs with a weight per vertex). */
export function simplifyWithoutCrossings(weighted: Topology, minWeight: number): Topology {
  const source = weighted.arcs as unknown as Pt[][];
  const thresholds = new Float64Array(source.length).fill(minWeight);
  let arcs = keep(source, thresholds);
  if (minWeight > 0) {
    for (let round = 1; round <= MAX_ROUNDS; round++) {
      const crossing = crossingArcs(arcs);
      if (crossing.size === 0) break;
      for (const i of crossing) thresholds[i] = round === MAX_ROUNDS ? 0 : thresholds[i]! / 4;
      arcs = keep(source, thresholds);
    }
  }
  return { type: 'Topology', bbox: weighted.bbox, objects: weighted.objects, arcs };
}

function keep(source: Pt[][], thresholds: Float64Array): number[][][] {
  return source.map((arc, i) => {
    const t = thresholds[i]!;
    const out: number[][] = [];
    for (const p of arc) if (p[2]! >= t) out.push([p[0]!, p[1]!]);
    return out;
  });
}

/** Indexes of arcs with a segment that crosses, or runs along, a segment it does not merely meet at an end. */
export function crossingArcs(arcs: number[][][]): Set<number> {
  let n = 0;
  for (const arc of arcs) n += Math.max(0, arc.length - 1);
  const bad = new Set<number>();
  if (n < 2) return bad;
  const seg = new Float64Array(n * 4); // ax, ay, bx, by
  const arcOf = new Int32Array(n);
  let x0 = Infinity, y0 = Infinity, x1 = -Infinity, y1 = -Infinity;
  let m = 0;
  arcs.forEach((arc, i) => {
    for (let k = 1; k < arc.length; k++, m++) {
      const a = arc[k - 1]!, b = arc[k]!;
      seg.set([a[0]!, a[1]!, b[0]!, b[1]!], m * 4);
      arcOf[m] = i;
      x0 = Math.min(x0, a[0]!, b[0]!);
      y0 = Math.min(y0, a[1]!, b[1]!);
      x1 = Math.max(x1, a[0]!, b[0]!);
      y1 = Math.max(y1, a[1]!, b[1]!);
    }
  });
  // A uniform grid over the segments' bounding boxes: each segment is compared only with those sharing a cell.
  const cell = Math.max(x1 - x0, y1 - y0, 1) / Math.sqrt(n);
  const cols = Math.floor((x1 - x0) / cell) + 1;
  const cellsOf = (s: number, visit: (key: number) => void) => {
    const [ax, ay, bx, by] = [seg[s * 4]!, seg[s * 4 + 1]!, seg[s * 4 + 2]!, seg[s * 4 + 3]!];
    const cx1 = Math.floor((Math.max(ax, bx) - x0) / cell), cy1 = Math.floor((Math.max(ay, by) - y0) / cell);
    for (let cx = Math.floor((Math.min(ax, bx) - x0) / cell); cx <= cx1; cx++) {
      for (let cy = Math.floor((Math.min(ay, by) - y0) / cell); cy <= cy1; cy++) visit(cy * cols + cx);
    }
  };
  const grid = new Map<number, number[]>();
  for (let s = 0; s < n; s++) cellsOf(s, (key) => (grid.get(key) ?? grid.set(key, []).get(key)!).push(s));
  const seenBy = new Int32Array(n).fill(-1);
  const p1 = [0, 0], p2 = [0, 0], q1 = [0, 0], q2 = [0, 0];
  for (let s = 0; s < n; s++) {
    cellsOf(s, (key) => {
      for (const t of grid.get(key)!) {
        if (t <= s || seenBy[t] === s) continue;
        seenBy[t] = s;
        p1[0] = seg[s * 4]!, p1[1] = seg[s * 4 + 1]!, p2[0] = seg[s * 4 + 2]!, p2[1] = seg[s * 4 + 3]!;
        q1[0] = seg[t * 4]!, q1[1] = seg[t * 4 + 1]!, q2[0] = seg[t * 4 + 2]!, q2[1] = seg[t * 4 + 3]!;
        if (segmentsConflict(p1, p2, q1, q2)) {
          bad.add(arcOf[s]!);
          bad.add(arcOf[t]!);
        }
      }
    });
  }
  return bad;
}

const same = (p: number[], q: number[]) => p[0] === q[0] && p[1] === q[1];
const orient = (a: number[], b: number[], c: number[]) =>
  Math.sign((b[0]! - a[0]!) * (c[1]! - a[1]!) - (b[1]! - a[1]!) * (c[0]! - a[0]!));

function segmentsConflict(p1: number[], p2: number[], q1: number[], q2: number[]): boolean {
  const o1 = orient(p1, p2, q1), o2 = orient(p1, p2, q2), o3 = orient(q1, q2, p1), o4 = orient(q1, q2, p2);
  if (o1 * o2 > 0 || o3 * o4 > 0) return false; // apart
  if (o1 === 0 && o2 === 0) return collinearOverlap(p1, p2, q1, q2); // on one line: only a shared stretch counts
  // They touch: fine only where two segments meet end to end (a vertex of an arc, or a junction).
  return !(same(p1, q1) || same(p1, q2) || same(p2, q1) || same(p2, q2));
}

function collinearOverlap(p1: number[], p2: number[], q1: number[], q2: number[]): boolean {
  const axis = Math.abs(p2[0]! - p1[0]!) >= Math.abs(p2[1]! - p1[1]!) ? 0 : 1;
  const [a0, a1] = [Math.min(p1[axis]!, p2[axis]!), Math.max(p1[axis]!, p2[axis]!)];
  const [b0, b1] = [Math.min(q1[axis]!, q2[axis]!), Math.max(q1[axis]!, q2[axis]!)];
  return Math.min(a1, b1) - Math.max(a0, b0) > 0;
}
