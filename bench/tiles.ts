// `npm run bench`: vector tile performance on the Wenzhou demo, every figure measured in this run.
//
// For the fixed tile list of bench/tile-list.ts (zooms 6–14) it reports, per tile and in total:
//   db      PostGIS alone: the layer's tile SQL run directly through node-postgres as the same named prepared
//           statement the server uses (median of ROUNDS runs, each next to the server's request for the same tile)
//   cold    the server end to end over HTTP with an empty tile cache (a data-version bump empties it)
//   warm    the same request once the tile is cached
//   sizes   raw MVT bytes and gzip bytes
// and throughput with CONCURRENCY requests in flight: the tile SQL straight to the database, the server
// from an empty cache (distinct tiles), and the server from a warm cache (repeated tiles), with the CPU time
// the server process and this client spent per request. HTTP goes through bench/tile-client.ts (lean
// keep-alive sockets, one request in flight on each). Targets (issue 3): cold ≤ 1.2 × db in total (sum of
// per-tile medians), warm ≥ 10 × cold throughput, every tile < 500 KB. The database is created and seeded here: DATABASE_URL names the server to use (any database on
// it; default postgres://postgres@127.0.0.1:5432/postgres), BENCH_DB the database to (re)create.
import { fork, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import zlib from 'node:zlib';
import pg from 'pg';
import { loadConfig } from '../server/config.ts';
import { setLogLevel } from '../server/log.ts';
import { migrate } from '../server/db/migrate.ts';
import { openPostgres } from '../server/db/postgres-database.ts';
import { buildLayerRegistry } from '../server/tiles/layers.ts';
import { tileParams } from '../server/tiles/tile-source.ts';
import { benchArgs } from './bench-args.ts';
import { connectPool } from './tile-client.ts';
import { fetchOk, measured, throughput } from './tile-load.ts';
import { benchTiles, tilePath, type TileRef } from './tile-list.ts';
import { median, sum } from './tile-stats.ts';

const USAGE = `Usage: npm run bench [-- --reuse]
Vector tile performance on the Wenzhou demo: per tile of bench/tile-list.ts (zooms 6–14) the tile SQL alone
(db), the server over HTTP with an empty cache (cold) and a warm one (warm), tile sizes, and throughput with
BENCH_CONCURRENCY requests in flight. Targets (issue 3): cold ≤ 1.2 × db in total, warm ≥ 10 × cold
throughput, every tile < 500 KB. Creates and seeds its own database (minutes of load).

Options:
  --reuse        keep the bench database if it exists instead of recreating and seeding it
  --help, -h     this text

Environment:
  DATABASE_URL          the PostgreSQL server (any database on it; default postgres://postgres@127.0.0.1:5432/postgres)
  BENCH_DB              the database to (re)create (default atlas_bench_tiles)
  BENCH_ROUNDS          runs per tile, median reported (default 15)
  BENCH_CONCURRENCY     requests in flight for throughput (default 8)
  BENCH_WARM_REQUESTS   requests for the warm-cache throughput (default 20000)
  BENCH_CPU_PROF        a folder: the server process writes a V8 CPU profile there`;
const args = benchArgs({ name: 'bench', usage: USAGE }, { reuse: { type: 'boolean', default: false } });

const here = path.dirname(fileURLToPath(import.meta.url));
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 15);
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 8);
const WARM_REQUESTS = Number(process.env.BENCH_WARM_REQUESTS ?? 20_000);
const BENCH_DB = process.env.BENCH_DB ?? 'atlas_bench_tiles';
const REUSE = args.reuse;
const TARGETS = { coldOverDb: 1.2, warmOverCold: 10, maxTileBytes: 500 * 1024 };

setLogLevel('error');
const adminUrl = process.env.DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/postgres';
const benchUrl = (() => {
  const u = new URL(adminUrl);
  u.pathname = `/${BENCH_DB}`;
  return u.toString();
})();

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function prepareDatabase(): Promise<void> {
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  const exists = (await admin.query('SELECT 1 FROM pg_database WHERE datname = $1', [BENCH_DB])).rowCount;
  if (exists && REUSE) {
    await admin.end();
    console.log(`reusing database ${BENCH_DB}`);
    return;
  }
  await admin.query(`DROP DATABASE IF EXISTS ${BENCH_DB} WITH (FORCE)`);
  await admin.query(`CREATE DATABASE ${BENCH_DB}`);
  await admin.end();
  const db = openPostgres({ url: benchUrl, poolMax: 2, poolWaitMs: 10_000, statementTimeoutMs: 600_000 });
  await migrate(db);
  const started = Date.now();
  const { seedDemo } = await import('../server/geodata/seed-demo.ts');
  await seedDemo(db, { ...loadConfig({ ...process.env, LOG_LEVEL: 'error' }), seedDemo: true });
  await db.close();
  console.log(`seeded ${BENCH_DB} with the Wenzhou demo in ${((Date.now() - started) / 1000).toFixed(1)} s`);
}

function startServerProcess(): Promise<{ url: string; child: ChildProcess }> {
  const child = fork(path.join(here, 'tile-server.ts'), [], {
    // BENCH_CPU_PROF=<dir> writes a V8 CPU profile of the server there (open it in Chrome's DevTools).
    execArgv: ['--import', 'tsx', ...(process.env.BENCH_CPU_PROF ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_CPU_PROF}`] : [])],
    env: { ...process.env, DATABASE_URL: benchUrl },
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  return new Promise((resolve, reject) => {
    child.once('message', (m) => resolve({ url: (m as { url: string }).url, child }));
    child.once('exit', (code) => reject(new Error(`bench server exited with ${code}`)));
  });
}

interface Row {
  tile: string;
  features: number;
  rawBytes: number;
  gzipBytes: number;
  dbMs: number;
  coldMs: number;
  warmMs: number;
}

async function main() {
  await prepareDatabase();
  const db = openPostgres({ url: benchUrl, poolMax: CONCURRENCY, poolWaitMs: 10_000, statementTimeoutMs: 60_000 });
  const layers = buildLayerRegistry('postgis');
  const tiles = benchTiles();
  const bump = async () => {
    // Boundary tiles follow units_version, flow tiles version: bump both so every listed tile is cold.
    await db.query('UPDATE data_version SET version = version + 1, units_version = units_version + 1');
    await sleep(1_100); // the server re-reads the version at most once a second
  };
  // The database's best direct means, as the server uses it: the same SQL, as the same named prepared
  // statement (parsed and planned once per connection), through the same driver and pool settings.
  const runSql = async (t: TileRef) => {
    const address = { ...t, layer: layers.get(t.layer)! };
    // Below a layer's minzoom the server answers without SQL; so does this baseline.
    if (t.z < address.layer.minzoom) return { mvt: new Uint8Array(0), features: 0 };
    const [row] = await db.query<{ mvt: Uint8Array; features: number }>(address.layer.sql, tileParams(address), {
      name: address.layer.statement,
    });
    return row!;
  };

  const { url, child } = await startServerProcess();
  const paths = tiles.map(tilePath);
  const conns = connectPool(url, CONCURRENCY);
  const one = conns[0]!;
  console.log(`server ${url} (child pid ${child.pid}); ${tiles.length} tiles; ${ROUNDS} rounds; ${os.cpus().length} CPUs; load ${os.loadavg().map((l) => l.toFixed(1)).join(' ')}`);

  // Warm-up: connections, plans, PROJ, buffers and JIT on both sides, so neither side pays start-up costs.
  for (const t of tiles) await runSql(t);
  for (const p of paths) await fetchOk(one, p);

  const db_: number[][] = tiles.map(() => []);
  const cold: number[][] = tiles.map(() => []);
  const warm: number[][] = tiles.map(() => []);
  type Measured = Awaited<ReturnType<typeof measured>>;
  const coldRuns: Measured[] = [];
  const dbRuns: Measured[] = [];
  for (let r = 0; r < ROUNDS; r++) {
    // After a bump every tile is cold. Database and server are timed tile by tile, alternating which goes
    // first, so that both see the same machine: other work on it shifts both, not their ratio.
    await bump();
    for (let i = 0; i < tiles.length; i++) {
      const timeDb = async () => {
        const t0 = performance.now();
        await runSql(tiles[i]!);
        db_[i]!.push(performance.now() - t0);
      };
      if (r % 2) await timeDb();
      cold[i]!.push(await fetchOk(one, paths[i]!));
      if (r % 2 === 0) await timeDb();
      warm[i]!.push(await fetchOk(one, paths[i]!));
    }
    dbRuns.push(await measured(child, tiles.length, () => throughput(tiles, tiles.length, CONCURRENCY, runSql)));
    await bump();
    coldRuns.push(await measured(child, paths.length, () => throughput(paths, paths.length, CONCURRENCY, (p, lane) => fetchOk(conns[lane]!, p))));
  }
  const warmRun = await measured(child, WARM_REQUESTS, () => throughput(paths, WARM_REQUESTS, CONCURRENCY, (p, lane) => fetchOk(conns[lane]!, p)));
  const warmRps = warmRun.perSecond;

  const rows: Row[] = [];
  for (let i = 0; i < tiles.length; i++) {
    const { mvt, features } = await runSql(tiles[i]!);
    rows.push({
      tile: tilePath(tiles[i]!).replace('/tiles/', '').replace('.pbf', ''),
      features,
      rawBytes: mvt.length,
      gzipBytes: mvt.length ? zlib.gzipSync(mvt).length : 0,
      dbMs: median(db_[i]!),
      coldMs: median(cold[i]!),
      warmMs: median(warm[i]!),
    });
  }
  child.send('stop');
  await db.close();
  for (const c of conns) c.close();

  const pad = (s: string | number, n: number) => String(s).padStart(n);
  console.log(`\n${'tile'.padEnd(28)}${pad('feat', 6)}${pad('raw KB', 9)}${pad('gz KB', 8)}${pad('db ms', 8)}${pad('cold ms', 9)}${pad('warm ms', 9)}${pad('cold/db', 9)}`);
  for (const r of rows) {
    console.log(
      `${r.tile.padEnd(28)}${pad(r.features, 6)}${pad((r.rawBytes / 1024).toFixed(1), 9)}${pad((r.gzipBytes / 1024).toFixed(1), 8)}` +
        `${pad(r.dbMs.toFixed(2), 8)}${pad(r.coldMs.toFixed(2), 9)}${pad(r.warmMs.toFixed(2), 9)}${pad((r.coldMs / r.dbMs).toFixed(2), 9)}`,
    );
  }
  const byZoom = [...new Set(tiles.map((t) => t.z))].map((z) => {
    const rs = rows.filter((r) => r.tile.split('/')[1] === String(z));
    return {
      z,
      tiles: rs.length,
      dbMs: +sum(rs.map((r) => r.dbMs)).toFixed(2),
      coldMs: +sum(rs.map((r) => r.coldMs)).toFixed(2),
      maxRawKB: +(Math.max(...rs.map((r) => r.rawBytes)) / 1024).toFixed(1),
      maxGzipKB: +(Math.max(...rs.map((r) => r.gzipBytes)) / 1024).toFixed(1),
    };
  });
  const dbTotal = sum(rows.map((r) => r.dbMs));
  const coldTotal = sum(rows.map((r) => r.coldMs));
  const warmTotal = sum(rows.map((r) => r.warmMs));
  const largest = rows.reduce((a, b) => (b.rawBytes > a.rawBytes ? b : a));
  const coldThroughput = median(coldRuns.map((m) => m.perSecond));
  const dbThroughput = median(dbRuns.map((m) => m.perSecond));
  const cpu = (ms: Measured[], k: 'serverCpuUs' | 'clientCpuUs') => Math.round(median(ms.map((m) => m[k])));
  const summary = {
    when: new Date().toISOString(),
    machine: { cpus: os.cpus().length, model: os.cpus()[0]?.model, loadavgAtEnd: os.loadavg().map((l) => +l.toFixed(2)), node: process.version },
    tiles: tiles.length,
    rounds: ROUNDS,
    concurrency: CONCURRENCY,
    totalsMs: { db: +dbTotal.toFixed(2), serverCold: +coldTotal.toFixed(2), serverWarm: +warmTotal.toFixed(2) },
    serverColdOverDb: {
      // One request at a time: the latency a user sees.
      total: +(coldTotal / dbTotal).toFixed(3),
      medianPerTile: +median(rows.map((r) => r.coldMs / r.dbMs)).toFixed(3),
      // CONCURRENCY at a time: what the server's own work costs when the machine is busy with tiles.
      atConcurrency: +(dbThroughput / coldThroughput).toFixed(3),
    },
    serverAddedMsPerTile: +median(rows.map((r) => r.coldMs - r.dbMs)).toFixed(3),
    throughputPerSecond: {
      db: Math.round(dbThroughput),
      cold: Math.round(coldThroughput),
      warm: Math.round(warmRps),
      warmOverCold: +(warmRps / coldThroughput).toFixed(1),
    },
    // CPU per request, µs (medians over the rounds); PostgreSQL's own CPU is not in these.
    cpuMicrosPerRequest: {
      dbRun: { server: cpu(dbRuns, 'serverCpuUs'), client: cpu(dbRuns, 'clientCpuUs') },
      cold: { server: cpu(coldRuns, 'serverCpuUs'), client: cpu(coldRuns, 'clientCpuUs') },
      warm: { server: Math.round(warmRun.serverCpuUs), client: Math.round(warmRun.clientCpuUs) },
    },
    largestTile: { tile: largest.tile, rawKB: +(largest.rawBytes / 1024).toFixed(1), gzipKB: +(largest.gzipBytes / 1024).toFixed(1) },
    byZoom,
    targets: {
      coldOverDbAtMost: TARGETS.coldOverDb,
      coldOverDbMet: coldTotal / dbTotal <= TARGETS.coldOverDb,
      warmOverColdAtLeast: TARGETS.warmOverCold,
      warmOverColdMet: warmRps / coldThroughput >= TARGETS.warmOverCold,
      maxTileKB: TARGETS.maxTileBytes / 1024,
      maxTileMet: largest.rawBytes < TARGETS.maxTileBytes,
    },
  };
  console.log('\nby zoom:');
  for (const z of byZoom) console.log(`  z${z.z}: ${z.tiles} tiles, db ${z.dbMs} ms, cold ${z.coldMs} ms, largest ${z.maxRawKB} KB raw / ${z.maxGzipKB} KB gzip`);
  console.log(
    `\nserver cold / db: ${summary.serverColdOverDb.total} in total one at a time (median per tile ${summary.serverColdOverDb.medianPerTile}; ` +
      `the server adds ${summary.serverAddedMsPerTile} ms per tile); ${summary.serverColdOverDb.atConcurrency} at concurrency ${CONCURRENCY}` +
      `\nthroughput: db ${summary.throughputPerSecond.db}/s, server cold ${summary.throughputPerSecond.cold}/s, warm ${summary.throughputPerSecond.warm}/s = ${summary.throughputPerSecond.warmOverCold}× cold` +
      `\nCPU µs per request (server / bench client): cold ${summary.cpuMicrosPerRequest.cold.server} / ${summary.cpuMicrosPerRequest.cold.client}, warm ${summary.cpuMicrosPerRequest.warm.server} / ${summary.cpuMicrosPerRequest.warm.client}` +
      `\nlargest tile: ${largest.tile} ${summary.largestTile.rawKB} KB raw, ${summary.largestTile.gzipKB} KB gzip`,
  );
  console.log(`\n${JSON.stringify(summary, null, 2)}`);
  const outDir = path.join(here, 'out');
  fs.mkdirSync(outDir, { recursive: true });
  fs.writeFileSync(path.join(outDir, 'tiles.json'), JSON.stringify({ summary, rows }, null, 2));
  const met = Object.entries(summary.targets).filter(([k]) => k.endsWith('Met')).every(([, v]) => v);
  console.log(`\ntargets ${met ? 'met' : 'NOT met'}; details in bench/out/tiles.json`);
}

await main();
