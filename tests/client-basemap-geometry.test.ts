import { describe, expect, it } from 'vitest';
import { boxesAround, clipLineToBox, clipRingToBox, ringArea, roundLine, simplifyLine, simplifyRing, type Box, type Ring } from '../client/basemap/geometry.ts';
import { buildLand } from '../client/basemap/land.ts';
import { parseGmtSegments } from '../client/basemap/extract-rivers.ts';
import { hatchImage } from '../client/src/hatch.ts';
import { buildBasemapTiles } from '../client/basemap/tiles.ts';
import { VectorTile } from '@mapbox/vector-tile';
import Pbf from 'pbf';

const square = (w: number, s: number, e: number, n: number): Ring => [[w, s], [e, s], [e, n], [w, n], [w, s]];

describe('basemap geometry', () => {
  it('clips a ring to a box, keeping the part inside and closing the ring', () => {
    const out = clipRingToBox(square(0, 0, 10, 10), [5, 5, 20, 20]);
    expect(out[0]).toEqual(out[out.length - 1]);
    expect(Math.abs(ringArea(out))).toBeCloseTo(25);
  });

  it('drops a ring wholly outside the box', () => {
    expect(clipRingToBox(square(0, 0, 1, 1), [5, 5, 6, 6])).toEqual([]);
  });

  it('splits a line that leaves and re-enters the box into pieces ending on the edge', () => {
    const pieces = clipLineToBox([[0, 1], [2, 1], [2, 5], [4, 1], [6, 1]], [1, 0, 5, 3]);
    expect(pieces).toEqual([[[1, 1], [2, 1], [2, 3]], [[3, 3], [4, 1], [5, 1]]]);
  });

  it('simplifies away points closer than the tolerance but keeps real corners', () => {
    const line: [number, number][] = [[0, 0], [1, 0.001], [2, 0], [2, 2]];
    expect(simplifyLine(line, 0.01)).toEqual([[0, 0], [2, 0], [2, 2]]);
    expect(simplifyRing(square(0, 0, 1, 1), 0.01)).toHaveLength(5);
  });

  it('simplifies a ring of 200,000 points without overflowing the stack', () => {
    const ring: Ring = Array.from({ length: 200_000 }, (_, i) => {
      const a = (i / 200_000) * 2 * Math.PI;
      return [Math.cos(a), Math.sin(a)] as [number, number];
    });
    ring.push(ring[0]!);
    const out = simplifyRing(ring, 0.001);
    expect(out.length).toBeGreaterThan(10);
    expect(out.length).toBeLessThan(200);
  });

  it('rounds and removes the duplicates rounding creates', () => {
    expect(roundLine([[1.00001, 2], [1.00002, 2], [1.5, 2]], 3)).toEqual([[1, 2], [1.5, 2]]);
  });

  it('tiles the window with the detail box and the strips around it, without overlap', () => {
    const window: Box = [70, 15, 140, 55];
    const detail: Box = [117.5, 23.5, 123.5, 31.5];
    const boxes = [detail, ...boxesAround(window, detail)];
    const area = (b: Box) => (b[2] - b[0]) * (b[3] - b[1]);
    expect(boxes.reduce((a, b) => a + area(b), 0)).toBeCloseTo(area(window));
  });

  it('builds land as one fill per detail class, cut to the window', () => {
    const source = {
      type: 'FeatureCollection' as const,
      features: [
        { type: 'Feature' as const, properties: {}, geometry: { type: 'Polygon' as const, coordinates: [square(118, 24, 130, 30)] } },
        { type: 'Feature' as const, properties: {}, geometry: { type: 'Polygon' as const, coordinates: [square(-10, 40, 0, 50)] } },
      ],
    };
    const land = buildLand(source, { window: [110, 20, 140, 40], detail: [117.5, 23.5, 123.5, 31.5], coarseTolerance: 0.01, detailTolerance: 0.001 });
    expect(land.features.map((f) => f.properties!.detail)).toEqual([false, true]);
    const total = land.features.flatMap((f) => f.geometry.coordinates).reduce((a, p) => a + Math.abs(ringArea(p[0] as Ring)), 0);
    expect(total).toBeCloseTo(12 * 6);
  });

  it('reads GMT river segments with their WDBII class', () => {
    const segs = parseGmtSegments('> River Bin # 3096, Level 1\n73 55.2\n72.9 55.3\n> River Bin # 3097, Level 3\n1 2\n');
    expect(segs).toEqual([{ level: 1, line: [[73, 55.2], [72.9, 55.3]] }]);
  });
});

describe('basemap tiles', () => {
  it('cuts land and rivers into MVT tiles down to the max zoom, leaving out empty sea', () => {
    const land = { type: 'FeatureCollection' as const, features: [{ type: 'Feature' as const, properties: {}, geometry: { type: 'Polygon' as const, coordinates: [square(120, 27, 121, 28)] } }] };
    const rivers = { type: 'FeatureCollection' as const, features: [{ type: 'Feature' as const, properties: { class: 3 }, geometry: { type: 'LineString' as const, coordinates: [[120.2, 27.5], [120.8, 27.6]] } }] };
    const tiles = buildBasemapTiles({ land, rivers }, { maxZoom: 6, tolerance: 1 });
    expect([...tiles.keys()].filter((k) => k.startsWith('0/'))).toEqual(['0/0/0']);
    expect(Math.max(...[...tiles.keys()].map((k) => Number(k.split('/')[0])))).toBe(6);
    // z6 tile of (120.5°E, 27.5°N): x = floor((120.5 + 180) / 360 * 64) = 53, y = 26
    const layers = new VectorTile(new Pbf(tiles.get('6/53/26')!)).layers;
    expect(Object.keys(layers).sort()).toEqual(['land', 'rivers']);
    expect(layers.rivers!.feature(0).properties.class).toBe(3);
    expect(tiles.has('6/0/0')).toBe(false);
  });
});

describe('the approximate-area hatch', () => {
  it('repeats seamlessly and is mostly transparent', () => {
    const img = hatchImage(10, [10, 20, 30], 1.2);
    const alpha = (x: number, y: number) => img.data[((y % 10) * 10 + (x % 10)) * 4 + 3]!;
    for (let i = 0; i < 10; i++) expect(alpha(i, 0)).toBe(alpha(i + 10, 0));
    const opaque = Array.from({ length: 100 }, (_, i) => alpha(i % 10, Math.floor(i / 10))).filter((a) => a > 0).length;
    expect(opaque).toBeGreaterThan(5);
    expect(opaque).toBeLessThan(50);
  });
});
