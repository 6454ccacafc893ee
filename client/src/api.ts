// Requests to the atlas's own API, always relative to the page's origin.
import { parseUnitDetails, type UnitDetails } from './unit-details.ts';
import { parseTileJson, type TileSet } from './tilejson.ts';
import { ownBalance, parseCorridors, parseIndicators } from './data/unit-profile.ts';
import { parseSearch, type SearchHit } from './data/unit-search.ts';
import type { Level } from './unit-details.ts';
import { fetchJson } from './early-fetch.ts';

export class ApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

async function getJson(url: string, signal?: AbortSignal): Promise<unknown> {
  const res = await fetchJson(url, signal);
  if (!res.ok) throw new ApiError(res.status, `${url} answered ${res.status}`);
  return res.json();
}

export async function fetchUnit(code: string, signal?: AbortSignal): Promise<UnitDetails> {
  return parseUnitDetails(await getJson(`/api/units/${encodeURIComponent(code)}`, signal));
}

export async function fetchTileSet(layer: string): Promise<TileSet> {
  const url = new URL(`/tiles/${layer}.json`, location.href).toString();
  return parseTileJson(await getJson(url), url, layer);
}

const enc = encodeURIComponent;

export async function fetchIndicators(code: string, signal?: AbortSignal): Promise<ReturnType<typeof parseIndicators>> {
  return parseIndicators(await getJson(`/api/indicators?unit=${enc(code)}&limit=500`, signal));
}

/** The unit's in/out/net rows at its own level (the answer also has rows for its partners; they are dropped). */
export async function fetchUnitBalance(code: string, level: Level, signal?: AbortSignal): Promise<ReturnType<typeof ownBalance>> {
  return ownBalance(await getJson(`/api/balance?level=${enc(level)}&unit=${enc(code)}`, signal), code);
}

export async function fetchCorridors(code: string, signal?: AbortSignal): Promise<ReturnType<typeof parseCorridors>> {
  return parseCorridors(await getJson(`/api/units/${enc(code)}/corridors?limit=3`, signal));
}

/** Name (Chinese or pinyin) or code prefix; the server caps and pages, ten hits are plenty for a list. */
export async function searchUnits(query: string, signal?: AbortSignal): Promise<SearchHit[]> {
  return parseSearch(await getJson(`/api/units?q=${enc(query.trim())}&limit=10&geometry=bbox`, signal), query);
}
