// The selected unit's flows when ends are merged for display: the unit is kept out of the cells, so its
// flows keep its own code (and the layers' "touches the selection" test still holds) and survive the cap.
import { describe, expect, it } from 'vitest';
import { aggregateForDisplay } from '../client/src/data/flow-aggregate.ts';
import type { Flow, FlowLocation } from '../client/src/data/flow-json.ts';

const place = (id: string, lon: number, lat: number): FlowLocation => ({ id, nameZh: id, nameEn: id.toUpperCase(), lon, lat });
const flow = (id: string, origin: string, dest: string, magnitude: number): Flow => ({
  id, origin, dest, factor: 'labour', basis: 'modelled', magnitude, unit: 'persons', count: 1, period: '2020', periodStart: '2020-01-01', periodEnd: '2020-12-31', mechanisms: [], sources: ['s'],
});
const locations = new Map([place('w1', 120.001, 28.001), place('w2', 120.002, 28.002), place('e1', 121.001, 28.001), place('e2', 121.002, 28.002)].map((l) => [l.id, l]));
const flows = [flow('a', 'w1', 'e1', 5), flow('b', 'w2', 'e2', 7), flow('c', 'e1', 'w1', 1), flow('d', 'w2', 'e1', 9)];

describe('highlighting a selected unit whose flows are merged', () => {
  it('without a kept unit, the unit disappears into its cell (the old behaviour: nothing names w1)', () => {
    const out = aggregateForDisplay(flows, locations, { zoom: 5, cap: 3 });
    expect(out.flows.some((f) => f.origin === 'w1' || f.dest === 'w1')).toBe(false);
  });

  it('keeps the selected unit as its own end, with its own name and point, and its flows apart from the cell’s', () => {
    const out = aggregateForDisplay(flows, locations, { zoom: 5, cap: 3, keep: 'w1' });
    expect(out.clustered).toBe(true);
    const own = out.flows.filter((f) => f.origin === 'w1' || f.dest === 'w1');
    expect(own.map((f) => f.magnitude).sort()).toEqual([1, 5]);
    expect(out.locations.get('w1')).toEqual(locations.get('w1'));
    // w2's flows are still merged with the rest of the western cell (w2 alone now), never with w1's.
    expect(out.flows.filter((f) => f.origin !== 'w1' && f.dest !== 'w1').every((f) => f.origin.startsWith('cell:'))).toBe(true);
  });

  it('keeps the selected unit’s flows first when the cap leaves others out', () => {
    const out = aggregateForDisplay(flows, locations, { zoom: 5, cap: 2, keep: 'w1' });
    expect(out.flows.filter((f) => f.origin === 'w1' || f.dest === 'w1')).toHaveLength(2);
    expect(out.hidden).toBe(1);
  });
});
