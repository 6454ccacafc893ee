// OGC API – Features over the hand-made fixture in tests/fixtures/ogc/units.json: every expected id and
// count below was worked out by hand from that file.
import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { emptyDb, type TestDb } from './support/test-db.ts';
import { startTestServer } from './support/test-server.ts';
import { loadOgcFixture } from './fixtures/ogc/load-units.ts';
import type { Running } from '../server/start.ts';

const hostile = JSON.parse(fs.readFileSync(new URL('./fixtures/ogc/hostile-queries.json', import.meta.url), 'utf8')) as {
  rejected: { query: string; why: string }[];
  accepted: { query: string; why: string }[];
};

const FILLER_VILLAGES = 250; // 4 fixture villages + 250 filler = 254 villages
let t: TestDb;
let s: Running;
beforeAll(async () => {
  t = await emptyDb();
  await loadOgcFixture(t.db, FILLER_VILLAGES);
  s = await startTestServer(t.db);
});
afterAll(async () => {
  await s?.close();
  await t?.drop();
});

interface Link { rel: string; href: string; type?: string }
interface Feature { id: string; geometry: { type: string } | null; properties: Record<string, unknown> }
interface Body {
  links: Link[];
  features: Feature[];
  numberMatched: number;
  numberReturned: number;
  timeStamp: string;
  /** On single-feature responses. */
  properties: Record<string, unknown>;
  [k: string]: unknown;
}

async function get(path: string, headers: Record<string, string> = {}) {
  const r = await fetch(path.startsWith('http') ? path : `${s.url}${path}`, { headers });
  const text = await r.text();
  return { status: r.status, headers: r.headers, text, body: (text ? JSON.parse(text) : null) as Body };
}
const ids = (b: Body) => b.features.map((f) => f.id);
const link = (b: Body, rel: string) => b.links.find((l) => l.rel === rel)?.href;

describe('OGC landing page, conformance and collections', () => {
  it('serves a landing page linking self, service-desc (OpenAPI), conformance and data', async () => {
    const { status, body, headers } = await get('/ogc');
    expect(status).toBe(200);
    expect(headers.get('content-type')).toMatch(/^application\/json/);
    const rels = Object.fromEntries(body.links.map((l) => [l.rel, l]));
    expect(rels.self?.href).toBe(`${s.url}/ogc`);
    expect(rels['service-desc']).toMatchObject({ href: `${s.url}/ogc/api`, type: 'application/vnd.oai.openapi+json;version=3.0' });
    expect(rels.conformance?.href).toBe(`${s.url}/ogc/conformance`);
    expect(rels.data?.href).toBe(`${s.url}/ogc/collections`);
    for (const l of body.links) expect((await get(l.href)).status, l.href).toBe(200);
  });

  it('declares the core, GeoJSON and OpenAPI 3.0 conformance classes', async () => {
    const { body } = await get('/ogc/conformance');
    expect(body.conformsTo).toEqual(
      expect.arrayContaining([
        'http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/core',
        'http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/geojson',
        'http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/oas30',
      ]),
    );
  });

  it('lists the units collections with an absolute items link and the extent of the data', async () => {
    const { body } = await get('/ogc/collections');
    const cols = body.collections as { id: string; extent: { spatial?: { bbox: number[][] }; temporal?: { interval: string[][] } }; links: Link[] }[];
    expect(cols.map((c) => c.id)).toEqual(expect.arrayContaining(['units', 'counties', 'townships', 'villages']));
    const counties = cols.find((c) => c.id === 'counties')!;
    expect(counties.links.find((l) => l.rel === 'items')).toMatchObject({ type: 'application/geo+json', href: `${s.url}/ogc/collections/counties/items` });
    // 洞头 [121.0,27.8,121.3,28.0] and 泰顺 [119.6,27.3,120.2,27.7]; both vintage 2020-06
    expect(counties.extent.spatial?.bbox).toEqual([[119.6, 27.3, 121.3, 28]]);
    expect(counties.extent.temporal?.interval).toEqual([['2020-01-01T00:00:00Z', '2020-12-31T23:59:59Z']]);
  });

  it('describes one collection at /ogc/collections/{id}', async () => {
    const { status, body } = await get('/ogc/collections/townships');
    expect(status).toBe(200);
    expect(body).toMatchObject({ id: 'townships', itemType: 'feature' });
  });

  it('answers 404 for an unknown collection, naming the real ones, without a query', async () => {
    for (const path of ['/ogc/collections/cities', '/ogc/collections/cities/items', '/ogc/collections/cities/items/1']) {
      const { status, body } = await get(path);
      expect(status, path).toBe(404);
      expect(JSON.stringify(body)).toContain('units');
    }
  });

  it('rejects an unknown parameter and f=html on every document with 400', async () => {
    for (const path of ['/ogc', '/ogc/conformance', '/ogc/api', '/ogc/collections', '/ogc/collections/units', '/ogc/collections/units/items/330329000000']) {
      expect((await get(`${path}?foo=1`)).status, path).toBe(400);
      expect((await get(`${path}?f=html`)).status, path).toBe(400);
      expect((await get(`${path}?f=json`)).status, path).toBe(200);
    }
  });
});

describe('OGC items', () => {
  it('returns GeoJSON with numberMatched, numberReturned, timeStamp and links', async () => {
    const { status, headers, body } = await get('/ogc/collections/counties/items');
    expect(status).toBe(200);
    expect(headers.get('content-type')).toMatch(/^application\/geo\+json/);
    expect(body.type).toBe('FeatureCollection');
    expect(body).toMatchObject({ numberMatched: 2, numberReturned: 2 });
    expect(Date.now() - Date.parse(body.timeStamp)).toBeLessThan(60_000);
    expect(ids(body)).toEqual(['330305000000', '330329000000']);
    expect(body.features[0]!.geometry?.type).toBe('MultiPolygon');
  });

  it('gives every feature its source and its geometry quality', async () => {
    const { body } = await get('/ogc/collections/units/items?limit=1000');
    expect(body.numberReturned).toBe(11 + FILLER_VILLAGES);
    for (const f of body.features) {
      expect(f.properties.source_id).toBe('ogc-test-fixture');
      expect(f.properties.source_title).toMatch(/not real boundaries/);
      expect(f.properties.source_licence).toBe('CC0-1.0');
      expect(['surveyed', 'approximate', 'none']).toContain(f.properties.geom_quality);
    }
  });

  it('shows a village without a boundary as its point, or as a null geometry when it has none', async () => {
    const withPoint = await get('/ogc/collections/villages/items/330305001001');
    expect(withPoint.body.geometry).toEqual({ type: 'Point', coordinates: [121.16, 27.85] });
    expect(withPoint.body.properties).toMatchObject({ geom_quality: 'none', geometry_kind: 'point', point_basis: 'centroid' });
    const without = await get('/ogc/collections/villages/items/330329100201');
    expect(without.body.geometry).toBeNull();
    expect(without.body.properties.geometry_kind).toBeNull();
  });

  it('keeps each per-level collection to its level', async () => {
    const expected = { counties: 2, townships: 3, villages: 4 + FILLER_VILLAGES, units: 11 + FILLER_VILLAGES };
    for (const [id, n] of Object.entries(expected)) {
      const { body } = await get(`/ogc/collections/${id}/items?limit=1`);
      expect(body.numberMatched, id).toBe(n);
    }
    const { body } = await get('/ogc/collections/townships/items');
    expect(body.features.every((f) => f.properties.level === 'township')).toBe(true);
  });

  it('defaults limit to 10 and clamps it to 1000 instead of rejecting it', async () => {
    expect((await get('/ogc/collections/villages/items')).body.numberReturned).toBe(10);
    const big = await get('/ogc/collections/villages/items?limit=5000');
    expect(big.status).toBe(200);
    expect(big.body.numberReturned).toBe(254);
    expect(new URL(link(big.body, 'self')!).searchParams.get('limit')).toBe('1000');
    expect((await get('/ogc/collections/villages/items?limit=0')).body.numberReturned).toBe(1);
  });

  it('pages through all villages by next links, in id order, every feature exactly once', async () => {
    const seen: string[] = [];
    let url: string | undefined = '/ogc/collections/villages/items?limit=7';
    let pages = 0;
    while (url) {
      const { body } = await get(url);
      expect(body.numberMatched).toBe(254);
      expect(body.numberReturned).toBe(body.features.length);
      seen.push(...ids(body));
      url = link(body, 'next');
      pages++;
    }
    expect(pages).toBe(Math.ceil(254 / 7));
    expect(seen).toHaveLength(254);
    expect(new Set(seen).size).toBe(254);
    expect([...seen].sort()).toEqual(seen);
  });

  it('walks back with prev links and keeps offset in the links', async () => {
    const { body } = await get('/ogc/collections/villages/items?limit=5&offset=12');
    expect(new URL(link(body, 'next')!).searchParams.get('offset')).toBe('17');
    const prev = new URL(link(body, 'prev')!);
    expect(prev.searchParams.get('offset')).toBe('7');
    expect(prev.searchParams.get('limit')).toBe('5');
    const first = await get('/ogc/collections/villages/items?limit=5&offset=0');
    expect(link(first.body, 'prev')).toBeUndefined();
  });

  it('carries bbox and datetime into the next link', async () => {
    const { body } = await get('/ogc/collections/units/items?limit=1&bbox=119,27,122,29&datetime=2020-01-01/..');
    const next = new URL(link(body, 'next')!);
    expect(next.searchParams.get('bbox')).toBe('119,27,122,29');
    expect(next.searchParams.get('datetime')).toBe('2020-01-01/..');
  });

  it('gives an empty page past the end, still with numberMatched and no next link', async () => {
    const { status, body } = await get('/ogc/collections/counties/items?offset=50');
    expect(status).toBe(200);
    expect(body).toMatchObject({ numberMatched: 2, numberReturned: 0, features: [] });
    expect(link(body, 'next')).toBeUndefined();
    expect(link(body, 'prev')).toBeDefined();
  });

  it('filters by bbox to features whose geometry meets the box', async () => {
    // 洞头区 and 北岙街道 squares and 东岙村's point lie in the box; the province and prefecture have no geometry
    const { body } = await get('/ogc/collections/units/items?bbox=121.0,27.7,121.4,28.1');
    expect(ids(body)).toEqual(['330305000000', '330305001000', '330305001001']);
    // the corner of 司前 [119.8,27.3,120.0,27.5] is in the box, 罗阳 [119.6,27.5,119.8,27.6] is not
    const towns = await get('/ogc/collections/townships/items?bbox=119.85,27.45,119.95,27.55');
    expect(ids(towns.body)).toEqual(['330329101000']);
  });

  it('reads a bbox whose west edge lies east of its east edge as crossing the antimeridian', async () => {
    // 121.25 → 180 catches 洞头 (to 121.3); -180 → 119.5 misses 泰顺 (from 119.6)
    const { body } = await get('/ogc/collections/counties/items?bbox=121.25,27,119.5,28');
    expect(ids(body)).toEqual(['330305000000']);
  });

  it('filters units by the year of their vintage with datetime instants and open intervals', async () => {
    const cases: [string, string, string[]][] = [
      ['counties', '2020-06-01', ['330305000000', '330329000000']],
      ['counties', '2021-01-01', []],
      ['townships', '2023-01-01/..', ['330305001000', '330329100000']],
      ['townships', '../2016-12-31', ['330329101000']],
      ['townships', '2016-12-31T23:59:59Z', ['330329101000']],
      ['townships', '2017-01-01T07:00:00%2B08:00', ['330329101000']], // 2016-12-31T23:00Z
      ['units', '2016-05-01T12:00:00Z', ['330329101000', '330329101201']],
      ['units', '2021-01-01/2022-12-31', []],
    ];
    for (const [col, dt, expected] of cases) {
      const { status, body } = await get(`/ogc/collections/${col}/items?limit=1000&datetime=${dt}`);
      expect(status, dt).toBe(200);
      expect(ids(body), `${col} ${dt}`).toEqual(expected);
    }
  });

  it('leaves out a unit whose vintage names no year whenever datetime is given', async () => {
    const all = await get('/ogc/collections/villages/items?limit=1000&datetime=1900-01-01/2100-12-31');
    expect(ids(all.body)).not.toContain('330329101202');
    expect(all.body.numberMatched).toBe(254 - 1);
  });

  it('answers a malformed datetime with 400 and a message that says what is wrong', async () => {
    const { status, body } = await get('/ogc/collections/units/items?datetime=2023-02-30');
    expect(status).toBe(400);
    expect(JSON.stringify(body)).toMatch(/no such calendar date/);
    const plus = await get('/ogc/collections/units/items?datetime=2023-06-01T08:00:00+08:00');
    expect(JSON.stringify(plus.body)).toMatch(/%2B/);
  });

  it('rejects bbox-crs with 400 and says bbox is CRS84', async () => {
    const { status, body } = await get('/ogc/collections/units/items?bbox=27,119,28,121&bbox-crs=http://www.opengis.net/def/crs/EPSG/0/4326');
    expect(status).toBe(400);
    expect(JSON.stringify(body)).toMatch(/CRS84/);
  });

  for (const { query, why } of hostile.rejected) {
    it(`rejects a hostile items query with 400 (${why})`, async () => {
      const { status, text } = await get(`/ogc/collections/units/items?${query}`);
      expect(status).toBe(400);
      expect(JSON.parse(text).error.message).toBeTruthy();
      expect(text).not.toMatch(/syntax error|relation|column|pg_|SQLSTATE|invalid input/i);
    });
  }
  for (const { query, why } of hostile.accepted) {
    it(`accepts a legal but odd items query (${why})`, async () => {
      expect((await get(`/ogc/collections/units/items?${query}`)).status).toBe(200);
    });
  }

  it('answers 304 to a matching If-None-Match even though timeStamp changes', async () => {
    const first = await get('/ogc/collections/counties/items');
    const etag = first.headers.get('etag')!;
    expect(etag).toMatch(/^"\d+-/);
    const again = await fetch(`${s.url}/ogc/collections/counties/items`, { headers: { 'If-None-Match': etag } });
    expect(again.status).toBe(304);
  });
});

describe('OGC single items', () => {
  it('returns one feature with self and collection links', async () => {
    const { status, headers, body } = await get('/ogc/collections/units/items/330329000000');
    expect(status).toBe(200);
    expect(headers.get('content-type')).toMatch(/^application\/geo\+json/);
    expect(body).toMatchObject({ type: 'Feature', id: '330329000000', properties: { name_zh: '泰顺县', level: 'county', geom_quality: 'surveyed' } });
    expect(link(body, 'self')).toBe(`${s.url}/ogc/collections/units/items/330329000000`);
    expect(link(body, 'collection')).toBe(`${s.url}/ogc/collections/units`);
  });

  it('answers 404 for a unit outside the collection\u2019s level', async () => {
    expect((await get('/ogc/collections/townships/items/330329000000')).status).toBe(404);
  });

  it('answers 404 for an id that does not exist or cannot exist', async () => {
    for (const id of ['990000000000', '330329', 'abc', '33032900000%00', '1e5', "330329000000'--"]) {
      const { status, text } = await get(`/ogc/collections/units/items/${id}`);
      expect(status, id).toBe(404);
      expect(text).not.toMatch(/syntax error|relation|column|SQLSTATE/i);
    }
  });
});
