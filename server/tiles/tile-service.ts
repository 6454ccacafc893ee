// Tiles as the HTTP layer wants them: the bytes to send for the current data version (gzipped unless the
// tile fits in one TCP segment), from the cache when possible, with concurrent requests for the same missing
// tile sharing one database query.
//
// A cold tile's time is the database's plus this path's, and the target is that this path adds little, so
// it is written as one promise chain from the version check to the cached tile (no async function per
// step: each one is another promise and microtask between the query's answer and the response).
import zlib from 'node:zlib';
import { promisify } from 'node:util';
import type { DataVersion } from '../db/data-version.ts';
import type { TileAddress } from './tile-address.ts';
import { TileCache, type CachedTile } from './tile-cache.ts';
import type { BuiltTile, TileBuilder } from './tile-source.ts';

const gzipAsync = promisify(zlib.gzip);
const EMPTY = Buffer.alloc(0);
// Most tiles are a few KB and gzip in ~0.1 ms; handing those to the thread pool costs two thread wake-ups,
// more than the work itself. Larger ones (busy flow tiles) go to the pool so they do not hold the event loop.
const SYNC_GZIP_MAX_BYTES = 32 * 1024;
// A response this small goes out in one TCP segment (Ethernet MSS 1,460 less the HTTP headers) compressed or
// not, so gzip would save no round trip, only cost CPU on the critical path of a cold tile (about half of
// the tiles a map at township zoom asks for are this small). Same idea as nginx's gzip_min_length.
export const GZIP_MIN_BYTES = 1_200;
// Level 1, as nginx's default gzip_comp_level: on the demo's tiles over 1.2 KB it is 1.7% larger than
// zlib's default level 6 (128 vs 126 KB for 44 tiles) and takes less CPU on the cold path.
const GZIP_OPTIONS: zlib.ZlibOptions = { level: 1 };

export interface TileService {
  /** The version a tile would be served under now (for conditional requests). */
  currentVersion(): Promise<number>;
  get(address: TileAddress): Promise<CachedTile>;
  readonly cache: TileCache;
}

export function tileKey({ layer, z, x, y }: TileAddress): string {
  return `${layer.id}/${z}/${x}/${y}`;
}

function unencoded({ version, features, mvt }: BuiltTile): CachedTile {
  const body = mvt.length === 0 ? EMPTY : Buffer.from(mvt.buffer, mvt.byteOffset, mvt.length);
  return { version, features, body, gzipped: false };
}

export function tileService(build: TileBuilder, dataVersion: DataVersion, cacheBytes: number): TileService {
  const cache = new TileCache(cacheBytes);
  const pending = new Map<string, Promise<CachedTile>>();

  function buildAndStore(address: TileAddress, key: string, flightKey: string): Promise<CachedTile> {
    const store = (tile: CachedTile) => {
      cache.set(key, tile);
      pending.delete(flightKey);
      return tile;
    };
    const forget = (err: unknown): never => {
      pending.delete(flightKey);
      throw err;
    };
    return build(address).then((built) => {
      const { mvt } = built;
      if (mvt.length < GZIP_MIN_BYTES) return store(unencoded(built));
      const gzipped = (body: Buffer) => store({ version: built.version, features: built.features, body, gzipped: true });
      if (mvt.length > SYNC_GZIP_MAX_BYTES) return gzipAsync(mvt, GZIP_OPTIONS).then(gzipped, forget);
      try {
        return gzipped(zlib.gzipSync(mvt, GZIP_OPTIONS));
      } catch (err) {
        return forget(err);
      }
    }, forget);
  }

  function lookup(address: TileAddress, version: number): CachedTile | Promise<CachedTile> {
    // Below a layer's minzoom the layer has nothing to draw (and a whole-region query would be wasted).
    if (address.z < address.layer.minzoom) return { version, features: 0, body: EMPTY, gzipped: false };
    const key = tileKey(address);
    const hit = cache.get(key, version);
    if (hit) return hit;
    const flightKey = `${key}@${version}`;
    let flight = pending.get(flightKey);
    if (!flight) {
      flight = buildAndStore(address, key, flightKey);
      pending.set(flightKey, flight);
    }
    return flight;
  }

  return {
    cache,
    currentVersion: () => dataVersion.current(),
    get: (address) => dataVersion.current().then((version) => lookup(address, version)),
  };
}
