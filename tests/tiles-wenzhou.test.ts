// The tiles of the real Wenzhou demo: every unit that has a shape or a point is drawn, under its own code,
// with its provenance, and approximate township areas say so. Also: no tile of the bench list is too big.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Running } from '../server/start.ts';
import { decodeTile, type DecodedFeature } from '../bench/decode-tile.ts';
import { tilesCovering } from '../bench/tile-math.ts';
import { benchTiles, tilePath } from '../bench/tile-list.ts';
import { seededDb, type TestDb } from './support/test-db.ts';
import { startTestServer } from './support/test-server.ts';

const WENZHOU_BOUNDS: [number, number, number, number] = [119.6, 27.0, 121.3, 28.65];
const COUNTY_CODES = [
  '330302', '330303', '330304', '330305', '330324', '330326', '330327', '330328', '330329', '330381', '330382', '330383',
].map((c) => `${c}000000`);

let t: TestDb;
let s: Running;
beforeAll(async () => {
  t = await seededDb();
  s = await startTestServer(t.db);
});
afterAll(async () => {
  await s?.close();
  await t?.drop();
});

/** Every feature of a layer in the tiles of zoom z that cover Wenzhou, one per id. */
async function featuresAt(layer: string, z: number): Promise<Map<number, DecodedFeature>> {
  const out = new Map<number, DecodedFeature>();
  for (const { x, y } of tilesCovering(WENZHOU_BOUNDS, z)) {
    const r = await fetch(`${s.url}/tiles/${layer}/${z}/${x}/${y}.pbf`);
    expect([200, 204]).toContain(r.status);
    if (r.status === 204) continue;
    const decoded = decodeTile(new Uint8Array(await r.arrayBuffer()));
    expect(Object.keys(decoded)).toEqual([layer]);
    for (const f of decoded[layer]!.features) out.set(f.id!, f);
  }
  return out;
}

async function codes(sql: string): Promise<string[]> {
  return (await t.db.query<{ code: string }>(sql)).map((r) => r.code).sort();
}

describe('Wenzhou counties', () => {
  it('draws exactly the 12 county-level units, 龙港 included, in the z8 tiles covering Wenzhou', async () => {
    const features = await featuresAt('counties', 8);
    expect([...features.keys()].sort()).toEqual(COUNTY_CODES.map(Number).sort());
    expect(features.get(330383000000)!.properties.name_zh).toBe('龙港市');
  });

  it('gives each county its code as feature id and property, its parent, quality and source', async () => {
    for (const [id, f] of await featuresAt('counties', 7)) {
      expect(f.type).toBe(3);
      expect(f.properties.code).toBe(String(id));
      expect(f.properties).toMatchObject({ level: 'county', parent_code: '330300000000', geom_quality: 'surveyed' });
      expect(f.properties.source_id).toEqual(expect.any(String));
      expect(f.properties.name_en).toEqual(expect.any(String));
    }
  });
});

describe('Wenzhou townships', () => {
  it('draws every township that has an area, and none that has not', async () => {
    const features = await featuresAt('townships', 9);
    const expected = await codes(`SELECT code FROM units WHERE level = 'township' AND geom IS NOT NULL AND code LIKE '3303%'`);
    expect(expected.length).toBeGreaterThan(100);
    expect([...features.keys()].map((id) => String(id)).sort()).toEqual(expected);
  });

  it('marks the Voronoi township areas as approximate, with the source of the outline', async () => {
    const features = await featuresAt('townships', 9);
    const approximate = [...features.values()].filter((f) => f.properties.geom_quality === 'approximate');
    expect(approximate.length).toBe(features.size);
    for (const f of approximate) {
      expect(f.properties.geom_source_id).toEqual(expect.any(String));
      expect(f.properties.geom_source_id).not.toBe(f.properties.source_id);
      expect(COUNTY_CODES).toContain(f.properties.parent_code);
    }
  });
});

describe('Wenzhou points', () => {
  it('draws every village that has a point, with the basis of that point', async () => {
    const features = await featuresAt('villages', 11);
    const expected = await codes(`SELECT code FROM units WHERE level = 'village' AND point IS NOT NULL AND code LIKE '3303%'`);
    expect(expected.length).toBeGreaterThan(0);
    expect([...features.keys()].map(String).sort()).toEqual(expected);
    for (const f of features.values()) {
      expect(f.type).toBe(1);
      expect(f.properties.level).toBe('village');
      expect(f.properties.geom_quality).toBe('none');
      expect(f.properties.point_basis).toEqual(expect.any(String));
    }
  });

  it('draws the seat of every Wenzhou county and township that has one', async () => {
    const features = await featuresAt('seats', 8);
    const expected = await codes(`SELECT code FROM units WHERE level IN ('county', 'township') AND point IS NOT NULL AND code LIKE '3303%'`);
    expect([...features.keys()].map(String).sort()).toEqual(expected);
  });
});

describe('tile sizes', () => {
  it('keeps every tile of the bench list under 500 KB', async () => {
    const sizes: { path: string; bytes: number }[] = [];
    for (const tile of benchTiles()) {
      const r = await fetch(`${s.url}${tilePath(tile)}`);
      expect([200, 204]).toContain(r.status);
      sizes.push({ path: tilePath(tile), bytes: (await r.arrayBuffer()).byteLength });
    }
    expect(sizes.length).toBeGreaterThan(50);
    const largest = sizes.reduce((a, b) => (b.bytes > a.bytes ? b : a));
    expect(largest.bytes, largest.path).toBeLessThan(500 * 1024);
    expect(largest.bytes).toBeGreaterThan(0);
  });
});
