// The map redrawn in n animation frames in a row, as a string for page.evaluate (tsx would wrap a named
// helper in a __name() the page does not have), and the CPU time of a set of processes.
import { cpuMsOf } from './browser-cpu.ts';

export const redrawFrames = (n: number): string => `(async () => {
  const map = window.__atlas.map;
  for (let i = 0; i < ${n}; i++) { await new Promise((r) => requestAnimationFrame(r)); map._render(performance.now()); }
  await new Promise((r) => requestAnimationFrame(r));
  await new Promise((r) => requestAnimationFrame(r));
})()`;

export const cpuMsOfAll = (pids: number[]): number => pids.reduce((sum, pid) => sum + cpuMsOf(pid), 0);
