// HTTP for tiles: strong ETags per version (of the data the layer follows) and content coding, 304 on
// If-None-Match, gzip when the client takes it, and 204 for a tile with no features. Written straight to node's ServerResponse (one
// writeHead, one end) because the same code answers both on the fast path (tile-fast-path.ts, no Express)
// and inside the Express router (HEAD requests), and both must send the same headers.
import type { ServerResponse } from 'node:http';
import zlib from 'node:zlib';
import express from 'express';
import type { TileAddress } from './tile-address.ts';
import type { CachedTile } from './tile-cache.ts';

export const MVT_CONTENT_TYPE = 'application/vnd.mapbox-vector-tile';
// Browsers keep a tile a minute, then revalidate; the ETag makes that a cheap 304 until the data changes.
export const TILE_CACHE_CONTROL = 'public, max-age=60';

export type Coding = 'gzip' | 'identity';

// A browser sends the same Accept-Encoding on every request, so the negotiation is done once per distinct
// header (bounded, so odd clients cannot grow it) with Express's own negotiator, which the rest of the
// server uses too.
const codingByHeader = new Map<string, Coding>();
const MAX_REMEMBERED_HEADERS = 64;

export function chooseCoding(acceptEncoding: string | undefined): Coding {
  const header = acceptEncoding ?? '';
  let coding = codingByHeader.get(header);
  if (coding === undefined) {
    const probe: express.Request = Object.create(express.request, {
      headers: { value: acceptEncoding === undefined ? {} : { 'accept-encoding': acceptEncoding } },
    });
    coding = probe.acceptsEncodings(['gzip', 'identity']) === 'gzip' ? 'gzip' : 'identity';
    if (codingByHeader.size < MAX_REMEMBERED_HEADERS) codingByHeader.set(header, coding);
  }
  return coding;
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

/**
 * The tag a conditional request still holds a current copy of, if any. Unencoded bytes are acceptable to a
 * client that takes gzip too (small tiles are only ever sent unencoded), so for it either tag will do.
 */
export function heldTileTag(header: string | undefined, address: TileAddress, version: number, coding: Coding): string | undefined {
  if (!header) return undefined;
  const asked = tileEtag(address, version, coding);
  if (matchesIfNoneMatch(header, asked)) return asked;
  const plain = tileEtag(address, version, 'identity');
  return coding === 'gzip' && matchesIfNoneMatch(header, plain) ? plain : undefined;
}

function cachingHeaders(etag: string): Record<string, string> {
  return { ETag: etag, 'Cache-Control': TILE_CACHE_CONTROL, Vary: 'Accept-Encoding' };
}

export function sendNotModified(res: ServerResponse, etag: string): void {
  res.writeHead(304, cachingHeaders(etag)).end();
}

/** For a HEAD request node itself leaves the body out. The ETag names the coding actually sent. */
export function sendTile(res: ServerResponse, tile: Omit<CachedTile, 'domain'>, address: TileAddress, coding: Coding): void {
  const sent: Coding = tile.gzipped && coding === 'gzip' ? 'gzip' : 'identity';
  const etag = tileEtag(address, tile.version, sent);
  if (tile.body.length === 0) {
    res.writeHead(204, cachingHeaders(etag)).end();
    return;
  }
  const body = tile.gzipped && sent === 'identity' ? zlib.gunzipSync(tile.body) : tile.body;
  // One literal, not a spread of cachingHeaders: this runs for every tile served.
  const headers: Record<string, string | number> = {
    ETag: etag,
    'Cache-Control': TILE_CACHE_CONTROL,
    Vary: 'Accept-Encoding',
    'Content-Type': MVT_CONTENT_TYPE,
    'Content-Length': body.length,
  };
  if (sent === 'gzip') headers['Content-Encoding'] = 'gzip';
  res.writeHead(200, headers).end(body);
}
