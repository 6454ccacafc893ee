// OGC collections of flows, alliances and indicators over the hand-made rows of
// tests/fixtures/ogc/factors.json; every expected id below was worked out by hand from that file.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { emptyDb, type TestDb } from './support/test-db.ts';
import { startTestServer } from './support/test-server.ts';
import { loadOgcFixture } from './fixtures/ogc/load-units.ts';
import { loadOgcFactors, type FixtureIds } from './fixtures/ogc/load-factors.ts';
import type { Running } from '../server/start.ts';

let t: TestDb;
let s: Running;
let ids: FixtureIds;
beforeAll(async () => {
  t = await emptyDb();
  await loadOgcFixture(t.db);
  ids = await loadOgcFactors(t.db);
  s = await startTestServer(t.db);
});
afterAll(async () => {
  await s?.close();
  await t?.drop();
});

interface Feature { id: number; geometry: { type: string; coordinates: unknown } | null; properties: Record<string, unknown> }
interface FC { numberMatched: number; features: Feature[] }

type Table = keyof FixtureIds;

/** A page of a collection, with each feature named by its fixture key. */
async function items(collection: Table, query = ''): Promise<FC & { keys: (string | undefined)[] }> {
  const r = await fetch(`${s.url}/ogc/collections/${collection}/items?limit=100${query}`);
  expect(r.status, `${collection} ${query}`).toBe(200);
  const fc = (await r.json()) as FC;
  return { ...fc, keys: fc.features.map((f) => Object.entries(ids[collection]).find(([, v]) => v === f.id)?.[0]) };
}
const item = async (collection: Table, key: string) =>
  (await (await fetch(`${s.url}/ogc/collections/${collection}/items/${ids[collection][key]}`)).json()) as Feature;

describe('OGC flows collection', () => {
  it('serves every flow except synthetic ones, in id order', async () => {
    const fc = await items('flows');
    expect(fc.keys).toEqual(['labour-2020', 'capital-2018-2020', 'land-2023h1', 'technology-2022-no-point']);
    expect(fc.numberMatched).toBe(4);
  });

  it('draws a flow as a line from the origin\u2019s point to the destination\u2019s', async () => {
    const r = await fetch(`${s.url}/ogc/collections/flows/items/${ids.flows['labour-2020']}`);
    const f = (await r.json()) as Feature;
    expect(r.headers.get('content-type')).toMatch(/^application\/geo\+json/);
    expect(f.geometry).toEqual({ type: 'LineString', coordinates: [[119.72, 27.56], [121.15, 27.84]] });
    expect(f.properties).toMatchObject({
      origin_code: '330329000000', origin_name_zh: '泰顺县', dest_code: '330305000000', dest_level: 'county',
      factor: 'labour', period_start: '2020-01-01', period_end: '2020-12-31', magnitude: 1200, magnitude_unit: 'persons',
      basis: 'observed', mechanism: 'labour_migration',
    });
  });

  it('keeps a documented flow without a number, and says so in basis', async () => {
    const f = await item('flows', 'capital-2018-2020');
    expect(f.properties).toMatchObject({ basis: 'documented', magnitude: null, magnitude_unit: null, benefit_linkage: 'revenue_sharing,risk_sharing', integration_type: 'project_driven' });
  });

  it('gives a flow whose end has no location a null geometry, not a made-up line', async () => {
    const f = await item('flows', 'technology-2022-no-point');
    expect(f.geometry).toBeNull();
    expect(f.properties.origin_code).toBe('330329100201');
  });

  it('carries the source of every flow', async () => {
    for (const f of (await items('flows')).features) {
      expect(f.properties).toMatchObject({ source_id: 'ogc-test-figures', source_licence: 'CC0-1.0', source_url: 'https://example.org/atlas-ogc-fixture' });
    }
  });

  it('answers 404 for a synthetic flow, a missing id and an id that cannot exist', async () => {
    for (const bad of [String(ids.flows['synthetic-2021']), '999999', '0', '-1', '1.5', '99999999999999999999', 'abc']) {
      expect((await fetch(`${s.url}/ogc/collections/flows/items/${bad}`)).status, bad).toBe(404);
    }
  });

  it('selects flows whose period meets datetime', async () => {
    const cases: [string, string[]][] = [
      ['2020-06-01', ['labour-2020', 'capital-2018-2020']],
      ['2019-01-01/2019-12-31', ['capital-2018-2020']],
      ['2023-06-30T23:59:59Z', ['land-2023h1']],
      ['2023-07-01', []],
      ['2021-01-01/..', ['land-2023h1', 'technology-2022-no-point']],
      ['../2017-12-31', []],
    ];
    for (const [dt, expected] of cases) expect((await items('flows', `&datetime=${dt}`)).keys, dt).toEqual(expected);
  });

  it('selects flows whose line crosses the bbox', async () => {
    // at lon 120.4–120.6 the 泰顺–洞头 lines run at lat 27.69–27.73; the 司前–北岙 line at 27.58–27.65
    expect((await items('flows', '&bbox=120.4,27.68,120.6,27.75')).keys).toEqual(['labour-2020', 'capital-2018-2020']);
  });
});

describe('OGC alliances collection', () => {
  it('serves each pairing as a line with its programme, roles and source', async () => {
    const fc = await items('alliances');
    expect(fc.keys).toEqual(['mountain-sea-2018', 'study-2015-2017', 'agreement-no-years']);
    const [first] = fc.features;
    expect(first!.geometry).toEqual({ type: 'LineString', coordinates: [[121.15, 27.84], [119.72, 27.56]] });
    expect(first!.properties).toMatchObject({ programme: 'mountain_sea', programme_zh: '山海协作', a_role: 'core', b_role: 'periphery', start_year: 2018, end_year: null, source_id: 'ogc-test-figures' });
    expect(fc.features[1]!.properties.programme).toBe('study_pairing');
  });

  it('selects alliances active at the datetime, treating a missing end year as still running', async () => {
    expect((await items('alliances', '&datetime=2025-01-01')).keys).toEqual(['mountain-sea-2018']);
    expect((await items('alliances', '&datetime=2016-03-01')).keys).toEqual(['study-2015-2017']);
    expect((await items('alliances', '&datetime=2017-06-01/2018-06-01')).keys).toEqual(['mountain-sea-2018', 'study-2015-2017']);
  });

  it('leaves out an alliance with no years whenever datetime is given', async () => {
    expect((await items('alliances', '&datetime=1950-01-01/2100-12-31')).keys).not.toContain('agreement-no-years');
  });

  it('describes the alliances\u2019 time as open at the end while one still runs', async () => {
    const c = (await (await fetch(`${s.url}/ogc/collections/alliances`)).json()) as { extent: { temporal: { interval: unknown[][] } } };
    expect(c.extent.temporal.interval).toEqual([['2015-01-01T00:00:00Z', null]]);
  });
});

describe('OGC indicators collection', () => {
  it('places each value at its unit\u2019s point with its unit of measure, basis and source', async () => {
    const fc = await items('indicators');
    expect(fc.keys).toEqual(['taishun-pop-2020', 'dongtou-urb-2020', 'taishun-gdp-2023']);
    expect(fc.features[0]!.geometry).toEqual({ type: 'Point', coordinates: [119.72, 27.56] });
    expect(fc.features[0]!.properties).toMatchObject({ unit_code: '330329000000', year: 2020, indicator: 'population_resident', value: 265000, unit_of_measure: 'persons', basis: 'observed' });
    expect(fc.features[2]!.properties).toMatchObject({ indicator: 'gdp', value: 200.5, basis: 'modelled', source_title: 'OGC test fixture (hand-made figures, not real)' });
  });

  it('selects indicators by year with datetime and by place with bbox', async () => {
    expect((await items('indicators', '&datetime=2020-01-01/2020-12-31')).keys).toEqual(['taishun-pop-2020', 'dongtou-urb-2020']);
    expect((await items('indicators', '&bbox=121.0,27.7,121.4,28.1')).keys).toEqual(['dongtou-urb-2020']);
  });

  it('pages through the indicators by next links', async () => {
    const seen: number[] = [];
    let url: string | undefined = `${s.url}/ogc/collections/indicators/items?limit=2`;
    while (url) {
      const body = (await (await fetch(url)).json()) as FC & { links: { rel: string; href: string }[] };
      seen.push(...body.features.map((f) => f.id));
      url = body.links.find((l) => l.rel === 'next')?.href;
    }
    expect(seen).toEqual([ids.indicators['taishun-pop-2020'], ids.indicators['dongtou-urb-2020'], ids.indicators['taishun-gdp-2023']]);
  });
});
