// Every HTTP route of the real server, over the seeded Wenzhou demo, against the fixed hostile inputs of
// tests/fixtures/hostile-values.json: each documented query parameter gets every hostile value and every
// hostile query shape, each path parameter every hostile segment, each route every hostile path form, and
// each write route every malformed body. The promise checked is the README's: a clear 4xx with a JSON
// message, never a 5xx, never database text, an answer within seconds, and no data written by a rejected
// request. tests/hostile-queries.test.ts sweeps a shorter list of whole query strings; this file goes
// parameter by parameter so a gap in one route's parsing cannot hide behind another's.
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Running } from '../server/start.ts';
import { seededDb, type TestDb } from './support/test-db.ts';
import { startTestServer } from './support/test-server.ts';

const here = path.dirname(fileURLToPath(import.meta.url));

type Raw = string | { repeat: string; times: number };
interface Fixture {
  values: { raw: Raw; why: string; plausible?: boolean }[];
  shapes: { query: string; why: string }[];
  segments: { raw: Raw; why: string }[];
  pathForms: { form: string; why: string }[];
  bodies: { type: string | null; encoding?: string; body: string; why: string }[];
  brokenGeometries: { why: string; geometry: unknown }[];
}
const fixture = JSON.parse(fs.readFileSync(path.join(here, 'fixtures/hostile-values.json'), 'utf8')) as Fixture;
const expand = (raw: Raw) => (typeof raw === 'string' ? raw : raw.repeat.repeat(raw.times));

const WRITE_TOKEN = 'hostile-write-token-0123456789';
const READ_TOKEN = 'hostile-read-token-0123456789';
const TIME_LIMIT_MS = 5000;

// What PostgreSQL, PostGIS, node-postgres, PGlite and Node put in errors; none of it may reach a client.
const LEAK =
  /invalid input syntax|invalid byte sequence|syntax error at or near|relation "|column "|does not exist|violates|PostgreSQL|PostGIS|pglite|SQLSTATE|\bpg_[a-z_]+|\bST_[A-Za-z]+\(|out of range for type|current transaction is aborted|canceling statement|\bSELECT\s.+\sFROM\b|\bINSERT INTO\b|\bWHERE\b.+=\s*\$\d|\bat [\w.<>]+ \(.*:\d+:\d+\)|node:internal|\/server\/[\w/-]+\.ts|TypeError|RangeError|SyntaxError: /i;

// Free text: the unit search. Every other parameter has a type, and nonsense for that type is a 4xx.
const FREE_TEXT = new Set(['q']);

const SCOPE = ['factor', 'basis', 'from', 'to', 'mechanism', 'integration_type', 'benefit_linkage'];
const COUNTY = '330382'; // 乐清市 in the seeded demo

interface Route {
  path: string;
  params: string[];
  /** Parameters outside the list are refused with 400 (the allow-list rule of server/http/query-params.ts). */
  strict: boolean;
}

/** The GET routes and the parameters their parsers document (server/**: parseQuery specs). */
function staticRoutes(): Route[] {
  return [
    { path: '/health', params: [], strict: false },
    { path: '/ready', params: [], strict: false },
    { path: '/api/units', params: ['level', 'parent', 'bbox', 'q', 'limit', 'offset', 'geometry'], strict: true },
    { path: `/api/units/${COUNTY}000000`, params: [], strict: true },
    { path: `/api/units/${COUNTY}/corridors`, params: ['partner_level', ...SCOPE, 'limit'], strict: true },
    { path: '/api/flows', params: ['level', ...SCOPE, 'unit', 'direction', 'min_magnitude', 'limit', 'f'], strict: true },
    { path: '/api/flows/vocabulary', params: [], strict: true },
    { path: '/api/balance', params: ['level', ...SCOPE, 'unit', 'direction', 'population_year', 'layout'], strict: true },
    {
      path: '/api/balance/core-periphery',
      params: ['level', ...SCOPE, 'rule', 'threshold', 'indicator_year', 'core', 'unit'],
      strict: true,
    },
    { path: '/api/alliances', params: ['programme', 'unit', 'year', 'f'], strict: true },
    { path: '/api/indicators', params: ['unit', 'parent', 'level', 'indicator', 'from', 'to', 'limit', 'offset'], strict: true },
    { path: '/ogc', params: ['f'], strict: true },
    { path: '/ogc/conformance', params: ['f'], strict: true },
    { path: '/ogc/api', params: ['f'], strict: true },
    { path: '/ogc/collections', params: ['f'], strict: true },
    { path: '/tiles', params: [], strict: true },
  ];
}

/** Parameters that only matter beside another one (direction needs unit, core needs rule=list, …). */
function contextRoutes(): Route[] {
  return [
    { path: `/api/flows?unit=${COUNTY}`, params: ['direction', 'from', 'to', 'level'], strict: true },
    { path: '/api/flows?from=2020', params: ['to'], strict: true },
    { path: `/api/balance?unit=${COUNTY}`, params: ['direction', 'population_year', 'from'], strict: true },
    { path: '/api/balance/core-periphery?rule=list', params: ['core', 'unit', 'threshold'], strict: true },
    { path: `/api/balance/core-periphery?unit=${COUNTY}`, params: ['indicator_year', 'threshold'], strict: true },
    { path: `/api/units/${COUNTY}/corridors?partner_level=village`, params: ['from', 'factor', 'limit'], strict: true },
    { path: `/api/indicators?unit=${COUNTY}`, params: ['from', 'to', 'indicator', 'offset'], strict: true },
    { path: `/api/alliances?unit=${COUNTY}`, params: ['year', 'programme', 'f'], strict: true },
    { path: '/ogc/collections/flows/items?limit=1', params: ['datetime', 'bbox', 'offset'], strict: true },
    { path: '/api/units?level=village', params: ['q', 'parent', 'bbox', 'offset'], strict: true },
  ];
}

let t: TestDb;
let s: Running;
let collections: string[] = [];
let layers: string[] = [];
let sentTotal = 0;

beforeAll(async () => {
  t = await seededDb();
  s = await startTestServer(t.db, { ATLAS_TOKENS: `${WRITE_TOKEN}:read,write;${READ_TOKEN}:read` });
  collections = ((await (await fetch(`${s.url}/ogc/collections`)).json()) as { collections: { id: string }[] }).collections.map((c) => c.id);
  layers = ((await (await fetch(`${s.url}/tiles`)).json()) as { layers: { id: string }[] }).layers.map((l) => l.id);
}, 120_000);
afterAll(async () => {
  await s?.close();
  await t?.drop();
  console.log(`http-hostile-inputs: ${sentTotal} requests`);
});

/** The routes found at run time: every OGC collection and every tile layer. */
function allRoutes(): Route[] {
  const firstId = (c: string) => (c.startsWith('units') || c === 'counties' ? `${COUNTY}000000` : '1');
  return [
    ...staticRoutes(),
    ...collections.flatMap((c) => [
      { path: `/ogc/collections/${c}`, params: ['f'], strict: true },
      { path: `/ogc/collections/${c}/schema`, params: ['f'], strict: true },
      { path: `/ogc/collections/${c}/items`, params: ['f', 'bbox', 'datetime', 'limit', 'offset', 'bbox-crs', 'crs'], strict: true },
      { path: `/ogc/collections/${c}/items/${firstId(c)}`, params: ['f'], strict: true },
    ]),
    ...layers.flatMap((l) => [
      { path: `/tiles/${l}.json`, params: [], strict: true },
      { path: `/tiles/${l}/8/214/107.pbf`, params: [], strict: true },
    ]),
  ];
}

interface Answer {
  request: string;
  status: number;
  type: string;
  body: string;
  ms: number;
}

/** One request with the path sent byte for byte as given (fetch would normalise ../ and //). */
function send(method: string, rawPath: string, opts: { headers?: Record<string, string>; body?: string | Buffer } = {}): Promise<Answer> {
  const started = Date.now();
  const request = `${method} ${rawPath.length > 300 ? `${rawPath.slice(0, 300)}…(${rawPath.length})` : rawPath}`;
  sentTotal++;
  return new Promise((resolve) => {
    const url = new URL(s.url);
    // An explicit length: Node sends a DELETE body without one, and the server would read it as a new request.
    const headers = opts.body === undefined ? opts.headers : { ...opts.headers, 'Content-Length': String(Buffer.byteLength(opts.body)) };
    const req = http.request(
      { host: url.hostname, port: url.port, method, path: rawPath, headers, agent: false },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () =>
          resolve({
            request,
            status: res.statusCode ?? 0,
            type: String(res.headers['content-type'] ?? ''),
            body: Buffer.concat(chunks).toString('utf8'),
            ms: Date.now() - started,
          }),
        );
      },
    );
    req.setTimeout(TIME_LIMIT_MS, () => req.destroy(new Error('timeout')));
    req.on('error', (err) => resolve({ request, status: -1, type: '', body: String(err.message), ms: Date.now() - started }));
    if (opts.body !== undefined) req.write(opts.body);
    req.end();
  });
}

/** The error.message of a JSON error body, or '' when the body is not one. */
function errorMessage(body: string): string {
  try {
    const message = (JSON.parse(body) as { error?: { message?: unknown } } | null)?.error?.message;
    return typeof message === 'string' ? message : '';
  } catch {
    return '';
  }
}

/** What the client sent, as a message may quote it back (whole or cut short); quoting it is no leak. */
function echoesOf(rawPath: string, sent: string[] = []): string[] {
  const out: string[] = [];
  const parts = rawPath.split(/[?&=/]/).flatMap((part) => {
    try {
      return [decodeURIComponent(part)];
    } catch {
      return [];
    }
  });
  for (const decoded of [...parts, ...sent]) {
    for (const cut of [decoded, decoded.slice(0, 20), decoded.slice(0, 40), decoded.slice(0, 60)]) {
      if (cut.length > 3) out.push(JSON.stringify(cut).slice(1, -1), JSON.stringify(JSON.stringify(cut)).slice(3, -3));
    }
  }
  return out.sort((x, y) => y.length - x.length);
}

/** The broken promises in one answer, as readable lines (none when it keeps them all). */
function problems(a: Answer, opts: { mustRefuse?: boolean; sent?: string[] } = {}): string[] {
  const out: string[] = [];
  const body = a.body.slice(0, 160).replace(/\s+/g, ' ');
  let unquoted = a.body;
  for (const echo of echoesOf(a.request.split(' ')[1] ?? '', opts.sent)) unquoted = unquoted.split(echo).join('');
  if (a.status === -1) out.push(`${a.request} → no answer within ${TIME_LIMIT_MS} ms (${a.body})`);
  else if (a.ms > TIME_LIMIT_MS) out.push(`${a.request} → took ${a.ms} ms`);
  if (a.status >= 500) out.push(`${a.request} → ${a.status} ${body}`);
  // Tiles are binary: only their JSON answers can carry text.
  // /ready names its engine and schema on purpose: it is the operator's readiness probe.
  const probe = /^GET \/ready\b/.test(a.request) && a.status === 200;
  if (!/protobuf|octet/.test(a.type) && !probe && LEAK.test(unquoted.replace(/"[^"]*\/(ogc|tiles|api)\/[^"]*"/g, '""'))) {
    out.push(`${a.request} → leaks internals: ${body}`);
  }
  if (a.status >= 400 && a.status < 500 && !(/json/.test(a.type) && errorMessage(a.body).length >= 5)) {
    out.push(`${a.request} → ${a.status} without a JSON message: ${body}`);
  }
  if (opts.mustRefuse && a.status >= 200 && a.status < 300) out.push(`${a.request} → ${a.status} for nonsense`);
  return out;
}

const withQuery = (p: string, q: string) => `${p}${p.includes('?') ? '&' : '?'}${q}`;

/** Sends each request in turn (one at a time: the machine is shared) and collects what went wrong. */
async function sweep(requests: { method?: string; path: string; mustRefuse?: boolean }[], sent?: string[]): Promise<string[]> {
  const found: string[] = [];
  for (const r of requests) found.push(...problems(await send(r.method ?? 'GET', r.path), { mustRefuse: r.mustRefuse, sent }));
  return found;
}

async function checksum(): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  for (const table of ['units', 'flows', 'alliances', 'indicators', 'sources']) {
    const [row] = await t.db.query<{ n: string; h: string | null }>(
      `SELECT count(*)::text AS n, md5(string_agg(md5(x::text), '' ORDER BY md5(x::text))) AS h FROM ${table} x`,
    );
    out[table] = `${row!.n}:${row!.h}`;
  }
  const [v] = await t.db.query<{ v: string }>('SELECT max(version)::text AS v FROM data_version');
  out.data_version = String(v?.v);
  return out;
}

describe('hostile inputs on every HTTP route', () => {
  it('answers every hostile value of every documented query parameter below 500, with a JSON message and nothing internal', async () => {
    const requests = [...allRoutes(), ...contextRoutes()].flatMap((route) =>
      route.params.flatMap((p) =>
        fixture.values.map((v) => ({
          path: withQuery(route.path, `${p}=${expand(v.raw)}`),
          mustRefuse: route.strict && !v.plausible && !FREE_TEXT.has(p) && !(p === 'bbox' && /outside China/.test(v.why)),
        })),
      ),
    );
    expect(requests.length).toBeGreaterThan(3000);
    expect(await sweep(requests)).toEqual([]);
  }, 600_000);

  it('answers repeated, bracketed, key-only and unknown parameters on every route below 500, and refuses them on the API routes', async () => {
    const requests = allRoutes().flatMap((route) =>
      [...route.params, 'zzz'].flatMap((p) =>
        fixture.shapes.map((shape) => ({
          path: withQuery(route.path, shape.query.replaceAll('{p}', p).replaceAll('{P}', p.toUpperCase())),
          // Only a bare key or a doubled "=" can still be a plain value; every other shape is refused.
          mustRefuse: route.strict && !/^\{p\}(==)?$/.test(shape.query),
        })),
      ),
    );
    expect(await sweep(requests)).toEqual([]);
  }, 300_000);

  it('answers hostile path segments in unit codes, collection ids, feature ids, tile layers and tile addresses below 500', async () => {
    const templates = [
      '/api/units/{s}',
      '/api/units/{s}/corridors',
      '/ogc/collections/{s}',
      '/ogc/collections/{s}/items',
      ...collections.map((c) => `/ogc/collections/${c}/items/{s}`),
      '/tiles/{s}.json',
      '/tiles/{s}/8/214/107.pbf',
      '/tiles/counties/{s}/214/107.pbf',
      '/tiles/counties/8/{s}/107.pbf',
      '/tiles/counties/8/214/{s}.pbf',
      '/tiles/counties/8/214/107.{s}',
    ];
    const requests = templates.flatMap((tpl) =>
      fixture.segments.map((seg) => ({ path: tpl.replace('{s}', expand(seg.raw)), mustRefuse: !/^\.\.$|%2e%2e/i.test(expand(seg.raw)) })),
    );
    expect(await sweep(requests)).toEqual([]);
  }, 300_000);

  it('answers double slashes, parent segments, encoded slashes, trailing dots and long paths on every route below 500', async () => {
    const long = 'A'.repeat(10_000);
    const requests = allRoutes().flatMap((route) => {
      const p = route.path.slice(1);
      return fixture.pathForms.map((f) => ({
        path: f.form
          .replace('{path}', p)
          .replace('{dpath}', p.replaceAll('/', '//'))
          .replace('{epath}', p.replaceAll('/', '%2F'))
          .replace('{long}', long),
      }));
    });
    expect(await sweep(requests)).toEqual([]);
  }, 300_000);

  it('refuses every malformed body on every write route with a 4xx and a JSON message, and writes nothing', async () => {
    const before = await checksum();
    const auth = { Authorization: `Bearer ${WRITE_TOKEN}` };
    const targets: { method: string; path: string }[] = [{ method: 'POST', path: '/api/sources' }];
    for (const base of ['/api/flows', '/api/alliances', '/api/indicators']) {
      targets.push(
        { method: 'POST', path: base },
        { method: 'POST', path: `${base}/bulk` },
        { method: 'PUT', path: `${base}/1` },
        { method: 'PUT', path: `${base}/99999999` },
      );
    }
    const found: string[] = [];
    for (const target of targets) {
      for (const b of fixture.bodies) {
        const headers: Record<string, string> = { ...auth };
        if (b.type) headers['Content-Type'] = b.type;
        if (b.encoding) headers['Content-Encoding'] = b.encoding;
        const a = await send(target.method, target.path, { headers, body: b.body });
        found.push(...problems({ ...a, request: `${a.request} [${b.why}]` }, { mustRefuse: true }));
      }
      // Too large: 64 kB is the limit for one record, 10 MB for a bulk upload.
      const big = target.path.endsWith('/bulk') ? 10 * 1024 * 1024 + 1024 : 65 * 1024;
      for (const type of ['application/json', 'text/csv']) {
        const body = type === 'text/csv' ? `origin,note\n330382,${'x'.repeat(big)}\n` : JSON.stringify({ note: 'x'.repeat(big) });
        const a = await send(target.method, target.path, { headers: { ...auth, 'Content-Type': type }, body });
        found.push(...problems({ ...a, request: `${a.request} [${type}, ${body.length} bytes]` }, { mustRefuse: true }));
      }
    }
    // The same bodies without a token, with a read-only one and with a broken header: refused before parsing.
    for (const headers of [{} as Record<string, string>, { Authorization: `Bearer ${READ_TOKEN}` }, { Authorization: 'Bearer %00\u00e9' }, { Authorization: 'Basic Zm9vOmJhcg==' }]) {
      const a = await send('POST', '/api/flows', { headers: { ...headers, 'Content-Type': 'application/json' }, body: '{}' });
      found.push(...problems(a, { mustRefuse: true }));
    }
    // Hostile ids on PUT and DELETE.
    for (const seg of fixture.segments) {
      for (const base of ['/api/flows', '/api/alliances', '/api/indicators']) {
        for (const method of ['PUT', 'DELETE']) {
          const a = await send(method, `${base}/${expand(seg.raw)}`, { headers: { ...auth, 'Content-Type': 'application/json' }, body: '{}' });
          found.push(...problems(a, { mustRefuse: true }));
        }
      }
    }
    expect(found).toEqual([]);
    expect(await checksum()).toEqual(before);
  }, 300_000);

  it('rejects a bulk upload whose first feature is valid but carries broken geometry and whose second is invalid, writing neither', async () => {
    const before = await checksum();
    const valid = {
      origin: COUNTY,
      dest: '330329',
      factor: 'labour',
      period: '2020',
      magnitude: '10',
      magnitude_unit: 'persons',
      basis: 'observed',
      source_id: 'seed.wenzhou-case-study',
    };
    const found: string[] = [];
    for (const g of fixture.brokenGeometries) {
      const fc = {
        type: 'FeatureCollection',
        features: [
          { type: 'Feature', geometry: g.geometry, properties: valid },
          { type: 'Feature', geometry: g.geometry, properties: { ...valid, dest: '99999999999999999999' } },
        ],
      };
      const a = await send('POST', '/api/flows/bulk', {
        headers: { Authorization: `Bearer ${WRITE_TOKEN}`, 'Content-Type': 'application/geo+json' },
        body: JSON.stringify(fc),
      });
      found.push(...problems({ ...a, request: `${a.request} [${g.why}]` }, { mustRefuse: true }));
    }
    expect(found).toEqual([]);
    expect(await checksum()).toEqual(before);
  }, 60_000);

  it('answers hostile Host, Accept, Accept-Encoding and If-None-Match headers on every route below 500', async () => {
    // Routes that build absolute links from Host (next/prev pages, OGC links, TileJSON) are the ones at risk.
    const headerSets: Record<string, string>[] = [
      { Host: 'a b' },
      { Host: '[::' },
      { Host: 'localhost:99999' },
      { Host: 'user@evil.example' },
      { Host: 'evil.example/path?x=1#y' },
      { Host: 'x'.repeat(2000) },
      { Host: '%00' },
      { Accept: '*/*;q=NaN, application/xml;q=2' },
      { 'Accept-Encoding': 'gzip;q=NaN, br, zstd, identity;q=0' },
      { 'If-None-Match': '"' + 'x'.repeat(5000) + '"' },
      { 'If-None-Match': '*' },
      { 'If-Modified-Since': 'yesterday' },
      { Range: 'bytes=999999999-' },
      { 'X-Forwarded-Proto': 'javascript', 'X-Forwarded-Host': 'a b' },
    ];
    const found: string[] = [];
    for (const route of allRoutes()) {
      for (const headers of headerSets) {
        const a = await send('GET', withQuery(route.path, 'limit=1'), { headers });
        found.push(...problems({ ...a, request: `${a.request} [${JSON.stringify(headers).slice(0, 60)}]` }));
      }
    }
    expect(found).toEqual([]);
  }, 120_000);

  it('pages /api/units and OGC items under a Host header that is no host[:port] ("a b", "[::", port 99999), not 500', async () => {
    for (const host of ['a b', '[::', 'localhost:99999', '%00']) {
      for (const p of ['/api/units?limit=1', '/ogc/collections/counties/items?limit=1']) {
        const a = await send('GET', p, { headers: { Host: host } });
        expect(a.status, `${p} Host: ${host}`).toBe(200);
        const next = (JSON.parse(a.body) as { links: { rel: string; href: string }[] }).links.find((l) => l.rel === 'next');
        expect(next?.href, `${p} Host: ${host}`).toMatch(/^http:\/\/[^\s]+[?&]offset=1\b/);
      }
    }
  });

  it('answers every other method on every read route below 500, with a JSON message', async () => {
    const found: string[] = [];
    for (const route of allRoutes()) {
      for (const method of ['POST', 'PUT', 'DELETE', 'PATCH', 'OPTIONS', 'TRACE']) {
        const a = await send(method, route.path, { headers: { 'Content-Type': 'application/json' }, body: '{}' });
        found.push(...problems(a));
      }
    }
    expect(found).toEqual([]);
  }, 120_000);

  it('answers legal but extreme values, which do reach the database, below 500 and within the time limit', async () => {
    const far = '0001-01-01T00:00:00Z/9999-12-31T23:59:59Z';
    const requests = [
      '/api/units?offset=10000000',
      '/api/units?limit=1000&geometry=full',
      '/api/units?parent=999999999999',
      '/api/units?parent=0',
      '/api/units?q=%25%25%25%25%25%25%25%25%25%25',
      '/api/units?q=%5C%5C%5C%5C',
      '/api/units?q=________________',
      '/api/units?q=000000000000',
      '/api/units?bbox=-180,-90,180,90&limit=1000',
      '/api/units?bbox=0,0,0,0',
      '/api/units?bbox=-74.1,40.6,-73.7,40.9',
      '/api/flows?unit=999999',
      '/api/flows?unit=999999999999',
      '/api/flows?unit=330382&direction=in&from=1949&to=2100',
      '/api/flows?from=2100-12-31&to=2100-12-31',
      '/api/flows?min_magnitude=999999999999999&limit=100000',
      '/api/flows?level=village&limit=100000&f=geojson',
      '/api/balance?level=village&layout=series',
      '/api/balance?unit=330382&direction=out&population_year=1949',
      '/api/balance/core-periphery?rule=list&core=999999,999999999,999999999999',
      `/api/balance/core-periphery?rule=list&core=${Array.from({ length: 500 }, (_, i) => String(330000 + i)).join(',')}`,
      '/api/balance/core-periphery?threshold=0&indicator_year=2100',
      '/api/balance/core-periphery?threshold=100&unit=330382',
      '/api/units/999999999999/corridors',
      '/api/units/330382/corridors?partner_level=village&limit=50',
      '/api/units/330382/corridors?partner_level=province',
      '/api/alliances?unit=999999&year=1949',
      '/api/indicators?unit=999999999999&from=2100&to=1949',
      '/api/indicators?offset=10000000&limit=5000',
      ...collections.flatMap((c) => [
        `/ogc/collections/${c}/items?offset=100000000`,
        `/ogc/collections/${c}/items?limit=1000&bbox=-180,-90,180,90`,
        `/ogc/collections/${c}/items?bbox=-180,-90,-180,-90`,
        `/ogc/collections/${c}/items?bbox=-74.1,40.6,-73.7,40.9`,
        `/ogc/collections/${c}/items?bbox=120,27,121,28,-1000000,1000000`,
        `/ogc/collections/${c}/items?datetime=${encodeURIComponent(far)}`,
        `/ogc/collections/${c}/items?datetime=0001-01-01`,
        `/ogc/collections/${c}/items?datetime=9999-12-31T23:59:59.999999999Z`,
        `/ogc/collections/${c}/items?datetime=2020-01-01T00:00:00%2B14:00`,
        `/ogc/collections/${c}/items?datetime=..%2F2020-01-01`,
        `/ogc/collections/${c}/items/0`,
        `/ogc/collections/${c}/items/999999999999999`,
      ]),
      ...layers.flatMap((l) => [`/tiles/${l}/0/0/0.pbf`, `/tiles/${l}/22/0/0.pbf`, `/tiles/${l}/14/13680/6826.pbf`, `/tiles/${l}/30/1073741823/1073741823.pbf`]),
    ];
    expect(await sweep(requests.map((p) => ({ path: p })))).toEqual([]);
  }, 300_000);

  it('answers a path parameter that is not percent-encoded UTF-8 (%ZZ, %FF) with 400 and a message, not 500', async () => {
    for (const p of ['/api/units/%ZZ', '/api/units/%FF/corridors', '/ogc/collections/%ZZ/items', '/ogc/collections/units/items/%FF']) {
      const a = await send('GET', p);
      expect(a.status, p).toBe(400);
      expect(JSON.parse(a.body).error.message, p).toMatch(/percent-encoded/);
    }
    const put = await send('PUT', '/api/flows/%ZZ', { headers: { Authorization: `Bearer ${WRITE_TOKEN}`, 'Content-Type': 'application/json' }, body: '{}' });
    expect(put.status).toBe(400);
  });

  it('answers a body whose Content-Encoding does not match it with 400, not 500, and writes nothing', async () => {
    const before = await checksum();
    for (const target of ['/api/flows', '/api/flows/bulk', '/api/sources']) {
      const a = await send('POST', target, {
        headers: { Authorization: `Bearer ${WRITE_TOKEN}`, 'Content-Type': 'application/json', 'Content-Encoding': 'gzip' },
        body: '{"origin": "330382"}',
      });
      expect(a.status, target).toBe(400);
      expect(problems(a)).toEqual([]);
    }
    expect(await checksum()).toEqual(before);
  });

  it('refuses a list parameter that names no item (factor=,,,) with 400 instead of answering as if unfiltered', async () => {
    for (const p of ['/api/flows?factor=,,,', '/api/balance?basis=,', '/api/alliances?programme=%20,%20', '/api/indicators?indicator=,']) {
      const a = await send('GET', p);
      expect(a.status, p).toBe(400);
      expect(JSON.parse(a.body).error.message, p).toMatch(/at least one/);
    }
  });

  it('answers hostile values in every field of a record below 500, stores exactly the records it answers 201 for, and still reads them back', async () => {
    const auth = { Authorization: `Bearer ${WRITE_TOKEN}`, 'Content-Type': 'application/json' };
    const source = 'seed.wenzhou-case-study';
    const kinds: { base: string; table: string; valid: Record<string, unknown> }[] = [
      {
        base: '/api/flows',
        table: 'flows',
        valid: { origin: COUNTY, dest: '330329', factor: 'labour', period: '2021', magnitude: '7', magnitude_unit: 'persons', basis: 'observed', source_id: source },
      },
      { base: '/api/indicators', table: 'indicators', valid: { unit_code: COUNTY, year: '2021', indicator: 'population_resident', value: '7', unit: 'persons', basis: 'observed', source_id: source } },
      { base: '/api/alliances', table: 'alliances', valid: { programme: 'integration_agreement', a_code: COUNTY, a_role: 'core', b_code: '330329', b_role: 'partner', start_year: '2021', source_id: source } },
    ];
    // Decoded, as a JSON body carries them, plus values only JSON can carry.
    const decoded = fixture.values.flatMap((v) => {
      try {
        return [decodeURIComponent(expand(v.raw))];
      } catch {
        return [expand(v.raw)];
      }
    });
    const jsonOnly: unknown[] = [1e308, -1e308, 5e-324, -0, true, [], ['labour', 'land'], {}, { $gt: '' }, null, '9e99', '999999999999999.999999999999e99', '1e-99', 2 ** 53 + 1];
    const found: string[] = [];
    for (const kind of kinds) {
      const count = async () => (await t.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${kind.table}`))[0]!.n;
      const before = await count();
      let created = 0;
      let period = 0;
      for (const field of [...Object.keys(kind.valid), 'note', 'name_zh', 'mechanism', 'end_year']) {
        for (const value of [...decoded, ...jsonOnly]) {
          // A distinct year or period per record, so an accepted record never duplicates an earlier one.
          const fresh = { ...kind.valid, ...(kind.table === 'flows' ? { note: `n${period}` } : {}), ...(kind.table === 'indicators' ? { year: String(1950 + (period % 150)), value: String(period) } : {}), ...(kind.table === 'alliances' ? { start_year: String(1950 + (period % 150)), name_zh: `n${period}` } : {}) };
          period++;
          const body = JSON.stringify({ ...fresh, [field]: value });
          const a = await send('POST', kind.base, { headers: auth, body });
          if (a.status === 201) created++;
          found.push(...problems({ ...a, request: `${a.request} [${field}=${JSON.stringify(value)?.slice(0, 40)}]` }, { sent: typeof value === 'string' ? [value] : [] }));
        }
      }
      const after = await count();
      if (after - before !== created) found.push(`${kind.table}: ${created} answers 201 but ${after - before} rows added`);
    }
    // What was stored must read back without a 5xx anywhere it shows.
    const reads = [
      '/api/flows', '/api/flows?f=geojson', '/api/flows?level=village', '/api/balance', '/api/balance?layout=series', '/api/balance?unit=330382',
      '/api/balance/core-periphery', `/api/units/${COUNTY}/corridors`, '/api/alliances', '/api/alliances?f=geojson', '/api/indicators?limit=5000',
      ...collections.map((c) => `/ogc/collections/${c}/items?limit=1000`), ...layers.flatMap((l) => [`/tiles/${l}/8/214/107.pbf`, `/tiles/${l}/6/53/26.pbf`]),
    ];
    // Stored text comes back as stored: the client's own words are no leak.
    found.push(...(await sweep(reads.map((p) => ({ path: p })), decoded)));
    expect(found).toEqual([]);
  }, 300_000);

  it('can fail: it sees a 500, database text, a stack trace, a bare 4xx and a 2xx for nonsense', () => {
    const a = (status: number, body: string, type = 'application/json'): Answer => ({ request: 'GET /x', status, type, body, ms: 1 });
    expect(problems(a(500, '{"error":{"message":"Internal server error."}}'))).toHaveLength(1);
    expect(problems(a(400, '{"error":{"message":"invalid input syntax for type integer: \\"x\\""}}'))).toHaveLength(1);
    expect(problems(a(400, '{"error":{"message":"relation \\"flows\\" does not exist"}}'))).toHaveLength(1);
    expect(problems(a(400, '{"error":{"message":"x at parse (/work/main/server/flows/codes.ts:3:9)"}}'))).toHaveLength(1);
    expect(problems(a(404, 'Cannot GET /x', 'text/html'))).toHaveLength(1);
    expect(problems(a(200, '{}'), { mustRefuse: true })).toHaveLength(1);
    expect(problems({ ...a(200, '{}'), status: -1 })).toHaveLength(1);
    expect(problems(a(400, '{"error":{"message":"\\"limit\\" must be a whole number."}}'))).toEqual([]);
  });
});
