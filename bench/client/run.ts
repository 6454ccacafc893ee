// The client benchmark: headless Chromium (software WebGL) against the real server, for the Wenzhou demo
// and for 10k and 100k synthetic flows (separate bench databases; the server shows them only with
// ATLAS_SHOW_SYNTHETIC, and the page labels them). Prints medians, ratios against the demo's first idle
// measured in the same run, and the targets.
//   npm run bench:client                 (BENCH_RUNS=3 by default; BENCH_SIZES=10000,100000)
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { buildClient, clientBuildIsCurrent, defaultOutDir, type Manifest } from '../../client/build.ts';
import { CHROMIUM_PATH, chromiumArgs } from '../../tests/browser/chromium.ts';
import { benchArgs } from '../bench-args.ts';
import { BASE_DB, dbUrl, recreate, setStamp, stampOf, syntheticDb } from './bench-db.ts';
import { startBenchServer } from './bench-server.ts';
import { firstIdle, median, openSession, timeLevel, timeRepaint, timeToggle, type ToggleTiming } from './measure-page.ts';

const RUNS = Number(process.env.BENCH_RUNS || 3);
const SIZES = (process.env.BENCH_SIZES || '10000,100000').split(',').map(Number).filter((n) => n > 0);
const TOGGLES = 6;
const log = (m: string) => console.log(`[bench:client] ${m}`);

interface Row {
  dataset: string;
  firstIdle: number;
  drawn: number;
  filter: number;
  filterScript: number;
  repaint: number;
  scopeFilter: number;
  village?: { ms: number; drawn: number; filter: number; filterScript: number; notes: string[]; failed?: string } | null;
  notes: string[];
  errors: string[];
}

async function ensureBase(): Promise<void> {
  if (await stampOf(BASE_DB)) return;
  log(`${BASE_DB}: importing the Wenzhou demo through the server's first start…`);
  await recreate(BASE_DB);
  const s = await startBenchServer(dbUrl(BASE_DB), { showSynthetic: false, seedDemo: true });
  await s.stop();
  await setStamp(BASE_DB, JSON.stringify({ demo: true, built: new Date().toISOString() }));
}

function bundle(): { raw: number; gzip: number } {
  const manifest = JSON.parse(fs.readFileSync(path.join(defaultOutDir, 'build.json'), 'utf8')) as Manifest;
  // The page loads one script; everything else it fetches is data (tiles, JSON) or CSS.
  const html = fs.readFileSync(path.join(defaultOutDir, 'index.html'), 'utf8');
  const scripts = [...html.matchAll(/<script[^>]*src="\/?([^"]+)"/g)].map((m) => m[1]!);
  let raw = 0;
  let gzip = 0;
  for (const s of scripts) {
    const e = manifest.files.find((f) => f.file === s);
    if (!e) throw new Error(`index.html loads ${s}, which the build does not have`);
    raw += e.size;
    gzip += e.gzip ? fs.statSync(path.join(defaultOutDir, `${e.file}.gz`)).size : e.size;
  }
  return { raw, gzip };
}

async function measure(dataset: string, db: string, showSynthetic: boolean, drill: boolean): Promise<Row> {
  const server = await startBenchServer(dbUrl(db), { showSynthetic, seedDemo: false });
  const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: chromiumArgs, headless: true });
  try {
    // One warm-up load (server caches, the OS's file cache), not counted.
    await firstIdle(browser, `${server.url}/`);
    const loads = [];
    for (let i = 0; i < RUNS; i++) loads.push(await firstIdle(browser, `${server.url}/`));
    const session = await openSession(browser, `${server.url}/`);
    const repaints: number[] = [];
    for (let i = 0; i < TOGGLES; i++) repaints.push(await timeRepaint(session.page));
    const filters: ToggleTiming[] = [];
    for (let i = 0; i < TOGGLES; i++) filters.push(await timeToggle(session.page, 'flow-factor-labour', false));
    const scoped: ToggleTiming[] = [];
    for (let i = 0; i < TOGGLES; i++) scoped.push(await timeToggle(session.page, 'flow-mechanism-land_linkage', true));
    let village: Row['village'] = undefined;
    if (drill) {
      const v = await timeLevel(session.page, 'village');
      if (v) {
        const vf: ToggleTiming[] = [];
        for (let i = 0; i < TOGGLES; i++) vf.push(await timeToggle(session.page, 'flow-factor-labour', false));
        village = { ...v, filter: median(vf.map((x) => x.ms)), filterScript: median(vf.map((x) => x.script)) };
      } else village = null;
    }
    await session.close();
    return {
      dataset,
      firstIdle: median(loads.map((l) => l.ms)),
      drawn: loads[0]!.drawn,
      filter: median(filters.map((x) => x.ms)),
      filterScript: median(filters.map((x) => x.script)),
      repaint: median(repaints),
      scopeFilter: median(scoped.map((x) => x.ms)),
      village,
      notes: loads[0]!.notes,
      errors: loads.flatMap((l) => l.errors),
    };
  } finally {
    await browser.close();
    await server.stop();
  }
}

const ms = (v: number) => `${Math.round(v).toLocaleString('en')} ms`;
const ratio = (v: number, base: number) => `${(v / base).toFixed(2)}×`;

async function main(): Promise<void> {
  if (!clientBuildIsCurrent()) await buildClient({ quiet: true });
  await ensureBase();
  const dbs: [string, string, boolean][] = [['Wenzhou demo', BASE_DB, false]];
  for (const n of SIZES) dbs.push([`${n.toLocaleString('en')} synthetic flows`, await syntheticDb(n, log), true]);
  const rows: Row[] = [];
  for (const [name, db, synthetic] of dbs) {
    log(`measuring ${name} (${RUNS} cold loads after one warm-up, ${TOGGLES} toggles)…`);
    rows.push(await measure(name, db, synthetic, synthetic));
  }
  const base = rows[0]!.firstIdle;
  const b = bundle();
  console.log(`\nClient benchmark — headless Chromium ${CHROMIUM_PATH}, software WebGL (SwiftShader), 1024×768; medians; baseline = the demo's first idle (${ms(base)})\n`);
  console.log('| dataset | first idle | × baseline | flows drawn | unchanged repaint | factor filter (of which script) | × baseline | × repaint | mechanism filter (API) | to village level | drawn there | factor filter there (script) |');
  console.log('|---|---|---|---|---|---|---|---|---|---|---|---|');
  for (const r of rows) {
    const v = r.village;
    const there =
      v === undefined ? ['—', '—', '—'] : v === null ? ['no setScope', '—', '—'] : v.failed ? [`failed after ${ms(v.ms)}`, '—', '—'] : [ms(v.ms), String(v.drawn), `${ms(v.filter)} (${ms(v.filterScript)})`];
    console.log(`| ${r.dataset} | ${ms(r.firstIdle)} | ${ratio(r.firstIdle, base)} | ${r.drawn} | ${ms(r.repaint)} | ${ms(r.filter)} (${ms(r.filterScript)}) | ${ratio(r.filter, base)} | ${ratio(r.filter, r.repaint)} | ${ms(r.scopeFilter)} | ${there.join(' | ')} |`);
  }
  console.log(`\nInitial JavaScript: ${(b.raw / 1024).toFixed(0)} kB raw, ${(b.gzip / 1024).toFixed(0)} kB gzip`);
  for (const r of rows) {
    if (r.notes.length) console.log(`legend notes (${r.dataset}, first load): ${r.notes.join(' | ')}`);
    if (r.village?.notes.length) console.log(`legend notes (${r.dataset}, village level): ${r.village.notes.join(' | ')}`);
    if (r.errors.length) console.log(`console errors (${r.dataset}): ${[...new Set(r.errors)].join(' | ')}`);
    if (r.village?.failed) console.log(`village level (${r.dataset}) failed: ${r.village.failed}`);
  }
  const worstFilter = Math.max(...rows.map((r) => Math.max(r.filter, r.village?.filter ?? 0)));
  const big = rows.at(-1)!;
  console.log('\nTargets:');
  console.log(`  first idle < 2 s (demo): ${ms(base)} → ${base < 2000 ? 'met' : 'NOT met'}`);
  console.log(`  filter < 200 ms (slowest factor toggle, any dataset): ${ms(worstFilter)} → ${worstFilter < 200 ? 'met' : 'NOT met'}`);
  console.log(`  100k usable: ${big.dataset}: first idle ${ms(big.firstIdle)}, factor filter ${ms(big.filter)}${big.village && !big.village.failed ? `, village level ${ms(big.village.ms)} then filter ${ms(big.village.filter)} with ${big.village.drawn} drawn` : big.village?.failed ? ', village level FAILED' : ''}`);
  console.log(`  load average during the run: ${os.loadavg().map((x) => x.toFixed(1)).join(' / ')} on ${os.cpus().length} cores (other work on the machine inflates every time above)`);
  console.log(`  initial JS < 1 MB gzip: ${(b.gzip / 1024 / 1024).toFixed(2)} MB → ${b.gzip < 1024 * 1024 ? 'met' : 'NOT met'}`);
}

const USAGE = `Usage: npm run bench:client
Headless Chromium (software WebGL) against the real server: the Wenzhou demo and synthetic flow datasets,
first idle, factor and scope filters, repaint and the village level; medians, ratios against the demo's
first idle in the same run, and the targets. Builds its bench databases on first use (minutes of load).

Options:
  --help, -h     this text

Environment:
  DATABASE_URL   the PostgreSQL server (default postgres://postgres@127.0.0.1:5432/postgres); databases
                 ${BASE_DB} and one copy per synthetic size are created on it and reused
  BENCH_RUNS     page loads per dataset, median reported (default 3)
  BENCH_SIZES    synthetic flow counts, comma-separated (default 10000,100000)`;

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  benchArgs({ name: 'bench:client', usage: USAGE }, {});
  main().catch((err) => {
    console.error(err);
    process.exit(1);
  });
}
