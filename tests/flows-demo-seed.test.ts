// The demo's flows, alliances, indicators and modelled layer on the real Wenzhou units: real first,
// documented flows without figures, modelled flows labelled as such, and a seed that can run twice.
import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seededDb, type TestDb } from './support/test-db.ts';
import { fixturePath, getJson, startFactorServer, type FactorServer } from './fixtures/flows/harness.ts';
import { seedFactorDemo, type FactorSeedReport } from '../server/flows/seed-factor-demo.ts';

let t: TestDb;
let s: FactorServer;
let report: FactorSeedReport;
beforeAll(async () => {
  t = await seededDb();
  report = await seedFactorDemo(t.db);
  s = await startFactorServer(t.db);
});
afterAll(async () => {
  await s?.close();
  await t?.drop();
});

const YUEQING = '330382000000';
const TAISHUN = '330329000000';
const RUIAN = '330381000000';
const DONGTOU = '330305000000';

describe('the factor demo seed', () => {
  it('loads every committed row, skipping none, on the real Wenzhou units', () => {
    expect(report.skipped).toEqual([]);
    expect(report.flows).toBe(11);
    expect(report.alliances).toBe(9);
    expect(report.indicators).toBe(123);
    expect(report.modelled.county).toBeGreaterThan(100);
    expect(report.modelled.township).toBeGreaterThan(500);
  });

  it('stores the seed case study’s flows as documented, without magnitude, citing the seed document', async () => {
    const rows = await t.db.query<{ origin_code: string; dest_code: string; factor: string; mechanism: string; magnitude: number | null; basis: string }>(
      "SELECT origin_code, dest_code, factor, mechanism, magnitude, basis FROM flows WHERE source_id = 'seed.wenzhou-case-study' ORDER BY origin_code, factor, mechanism",
    );
    expect(rows.map((r) => [r.origin_code, r.dest_code, r.factor, r.mechanism])).toEqual([
      [RUIAN, DONGTOU, 'capital', 'capital_pooling'],
      [RUIAN, DONGTOU, 'capital', 'industrial_linkage'],
      [YUEQING, TAISHUN, 'capital', 'industrial_linkage'],
      [YUEQING, TAISHUN, 'labour', 'talent_rotation'],
      [YUEQING, TAISHUN, 'land', 'land_linkage'],
    ]);
    expect(rows.every((r) => r.basis === 'documented' && r.magnitude === null)).toBe(true);
  });

  it('serves Yueqing → Taishun and Ruian → Dongtou at county level with basis and source', async () => {
    const r = await getJson(`${s.url}/api/flows?level=county&basis=documented`);
    const find = (o: string, d: string) => r.body.flows.filter((f: any) => f.origin === o && f.dest === d);
    expect(find(YUEQING, TAISHUN).map((f: any) => f.factor).sort()).toEqual(['capital', 'labour', 'land']);
    expect(find(RUIAN, DONGTOU)).toEqual([expect.objectContaining({ factor: 'capital', count: 2, magnitude: null, sources: ['seed.wenzhou-case-study'] })]);
    expect(r.body.locations.find((l: any) => l.id === TAISHUN)).toMatchObject({ name: '泰顺县' });
  });

  it('lists the official pairs and the seed’s two study pairings, each with its source', async () => {
    const r = await getJson(`${s.url}/api/alliances`);
    const pairs = r.body.alliances.map((a: any) => `${a.programme}:${a.a.name_zh}–${a.b.name_zh}:${a.start_year ?? ''}`);
    expect(pairs).toEqual(
      expect.arrayContaining([
        'mountain_sea:鹿城区–泰顺县:2018',
        'mountain_sea:瑞安市–文成县:2002',
        'mountain_sea:乐清市–平阳县:2007',
        'mountain_sea:龙湾区–苍南县:2007',
        'integration_agreement:瑞安市–瓯海区:2023',
        'east_west:乐清市–壤塘县:2018',
        'east_west:乐清市–理县:2021',
        'study_pairing:乐清市–泰顺县:',
        'study_pairing:瑞安市–洞头区:',
      ]),
    );
    for (const a of r.body.alliances) expect(r.body.sources[a.source]).toBeTruthy();
  });

  it('converts published 万人 to persons and keeps each figure’s source', async () => {
    const r = await getJson(`${s.url}/api/indicators?unit=330302&indicator=population_resident`);
    expect(r.body.indicators.map((i: any) => [i.year, i.value, i.unit, i.source_id])).toEqual([
      [2020, 1167165, 'persons', 'census-2020-county'],
      [2021, 1189500, 'persons', 'wenzhou-stats-2021'],
      [2023, 1209400, 'persons', 'wenzhou-stats-2023-mirror'],
    ]);
  });

  it('labels every modelled flow modelled, under a source that names the model', async () => {
    const rows = await t.db.query<{ basis: string; source_id: string; title: string; n: number }>(
      "SELECT f.basis, f.source_id, s.title, count(*)::int AS n FROM flows f JOIN sources s ON s.id = f.source_id WHERE f.source_id LIKE 'model.%' GROUP BY 1, 2, 3 ORDER BY 2",
    );
    expect(rows.map((r) => [r.basis, r.source_id])).toEqual([
      ['modelled', 'model.gravity-labour-county.v1'],
      ['modelled', 'model.gravity-labour-township.v1'],
    ]);
    expect(rows[0]!.title).toMatch(/gravity model/);
    const observedFromModel = await t.db.query("SELECT 1 FROM flows WHERE source_id LIKE 'model.%' AND basis <> 'modelled'");
    expect(observedFromModel).toEqual([]);
  });

  it('keeps modelled township flows inside their county, so they are internal at county level', async () => {
    const r = await getJson(`${s.url}/api/flows?level=county&basis=modelled&factor=labour`);
    const internalTotal = r.body.internal.reduce((sum: number, i: any) => sum + i.magnitude, 0);
    const total = (await t.db.query<{ total: number }>("SELECT sum(magnitude)::float8 AS total FROM flows WHERE source_id = 'model.gravity-labour-township.v1'"))[0]!.total;
    expect(internalTotal).toBeCloseTo(total, 6);
  });

  it('reproduces the county model’s stored flows (golden file; UPDATE_GOLDEN=1 rewrites it)', async () => {
    const rows = await t.db.query<{ origin: string; dest: string; magnitude: number }>(
      "SELECT substr(origin_code, 1, 6) AS origin, substr(dest_code, 1, 6) AS dest, magnitude FROM flows WHERE source_id = 'model.gravity-labour-county.v1' ORDER BY 1, 2",
    );
    const csv = ['origin,dest,persons', ...rows.map((r) => `${r.origin},${r.dest},${r.magnitude}`)].join('\n') + '\n';
    const golden = fixturePath('model-county.golden.csv');
    if (process.env.UPDATE_GOLDEN === '1' || !fs.existsSync(golden)) fs.writeFileSync(golden, csv);
    expect(csv).toBe(fs.readFileSync(golden, 'utf8'));
  });

  it('can run twice and ends with the same rows', async () => {
    const count = async () => (await t.db.query<{ n: number }>('SELECT (SELECT count(*) FROM flows) + (SELECT count(*) FROM alliances) + (SELECT count(*) FROM indicators) AS n'))[0]!.n;
    const before = await count();
    await seedFactorDemo(t.db);
    expect(await count()).toBe(before);
  });
});
