import { describe, expect, it } from 'vitest';
import { readFlowHash, writeFlowHash, type FlowUrlState } from '../client/src/data/url-state.ts';

const defaults: FlowUrlState = {
  factors: ['labour', 'land', 'capital'],
  bases: ['observed', 'modelled', 'documented'],
  minMagnitude: 0,
  alliances: true,
  balance: 'labour|modelled|persons',
  perResident: false,
};
const known = { factors: defaults.factors, measures: ['labour|modelled|persons', 'capital|observed|cny_10k'] };

describe('flow filters in the URL hash', () => {
  it('writes nothing for the defaults and keeps MapLibre’s view parameter', () => {
    expect(writeFlowHash('#view=9/27.9/120.3', defaults, defaults)).toBe('#view=9/27.9/120.3');
    expect(writeFlowHash('', defaults, defaults)).toBe('');
  });

  it('round-trips a changed state', () => {
    const s: FlowUrlState = { factors: ['land'], bases: ['documented'], minMagnitude: 250.5, alliances: false, balance: 'capital|observed|cny_10k', perResident: true };
    const hash = writeFlowHash('#view=9/27.9/120.3', s, defaults);
    expect(hash).toBe('#view=9/27.9/120.3&factors=land&basis=documented&min=250.5&alliances=0&balance=capital|observed|cny_10k&per_resident=1');
    expect(readFlowHash(hash, defaults, known)).toEqual(s);
  });

  it('keeps an empty factor list apart from an absent one', () => {
    const none = { ...defaults, factors: [] };
    expect(readFlowHash(writeFlowHash('', none, defaults), defaults, known).factors).toEqual([]);
    expect(readFlowHash('#view=1/2/3', defaults, known).factors).toEqual(defaults.factors);
  });

  it('turns the choropleth off with balance=off', () => {
    const off = { ...defaults, balance: null };
    expect(readFlowHash(writeFlowHash('', off, defaults), defaults, known).balance).toBeNull();
  });

  it('ignores hostile or unknown values instead of failing', () => {
    const s = readFlowHash('#factors=land,<script>,gold&basis=observed,guessed&min=-5&balance=x|y|z&per_resident=maybe', defaults, known);
    expect(s).toEqual({ ...defaults, factors: ['land'], bases: ['observed'] });
    expect(readFlowHash('#min=1e999', defaults, known).minMagnitude).toBe(0);
  });
});
