// Flows and the balance (at the drill-down level, inside its unit) for one scope (period, mechanism,
// integration, benefit) and drill-down base, fetched together and kept per query, so going back to an earlier choice costs no request. Only the
// answer to the latest request is handed on: a slow old answer never overwrites a newer one.
import { balancePath, rowsWithin } from '../data/drill-balance.ts';
import { fetchJson, flowsPath } from '../early-fetch.ts';
import { parseBalance, parseFlowData, type BalanceRow, type FlowData } from '../data/flow-json.ts';

export interface ScopedAnswer {
  data: FlowData;
  balance: BalanceRow[];
  /** The drill-down base both were read for (the balance is at its level, inside its unit). */
  base: FlowBase;
}

async function getJson(path: string): Promise<unknown> {
  const res = await fetchJson(path);
  if (!res.ok) throw new Error(`${path} answered ${res.status}`);
  return res.json();
}

export const EMPTY_DATA: FlowData = { locations: new Map(), flows: [], sources: new Map(), truncated: false };

/** Which flows, as the drill-down sets it: the level they are rolled up to, and a unit they must touch. */
export interface FlowBase {
  level: string;
  within: string | null;
}

export interface ScopedLoader {
  /** The answer for a scope query ('' = unfiltered; null = nothing can match), or null when a newer load was asked for. */
  load(base: FlowBase, query: string | null): Promise<ScopedAnswer | null>;
}

export function createScopedLoader(): ScopedLoader {
  const cache = new Map<string, Promise<ScopedAnswer>>();
  let latest = 0;
  return {
    async load(base, query) {
      const ticket = ++latest;
      // An empty list matches nothing: no request, an empty map.
      if (query === null) return { data: EMPTY_DATA, balance: [], base };
      const key = flowsPath(base, query);
      let answer = cache.get(key);
      if (!answer) {
        answer = Promise.all([
          getJson(key).then(parseFlowData),
          getJson(balancePath(base, query)).then((b) => rowsWithin(parseBalance(b), base.within), (err: Error): BalanceRow[] => (console.warn(`[atlas] balance: ${err.message}`), [])),
        ]).then(([data, balance]) => ({ data, balance, base }));
        cache.set(key, answer);
        answer.catch(() => cache.delete(key));
      }
      const got = await answer;
      return ticket === latest ? got : null;
    },
  };
}
