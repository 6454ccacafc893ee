// The flow API's four answers the map needs, fetched from the page's own origin and parsed at the edge.
import { parseAlliances, parseBalance, parseFlowData, parseVocabulary, type Alliance, type BalanceRow, type FlowData, type Vocabulary } from '../data/flow-json.ts';

async function getJson(path: string): Promise<unknown> {
  const res = await fetch(path, { headers: { Accept: 'application/json' } });
  if (!res.ok) throw new Error(`${path} answered ${res.status}`);
  return res.json();
}

export const fetchFlows = async (level: string): Promise<FlowData> => parseFlowData(await getJson(`/api/flows?level=${encodeURIComponent(level)}`));
export const fetchVocabulary = async (): Promise<Vocabulary> => parseVocabulary(await getJson('/api/flows/vocabulary'));
export const fetchAlliances = async (): Promise<Alliance[]> => parseAlliances(await getJson('/api/alliances'));
export const fetchBalance = async (level: string): Promise<BalanceRow[]> => parseBalance(await getJson(`/api/balance?level=${encodeURIComponent(level)}&layout=series`));
