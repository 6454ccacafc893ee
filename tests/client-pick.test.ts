import { describe, expect, it } from 'vitest';
import { pickUnit } from '../client/src/pick.ts';

const f = (properties: Record<string, unknown> | null) => ({ properties });

describe('which unit a click selects', () => {
  it('prefers the township over the county beneath it, in either order', () => {
    const county = f({ code: '330381000000', level: 'county' });
    const township = f({ code: '330381001000', level: 'township' });
    expect(pickUnit([county, township])).toEqual({ code: '330381001000', level: 'township', featureId: '330381001000' });
    expect(pickUnit([township, county])!.level).toBe('township');
  });

  it('keeps the id exactly as the tile carries it, for feature state', () => {
    expect(pickUnit([f({ code: 330383000000, level: 'county' })])).toEqual({ code: '330383000000', level: 'county', featureId: 330383000000 });
  });

  it('ignores features without a usable code or level', () => {
    expect(pickUnit([f(null), f({ level: 'county' }), f({ code: 'abc', level: 'county' }), f({ code: '330381000000', level: 'kingdom' })])).toBeNull();
    expect(pickUnit([])).toBeNull();
  });
});
