// Tiles as the HTTP layer wants them: the bytes to send for the current data version (gzipped unless the
// tile fits in one TCP segment), from the cache when possible, with concurrent requests for the same missing
// tile sharing one database query.
import zlib from 'node:zlib';
import { promisify } from 'node:util';
import type { DataVersion } from '../db/data-version.ts';
import type { TileAddress } from './tile-address.ts';
import { TileCache, type CachedTile } from './tile-cache.ts';
import type { TileBuilder } from './tile-source.ts';

const gzipAsync = promisify(zlib.gzip);
const EMPTY = Buffer.alloc(0);
// Most tiles are a few KB and gzip in ~0.1 ms; handing those to the thread pool costs two thread wake-ups,
// more than the work itself. Larger ones (busy flow tiles) go to the pool so they do not hold the event loop.
const SYNC_GZIP_MAX_BYTES = 32 * 1024;
const gzip = async (bytes: Uint8Array) => (bytes.length <= SYNC_GZIP_MAX_BYTES ? zlib.gzipSync(bytes) : gzipAsync(bytes));
// A response this small goes out in one TCP segment (Ethernet MSS 1,460 less the HTTP headers) compressed or
// not, so gzip would save no round trip, only cost CPU on the critical path of a cold tile (about half of
// the tiles a map at township zoom asks for are this small). Same idea as nginx's gzip_min_length.
export const GZIP_MIN_BYTES = 1_200;

async function encodeForWire(mvt: Uint8Array): Promise<{ body: Buffer; gzipped: boolean }> {
  if (mvt.length === 0) return { body: EMPTY, gzipped: false };
  if (mvt.length < GZIP_MIN_BYTES) return { body: Buffer.from(mvt.buffer, mvt.byteOffset, mvt.length), gzipped: false };
  return { body: await gzip(mvt), gzipped: true };
}

export interface TileService {
  /** The version a tile would be served under now (for conditional requests). */
  currentVersion(): Promise<number>;
  get(address: TileAddress): Promise<CachedTile>;
  readonly cache: TileCache;
}

export function tileKey({ layer, z, x, y }: TileAddress): string {
  return `${layer.id}/${z}/${x}/${y}`;
}

export function tileService(build: TileBuilder, dataVersion: DataVersion, cacheBytes: number): TileService {
  const cache = new TileCache(cacheBytes);
  const pending = new Map<string, Promise<CachedTile>>();

  async function buildAndStore(address: TileAddress, key: string): Promise<CachedTile> {
    const built = await build(address);
    const tile: CachedTile = { version: built.version, features: built.features, ...(await encodeForWire(built.mvt)) };
    cache.set(key, tile);
    return tile;
  }

  return {
    cache,
    currentVersion: () => dataVersion.current(),
    async get(address) {
      const version = await dataVersion.current();
      // Below a layer's minzoom the layer has nothing to draw (and a whole-region query would be wasted).
      if (address.z < address.layer.minzoom) return { version, features: 0, body: EMPTY, gzipped: false };
      const key = tileKey(address);
      const hit = cache.get(key, version);
      if (hit) return hit;
      const flightKey = `${key}@${version}`;
      let flight = pending.get(flightKey);
      if (!flight) {
        flight = buildAndStore(address, key).finally(() => pending.delete(flightKey));
        pending.set(flightKey, flight);
      }
      return flight;
    },
  };
}
