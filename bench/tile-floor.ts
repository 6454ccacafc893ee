// `npx tsx bench/tile-floor.ts`: how far the tile server is from the least any HTTP server could add on this
// machine. On the bench database of bench/tiles.ts (run `npm run bench` once first), tile by tile and in
// rotating order, so that all see the same moment of a shared machine:
//   db      the layer's SQL through node-postgres, as bench/tiles.ts times it
//   server  the real server (bench/tile-server.ts) on an empty cache, then once more warm
//   floor   bench/tile-floor-server.ts: node:http, the same query and gzip, nothing else
// and, alternating, a bare keep-alive HTTP exchange (fixed 1 KB body) and `SELECT 1` through the pool.
// The totals are sums of per-tile medians, as in bench/tiles.ts; "paired" is the median over rounds of the
// difference between two servers' times for the same tile in the same round, summed over the tiles.
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { openPostgres } from '../server/db/postgres-database.ts';
import { buildLayerRegistry } from '../server/tiles/layers.ts';
import { tileParams } from '../server/tiles/tile-source.ts';
import { setLogLevel } from '../server/log.ts';
import { forkBenchServer } from './child-server.ts';
import { TileConnection } from './tile-client.ts';
import { fetchOk } from './tile-load.ts';
import { benchTiles, tilePath, type TileRef } from './tile-list.ts';
import { median, sum } from './tile-stats.ts';

const here = path.dirname(fileURLToPath(import.meta.url));
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 15);
const EXCHANGES = 2_000;
const SMALL_BYTES = 1_200; // below this a tile is sent unencoded
setLogLevel('error');
const url = (() => {
  const u = new URL(process.env.DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/postgres');
  u.pathname = `/${process.env.BENCH_DB ?? 'atlas_bench_tiles'}`;
  return u.toString();
})();

const connectTo = (serverUrl: string) => {
  const { hostname, port } = new URL(serverUrl);
  return new TileConnection(hostname, Number(port));
};

const db = openPostgres({ url, poolMax: 8, poolWaitMs: 10_000, statementTimeoutMs: 60_000 });
const layers = buildLayerRegistry('postgis');
const runSql = async (t: TileRef) => {
  const address = { ...t, layer: layers.get(t.layer)! };
  if (t.z < address.layer.minzoom) return new Uint8Array(0);
  const [row] = await db.query<{ mvt: Uint8Array }>(address.layer.sql, tileParams(address), { name: address.layer.statement });
  return row!.mvt;
};
const timed = async (f: () => Promise<unknown>) => {
  const t0 = performance.now();
  await f();
  return performance.now() - t0;
};

const real = await forkBenchServer(path.join(here, 'tile-server.ts'), { DATABASE_URL: url });
const floor = await forkBenchServer(path.join(here, 'tile-floor-server.ts'), { DATABASE_URL: url });
const conns = { real: connectTo(real.url), floor: connectTo(floor.url) };
const tiles = benchTiles();
const paths = tiles.map(tilePath);
const load0 = os.loadavg();

// Warm-up, then the bare exchange and SELECT 1, alternating.
for (let k = 0; k < 2; k++) {
  for (const t of tiles) await runSql(t);
  for (const p of paths) for (const c of Object.values(conns)) await fetchOk(c, p);
}
const bare: number[] = [];
const select1: number[] = [];
for (let i = 0; i < EXCHANGES; i++) {
  bare.push(await fetchOk(conns.floor, '/bare'));
  select1.push(await timed(() => db.query('SELECT 1', [], { name: 'bench_select_1' })));
}

const sizes = await Promise.all(tiles.map(async (t) => (await runSql(t)).length));
const kinds = ['db', 'real', 'floor'] as const;
const times = Object.fromEntries(kinds.map((k) => [k, tiles.map((): number[] => [])])) as Record<(typeof kinds)[number], number[][]>;
for (let r = 0; r < ROUNDS; r++) {
  // Boundary tiles follow units_version, flow tiles version: bump both so every listed tile is cold.
  await db.query('UPDATE data_version SET version = version + 1, units_version = units_version + 1');
  await new Promise((res) => setTimeout(res, 1_100)); // the server re-reads the version at most once a second
  for (let i = 0; i < tiles.length; i++) {
    for (let j = 0; j < kinds.length; j++) {
      const kind = kinds[(i + j + r) % kinds.length]!;
      times[kind][i]!.push(kind === 'db' ? await timed(() => runSql(tiles[i]!)) : await fetchOk(conns[kind], paths[i]!));
    }
    for (const c of Object.values(conns)) await fetchOk(c, paths[i]!); // warm: a cache hit, a replay on the floor
  }
}
for (const c of Object.values(conns)) c.close();
await Promise.all([real.stop(), floor.stop()]);
await db.close();

const small = sizes.map((s) => s < SMALL_BYTES);
const dbMs = times.db.map(median);
const dbTotal = sum(dbMs);
const split = (xs: number[]) => ({
  small: +sum(xs.filter((_, i) => small[i])).toFixed(2),
  large: +sum(xs.filter((_, i) => !small[i])).toFixed(2),
});
const server = (kind: 'real' | 'floor') => {
  const ms = times[kind].map(median);
  return { overDb: +(sum(ms) / dbTotal).toFixed(3), addedMs: split(ms.map((m, i) => m - dbMs[i]!)), addedMedianPerTileMs: +median(ms.map((m, i) => m - dbMs[i]!)).toFixed(3) };
};
const paired = tiles.map((_, i) => median(times.real[i]!.map((v, r) => v - times.floor[i]![r]!)));
const bareMs = median(bare);
const summary = {
  when: new Date().toISOString(),
  load: { start: load0.map((l) => +l.toFixed(2)), end: os.loadavg().map((l) => +l.toFixed(2)) },
  rounds: ROUNDS,
  tiles: { all: tiles.length, small: small.filter(Boolean).length },
  dbMs: { total: +dbTotal.toFixed(2), ...split(dbMs) },
  real: server('real'),
  floor: server('floor'),
  realMinusFloorMs: { ...split(paired), medianPerTile: +median(paired).toFixed(3) },
  bareExchangeMs: +bareMs.toFixed(3),
  select1Ms: +median(select1).toFixed(3),
  // What the exchange alone would do to the total if a server added nothing else (no gzip, no work).
  overDbWithOnlyTheExchange: +((dbTotal + tiles.length * bareMs) / dbTotal).toFixed(3),
};
console.log(JSON.stringify(summary, null, 2));
process.exit(0);
