// The flows tile layer on the real Wenzhou demo: lines between units, rolled up by zoom through the shared
// roll-up (county to z7, township at z8–10, each flow as recorded from z11), never a self-loop, never a
// synthetic flow, documented flows without a figure, bases and units never mixed, ids that do not move,
// an ETag that follows writes, tiles that stay small, and the lightest lines of a crowded cell dropped.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decodeTile, type DecodedFeature } from '../bench/decode-tile.ts';
import { lonLatToTile, tilesCovering } from '../bench/tile-math.ts';
import { seededDb, type TestDb } from './support/test-db.ts';
import { WRITE_TOKEN, getJson, startFactorServer, type FactorServer } from './fixtures/flows/harness.ts';

const WENZHOU_BOUNDS: [number, number, number, number] = [119.6, 27.0, 121.3, 28.65];
const YUEQING = '330382000000';
const TAISHUN = '330329000000';
const PINGYANG = '330326000000';

let t: TestDb;
let s: FactorServer;
beforeAll(async () => {
  t = await seededDb();
  s = await startFactorServer(t.db);
});
afterAll(async () => {
  await s?.close();
  await t?.drop();
});

type Tile = { status: number; etag: string | null; bytes: number; features: DecodedFeature[] };

async function tile(z: number, x: number, y: number): Promise<Tile> {
  const r = await fetch(`${s.url}/tiles/flows/${z}/${x}/${y}.pbf`);
  expect([200, 204], `flows/${z}/${x}/${y}`).toContain(r.status);
  const body = new Uint8Array(await r.arrayBuffer());
  const features = r.status === 200 ? decodeTile(body).flows!.features : [];
  return { status: r.status, etag: r.headers.get('etag'), bytes: body.byteLength, features };
}

/** Every flows feature in the tiles of zoom z covering Wenzhou, one per id (a line crosses several tiles). */
async function featuresAt(z: number): Promise<Map<number, DecodedFeature>> {
  const out = new Map<number, DecodedFeature>();
  for (const { x, y } of tilesCovering(WENZHOU_BOUNDS, z)) {
    for (const f of (await tile(z, x, y)).features) {
      const seen = out.get(f.id!);
      if (seen) expect(f.properties, `feature ${f.id} differs between tiles at z${z}`).toEqual(seen.properties);
      out.set(f.id!, f);
    }
  }
  return out;
}

const key = (p: Record<string, unknown>) => [p.origin, p.dest, p.factor, p.basis, p.unit ?? null].join('|');

/** /api/flows at a level, without internal flows, keyed like the tile features. */
async function apiFlows(level: string): Promise<Map<string, { magnitude: number | null; count: number }>> {
  const r = await getJson(`${s.url}/api/flows?level=${level}&limit=100000`);
  expect(r.status).toBe(200);
  expect(r.body.truncated).toBe(false);
  return new Map(r.body.flows.map((f: any) => [key(f), { magnitude: f.magnitude, count: f.count }]));
}

describe('flows tile layer', () => {
  it('draws the documented 乐清 → 泰顺 land flow at z7 as a county-level line without a magnitude', async () => {
    const features = [...(await featuresAt(7)).values()];
    const land = features.filter((f) => f.properties.origin === YUEQING && f.properties.dest === TAISHUN && f.properties.factor === 'land');
    expect(land).toHaveLength(1);
    const p = land[0]!.properties;
    expect(p).toMatchObject({ basis: 'documented', level: 'county', origin_name: '乐清市', dest_name: '泰顺县' });
    expect(p.magnitude).toBeUndefined();
    expect(p.unit).toBeUndefined();
    expect(p.count).toBeGreaterThanOrEqual(1);
    expect(p.sources).toContain('seed.wenzhou-case-study');
    expect(land[0]!.type).toBe(2);
  });

  it('carries the observed 乐清 → 平阳 capital transfer with its figure in 万元', async () => {
    const features = [...(await featuresAt(6)).values()];
    const capital = features.find(
      (f) => f.properties.origin === YUEQING && f.properties.dest === PINGYANG && f.properties.factor === 'capital' && f.properties.basis === 'observed',
    );
    expect(capital?.properties).toMatchObject({ unit: 'cny_10k', magnitude: 2380, level: 'county' });
  });

  it('sums each county and township pair exactly as /api/flows does, per factor, basis and unit, leaving internal flows out', async () => {
    for (const [z, level] of [[7, 'county'], [9, 'township']] as const) {
      const api = await apiFlows(level);
      const drawn = await featuresAt(z);
      expect(drawn.size).toBeGreaterThan(0);
      const fromTiles = new Map<string, { magnitude: number | null; count: number }>();
      for (const f of drawn.values()) {
        expect(f.properties.level).toBe(level);
        const k = key(f.properties);
        expect(fromTiles.has(k), `two features for ${k} at z${z}`).toBe(false);
        fromTiles.set(k, { magnitude: (f.properties.magnitude as number | undefined) ?? null, count: f.properties.count as number });
      }
      // Every flow of the demo has an end in Wenzhou, so the tiles covering Wenzhou hold every line.
      const expected = [...api].filter(([k]) => k.split('|')[0] !== k.split('|')[1]);
      expect(fromTiles.size, `features at z${z}`).toBe(expected.length);
      for (const [k, v] of expected) {
        const got = fromTiles.get(k);
        expect(got, `${k} at z${z}`).toBeDefined();
        expect(got!.count, k).toBe(v.count);
        if (v.magnitude === null) expect(got!.magnitude, k).toBeNull();
        else expect(got!.magnitude, k).toBeCloseTo(Number(v.magnitude), 3);
      }
    }
  });

  it('never draws a self-loop at any zoom', async () => {
    // From z11 features are stored flows, which the schema keeps from being loops; z11 is checked as one of them.
    for (let z = 4; z <= 11; z++) {
      for (const f of (await featuresAt(z)).values()) expect(f.properties.origin, `z${z} feature ${f.id}`).not.toBe(f.properties.dest);
    }
  });

  it('keeps modelled flows modelled, documented ones without a figure, and observed ones apart, at every level', async () => {
    for (const z of [5, 9, 12]) {
      const byBasis = new Map<string, number>();
      for (const f of (await featuresAt(z)).values()) {
        const p = f.properties;
        byBasis.set(p.basis as string, (byBasis.get(p.basis as string) ?? 0) + 1);
        if (p.basis === 'documented') expect(p.magnitude, `z${z} ${f.id}`).toBeUndefined();
        else expect(p.magnitude, `z${z} ${f.id}`).toEqual(expect.any(Number));
        if (p.basis === 'modelled') expect(p.sources, `z${z} ${f.id}`).not.toContain('seed.');
      }
      expect([...byBasis.keys()].sort(), `bases at z${z}`).toEqual(['documented', 'modelled', 'observed']);
    }
  });

  it('draws each recorded flow under its own id from z11, with the basis and figure it is stored with', async () => {
    const stored = new Map(
      (
        await t.db.query<{ id: string; basis: string; magnitude: string | null; origin_code: string; dest_code: string }>(
          `SELECT f.id::text, f.basis, (f.magnitude * mu.to_canonical)::text AS magnitude, f.origin_code, f.dest_code
           FROM flows f LEFT JOIN measure_units mu ON mu.key = f.magnitude_unit WHERE NOT f.synthetic`,
        )
      ).map((r) => [Number(r.id), r]),
    );
    const drawn = await featuresAt(12);
    expect(drawn.size).toBeGreaterThan(100);
    for (const [id, f] of drawn) {
      const row = stored.get(id);
      expect(row, `feature ${id} is a stored flow`).toBeDefined();
      expect(f.properties).toMatchObject({ level: 'recorded', count: 1, basis: row!.basis, origin: row!.origin_code, dest: row!.dest_code });
      if (row!.magnitude === null) expect(f.properties.magnitude).toBeUndefined();
      else expect(f.properties.magnitude as number).toBeCloseTo(Number(row!.magnitude), 3);
    }
  });

  it('gives a tile the same feature ids on every request and after an unrelated write', async () => {
    const { x, y } = lonLatToTile(120.98, 28.12, 7);
    const ids = (tl: Tile) => tl.features.map((f) => f.id).sort();
    const first = await tile(7, x, y);
    expect(first.features.length).toBeGreaterThan(0);
    expect(ids(await tile(7, x, y))).toEqual(ids(first));
    // A new flow elsewhere in the hierarchy changes the data version but not the ids of the other aggregates.
    await t.db.query("UPDATE data_version SET version = version + 1");
    await new Promise((r) => setTimeout(r, 1100)); // another process's write is seen within a second
    const after = await tile(7, x, y);
    expect(after.etag).not.toBe(first.etag);
    expect(ids(after)).toEqual(ids(first));
  });

  it('changes the tile ETag when a flow is posted through the API, and draws the new flow', async () => {
    const { x, y } = lonLatToTile(120.98, 28.12, 7);
    const before = await tile(7, x, y);
    const posted = await getJson(`${s.url}/api/flows`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${WRITE_TOKEN}` },
      body: JSON.stringify({ origin: '330382', dest: '330329', factor: 'data', period: '2024', basis: 'documented', source_id: 'seed.wenzhou-case-study' }),
    });
    expect(posted.status, JSON.stringify(posted.body)).toBe(201);
    const after = await tile(7, x, y);
    expect(after.etag).not.toBe(before.etag);
    const data = after.features.filter((f) => f.properties.factor === 'data' && f.properties.origin === YUEQING && f.properties.dest === TAISHUN);
    expect(data).toHaveLength(1);
    expect(data[0]!.properties).toMatchObject({ basis: 'documented', count: 1 });
  });

  it('draws a renamed unit under its new name', async () => {
    const { x, y } = lonLatToTile(120.98, 28.12, 7);
    const named = async () =>
      (await tile(7, x, y)).features.filter((f) => f.properties.origin === YUEQING).map((f) => f.properties.origin_name);
    expect(new Set(await named())).toEqual(new Set(['乐清市']));
    await t.db.query("UPDATE units SET name_zh = '乐清市（改名）' WHERE code = $1", [YUEQING]);
    try {
      await t.db.query('UPDATE data_version SET version = version + 1');
      await new Promise((r) => setTimeout(r, 1100));
      expect(new Set(await named())).toEqual(new Set(['乐清市（改名）']));
    } finally {
      await t.db.query("UPDATE units SET name_zh = '乐清市' WHERE code = $1", [YUEQING]);
      await t.db.query('UPDATE data_version SET version = version + 1');
      await new Promise((r) => setTimeout(r, 1100));
    }
  });

  it('never draws a synthetic (benchmark) flow', async () => {
    await t.db.query(
      `INSERT INTO flows (origin_code, dest_code, factor, period_start, period_end, magnitude, magnitude_unit, basis, source_id, synthetic)
       VALUES ($1, $2, 'ecology', '2020-01-01', '2020-12-31', 999, 'hectares', 'observed', 'seed.wenzhou-case-study', true)`,
      [YUEQING, TAISHUN],
    );
    await t.db.query("UPDATE data_version SET version = version + 1");
    await new Promise((r) => setTimeout(r, 1100));
    for (const z of [7, 9, 11]) {
      for (const f of (await featuresAt(z)).values()) expect(f.properties.factor, `z${z} ${f.id}`).not.toBe('ecology');
    }
  });

  it('keeps every tile covering Wenzhou at z4–z12 under 500 KB', async () => {
    const sizes: { where: string; bytes: number }[] = [];
    for (let z = 4; z <= 12; z++) {
      for (const { x, y } of tilesCovering(WENZHOU_BOUNDS, z)) {
        const r = await fetch(`${s.url}/tiles/flows/${z}/${x}/${y}.pbf`, { headers: { 'Accept-Encoding': 'identity' } });
        sizes.push({ where: `${z}/${x}/${y}`, bytes: (await r.arrayBuffer()).byteLength });
      }
    }
    const largest = sizes.reduce((a, b) => (b.bytes > a.bytes ? b : a));
    expect(largest.bytes, largest.where).toBeLessThan(500 * 1024);
    expect(largest.bytes).toBeGreaterThan(0);
  });

  it('publishes TileJSON with the layer fields, the bounds of the flows and their sources', async () => {
    const r = await getJson(`${s.url}/tiles/flows.json`);
    expect(r.status).toBe(200);
    expect(r.body.tiles).toEqual([`${s.url}/tiles/flows/{z}/{x}/{y}.pbf`]);
    const [layer] = r.body.vector_layers;
    expect(layer.id).toBe('flows');
    expect(Object.keys(layer.fields).sort()).toEqual(
      ['basis', 'count', 'dest', 'dest_name', 'factor', 'level', 'magnitude', 'origin', 'origin_name', 'sources', 'unit'].sort(),
    );
    const [w, south, e, n] = r.body.bounds;
    expect(w).toBeLessThanOrEqual(119.8);
    expect(e).toBeGreaterThanOrEqual(121);
    expect(south).toBeLessThanOrEqual(27.6);
    expect(n).toBeGreaterThanOrEqual(28.1);
    expect(r.body.attribution).toMatch(/.+/);
    const catalogue = await getJson(`${s.url}/tiles`);
    expect(catalogue.body.layers.find((l: any) => l.id === 'flows')).toMatchObject({ geometry: 'line', minzoom: 4 });
  });

  it('answers gzip when asked and a bad flows address with 400 before touching the database', async () => {
    const { x, y } = lonLatToTile(120.98, 28.12, 8);
    const r = await fetch(`${s.url}/tiles/flows/8/${x}/${y}.pbf`, { headers: { 'Accept-Encoding': 'gzip' } });
    expect(r.status).toBe(200);
    expect(r.headers.get('content-encoding')).toBe('gzip');
    expect((await fetch(`${s.url}/tiles/flows/8/0${x}/${y}.pbf`)).status).toBe(400);
    expect((await fetch(`${s.url}/tiles/flows/15/0/0.pbf`)).status).toBe(400);
  });

  it('drops the lightest lines of a crowded tile, never beyond the cap', async () => {
    // 2,100 modelled labour flows 乐清 → 泰顺, one a day (so each is its own record), weighing 1..2,100 persons,
    // plus one documented flow without a figure: at z11 each is its own line, all in one cell of the rule.
    const CAP = 1200;
    const crowd = await t.db.query<{ id: string }>(
      `INSERT INTO flows (origin_code, dest_code, factor, period_start, period_end, magnitude, magnitude_unit, basis, source_id)
       SELECT $1, $2, 'labour', d, d, i, 'persons', 'modelled', 'seed.wenzhou-case-study'
       FROM generate_series(1, 2100) i, LATERAL (SELECT date '1990-01-01' + i AS d) x RETURNING id`,
      [YUEQING, TAISHUN],
    );
    const crowdIds = new Set(crowd.map((r) => Number(r.id)));
    const [documented] = await t.db.query<{ id: string }>(
      `INSERT INTO flows (origin_code, dest_code, factor, period_start, period_end, basis, source_id)
       VALUES ($1, $2, 'labour', '1989-06-01', '1989-06-01', 'documented', 'seed.wenzhou-case-study') RETURNING id`,
      [YUEQING, TAISHUN],
    );
    const fixture = (f: DecodedFeature) =>
      f.properties.origin === YUEQING && f.properties.dest === TAISHUN && f.properties.factor === 'labour';
    try {
      await t.db.query('UPDATE data_version SET version = version + 1');
      await new Promise((r) => setTimeout(r, 1100));
      const drawn = [...(await featuresAt(11)).values()].filter(fixture);
      const modelled = drawn.filter((f) => crowdIds.has(f.id!)).map((f) => Number(f.properties.magnitude));
      expect(drawn.map((f) => f.id)).toContain(Number(documented!.id));
      expect(drawn.length).toBeLessThanOrEqual(CAP);
      // Other real lines (up to 123 in a z11 cell of the demo) may share the cell; the lightest go first.
      expect(modelled.length).toBeGreaterThan(CAP - 150);
      expect(modelled.length).toBeLessThan(2100);
      expect(Math.min(...modelled)).toBe(2100 - modelled.length + 1);
      // At the county level the same flows are one summed line, so nothing of them is dropped there.
      const county = [...(await featuresAt(7)).values()].filter((f) => fixture(f) && f.properties.basis === 'modelled');
      expect(Math.max(...county.map((f) => Number(f.properties.count)))).toBeGreaterThanOrEqual(2100);
    } finally {
      await t.db.query(`DELETE FROM flows WHERE origin_code = $1 AND dest_code = $2 AND factor = 'labour' AND period_start BETWEEN '1989-06-01' AND '1995-10-01'`, [
        YUEQING,
        TAISHUN,
      ]);
      await t.db.query('UPDATE data_version SET version = version + 1');
      await new Promise((r) => setTimeout(r, 1100));
    }
  });

  it('draws at most 2,000 features in a tile, observed before modelled and the heaviest first, however many lines cross it', async () => {
    // Two fans of 1,050 recorded flows from 乐清, to 泰顺 (observed) and to 永嘉 (modelled): each fan's lines
    // have their middle in a different cell, so the per-cell rule keeps them all, and all cross 乐清's z11 tile.
    const CAP = 2000;
    const YONGJIA = '330324000000';
    const fan = (dest: string, basis: string, from: string) =>
      t.db.query<{ id: string }>(
        `INSERT INTO flows (origin_code, dest_code, factor, period_start, period_end, magnitude, magnitude_unit, basis, source_id)
         SELECT $1, $2, 'labour', d, d, i, 'persons', $3, 'seed.wenzhou-case-study'
         FROM generate_series(1, 1050) i, LATERAL (SELECT $4::date + i AS d) x RETURNING id`,
        [YUEQING, dest, basis, from],
      );
    const observed = new Set((await fan(TAISHUN, 'observed', '1980-01-01')).map((r) => Number(r.id)));
    const modelled = new Set((await fan(YONGJIA, 'modelled', '1980-01-01')).map((r) => Number(r.id)));
    try {
      await t.db.query('UPDATE data_version SET version = version + 1');
      await new Promise((r) => setTimeout(r, 1100));
      const [seat] = await t.db.query<{ lon: number; lat: number }>('SELECT ST_X(point) AS lon, ST_Y(point) AS lat FROM units WHERE code = $1', [YUEQING]);
      const { x, y } = lonLatToTile(seat!.lon, seat!.lat, 11);
      const [crossing] = await t.db.query<{ n: number }>(
        `SELECT count(*)::int AS n FROM flow_tile_lines
         WHERE level = 'recorded' AND NOT synthetic AND min_zoom <= 11 AND ST_Intersects(geom, ST_TileEnvelope(11, $1, $2, margin => 64.0 / 4096))`,
        [x, y],
      );
      expect(crossing!.n, 'lines drawable at z11 crossing the tile').toBeGreaterThan(CAP);
      const drawn = (await tile(11, x, y)).features;
      expect(drawn).toHaveLength(CAP);
      const ids = new Set(drawn.map((f) => f.id!));
      for (const id of observed) expect(ids.has(id), `observed flow ${id}`).toBe(true);
      const keptModelled = drawn.filter((f) => modelled.has(f.id!)).map((f) => Number(f.properties.magnitude));
      expect(keptModelled.length).toBeGreaterThan(0);
      expect(keptModelled.length).toBeLessThan(1050);
      expect(Math.min(...keptModelled)).toBe(1050 - keptModelled.length + 1);
    } finally {
      await t.db.query(`DELETE FROM flows WHERE origin_code = $1 AND factor = 'labour' AND period_start BETWEEN '1980-01-02' AND '1982-12-31'`, [YUEQING]);
      await t.db.query('UPDATE data_version SET version = version + 1');
      await new Promise((r) => setTimeout(r, 1100));
    }
  });
});
