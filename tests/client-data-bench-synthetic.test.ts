import { describe, expect, it } from 'vitest';
import { syntheticFlows } from '../bench/client/synthetic-flows.ts';

const units = Array.from({ length: 40 }, (_, i) => ({ code: String(330300000000 + i * 1000), lon: 120 + (i % 8) * 0.1, lat: 27.5 + Math.floor(i / 8) * 0.1 }));

describe('the client benchmark’s synthetic flows', () => {
  it('are the same for the same seed and differ for another', () => {
    expect(syntheticFlows(units, 500, 7)).toEqual(syntheticFlows(units, 500, 7));
    expect(syntheticFlows(units, 500, 8).origin).not.toEqual(syntheticFlows(units, 500, 7).origin);
  });

  it('never join a unit to itself, and obey the schema’s basis rule (documented: no figure, no unit)', () => {
    const c = syntheticFlows(units, 2000, 1);
    expect(c.origin).toHaveLength(2000);
    for (let i = 0; i < 2000; i++) {
      expect(c.origin[i]).not.toBe(c.dest[i]);
      expect(c.basis[i] === 'documented').toBe(c.magnitude[i] === null);
      expect(c.magnitude[i] === null).toBe(c.unit[i] === null);
      expect(c.periodStart[i]! <= c.periodEnd[i]!).toBe(true);
      expect(c.benefitMask[i]).toBeGreaterThanOrEqual(0);
      expect(c.benefitMask[i]).toBeLessThan(16);
    }
    expect(new Set(c.basis)).toEqual(new Set(['modelled', 'observed', 'documented']));
  });

  it('refuses fewer than two located units', () => {
    expect(() => syntheticFlows(units.slice(0, 1), 10, 1)).toThrow(/two/);
  });
});
