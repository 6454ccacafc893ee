// The demo's first idle, A against B in one run: A is the client built in another checkout (a git worktree
// of the commit before a change, with its own client/dist and server), B this checkout. Loads alternate
// A, B, A, B… in one headless Chromium, each in a fresh context, so load from other work on the machine
// falls on both alike; prints both medians, the ratio and the load average, and the CPU time Chromium used
// per load (browser-cpu.ts), which other work on the machine hardly moves.
//   git worktree add --detach /tmp/atlas-base <commit> && ln -s $PWD/node_modules /tmp/atlas-base/
//   (cd /tmp/atlas-base && npx tsx client/build.ts)
//   AB_BASE=/tmp/atlas-base npx tsx bench/client/ab-first-idle.ts      (AB_ROUNDS=6)
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { buildClient, clientBuildIsCurrent } from '../../client/build.ts';
import { CHROMIUM_PATH, chromiumArgs } from '../../tests/browser/chromium.ts';
import { forkBenchServer } from '../child-server.ts';
import { BASE_DB, dbUrl } from './bench-db.ts';
import { runScript } from './bench-browser.ts';
import { chromiumCpu, cpuBetween } from './browser-cpu.ts';
import { firstIdle, median } from './measure-page.ts';

const here = path.dirname(fileURLToPath(import.meta.url));
const ROUNDS = Number(process.env.AB_ROUNDS || 6);

const serverIn = (root: string) =>
  forkBenchServer(path.join(root, 'bench', 'client', 'server-process.ts'), {
    DATABASE_URL: dbUrl(BASE_DB),
    ATLAS_SHOW_SYNTHETIC: 'false',
    SEED_DEMO: 'false',
    STATEMENT_TIMEOUT_MS: '120000',
  });

async function main(): Promise<void> {
  const baseRoot = process.env.AB_BASE;
  if (!baseRoot) throw new Error('AB_BASE=<checkout with the A build> is required');
  if (!clientBuildIsCurrent()) await buildClient({ quiet: true });
  const a = await serverIn(path.resolve(baseRoot));
  const b = await serverIn(path.resolve(here, '..', '..'));
  const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: chromiumArgs, headless: true });
  const times: { A: number[]; B: number[] } = { A: [], B: [] };
  const cpu: { A: number[]; B: number[] } = { A: [], B: [] };
  try {
    // One warm-up each (server caches, the OS's file cache), not counted.
    await firstIdle(browser, `${a.url}/`);
    await firstIdle(browser, `${b.url}/`);
    for (let i = 0; i < ROUNDS; i++) {
      // Which goes first alternates too: the second load of a pair could profit from the first's warm caches.
      const order: ['A' | 'B', string][] = i % 2 ? [['B', b.url], ['A', a.url]] : [['A', a.url], ['B', b.url]];
      for (const [name, url] of order) {
        const before = chromiumCpu();
        let used = 0;
        const r = await firstIdle(browser, `${url}/`, () => (used = cpuBetween(before, chromiumCpu())));
        if (r.errors.length) console.log(`  ${name} console errors: ${r.errors.join(' | ')}`);
        times[name].push(r.ms);
        cpu[name].push(used);
      }
      const last = (n: 'A' | 'B') => `${n} ${Math.round(times[n].at(-1)!)} ms (CPU ${Math.round(cpu[n].at(-1)!)} ms)`;
      console.log(`round ${i + 1}: ${last('A')}, ${last('B')}, load ${os.loadavg()[0]!.toFixed(1)}`);
    }
  } finally {
    await browser.close();
    await a.stop();
    await b.stop();
  }
  const mA = median(times.A);
  const mB = median(times.B);
  const cA = median(cpu.A);
  const cB = median(cpu.B);
  console.log(`Chromium CPU time navigation → first idle, median: A ${Math.round(cA)} ms, B ${Math.round(cB)} ms, B/A ${(cB / cA).toFixed(2)}`);
  console.log(`first idle, median of ${ROUNDS}: A ${Math.round(mA)} ms, B ${Math.round(mB)} ms, B/A ${(mB / mA).toFixed(2)}; load average ${os.loadavg().map((x) => x.toFixed(1)).join(' / ')} on ${os.cpus().length} cores`);
}

runScript(main);
