// The OpenAPI document at /ogc/api against what the server really does: every path it lists is served,
// every route the OGC router registers is listed, the items parameters it names are the ones accepted,
// and the features carry exactly the properties (with the types) its schemas promise.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { emptyDb, type TestDb } from './support/test-db.ts';
import { startTestServer } from './support/test-server.ts';
import { loadOgcFixture } from './fixtures/ogc/load-units.ts';
import { loadOgcFactors } from './fixtures/ogc/load-factors.ts';
import type { Running } from '../server/start.ts';
import { ogcRouter } from '../server/ogc/ogc-router.ts';
import { loadConfig } from '../server/config.ts';
import { dataVersion } from '../server/db/data-version.ts';

type Obj = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

let t: TestDb;
let s: Running;
let doc: Obj;
let apiResponse: Response;
beforeAll(async () => {
  t = await emptyDb();
  await loadOgcFixture(t.db);
  await loadOgcFactors(t.db);
  s = await startTestServer(t.db);
  apiResponse = await fetch(`${s.url}/ogc/api`);
  doc = (await apiResponse.json()) as Obj;
});
afterAll(async () => {
  await s?.close();
  await t?.drop();
});

/** Follows a local "#/components/..." reference. */
function deref(node: Obj): Obj {
  if (typeof node?.$ref !== 'string') return node;
  const parts = (node.$ref as string).replace(/^#\//, '').split('/');
  let cur: Obj | undefined = doc;
  for (const p of parts) cur = cur?.[p];
  if (!cur) throw new Error(`unresolved $ref ${node.$ref}`);
  return deref(cur);
}

const featureIdOf = async (collectionPath: string) => {
  const r = await fetch(`${s.url}/ogc${collectionPath}/items?limit=1`);
  return ((await r.json()) as { features: { id: string }[] }).features[0]!.id;
};

/** Checks a value against the subset of OpenAPI schema the document uses; returns the problems found. */
function check(value: unknown, schemaIn: Obj, where: string): string[] {
  const schema = deref(schemaIn);
  if (value === null) return schema.nullable ? [] : [`${where}: null but not nullable`];
  const problems: string[] = [];
  const type = schema.type as string | undefined;
  const actual = Array.isArray(value) ? 'array' : Number.isInteger(value) ? 'integer' : typeof value;
  if (type && !(type === actual || (type === 'number' && actual === 'integer'))) problems.push(`${where}: ${actual}, expected ${type}`);
  if (schema.enum && !schema.enum.includes(value)) problems.push(`${where}: ${JSON.stringify(value)} not in enum`);
  if (type === 'object' && value && typeof value === 'object') {
    for (const key of schema.required ?? []) if (!(key in value)) problems.push(`${where}: missing ${key}`);
    for (const [key, sub] of Object.entries((schema.properties ?? {}) as Obj)) {
      if (key in value) problems.push(...check((value as Obj)[key], sub, `${where}.${key}`));
    }
  }
  if (type === 'array' && Array.isArray(value) && schema.items) value.forEach((v, i) => problems.push(...check(v, schema.items, `${where}[${i}]`)));
  return problems;
}

describe('the OpenAPI document', () => {
  it('is served at /ogc/api as OpenAPI 3.0 JSON with the server URL of the OGC API', () => {
    expect(apiResponse.status).toBe(200);
    expect(apiResponse.headers.get('content-type')).toMatch(/^application\/vnd\.oai\.openapi\+json;\s*version=3\.0/);
    expect(doc.openapi).toMatch(/^3\.0\.\d$/);
    expect(doc.servers[0].url).toBe(`${s.url}/ogc`);
    expect(doc.info.title).toBeTruthy();
  });

  it('resolves every $ref it contains', () => {
    const refs: string[] = [];
    const walk = (n: unknown) => {
      if (Array.isArray(n)) n.forEach(walk);
      else if (n && typeof n === 'object') {
        for (const [k, v] of Object.entries(n)) (k === '$ref' ? refs.push(v as string) : walk(v));
      }
    };
    walk(doc);
    expect(refs.length).toBeGreaterThan(20);
    for (const r of new Set(refs)) expect(() => deref({ $ref: r }), r).not.toThrow();
  });

  it('lists only paths the server serves, each with the media type it documents', async () => {
    const paths = Object.keys(doc.paths);
    expect(paths).toEqual(expect.arrayContaining(['/', '/conformance', '/api', '/collections', '/collections/units/items/{featureId}']));
    for (const p of paths) {
      let concrete = p;
      if (p.includes('{featureId}')) concrete = p.replace('{featureId}', await featureIdOf(p.replace('/items/{featureId}', '')));
      const r = await fetch(`${s.url}/ogc${concrete === '/' ? '' : concrete}`);
      expect(r.status, p).toBe(200);
      const documented = Object.keys(deref(doc.paths[p].get.responses['200']).content);
      expect(documented.some((type) => r.headers.get('content-type')!.replace(/;\s*/g, ';').startsWith(type)), `${p} ${r.headers.get('content-type')}`).toBe(true);
    }
  });

  it('lists every route the OGC router registers', () => {
    const ctx = { config: loadConfig({ ...process.env, PORT: '0' }), db: t.db, dataVersion: dataVersion(t.db) };
    const routes = ogcRouter(ctx)
      .stack.filter((layer) => layer.route)
      .map((layer) => ({ path: layer.route!.path as string, methods: Object.keys((layer.route as unknown as { methods: Obj }).methods) }));
    expect(routes.length).toBeGreaterThan(4);
    for (const { path, methods } of routes) {
      const documented = path.replace(/^\/ogc/, '').replace(/:([A-Za-z]+)/g, '{$1}') || '/';
      expect(doc.paths[documented], `route ${path} is not in the OpenAPI document`).toBeDefined();
      for (const m of methods) expect(doc.paths[documented][m], `${m} ${path}`).toBeDefined();
    }
    expect(routes).toHaveLength(Object.keys(doc.paths).length);
  });

  it('names exactly the items parameters the server accepts', async () => {
    const examples: Record<string, string> = { f: 'json', bbox: '119,27,122,29', datetime: '2023-01-01/..', limit: '5', offset: '1' };
    for (const [p, item] of Object.entries(doc.paths as Obj).filter(([p]) => p.endsWith('/items'))) {
      const names = (item.get.parameters as Obj[]).map((x) => deref(x).name as string);
      expect(names.sort(), p).toEqual(Object.keys(examples).sort());
      for (const name of names) {
        expect((await fetch(`${s.url}/ogc${p}?${name}=${encodeURIComponent(examples[name]!)}`)).status, `${p} ${name}`).toBe(200);
      }
      expect((await fetch(`${s.url}/ogc${p}?notdocumented=1`)).status).toBe(400);
    }
  });

  it('describes the landing page, conformance, collections and every items page as they are served', async () => {
    for (const p of Object.keys(doc.paths).filter((x) => !x.includes('{') && x !== '/api')) {
      const body = await (await fetch(`${s.url}/ogc${p === '/' ? '' : p}${p.endsWith('/items') ? '?limit=1000' : ''}`)).json();
      const schema = deref(doc.paths[p].get.responses['200']).content;
      const problems = check(body, Object.values(schema as Obj)[0].schema, p);
      expect(problems, p).toEqual([]);
    }
  });

  it('gives every feature exactly the properties its collection schema lists', async () => {
    for (const p of Object.keys(doc.paths).filter((x) => x.endsWith('/items'))) {
      const body = (await (await fetch(`${s.url}/ogc${p}?limit=1000`)).json()) as { features: { properties: Obj }[] };
      const fc = deref(deref(doc.paths[p].get.responses['200']).content['application/geo+json'].schema);
      const listed = Object.keys(deref(fc.properties.features.items).properties.properties.properties).sort();
      expect(body.features.length, p).toBeGreaterThan(0);
      for (const f of body.features) expect(Object.keys(f.properties).sort(), p).toEqual(listed);
    }
  });
});
