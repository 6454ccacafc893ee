// Where one software-rendered frame goes: the map is redrawn in 10 animation frames in a row and the CPU time
// of Chromium's GPU process (where SwiftShader rasterises) is read from /proc per frame, first with every
// layer drawn, then with each style layer (and the deck.gl group) hidden in turn. CPU time, unlike wall
// time, hardly moves when other work shares the machine. Linux only (/proc); the demo database of the
// client benchmark (`npm run bench:client` makes it).
//   npx tsx bench/client/frame-costs.ts
import { execSync } from 'node:child_process';
import fs from 'node:fs';
import { chromium, type Page } from 'playwright-core';
import { buildClient, clientBuildIsCurrent } from '../../client/build.ts';
import { CHROMIUM_PATH, chromiumArgs } from '../../tests/browser/chromium.ts';
import { BASE_DB, dbUrl } from './bench-db.ts';
import { startBenchServer } from './bench-server.ts';
import { openSession } from './measure-page.ts';

const FRAMES = 10;
const CLOCK_TICKS = 100; // USER_HZ on Linux

/** The GPU processes of the Chromium this script launched (descendants of this process only). */
function ownGpuProcesses(): number[] {
  const rows = execSync('ps -eo pid,ppid,args').toString().split('\n').flatMap((l) => {
    const m = l.trim().match(/^(\d+)\s+(\d+)\s+(.*)$/);
    return m ? [{ pid: Number(m[1]), ppid: Number(m[2]), args: m[3]! }] : [];
  });
  const mine = new Set([process.pid]);
  for (let depth = 0; depth < 6; depth++) for (const r of rows) if (mine.has(r.ppid)) mine.add(r.pid);
  return rows.filter((r) => mine.has(r.pid) && r.args.includes('--type=gpu-process')).map((r) => r.pid);
}

const cpuMs = (pids: number[]): number =>
  pids.reduce((sum, pid) => {
    const fields = fs.readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
    return sum + ((Number(fields[11]) + Number(fields[12])) * 1000) / CLOCK_TICKS;
  }, 0);

// A string, not a function: tsx would wrap named helpers in a __name() the page does not have.
const redraw = `(async () => {
  const map = window.__atlas.map;
  for (let i = 0; i < ${FRAMES}; i++) { await new Promise((r) => requestAnimationFrame(r)); map._render(performance.now()); }
  await new Promise((r) => requestAnimationFrame(r));
  await new Promise((r) => requestAnimationFrame(r));
})()`;

async function perFrame(page: Page, gpu: number[]): Promise<{ gpu: number; wall: number }> {
  await page.evaluate(redraw); // settles any change made just before
  const g0 = cpuMs(gpu);
  const t0 = Date.now();
  await page.evaluate(redraw);
  return { gpu: (cpuMs(gpu) - g0) / FRAMES, wall: (Date.now() - t0) / FRAMES };
}

const setVisible = (page: Page, ids: string[], visible: boolean) =>
  page.evaluate(`(() => { const m = window.__atlas.map; for (const id of ${JSON.stringify(ids)}) if (m.getLayer(id)) m.setLayoutProperty(id, 'visibility', '${visible ? 'visible' : 'none'}'); })()`);

async function main(): Promise<void> {
  if (!clientBuildIsCurrent()) await buildClient({ quiet: true });
  // FRAME_DB=atlas_bench_client_10k measures the 10k synthetic flows (made by `BENCH_SIZES=10000 npm run bench:client`).
  const db = process.env.FRAME_DB || BASE_DB;
  const server = await startBenchServer(dbUrl(db), { showSynthetic: db !== BASE_DB, seedDemo: false });
  const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: chromiumArgs, headless: true });
  try {
    const s = await openSession(browser, `${server.url}/`);
    const gpu = ownGpuProcesses();
    if (!gpu.length) throw new Error('no GPU process found for this Chromium');
    // Style order; deck.gl's layers sit in one custom layer (interleaved), hidden like any other.
    const ids = (await s.page.evaluate(`window.__atlas.map.style._order.filter((id) => window.__atlas.map.getLayoutProperty(id, 'visibility') !== 'none')`)) as string[];
    const fmt = (r: { gpu: number; wall: number }) => `${Math.round(r.gpu)} ms GPU-process CPU, ${Math.round(r.wall)} ms wall`;
    const all = await perFrame(s.page, gpu);
    console.log(`per frame, every layer drawn: ${fmt(all)}`);
    for (const id of ids) {
      await setVisible(s.page, [id], false);
      const r = await perFrame(s.page, gpu);
      await setVisible(s.page, [id], true);
      console.log(`  without ${id}: ${fmt(r)} (${Math.round(r.gpu - all.gpu)} ms)`);
    }
    // deck.gl's layers one by one, inside their group (MapboxOverlay's own props).
    const deckIds = (await s.page.evaluate(`window.__atlas.map._controls.find((c) => c._props && c._props.layers)?._props.layers.map((l) => l.id) ?? []`)) as string[];
    for (const id of deckIds) {
      await s.page.evaluate(`(() => { const o = window.__atlas.map._controls.find((c) => c._props && c._props.layers); window.__kept = o._props.layers; o.setProps({ layers: window.__kept.filter((l) => l.id !== '${id}') }); })()`);
      const r = await perFrame(s.page, gpu);
      await s.page.evaluate(`window.__atlas.map._controls.find((c) => c._props && c._props.layers).setProps({ layers: window.__kept })`);
      // Removed through setProps: these figures have been inconsistent (docs/client-flows.md), read them with care.
      console.log(`  without deck layer ${id} (setProps): ${fmt(r)} (${Math.round(r.gpu - all.gpu)} ms)`);
    }
    await setVisible(s.page, ids, false);
    console.log(`nothing drawn (compositing and read-back only): ${fmt(await perFrame(s.page, gpu))}`);
    await s.close();
  } finally {
    await browser.close();
    await server.stop();
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
