import { describe, expect, it } from 'vitest';
import { parseFlowData } from '../client/src/data/flow-json.ts';
import { clampYears, OPEN_SCOPE, overlapsYears, scopeQuery, toggleTerm, yearSpan } from '../client/src/data/flow-scope.ts';
import { DEFAULT_VIEW, readViewHash, writeViewHash, type ViewUrlState } from '../client/src/data/url-scope.ts';

const loc = (id: string, lon: number) => ({ id, name_zh: id, lon, lat: 28 });
const data = parseFlowData({
  locations: [loc('a', 120), loc('b', 121)],
  flows: [
    { id: 'old', origin: 'a', dest: 'b', factor: 'capital', basis: 'observed', magnitude: 10, unit: 'cny_10k', period_start: '2007-01-01', period_end: '2016-12-31', mechanisms: ['paired_assistance'] },
    { id: 'new', origin: 'b', dest: 'a', factor: 'land', basis: 'documented', magnitude: null, period_start: '2023-01-01', period_end: '2025-12-31', mechanisms: ['land_linkage'], integration_types: ['platform_mediated'] },
    { id: 'undated', origin: 'a', dest: 'b', factor: 'land', basis: 'documented', magnitude: null, period_start: '2025-13-01', period_end: 'x' },
  ],
});
const MECHS = ['capital_pooling', 'land_linkage', 'paired_assistance'];

describe('the period, mechanism, integration and benefit filters as API parameters', () => {
  it('reads each flow’s period bounds and drops malformed ones', () => {
    expect(data.flows.map((f) => [f.id, f.periodStart ?? null])).toEqual([['old', '2007-01-01'], ['new', '2023-01-01'], ['undated', null]]);
    expect(data.flows[1]!.integrationTypes).toEqual(['platform_mediated']);
  });

  it('finds the year span of the data for the time slider', () => {
    expect(yearSpan(data.flows)).toEqual([2007, 2025]);
    expect(yearSpan([])).toBeNull();
  });

  it('sends nothing for the open scope, so the first answer is the unfiltered one', () => {
    expect(scopeQuery(OPEN_SCOPE)).toBe('');
  });

  it('sends years and sorted lists, so equal choices share one cached answer', () => {
    const q = scopeQuery({ ...OPEN_SCOPE, from: 2018, to: 2020, mechanisms: ['paired_assistance', 'capital_pooling'], benefitLinkages: ['subsidy'] });
    expect(q).toBe('from=2018&to=2020&mechanism=capital_pooling,paired_assistance&benefit_linkage=subsidy');
  });

  it('answers null when a list is empty: nothing can match and no request is made', () => {
    expect(scopeQuery({ ...OPEN_SCOPE, integrationTypes: [] })).toBeNull();
  });

  it('unchecking one term lists the rest; checking it again returns to no filter', () => {
    const off = toggleTerm(null, MECHS, 'land_linkage', false);
    expect(off).toEqual(['capital_pooling', 'paired_assistance']);
    expect(toggleTerm(off, MECHS, 'land_linkage', true)).toBeNull();
    expect(toggleTerm(['land_linkage'], MECHS, 'land_linkage', false)).toEqual([]);
  });

  it('keeps the two thumbs in order and inside the data, and a thumb at the edge is no bound', () => {
    expect(clampYears(2030, 2001, [2007, 2025])).toEqual({ from: null, to: null });
    expect(clampYears(2021, 2018, [2007, 2025])).toEqual({ from: 2018, to: 2021 });
    expect(clampYears(2007, 2020, [2007, 2025])).toEqual({ from: null, to: 2020 });
    expect(clampYears(2010, 2020, null)).toEqual({ from: null, to: null });
  });

  it('selects flows whose period overlaps the chosen years, as the server does', () => {
    const ids = (from: number | null, to: number | null) => data.flows.filter((f) => overlapsYears(f, { from, to })).map((f) => f.id);
    expect(ids(2016, 2016)).toEqual(['old']);
    expect(ids(2017, 2022)).toEqual([]);
    expect(ids(2024, null)).toEqual(['new']);
    expect(ids(null, null)).toEqual(['old', 'new', 'undated']);
  });
});

describe('the view in the URL hash', () => {
  const known = { mechanisms: MECHS, integrationTypes: ['platform_mediated', 'project_driven'], benefitLinkages: ['subsidy'] };

  it('writes nothing for the defaults and leaves other parameters alone', () => {
    expect(writeViewHash('#view=9/27.9/120.3&factors=land', DEFAULT_VIEW)).toBe('#view=9/27.9/120.3&factors=land');
  });

  it('round-trips years, lists, animation and the core threshold', () => {
    const s: ViewUrlState = {
      scope: { from: 2018, to: 2021, mechanisms: ['land_linkage'], integrationTypes: [], benefitLinkages: null },
      animate: true,
      core: 62.5,
    };
    const hash = writeViewHash('#view=9/27.9/120.3', s);
    expect(hash).toBe('#view=9/27.9/120.3&from=2018&to=2021&mech=land_linkage&integ=&animate=1&core=62.5');
    expect(readViewHash(hash, known)).toEqual(s);
  });

  it('ignores hostile or unknown values instead of failing', () => {
    const s = readViewHash('#from=1e9&to=20x5&mech=land_linkage,<b>,gold&core=250&animate=yes', known);
    expect(s).toEqual({ ...DEFAULT_VIEW, scope: { ...DEFAULT_VIEW.scope, mechanisms: ['land_linkage'] } });
  });

  it('puts reversed years back in order', () => {
    expect(readViewHash('#from=2022&to=2019', known).scope).toMatchObject({ from: 2019, to: 2022 });
  });
});
