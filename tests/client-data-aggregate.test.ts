import { describe, expect, it } from 'vitest';
import { aggregateForDisplay, cellDegrees, topByWeight } from '../client/src/data/flow-aggregate.ts';
import type { Flow, FlowLocation } from '../client/src/data/flow-json.ts';
import { dotsAt, pointAlong } from '../client/src/data/flow-motion.ts';
import { barShares, parseCorePeriphery, visibleTotals } from '../client/src/data/core-periphery.ts';

const place = (id: string, lon: number, lat: number): FlowLocation => ({ id, nameZh: id, nameEn: id.toUpperCase(), lon, lat });
const flow = (id: string, origin: string, dest: string, magnitude: number | null, extra: Partial<Flow> = {}): Flow => ({
  id, origin, dest, factor: 'labour', basis: magnitude === null ? 'documented' : 'modelled', magnitude, unit: magnitude === null ? null : 'persons',
  count: 1, period: '2020', periodStart: '2020-01-01', periodEnd: '2020-12-31', mechanisms: [], sources: ['s'], ...extra,
});

// Two tight groups of villages about 1° apart: at zoom 5 one cell holds each group.
const locations = new Map(
  [place('w1', 120.001, 28.001), place('w2', 120.002, 28.002), place('e1', 121.001, 28.001), place('e2', 121.002, 28.002)].map((l) => [l.id, l]),
);

describe('aggregation of many flows for display', () => {
  it('leaves flows alone while they fit under the cap', () => {
    const flows = [flow('a', 'w1', 'e1', 5)];
    const out = aggregateForDisplay(flows, locations, { zoom: 5, cap: 10 });
    expect(out.clustered).toBe(false);
    expect(out.flows).toEqual(flows);
    expect(out.hidden).toBe(0);
  });

  it('merges flows between the same two cells, summing figures and counts, and names the cluster', () => {
    const flows = [flow('a', 'w1', 'e1', 5), flow('b', 'w2', 'e2', 7), flow('c', 'e1', 'w1', 1), flow('d', 'w1', 'w2', 9)];
    const out = aggregateForDisplay(flows, locations, { zoom: 5, cap: 3 });
    expect(out.clustered).toBe(true);
    expect(out.withinCell).toBe(1); // w1 → w2 is inside one cell
    const eastward = out.flows.find((f) => f.magnitude === 12)!;
    expect(eastward.count).toBe(2);
    expect(out.locations.get(eastward.origin)!.nameZh).toBe('w1 等 2 处');
    expect(out.locations.get(eastward.origin)!.nameEn).toBe('W1 and 1 more');
    expect(out.flows).toHaveLength(2);
  });

  it('never adds different units or bases, and never gives a documented flow a figure', () => {
    const flows = [flow('a', 'w1', 'e1', 5), flow('b', 'w2', 'e2', null), flow('c', 'w1', 'e2', 3, { unit: 'cny_10k', factor: 'capital', basis: 'observed' }), flow('d', 'w2', 'e1', null)];
    const out = aggregateForDisplay(flows, locations, { zoom: 5, cap: 3 });
    const documented = out.flows.filter((f) => f.basis === 'documented');
    expect(documented).toHaveLength(1);
    expect(documented[0]!.magnitude).toBeNull();
    expect(documented[0]!.count).toBe(2);
    expect(out.flows.map((f) => f.unit).sort()).toEqual(['cny_10k', 'persons', null].sort());
  });

  it('keeps ends apart at a zoom where the cells are smaller than their distance', () => {
    expect(cellDegrees(16)).toBeLessThan(0.001);
    const flows = [flow('a', 'w1', 'e1', 5), flow('b', 'w2', 'e2', 7)];
    const out = aggregateForDisplay(flows, locations, { zoom: 16, cap: 1 });
    expect(out.flows).toHaveLength(1);
    expect(out.hidden).toBe(1);
  });

  it('keeps the heaviest flows by their share of the largest figure in their own unit, and counts the rest', () => {
    const flows = [
      flow('p-small', 'w1', 'e1', 10),
      flow('p-big', 'w1', 'e1', 100),
      flow('y-big', 'w1', 'e1', 9, { unit: 'cny_10k' }),
      flow('doc', 'w1', 'e1', null, { count: 1 }),
    ];
    expect(topByWeight(flows, 3).map((f) => f.id)).toEqual(['doc', 'p-big', 'y-big']);
  });
});

describe('direction dots for the animated mode', () => {
  const path: [number, number][] = [[0, 0], [1, 0], [2, 0]];
  it('moves from the origin to the destination along the path', () => {
    expect(pointAlong(path, 0)).toEqual([0, 0]);
    expect(pointAlong(path, 0.25)).toEqual([0.5, 0]);
    expect(pointAlong(path, 0.75)).toEqual([1.5, 0]);
    expect(pointAlong(path, 1.25)).toEqual([0.5, 0]);
  });
  it('spaces a flow’s dots evenly and advances them with time', () => {
    expect(dotsAt(path, 0, 2)).toEqual([[0, 0], [1, 0]]);
    const later = dotsAt(path, 1, 2);
    expect(later[0]![0]).toBeGreaterThan(0);
  });
});

describe('the core/periphery answer', () => {
  const body = {
    threshold: 70,
    groups: [
      { code: '330302000000', name_zh: '鹿城区', name_en: 'Lucheng', group: 'core', urbanisation_rate: 91.2, urbanisation_year: 2023 },
      { code: '330329000000', name_zh: '泰顺县', group: 'periphery', urbanisation_rate: 49.2, urbanisation_year: 2023 },
      { code: 'x', group: 'outer-space' },
    ],
    totals: [
      { factor: 'labour', basis: 'modelled', unit: 'persons', core_to_periphery: 40838, periphery_to_core: 204348, net_core_to_periphery: -163510, counts: { core_to_periphery: 28, periphery_to_core: 35, involving_unclassified: 0 } },
      { factor: 'land', basis: 'documented', unit: null, core_to_periphery: 3, periphery_to_core: null, counts: { core_to_periphery: 0, periphery_to_core: 0 } },
      { factor: 'capital', basis: 'observed', unit: 'cny_10k', core_to_periphery: 0, periphery_to_core: 0, net_core_to_periphery: 0, counts: {} },
    ],
    sources: { s: { title: 'Stats' } },
  };
  const cp = parseCorePeriphery(body);

  it('reads groups it knows and the API’s totals; documented rows never carry a sum', () => {
    expect(cp.units.map((u) => [u.code, u.group])).toEqual([['330302000000', 'core'], ['330329000000', 'periphery']]);
    expect(cp.totals[0]).toMatchObject({ coreToPeriphery: 40838, peripheryToCore: 204348, net: -163510 });
    expect(cp.totals[1]!.coreToPeriphery).toBeNull();
    expect(() => parseCorePeriphery({ rows: [] })).toThrow();
  });

  it('shows only the factors and bases the filters let through, in factor order', () => {
    const rows = visibleTotals(cp, ['land', 'labour', 'capital'], new Set(['modelled', 'documented'] as const));
    expect(rows.map((r) => r.factor)).toEqual(['land', 'labour']);
  });

  it('sizes the two bars of a row against the larger direction', () => {
    expect(barShares(cp.totals[0]!)).toEqual([40838 / 204348, 1]);
    expect(barShares(cp.totals[2]!)).toEqual([0, 0]);
  });
});
