import { describe, expect, it } from 'vitest';
import { chartSeries, latestIndicators, ownBalance, parseCorridors, parseIndicators } from '../client/src/data/unit-profile.ts';
import { chartLayout } from '../client/src/data/year-chart.ts';
import { geometryBox, parseSearch, searchable } from '../client/src/data/unit-search.ts';

const TAISHUN = '330329000000';
const ind = (indicator: string, year: unknown, value: unknown, extra: Record<string, unknown> = {}) => ({
  unit_code: TAISHUN, indicator, indicator_zh: `${indicator}-zh`, indicator_en: `${indicator}-en`, year, value, unit: 'persons', basis: 'observed', source_id: 'census', ...extra,
});

describe('the unit panel’s indicators', () => {
  const body = {
    indicators: [
      ind('population_resident', 2020, 265980),
      ind('population_resident', 2023, 269400, { source_id: 'bulletin' }),
      ind('population_resident', 2021, 266400),
      ind('gdp', 2023, 157.6, { unit: 'cny_100m' }),
      ind('gdp', 2022, 143.61, { unit: 'cny_100m' }),
      ind('gdp', 2021, 130, { unit: 'cny_100m', basis: 'modelled' }),
      ind('bad', 'x', 1),
      ind('bad', 2020, 'NaN'),
      ind('bad', 2020, 1, { basis: 'guessed' }),
      null,
    ],
    sources: { census: { title: '2020 census', publisher: 'NBS' }, bulletin: { title: 'Bulletin 2023' }, broken: { publisher: 'x' } },
  };

  it('drops malformed rows and keeps the sources that have a title', () => {
    const { values, sources } = parseIndicators(body);
    expect(values).toHaveLength(6);
    expect([...sources.keys()]).toEqual(['census', 'bulletin']);
    expect(() => parseIndicators({ rows: [] })).toThrow();
  });

  it('lists the latest year of each indicator and basis, population first, never mixing bases', () => {
    const latest = latestIndicators(parseIndicators(body).values);
    expect(latest.map((v) => `${v.indicator}:${v.basis}:${v.year}`)).toEqual(['population_resident:observed:2023', 'gdp:modelled:2021', 'gdp:observed:2023']);
    expect(latest[0]!.source).toBe('bulletin');
  });

  it('charts the series with the most years in one basis, in year order', () => {
    const s = chartSeries(parseIndicators(body).values)!;
    expect(s.indicator).toBe('population_resident');
    expect(s.basis).toBe('observed');
    expect(s.points.map((p) => p.year)).toEqual([2020, 2021, 2023]);
    // GDP has three years but only two observed: a modelled year never joins the observed line.
    expect(chartSeries(parseIndicators({ indicators: body.indicators.filter((r) => r && r.indicator === 'gdp') }).values)!.points).toHaveLength(2);
    expect(chartSeries(parseIndicators({ indicators: [ind('gdp', 2023, 1)] }).values)).toBeNull();
  });

  it('lays the chart out from zero, left to right by year, inside the box', () => {
    const layout = chartLayout([{ year: 2020, value: 100 }, { year: 2023, value: 200 }, { year: 2021, value: 150 }], 300, 110)!;
    expect(layout.yMin).toBe(0);
    expect(layout.points[0]!.x).toBeLessThan(layout.points[2]!.x);
    expect(layout.points[1]!.x).toBeGreaterThan(layout.points[0]!.x);
    for (const p of layout.points) {
      expect(p.x).toBeGreaterThanOrEqual(0);
      expect(p.x).toBeLessThanOrEqual(300);
      expect(p.y).toBeGreaterThanOrEqual(0);
      expect(p.y).toBeLessThanOrEqual(110);
    }
    // Twice the value stands twice as high above the baseline.
    const h = (i: number) => layout.baseline - layout.points[i]!.y;
    expect(h(1) / h(0)).toBeCloseTo(2, 1);
    expect(layout.path.startsWith('M')).toBe(true);
    expect(chartLayout([{ year: 2020, value: 1 }], 300, 110)).toBeNull();
    expect(chartLayout([{ year: 2020, value: -5 }, { year: 2021, value: 5 }], 300, 110)!.baseline).toBeCloseTo((14 + 92) / 2, 0);
  });
});

describe('the unit panel’s balance and partners', () => {
  it('keeps only the unit’s own balance rows (the answer also lists its partners)', () => {
    const row = (code: string, factor: string, basis: string, inflow: number | null) => ({ code, name_zh: code, factor, basis, unit: inflow === null ? null : 'persons', inflow, outflow: inflow, net: inflow === null ? null : 0 });
    const rows = ownBalance({ rows: [row('330328000000', 'labour', 'modelled', 5), row(TAISHUN, 'labour', 'modelled', 662), row(TAISHUN, 'land', 'documented', null)] }, TAISHUN);
    expect(rows.map((r) => `${r.factor}:${r.basis}:${r.inflow}`)).toEqual(['labour:modelled:662', 'land:documented:null']);
  });

  it('parses partners, with no figure for documented ones and contradictions dropped', () => {
    const { groups, sources } = parseCorridors({
      corridors: [
        { factor: 'land', direction: 'in', basis: 'documented', unit: null, partners: [{ code: '330382000000', name_zh: '乐清市', magnitude: null, count: 1, sources: ['seed'] }] },
        { factor: 'labour', direction: 'out', basis: 'modelled', unit: 'persons', partners: [{ code: '330327000000', name_zh: '苍南县', magnitude: 760, count: 1, sources: [] }, { code: 'x', name_zh: '坏', magnitude: null }] },
        { factor: 'capital', direction: 'sideways', basis: 'observed', partners: [] },
        { factor: 'capital', direction: 'in', basis: 'documented', partners: [{ code: '330381000000', name_zh: '瑞安市', magnitude: 5 }] },
      ],
      sources: { seed: { title: 'Case study' } },
    });
    expect(groups.map((g) => `${g.factor}:${g.direction}:${g.partners.map((p) => `${p.nameZh}=${p.magnitude}`).join(',')}`)).toEqual(['land:in:乐清市=null', 'labour:out:苍南县=760']);
    expect(sources.get('seed')?.title).toBe('Case study');
  });
});

describe('search answers', () => {
  const feature = (code: string, level: string, name_zh: string, geometry: unknown = null) => ({ type: 'Feature', geometry, properties: { code, level, name_zh, name_en: null } });

  it('lists an exact name first, then coarser units, with a bounding box from the geometry', () => {
    const hits = parseSearch(
      {
        features: [
          feature('330303014216', 'village', '泰河村委会'),
          feature('330329000000', 'county', '泰顺县', { type: 'MultiPolygon', coordinates: [[[[119.4, 27.3], [120.2, 27.3], [120.2, 27.8], [119.4, 27.3]]]] }),
          feature('bad', 'county', 'x'),
          feature('330329100000', 'hamlet', 'x'),
        ],
      },
      '泰顺',
    );
    expect(hits.map((h) => h.nameZh)).toEqual(['泰顺县', '泰河村委会']);
    expect(hits[0]!.bbox).toEqual([119.4, 27.3, 120.2, 27.8]);
    expect(hits[1]!.bbox).toBeNull();
  });

  it('ignores coordinates outside the globe when boxing', () => {
    expect(geometryBox({ type: 'Point', coordinates: [120, 27] })).toEqual([120, 27, 120, 27]);
    expect(geometryBox({ type: 'LineString', coordinates: [[120, 27], [999, 27], ['a', 1]] })).toEqual([120, 27, 120, 27]);
    expect(geometryBox(null)).toBeNull();
  });

  it('asks the server only for a query worth asking', () => {
    expect(searchable('泰')).toBe(true);
    expect(searchable('t')).toBe(false);
    expect(searchable('taishun')).toBe(true);
    expect(searchable('3')).toBe(false);
    expect(searchable('33')).toBe(true);
    expect(searchable('   ')).toBe(false);
    expect(searchable('x'.repeat(51))).toBe(false);
  });
});
