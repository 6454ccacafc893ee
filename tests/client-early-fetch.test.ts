import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { balancePath } from '../client/src/data/drill-balance.ts';
import { EARLY_PATHS, fetchJson, flowsPath, startEarlyFetches } from '../client/src/early-fetch.ts';

const origin = 'http://127.0.0.1:8080';
let asked: string[] = [];

beforeEach(() => {
  asked = [];
  vi.stubGlobal('location', new URL(`${origin}/`));
  vi.stubGlobal('window', {});
  vi.stubGlobal('fetch', (path: string) => {
    asked.push(path);
    return Promise.resolve(new Response(JSON.stringify({ path, n: asked.length })));
  });
});
afterEach(() => vi.unstubAllGlobals());

describe('the first view’s requests, started before the app', () => {
  it('are the flows and balance answers the app asks for first (county level, unfiltered), and the tile sets and vocabularies', () => {
    const top = { level: 'county', within: null };
    expect(EARLY_PATHS).toContain(flowsPath(top, ''));
    expect(EARLY_PATHS).toContain(balancePath(top, ''));
    expect(flowsPath(top, '')).toBe('/api/flows?level=county&limit=100000');
    expect(EARLY_PATHS).toEqual(expect.arrayContaining(['/tiles/counties.json', '/tiles/townships.json', '/tiles/seats.json', '/tiles/villages.json', '/api/flows/vocabulary', '/api/alliances']));
  });

  it('hands each early answer over once, by relative or absolute URL, and asks anew after that', async () => {
    startEarlyFetches();
    expect(asked).toHaveLength(EARLY_PATHS.length);
    const first = await (await fetchJson(`${origin}/tiles/counties.json`)).json();
    expect(first.n).toBe(EARLY_PATHS.indexOf('/tiles/counties.json') + 1);
    expect(asked).toHaveLength(EARLY_PATHS.length);
    await fetchJson('/tiles/counties.json');
    expect(asked).toHaveLength(EARLY_PATHS.length + 1);
  });

  it('never hands an early answer to a request that can be aborted, nor for a path it did not ask', async () => {
    startEarlyFetches();
    await fetchJson('/api/alliances', new AbortController().signal);
    await fetchJson('/api/units/330300000000');
    expect(asked.slice(EARLY_PATHS.length)).toEqual(['/api/alliances', '/api/units/330300000000']);
  });
});
