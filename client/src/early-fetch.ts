// The answers every first view asks for, requested by a small script of their own (early.ts, loaded before
// the app in index.html) while the app's bundle is still downloading and compiling; the app then takes each
// one once instead of asking again. The first view always reads these, whatever the URL's state: the flows
// start at the county level, unfiltered, and a scope or drill-down in the link is applied after them.
import { balancePath } from './data/drill-balance.ts';

/** The flows API clamps to this; the default (20,000) would cut a large township or village answer short. */
export const FLOW_LIMIT = 100_000;

/** The flows answer for a level, inside a unit, with a scope query ('' = unfiltered). */
export const flowsPath = (base: { level: string; within: string | null }, query: string): string =>
  `/api/flows?level=${encodeURIComponent(base.level)}${base.within ? `&unit=${encodeURIComponent(base.within)}` : ''}&limit=${FLOW_LIMIT}${query ? `&${query}` : ''}`;

const TOP = { level: 'county', within: null };

export const EARLY_PATHS: readonly string[] = [
  '/tiles/counties.json',
  '/tiles/townships.json',
  '/tiles/seats.json',
  '/tiles/villages.json',
  flowsPath(TOP, ''),
  balancePath(TOP, ''),
  '/api/flows/vocabulary',
  '/api/alliances',
];

const JSON_REQUEST = { headers: { Accept: 'application/json' } };

declare global {
  interface Window {
    __atlasEarly?: Map<string, Promise<Response>>;
  }
}

const key = (path: string) => new URL(path, location.href).href;

export function startEarlyFetches(): void {
  window.__atlasEarly = new Map(
    EARLY_PATHS.map((p) => {
      const response = fetch(p, JSON_REQUEST);
      // A network failure reaches whoever takes the response; one never taken is not an unhandled rejection.
      response.catch(() => undefined);
      return [key(p), response];
    }),
  );
}

/** A GET of `path` for JSON: the early request's response when there is one not yet taken, else a new request. */
export function fetchJson(path: string, signal?: AbortSignal): Promise<Response> {
  const k = key(path);
  const early = signal ? undefined : window.__atlasEarly?.get(k);
  if (!early) return fetch(path, { ...JSON_REQUEST, signal });
  window.__atlasEarly!.delete(k);
  return early;
}
