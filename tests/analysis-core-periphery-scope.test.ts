// GET /api/balance/core-periphery?unit=…: only the scope's own units are grouped, flows across its edge are
// summed apart by the inside end's group, and the unscoped answer still groups every unit. A world of its
// own, small enough to add up by hand: 泰顺 (330329) with three townships, 乐清 (330382) with two.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { flowKind } from '../server/flows/flow-records.ts';
import { insertRows } from '../server/flows/record-store.ts';
import { rowsFromCsv } from '../server/flows/upload-parse.ts';
import { getJson, startFactorServer, type FactorServer } from './fixtures/flows/harness.ts';
import { emptyDb, type TestDb } from './support/test-db.ts';

const UNITS = `
INSERT INTO sources (id, title, publisher, licence) VALUES ('test.scope', 'Core scope fixture', 'tests', 'MIT');
INSERT INTO units (code, parent_code, level, name_zh, name_en, point, point_basis, geom_quality, source_id, vintage) VALUES
 ('330000000000', NULL, 'province', '浙江省', 'Zhejiang', NULL, NULL, 'none', 'test.scope', 'test'),
 ('330300000000', '330000000000', 'prefecture', '温州市', 'Wenzhou', NULL, NULL, 'none', 'test.scope', 'test'),
 ('330329000000', '330300000000', 'county', '泰顺县', 'Taishun', NULL, NULL, 'none', 'test.scope', 'test'),
 ('330382000000', '330300000000', 'county', '乐清市', 'Yueqing', NULL, NULL, 'none', 'test.scope', 'test'),
 ('330329100000', '330329000000', 'township', '罗阳镇', 'Luoyang', NULL, NULL, 'none', 'test.scope', 'test'),
 ('330329101000', '330329000000', 'township', '司前畲族镇', 'Siqian', NULL, NULL, 'none', 'test.scope', 'test'),
 ('330329102000', '330329000000', 'township', '百丈镇', 'Baizhang', NULL, NULL, 'none', 'test.scope', 'test'),
 ('330382001000', '330382000000', 'township', '乐成街道', 'Lecheng', NULL, NULL, 'none', 'test.scope', 'test'),
 ('330382002000', '330382000000', 'township', '城东街道', 'Chengdong', NULL, NULL, 'none', 'test.scope', 'test');
`;

// Core 罗阳 (T1); periphery 司前 (T2) and 百丈 (T3); outside 乐成 (Y1) and 城东 (Y2).
const FLOWS = `origin,dest,factor,period,magnitude,magnitude_unit,basis,mechanism,integration_type,benefit_linkage,source_id,note
330329100,330329101,labour,2020,10,persons,observed,,,,test.scope,T1 to T2: core to periphery
330329101,330329100,labour,2020,4,persons,observed,,,,test.scope,T2 to T1: periphery to core
330329101,330329102,labour,2020,3,persons,observed,,,,test.scope,T2 to T3: within periphery
330329100,330382001,labour,2020,20,persons,observed,,,,test.scope,T1 to Y1: core to outside
330382001,330329100,labour,2020,7,persons,observed,,,,test.scope,Y1 to T1: outside to core
330329102,330382001,labour,2020,5,persons,observed,,,,test.scope,T3 to Y1: periphery to outside
330382002,330329101,labour,2020,2,persons,observed,,,,test.scope,Y2 to T2: outside to periphery
330382001,330382002,labour,2020,100,persons,observed,,,,test.scope,Y1 to Y2: both ends outside the scope
330329,330382001,labour,2020,1000,persons,observed,,,,test.scope,泰顺 as a whole: no township to group
330329100,330382002,capital,2022,,,documented,paired_assistance,,,test.scope,T1 to Y2 documented: counted only
`;

let t: TestDb | undefined;
let s: FactorServer | undefined;
beforeAll(async () => {
  t = await emptyDb();
  await t.db.exec(UNITS);
  await t.db.transaction((tx) => insertRows(tx, flowKind, rowsFromCsv(FLOWS, flowKind.fields)));
  s = await startFactorServer(t.db);
});
afterAll(async () => {
  await s?.close();
  await t?.drop();
});

const ask = (query: string) => getJson(`${s!.url}/api/balance/core-periphery?level=township&rule=list&core=330329100&${query}`);
const persons = (body: any) => body.totals.find((x: any) => x.factor === 'labour' && x.unit === 'persons');

describe('core/periphery inside a scope unit', () => {
  it('groups only the county’s own townships and sums the flows across its edge apart', async () => {
    const r = await ask('unit=330329');
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    expect(r.body.scope).toEqual({ code: '330329000000', level: 'county', name_zh: '泰顺县', name_en: 'Taishun' });
    expect(r.body.groups.map((g: any) => [g.code, g.group])).toEqual([
      ['330329100000', 'core'],
      ['330329101000', 'periphery'],
      ['330329102000', 'periphery'],
    ]);
    expect(persons(r.body)).toEqual({
      factor: 'labour',
      basis: 'observed',
      unit: 'persons',
      core_to_periphery: 10,
      periphery_to_core: 4,
      net_core_to_periphery: 6,
      within_core: 0,
      within_periphery: 3,
      core_to_outside: 20,
      outside_to_core: 7,
      periphery_to_outside: 5,
      outside_to_periphery: 2,
      counts: {
        core_to_periphery: 1,
        periphery_to_core: 1,
        within_core: 0,
        within_periphery: 1,
        involving_unclassified: 0,
        core_to_outside: 1,
        outside_to_core: 1,
        periphery_to_outside: 1,
        outside_to_periphery: 1,
      },
    });
  });

  it('counts a documented flow across the edge without a figure', async () => {
    const r = await ask('unit=330329');
    const documented = r.body.totals.find((x: any) => x.basis === 'documented');
    expect(documented).toMatchObject({ core_to_outside: null, outside_to_core: null, counts: { core_to_outside: 1, outside_to_core: 0 } });
  });

  it('keeps the unscoped answer: every township the flows touch is grouped and nothing is outside', async () => {
    const r = await ask('');
    expect(r.status).toBe(200);
    expect(r.body.scope).toBeUndefined();
    expect(r.body.filters.unit).toBeNull();
    expect(r.body.groups.map((g: any) => g.code)).toEqual(['330329100000', '330329101000', '330329102000', '330382001000', '330382002000']);
    const p = persons(r.body);
    expect(p).toMatchObject({ core_to_periphery: 30, periphery_to_core: 11, within_periphery: 110 });
    expect(Object.keys(p).filter((k) => k.includes('outside'))).toEqual([]);
    expect(Object.keys(p.counts).filter((k) => k.includes('outside'))).toEqual([]);
  });

  it('refuses an unknown scope unit', async () => {
    const r = await ask('unit=330399');
    expect(r.status).toBe(400);
    expect(r.body.error.message ?? JSON.stringify(r.body)).toContain('330399000000');
  });

  it('refuses a core unit outside the scope, naming it', async () => {
    const r = await getJson(`${s!.url}/api/balance/core-periphery?level=township&rule=list&core=330329100,330382001&unit=330329`);
    expect(r.status).toBe(400);
    expect(JSON.stringify(r.body)).toContain('330382001000');
    expect(JSON.stringify(r.body)).not.toContain('330329100000');
  });

  it('refuses a scope unit that is not coarser than the level grouped', async () => {
    expect((await ask('unit=330329100')).status).toBe(400);
    expect((await getJson(`${s!.url}/api/balance/core-periphery?level=county&unit=330329`)).status).toBe(400);
  });
});
