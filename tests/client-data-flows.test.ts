import { describe, expect, it } from 'vitest';
import { applyFlowFilter } from '../client/src/data/flow-filter.ts';
import { curve, dashes, layoutFlows } from '../client/src/data/flow-geometry.ts';
import { parseAlliances, parseFlowData, parseVocabulary, type Basis } from '../client/src/data/flow-json.ts';
import { DOCUMENTED_WIDTH, MAX_WIDTH, MIN_WIDTH, BASIS_ALPHA, FACTOR_COLOURS, flowColour, flowWidth, widthScales } from '../client/src/data/flow-style.ts';
import { allianceTooltip, flowTooltip } from '../client/src/data/flow-tooltip.ts';
import { createI18n } from '../client/src/i18n.ts';

// The shape GET /api/flows?level=county answers (docs/flows.md), cut down to the seed's two examples.
const od = {
  level: 'county',
  locations: [
    { id: '330382000000', name: '乐清市', name_zh: '乐清市', name_en: 'Yuèqīng Shì', lon: 120.96, lat: 28.12 },
    { id: '330329000000', name: '泰顺县', name_zh: '泰顺县', name_en: 'Tàishùn Xiàn', lon: 119.72, lat: 27.56 },
    { id: '330381000000', name: '瑞安市', name_zh: '瑞安市', name_en: 'Ruì’ān Shì', lon: 120.65, lat: 27.78 },
    { id: '330305000000', name: '洞头区', name_zh: '洞头区', name_en: 'Dòngtóu Qū', lon: 121.16, lat: 27.84 },
    { id: '999999000000', name: 'no point', lon: null, lat: null },
  ],
  flows: [
    { id: 'yq-ts-land', origin: '330382000000', dest: '330329000000', factor: 'land', basis: 'documented', magnitude: null, unit: null, count: 1, period: '2023/2025', mechanisms: ['land_linkage'], sources: ['seed'] },
    { id: 'yq-ts-labour', origin: '330382000000', dest: '330329000000', factor: 'labour', basis: 'modelled', magnitude: 219, unit: 'persons', count: 1, period: '2020', mechanisms: ['labour_migration'], sources: ['model'] },
    { id: 'ts-yq-labour', origin: '330329000000', dest: '330382000000', factor: 'labour', basis: 'modelled', magnitude: 900, unit: 'persons', count: 1, period: '2020', mechanisms: [], sources: ['model'] },
    { id: 'ra-dt-capital', origin: '330381000000', dest: '330305000000', factor: 'capital', basis: 'observed', magnitude: 2380, unit: 'cny_10k', count: 1, period: '2018', mechanisms: ['capital_pooling'], sources: ['seed'] },
    // Hostile but legal-looking rows the parser must drop:
    { id: 'no-point', origin: '999999000000', dest: '330329000000', factor: 'land', basis: 'documented', magnitude: null },
    { id: 'documented-with-figure', origin: '330382000000', dest: '330329000000', factor: 'land', basis: 'documented', magnitude: 5, unit: 'mu' },
    { id: 'observed-without-figure', origin: '330382000000', dest: '330329000000', factor: 'land', basis: 'observed', magnitude: null },
    { id: 'unknown-basis', origin: '330382000000', dest: '330329000000', factor: 'land', basis: 'guessed', magnitude: 1, unit: 'mu' },
  ],
  sources: { seed: { title: 'Wenzhou case study', publisher: 'seed' }, model: { title: 'Gravity model', publisher: 'atlas' } },
  truncated: false,
};
const vocab = parseVocabulary({
  factors: [{ key: 'land', name_zh: '土地', name_en: 'land' }, { key: 'labour', name_zh: '劳动力', name_en: 'labour' }, { key: 'capital', name_zh: '资本', name_en: 'capital' }],
  bases: [{ key: 'documented', name_zh: '文献记载', name_en: 'documented' }, { key: 'modelled', name_zh: '模型估算', name_en: 'modelled' }, { key: 'observed', name_zh: '实测', name_en: 'observed' }],
  mechanisms: [{ key: 'land_linkage', name_zh: '土地联动', name_en: 'land linkage' }],
  measure_units: [{ key: 'persons', name_zh: '人', name_en: 'persons' }],
  programmes: [],
});
const data = parseFlowData(od);
const all = { factors: new Set(['land', 'labour', 'capital']), bases: new Set<Basis>(['observed', 'modelled', 'documented']), minMagnitude: 0 };

describe('parsing the flow answer at the edge', () => {
  it('keeps the drawable flows and drops ones without a point, a basis it knows, or a figure matching the basis', () => {
    expect(data.flows.map((f) => f.id)).toEqual(['yq-ts-land', 'yq-ts-labour', 'ts-yq-labour', 'ra-dt-capital']);
    expect(data.locations.has('999999000000')).toBe(false);
  });

  it('rejects an answer that is not OD JSON', () => {
    expect(() => parseFlowData({ type: 'FeatureCollection', features: [] })).toThrow(/OD/);
  });

  it('reads alliances with both ends located, and drops the rest', () => {
    const list = parseAlliances({
      alliances: [
        { id: '1', programme: 'mountain_sea', programme_zh: '山海协作', programme_en: 'mountain–sea', a: { code: '330382000000', name_zh: '乐清市', lon: 120.9, lat: 28.1 }, b: { code: '330329000000', name_zh: '泰顺县', lon: 119.7, lat: 27.5 }, start_year: 2018, end_year: null, source: 's' },
        { id: '2', programme: 'east_west', a: { code: '330382000000', name_zh: '乐清市', lon: 120.9, lat: 28.1 }, b: { code: '513230000000', name_zh: '壤塘县' } },
      ],
    });
    expect(list.map((a) => a.id)).toEqual(['1']);
  });
});

describe('filters', () => {
  it('turning a factor off removes exactly its flows', () => {
    const shown = applyFlowFilter(data.flows, { ...all, factors: new Set(['land', 'capital']) });
    expect(shown.map((f) => f.factor).sort()).toEqual(['capital', 'land']);
  });

  it('a basis checkbox removes that basis only', () => {
    expect(applyFlowFilter(data.flows, { ...all, bases: new Set<Basis>(['documented']) }).map((f) => f.id)).toEqual(['yq-ts-land']);
  });

  it('a minimum magnitude drops small figures but keeps flows that have no figure', () => {
    expect(applyFlowFilter(data.flows, { ...all, minMagnitude: 500 }).map((f) => f.id)).toEqual(['yq-ts-land', 'ts-yq-labour', 'ra-dt-capital']);
  });
});

describe('flow geometry', () => {
  it('bends to the right of travel, so the two directions of a pair do not overlap', () => {
    const there = curve([0, 0], [10, 0], 0.2);
    const back = curve([10, 0], [0, 0], 0.2);
    const mid = (p: [number, number][]) => p[Math.floor(p.length / 2)]!;
    // The curve's middle sits half the control point's offset (0.2 × 10 / 2) off the chord.
    expect(mid(there)[1]).toBeCloseTo(-1, 10); // eastbound bends south
    expect(mid(back)[1]).toBeCloseTo(1, 10); // westbound bends north
    expect(there[0]).toEqual([0, 0]);
    expect(there.at(-1)).toEqual([10, 0]);
  });

  it('gives flows sharing a directed pair their own lanes, in a stable order', () => {
    const laid = layoutFlows(data.flows, data.locations);
    const yqTs = laid.filter((d) => d.flow.origin === '330382000000' && d.flow.dest === '330329000000');
    expect(yqTs).toHaveLength(2);
    expect(yqTs[0]!.middle).not.toEqual(yqTs[1]!.middle);
    const again = layoutFlows([...data.flows].reverse(), data.locations);
    expect(again.map((d) => d.middle)).toEqual(laid.map((d) => d.middle));
  });

  it('cuts documented flows into an odd number of dashes, with ink at the middle of the curve', () => {
    const path = curve([0, 0], [10, 0], 0.1);
    const parts = dashes(path, 9);
    expect(parts).toHaveLength(5);
    const middle = path[Math.floor(path.length / 2)]!;
    expect(parts.some((d) => d.some((p) => p[0] === middle[0] && p[1] === middle[1]))).toBe(true);
  });
});

describe('flow style', () => {
  it('gives every factor its own colour', () => {
    const values = Object.values(FACTOR_COLOURS);
    expect(new Set(values).size).toBe(values.length);
    expect(Object.keys(FACTOR_COLOURS).sort()).toEqual(['capital', 'data', 'ecology', 'labour', 'land', 'technology']);
  });

  it('draws modelled flows lighter than observed ones, in the same hue', () => {
    const [modelled, observed] = [data.flows[1]!, data.flows[3]!];
    expect(flowColour(modelled)[3]).toBeLessThan(flowColour(observed)[3]);
    expect(BASIS_ALPHA.modelled).toBeLessThan(BASIS_ALPHA.observed);
  });

  it('scales width per unit of measure, and gives a flow with no figure one fixed width', () => {
    const scales = widthScales(data.flows);
    expect([...scales.keys()].sort()).toEqual(['cny_10k', 'persons']);
    const [land, small, big, capital] = data.flows as [typeof data.flows[0], typeof data.flows[0], typeof data.flows[0], typeof data.flows[0]];
    expect(flowWidth(land, scales)).toBe(DOCUMENTED_WIDTH);
    expect(flowWidth(big, scales)).toBe(MAX_WIDTH);
    // 2,380 万元 is the largest capital figure: it is not compared with 900 persons.
    expect(flowWidth(capital, scales)).toBe(MAX_WIDTH);
    expect(flowWidth(small, scales)).toBeGreaterThan(MIN_WIDTH);
    expect(flowWidth(small, scales)).toBeLessThan(MAX_WIDTH);
  });
});

describe('tooltips', () => {
  it('names origin → destination, factor, basis, and says "no figure" for a documented flow', () => {
    const t = flowTooltip(data.flows[0]!, data, vocab, createI18n('zh-CN'));
    expect(t.title).toBe('乐清市 → 泰顺县');
    expect(Object.fromEntries(t.rows)).toMatchObject({ 要素: '土地', 规模: '无数据', 依据: '文献记载', 机制: '土地联动', 来源: 'Wenzhou case study' });
  });

  it('gives the figure with its unit, and the names in pinyin and Chinese in English', () => {
    const t = flowTooltip(data.flows[1]!, data, vocab, createI18n('en'));
    expect(t.title).toBe('Yuèqīng Shì 乐清市 → Tàishùn Xiàn 泰顺县');
    expect(Object.fromEntries(t.rows)).toMatchObject({ Magnitude: '219 persons', Basis: 'modelled' });
  });

  it('gives an alliance its programme and since-year', () => {
    const [a] = parseAlliances({
      alliances: [{ id: '1', programme: 'mountain_sea', programme_zh: '山海协作', programme_en: 'mountain–sea', a: { code: '1', name_zh: '乐清市', lon: 1, lat: 1 }, b: { code: '2', name_zh: '泰顺县', lon: 2, lat: 2 }, start_year: 2018, end_year: null }],
    });
    const t = allianceTooltip(a!, createI18n('zh-CN'));
    expect(t.title).toBe('乐清市 ↔ 泰顺县');
    expect(t.rows).toEqual([['项目', '山海协作'], ['时期', '自 2018 年起']]);
  });
});
