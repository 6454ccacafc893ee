// Direction in the animated mode: dots travel along each drawn curve from origin to destination. The
// position of a dot is a pure function of the path and the time, so a frame is cheap and testable.
import type { LonLat } from './flow-geometry.ts';

/** The point a share t ∈ [0, 1) of the way along a path (by vertex-to-vertex length in lon/lat). */
export function pointAlong(path: readonly LonLat[], t: number): LonLat {
  if (path.length === 1) return path[0]!;
  let total = 0;
  const lengths: number[] = [];
  for (let i = 1; i < path.length; i++) {
    const l = Math.hypot(path[i]![0] - path[i - 1]![0], path[i]![1] - path[i - 1]![1]);
    lengths.push(l);
    total += l;
  }
  let left = (((t % 1) + 1) % 1) * total;
  for (let i = 0; i < lengths.length; i++) {
    const l = lengths[i]!;
    if (left <= l || i === lengths.length - 1) {
      const u = l > 0 ? Math.min(1, left / l) : 0;
      const a = path[i]!;
      const b = path[i + 1]!;
      return [a[0] + (b[0] - a[0]) * u, a[1] + (b[1] - a[1]) * u];
    }
    left -= l;
  }
  return path[path.length - 1]!;
}

/** Seconds for one dot to cross a flow; dots per flow, evenly spaced. */
export const CROSSING_SECONDS = 4;
export const DOTS_PER_FLOW = 2;

/** Every dot of one flow at time `seconds`: evenly spaced, all moving towards the destination. */
export function dotsAt(path: readonly LonLat[], seconds: number, dots = DOTS_PER_FLOW): LonLat[] {
  const phase = seconds / CROSSING_SECONDS;
  return Array.from({ length: dots }, (_, i) => pointAlong(path, phase + i / dots));
}
