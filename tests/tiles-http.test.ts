// Tiles over HTTP on a small fixture of neighbouring counties: what is in a tile, how it is encoded and
// cached, and how ETags follow the data version.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Database } from '../server/db/database.ts';
import type { Running } from '../server/start.ts';
import { decodeTile } from '../bench/decode-tile.ts';
import { lonLatToTile, tilesCovering } from '../bench/tile-math.ts';
import { loadNeighbours, neighbourFeatures, NEIGHBOURS_SOURCE } from './fixtures/tiles/load-neighbours.ts';
import { emptyDb, type TestDb } from './support/test-db.ts';
import { startTestServer } from './support/test-server.ts';
import { GZIP_MIN_BYTES } from '../server/tiles/tile-service.ts';

let t: TestDb;
let s: Running;
let tileQueries = 0;
const FIXTURE_BOUNDS: [number, number, number, number] = [120.3, 27.6, 121.05, 28.35];

function countingTileQueries(db: Database): Database {
  return {
    ...db,
    engine: db.engine,
    query: (sql, params) => {
      if (sql.includes('ST_TileEnvelope')) tileQueries++;
      return db.query(sql, params);
    },
    exec: (sql) => db.exec(sql),
    transaction: (fn) => db.transaction(fn),
    close: () => db.close(),
  };
}

beforeAll(async () => {
  t = await emptyDb();
  await loadNeighbours(t.db);
  s = await startTestServer(countingTileQueries(t.db));
});
afterAll(async () => {
  await s?.close();
  await t?.drop();
});
beforeEach(() => {
  tileQueries = 0;
});

const z8 = tilesCovering(FIXTURE_BOUNDS, 8);
// The z8 tile over the middle county, which holds its seat point.
const first = lonLatToTile(120.675, 27.975, 8);
const tileUrl = (layer: string, z: number, x: number, y: number) => `${s.url}/tiles/${layer}/${z}/${x}/${y}.pbf`;

/** The server re-reads the data version at most once a second; wait until it serves a new ETag. */
async function waitForNewEtag(url: string, old: string): Promise<Response> {
  for (let i = 0; i < 40; i++) {
    const r = await fetch(url);
    if (r.headers.get('etag') !== old) return r;
    await new Promise((res) => setTimeout(res, 100));
  }
  throw new Error('ETag did not change after a data version bump');
}

describe('tile content', () => {
  it('puts every fixture county in the z8 tiles that cover them, with its code as the feature id', async () => {
    const seen = new Map<number, Record<string, unknown>>();
    for (const { x, y } of z8) {
      const r = await fetch(tileUrl('counties', 8, x, y));
      if (r.status === 204) continue;
      const layer = decodeTile(new Uint8Array(await r.arrayBuffer())).counties!;
      for (const f of layer.features) seen.set(f.id!, f.properties);
    }
    const codes = neighbourFeatures().map((f) => f.properties.code).sort();
    expect([...seen.keys()].sort()).toEqual(codes.map(Number).sort());
    for (const [id, props] of seen) expect(props.code).toBe(String(id).padStart(12, '0'));
  });

  it('writes layer name, version 2, extent 4096, and the documented properties', async () => {
    const r = await fetch(tileUrl('counties', 8, first.x, first.y));
    const tile = decodeTile(new Uint8Array(await r.arrayBuffer()));
    expect(Object.keys(tile)).toEqual(['counties']);
    const layer = tile.counties!;
    expect(layer.version).toBe(2);
    expect(layer.extent).toBe(4096);
    const f = layer.features[0]!;
    expect(f.type).toBe(3);
    expect(f.properties).toMatchObject({ level: 'county', parent_code: '339900000000', geom_quality: 'surveyed', source_id: NEIGHBOURS_SOURCE });
    expect(Object.keys(f.properties).sort()).toEqual(['code', 'geom_quality', 'level', 'name_en', 'name_zh', 'parent_code', 'source_id']);
    expect(f.properties.name_zh).toMatch(/^测试县\d$|^飞地区$/);
  });

  it('serves seat points with their basis in the seats layer', async () => {
    const r = await fetch(tileUrl('seats', 8, first.x, first.y));
    const layer = decodeTile(new Uint8Array(await r.arrayBuffer())).seats!;
    expect(layer.features.length).toBeGreaterThan(0);
    for (const f of layer.features) {
      expect(f.type).toBe(1);
      expect(f.properties.point_basis).toBe('centroid');
    }
  });

  it('answers a tile with no features with 204 and an ETag', async () => {
    const r = await fetch(tileUrl('counties', 8, 0, 0));
    expect(r.status).toBe(204);
    expect(r.headers.get('etag')).toMatch(/^"[^"]+"$/);
    expect(r.headers.get('content-encoding')).toBeNull();
  });
});

describe('tile encoding and caching headers', () => {
  it('sends gzip with the vector tile media type when the client accepts gzip', async () => {
    const r = await fetch(tileUrl('counties', 8, first.x, first.y), { headers: { 'accept-encoding': 'gzip' } });
    expect(r.status).toBe(200);
    expect(r.headers.get('content-type')).toBe('application/vnd.mapbox-vector-tile');
    expect(r.headers.get('content-encoding')).toBe('gzip');
    expect(r.headers.get('vary')).toMatch(/Accept-Encoding/i);
    expect(r.headers.get('cache-control')).toMatch(/max-age=\d+/);
  });

  it('answers HEAD (which Express routes) with the headers a GET gets (which skips Express), and no body', async () => {
    const url = tileUrl('counties', 8, first.x, first.y);
    const get = await fetch(url, { headers: { 'accept-encoding': 'gzip' } });
    await get.arrayBuffer();
    const head = await fetch(url, { method: 'HEAD', headers: { 'accept-encoding': 'gzip' } });
    expect(head.status).toBe(200);
    expect(Buffer.from(await head.arrayBuffer()).length).toBe(0);
    for (const h of ['etag', 'cache-control', 'vary', 'content-type', 'content-encoding', 'content-length']) {
      expect([h, head.headers.get(h)]).toEqual([h, get.headers.get(h)]);
    }
  });

  it('sends the same tile unencoded to a client that does not accept gzip', async () => {
    const http = await import('node:http');
    const raw = await new Promise<{ headers: Record<string, unknown>; body: Buffer }>((resolve, reject) => {
      http
        .get(tileUrl('counties', 8, first.x, first.y), { headers: { 'accept-encoding': 'identity' } }, (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (c) => chunks.push(c));
          res.on('end', () => resolve({ headers: res.headers, body: Buffer.concat(chunks) }));
        })
        .on('error', reject);
    });
    expect(raw.headers['content-encoding']).toBeUndefined();
    const gz = await fetch(tileUrl('counties', 8, first.x, first.y));
    const viaGzip = decodeTile(new Uint8Array(await gz.arrayBuffer()));
    expect(decodeTile(new Uint8Array(raw.body))).toEqual(viaGzip);
    expect(raw.headers.etag).not.toBe(gz.headers.get('etag')); // a different representation, a different strong tag
  });

  it('sends a tile that fits in one TCP segment unencoded even to a gzip client, tagged as unencoded', async () => {
    const url = tileUrl('seats', 8, first.x, first.y);
    const gz = await fetch(url, { headers: { 'accept-encoding': 'gzip' } });
    const bytes = new Uint8Array(await gz.arrayBuffer());
    expect(gz.status).toBe(200);
    expect(bytes.length).toBeGreaterThan(0);
    expect(bytes.length).toBeLessThan(GZIP_MIN_BYTES);
    expect(gz.headers.get('content-encoding')).toBeNull();
    expect(decodeTile(bytes).seats!.features.length).toBeGreaterThan(0);
    const plain = await fetch(url, { headers: { 'accept-encoding': 'identity' } });
    expect(plain.headers.get('etag')).toBe(gz.headers.get('etag')); // the same bytes, so the same strong tag
    const again = await fetch(url, { headers: { 'accept-encoding': 'gzip', 'if-none-match': gz.headers.get('etag')! } });
    expect(again.status).toBe(304);
  });

  it('answers 304 to a gzip client that holds the unencoded copy of a large tile', async () => {
    const url = tileUrl('counties', 8, first.x, first.y);
    const plain = await fetch(url, { headers: { 'accept-encoding': 'identity' } });
    await plain.arrayBuffer();
    const r = await fetch(url, { headers: { 'accept-encoding': 'gzip', 'if-none-match': plain.headers.get('etag')! } });
    expect(r.status).toBe(304);
    expect(r.headers.get('etag')).toBe(plain.headers.get('etag'));
  });

  it('gives a strong ETag and answers a matching If-None-Match with 304 and no body', async () => {
    const url = tileUrl('counties', 8, first.x, first.y);
    const r1 = await fetch(url);
    const etag = r1.headers.get('etag')!;
    expect(etag).toMatch(/^"[^"]+"$/);
    const r2 = await fetch(url, { headers: { 'if-none-match': etag } });
    expect(r2.status).toBe(304);
    expect(r2.headers.get('etag')).toBe(etag);
    expect((await r2.arrayBuffer()).byteLength).toBe(0);
    const r3 = await fetch(url, { headers: { 'if-none-match': `"other", W/${etag}` } });
    expect(r3.status).toBe(304);
  });

  it('answers a stale If-None-Match with the full tile', async () => {
    const r = await fetch(tileUrl('counties', 8, first.x, first.y), { headers: { 'if-none-match': '"not-this-one"' } });
    expect(r.status).toBe(200);
    expect((await r.arrayBuffer()).byteLength).toBeGreaterThan(0);
  });

  it('serves a repeated tile from its cache without querying the database', async () => {
    const url = tileUrl('counties', 8, z8[1]!.x, z8[1]!.y);
    await fetch(url);
    const before = tileQueries;
    const again = await fetch(url);
    expect(again.status).toBeLessThan(300);
    expect(tileQueries).toBe(before);
  });

  it('changes the ETag and rebuilds the tile after a units version bump', async () => {
    const url = tileUrl('counties', 8, first.x, first.y);
    const r1 = await fetch(url);
    const etag = r1.headers.get('etag')!;
    const before = decodeTile(new Uint8Array(await r1.arrayBuffer())).counties!.features;
    const renamed = before[0]!;
    await t.db.transaction(async (tx) => {
      await tx.query(`UPDATE units SET name_zh = '改名县' WHERE code = $1`, [renamed.properties.code]);
      await tx.query('UPDATE data_version SET version = version + 1, units_version = units_version + 1');
    });
    const r2 = await waitForNewEtag(url, etag);
    expect(r2.status).toBe(200);
    const after = decodeTile(new Uint8Array(await r2.arrayBuffer())).counties!.features;
    expect(after.find((f) => f.id === renamed.id)!.properties.name_zh).toBe('改名县');
    const r3 = await fetch(url, { headers: { 'if-none-match': etag } });
    expect(r3.status).toBe(200); // the old tag no longer matches
  });

  it('keeps a tile out of the cache when the cache budget is zero', async () => {
    const noCache = await startTestServer(countingTileQueries(t.db), { TILE_CACHE_MB: '0' });
    try {
      const url = `${noCache.url}/tiles/counties/8/${first.x}/${first.y}.pbf`;
      await fetch(url);
      const before = tileQueries;
      await fetch(url);
      expect(tileQueries).toBe(before + 1);
    } finally {
      await noCache.close();
    }
  });
});

describe('TileJSON and the layer catalogue', () => {
  it('describes a layer as TileJSON 3.0.0 with absolute tile URLs, zooms, bounds, center and fields', async () => {
    const r = await fetch(`${s.url}/tiles/counties.json`);
    expect(r.status).toBe(200);
    const tj = await r.json();
    expect(tj.tilejson).toBe('3.0.0');
    expect(tj.tiles).toEqual([`${s.url}/tiles/counties/{z}/{x}/{y}.pbf`]);
    expect(tj.minzoom).toBe(4);
    expect(tj.maxzoom).toBe(14);
    const [w, south, e, n] = tj.bounds;
    expect(w).toBeCloseTo(FIXTURE_BOUNDS[0], 1);
    expect(south).toBeCloseTo(FIXTURE_BOUNDS[1], 1);
    expect(e).toBeGreaterThan(FIXTURE_BOUNDS[2]); // the islands lie east of the grid
    expect(n).toBeCloseTo(FIXTURE_BOUNDS[3], 1);
    expect(tj.center[0]).toBeGreaterThan(w);
    expect(tj.center[0]).toBeLessThan(e);
    expect(tj.center[2]).toBeGreaterThanOrEqual(tj.minzoom);
    expect(tj.vector_layers).toHaveLength(1);
    expect(tj.vector_layers[0].id).toBe('counties');
    expect(Object.keys(tj.vector_layers[0].fields)).toEqual(
      expect.arrayContaining(['code', 'name_zh', 'name_en', 'level', 'parent_code', 'geom_quality', 'source_id']),
    );
    expect(tj.attribution).toContain('Synthetic neighbours (test fixture)');
  });

  it('builds tile URLs from the Host the client used', async () => {
    const http = await import('node:http');
    const port = new URL(s.url).port;
    const body = await new Promise<string>((resolve, reject) => {
      http
        .get({ host: '127.0.0.1', port, path: '/tiles/townships.json', headers: { host: `atlas.example:${port}` } }, (res) => {
          let text = '';
          res.on('data', (c) => (text += c));
          res.on('end', () => resolve(text));
        })
        .on('error', reject);
    });
    expect(JSON.parse(body).tiles).toEqual([`http://atlas.example:${port}/tiles/townships/{z}/{x}/{y}.pbf`]);
  });

  it('lists every layer in the catalogue with its TileJSON address', async () => {
    const r = await fetch(`${s.url}/tiles`);
    const body = await r.json();
    expect(body.layers.map((l: { id: string }) => l.id)).toEqual(['counties', 'townships', 'villages', 'seats', 'flows']);
    for (const l of body.layers) {
      expect(l.tilejson).toBe(`${s.url}/tiles/${l.id}.json`);
      expect(l.minzoom).toBeLessThanOrEqual(l.maxzoom);
      expect((await fetch(l.tilejson)).status).toBe(200);
    }
  });

  it('serves every catalogued layer at its minzoom', async () => {
    const body = await (await fetch(`${s.url}/tiles`)).json();
    for (const l of body.layers) {
      const r = await fetch(`${s.url}/tiles/${l.id}/${l.minzoom}/0/0.pbf`);
      expect([200, 204]).toContain(r.status);
    }
  });
});
