import { describe, expect, it } from 'vitest';
import { curve, DASH_PIECES, dashedSegmentsFor, dashes, layoutFlows, layoutZoom, pixelsPerDegree, segmentsFor, type LonLat } from '../client/src/data/flow-geometry.ts';
import type { Flow, FlowLocation } from '../client/src/data/flow-json.ts';

const place = (id: string, lon: number, lat: number): FlowLocation => ({ id, nameZh: id, nameEn: null, lon, lat });
const locations = new Map([
  ['A', place('A', 120.6, 28.0)],
  ['B', place('B', 121.0, 28.1)],
  ['C', place('C', 119.7, 27.6)],
]);
const flow = (id: string, origin: string, dest: string, magnitude: number | null): Flow => ({
  id,
  origin,
  dest,
  factor: 'labour',
  basis: magnitude === null ? 'documented' : 'observed',
  magnitude,
  unit: magnitude === null ? null : 'persons',
  count: 1,
  period: '2020',
  mechanisms: [],
  sources: [],
});

/** Farthest distance, in screen pixels at a zoom, of a polyline's edges from the true curve (sampled finely). */
function strayPx(a: LonLat, b: LonLat, bend: number, segments: number, zoom: number): number {
  const poly = curve(a, b, bend, segments);
  const fine = curve(a, b, bend, 960);
  const k = Math.cos((((a[1] + b[1]) / 2) * Math.PI) / 180);
  const px = (p: LonLat): LonLat => [p[0] * pixelsPerDegree(zoom), (p[1] * pixelsPerDegree(zoom)) / k];
  let worst = 0;
  for (let i = 0; i < segments; i++) {
    const [p, q] = [px(poly[i]!), px(poly[i + 1]!)];
    const len = Math.hypot(q[0] - p[0], q[1] - p[1]);
    for (let j = Math.ceil((i * 960) / segments); j <= Math.floor(((i + 1) * 960) / segments); j++) {
      const f = px(fine[j]!);
      worst = Math.max(worst, Math.abs((q[0] - p[0]) * (p[1] - f[1]) - (p[0] - f[0]) * (q[1] - p[1])) / len);
    }
  }
  return worst;
}

describe('curve segments per zoom', () => {
  it('cuts a longer or more bent curve into more segments, always an even number from 2 to 24', () => {
    expect(segmentsFor(0, 0.12)).toBe(2);
    expect(segmentsFor(300, 0.12)).toBeLessThan(segmentsFor(3000, 0.12));
    expect(segmentsFor(300, 0.12)).toBeLessThan(segmentsFor(300, 0.4));
    expect(segmentsFor(1e7, 0.4)).toBe(24);
    for (const len of [10, 99, 300, 777, 2500]) for (const bend of [0.12, 0.19, 0.33]) {
      const n = segmentsFor(len, bend);
      expect(n % 2).toBe(0);
      expect(n).toBeGreaterThanOrEqual(2);
      expect(n).toBeLessThanOrEqual(24);
    }
  });

  it('keeps a flow within half a pixel of its true curve at the zoom it was laid out for', () => {
    for (const zoom of [7, 8, 9, 10]) {
      const [flowWithFigure] = layoutFlows([flow('f', 'A', 'B', 100)], locations, zoom);
      const n = flowWithFigure!.path.length - 1;
      if (n < 24) expect(strayPx([120.6, 28.0], [121.0, 28.1], 0.12, n, layoutZoom(zoom)!)).toBeLessThanOrEqual(0.5);
    }
  });

  it('cuts county-level flows at zoom 8 far more coarsely than the old fixed 24, and finer as the map zooms in', () => {
    const at = (zoom?: number) => layoutFlows([flow('f', 'A', 'C', 100)], locations, zoom)[0]!.path.length - 1;
    expect(at(8)).toBeLessThanOrEqual(12);
    expect(at(8)).toBeLessThan(at(12));
    expect(at()).toBe(24);
  });

  it('lays curves out for the next quarter zoom up, so one layout serves every zoom below it and no more than a quarter zoom', () => {
    expect(layoutZoom(8.03)).toBe(8.25);
    expect(layoutZoom(8.25)).toBe(8.25);
    expect(layoutZoom(8.26)).toBe(8.5);
    expect(layoutZoom(9)).toBe(9);
    expect(layoutZoom(undefined)).toBeUndefined();
    expect(layoutZoom(Number.NaN)).toBeUndefined();
  });

  it('cuts documented flows into whole dashes: a multiple of the dash count, at most three segments a dash', () => {
    for (const len of [0, 50, 300, 2000, 1e6]) {
      const n = dashedSegmentsFor(len, 0.26);
      expect(n % DASH_PIECES).toBe(0);
      expect(n).toBeLessThanOrEqual(3 * DASH_PIECES);
    }
    expect(dashedSegmentsFor(300, 0.12)).toBe(DASH_PIECES);
    expect(dashedSegmentsFor(1e6, 0.12)).toBe(3 * DASH_PIECES);
  });

  it('keeps documented dashes apart and within half a pixel, and every middle at the curve\'s halfway point', () => {
    const laid = layoutFlows([flow('d', 'A', 'C', null), flow('f', 'A', 'C', 5)], locations, 8);
    const documented = laid.find((d) => d.flow.id === 'd')!;
    const n = documented.path.length - 1;
    expect(n % DASH_PIECES).toBe(0);
    expect(strayPx([120.6, 28.0], [119.7, 27.6], 0.12, n, layoutZoom(8)!)).toBeLessThanOrEqual(0.5);
    const pieces = dashes(documented.path);
    expect(pieces).toHaveLength(5);
    for (const piece of pieces) expect(piece).toHaveLength(n / DASH_PIECES + 1);
    for (let i = 1; i < pieces.length; i++) expect(pieces[i]![0]).not.toEqual(pieces[i - 1]!.at(-1));
    for (const d of laid) {
      const bend = d.flow.id === 'd' ? 0.12 : 0.19; // lanes: documented sorts first for the same factor
      expect(d.middle).toEqual(curve([120.6, 28.0], [119.7, 27.6], bend, 2)[1]);
    }
  });
});
