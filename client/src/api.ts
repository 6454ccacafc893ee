// Requests to the atlas's own API, always relative to the page's origin.
import { parseUnitDetails, type UnitDetails } from './unit-details.ts';
import { parseTileJson, type TileSet } from './tilejson.ts';

export class ApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

async function getJson(url: string, signal?: AbortSignal): Promise<unknown> {
  const res = await fetch(url, { signal, headers: { Accept: 'application/json' } });
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
