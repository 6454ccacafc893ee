// Roll-up and balance arithmetic on the hand-checked fixture (tests/fixtures/flows/flows.csv). Every
// expected number below is worked out by hand in the comments from that file.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { emptyDb, type TestDb } from './support/test-db.ts';
import { loadFixture } from './fixtures/flows/harness.ts';
import { corePeriphery, corridors, unitBalance } from '../server/analysis/balance.ts';
import { readFlows } from '../server/flows/flow-read.ts';

const A = '330382000000'; // 乐清
const B = '330329000000'; // 泰顺
const C = '330381000000'; // 瑞安
const E = '330383000000'; // 龙港
const A1 = '330382001000';
const A2 = '330382002000';
const B1 = '330329100000';

let t: TestDb;
beforeAll(async () => {
  t = await emptyDb();
  await loadFixture(t.db);
});
afterAll(async () => t?.drop());

const row = (rows: { code: string; factor: string; basis: string; unit: string | null }[], code: string, factor: string, basis: string, unit: string | null) =>
  rows.find((r) => r.code === code && r.factor === factor && r.basis === basis && r.unit === unit);

describe('roll-up through the hierarchy', () => {
  it('sums village and township flows into county-to-county flows', async () => {
    const read = await readFlows(t.db, { level: 'county', factors: ['labour'], bases: ['observed'] }, { limit: 100 });
    if (read.mode !== 'aggregated') throw new Error('expected aggregated flows');
    const edge = (o: string, d: string, unit = 'persons') => read.flows.find((f) => f.origin === o && f.dest === d && f.unit === unit && !f.internal);
    // f1 (village 330382001001 → village 330329100201) becomes 乐清 → 泰顺.
    expect(edge(A, B)).toMatchObject({ magnitude: 100, count: 1 });
    expect(edge(B, A)).toMatchObject({ magnitude: 50, count: 1 }); // f3
    expect(edge(A2.slice(0, 6).padEnd(12, '0'), C)).toMatchObject({ magnitude: 20 }); // f4, township rolled to 乐清
    expect(edge(E, A)).toMatchObject({ magnitude: 10 }); // f7, a village directly under 龙港
  });

  it('counts a flow inside one parent as internal at that level, never as a self-loop', async () => {
    const read = await readFlows(t.db, { level: 'county', factors: ['labour'], bases: ['observed'] }, { limit: 100 });
    if (read.mode !== 'aggregated') throw new Error('expected aggregated flows');
    const internal = read.flows.filter((f) => f.internal);
    expect(internal).toEqual([expect.objectContaining({ origin: A, dest: A, magnitude: 30, count: 1 })]); // f2
    const prefecture = await readFlows(t.db, { level: 'prefecture', factors: ['labour'], bases: ['observed'], to: '2020-12-31' }, { limit: 100 });
    if (prefecture.mode !== 'aggregated') throw new Error('expected aggregated flows');
    // Every 2020 observed labour flow stays inside 温州市 (persons: 100 + 30 + 50 + 20 = 200).
    expect(prefecture.flows.filter((f) => !f.internal)).toEqual([]);
    expect(prefecture.flows.find((f) => f.unit === 'persons')).toMatchObject({ origin: '330300000000', internal: true, magnitude: 200, count: 4 });
  });

  it('keeps an end coarser than the requested level as it is, and stops a chain that skips the level above it', async () => {
    const read = await readFlows(t.db, { level: 'township', factors: ['labour'], bases: ['observed'] }, { limit: 100 });
    if (read.mode !== 'aggregated') throw new Error('expected aggregated flows');
    const pairs = read.flows.filter((f) => f.unit === 'persons').map((f) => `${f.origin}>${f.dest}:${f.magnitude}`).sort();
    expect(pairs).toEqual([`${A1}>${A2}:30`, `${A1}>${B1}:100`, `${A2}>${C}:20`, `${B}>${A}:50`, `${E}>${A1}:10`].sort());
  });
});

describe('net balance', () => {
  it('computes inflow, outflow, net and net per resident per county on the hand-checked fixture', async () => {
    const rows = await unitBalance(t.db, { level: 'county', factors: ['labour'], bases: ['observed'] });
    // 乐清: out f1 100 + f4 20 = 120, in f3 50 + f7 10 = 60, net −60, internal f2 30; 1,000 residents.
    expect(row(rows, A, 'labour', 'observed', 'persons')).toMatchObject({
      inflow: 60, outflow: 120, net: -60, internal: 30, inflow_count: 2, outflow_count: 2, internal_count: 1, population: 1000, net_per_resident: -0.06,
    });
    // 泰顺: in f1 100, out f3 50, net +50; 200 residents → 0.25.
    expect(row(rows, B, 'labour', 'observed', 'persons')).toMatchObject({ inflow: 100, outflow: 50, net: 50, population: 200, net_per_resident: 0.25 });
    // 瑞安: in f4 20; population given as 0.05 万人 = 500 persons → 0.04.
    expect(row(rows, C, 'labour', 'observed', 'persons')).toMatchObject({ inflow: 20, outflow: 0, net: 20, population: 500, net_per_resident: 0.04 });
    // 龙港: out f7 10; no population known, so no per-resident figure.
    expect(row(rows, E, 'labour', 'observed', 'persons')).toMatchObject({ inflow: 0, outflow: 10, net: -10, population: null, net_per_resident: null });
    // f10 is in person-times: its own row, never added to persons.
    expect(row(rows, B, 'labour', 'observed', 'person_times')).toMatchObject({ inflow: 40, net: 40 });
  });

  it('restricts the balance to flows whose period overlaps the requested range', async () => {
    const rows = await unitBalance(t.db, { level: 'county', factors: ['labour'], bases: ['observed'], from: '2020-01-01', to: '2020-12-31' });
    // Without f7 (2021), 乐清 receives only f3: net 50 − 120 = −70.
    expect(row(rows, A, 'labour', 'observed', 'persons')).toMatchObject({ inflow: 50, outflow: 120, net: -70 });
    expect(row(rows, E, 'labour', 'observed', 'persons')).toBeUndefined();
  });

  it('converts money to one canonical unit before adding it up', async () => {
    const rows = await unitBalance(t.db, { level: 'county', factors: ['capital'], bases: ['observed'] });
    // f8 1 亿元 = 10,000 万元, plus f9 500 万元.
    expect(row(rows, B, 'capital', 'observed', 'cny_10k')).toMatchObject({ inflow: 10500, net: 10500, inflow_count: 2 });
  });

  it('gives documented flows counts but never a magnitude', async () => {
    const rows = await unitBalance(t.db, { level: 'county', bases: ['documented'] });
    expect(row(rows, B, 'capital', 'documented', null)).toMatchObject({ inflow: null, outflow: null, net: null, net_per_resident: null, inflow_count: 1 });
    expect(row(rows, A, 'capital', 'documented', null)).toMatchObject({ inflow: null, outflow: null, outflow_count: 1 });
  });

  it('keeps modelled flows apart from observed ones', async () => {
    const rows = await unitBalance(t.db, { level: 'county', factors: ['labour'] });
    expect(row(rows, B, 'labour', 'modelled', 'persons')).toMatchObject({ inflow: 7, net: 7 });
    expect(row(rows, B, 'labour', 'observed', 'persons')).toMatchObject({ inflow: 100 });
  });

  it('balances townships from the flows that can be split to them', async () => {
    const rows = await unitBalance(t.db, { level: 'township', factors: ['labour'], bases: ['observed'] });
    // 乐成街道: out f1 100 + f2 30, in f7 10 → −120. 城东街道: in f2 30, out f4 20 → +10. 罗阳镇: in f1 100.
    expect(row(rows, A1, 'labour', 'observed', 'persons')).toMatchObject({ inflow: 10, outflow: 130, net: -120 });
    expect(row(rows, A2, 'labour', 'observed', 'persons')).toMatchObject({ inflow: 30, outflow: 20, net: 10 });
    expect(row(rows, B1, 'labour', 'observed', 'persons')).toMatchObject({ inflow: 100, outflow: 0, net: 100 });
    // County-to-county flows cannot be split to townships, so no county appears at township level.
    expect(rows.map((r) => r.code)).not.toContain(A);
  });
});

describe('core and periphery', () => {
  it('reports the drain between groups chosen by an urbanisation threshold', async () => {
    const rows = await corePeriphery(t.db, { level: 'county', factors: ['labour'] }, { rule: 'urbanisation', threshold: 60 });
    const groups = Object.fromEntries(rows.filter((r) => r.row_kind === 'unit').map((r) => [r.code, r.grp]));
    expect(groups).toEqual({ [A]: 'core', [B]: 'periphery', [C]: 'core', [E]: 'core' });
    const observed = rows.find((r) => r.row_kind === 'total' && r.basis === 'observed' && r.unit === 'persons');
    // core→periphery: f1 100; periphery→core: f3 50; within core: f4 20 + f7 10; f2 is internal.
    expect(observed).toMatchObject({ core_to_periphery: 100, periphery_to_core: 50, within_core: 30, within_periphery: null });
    const modelled = rows.find((r) => r.row_kind === 'total' && r.basis === 'modelled');
    expect(modelled).toMatchObject({ core_to_periphery: 7, core_to_periphery_count: 1 });
  });

  it('groups by an explicit list of core units', async () => {
    const rows = await corePeriphery(t.db, { level: 'county', factors: ['labour'], bases: ['observed'] }, { rule: 'list', core: [B] });
    const observed = rows.find((r) => r.row_kind === 'total' && r.unit === 'persons');
    // 泰顺 alone is core: core→periphery f3 50; periphery→core f1 100; within periphery f4 20 + f7 10.
    expect(observed).toMatchObject({ core_to_periphery: 50, periphery_to_core: 100, within_periphery: 30 });
  });
});

describe('corridors', () => {
  it('ranks a county’s partners in and out per factor', async () => {
    const rows = await corridors(t.db, { level: 'county', unit: A }, 5);
    const out = rows.filter((r) => r.direction === 'out' && r.factor === 'labour' && r.basis === 'observed' && r.unit === 'persons');
    expect(out.map((r) => [r.partner, r.magnitude, r.rank])).toEqual([[B, 100, 1], [C, 20, 2]]);
    const inn = rows.filter((r) => r.direction === 'in' && r.factor === 'labour' && r.basis === 'observed' && r.unit === 'persons');
    expect(inn.map((r) => [r.partner, r.magnitude])).toEqual([[B, 50], [E, 10]]);
    const documented = rows.find((r) => r.basis === 'documented');
    expect(documented).toMatchObject({ direction: 'out', partner: B, magnitude: null, count: 1 });
  });
});
