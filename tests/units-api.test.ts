import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seededDb, type TestDb } from './support/test-db.ts';
import { startTestServer } from './support/test-server.ts';
import type { Running } from '../server/start.ts';

const hostile = JSON.parse(fs.readFileSync(new URL('./fixtures/hostile-queries/units.json', import.meta.url), 'utf8')) as {
  rejected: { query: string; why: string }[];
  accepted: { query: string; why: string }[];
};

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

const get = async (path: string) => {
  const r = await fetch(`${s.url}${path}`);
  return { status: r.status, headers: r.headers, body: r.status === 304 ? null : await r.json() };
};

describe('GET /api/units', () => {
  it('lists the 12 county-level units of Wenzhou under 330300, in code order', async () => {
    const { status, body, headers } = await get('/api/units?parent=330300&level=county');
    expect(status).toBe(200);
    expect(headers.get('content-type')).toMatch(/application\/geo\+json/);
    const codes = body.features.map((f: { properties: { code: string } }) => f.properties.code);
    expect(codes).toHaveLength(12);
    expect(codes).toContain('330383000000');
    expect([...codes].sort()).toEqual(codes);
    expect(body.numberMatched).toBe(12);
  });

  it('finds a unit by Chinese name, by pinyin and by code prefix', async () => {
    for (const q of ['泰顺', 'taishun', '330329']) {
      const { body } = await get(`/api/units?level=county&q=${encodeURIComponent(q)}`);
      expect(body.features.map((f: { id: string }) => f.id), q).toEqual(['330329000000']);
    }
  });

  it('answers geometry=bbox with each unit\'s envelope instead of its outline, same units and properties', async () => {
    const full = await get('/api/units?level=county&q=taishun');
    const { status, body } = await get('/api/units?level=county&q=taishun&geometry=bbox');
    expect(status).toBe(200);
    expect(body.features.map((f: { properties: unknown }) => f.properties)).toEqual(full.body.features.map((f: { properties: unknown }) => f.properties));
    const ring = (body.features[0].geometry.coordinates as [number, number][][])[0]!;
    expect(body.features[0].geometry.type).toBe('Polygon');
    expect(ring).toHaveLength(5);
    const xs = ring.map((c) => c[0]);
    const outlineXs = (full.body.features[0].geometry.coordinates as [number, number][][][]).flat(2).map((c) => c[0]);
    expect(Math.min(...xs)).toBeCloseTo(Math.min(...outlineXs), 5);
    expect(Math.max(...xs)).toBeCloseTo(Math.max(...outlineXs), 5);
    expect(JSON.stringify(body).length).toBeLessThan(JSON.stringify(full.body).length / 5);
  });

  it('rejects an unknown geometry mode with 400', async () => {
    const { status, body } = await get('/api/units?geometry=simplified');
    expect(status).toBe(400);
    expect(JSON.stringify(body)).toContain('geometry');
  });

  it('filters by bbox to units whose geometry meets the box', async () => {
    // a small box around 洞头 islands
    const { body } = await get('/api/units?level=county&bbox=121.10,27.80,121.20,27.90');
    expect(body.features.map((f: { id: string }) => f.id)).toContain('330305000000');
    expect(body.features.length).toBeLessThan(4);
  });

  it('pages through all villages of a county with every unit exactly once', async () => {
    const seen: string[] = [];
    let url: string | undefined = '/api/units?level=village&q=330329&limit=97';
    let matched = 0;
    while (url) {
      const { body } = await get(url.replace(s.url, ''));
      matched = body.numberMatched;
      seen.push(...body.features.map((f: { id: string }) => f.id));
      url = body.links.find((l: { rel: string }) => l.rel === 'next')?.href;
    }
    expect(matched).toBeGreaterThan(100);
    expect(seen).toHaveLength(matched);
    expect(new Set(seen).size).toBe(matched);
  });

  it('lists villages with no geometry as features with a null geometry', async () => {
    const { body } = await get('/api/units?level=village&parent=330329100&limit=5');
    expect(body.features.length).toBeGreaterThan(0);
    for (const f of body.features) expect(f.properties.geom_quality === 'none' ? f.geometry === null || f.geometry.type === 'Point' : true).toBe(true);
  });

  it('answers 304 to a matching If-None-Match', async () => {
    const first = await fetch(`${s.url}/api/units?level=county`);
    const etag = first.headers.get('etag')!;
    expect(etag).toMatch(/^"\d+-/);
    const again = await fetch(`${s.url}/api/units?level=county`, { headers: { 'If-None-Match': etag } });
    expect(again.status).toBe(304);
  });

  for (const { query, why } of hostile.rejected) {
    it(`rejects a hostile query with 400 (${why}: ${query.slice(0, 30)})`, async () => {
      const r = await fetch(`${s.url}/api/units?${query}`);
      expect(r.status).toBe(400);
      const body = await r.json();
      expect(body.error.message).toBeTruthy();
      expect(JSON.stringify(body)).not.toMatch(/syntax error|relation|column|pg_|SQLSTATE/i);
    });
  }
  for (const { query, why } of hostile.accepted) {
    it(`accepts a legal but odd query (${why})`, async () => {
      const r = await fetch(`${s.url}/api/units?${query}`);
      expect(r.status).toBe(200);
    });
  }
  it('clamps limit to 1000 instead of rejecting it', async () => {
    const { body } = await get('/api/units?level=village&limit=100000');
    expect(body.numberReturned).toBe(1000);
  });
});

describe('GET /api/units/{code}', () => {
  it('returns 泰顺县 with its breadcrumb 浙江省 › 温州市 and its townships', async () => {
    const { status, body } = await get('/api/units/330329');
    expect(status).toBe(200);
    expect(body.unit.name_zh).toBe('泰顺县');
    expect(body.unit.level).toBe('county');
    expect(body.unit.source.title).toBeTruthy();
    expect(body.ancestors.map((a: { name_zh: string }) => a.name_zh)).toEqual(['浙江省', '温州市']);
    // 19 townships, plus the villages of statistical units (e.g. a nature reserve), which sit directly under the county
    const levels = body.children.map((c: { level: string }) => c.level);
    expect(levels.filter((l: string) => l === 'township')).toHaveLength(19);
    expect(levels.every((l: string) => l === 'township' || l === 'village')).toBe(true);
    expect(body.geometry.type).toBe('MultiPolygon');
  });

  it('accepts 6-, 9- and 12-digit forms of the same code', async () => {
    const a = await get('/api/units/330329');
    const b = await get('/api/units/330329000000');
    expect(a.body.unit.code).toBe(b.body.unit.code);
  });

  it('answers 404 for a well-formed code that does not exist', async () => {
    expect((await get('/api/units/990000')).status).toBe(404);
  });

  for (const bad of ['33032', '3303290000000', 'abcdef', '330329%00', '1e5', '0x10']) {
    it(`rejects the malformed code "${bad}" with 400`, async () => {
      expect((await get(`/api/units/${bad}`)).status).toBe(400);
    });
  }
});
