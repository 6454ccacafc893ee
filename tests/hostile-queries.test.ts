// Every GET endpoint against the same hostile but legal inputs (tests/fixtures/hostile-queries/
// any-endpoint.json). Endpoint tests check their own parameters one by one; this sweep checks the promise
// that holds for all of them together: no 500, a message with every 4xx, and never a word of database text.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { useFixtureServer } from './fixtures/flows/harness.ts';

const here = path.dirname(fileURLToPath(import.meta.url));
const fixture = JSON.parse(fs.readFileSync(path.join(here, 'fixtures/hostile-queries/any-endpoint.json'), 'utf8')) as {
  queries: { query: string; why: string }[];
  paths: { path: string; why: string }[];
};

// What PostgreSQL, PostGIS and node-postgres put in their errors; none of it may reach a client.
const DATABASE_TEXT =
  /invalid input syntax for|syntax error at or near|relation "|column "[^"]*" does not exist|violates (not-null|check|unique|foreign key)|SQLSTATE|\bST_[A-Za-z]+\(|\bpg_[a-z_]+\b|out of range for type|current transaction is aborted|canceling statement/i;

const STATIC_ENDPOINTS = [
  '/health',
  '/ready',
  '/api/units',
  '/api/units/330382000000',
  '/api/units/330382000000/corridors',
  '/api/flows',
  '/api/flows/vocabulary',
  '/api/balance',
  '/api/balance/core-periphery',
  '/api/alliances',
  '/api/indicators',
  '/ogc',
  '/ogc/conformance',
  '/ogc/api',
  '/ogc/collections',
  '/tiles',
];

const server = useFixtureServer();

/** The endpoints the server itself lists: every OGC collection with its items, every tile layer's TileJSON. */
async function discoveredEndpoints(): Promise<string[]> {
  const collections = (await (await fetch(`${server.url}/ogc/collections`)).json()) as { collections: { id: string }[] };
  const layers = (await (await fetch(`${server.url}/tiles`)).json()) as { layers?: { id: string }[] } | { id: string }[];
  const layerIds = (Array.isArray(layers) ? layers : (layers.layers ?? [])).map((l) => l.id);
  expect(collections.collections.length).toBeGreaterThan(0);
  expect(layerIds.length).toBeGreaterThan(0);
  return [
    ...collections.collections.flatMap((c) => [`/ogc/collections/${c.id}`, `/ogc/collections/${c.id}/items`]),
    ...layerIds.map((id) => `/tiles/${id}.json`),
  ];
}

interface Answer {
  url: string;
  status: number;
  body: string;
}

async function get(pathAndQuery: string): Promise<Answer> {
  const r = await fetch(`${server.url}${pathAndQuery}`);
  return { url: pathAndQuery, status: r.status, body: await r.text() };
}

/** The broken promises in one answer, as readable strings (empty when it keeps them all). */
function problems(a: Answer): string[] {
  const out: string[] = [];
  if (a.status >= 500) out.push(`${a.url} → ${a.status}`);
  if (DATABASE_TEXT.test(a.body)) out.push(`${a.url} leaks database text: ${a.body.slice(0, 200)}`);
  if (a.status >= 400 && a.status < 500) {
    let message: unknown;
    try {
      message = (JSON.parse(a.body) as { error?: { message?: unknown } }).error?.message;
    } catch {
      message = undefined;
    }
    if (typeof message !== 'string' || message.length < 5) out.push(`${a.url} → ${a.status} without a JSON message`);
  }
  return out;
}

describe('hostile inputs on every endpoint', () => {
  it('answers every hostile query string on every GET endpoint below 500, with a message and no database text', async () => {
    const endpoints = [...STATIC_ENDPOINTS, ...(await discoveredEndpoints())];
    const found: string[] = [];
    let asked = 0;
    for (const endpoint of endpoints) {
      for (const { query } of fixture.queries) {
        found.push(...problems(await get(`${endpoint}?${query}`)));
        asked++;
      }
    }
    expect(asked).toBeGreaterThan(20 * fixture.queries.length);
    expect(found).toEqual([]);
  }, 120_000);

  it('answers hostile paths below 500, with a message and no database text', async () => {
    const found: string[] = [];
    for (const { path: p } of fixture.paths) found.push(...problems(await get(p)));
    expect(found).toEqual([]);
  });

  it('rejects a parameter no endpoint knows with 400 on every API endpoint', async () => {
    const rejected: string[] = [];
    for (const endpoint of STATIC_ENDPOINTS.filter((e) => e.startsWith('/api/'))) {
      const a = await get(`${endpoint}?zzz=1`);
      if (a.status !== 400) rejected.push(`${endpoint} → ${a.status}`);
    }
    expect(rejected).toEqual([]);
  });

  it('can tell database text from a public message (the check itself can fail)', () => {
    expect(problems({ url: '/x', status: 400, body: '{"error":{"message":"invalid input syntax for type integer"}}' })).toHaveLength(1);
    expect(problems({ url: '/x', status: 500, body: '{"error":{"message":"Internal server error."}}' })).toHaveLength(1);
    expect(problems({ url: '/x', status: 400, body: 'Bad' })).toHaveLength(1);
    expect(problems({ url: '/x', status: 400, body: '{"error":{"message":"Unknown parameter zzz."}}' })).toEqual([]);
  });
});
