// The flow API's four answers the map needs, fetched from the page's own origin and parsed at the edge.
import { fetchJson } from '../early-fetch.ts';
import { parseAlliances, parseBalance, parseFlowData, parseVocabulary, type Alliance, type BalanceRow, type FlowData, type Vocabulary } from '../data/flow-json.ts';

async function getJson(path: string): Promise<unknown> {
  const res = await fetchJson(path);
  if (!res.ok) throw new Error(`${path} answered ${res.status}`);
  return res.json();
}

export const fetchFlows = async (level: string): Promise<FlowData> => parseFlowData(await getJson(`/api/flows?level=${encodeURIComponent(level)}`));
// The vocabulary does not change while a page is open, and the flows, the unit panel and the exports all
// need it at start: one request for the three (a failed one is forgotten, so the next caller retries).
let vocabulary: Promise<Vocabulary> | null = null;
export const fetchVocabulary = (): Promise<Vocabulary> =>
  (vocabulary ??= getJson('/api/flows/vocabulary')
    .then(parseVocabulary)
    .catch((err: unknown) => {
      vocabulary = null;
      throw err;
    }));
export const fetchAlliances = async (): Promise<Alliance[]> => parseAlliances(await getJson('/api/alliances'));
export const fetchBalance = async (level: string): Promise<BalanceRow[]> => parseBalance(await getJson(`/api/balance?level=${encodeURIComponent(level)}&layout=series`));
