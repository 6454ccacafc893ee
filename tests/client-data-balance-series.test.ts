// The client reads the balance in either layout: rows (the default) or series (layout=series), to the same rows.
import { describe, expect, it } from 'vitest';
import { parseBalance } from '../client/src/data/flow-json.ts';

const rowsLayout = {
  rows: [
    { code: '330382000000', name_zh: '乐清市', factor: 'labour', basis: 'observed', unit: 'persons', inflow: 60, outflow: 120, net: -60, population: 1000, net_per_resident: -0.06 },
    { code: '330382000000', name_zh: '乐清市', factor: 'land', basis: 'documented', unit: null, inflow: null, outflow: null, net: null, population: 1000, net_per_resident: null },
    { code: '330329000000', name_zh: '泰顺县', factor: 'labour', basis: 'observed', unit: 'persons', inflow: 120, outflow: 60, net: 60, population: null, net_per_resident: null },
  ],
};
const seriesLayout = {
  layout: 'series',
  units: {
    '330382000000': { name_zh: '乐清市', name_en: 'Yueqing', population: 1000, population_year: 2020, population_source: 'x' },
    '330329000000': { name_zh: '泰顺县', name_en: null, population: null, population_year: null, population_source: null },
  },
  series: [
    { factor: 'labour', basis: 'observed', unit: 'persons', code: ['330329000000', '330382000000'], inflow: [120, 60], outflow: [60, 120], internal: [0, 0], inflow_count: [1, 1], outflow_count: [1, 1], internal_count: [0, 0] },
    { factor: 'land', basis: 'documented', unit: null, code: ['330382000000'], inflow: null, outflow: null, internal: null, inflow_count: [0], outflow_count: [1], internal_count: [0] },
  ],
};

describe('parseBalance', () => {
  it('reads the series layout to the same rows as the rows layout, net and net per resident computed', () => {
    const key = (r: { code: string; factor: string }) => `${r.code}|${r.factor}`;
    const sorted = (rows: ReturnType<typeof parseBalance>) => [...rows].sort((a, b) => key(a).localeCompare(key(b)));
    expect(sorted(parseBalance(seriesLayout))).toEqual(sorted(parseBalance(rowsLayout)));
  });
});
