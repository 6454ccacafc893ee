// Plain planar geometry for building the offline basemap at build time: clip to a lon/lat box, simplify,
// round. The inputs are already in WGS-84 degrees and the boxes are small enough that planar maths in
// degrees is good to a fraction of a pixel at the zooms the basemap is drawn at.

export type Position = [number, number];
export type Ring = Position[];
/** [west, south, east, north] in degrees. */
export type Box = [number, number, number, number];

/** Sutherland–Hodgman against each side of the box in turn; correct for any ring against a convex window. */
export function clipRingToBox(ring: Ring, [w, s, e, n]: Box): Ring {
  const sides: { inside: (p: Position) => boolean; cut: (a: Position, b: Position) => Position }[] = [
    { inside: (p) => p[0] >= w, cut: (a, b) => atX(a, b, w) },
    { inside: (p) => p[0] <= e, cut: (a, b) => atX(a, b, e) },
    { inside: (p) => p[1] >= s, cut: (a, b) => atY(a, b, s) },
    { inside: (p) => p[1] <= n, cut: (a, b) => atY(a, b, n) },
  ];
  let out = openRing(ring);
  for (const side of sides) {
    const input = out;
    out = [];
    for (let i = 0; i < input.length; i++) {
      const cur = input[i]!;
      const prev = input[(i + input.length - 1) % input.length]!;
      const curIn = side.inside(cur);
      if (curIn !== side.inside(prev)) out.push(side.cut(prev, cur));
      if (curIn) out.push(cur);
    }
    if (out.length === 0) return [];
  }
  return out.length >= 3 ? closeRing(out) : [];
}

function atX(a: Position, b: Position, x: number): Position {
  return [x, a[1] + ((b[1] - a[1]) * (x - a[0])) / (b[0] - a[0])];
}
function atY(a: Position, b: Position, y: number): Position {
  return [a[0] + ((b[0] - a[0]) * (y - a[1])) / (b[1] - a[1]), y];
}

function openRing(ring: Ring): Ring {
  const first = ring[0];
  const last = ring[ring.length - 1];
  return first && last && first[0] === last[0] && first[1] === last[1] ? ring.slice(0, -1) : ring.slice();
}
function closeRing(ring: Ring): Ring {
  return [...ring, [ring[0]![0], ring[0]![1]]];
}

/** Splits a line into the pieces that lie inside the box (rivers leave and re-enter a window). */
export function clipLineToBox(line: Position[], box: Box): Position[][] {
  const [w, s, e, n] = box;
  const inside = (p: Position) => p[0] >= w && p[0] <= e && p[1] >= s && p[1] <= n;
  const pieces: Position[][] = [];
  let cur: Position[] = [];
  for (let i = 0; i < line.length; i++) {
    const p = line[i]!;
    const prev = line[i - 1];
    if (inside(p)) {
      if (prev && !inside(prev)) cur.push(edgePoint(p, prev, box));
      cur.push(p);
    } else if (prev && inside(prev)) {
      cur.push(edgePoint(prev, p, box));
      pieces.push(cur);
      cur = [];
    }
  }
  if (cur.length > 1) pieces.push(cur);
  return pieces.filter((piece) => piece.length > 1);
}

/** Where the segment from an inside point to an outside point crosses the box. */
function edgePoint(a: Position, b: Position, [w, s, e, n]: Box): Position {
  let t = 1;
  const dx = b[0] - a[0];
  const dy = b[1] - a[1];
  if (b[0] < w) t = Math.min(t, (w - a[0]) / dx);
  if (b[0] > e) t = Math.min(t, (e - a[0]) / dx);
  if (b[1] < s) t = Math.min(t, (s - a[1]) / dy);
  if (b[1] > n) t = Math.min(t, (n - a[1]) / dy);
  return [a[0] + dx * t, a[1] + dy * t];
}

/** Douglas–Peucker with an explicit stack, so a ring of 100k points cannot overflow the call stack. */
export function simplifyLine(points: Position[], tolerance: number): Position[] {
  if (points.length <= 2) return points.slice();
  const keep = new Uint8Array(points.length);
  keep[0] = 1;
  keep[points.length - 1] = 1;
  const tol2 = tolerance * tolerance;
  const stack: [number, number][] = [[0, points.length - 1]];
  while (stack.length) {
    const [first, last] = stack.pop()!;
    let maxD = 0;
    let index = -1;
    for (let i = first + 1; i < last; i++) {
      const d = segmentDistance2(points[i]!, points[first]!, points[last]!);
      if (d > maxD) {
        maxD = d;
        index = i;
      }
    }
    if (index > 0 && maxD > tol2) {
      keep[index] = 1;
      stack.push([first, index], [index, last]);
    }
  }
  return points.filter((_, i) => keep[i]);
}

/** Simplifies a closed ring; returns [] when nothing of area is left. */
export function simplifyRing(ring: Ring, tolerance: number): Ring {
  if (ring.length < 4) return [];
  // Split at the point farthest from the start, so that the closing point is not a fixed anchor of both halves.
  const start = ring[0]!;
  let far = 1;
  let farD = -1;
  for (let i = 1; i < ring.length - 1; i++) {
    const d = (ring[i]![0] - start[0]) ** 2 + (ring[i]![1] - start[1]) ** 2;
    if (d > farD) {
      farD = d;
      far = i;
    }
  }
  const a = simplifyLine(ring.slice(0, far + 1), tolerance);
  const b = simplifyLine(ring.slice(far), tolerance);
  const out = [...a, ...b.slice(1)];
  return out.length >= 4 && Math.abs(ringArea(out)) > 0 ? out : [];
}

function segmentDistance2(p: Position, a: Position, b: Position): number {
  let x = a[0];
  let y = a[1];
  let dx = b[0] - x;
  let dy = b[1] - y;
  if (dx !== 0 || dy !== 0) {
    const t = ((p[0] - x) * dx + (p[1] - y) * dy) / (dx * dx + dy * dy);
    if (t > 1) {
      x = b[0];
      y = b[1];
    } else if (t > 0) {
      x += dx * t;
      y += dy * t;
    }
  }
  dx = p[0] - x;
  dy = p[1] - y;
  return dx * dx + dy * dy;
}

/** Shoelace area in square degrees (signed). */
export function ringArea(ring: Ring): number {
  let sum = 0;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    sum += (ring[j]![0] - ring[i]![0]) * (ring[j]![1] + ring[i]![1]);
  }
  return sum / 2;
}

export function boxOf(points: Position[]): Box {
  let w = Infinity;
  let s = Infinity;
  let e = -Infinity;
  let n = -Infinity;
  for (const [x, y] of points) {
    if (x < w) w = x;
    if (x > e) e = x;
    if (y < s) s = y;
    if (y > n) n = y;
  }
  return [w, s, e, n];
}

export function boxesMeet(a: Box, b: Box): boolean {
  return a[0] <= b[2] && b[0] <= a[2] && a[1] <= b[3] && b[1] <= a[3];
}

/** Rounds to a grid and drops the repeats rounding makes. */
export function roundLine(points: Position[], decimals: number): Position[] {
  const f = 10 ** decimals;
  const out: Position[] = [];
  for (const [x, y] of points) {
    const p: Position = [Math.round(x * f) / f, Math.round(y * f) / f];
    const last = out[out.length - 1];
    if (!last || last[0] !== p[0] || last[1] !== p[1]) out.push(p);
  }
  return out;
}

/**
 * The window minus an inner box, as up to four boxes (west and east strips full height, south and north
 * strips between them), so a coarse layer and a detailed one can tile the window without overlapping.
 */
export function boxesAround(window: Box, inner: Box): Box[] {
  const [w, s, e, n] = window;
  const [iw, is, ie, inn] = inner;
  const out: Box[] = [
    [w, s, iw, n],
    [ie, s, e, n],
    [iw, s, ie, is],
    [iw, inn, ie, n],
  ];
  return out.filter(([a, b, c, d]) => c > a && d > b);
}
