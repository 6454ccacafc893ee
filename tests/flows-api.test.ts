// GET /api/flows and friends over HTTP against the hand-checked fixture: shapes, every filter, and the
// rules that documented flows never carry a magnitude and modelled flows always say they are modelled.
import { describe, expect, it } from 'vitest';
import { getJson, useFixtureServer, WRITE_TOKEN } from './fixtures/flows/harness.ts';

const world = useFixtureServer();

const A = '330382000000';
const B = '330329000000';
const flows = async (query: string) => {
  const r = await getJson(`${world.url}/api/flows?${query}`);
  expect(r.status, JSON.stringify(r.body)).toBe(200);
  return r.body;
};
const notes = (body: { flows: { id: string }[] }) => body.flows.map((f: any) => f.note).sort();

describe('GET /api/flows', () => {
  it('returns compact OD JSON with locations and flows that each carry basis and source', async () => {
    const body = await flows('');
    expect(body.mode).toBe('records');
    expect(body.flows).toHaveLength(10);
    for (const f of body.flows) {
      expect(f.basis).toMatch(/^(observed|documented|modelled)$/);
      expect(f.source).toBe('test.fixture');
      expect(body.sources[f.source].title).toBe('Flow test fixture');
    }
    const yueqing = body.locations.find((l: any) => l.id === A);
    expect(yueqing).toMatchObject({ name: '乐清市', lon: 120.98, lat: 28.12 });
  });

  it('never gives a documented flow a magnitude', async () => {
    for (const query of ['', 'level=county', 'level=township', 'f=geojson']) {
      const body = await flows(query);
      const list = body.features ? body.features.map((f: any) => f.properties) : body.flows;
      const documented = list.filter((f: any) => f.basis === 'documented');
      expect(documented.length).toBeGreaterThan(0);
      for (const f of documented) {
        expect(f.magnitude).toBeNull();
        expect(f.unit).toBeNull();
      }
    }
  });

  it('labels modelled flows as modelled, apart from observed ones', async () => {
    const body = await flows('level=county&factor=labour');
    const modelled = body.flows.filter((f: any) => f.basis === 'modelled');
    expect(modelled).toEqual([expect.objectContaining({ origin: '330381000000', dest: B, magnitude: 7, basis: 'modelled' })]);
    const observed = body.flows.find((f: any) => f.origin === A && f.dest === B && f.unit === 'persons');
    expect(observed).toMatchObject({ basis: 'observed', magnitude: 100 });
  });

  it('aggregates to a level and lists flows inside one unit apart, not as self-loops', async () => {
    const body = await flows('level=county&factor=labour&basis=observed');
    expect(body.flows.every((f: any) => f.origin !== f.dest)).toBe(true);
    expect(body.internal).toEqual([expect.objectContaining({ unit: A, magnitude: 30, count: 1, basis: 'observed' })]);
  });

  it('filters by factor', async () => {
    expect(notes(await flows('factor=capital'))).toEqual([
      'f5 documented: no figure',
      'f8 in 亿元',
      'f9 in 万元',
    ]);
  });

  it('filters by basis', async () => {
    expect(notes(await flows('basis=modelled,documented'))).toEqual(['f5 documented: no figure', 'f6 modelled']);
  });

  it('filters by period range, matching flows whose period overlaps it', async () => {
    expect(notes(await flows('from=2021&to=2022'))).toEqual(['f7 village directly under a county', 'f9 in 万元']);
    expect(notes(await flows('from=2024-06-01'))).toEqual(['f5 documented: no figure']);
  });

  it('filters by mechanism, integration type and benefit linkage', async () => {
    expect(notes(await flows('mechanism=paired_assistance'))).toEqual(['f8 in 亿元', 'f9 in 万元']);
    expect(notes(await flows('integration_type=industrial_embedding'))).toEqual(['f5 documented: no figure']);
    expect(notes(await flows('benefit_linkage=risk_sharing,subsidy'))).toEqual(['f5 documented: no figure', 'f8 in 亿元', 'f9 in 万元']);
  });

  it('filters by unit and direction, counting flows from its townships and villages', async () => {
    const into = notes(await flows(`unit=330329&direction=in`));
    expect(into).toEqual(['f1 village to village across counties', 'f10 person-times are not persons', 'f5 documented: no figure', 'f6 modelled', 'f8 in 亿元', 'f9 in 万元']);
    expect(notes(await flows(`unit=330329&direction=out`))).toEqual(['f3 county to county']);
    expect(notes(await flows(`unit=330382001`))).toEqual(['f1 village to village across counties', 'f2 township to township inside one county', 'f7 village directly under a county']);
  });

  it('filters by minimum magnitude in canonical units, keeping documented flows, which have none', async () => {
    expect(notes(await flows('min_magnitude=50'))).toEqual(['f1 village to village across counties', 'f3 county to county', 'f5 documented: no figure', 'f8 in 亿元', 'f9 in 万元']);
    const body = await flows('level=county&factor=labour&basis=observed&min_magnitude=50');
    expect(body.flows.map((f: any) => `${f.origin}>${f.dest}:${f.magnitude}`).sort()).toEqual([`${A}>${B}:100`, `${B}>${A}:50`].sort());
  });

  it('returns GeoJSON lines with ?f=geojson', async () => {
    const r = await fetch(`${world.url}/api/flows?f=geojson&level=county&factor=labour&basis=observed`);
    expect(r.headers.get('content-type')).toMatch(/application\/geo\+json/);
    const fc = await r.json();
    expect(fc.type).toBe('FeatureCollection');
    const ab = fc.features.find((f: any) => f.properties.origin === A && f.properties.dest === B && f.properties.unit === 'persons');
    expect(ab.geometry).toEqual({ type: 'LineString', coordinates: [[120.98, 28.12], [119.72, 27.56]] });
    expect(ab.properties).toMatchObject({ basis: 'observed', sources: ['test.fixture'], origin_name: '乐清市', dest_name: '泰顺县' });
  });

  it('rejects unknown parameters, unknown factors and bad periods with 400', async () => {
    for (const q of ['levle=county', 'factor=gold', 'from=20x0', 'from=2020-02-30', 'from=2022&to=2020', 'direction=in', 'unit=12345', 'min_magnitude=-1']) {
      const r = await getJson(`${world.url}/api/flows?${q}`);
      expect(r.status, q).toBe(400);
      expect(r.body.error.message).toBeTruthy();
    }
  });

  it('answers a filter naming a unit that does not exist with 400', async () => {
    const r = await getJson(`${world.url}/api/flows?unit=110101`);
    expect(r.status).toBe(400);
    expect(r.body.error.message).toContain('110101000000');
  });

  it('answers a repeated request with 304 when the data has not changed', async () => {
    const first = await fetch(`${world.url}/api/flows?level=county`);
    const tag = first.headers.get('etag');
    expect(tag).toBeTruthy();
    const again = await fetch(`${world.url}/api/flows?level=county`, { headers: { 'If-None-Match': tag! } });
    expect(again.status).toBe(304);
  });
});

describe('GET /api/balance, core–periphery and corridors', () => {
  it('returns the balance per county with population and its source', async () => {
    const r = await getJson(`${world.url}/api/balance?level=county&factor=labour&basis=observed`);
    expect(r.status).toBe(200);
    const yueqing = r.body.rows.find((x: any) => x.code === A && x.unit === 'persons');
    expect(yueqing).toMatchObject({ inflow: 60, outflow: 120, net: -60, net_per_resident: -0.06, population_source: 'test.fixture' });
    expect(r.body.sources['test.fixture']).toBeTruthy();
  });

  it('returns core and periphery totals for an urbanisation threshold', async () => {
    const r = await getJson(`${world.url}/api/balance/core-periphery?level=county&factor=labour&basis=observed&threshold=60`);
    expect(r.status).toBe(200);
    const persons = r.body.totals.find((x: any) => x.unit === 'persons');
    expect(persons).toMatchObject({ core_to_periphery: 100, periphery_to_core: 50, net_core_to_periphery: 50 });
    expect(r.body.groups.find((g: any) => g.code === B)).toMatchObject({ group: 'periphery', urbanisation_rate: 44.83 });
  });

  it('requires a core list for rule=list', async () => {
    expect((await getJson(`${world.url}/api/balance/core-periphery?rule=list`)).status).toBe(400);
    const r = await getJson(`${world.url}/api/balance/core-periphery?rule=list&core=330329&factor=labour&basis=observed`);
    expect(r.body.totals.find((x: any) => x.unit === 'persons')).toMatchObject({ core_to_periphery: 50, periphery_to_core: 100 });
  });

  it('returns a unit’s corridors grouped by factor and direction', async () => {
    const r = await getJson(`${world.url}/api/units/330382/corridors?factor=labour&basis=observed`);
    expect(r.status).toBe(200);
    const out = r.body.corridors.find((c: any) => c.direction === 'out' && c.unit === 'persons');
    expect(out.partners.map((p: any) => [p.code, p.magnitude])).toEqual([[B, 100], ['330381000000', 20]]);
  });

  it('answers corridors of an unknown unit with 404', async () => {
    expect((await getJson(`${world.url}/api/units/110101/corridors`)).status).toBe(404);
  });
});

describe('GET /api/indicators', () => {
  it('lists indicators with their unit of measure and source, converted to the indicator’s own unit', async () => {
    const r = await getJson(`${world.url}/api/indicators?unit=330381&indicator=population_resident`);
    expect(r.status).toBe(200);
    expect(r.body.indicators).toEqual([expect.objectContaining({ unit_code: '330381000000', year: 2020, value: 500, unit: 'persons', source_id: 'test.fixture' })]);
    expect(r.body.sources['test.fixture'].title).toBe('Flow test fixture');
  });
});

describe('population used per resident', () => {
  it('takes the population of the year the range ends in, unless told otherwise', async () => {
    // Written through the API, as every write is: it bumps the data version, so no cached answer is reused.
    const auth = { 'Content-Type': 'application/json', Authorization: `Bearer ${WRITE_TOKEN}` };
    const added = await getJson(`${world.url}/api/indicators`, {
      method: 'POST',
      headers: auth,
      body: JSON.stringify({ unit_code: '330382', year: 2023, indicator: 'population_resident', value: 2000, unit: 'persons', basis: 'observed', source_id: 'test.fixture' }),
    });
    expect(added.status).toBe(201);
    const in2020 = await getJson(`${world.url}/api/balance?level=county&factor=labour&basis=observed&to=2020`);
    expect(in2020.body.rows.find((x: any) => x.code === A && x.unit === 'persons')).toMatchObject({ population: 1000, population_year: 2020 });
    const latest = await getJson(`${world.url}/api/balance?level=county&factor=labour&basis=observed`);
    expect(latest.body.rows.find((x: any) => x.code === A && x.unit === 'persons')).toMatchObject({ population: 2000, population_year: 2023, net_per_resident: -0.03 });
    expect((await getJson(`${world.url}/api/indicators/${added.body.indicator.id}`, { method: 'DELETE', headers: auth })).status).toBe(204);
  });
});
