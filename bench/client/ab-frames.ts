// One frame with many curves, A against B in one run: A is the client built in another checkout (as for
// ab-first-idle.ts), B this checkout, one page each in its own headless Chromium, frames timed by read-back
// (redraw-frames.ts, the minimum of 5) alternately A, B, A, B…, so other work on the machine falls on both
// alike. Not through the map's idle event: a page that is not drawing fires it at once. Also prints deck's
// segment instances per layer, which do not move with the load.
//   AB_BASE=/tmp/atlas-base AB_DB=atlas_bench_client_10k npx tsx bench/client/ab-frames.ts   (AB_ROUNDS=6)
import os from 'node:os';
import { chromium } from 'playwright-core';
import { CHROMIUM_PATH, chromiumArgs } from '../../tests/browser/chromium.ts';
import { abServers } from './ab-servers.ts';
import { BASE_DB } from './bench-db.ts';
import { runScript } from './bench-browser.ts';
import { median, openSession } from './measure-page.ts';
import { timedFrames } from './redraw-frames.ts';

const ROUNDS = Number(process.env.AB_ROUNDS || 6);
const DB = process.env.AB_DB || 'atlas_bench_client_10k';
const INSTANCES = `window.__atlas.map._controls.find((c) => c._props && c._props.layers)._deck.layerManager.getLayers().map((l) => l.id + ' ' + (l.state.pathTesselator ? l.state.pathTesselator.instanceCount + ' instances' : l.props.mesh?.vertexCount + ' vertices, 1 draw')).join(', ')`;

async function main(): Promise<void> {
  const servers = await abServers(DB, DB !== BASE_DB);
  const launch = () => chromium.launch({ executablePath: CHROMIUM_PATH, args: chromiumArgs, headless: true });
  const browsers = { A: await launch(), B: await launch() };
  const frame: Record<'A' | 'B', number[]> = { A: [], B: [] };
  try {
    const pages = { A: await openSession(browsers.A, `${servers.A.url}/`), B: await openSession(browsers.B, `${servers.B.url}/`) };
    for (const name of ['A', 'B'] as const) {
      console.log(`${name} instances: ${await pages[name].page.evaluate(INSTANCES)}`);
    }
    for (let i = 0; i < ROUNDS; i++) {
      for (const name of (i % 2 ? ['B', 'A'] : ['A', 'B']) as ('A' | 'B')[]) frame[name].push(Math.min(...(await timedFrames(pages[name].page, 5))));
      console.log(`round ${i + 1}: frame A ${Math.round(frame.A.at(-1)!)} ms, B ${Math.round(frame.B.at(-1)!)} ms, load ${os.loadavg()[0]!.toFixed(1)}`);
    }
    await pages.A.close();
    await pages.B.close();
  } finally {
    await browsers.A.close();
    await browsers.B.close();
    await servers.A.stop();
    await servers.B.stop();
  }
  console.log(`${DB}, a frame (minimum of 5), median of ${ROUNDS} rounds: A ${Math.round(median(frame.A))} ms, B ${Math.round(median(frame.B))} ms, B/A ${(median(frame.B) / median(frame.A)).toFixed(2)}; load average ${os.loadavg().map((x) => x.toFixed(1)).join(' / ')} on ${os.cpus().length} cores`);
}

runScript(main);
