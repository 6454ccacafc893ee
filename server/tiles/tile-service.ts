// Tiles as the HTTP layer wants them: the bytes to send for the current version of the data the layer draws
// (units for boundary layers, all data for flows; see TileLayer.follows), gzipped unless the tile fits in
// one TCP segment, from the cache when possible, with concurrent requests for the same missing
// tile sharing one database query.
//
// A cold tile's time is the database's plus this path's, and the target is that this path adds little, so
// it is written as one promise chain from the version check to the cached tile (no async function per
// step: each one is another promise and microtask between the query's answer and the response).
import zlib from 'node:zlib';
import { promisify } from 'node:util';
import type { DataVersion, VersionDomain } from '../db/data-version.ts';
import type { TileLayer } from './layers.ts';
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
  /** The version a tile of `layer` would be served under now (for conditional requests and TileJSON). */
  currentVersion(layer: TileLayer): Promise<number>;
  get(address: TileAddress): Promise<CachedTile>;
  readonly cache: TileCache;
}

export function tileKey({ layer, z, x, y }: TileAddress): string {
  return `${layer.id}/${z}/${x}/${y}`;
}

/**
 * zlib's sync output is a slice of its 16 KB work buffer, which the slice keeps alive: a cache of 3 KB tiles
 * would hold five times what it counts. A copy of the exact size is a microsecond.
 */
function ownBytes(body: Buffer): Buffer {
  if (body.buffer.byteLength === body.length) return body;
  const own = Buffer.allocUnsafeSlow(body.length);
  body.copy(own);
  return own;
}

function unencoded(domain: VersionDomain, { version, features, mvt }: BuiltTile): CachedTile {
  const body = mvt.length === 0 ? EMPTY : Buffer.from(mvt.buffer, mvt.byteOffset, mvt.length);
  return { domain, version, features, body, gzipped: false };
}

const ignore = () => undefined;

/** The bytes to cache for a built tile: gzipped unless small, on the thread pool when large. */
function encoded(domain: VersionDomain, built: BuiltTile): CachedTile | Promise<CachedTile> {
  const { mvt, version, features } = built;
  if (mvt.length < GZIP_MIN_BYTES) return unencoded(domain, built);
  if (mvt.length > SYNC_GZIP_MAX_BYTES)
    return gzipAsync(mvt, GZIP_OPTIONS).then((body) => ({ domain, version, features, body: ownBytes(body), gzipped: true }));
  return { domain, version, features, body: ownBytes(zlib.gzipSync(mvt, GZIP_OPTIONS)), gzipped: true };
}

export function tileService(build: TileBuilder, dataVersion: DataVersion, cacheBytes: number): TileService {
  const cache = new TileCache(cacheBytes);
  // Builds in progress by tile key; each tile carries the version (of its layer's domain) its own statement
  // saw. Versions of different domains are never compared: a key belongs to one layer, so to one domain.
  const pending = new Map<string, Promise<CachedTile>>();

  // Two closures per build (answer, failure) and module-level steps: a cold tile's build allocated five
  // closures and a promise per step before, which showed up as GC time on the cold path.
  function startBuild(address: TileAddress, key: string): Promise<CachedTile> {
    const domain = address.layer.follows;
    const flight: Promise<CachedTile> = build(address).then(
      (built) => {
        let tile: CachedTile | Promise<CachedTile>;
        try {
          tile = encoded(domain, built);
        } catch (err) {
          return forget(key, flight, err);
        }
        if (tile instanceof Promise) return tile.then((t) => store(key, flight, t), (err: unknown) => forget(key, flight, err));
        return store(key, flight, tile);
      },
      (err: unknown) => forget(key, flight, err),
    );
    pending.set(key, flight);
    return flight;
  }

  function store(key: string, flight: Promise<CachedTile>, tile: CachedTile): CachedTile {
    cache.set(key, tile);
    if (pending.get(key) === flight) pending.delete(key);
    return tile;
  }

  function forget(key: string, flight: Promise<CachedTile>, err: unknown): never {
    if (pending.get(key) === flight) pending.delete(key);
    throw err;
  }

  /** The tile, built at `version` or later: the build in progress if it is that new, else a new one. */
  function atLeast(address: TileAddress, key: string, version: number, flight = pending.get(key)): Promise<CachedTile> {
    if (!flight) return startBuild(address, key);
    return flight.then((tile) => {
      if (tile.version >= version) return tile;
      const newer = pending.get(key);
      return newer && newer !== flight ? atLeast(address, key, version, newer) : startBuild(address, key);
    });
  }

  function whenNothingCached(address: TileAddress, key: string): Promise<CachedTile> {
    // With no copy of this tile under any version it will be built whatever the version is, so the query
    // goes out now, while the version check runs, not after it (on a cold request that is a microtask plus
    // the rest of node's request handling later). The check still decides what may be served: a build
    // joined here that began before a newer version was known is not.
    const flight = pending.get(key) ?? startBuild(address, key);
    const check = dataVersion.current(address.layer.follows);
    let known: number | undefined;
    check.then((version) => (known = version), ignore); // a failure is reported through the chain below, if it is needed
    return flight.then((tile) => (known !== undefined && tile.version >= known ? tile : check.then((version) => atLeast(address, key, version, flight))));
  }

  function lookup(address: TileAddress, key: string, version: number): CachedTile | Promise<CachedTile> {
    return cache.get(key, address.layer.follows, version) ?? atLeast(address, key, version);
  }

  return {
    cache,
    currentVersion: (layer) => dataVersion.current(layer.follows),
    get(address) {
      const domain = address.layer.follows;
      // Below a layer's minzoom the layer has nothing to draw (and a whole-region query would be wasted).
      if (address.z < address.layer.minzoom)
        return dataVersion.current(domain).then((version) => ({ domain, version, features: 0, body: EMPTY, gzipped: false }));
      const key = tileKey(address);
      if (!cache.has(key)) return whenNothingCached(address, key);
      return dataVersion.current(domain).then((version) => lookup(address, key, version));
    },
  };
}
