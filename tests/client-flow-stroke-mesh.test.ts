import { describe, expect, it } from 'vitest';
import { strokeMesh, type LonLat } from '../client/src/data/flow-geometry.ts';

const three: LonLat[] = [
  [120, 28],
  [120.5, 28.2],
  [121, 28],
];
const two: LonLat[] = [
  [119, 27],
  [119.1, 27.1],
];
const pairAt = (a: Float64Array | Float32Array, v: number): [number, number] => [a[v * 2]!, a[v * 2 + 1]!];

describe('curves as one stroke mesh (one draw call for every curve of a layer)', () => {
  const mesh = strokeMesh([three, two], (i) => [7, 3][i]!);

  it('has two vertices a point, pushed out to opposite sides, and two triangles a segment', () => {
    expect(mesh.vertexCount).toBe(10);
    for (let v = 0; v < 10; v += 2) {
      expect(mesh.offset[v * 2]).toBeCloseTo(-mesh.offset[v * 2 + 2]!, 6);
      expect(mesh.offset[v * 2 + 1]).toBeCloseTo(-mesh.offset[v * 2 + 3]!, 6);
    }
    expect(mesh.indices.length).toBe((2 + 1) * 6);
    expect(Math.max(...mesh.indices)).toBe(9);
  });

  it('never joins two paths: no triangle has vertices of both', () => {
    for (let t = 0; t < mesh.indices.length; t += 3) {
      const owners = new Set([...mesh.indices.subarray(t, t + 3)].map((v) => mesh.owner[v]));
      expect(owners.size).toBe(1);
    }
  });

  it('puts every vertex on its own point', () => {
    expect(pairAt(mesh.here, 2)).toEqual([120.5, 28.2]);
    expect(pairAt(mesh.here, 3)).toEqual([120.5, 28.2]);
    expect(pairAt(mesh.here, 9)).toEqual([119.1, 27.1]);
  });

  it('ends a path square to its segment, one half-width out', () => {
    const [x, y] = pairAt(mesh.offset, 6);
    expect(Math.hypot(x, y)).toBeCloseTo(1, 6);
    // Square to the segment in Web Mercator (conformal: what is square there is square on screen).
    const merc = (p: LonLat) => [(p[0] * Math.PI) / 180, Math.log(Math.tan(Math.PI / 4 + (p[1] * Math.PI) / 360))];
    const [a, b] = [merc(two[0]!), merc(two[1]!)];
    expect(x * (b[0]! - a[0]!) + y * (b[1]! - a[1]!)).toBeCloseTo(0, 9);
  });

  it('meets at a joint on the mitre: along the bisector, stretched so each side keeps its half-width', () => {
    // The middle of the symmetric arch turns by the same angle either side: its mitre points straight north or south.
    const [x, y] = pairAt(mesh.offset, 2);
    expect(Math.abs(x)).toBeLessThan(1e-9);
    const merc = (p: LonLat) => [(p[0] * Math.PI) / 180, Math.log(Math.tan(Math.PI / 4 + (p[1] * Math.PI) / 360))];
    const [a, b] = [merc(three[0]!), merc(three[1]!)];
    const half = Math.atan2(b[1]! - a[1]!, b[0]! - a[0]!);
    expect(Math.abs(y)).toBeCloseTo(1 / Math.cos(half), 6);
  });

  it('tags each vertex with the object its path belongs to, so picking returns the whole curve', () => {
    expect([...mesh.owner]).toEqual([7, 7, 7, 7, 7, 7, 3, 3, 3, 3]);
  });

  it('skips paths of fewer than two points', () => {
    const m = strokeMesh([[[120, 28]], two]);
    expect(m.vertexCount).toBe(4);
    expect([...m.owner]).toEqual([1, 1, 1, 1]);
    expect(m.indices.length).toBe(6);
  });

  it('rounds both ends of every path when asked (the alliance dots): a half disc of unit reach behind each end', () => {
    const dot = strokeMesh([two], () => 0, true);
    // 2 points × 2 sides, and per end a centre and 3 rim vertices; 2 body triangles and 4 fan triangles per end.
    expect(dot.vertexCount).toBe(4 + 2 * 4);
    expect(dot.indices.length).toBe((2 + 8) * 3);
    const merc = (p: LonLat) => [(p[0] * Math.PI) / 180, Math.log(Math.tan(Math.PI / 4 + (p[1] * Math.PI) / 360))];
    const [a, b] = [merc(two[0]!), merc(two[1]!)];
    const along = [b[0]! - a[0]!, b[1]! - a[1]!];
    // Vertices 4–7 round the start: a centre with no offset, then rim vertices of length 1, none ahead of the start.
    expect(pairAt(dot.offset, 4)).toEqual([0, 0]);
    expect(pairAt(dot.here, 4)).toEqual(two[0]);
    for (const v of [5, 6, 7]) {
      const [x, y] = pairAt(dot.offset, v);
      expect(Math.hypot(x, y)).toBeCloseTo(1, 6);
      expect(x * along[0]! + y * along[1]!).toBeLessThan(0);
    }
    // …and the end's rim lies beyond the end.
    for (const v of [9, 10, 11]) {
      const [x, y] = pairAt(dot.offset, v);
      expect(x * along[0]! + y * along[1]!).toBeGreaterThan(0);
      expect(pairAt(dot.here, v)).toEqual(two[1]);
    }
    expect(Math.max(...dot.indices)).toBe(11);
  });
});
