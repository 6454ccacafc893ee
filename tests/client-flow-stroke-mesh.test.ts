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
const pairAt = (a: Float64Array, v: number): number[] => [a[v * 2]!, a[v * 2 + 1]!];

describe('curves as one stroke mesh (one draw call for every curve of a layer)', () => {
  const mesh = strokeMesh([three, two], (i) => [7, 3][i]!);

  it('has two vertices a point, one on each side, and two triangles a segment', () => {
    expect(mesh.vertexCount).toBe(10);
    expect([...mesh.side]).toEqual([-1, 1, -1, 1, -1, 1, -1, 1, -1, 1]);
    expect(mesh.indices.length).toBe((2 + 1) * 6);
    expect(Math.max(...mesh.indices)).toBe(9);
  });

  it('never joins two paths: no triangle has vertices of both', () => {
    for (let t = 0; t < mesh.indices.length; t += 3) {
      const owners = new Set([...mesh.indices.subarray(t, t + 3)].map((v) => mesh.owner[v]));
      expect(owners.size).toBe(1);
    }
  });

  it('gives every vertex its neighbours along the path, and the point itself at the ends (square ends)', () => {
    expect(pairAt(mesh.here, 2)).toEqual([120.5, 28.2]);
    expect(pairAt(mesh.before, 2)).toEqual([120, 28]);
    expect(pairAt(mesh.after, 2)).toEqual([121, 28]);
    expect(pairAt(mesh.before, 0)).toEqual([120, 28]);
    expect(pairAt(mesh.after, 5)).toEqual([121, 28]);
    expect(pairAt(mesh.before, 6)).toEqual([119, 27]);
    expect(pairAt(mesh.after, 9)).toEqual([119.1, 27.1]);
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
});
