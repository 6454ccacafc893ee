// GET /api/balance in the rows layout, written by the server from the cube's series arrays
// (balance-rows-text.ts): byte for byte the JSON that JSON.stringify wrote from node-postgres's row objects,
// whichever path (cube, qualifier cube, exact) those rows come from.
import { describe, expect, it } from 'vitest';
import { type BalanceArraysRow, figure, writeBalanceRows } from '../server/analysis/balance-rows-text.ts';
import { balanceStatement, unitBalance, unitBalanceRowsText } from '../server/analysis/balance.ts';
import type { FlowScope } from '../server/analysis/flow-scope.ts';
import { getJson, useFixtureServer } from './fixtures/flows/harness.ts';

const world = useFixtureServer();

type CubeScope = FlowScope & { level: 'province' | 'prefecture' | 'county' };

const CUBE_SCOPES: CubeScope[] = [
  { level: 'county' },
  { level: 'prefecture' },
  { level: 'province' },
  { level: 'county', factors: ['labour'], bases: ['observed'] },
  { level: 'county', bases: ['documented'] },
  { level: 'county', from: '2020-01-01', to: '2020-12-31' },
  { level: 'county', to: '2019-12-31', factors: ['labour', 'capital'] },
  // A factor with no flows in the fixture: no rows.
  { level: 'county', factors: ['ecology'], bases: ['documented'] },
];
const QUALIFIER_SCOPES: CubeScope[] = [
  { level: 'county', mechanisms: ['land_linkage'] },
  { level: 'prefecture', integrationTypes: ['industrial_embedding', 'project_driven'] },
];

describe('balance rows written from series arrays', () => {
  it('are byte for byte JSON.stringify of the rows of the cube and of the exact path, for every scope and population year', async () => {
    let rows = 0;
    for (const scope of [...CUBE_SCOPES, ...QUALIFIER_SCOPES]) {
      for (const year of [undefined, 2019, 2020]) {
        const text = await unitBalanceRowsText(world.db, scope, year);
        expect(text, JSON.stringify(scope)).not.toBeNull();
        const exact = await unitBalance(world.db, scope, year, 'exact');
        const label = `${JSON.stringify(scope)} ${year}`;
        expect(text!.rows.toString('utf8'), label).toBe(JSON.stringify(exact));
        expect(text!.rows.toString('utf8'), label).toBe(JSON.stringify(await unitBalance(world.db, scope, year)));
        expect(text!.count, label).toBe(exact.length);
        expect([...text!.sources].sort(), label).toEqual([...new Set(exact.map((r) => r.population_source).filter(Boolean))].sort());
        rows += exact.length;
      }
    }
    expect(rows).toBeGreaterThan(100);
  });

  it('leave the exact path to the row objects (its levels are not bounded)', async () => {
    expect(await unitBalanceRowsText(world.db, { level: 'township' })).toBeNull();
    expect(await unitBalanceRowsText(world.db, { level: 'county', unit: '330382000000' })).toBeNull();
    expect(() => balanceStatement({ level: 'county' }, 'arrays', 'exact')).toThrow(/cube paths/);
  });

  it('write every figure as JSON.stringify writes the number node-postgres reads from the numeric text', () => {
    const figures = ['1e-30', '0.000001', '0.0000001', '123456789012345678901234567890', '1e21', '-0', '0', '12.50', '-7', '"NaN"', 'null', '9007199254740993', '0.1000000000000000055511151231257827'];
    const arrays: BalanceArraysRow = {
      factor: 'capital',
      basis: 'modelled',
      unit: 'cny_10k',
      codes: JSON.stringify(figures.map((_, i) => String(330000000000 + i))),
      inflow: `[${figures.join(', ')}]`,
      outflow: `[${figures.map(() => '1').join(', ')}]`,
      net: `[${figures.join(', ')}]`,
      internal: null,
      inflow_count: `[${figures.map((_, i) => i).join(', ')}]`,
      outflow_count: `[${figures.map(() => 0).join(', ')}]`,
      internal_count: `[${figures.map(() => 0).join(', ')}]`,
      net_per_resident: `[${figures.join(', ')}]`,
      units: JSON.stringify(
        figures.map((_, i) => [String(330000000000 + i), `县"\\\n${i}😀`, i % 2 ? null : `County ${i}`, i % 3 ? 1234567.5 : null, i % 3 ? 2020 : null, i % 3 ? 'src' : null]),
      ),
    };
    const num = (t: string) => (t === 'null' ? null : Number(t.startsWith('"') ? JSON.parse(t) : t));
    const want = figures.map((f, i) => ({
      code: String(330000000000 + i),
      name_zh: `县"\\\n${i}😀`,
      name_en: i % 2 ? null : `County ${i}`,
      factor: 'capital',
      basis: 'modelled',
      unit: 'cny_10k',
      inflow: num(f),
      outflow: 1,
      net: num(f),
      internal: null,
      inflow_count: i,
      outflow_count: 0,
      internal_count: 0,
      population: i % 3 ? 1234567.5 : null,
      population_year: i % 3 ? 2020 : null,
      population_source: i % 3 ? 'src' : null,
      net_per_resident: num(f),
    }));
    const out = writeBalanceRows([arrays]);
    expect(out.rows.toString('utf8')).toBe(JSON.stringify(want));
    expect(out.sources).toEqual(['src']);
  });

  it('write a numeric text as JSON.stringify(Number(text)) for any size, scale, sign and trailing zeros', () => {
    // numeric's own text: no exponent, no leading zeros, as many fraction digits as the scale (so trailing zeros).
    let seed = 7;
    const rand = (n: number) => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) % n);
    const digits = (n: number) => Array.from({ length: n }, () => String(rand(10))).join('');
    const texts = ['0', '-0', '0.000', '-0.000000', '1e21', '100', '100.000', '0.000001', '0.0000001', '0.00000100', '-0.0000009', '123456789012345', '1234567890123456', '999999999999999.9', '9007199254740993', '100000000000000000000', '1000000000000000000000', '0.1000000000000000055511151231257827'];
    for (let i = 0; i < 20_000; i++) {
      const whole = rand(3) === 0 ? '0' : String(1 + rand(9)) + digits(rand(22));
      const frac = rand(4) === 0 ? '' : '.' + '0'.repeat(rand(3) === 0 ? rand(9) : 0) + digits(rand(22)) + '0'.repeat(rand(4));
      texts.push((rand(2) ? '-' : '') + whole + (frac === '.' ? '' : frac));
    }
    for (const t of texts) expect(figure(t), t).toBe(JSON.stringify(t === '1e21' ? 1e21 : Number(t)));
    expect(figure('"NaN"')).toBe('null');
    expect(figure('null')).toBe('null');
  });

  it('refuse arrays whose codes are out of order rather than drop rows', () => {
    const row = (codes: string[]): BalanceArraysRow => ({
      factor: 'labour', basis: 'documented', unit: null, codes: JSON.stringify(codes), inflow: null, outflow: null, net: null, internal: null,
      inflow_count: `[${codes.map(() => 1).join(', ')}]`, outflow_count: `[${codes.map(() => 1).join(', ')}]`, internal_count: `[${codes.map(() => 1).join(', ')}]`,
      net_per_resident: null, units: JSON.stringify(codes.map((c) => [c, 'x', null, null, null, null])),
    });
    expect(writeBalanceRows([row(['330000000001', '330000000002'])]).count).toBe(2);
    expect(() => writeBalanceRows([row(['330000000002', '330000000001'])])).toThrow(/code order/);
  });

  it('answers GET /api/balance (rows) with the rows, sources and notes the row objects gave', async () => {
    const requests: Array<[string, CubeScope, number | undefined]> = [
      ['level=county', { level: 'county' }, undefined],
      ['level=prefecture&factor=labour', { level: 'prefecture', factors: ['labour'] }, undefined],
      ['level=county&mechanism=land_linkage', { level: 'county', mechanisms: ['land_linkage'] }, undefined],
      ['level=county&population_year=2019', { level: 'county' }, 2019],
    ];
    for (const [query, scope, year] of requests) {
      const r = await fetch(`${world.url}/api/balance?${query}`);
      expect(r.status, query).toBe(200);
      const text = await r.text();
      const body = JSON.parse(text);
      // The envelope in the row objects' key order, compact, as JSON.stringify wrote the whole answer.
      expect(text, query).toBe(JSON.stringify(body));
      expect(Object.keys(body), query).toEqual(['level', 'filters', 'rows', 'sources', 'notes']);
      const exact = await unitBalance(world.db, scope, year, 'exact');
      expect(body.rows, query).toEqual(exact);
      expect(Object.keys(body.sources).sort(), query).toEqual([...new Set(exact.map((x) => x.population_source).filter(Boolean))].sort());
      expect(body.notes.length, query).toBe(3);
    }
    const township = await getJson(`${world.url}/api/balance?level=township`);
    expect(township.status).toBe(200);
    expect(township.body.rows.length).toBeGreaterThan(0);
  });
});
