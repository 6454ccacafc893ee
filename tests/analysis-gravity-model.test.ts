// The gravity models on places small enough to check by hand (docs/model.md gives the formulas).
import { describe, expect, it } from 'vitest';
import { destinationConstrained, haversineKm, totalConstrained } from '../server/analysis/gravity-model.ts';

// Three places on the equator: 1° of longitude is 111.195 km on the mean-radius sphere.
const P = (code: string, lon: number) => ({ code, lon, lat: 0 });
const KM_PER_DEG = 111.19508;

describe('gravity models', () => {
  it('measures great-circle distance in kilometres', () => {
    expect(haversineKm(P('a', 0), P('b', 1))).toBeCloseTo(KM_PER_DEG, 3);
  });

  it('shares a destination’s total among origins by mass and inverse squared distance', () => {
    // Destination j at 0°; origin a (mass 100) 1° away, origin b (mass 100) 2° away.
    // Weights 100/1² : 100/2² = 4 : 1, so 1,000 migrants split 800 / 200.
    const flows = destinationConstrained(
      [{ ...P('a', 1), mass: 100 }, { ...P('b', 2), mass: 100 }, { ...P('j', 0), mass: 50 }],
      [{ ...P('j', 0), total: 1000 }],
      { beta: 2, minKm: 1 },
    );
    expect(flows.map((f) => [f.origin, f.dest, Number(f.value.toFixed(6))])).toEqual([
      ['a', 'j', 800],
      ['b', 'j', 200],
    ]);
  });

  it('treats distances below the minimum as the minimum', () => {
    // Both origins sit within 1 km of j, so only their masses (3 : 1) decide.
    const flows = destinationConstrained(
      [{ code: 'a', lon: 0.001, lat: 0, mass: 3 }, { code: 'b', lon: 0.002, lat: 0, mass: 1 }],
      [{ ...P('j', 0), total: 40 }],
      { beta: 2, minKm: 1 },
    );
    expect(flows.map((f) => f.value)).toEqual([30, 10]);
  });

  it('scales a total-constrained model to the known total', () => {
    const flows = totalConstrained(
      [{ ...P('a', 0), out: 2, in: 1 }, { ...P('b', 1), out: 1, in: 1 }],
      90,
      { beta: 2, minKm: 1 },
    );
    // Weights a→b = 2·1/d², b→a = 1·1/d²: the 90 splits 60 / 30.
    expect(flows.map((f) => [f.origin, f.dest, Number(f.value.toFixed(6))])).toEqual([
      ['a', 'b', 60],
      ['b', 'a', 30],
    ]);
  });
});
