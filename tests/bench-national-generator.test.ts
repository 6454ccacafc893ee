// The national benchmark's synthetic data, at a small scale: the generator is deterministic for a seed and
// follows its documented parameters, everything it writes is flagged synthetic and cites a source that says
// so, and the public API never shows it (while the benchmark, asking explicitly, does).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { unitBalance } from '../server/analysis/balance.ts';
import type { Running } from '../server/start.ts';
import { countyPlaces } from '../bench/national/build.ts';
import { type CountyPlaces, type FlowBatch, syntheticFlows } from '../bench/national/flows.ts';
import { showingSynthetic } from '../bench/national/synthetic-shim.ts';
import { DEFAULT_PARAMS, SYNTHETIC_SOURCE_ID, type GeneratorParams } from '../bench/national/params.ts';
import { insertFlowBatch, upsertSyntheticSource } from '../bench/national/synthetic-load.ts';
import { townSeatsGeoJson } from '../bench/national/town-seats.ts';
import { syntheticVillages, type TownshipSeat } from '../bench/national/villages.ts';
import { seededDb, type TestDb } from './support/test-db.ts';
import { startTestServer } from './support/test-server.ts';

// measure_units.to_canonical as 002_flows.sql sets it, for the units the default magnitude laws use.
const TO_CANONICAL = new Map([
  ['persons', 1],
  ['persons_10k', 10000],
  ['cny', 0.0001],
  ['cny_10k', 1],
  ['cny_100m', 10000],
  ['hectares', 1],
  ['mu', 0.0666666666666667],
  ['items', 1],
]);

/** Thirty made-up counties on a 0.5° grid, each with 3 townships of 5 villages (a few with none). */
function gridPlaces(): CountyPlaces[] {
  return Array.from({ length: 30 }, (_, i) => {
    const county = `3301${String(i + 10).padStart(2, '0')}`;
    const townships = i % 7 === 3 ? [] : [1, 2, 3].map((t) => `${county}10${t}000`);
    return {
      code: `${county}000000`,
      lon: 118 + (i % 6) * 0.5,
      lat: 28 + Math.floor(i / 6) * 0.5,
      townships,
      villages: townships.flatMap((t) => [1, 2, 3, 4, 5].map((v) => `${t.slice(0, 9)}90${v}`)),
    };
  });
}

const small = (over: Partial<GeneratorParams> = {}): GeneratorParams => ({ ...DEFAULT_PARAMS, flows: 5_000, ...over });
const collect = (it: Iterable<FlowBatch>) => [...it].flatMap((b) => b.origin.map((_, i) => Object.fromEntries(Object.entries(b).map(([k, v]) => [k, (v as unknown[])[i]]))));

describe('synthetic villages', () => {
  const seats: TownshipSeat[] = [
    { code: '330329101000', lon: 119.72, lat: 27.55 },
    { code: '330329102000', lon: null, lat: null },
  ];

  it('are the same for the same seed and differ for another seed', () => {
    const a = syntheticVillages(seats, DEFAULT_PARAMS);
    expect(syntheticVillages(seats, DEFAULT_PARAMS)).toEqual(a);
    expect(syntheticVillages(seats, { ...DEFAULT_PARAMS, seed: DEFAULT_PARAMS.seed + 1 })).not.toEqual(a);
  });

  it('sit under their township with codes ending 901–999, named as synthetic, within the radius of the seat', () => {
    const villages = syntheticVillages(seats, DEFAULT_PARAMS);
    for (const t of seats) {
      const mine = villages.filter((v) => v.parentCode === t.code);
      expect(mine.length).toBeGreaterThanOrEqual(DEFAULT_PARAMS.villagesPerTownship.min);
      expect(mine.length).toBeLessThanOrEqual(DEFAULT_PARAMS.villagesPerTownship.max);
      for (const v of mine) {
        expect(v.code).toMatch(new RegExp(`^${t.code.slice(0, 9)}9\\d\\d$`));
        expect(v.nameEn).toMatch(/^Synthetic village/);
        if (t.lon === null) expect(v.lon).toBeNull();
        else {
          const km = Math.hypot((v.lon! - t.lon) * 111.32 * Math.cos((t.lat! * Math.PI) / 180), (v.lat! - t.lat!) * 110.574);
          expect(km).toBeLessThanOrEqual(DEFAULT_PARAMS.villageRadiusKm + 0.01);
        }
      }
    }
  });
});

describe('synthetic flows', () => {
  const places = gridPlaces();

  it('are the same, batch for batch, for the same seed, and differ for another seed', () => {
    const a = [...syntheticFlows(places, small(), TO_CANONICAL, 1_000)];
    expect(a).toHaveLength(5);
    expect([...syntheticFlows(places, small(), TO_CANONICAL, 1_000)]).toEqual(a);
    expect([...syntheticFlows(places, small({ seed: 7 }), TO_CANONICAL, 1_000)]).not.toEqual(a);
  });

  it('never join a unit to itself or repeat a natural key, and documented flows carry no figure', () => {
    const flows = collect(syntheticFlows(places, small(), TO_CANONICAL));
    expect(flows).toHaveLength(5_000);
    const keys = new Set(flows.map((f) => [f.origin, f.dest, f.factor, f.periodStart, f.periodEnd, f.basis, f.mechanism].join('|')));
    expect(keys.size).toBe(flows.length);
    for (const f of flows) {
      expect(f.origin).not.toBe(f.dest);
      expect(f.magnitude === null).toBe(f.basis === 'documented');
      expect(f.magnitudeUnit === null).toBe(f.basis === 'documented');
    }
  });

  it('follow the documented mix of factors and bases, levels of ends, periods and units', () => {
    const p = small({ flows: 20_000 });
    const flows = collect(syntheticFlows(places, p, TO_CANONICAL));
    const share = (pred: (f: Record<string, unknown>) => boolean) => flows.filter(pred).length / flows.length;
    for (const [factor, w] of p.factors) expect(share((f) => f.factor === factor)).toBeCloseTo(w, 1);
    for (const [basis, w] of p.bases) expect(share((f) => f.basis === basis)).toBeCloseTo(w, 1);
    // A village code ends in 9NN; counties without villages give townships or themselves instead.
    expect(share((f) => /9\d\d$/.test(f.origin as string))).toBeGreaterThan(0.5);
    expect(share((f) => (f.origin as string).endsWith('000000'))).toBeGreaterThan(0.05);
    for (const f of flows) {
      expect(Number((f.periodStart as string).slice(0, 4))).toBeGreaterThanOrEqual(p.years.first);
      expect(Number((f.periodEnd as string).slice(0, 4))).toBeLessThanOrEqual(p.years.last);
      if (f.magnitudeUnit) expect(p.magnitudes[f.factor as keyof typeof p.magnitudes].statedAs.map(([u]) => u)).toContain(f.magnitudeUnit);
    }
    // Log-normal magnitudes: the median labour flow, in persons, is near the law's median.
    const labour = flows.filter((f) => f.factor === 'labour' && f.magnitude !== null).map((f) => Number(f.magnitude) * TO_CANONICAL.get(f.magnitudeUnit as string)!);
    labour.sort((x, y) => x - y);
    expect(labour[labour.length >> 1]).toBeGreaterThan(p.magnitudes.labour.median * 0.8);
    expect(labour[labour.length >> 1]).toBeLessThan(p.magnitudes.labour.median * 1.25);
  });
});

describe('township seats for the importer', () => {
  it('hang each township under the finest unit held and leave out codes that are not township codes', () => {
    const csv = [
      'code,parent,name,level,longitude,latitude',
      '330329101000,330329000000,罗阳镇,town,119.71,27.55',
      '330399101000,330399000000,旧县镇,town,,',
      '110228101000,110228000000,旧区镇,town,116.8,40.3',
      '653130103001,653130000000,三岔口镇,town,78.44,39.95',
      '990101101000,990101000000,无处镇,town,100,30',
    ].join('\n');
    const held = new Set(['330000000000', '330300000000', '330329000000', '110000000000']);
    const r = townSeatsGeoJson(csv, held);
    const parents = Object.fromEntries((r.geojson.features as { properties: { code: string; parent_code: string } }[]).map((f) => [f.properties.code, f.properties.parent_code]));
    expect(parents).toEqual({ '330329101000': '330329000000', '330399101000': '330300000000', '110228101000': '110000000000' });
    expect(r).toMatchObject({ townships: 3, withSeat: 2, parents: { county: 1, prefecture: 1, province: 1, none: 1 } });
    expect(r.skipped).toEqual(['653130103001 三岔口镇: not a township code']);
  });
});

describe('synthetic flows in a database', () => {
  let t: TestDb;
  let plain: Running;
  let shown: Running;
  let loaded = 0;
  const get = async (s: Running, path: string) => {
    const r = await fetch(s.url + path);
    expect(r.status).toBe(200);
    return (await r.json()) as Record<string, unknown>;
  };
  const before: Record<string, unknown> = {};
  const PATHS = ['/api/flows', '/api/flows?level=county', '/api/balance?level=county', '/api/balance?level=township'];

  beforeAll(async () => {
    t = await seededDb();
    plain = await startTestServer(t.db);
    for (const p of PATHS) before[p] = await get(plain, p);
    await upsertSyntheticSource(t.db, small());
    const toCanonical = new Map((await t.db.query<{ key: string; f: number }>('SELECT key, to_canonical AS f FROM measure_units')).map((r) => [r.key, Number(r.f)]));
    for (const batch of syntheticFlows(await countyPlaces(t.db), small({ flows: 2_000 }), toCanonical, 500)) loaded += await insertFlowBatch(t.db, batch);
    await t.db.query('UPDATE data_version SET version = version + 1');
    shown = await startTestServer(showingSynthetic(t.db));
  });
  afterAll(async () => {
    await shown?.close();
    await plain?.close();
    await t?.drop();
  });

  it('the seeded demo holds no synthetic flows and nothing from the synthetic source', async () => {
    const fresh = await seededDb();
    try {
      const [r] = await fresh.db.query<{ flows: number; units: number; sources: number }>(
        `SELECT (SELECT count(*) FROM flows WHERE synthetic OR source_id = $1)::int AS flows,
                (SELECT count(*) FROM units WHERE source_id = $1 OR point_source_id = $1)::int AS units,
                (SELECT count(*) FROM sources WHERE id = $1)::int AS sources`,
        [SYNTHETIC_SOURCE_ID],
      );
      expect(r).toEqual({ flows: 0, units: 0, sources: 0 });
    } finally {
      await fresh.drop();
    }
  });

  it('flags every loaded flow synthetic, under a source whose title says it is not real', async () => {
    expect(loaded).toBe(2_000);
    const [r] = await t.db.query<{ n: number; synthetic: number; title: string }>(
      'SELECT count(*)::int AS n, count(*) FILTER (WHERE f.synthetic)::int AS synthetic, min(s.title) AS title FROM flows f JOIN sources s ON s.id = f.source_id WHERE f.source_id = $1',
      [SYNTHETIC_SOURCE_ID],
    );
    expect(r).toMatchObject({ n: 2_000, synthetic: 2_000 });
    expect(r!.title).toMatch(/^SYNTHETIC .*not real/);
  });

  it('never shows them through the public API: every route answers as before they were loaded', async () => {
    for (const p of PATHS) expect(await get(plain, p), p).toEqual(before[p]);
  });

  it('shows them to the analysis only when asked, as the benchmark does', async () => {
    const hidden = await unitBalance(t.db, { level: 'county' });
    const all = await unitBalance(t.db, { level: 'county', includeSynthetic: true });
    const count = (rows: typeof all) => rows.reduce((s, r) => s + r.inflow_count + r.outflow_count + r.internal_count, 0);
    expect(count(all)).toBeGreaterThan(count(hidden) + 1_000);
    const viaShim = (await get(shown, '/api/balance?level=county')).rows as unknown[];
    expect(viaShim).toEqual(JSON.parse(JSON.stringify(all)));
  });
});
