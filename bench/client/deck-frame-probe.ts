// What inside the deck.gl group makes a frame with many curves cost: one page, each variant of the deck
// layers' props (cloned, set through the overlay) alternated with the frame as drawn, each timed as frames
// finished by a read-back (minimum of PROBE_FRAMES), plus the instance counts deck reports. A diagnostic,
// not a target: some variants draw what the user should not see (1 px widths, stubs); they say what the
// cost follows (docs/client-flows.md, "Session 4, frames with 1,500 curves").
//   FRAME_DB=atlas_bench_client_10k PROBE_FRAMES=5 npx tsx bench/client/deck-frame-probe.ts
import type { Page } from 'playwright-core';
import { BASE_DB } from './bench-db.ts';
import { runScript, withBenchBrowser } from './bench-browser.ts';
import { ownChromiumProcesses } from './browser-cpu.ts';
import { cpuMsOfAll, redrawFrames, timedFrames } from './redraw-frames.ts';
import { openSession } from './measure-page.ts';

const FRAMES = Number(process.env.PROBE_FRAMES || 10);
const cpuMs = cpuMsOfAll;
const redraw = redrawFrames(FRAMES);

/**
 * Frames drawn back to back, each finished with a one-pixel read-back (which waits for SwiftShader), timed
 * in the page. The minimum and median of FRAMES: the minimum is the least disturbed by other work.
 */
async function perFrame(page: Page, gpu: number[]): Promise<{ gpu: number; min: number; median: number }> {
  await page.evaluate(redraw);
  const g0 = cpuMs(gpu);
  const times = await timedFrames(page, FRAMES);
  const sorted = [...times].sort((x, y) => x - y);
  return { gpu: (cpuMs(gpu) - g0) / FRAMES, min: sorted[0]!, median: sorted[sorted.length >> 1]! };
}

const OVERLAY = `window.__atlas.map._controls.find((c) => c._props && c._props.layers)`;
/** Variants: props merged into every deck layer `l` (index `i`), a JS expression evaluated in the page. */

/** Every other vertex of a path (ends kept): half the segments, for a vertex-count test. */
const HALF = `(d) => (d.path ?? d).filter((_, i, a) => i % 2 === 0 || i === a.length - 1)`;
// A trigger of its own, so the paths are read again after a variant that changed them.
const BASE: [string, string] = ['as drawn', '{ updateTriggers: { getPath: 0 } }'];
const HALF_SEGMENTS: [string, string] = ['half the segments per path', `{ getPath: ${HALF}, updateTriggers: { getPath: 1 } }`];
const THIN: [string, string] = ['widths capped at 1 px', '{ widthMaxPixels: 1 }'];
const SQUARE: [string, string] = ['no rounded caps or joints', '{ capRounded: false, jointRounded: false }'];
/** Paths squeezed to a quarter of their height (or width) about the map's centre: the same length of ink per row, or per column. */
const squeeze = (axis: 0 | 1): [string, string] => [
  `paths squeezed to a quarter of their ${axis ? 'height' : 'width'}`,
  `{ getPath: (d) => (d.path ?? d).map((p) => { const c = window.__atlas.map.getCenter().toArray(); const q = [...p]; q[${axis}] = c[${axis}] + (p[${axis}] - c[${axis}]) / 4; return q; }), updateTriggers: { getPath: ${axis + 2} } }`,
];
/** Every path replaced by a 2-vertex stub at its start: the same objects, almost no ink. */
const STUBS: [string, string] = ['every path a stub at its start', `{ getPath: (d) => { const p = (d.path ?? d)[0]; return [p, [p[0] + 1e-4, p[1]]]; }, updateTriggers: { getPath: 4 } }`];
/** One deck layer left out of the frame (the others drawn as they are). */
const without = (id: string): [string, string] => [`without ${id}`, `(l.id === '${id}' ? { visible: false } : {})`];
/** PROBE_SHORT=1: only what each flow layer costs, for layers of any class (the variants below assume PathLayers). */
const SHORT: [string, string][] = [1, 2].flatMap(() => [BASE, without('flows-figure'), BASE, without('flows-documented'), BASE, without('alliances'), BASE, ['all deck layers hidden (visible: false)', '{ visible: false }']]);
/**
 * PROBE_CULL=1: vertices against pixels. A stroke mesh's triangles all face one way, so culling that face
 * runs every vertex and rasterises nothing; culling the other draws as usual.
 */
const cull = (face: 'front' | 'back'): [string, string] => [`flows-figure with ${face} faces culled`, `(l.id === 'flows-figure' ? { parameters: { cullMode: '${face}' } } : {})`];
const CULL: [string, string][] = [1, 2].flatMap(() => [BASE, cull('front'), BASE, cull('back'), BASE, without('flows-figure')]);
// Alternated with the drawn frame, in rounds: other work on the machine moves every figure, the order less.
const VARIANTS: [string, string][] = process.env.PROBE_CULL ? CULL : process.env.PROBE_SHORT ? SHORT : [
  BASE,
  ...[1, 2].flatMap(() => [BASE, HALF_SEGMENTS, BASE, STUBS, BASE, THIN, BASE, SQUARE, BASE, squeeze(1)]),
  BASE,
  ['all deck layers hidden (visible: false)', '{ visible: false }'],
];

async function main(): Promise<void> {
  await withBenchBrowser(async (browser, url) => {
    const s = await openSession(browser, url);
    const gpu = ownChromiumProcesses((args) => args.includes('--type=gpu-process'));
    await s.page.evaluate(`window.__kept = ${OVERLAY}._props.layers`);
    const counts = await s.page.evaluate(`window.__kept.map((l) => l.id + ': ' + (l.props.data.length ?? '?') + ' objects, ' + (l.state?.pathTesselator?.instanceCount ?? l.getNumInstances?.() ?? '?') + ' instances, vertices/instance ' + (l.state?.model?.vertexCount ?? '?')).join('\\n')`);
    console.log(counts);
    const dpr = await s.page.evaluate('devicePixelRatio + " dpr, canvas " + window.__atlas.map.getCanvas().width + "x" + window.__atlas.map.getCanvas().height');
    console.log(dpr);
    for (const [name, props] of VARIANTS) {
      await s.page.evaluate(`${OVERLAY}.setProps({ layers: window.__kept.map((l, i) => l.clone(${props})) })`);
      const r = await perFrame(s.page, gpu);
      console.log(`${name}: min ${Math.round(r.min)} ms, median ${Math.round(r.median)} ms a frame (wall, read back); ${Math.round(r.gpu)} ms GPU-process CPU`);
    }
    await s.close();
  }, process.env.FRAME_DB || BASE_DB);
}

runScript(main);
