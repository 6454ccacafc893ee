import { describe, expect, it } from 'vitest';
import { buildChoropleth, classOf, classRanges, measuresIn, PALETTE, roundBreak, symmetricBreaks } from '../client/src/data/balance-classes.ts';
import { parseBalance } from '../client/src/data/flow-json.ts';

const row = (code: string, net: number | null, extra: Record<string, unknown> = {}) => ({
  code, name_zh: code, factor: 'labour', basis: 'modelled', unit: 'persons', inflow: null, outflow: null, net, population: 100_000,
  net_per_resident: net === null ? null : net / 100_000, ...extra,
});

describe('class breaks for the net balance', () => {
  it('are symmetric around zero, from the terciles of |net|, rounded to two significant figures', () => {
    const breaks = symmetricBreaks([-60_000, -18_241, -4_000, 120, 4_508, 9_900, 44_629, 59_473]);
    expect(breaks).toHaveLength(4);
    expect(breaks[0]).toBe(-breaks[3]!);
    expect(breaks[1]).toBe(-breaks[2]!);
    expect(breaks[2]).toBeGreaterThan(0);
    expect(breaks[3]).toBeGreaterThan(breaks[2]!);
    for (const b of breaks) expect(roundBreak(b)).toBe(b);
  });

  it('put a value on a break in the class nearer zero', () => {
    const breaks = [-100, -10, 10, 100];
    expect([-101, -100, -11, -10, 0, 10, 11, 100, 101].map((v) => classOf(v, breaks))).toEqual([0, 1, 1, 2, 2, 2, 3, 3, 4]);
  });

  it('stay sane when every unit is balanced or there is one value', () => {
    expect(symmetricBreaks([0, 0])).toEqual([]);
    expect(classOf(0, [])).toBe(2);
    const one = symmetricBreaks([500]);
    expect(one[2]).toBeGreaterThan(0);
    expect(classOf(500, one)).toBeGreaterThan(2);
  });

  it('round to numbers a person would write', () => {
    expect(roundBreak(18_241)).toBe(18_000);
    expect(roundBreak(-0.015082)).toBeCloseTo(-0.015, 10);
    expect(roundBreak(0)).toBe(0);
  });
});

describe('the choropleth', () => {
  const rows = parseBalance({
    rows: [
      row('a', -50_000), row('b', -20_000), row('c', 300), row('d', 25_000), row('e', 60_000), row('f', null),
      row('a', 10, { factor: 'capital', basis: 'observed', unit: 'cny_10k' }),
    ],
  });

  it('offers each factor × basis × unit as its own measure, never summing across them', () => {
    expect(measuresIn(rows).map((m) => `${m.factor}|${m.basis}|${m.unit}`)).toEqual(['labour|modelled|persons', 'capital|observed|cny_10k']);
  });

  it('classes every unit with a figure, counts them per class, and leaves units without one uncoloured', () => {
    const c = buildChoropleth(rows, { factor: 'labour', basis: 'modelled', unit: 'persons' }, false);
    expect(c.values.size).toBe(5);
    expect(c.classes.has('f')).toBe(false);
    expect(c.counts.reduce((s, n) => s + n, 0)).toBe(5);
    expect(c.counts).toHaveLength(PALETTE.length);
    expect(c.classes.get('a')).toBe(0);
    expect(c.classes.get('e')).toBe(4);
    expect(c.classes.get('c')).toBe(2);
  });

  it('uses net per resident when asked', () => {
    const c = buildChoropleth(rows, { factor: 'labour', basis: 'modelled', unit: 'persons' }, true);
    expect(c.values.get('a')).toBeCloseTo(-0.5, 10);
  });

  it('writes the legend ranges from the same breaks', () => {
    expect(classRanges([-100, -10, 10, 100], String)).toEqual(['< -100', '-100 – -10', '-10 – 10', '10 – 100', '> 100']);
  });

  it('uses a diverging palette with a light neutral middle', () => {
    expect(PALETTE).toHaveLength(5);
    expect(PALETTE[2]).toBe('#f7f7f7');
  });
});
