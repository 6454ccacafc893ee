// The map redrawn in n animation frames in a row, as a string for page.evaluate (tsx would wrap a named
// helper in a __name() the page does not have), and the CPU time of a set of processes.
import type { Page } from 'playwright-core';
import { cpuMsOf } from './browser-cpu.ts';

export const redrawFrames = (n: number): string => `(async () => {
  const map = window.__atlas.map;
  for (let i = 0; i < ${n}; i++) { await new Promise((r) => requestAnimationFrame(r)); map._render(performance.now()); }
  await new Promise((r) => requestAnimationFrame(r));
  await new Promise((r) => requestAnimationFrame(r));
})()`;

export const cpuMsOfAll = (pids: number[]): number => pids.reduce((sum, pid) => sum + cpuMsOf(pid), 0);

/**
 * n frames drawn back to back in the page, each finished with a one-pixel read-back (which waits for
 * SwiftShader), timed with the page's clock: milliseconds per frame, in order.
 */
export const timedFrames = (page: Page, n: number): Promise<number[]> =>
  page.evaluate(`(() => {
    const map = window.__atlas.map;
    const gl = map.painter.context.gl;
    const px = new Uint8Array(4);
    const out = [];
    for (let i = 0; i < ${n}; i++) {
      const t0 = performance.now();
      map._render(performance.now());
      gl.readPixels(0, 0, 1, 1, gl.RGBA, gl.UNSIGNED_BYTE, px);
      out.push(performance.now() - t0);
    }
    return out;
  })()`) as Promise<number[]>;
