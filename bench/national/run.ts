// `npm run bench:national`: county roll-up + balance over 1,000,000 synthetic flows on the real national
// hierarchy (docs/bench-national.md). Builds the bench database on first use (a few minutes) and reuses it
// while the generator and its parameters are unchanged; then times the API's own queries and routes, with a
// plain scan of the same table as the baseline measured in the same run.
//
//   npm run bench:national                     build if needed, then measure
//   npm run bench:national -- --rebuild        rebuild the database first
//   npm run bench:national -- --experiments    also time the labelled experiments (experiments.ts)
//   npm run bench:national -- --all            also the extra scenarios (scenarios.ts)
//   npm run bench:national -- --experiments-only   only the baseline and the experiments
//   npm run bench:national -- --tiles-only --tile-runs 3   only the baseline and the flow tiles
//   npm run bench:national -- --only none --http series --no-tiles   only the HTTP scenarios whose id holds "series"
//   npm run bench:national -- --runs 9 --no-http --no-tiles --tile-runs 3 --seed 7 --flows 200000 --build-only --drop
//   npx tsx bench/national/write-bench.ts      writes of real flows on the same database (its own command: each run is rolled back)
//
// Environment: DATABASE_URL (the PostgreSQL server; default postgres://postgres@127.0.0.1:5432/postgres),
// BENCH_NATIONAL_DB (default atlas_bench_national), GEODATA_DIR (the mirror; default ../shared/geodata).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { loadConfig, repoRoot } from '../../server/config.ts';
import { streamProgress } from '../../server/geodata/progress.ts';
import { setLogLevel } from '../../server/log.ts';
import { benchArgs, wholeOption } from '../bench-args.ts';
import { benchTarget, benchUrl, dropDatabase, openBench } from './bench-db.ts';
import { ensureDataset } from './build.ts';
import { runExperiments, type Experiment } from './experiments.ts';
import { closeAgent, startBenchServer, timeGet } from './http-bench.ts';
import { summarise, timeOnce, timePaired } from './measure.ts';
import { DEFAULT_PARAMS, GENERATOR_VERSION } from './params.ts';
import { type Row, summaryRow, table, TARGET_MS } from './report.ts';
import { BALANCE_ALL, BALANCE_ALL_SERIES, BASELINE, DB_SCENARIOS, HTTP_SCENARIOS } from './scenarios.ts';
import { type TileFigure, tileSummary, timeFlowTiles } from './flow-tile-bench.ts';
import { tileTable, TILE_TARGETS } from './tile-report.ts';

const USAGE = `Usage: npm run bench:national [-- options]
County roll-up + balance over synthetic flows on the real national hierarchy (docs/bench-national.md).
Builds the bench database on first use (a few minutes), reuses it while the generator and its parameters
are unchanged, then times the API's own queries and routes against a plain scan of the same table.

Options:
  --rebuild             rebuild the bench database first
  --build-only          build (or check) the database, then stop
  --drop                drop the bench database (≈ 1.2 GB) and stop
  --experiments         also time the labelled experiments (experiments.ts)
  --experiments-only    only the baseline and the experiments
  --all                 also the extra scenarios (scenarios.ts)
  --only <a,b>          only the database scenarios whose id holds one of these ("none": no database scenario)
  --http <a,b>          only the HTTP scenarios whose id holds one of these
  --no-http             no HTTP scenarios
  --no-tiles            no flow tiles
  --tiles-only          only the baseline and the flow tiles
  --runs <n>            timed runs per scenario, 1–100 (default 3)
  --warmup <n>          warm-up runs per scenario, 0–10 (default 1)
  --tile-runs <n>       runs per flow tile, 1–100 (default 1)
  --seed <n>            generator seed (default ${DEFAULT_PARAMS.seed}); another seed means another database build
  --flows <n>           synthetic flows, 1–10,000,000 (default ${DEFAULT_PARAMS.flows.toLocaleString('en')})
  --json <file>         where the figures go (default bench/out/national.json)
  --help, -h            this text

Environment: DATABASE_URL (the PostgreSQL server; default postgres://postgres@127.0.0.1:5432/postgres),
BENCH_NATIONAL_DB (default atlas_bench_national), GEODATA_DIR (the mirror; default ../shared/geodata).
Writes of real flows on the same database: npx tsx bench/national/write-bench.ts (its own command).`;
const command = { name: 'bench:national', usage: USAGE };

const a = benchArgs(command, {
  rebuild: { type: 'boolean', default: false },
  'build-only': { type: 'boolean', default: false },
  drop: { type: 'boolean', default: false },
  experiments: { type: 'boolean', default: false },
  all: { type: 'boolean', default: false },
  'experiments-only': { type: 'boolean', default: false },
  'no-http': { type: 'boolean', default: false },
  'no-tiles': { type: 'boolean', default: false },
  'tiles-only': { type: 'boolean', default: false },
  only: { type: 'string' },
  http: { type: 'string' },
  'tile-runs': { type: 'string', default: '1' },
  runs: { type: 'string', default: '3' },
  warmup: { type: 'string', default: '1' },
  seed: { type: 'string' },
  flows: { type: 'string' },
  json: { type: 'string', default: path.join(repoRoot, 'bench', 'out', 'national.json') },
});
const whole = (name: string, v: string | undefined, min: number, max: number) => (v === undefined ? undefined : wholeOption(command, name, v, min, max));
const runs = whole('runs', a.runs, 1, 100)!;
const warmup = whole('warmup', a.warmup, 0, 10)!;
const tileRuns = whole('tile-runs', a['tile-runs'], 1, 100)!;
const params = { ...DEFAULT_PARAMS, seed: whole('seed', a.seed, 0, 2 ** 32 - 1) ?? DEFAULT_PARAMS.seed, flows: whole('flows', a.flows, 1, 10_000_000) ?? DEFAULT_PARAMS.flows };

setLogLevel('error');
const target = benchTarget();
const log = (s: string) => process.stderr.write(`[bench:national ${new Date().toISOString().slice(11, 19)}] ${s}\n`);

if (a.drop) {
  await dropDatabase(target);
  log(`dropped ${target.name}`);
  process.exit(0);
}

const loadBefore = os.loadavg();
const build = await ensureDataset(target, params, {
  rebuild: a.rebuild,
  geodataDir: loadConfig().geodataDir,
  workDir: path.join(os.tmpdir(), `atlas-${target.name}`),
  progress: streamProgress(process.stderr, 5_000),
});
log(build.built ? `built ${target.name} in ${build.seconds} s` : `reusing ${target.name} (same generator v${GENERATOR_VERSION} and parameters)`);
if (build.built) log(`build: ${JSON.stringify({ steps: build.steps, villages: build.villages, flowStats: build.flowStats, real: build.real })}`);
if (a['build-only']) process.exit(0);

const db = openBench(target, 10 * 60_000);
const rows: Row[] = [];
const baselineRuns: number[] = [];
const baseline = () => BASELINE.run(db);
const measured = { runs, warmup, onBaseline: (ms: number) => baselineRuns.push(ms) };
const report = (r: Row) => {
  rows.push(r);
  log(`  ${r.id}: median ${r.timing.median.toFixed(0)} ms, ${r.timing.ratio?.toFixed(1)}× baseline (${r.timing.detail})`);
};
let experiments: Experiment[] = [];
let tiles: TileFigure[] = [];
let tileBaselineMs = 0;
try {
  await baseline(); // the table into the cache before anything is timed
  const only = a['experiments-only'];
  // --only A,B: just the database scenarios whose id holds one of them (e.g. --only exact,rollup --no-http --no-tiles).
  const picked = (id: string) => a.only === undefined || a.only.split(',').some((part) => id.includes(part));
  // --http A,B: just the HTTP scenarios whose id holds one of them (e.g. --only none --http series --no-tiles).
  const pickedHttp = (id: string) => a.http === undefined || a.http.split(',').some((part) => id.includes(part));
  for (const s of DB_SCENARIOS.filter((x) => !only && !a['tiles-only'] && (a.all || !x.extra) && picked(x.id))) {
    log(`timing ${s.id} (${warmup} warm-up + ${runs} runs, each after a baseline run)`);
    report({ id: s.id, what: s.what, timing: await timePaired(() => s.run(db), baseline, measured), target: s === BALANCE_ALL || s === BALANCE_ALL_SERIES });
  }
  if (!a['no-http'] && !only && !a['tiles-only']) {
    for (const show of [true, false]) {
      const scenarios = HTTP_SCENARIOS.filter((x) => x.showSynthetic === show && (a.all || !x.extra) && pickedHttp(x.id));
      if (!scenarios.length) continue;
      // The server's default 10 s statement timeout is lifted: the point is to measure, not to time out.
      const server = await startBenchServer(benchUrl(target), { showSynthetic: show, statementTimeoutMs: 10 * 60_000 });
      try {
        for (const s of scenarios) {
          log(`timing ${s.id} (${warmup} warm-up + ${runs} runs, each after a baseline run)`);
          // A cold run: another write's version bump, then a pause longer than the server's one-second
          // re-read of the data version, so the answer cache cannot answer (the balance cube is still current).
          const bump = async () => {
            await db.query('UPDATE data_version SET version = version + 1, changed_at = now()');
            await new Promise((r) => setTimeout(r, 1_200));
          };
          const t = await timeGet(server.url + s.path, baseline, { ...measured, ...(s.cold ? { before: bump } : {}) });
          if (s.cold && t.cache !== 'miss') throw new Error(`${s.id}: expected a cold answer, got answer cache "${t.cache}"`);
          if (!show && t.rows !== 0) throw new Error(`${s.id}: the public API returned ${t.rows} rows over synthetic-only data`);
          report({
            id: s.id,
            what: `${s.what} — GET ${s.path}`,
            timing: t,
            target: s.id === 'http.balance.county.all' || s.id === 'http.balance.county.all.series',
            targetFigure: { ms: t.lastByte, basis: 'last byte' },
          });
        }
      } finally {
        await server.stop();
      }
    }
    closeAgent();
  }
  if (!a['no-tiles'] && !only) {
    log(`timing flow tiles (${tileRuns} run${tileRuns > 1 ? 's' : ''} per tile, no warm-up; database time, ST_AsMVT size)`);
    const before = (await timeOnce(baseline)).ms;
    tiles = await timeFlowTiles(db, { runs: tileRuns, warmup: 0 });
    const after = (await timeOnce(baseline)).ms;
    baselineRuns.push(before, after);
    tileBaselineMs = (before + after) / 2;
  }
  if (a.experiments || only) {
    // A failed experiment must not cost the figures measured above.
    experiments = await runExperiments(db, { runs, warmup, baseline, log }).catch((err: Error) => {
      log(`experiments stopped: ${err.message}`);
      return [{ id: 'experiments', what: 'stopped', wrong: `failed: ${err.message}` }];
    });
  }
  if (!baselineRuns.length) baselineRuns.push((await timeOnce(baseline)).ms);
} finally {
  await db.close();
}

rows.unshift({ id: BASELINE.id, what: BASELINE.what, timing: summarise(baselineRuns, `${build.counts.flows.toLocaleString('en')} flows scanned`) });
const baselineMs = rows[0]!.timing.median;
const loadAfter = os.loadavg();
const summary = {
  benchmark: 'national',
  at: new Date().toISOString(),
  machine: { cpus: os.cpus().length, model: os.cpus()[0]?.model, loadavgBefore: loadBefore, loadavgAfter: loadAfter },
  database: target.name,
  generator: { version: GENERATOR_VERSION, seed: params.seed, flows: params.flows },
  dataset: build.counts,
  build: build.built ? { seconds: build.seconds, steps: build.steps, flowStats: build.flowStats, real: build.real } : 'reused',
  runs,
  warmup,
  targetMs: TARGET_MS,
  baselineMs: Math.round(baselineMs * 10) / 10,
  results: rows.map((r) => summaryRow(r)),
  flowTiles: tiles.length ? { targets: TILE_TARGETS, baselineMs: Math.round(tileBaselineMs * 10) / 10, ...tileSummary(tiles), tiles } : 'not timed',
  experiments: experiments.map((e) => ({ id: e.id, what: e.what, ...(e.wrong ? { wrong: e.wrong } : {}), ...(e.timing ? summaryRow({ id: e.id, what: e.what, timing: e.timing }) : {}) })),
};

console.log(`\nNational benchmark: ${build.counts.flows.toLocaleString('en')} flows (${build.counts.syntheticFlows.toLocaleString('en')} synthetic), ` +
  `${Object.entries(build.counts.units).map(([k, v]) => `${v.toLocaleString('en')} ${k}`).join(', ')}; ` +
  `${os.cpus().length} CPUs, load ${loadBefore.map((x) => x.toFixed(1)).join(' ')} → ${loadAfter.map((x) => x.toFixed(1)).join(' ')}`);
console.log(`baseline: ${BASELINE.what}, run before every timed run; × baseline is the median of each run over the baseline run just before it\n`);
console.log(table(rows));
if (tiles.length) console.log(`\n${tileTable(tiles, tileBaselineMs)}`);
if (experiments.length) {
  console.log('\nEXPERIMENTS (bench database only; not the API as it is):');
  for (const e of experiments) {
    console.log(e.timing ? `  ${e.id}: median ${e.timing.median.toFixed(0)} ms, p95 ${e.timing.p95.toFixed(0)} ms, ${e.timing.ratio!.toFixed(1)}× baseline — ${e.what}` : `  ${e.id}: ${e.wrong ?? e.what}`);
  }
}
fs.mkdirSync(path.dirname(a.json!), { recursive: true });
fs.writeFileSync(a.json!, JSON.stringify(summary, null, 2) + '\n');
console.log(`\nJSON summary (also in ${path.relative(process.cwd(), a.json!)}):`);
console.log(JSON.stringify({ ...summary, build: build.built ? { seconds: build.seconds } : 'reused', results: summary.results.map(({ runsMs: _r, what: _w, ...rest }) => rest), flowTiles: tiles.length ? { ...tileSummary(tiles), baselineMs: Math.round(tileBaselineMs * 10) / 10 } : 'not timed' }, null, 2));
