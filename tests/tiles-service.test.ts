// The tile service between HTTP and the database: a missing tile's query starts at once, concurrent
// requests for it share one build, and a build that began before a newer data version was known is never
// what gets served.
import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { DataVersion } from '../server/db/data-version.ts';
import { buildLayerRegistry } from '../server/tiles/layers.ts';
import type { TileAddress } from '../server/tiles/tile-address.ts';
import { tileService } from '../server/tiles/tile-service.ts';
import type { BuiltTile } from '../server/tiles/tile-source.ts';

const layer = buildLayerRegistry('postgis').get('counties')!;
const address: TileAddress = { layer, z: 9, x: 427, y: 214 };

/** A database whose current version the test sets, and whose builds it answers one by one. */
interface FakeDatabase {
  version: number;
  builds: { seen: number; answer: () => void }[];
  dataVersion: DataVersion;
  build: () => Promise<BuiltTile>;
  mvt?: Buffer;
}

function fakeDatabase(version: number): FakeDatabase {
  const db: FakeDatabase = {
    version,
    builds: [],
    dataVersion: { current: async () => db.version, bump: async () => ++db.version } as DataVersion,
    build: (): Promise<BuiltTile> =>
      new Promise((resolve) => {
        const seen = db.version; // the statement's snapshot: the version when the query started
        db.builds.push({ seen, answer: () => resolve({ version: seen, features: 1, mvt: db.mvt ?? Buffer.from(`tile at ${seen}`) }) });
      }),
  };
  return db;
}

describe('tile service', () => {
  it('starts the query for a tile it holds no copy of before the data version check has answered', () => {
    const db = fakeDatabase(1);
    void tileService(db.build, db.dataVersion, 1 << 20).get(address);
    expect(db.builds).toHaveLength(1); // synchronously: no promise has settled yet
  });

  it('shares one build between concurrent requests for the same missing tile', async () => {
    const db = fakeDatabase(1);
    const tiles = tileService(db.build, db.dataVersion, 1 << 20);
    const both = Promise.all([tiles.get(address), tiles.get(address)]);
    db.builds[0]!.answer();
    const [a, b] = await both;
    expect(db.builds).toHaveLength(1);
    expect(a).toBe(b);
    expect(a.version).toBe(1);
  });

  it('does not serve a build that began before a newer data version was known, but builds again', async () => {
    const db = fakeDatabase(1);
    const tiles = tileService(db.build, db.dataVersion, 1 << 20);
    const early = tiles.get(address);
    db.version = 2; // a write commits while the first build is running
    const late = tiles.get(address);
    db.builds[0]!.answer();
    expect((await early).version).toBe(1);
    await new Promise((r) => setImmediate(r));
    expect(db.builds).toHaveLength(2);
    db.builds[1]!.answer();
    expect((await late).version).toBe(2);
  });

  it('serves a cached tile without building it again while the version is unchanged', async () => {
    const db = fakeDatabase(1);
    const tiles = tileService(db.build, db.dataVersion, 1 << 20);
    const first = tiles.get(address);
    db.builds[0]!.answer();
    await first;
    expect(await tiles.get(address)).toBe(await first);
    expect(db.builds).toHaveLength(1);
  });

  it('holds a gzipped tile in memory of its own size, so that the cache budget counts what it holds', async () => {
    const db = fakeDatabase(1);
    db.mvt = randomBytes(3_000); // incompressible: gzip gives about 3 KB
    const tiles = tileService(db.build, db.dataVersion, 1 << 20);
    const pending = tiles.get(address);
    db.builds[0]!.answer();
    const tile = await pending;
    expect(tile.gzipped).toBe(true);
    expect(tile.body.buffer.byteLength).toBe(tile.body.length);
    expect(tiles.cache.usedBytes).toBeLessThan(4_000);
  });
});
