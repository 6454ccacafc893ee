import { describe, expect, it } from 'vitest';
import { buildChoropleth } from '../client/src/data/balance-classes.ts';
import { balancePath, buildLevelChoropleth, codePrefix, drawnAsFor, isEmptyChoropleth, rowsWithin } from '../client/src/data/drill-balance.ts';
import { parseBalance } from '../client/src/data/flow-json.ts';

const rows = parseBalance({
  rows: [
    // 泰顺's townships (whole figures), a partner township in 乐清 (partial: only its flows with 泰顺) and 泰顺 itself.
    { code: '330329100000', name_zh: '罗阳镇', factor: 'labour', basis: 'modelled', unit: 'persons', inflow: 900, outflow: 100, net: 800, population: null, net_per_resident: null },
    { code: '330329101000', name_zh: '司前畲族镇', factor: 'labour', basis: 'modelled', unit: 'persons', inflow: 0, outflow: 300, net: -300, population: null, net_per_resident: null },
    { code: '330329102000', name_zh: '百丈镇', factor: 'labour', basis: 'modelled', unit: 'persons', inflow: 10, outflow: 500, net: -490, population: null, net_per_resident: null },
    { code: '330382001000', name_zh: '城东街道', factor: 'labour', basis: 'modelled', unit: 'persons', inflow: 0, outflow: 70, net: -70, population: null, net_per_resident: null },
    { code: '330329000000', name_zh: '泰顺县', factor: 'labour', basis: 'modelled', unit: 'persons', inflow: 5, outflow: 0, net: 5, population: null, net_per_resident: null },
  ],
});
const measure = { factor: 'labour', basis: 'modelled' as const, unit: 'persons' };

describe('the balance under the drill-down', () => {
  it('asks /api/balance at the level shown, scoped to the unit drilled into, with the scope filters, in the compact series layout', () => {
    expect(balancePath({ level: 'county', within: null }, '')).toBe('/api/balance?level=county&layout=series');
    expect(balancePath({ level: 'township', within: '330329000000' }, 'from=2021&to=2021')).toBe('/api/balance?level=township&unit=330329000000&from=2021&to=2021&layout=series');
    expect(balancePath({ level: 'village', within: '330329100000' }, '')).toBe('/api/balance?level=village&unit=330329100000&layout=series');
  });

  it('knows the code prefix a unit’s descendants share', () => {
    expect(codePrefix('330329000000')).toBe('330329');
    expect(codePrefix('330329')).toBe('330329');
    expect(codePrefix('330329100000')).toBe('330329100');
    expect(codePrefix('330329100201')).toBe('330329100201');
  });

  it('keeps only units inside the scope, whose figures are whole; at the top every row', () => {
    expect(rowsWithin(rows, '330329000000').map((r) => r.code)).toEqual(['330329100000', '330329101000', '330329102000']);
    expect(rowsWithin(rows, null)).toHaveLength(rows.length);
    expect(rowsWithin(rows, '330329100000')).toEqual([]);
  });

  it('labels the choropleth with its level, scope and drawing (areas or village points), with the same classes', () => {
    const inside = rowsWithin(rows, '330329000000');
    const c = buildLevelChoropleth(inside, measure, false, { level: 'township', within: '330329000000' });
    const plain = buildChoropleth(inside, measure, false);
    expect(c).toMatchObject({ level: 'township', within: '330329000000', drawnAs: 'areas', breaks: plain.breaks, counts: plain.counts });
    expect([...c.classes.keys()].sort()).toEqual(['330329100000', '330329101000', '330329102000']);
    expect(c.classes.get('330329100000')).toBe(4);
    expect(drawnAsFor('village')).toBe('points');
    expect(drawnAsFor('county')).toBe('areas');
  });

  it('counts the units with a figure but no point to draw it at, only where units are drawn as points', () => {
    const inside = rowsWithin(rows, '330329000000');
    const noPoint = (code: string) => code !== '330329101000';
    expect(buildLevelChoropleth(inside, measure, false, { level: 'village', within: '330329000000' }, noPoint).withoutPoint).toBe(1);
    expect(buildLevelChoropleth(inside, measure, false, { level: 'village', within: '330329000000' }).withoutPoint).toBe(0);
    expect(buildLevelChoropleth(inside, measure, false, { level: 'township', within: '330329000000' }, noPoint).withoutPoint).toBe(0);
  });

  it('says when a level has no figure for the measure (villages without village-level flows)', () => {
    const c = buildLevelChoropleth([], measure, false, { level: 'village', within: '330329100000' });
    expect(isEmptyChoropleth(c)).toBe(true);
    expect(c.drawnAs).toBe('points');
    expect(isEmptyChoropleth(buildLevelChoropleth(rowsWithin(rows, '330329000000'), measure, false, { level: 'township', within: '330329000000' }))).toBe(false);
  });
});
