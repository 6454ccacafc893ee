import { describe, expect, it } from 'vitest';
import { aggregateForDisplay, createAggregator } from '../client/src/data/flow-aggregate.ts';
import { applyFlowFilter, type FlowFilter } from '../client/src/data/flow-filter.ts';
import type { Basis, Flow, FlowLocation } from '../client/src/data/flow-json.ts';

// A seeded grid of villages and flows among them: enough to be merged under a cap of 40.
let seed = 7;
const rnd = () => (seed = (seed * 16807) % 2147483647) / 2147483647;
const locations = new Map<string, FlowLocation>();
for (let i = 0; i < 60; i++) locations.set(`v${i}`, { id: `v${i}`, nameZh: `村${i}`, nameEn: null, lon: 120 + rnd(), lat: 28 + rnd() });
const ids = [...locations.keys()];
const factors = ['labour', 'land', 'capital'];
const bases: Basis[] = ['observed', 'modelled', 'documented'];
const flows: Flow[] = Array.from({ length: 600 }, (_, i) => {
  const basis = bases[i % 3]!;
  return {
    id: `f${i}`, origin: ids[Math.floor(rnd() * 60)]!, dest: ids[Math.floor(rnd() * 60)]!, factor: factors[Math.floor(i / 3) % 3]!, basis,
    magnitude: basis === 'documented' ? null : Math.round(rnd() * 100), unit: basis === 'documented' ? null : i % 2 ? 'persons' : 'cny_10k',
    count: 1, period: '2020', periodStart: `${2015 + (i % 6)}-01-01`, periodEnd: '2021-12-31', mechanisms: [`m${i % 4}`], sources: [`s${i % 5}`],
  };
});
const o = { zoom: 8, cap: 40, cellPx: 48 };
const filter = (f: string[], b: Basis[], min = 0): FlowFilter => ({ factors: new Set(f), bases: new Set(b), minMagnitude: min });
const direct = (fl: FlowFilter, keep: string | null = null) => aggregateForDisplay(applyFlowFilter(flows, fl), locations, { ...o, keep });

describe('the display aggregator keeps its merge across factor and basis toggles', () => {
  it('gives, toggle after toggle, exactly what merging the filtered flows afresh gives', () => {
    const aggregate = createAggregator();
    const steps = [
      filter(factors, bases),
      filter(['land', 'capital'], bases),
      filter(['land'], ['observed', 'documented']),
      filter(factors, ['modelled']),
      filter(factors, bases, 50),
      filter(['labour'], bases, 50),
      filter(factors, bases),
    ];
    for (const fl of steps) {
      const got = aggregate(flows, applyFlowFilter(flows, fl), fl, locations, o);
      expect(got).toEqual(direct(fl));
    }
  });

  it('keeps a selected unit out of the cells, as merging afresh does', () => {
    const aggregate = createAggregator();
    const fl = filter(['labour', 'land'], bases);
    expect(aggregate(flows, applyFlowFilter(flows, fl), fl, locations, { ...o, keep: 'v3' })).toEqual(direct(fl, 'v3'));
    expect(aggregate(flows, applyFlowFilter(flows, fl), fl, locations, o)).toEqual(direct(fl));
  });

  it('draws the flows as they are when the filter leaves them under the cap', () => {
    const fl = filter(['land'], ['observed']);
    const shown = applyFlowFilter(flows, fl).slice(0, 30);
    const got = createAggregator()(flows, shown, fl, locations, o);
    expect(got.clustered).toBe(false);
    expect(got.flows).toEqual(shown);
  });

  it('never lets a later merge change a flow an earlier answer drew', () => {
    const aggregate = createAggregator();
    const first = aggregate(flows, applyFlowFilter(flows, filter(factors, bases)), filter(factors, bases), locations, o);
    const before = JSON.stringify(first.flows);
    aggregate(flows, applyFlowFilter(flows, filter(['land'], bases)), filter(['land'], bases), locations, o);
    expect(JSON.stringify(first.flows)).toBe(before);
  });
});
