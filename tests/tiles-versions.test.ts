// Boundary tiles (counties, townships, villages, seats) follow the units version, flow tiles the data
// version: a flow write leaves boundary tiles cached, their ETags unchanged and a browser's copy valid, while
// a unit import changes them; flow tiles change with every write.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { lonLatToTile } from '../bench/tile-math.ts';
import type { Database } from '../server/db/database.ts';
import { generaliseRegion } from '../server/geodata/generalise-region.ts';
import { silentProgress } from '../server/geodata/progress.ts';
import { importRegion } from '../server/geodata/region-import.ts';
import { WRITE_TOKEN, getJson, startFactorServer, type FactorServer } from './fixtures/flows/harness.ts';
import { mirrorRegionOptions } from './support/region-options.ts';
import { seededDb, type TestDb } from './support/test-db.ts';

const TAISHUN = '330329000000';

let t: TestDb;
let s: FactorServer;
/** Tile queries per layer, by the prepared statement's name (tile_<layer>_<engine>_<fingerprint>). */
const built = new Map<string, number>();

function countingTileQueries(db: Database): Database {
  return {
    ...db,
    engine: db.engine,
    query: (sql, params, options) => {
      const layer = options?.name?.match(/^tile_([a-z]+)_/)?.[1];
      if (layer) built.set(layer, (built.get(layer) ?? 0) + 1);
      return db.query(sql, params, options);
    },
    exec: (sql) => db.exec(sql),
    transaction: (fn) => db.transaction(fn),
    close: () => db.close(),
  };
}

beforeAll(async () => {
  t = await seededDb();
  s = await startFactorServer(countingTileQueries(t.db));
});
afterAll(async () => {
  await s?.close();
  await t?.drop();
});
beforeEach(() => built.clear());

// Over 泰顺 (county seat at about 119.72 E, 27.56 N): a counties tile and a flows tile with features.
const county = lonLatToTile(119.72, 27.56, 8);
const flowTile = lonLatToTile(120.98, 28.12, 7);
const countiesUrl = () => `${s.url}/tiles/counties/8/${county.x}/${county.y}.pbf`;
const flowsUrl = () => `${s.url}/tiles/flows/7/${flowTile.x}/${flowTile.y}.pbf`;

async function etagOf(url: string, headers: Record<string, string> = {}): Promise<{ status: number; etag: string }> {
  const r = await fetch(url, { headers });
  await r.arrayBuffer();
  return { status: r.status, etag: r.headers.get('etag') ?? '' };
}

/** A write made by another process is seen within a second: ask until the tag moves, or give up after 4 s. */
async function etagAfterChange(url: string, old: string): Promise<string> {
  let etag = old;
  for (let i = 0; i < 40 && etag === old; i++) {
    await new Promise((res) => setTimeout(res, 100));
    etag = (await etagOf(url)).etag;
  }
  return etag;
}

let period = 2030;
/** A flow posted through the write API, as a browser user would; each call a distinct record. */
async function postFlow(): Promise<void> {
  const posted = await getJson(`${s.url}/api/flows`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${WRITE_TOKEN}` },
    body: JSON.stringify({ origin: '330382', dest: '330329', factor: 'data', period: String(period++), basis: 'documented', source_id: 'seed.wenzhou-case-study' }),
  });
  expect(posted.status, JSON.stringify(posted.body)).toBe(201);
  // Longer than the server's one-second re-read, so a version another process bumped would be seen too.
  await new Promise((r) => setTimeout(r, 1_100));
}

describe('tile versions', () => {
  it("keeps a boundary tile's ETag and cached copy across a flow write", async () => {
    const before = await etagOf(countiesUrl());
    expect(before.status).toBe(200);
    await postFlow();
    // A flow tile under the new data version, so the cache has seen it before the boundary tile is asked for.
    expect((await etagOf(flowsUrl())).status).toBe(200);
    built.clear();
    const after = await etagOf(countiesUrl());
    expect(after).toEqual(before);
    expect(built.get('counties') ?? 0, 'boundary tile queries after the flow write').toBe(0);
  });

  it('answers 304 to a browser holding a boundary tile after a flow write', async () => {
    const held = await etagOf(countiesUrl());
    await postFlow();
    const r = await fetch(countiesUrl(), { headers: { 'if-none-match': held.etag } });
    expect(r.status).toBe(304);
    expect(r.headers.get('etag')).toBe(held.etag);
  });

  it("changes a flow tile's ETag after a flow write", async () => {
    const before = await etagOf(flowsUrl());
    expect(before.status).toBe(200);
    await postFlow();
    const after = await etagOf(flowsUrl());
    expect(after.etag).not.toBe(before.etag);
    const r = await fetch(flowsUrl(), { headers: { 'if-none-match': before.etag } });
    expect(r.status).toBe(200);
  });

  it("changes a boundary tile's ETag after a unit import", async () => {
    const before = await etagOf(countiesUrl());
    expect(before.status).toBe(200);
    // A change the import will undo: the re-import of the region then writes one unit, as a real update would.
    await t.db.query("UPDATE units SET name_en = 'changed by the test' WHERE code = $1", [TAISHUN]);
    const r = await importRegion(t.db, mirrorRegionOptions('330300'));
    expect(r).toMatchObject({ updated: 1 });
    expect(await etagAfterChange(countiesUrl(), before.etag)).not.toBe(before.etag);
    const held = await fetch(countiesUrl(), { headers: { 'if-none-match': before.etag } });
    expect(held.status).toBe(200);
  }, 120_000);

  it("changes a boundary tile's ETag after the region's shapes are generalised again", async () => {
    const before = await etagOf(countiesUrl());
    expect(before.status).toBe(200);
    await generaliseRegion(t.db, { region: TAISHUN.slice(0, 6), progress: silentProgress });
    expect(await etagAfterChange(countiesUrl(), before.etag)).not.toBe(before.etag);
  }, 120_000);
});
