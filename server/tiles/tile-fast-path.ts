// Tile requests answered before Express. Express's own per-request set-up (request and response
// prototypes, the router walk) costs more CPU than serving a cached tile does, so a plain, well-formed tile
// GET is handled here on node's request and response: cache hits, 304s, and misses (which build the tile).
// Anything else (HEAD, a query string, a malformed address, TileJSON) returns false and goes to Express,
// whose router answers it, bad addresses with the same 400/404 as always.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { sendErrorRaw } from '../http/errors.ts';
import type { LayerRegistry } from './layers.ts';
import { parseTilesPath, type TileAddress } from './tile-address.ts';
import { chooseCoding, heldTileTag, sendNotModified, sendTile, type Coding } from './tile-response.ts';
import type { TileService } from './tile-service.ts';

export const TILES_PREFIX = '/tiles/';

/** True when it has taken the request (and will answer it); false to pass it on. */
export type FastPath = (req: IncomingMessage, res: ServerResponse) => boolean;

/**
 * ETag, 304, cache, build: the one tile answer, for this fast path and the Express route alike. A promise
 * chain rather than an async function: a cold tile's time is mostly waiting for the database, and every
 * extra async step adds a microtask between its answer and the response.
 */
export function serveTile(req: IncomingMessage, res: ServerResponse, address: TileAddress, tiles: TileService): Promise<void> {
  const coding = chooseCoding(req.headers['accept-encoding']);
  const conditional = req.headers['if-none-match'];
  if (!conditional) return sendCurrent(res, address, coding, tiles);
  return tiles.currentVersion(address.layer).then((version) => {
    const held = heldTileTag(conditional, address, version, coding);
    if (!held) return sendCurrent(res, address, coding, tiles);
    sendNotModified(res, held);
  });
}

// A function, not a closure per request: under tsx (which `npm start` uses) every named closure is also
// wrapped in a call that sets its name.
function sendCurrent(res: ServerResponse, address: TileAddress, coding: Coding, tiles: TileService): Promise<void> {
  return tiles.get(address).then((tile) => sendTile(res, tile, address, coding));
}

export function tileFastPath(layers: LayerRegistry, tiles: TileService): FastPath {
  return (req, res) => {
    const url = req.url ?? '';
    if (req.method !== 'GET' || !url.startsWith(TILES_PREFIX) || url.includes('?')) return false;
    let address: TileAddress;
    try {
      const parsed = parseTilesPath(url.slice(TILES_PREFIX.length), layers);
      if (parsed.kind !== 'tile') return false;
      address = parsed.address;
    } catch {
      return false; // Express parses it again and answers with the error
    }
    serveTile(req, res, address, tiles).catch((err: unknown) => sendErrorRaw(err, req, res));
    return true;
  };
}
