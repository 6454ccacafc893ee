// In-run A/B of one API request over HTTP, cold: the bench server (http-server.ts) of another checkout (A,
// AB_BASE: a git worktree of the commit before a change) and of this one (B), both on the bench database,
// requests alternating A, B, B, A, … each after a data-version bump and a pause (so every answer is an
// answer-cache miss) and a scan of the flows (the baseline). Prints the medians, the ratio to the scan and
// whether the two answers are the same bytes.
//
//   AB_BASE=/tmp/atlas-base npx tsx bench/national/ab-http.ts --path '/api/balance?level=county' --pairs 7
import crypto from 'node:crypto';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { fileURLToPath } from 'node:url';
import { forkBenchServer, type BenchServer } from '../child-server.ts';
import { benchTarget, benchUrl, openBench } from './bench-db.ts';
import { closeAgent, getJson } from './http-bench.ts';
import { BASELINE } from './scenarios.ts';

const { values: a } = parseArgs({ options: { path: { type: 'string', default: '/api/balance?level=county' }, pairs: { type: 'string', default: '7' } } });
const base = process.env.AB_BASE;
if (!base) throw new Error('AB_BASE=<checkout of the A code> is required');
const here = path.dirname(fileURLToPath(import.meta.url));
const target = benchTarget();
const start = (root: string) =>
  forkBenchServer(path.join(path.resolve(root), 'bench', 'national', 'http-server.ts'), {
    DATABASE_URL: benchUrl(target),
    BENCH_SHOW_SYNTHETIC: '1',
    STATEMENT_TIMEOUT_MS: '600000',
  });

const db = openBench(target, 10 * 60_000);
const servers: Record<'A' | 'B', BenchServer> = { A: await start(base), B: await start(path.resolve(here, '..', '..')) };
const times: Record<'A' | 'B', number[]> = { A: [], B: [] };
const ratios: Record<'A' | 'B', number[]> = { A: [], B: [] };
const hashes: Record<'A' | 'B', Set<string>> = { A: new Set(), B: new Set() };
const loadBefore = os.loadavg();
const median = (x: number[]) => [...x].sort((p, q) => p - q)[Math.floor((x.length - 1) / 2)]!;

async function once(which: 'A' | 'B', timed: boolean) {
  await db.query('UPDATE data_version SET version = version + 1, changed_at = now()');
  await new Promise((r) => setTimeout(r, 1_200));
  const t0 = performance.now();
  await BASELINE.run(db);
  const scan = performance.now() - t0;
  const t1 = performance.now();
  const r = await getJson(servers[which].url + a.path);
  JSON.parse(r.body.toString('utf8')); // as http-bench.ts does: the client's parse is inside the time
  const ms = performance.now() - t1;
  if (r.status !== 200 || r.cache !== 'miss') throw new Error(`${which}: HTTP ${r.status}, answer cache ${r.cache}`);
  if (!timed) return;
  times[which].push(ms);
  ratios[which].push(ms / scan);
  hashes[which].add(crypto.createHash('sha256').update(r.body).digest('hex'));
  process.stderr.write(`${which} ${ms.toFixed(0)} ms (scan ${scan.toFixed(0)}), ${r.bytes} bytes\n`);
}

try {
  await once('A', false);
  await once('B', false);
  for (let i = 0; i < Number(a.pairs); i++) {
    const order: Array<'A' | 'B'> = i % 2 ? ['B', 'A'] : ['A', 'B'];
    for (const w of order) await once(w, true);
  }
} finally {
  closeAgent();
  await servers.A.stop();
  await servers.B.stop();
  await db.close();
}
const same = hashes.A.size === 1 && hashes.B.size === 1 && [...hashes.A][0] === [...hashes.B][0];
console.log(`${a.path}: ${a.pairs} pairs, load ${loadBefore.map((x) => x.toFixed(1)).join(' ')} → ${os.loadavg().map((x) => x.toFixed(1)).join(' ')}`);
for (const w of ['A', 'B'] as const) {
  console.log(`  ${w}: median ${median(times[w]).toFixed(0)} ms (runs ${times[w].map((x) => x.toFixed(0)).join(', ')}), median ratio to the scan ${median(ratios[w]).toFixed(2)}`);
}
console.log(`  answers: ${same ? 'the same bytes in every run' : 'DIFFERENT'}`);
