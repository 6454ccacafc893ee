// The query parameters of /collections/{id}/items, typed once: the router parses with this spec and the
// OpenAPI document lists exactly its keys, so the document and the 400-for-unknown rule cannot drift apart.
import type { Request } from 'express';
import { badRequest } from '../http/errors.ts';
import { parseQuery } from '../http/query-params.ts';
import { parseBbox } from './bbox.ts';
import type { ItemsFilter } from './collection.ts';
import { parseDatetime } from './datetime.ts';

export const LIMIT_DEFAULT = 10;
export const LIMIT_MAX = 1000;
export const OFFSET_MAX = 100_000_000;

export const formatParam = { type: 'enum', values: ['json'] } as const;

export const itemsQuerySpec = {
  f: formatParam,
  bbox: { type: 'string', maxLength: 400 },
  datetime: { type: 'string', maxLength: 100 },
  limit: { type: 'int', min: 1, max: LIMIT_MAX, default: LIMIT_DEFAULT, clamp: true },
  offset: { type: 'int', min: 0, max: OFFSET_MAX, default: 0 },
} as const;

export function parseItemsQuery(req: Request): ItemsFilter {
  const query = req.query as Record<string, unknown>;
  // Named before the generic unknown-parameter check, because a client sending them deserves to know why.
  if ('bbox-crs' in query) {
    throw badRequest('"bbox-crs" is not supported: bbox is always in CRS84 (longitude, latitude on WGS 84). Leave bbox-crs out.');
  }
  if ('crs' in query) throw badRequest('"crs" is not supported: features are always in CRS84 (WGS 84). Leave crs out.');
  const p = parseQuery(req, itemsQuerySpec);
  return { bbox: parseBbox(p.bbox), datetime: parseDatetime(p.datetime), limit: p.limit, offset: p.offset };
}
