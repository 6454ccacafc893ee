// GET /api/balance?layout=series: the same balance as the rows layout, each unit once and one series per
// factor, basis and unit, with the figures index by index; on the cube and on the exact path.
import { describe, expect, it } from 'vitest';
import { unitBalance, unitBalanceSeries, unitBalanceSeriesText, type BalanceRow } from '../server/analysis/balance.ts';
import type { FlowScope } from '../server/analysis/flow-scope.ts';
import { getJson, useFixtureServer } from './fixtures/flows/harness.ts';

const world = useFixtureServer();
const A = '330382000000';

type Answer = Awaited<ReturnType<typeof unitBalanceSeries>>;

/** The series answer turned back into rows, in the rows layout's order and shape. */
function asRows({ units, series }: Answer): BalanceRow[] {
  const rows: BalanceRow[] = [];
  for (const s of series) {
    s.code.forEach((code, i) => {
      const u = units[code]!;
      const net = s.inflow && s.outflow ? s.inflow[i]! - s.outflow[i]! : null;
      rows.push({
        code, name_zh: u.name_zh, name_en: u.name_en, factor: s.factor, basis: s.basis, unit: s.unit,
        inflow: s.inflow?.[i] ?? null, outflow: s.outflow?.[i] ?? null, net, internal: s.internal?.[i] ?? null,
        inflow_count: s.inflow_count[i]!, outflow_count: s.outflow_count[i]!, internal_count: s.internal_count[i]!,
        population: u.population, population_year: u.population_year, population_source: u.population_source,
        net_per_resident: net === null || !u.population ? null : net / u.population,
      });
    });
  }
  const key = (r: BalanceRow) => [r.code, r.factor, r.basis, r.unit ?? '~'].join('|');
  return rows.sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0));
}

const SCOPES: Array<FlowScope & { level: 'province' | 'prefecture' | 'county' | 'township' }> = [
  { level: 'county' },
  { level: 'county', factors: ['labour'], bases: ['observed'] },
  { level: 'county', from: '2020-01-01', to: '2020-12-31' },
  { level: 'prefecture' },
  { level: 'township' },
  { level: 'county', mechanisms: ['land_linkage'] },
];

describe('balance as series', () => {
  it('holds exactly the figures of the rows layout, unit by unit, on the cube and on the exact path, for the population year asked for', async () => {
    let compared = 0;
    let withoutPopulation = 0;
    for (const [scope, year] of [...SCOPES.map((s) => [s, undefined] as const), [SCOPES[0]!, 2019] as const, [SCOPES[5]!, 2019] as const]) {
      for (const path of ['cube', 'exact'] as const) {
        if (path === 'cube' && (scope.level === 'township' || scope.mechanisms)) continue;
        const rows = await unitBalance(world.db, scope, year, path);
        const series = await unitBalanceSeries(world.db, scope, year, path);
        if (year) withoutPopulation += Object.values(series.units).filter((u) => u.population === null).length;
        const back = asRows(series);
        expect(back.length, `${path} ${JSON.stringify(scope)}`).toBe(rows.length);
        back.forEach((r, i) => {
          const want = rows[i]!;
          expect({ ...r, net: r.net === null ? null : Number(r.net.toFixed(6)), net_per_resident: r.net_per_resident === null ? null : Number(r.net_per_resident.toFixed(9)) }, `${path} ${JSON.stringify(scope)} row ${i}`).toEqual({
            ...want,
            net: want.net === null ? null : Number(want.net.toFixed(6)),
            net_per_resident: want.net_per_resident === null ? null : Number(want.net_per_resident.toFixed(9)),
          });
        });
        compared += rows.length;
      }
    }
    expect(compared).toBeGreaterThan(10);
    // The fixture's populations are of 2020: asked for 2019, the units have none.
    expect(withoutPopulation).toBeGreaterThan(0);
  });

  it('is written by the database as compact JSON, byte for byte what JSON.stringify writes, citing the population sources of its units', async () => {
    for (const scope of SCOPES) {
      const text = await unitBalanceSeriesText(world.db, scope);
      const units = JSON.parse(text.units);
      const series = JSON.parse(text.series);
      expect(text.units, JSON.stringify(scope)).toBe(JSON.stringify(units));
      expect(text.series, JSON.stringify(scope)).toBe(JSON.stringify(series));
      const cited = [...new Set(Object.values(units).map((u: any) => u.population_source).filter(Boolean))].sort();
      expect([...text.sources].sort(), JSON.stringify(scope)).toEqual(cited);
    }
  });

  it('answers GET /api/balance?layout=series with each unit once, documented series without figures, and the population sources', async () => {
    const r = await getJson(`${world.url}/api/balance?level=county&layout=series`);
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    expect(r.body.layout).toBe('series');
    expect(r.body.rows).toBeUndefined();
    expect(r.body.units[A]).toMatchObject({ name_zh: '乐清市', population_source: 'test.fixture' });
    expect(r.body.sources['test.fixture']).toBeTruthy();
    const labour = r.body.series.find((s: any) => s.factor === 'labour' && s.basis === 'observed' && s.unit === 'persons');
    const i = labour.code.indexOf(A);
    expect([labour.inflow[i], labour.outflow[i]]).toEqual([60, 120]);
    const documented = r.body.series.filter((s: any) => s.basis === 'documented');
    expect(documented.length).toBeGreaterThan(0);
    for (const s of documented) expect([s.inflow, s.outflow, s.internal, s.unit]).toEqual([null, null, null, null]);
    for (const s of r.body.series) {
      expect(new Set(s.code).size).toBe(s.code.length);
      expect(s.code, `${s.factor} ${s.basis} ${s.unit}: codes in code order`).toEqual([...s.code].sort());
    }
  });

  it('rejects an unknown layout with 400', async () => {
    const r = await getJson(`${world.url}/api/balance?level=county&layout=columns`);
    expect(r.status).toBe(400);
    expect(JSON.stringify(r.body)).toMatch(/layout/);
  });
});
