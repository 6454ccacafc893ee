// OGC API – Features over the real seeded Wenzhou demo: the counts of the import (12 counties, 185
// townships, 3,685 villages) and the provenance of the demo flows as GIS clients will see them.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seededDb, type TestDb } from './support/test-db.ts';
import { startTestServer } from './support/test-server.ts';
import type { Running } from '../server/start.ts';

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

interface Feature { id: string | number; geometry: { type: string } | null; properties: Record<string, unknown> }
interface FC { numberMatched: number; numberReturned: number; features: Feature[]; links: { rel: string; href: string }[] }

async function items(collection: string, query = 'limit=1000'): Promise<FC> {
  const r = await fetch(`${s.url}/ogc/collections/${collection}/items?${query}`);
  expect(r.status, `${collection} ${query}`).toBe(200);
  return (await r.json()) as FC;
}

/** Every feature of a collection, by following next links. */
async function all(collection: string): Promise<Feature[]> {
  const out: Feature[] = [];
  let url: string | undefined = `${s.url}/ogc/collections/${collection}/items?limit=1000`;
  while (url) {
    const body = (await (await fetch(url)).json()) as FC;
    out.push(...body.features);
    url = body.links.find((l) => l.rel === 'next')?.href;
  }
  return out;
}

const WENZHOU_COUNTIES = ['330302', '330303', '330304', '330305', '330324', '330326', '330327', '330328', '330329', '330381', '330382', '330383'];

describe('OGC API over the Wenzhou demo', () => {
  it('serves all 185 townships and 3,685 villages', async () => {
    expect((await items('townships', 'limit=1')).numberMatched).toBe(185);
    expect((await items('villages', 'limit=1')).numberMatched).toBe(3685);
  });

  it('serves the 12 county-level units of Wenzhou with surveyed boundaries, 龙港市 included', async () => {
    const counties = (await items('counties')).features.filter((f) => String(f.id).startsWith('3303'));
    expect(counties.map((f) => String(f.id).slice(0, 6))).toEqual(WENZHOU_COUNTIES);
    for (const f of counties) {
      expect(f.geometry?.type).toBe('MultiPolygon');
      expect(f.properties.geom_quality).toBe('surveyed');
      expect(f.properties.source_original_crs).toBe('GCJ-02');
    }
  });

  it('marks township areas as approximate and names the source of their geometry and seat', async () => {
    const towns = await all('townships');
    const approximate = towns.filter((f) => f.properties.geom_quality === 'approximate');
    expect(approximate.length).toBeGreaterThan(100);
    for (const f of approximate) {
      expect(f.properties.geom_source_id).toBe('atlas-township-voronoi');
      expect(f.properties.geom_source_title).toMatch(/Voronoi/);
      expect(f.properties.point_source_id).toBeTruthy();
    }
    for (const f of towns.filter((x) => x.properties.geom_quality === 'none')) expect(f.properties.geometry_kind).not.toBe('boundary');
  });

  it('matches the NBS 2023 vintage of townships and villages with datetime', async () => {
    expect((await items('townships', 'limit=1&datetime=2023-06-30')).numberMatched).toBe(185);
    expect((await items('villages', 'limit=1&datetime=2023-01-01/2023-12-31')).numberMatched).toBe(3685);
    expect((await items('townships', 'limit=1&datetime=../2022-12-31')).numberMatched).toBe(0);
  });

  it('serves the seed document\u2019s flows as documented, without a number, citing the seed', async () => {
    const flows = await all('flows');
    const seed = flows.filter((f) => f.properties.source_id === 'seed.wenzhou-case-study');
    const pairs = new Set(seed.map((f) => `${f.properties.origin_name_zh}→${f.properties.dest_name_zh}`));
    expect(pairs).toEqual(new Set(['乐清市→泰顺县', '瑞安市→洞头区']));
    for (const f of seed) {
      expect(f.properties).toMatchObject({ basis: 'documented', magnitude: null });
      expect(f.geometry?.type).toBe('LineString');
    }
  });

  it('never serves a modelled flow as observed: every flow of a model source has basis modelled', async () => {
    const flows = await all('flows');
    const modelled = flows.filter((f) => String(f.properties.source_id).startsWith('model.'));
    expect(modelled.length).toBeGreaterThan(0);
    for (const f of modelled) expect(f.properties.basis).toBe('modelled');
    for (const f of flows.filter((x) => x.properties.basis === 'observed')) expect(String(f.properties.source_id)).not.toMatch(/^model\./);
    expect(flows.every((f) => f.properties.source_title)).toBe(true);
  });
});
