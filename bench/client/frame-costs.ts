// Where one software-rendered frame goes: the map is redrawn in 10 animation frames in a row and the CPU time
// of Chromium's GPU process (where SwiftShader rasterises) is read from /proc per frame, first with every
// layer drawn, then with each style layer (and the deck.gl group) hidden in turn. CPU time, unlike wall
// time, hardly moves when other work shares the machine. Linux only (/proc); the demo database of the
// client benchmark (`npm run bench:client` makes it).
//   npx tsx bench/client/frame-costs.ts
import type { Page } from 'playwright-core';
import { BASE_DB } from './bench-db.ts';
import { runScript, withBenchBrowser } from './bench-browser.ts';
import { ownChromiumProcesses } from './browser-cpu.ts';
import { cpuMsOfAll, redrawFrames } from './redraw-frames.ts';
import { openSession } from './measure-page.ts';

const FRAMES = 10;
/** The GPU processes of the Chromium this script launched, and their CPU time. */
const ownGpuProcesses = () => ownChromiumProcesses((args) => args.includes('--type=gpu-process'));
const cpuMs = cpuMsOfAll;

const redraw = redrawFrames(FRAMES);

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
  // FRAME_DB=atlas_bench_client_10k measures the 10k synthetic flows (made by `BENCH_SIZES=10000 npm run bench:client`).
  await withBenchBrowser(async (browser, url) => {
    const s = await openSession(browser, url);
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
  }, process.env.FRAME_DB || BASE_DB);
}

runScript(main);
