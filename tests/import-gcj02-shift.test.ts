// The GCJ-02 → WGS-84 conversion, checked against an independent reference: OSM land polygons (npm
// @geo-maps/countries-coastline-1m, ODbL). The points are the data's own island outlines: every island
// ring of the coastal counties that OSM also has (chosen on the RAW outline, so the choice does not
// favour the conversion) is compared before and after import.
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../server/config.ts';
import { seededDb, type TestDb } from './support/test-db.ts';

type Pt = [number, number];
const COASTAL = ['330305', '330381', '330382', '330326', '330327', '330383'];
const BOX = { west: 119.3, south: 26.9, east: 121.6, north: 28.9 };
const CAP_M = 2000; // a vertex with no OSM coast within 2 km counts as 2 km
const CELL = 0.02; // degrees; a 3×3 block of cells covers more than CAP_M at this latitude
const RAD = Math.PI / 180;
const R = 6371008.8;

/** Coastline segments near Wenzhou, bucketed in a grid for nearest-segment queries. */
class Coast {
  private cells = new Map<string, [Pt, Pt][]>();
  constructor(segments: [Pt, Pt][]) {
    for (const s of segments) {
      const x0 = Math.floor(Math.min(s[0][0], s[1][0]) / CELL);
      const x1 = Math.floor(Math.max(s[0][0], s[1][0]) / CELL);
      const y0 = Math.floor(Math.min(s[0][1], s[1][1]) / CELL);
      const y1 = Math.floor(Math.max(s[0][1], s[1][1]) / CELL);
      for (let x = x0; x <= x1; x++) for (let y = y0; y <= y1; y++) {
        const k = `${x},${y}`;
        const list = this.cells.get(k) ?? [];
        list.push(s);
        this.cells.set(k, list);
      }
    }
  }
  /** Metres from p, moved by (dx, dy) metres, to the nearest coastline segment; at most CAP_M. */
  distance(p: Pt, dx = 0, dy = 0): number {
    const kx = Math.cos(p[1] * RAD) * R * RAD;
    const ky = R * RAD;
    const q: Pt = [p[0] + dx / kx, p[1] + dy / ky];
    const cx = Math.floor(q[0] / CELL);
    const cy = Math.floor(q[1] / CELL);
    let best = CAP_M;
    for (let x = cx - 1; x <= cx + 1; x++) for (let y = cy - 1; y <= cy + 1; y++) {
      for (const [a, b] of this.cells.get(`${x},${y}`) ?? []) {
        const ax = (a[0] - q[0]) * kx, ay = (a[1] - q[1]) * ky, bx = (b[0] - q[0]) * kx, by = (b[1] - q[1]) * ky;
        const ex = bx - ax, ey = by - ay;
        const len = ex * ex + ey * ey;
        const t = len ? Math.max(0, Math.min(1, -(ax * ex + ay * ey) / len)) : 0;
        best = Math.min(best, Math.hypot(ax + t * ex, ay + t * ey));
      }
    }
    return best;
  }
}

function loadOsmCoast(): Coast {
  const file = createRequire(import.meta.url).resolve('@geo-maps/countries-coastline-1m/map.geo.json');
  const world = JSON.parse(fs.readFileSync(file, 'utf8')) as { features: { properties: { A3: string }; geometry: { type: string; coordinates: unknown } }[] };
  const china = world.features.find((f) => f.properties.A3 === 'CHN')!;
  const polys = (china.geometry.type === 'Polygon' ? [china.geometry.coordinates] : china.geometry.coordinates) as Pt[][][];
  const segments: [Pt, Pt][] = [];
  const out = (a: Pt, b: Pt) =>
    (a[0] < BOX.west && b[0] < BOX.west) || (a[0] > BOX.east && b[0] > BOX.east) || (a[1] < BOX.south && b[1] < BOX.south) || (a[1] > BOX.north && b[1] > BOX.north);
  for (const poly of polys) for (const ring of poly) for (let i = 1; i < ring.length; i++) if (!out(ring[i - 1]!, ring[i]!)) segments.push([ring[i - 1]!, ring[i]!]);
  return new Coast(segments);
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

/** The shift (metres east, north, within ±800 m, to 25 m) that brings the vertices closest to the coast. */
function bestShift(coast: Coast, pts: Pt[]): { dx: number; dy: number; median: number } {
  const search = (xs: number[], ys: number[], start: { dx: number; dy: number; median: number }) => {
    let best = start;
    for (const dx of xs) for (const dy of ys) {
      const m = median(pts.map((p) => coast.distance(p, dx, dy)));
      if (m < best.median) best = { dx, dy, median: m };
    }
    return best;
  };
  const steps = (from: number, to: number, step: number) => Array.from({ length: Math.round((to - from) / step) + 1 }, (_, i) => from + i * step);
  const coarse = search(steps(-800, 800, 100), steps(-800, 800, 100), { dx: 0, dy: 0, median: Infinity });
  return search(steps(coarse.dx - 100, coarse.dx + 100, 25), steps(coarse.dy - 100, coarse.dy + 100, 25), coarse);
}

let t: TestDb;
let coast: Coast;
const islands: { county: string; raw: Pt[]; imported: Pt[] }[] = [];

beforeAll(async () => {
  t = await seededDb();
  coast = loadOsmCoast();
  const mirror = loadConfig().geodataDir;
  for (const county of COASTAL) {
    const raw = JSON.parse(fs.readFileSync(path.join(mirror, 'wenzhou', 'datav', 'county', `${county}.json`), 'utf8')).features[0].geometry
      .coordinates as Pt[][][];
    const [row] = await t.db.query<{ g: string }>('SELECT ST_AsGeoJSON(geom) AS g FROM units WHERE code = $1', [county.padEnd(12, '0')]);
    const imported = (JSON.parse(row!.g) as { coordinates: Pt[][][] }).coordinates;
    expect(imported.length, `${county} keeps its ${raw.length} parts in order`).toBe(raw.length);
    raw.forEach((poly, i) => {
      const ring = poly[0]!;
      // Islands, not the mainland coast; and only those OSM also has (judged on the raw ring).
      if (ring.length > 300 || median(ring.map((p) => coast.distance(p))) >= 1000) return;
      islands.push({ county, raw: ring, imported: imported[i]![0]! });
    });
  }
}, 120_000);
afterAll(async () => {
  await t?.drop();
});

describe('GCJ-02 correction of the DataV outlines', () => {
  it('finds enough island outlines to judge by (rings that OSM also maps)', () => {
    expect(islands.length).toBeGreaterThanOrEqual(30);
    expect(islands.reduce((n, i) => n + i.raw.length, 0)).toBeGreaterThanOrEqual(1000);
  });

  it('puts imported island vertices tens of metres from the OSM coastline, where the raw GCJ-02 ones are hundreds away', () => {
    const raw = median(islands.flatMap((i) => i.raw.map((p) => coast.distance(p))));
    const imported = median(islands.flatMap((i) => i.imported.map((p) => coast.distance(p))));
    // Measured: raw ≈ 335 m, imported ≈ 99 m (what remains is DataV's generalisation of the outlines).
    expect(imported).toBeLessThan(150);
    expect(raw).toBeGreaterThan(250);
    expect(imported).toBeLessThan(raw / 2);
  });

  it('needs no further shift after import, while the raw outlines need the GCJ-02 offset of about 500 m to the north-west', () => {
    const sample = (f: (i: (typeof islands)[number]) => Pt[]) => islands.flatMap(f).filter((_, k) => k % 2 === 0);
    const importedShift = bestShift(coast, sample((i) => i.imported));
    const rawShift = bestShift(coast, sample((i) => i.raw));
    expect(Math.hypot(importedShift.dx, importedShift.dy)).toBeLessThanOrEqual(100);
    // GCJ-02 moves Wenzhou about 400 m east and 340 m south, so the raw data must go back west and north.
    expect(rawShift.dx).toBeLessThanOrEqual(-250);
    expect(rawShift.dy).toBeGreaterThanOrEqual(200);
    expect(Math.hypot(rawShift.dx, rawShift.dy)).toBeGreaterThan(350);
    expect(Math.hypot(rawShift.dx, rawShift.dy)).toBeLessThan(700);
  });

  it('brings most islands closer to their OSM outline, the smallest ones within tens of metres', () => {
    const better = islands.filter((i) => median(i.imported.map((p) => coast.distance(p))) < median(i.raw.map((p) => coast.distance(p))));
    expect(better.length / islands.length).toBeGreaterThanOrEqual(0.75);
    // The best-drawn islands, judged on the raw outline's own shape: rings with at most 6 vertices are
    // rocks and islets DataV draws as small as they are, so generalisation cannot hide the shift there.
    const islets = islands.filter((i) => i.raw.length <= 6);
    expect(islets.length).toBeGreaterThanOrEqual(2);
    for (const i of islets) {
      expect(median(i.raw.map((p) => coast.distance(p)))).toBeGreaterThan(400);
      expect(median(i.imported.map((p) => coast.distance(p)))).toBeLessThan(60);
    }
  });
});
