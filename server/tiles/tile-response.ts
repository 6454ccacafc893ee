// HTTP for tiles: strong ETags per data version and content coding, 304 on If-None-Match, gzip when the
// client takes it, and 204 for a tile with no features.
import zlib from 'node:zlib';
import type { Request, Response } from 'express';
import type { TileAddress } from './tile-address.ts';
import type { CachedTile } from './tile-cache.ts';

export const MVT_CONTENT_TYPE = 'application/vnd.mapbox-vector-tile';
// Browsers keep a tile a minute, then revalidate; the ETag makes that a cheap 304 until the data changes.
export const TILE_CACHE_CONTROL = 'public, max-age=60';

export type Coding = 'gzip' | 'identity';

export function chooseCoding(req: Request): Coding {
  return req.acceptsEncodings('gzip', 'identity') === 'gzip' ? 'gzip' : 'identity';
}

/**
 * Strong: the same tag always names the same bytes. It changes with the data version, with the layer's
 * SQL and definition (a new build may encode differently), and with the content coding.
 */
export function tileEtag({ layer, z, x, y }: TileAddress, version: number, coding: Coding): string {
  return `"${layer.fingerprint}-v${version}-${z}-${x}-${y}${coding === 'gzip' ? '-gz' : ''}"`;
}

/** RFC 9110 If-None-Match uses the weak comparison: W/ prefixes are ignored. */
export function matchesIfNoneMatch(header: string | undefined, etag: string): boolean {
  if (!header) return false;
  if (header.trim() === '*') return true;
  return header.split(',').some((t) => t.trim().replace(/^W\//, '') === etag);
}

export function setTileHeaders(res: Response, etag: string): void {
  res.set({ ETag: etag, 'Cache-Control': TILE_CACHE_CONTROL, Vary: 'Accept-Encoding' });
}

export function sendTile(res: Response, tile: CachedTile, etag: string, coding: Coding): void {
  setTileHeaders(res, etag);
  if (tile.gzip.length === 0) {
    res.status(204).end();
    return;
  }
  res.type(MVT_CONTENT_TYPE);
  if (coding === 'gzip') {
    res.set('Content-Encoding', 'gzip').send(tile.gzip);
  } else {
    res.send(zlib.gunzipSync(tile.gzip));
  }
}
