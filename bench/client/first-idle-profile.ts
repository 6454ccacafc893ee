// Where the demo's first idle goes: one cold load of the page in headless Chromium (software WebGL) with the
// WebGL calls that block on SwiftShader counted and timed in the page (shader compiles, program links and
// their status reads, read-backs), long tasks, the API and tile answers' arrival, MapLibre's render events
// and the page's own marks, all on the page's clock. PROFILE_TRACE=file also writes a Chromium performance
// trace (chrome://tracing, Perfetto) of the load. The demo database of the client benchmark.
//   npx tsx bench/client/first-idle-profile.ts            (PROFILE_RUNS=2 loads after one warm-up)
import fs from 'node:fs';
import os from 'node:os';
import type { Browser } from 'playwright-core';
import { runScript, withBenchBrowser } from './bench-browser.ts';

const RUNS = Number(process.env.PROFILE_RUNS || 2);

// Runs in the page before its own script. A string: tsx would wrap named functions in a __name() the page lacks.
const instrument = `(() => {
  const log = (window.__profile = { gl: [], contexts: [], renders: [], longTasks: [] });
  const blocking = ['compileShader', 'linkProgram', 'getProgramParameter', 'getShaderParameter', 'getProgramInfoLog', 'readPixels', 'finish', 'getError'];
  for (const Ctx of [WebGL2RenderingContext, WebGLRenderingContext]) {
    for (const name of blocking) {
      const orig = Ctx.prototype[name];
      Ctx.prototype[name] = function (...args) {
        const t0 = performance.now();
        const r = orig.apply(this, args);
        const t1 = performance.now();
        log.gl.push([name, t0, t1 - t0]);
        return r;
      };
    }
  }
  // Frames that drew anything: the draw calls counted per animation frame (MapLibre and deck draw in rAF).
  log.frames = [];
  let current = null;
  for (const name of ['drawElements', 'drawArrays', 'drawElementsInstanced', 'drawArraysInstanced']) {
    const orig = WebGL2RenderingContext.prototype[name];
    WebGL2RenderingContext.prototype[name] = function (...args) {
      if (!current) {
        current = { at: performance.now(), draws: 0, by: {} };
        log.frames.push(current);
        queueMicrotask(() => setTimeout(() => { current.ms = performance.now() - current.at; current = null; }, 0));
      }
      current.draws++;
      const label = log.labelOf.get(this.__program) || '?';
      current.by[label] = (current.by[label] || 0) + 1;
      return orig.apply(this, args);
    };
  }
  // Which program each link is: the vertex shader's attributes name it well enough (a_pos, positions…).
  log.programs = [];
  log.labelOf = new Map();
  const use = WebGL2RenderingContext.prototype.useProgram;
  WebGL2RenderingContext.prototype.useProgram = function (program) {
    this.__program = program;
    return use.call(this, program);
  };
  const link = WebGL2RenderingContext.prototype.linkProgram;
  WebGL2RenderingContext.prototype.linkProgram = function (program) {
    const vs = this.getAttachedShaders(program).map((sh) => this.getShaderSource(sh)).find((src) => /gl_Position/.test(src)) || '';
    const attrs = [...vs.matchAll(/^\\s*(?:in|attribute)\\s+(?:(?:highp|mediump|lowp)\\s+)?\\w+\\s+(\\w+)/gm)].map((m) => m[1]);
    const body = (vs.split('void main')[1] || '').replace(/\\s+/g, ' ').slice(0, 90);
    log.programs.push([performance.now(), attrs.slice(0, 6).join(' ') + (attrs.length <= 1 ? ' | main' + body : '')]);
    log.labelOf.set(program, 'p' + log.programs.length + ':' + (attrs[0] || ''));
    return link.call(this, program);
  };
  // The map's tile loads per source (a reload of a source shows as its tiles loading again).
  log.tiles = [];
  log.styleCalls = [];
  let hook;
  Object.defineProperty(window, '__atlas', {
    configurable: true,
    get: () => hook,
    set(v) {
      hook = v;
      v.map.on('data', (e) => e.dataType === 'source' && e.tile && log.tiles.push([performance.now(), e.sourceId + ':' + e.tile.tileID.canonical.z + '/' + e.tile.tileID.canonical.x + '/' + e.tile.tileID.canonical.y]));
      for (const ev of ['styleimagemissing', 'moveend', 'zoomend']) v.map.on(ev, (e) => log.styleCalls.push([performance.now(), 'event ' + ev + (e.id ? ' ' + e.id : '')]));
      v.map.on('render', () => {
        log.renders.push(performance.now());
        const m = v.map;
        log.styleCalls.push([performance.now(), 'render: loaded ' + m.loaded() + ' styleDirty ' + m._styleDirty + ' sourcesDirty ' + m._sourcesDirty + ' placementDirty ' + m._placementDirty + ' style.loaded ' + (m.style && m.style.loaded()) + ' updated ' + Object.keys(m.style._updatedSources || {}).join('+')]);
      });
      // Style changes that send a source's tiles through the worker again (MapLibre's Style._updateLayer).
      for (const name of ['addLayer', 'setLayoutProperty', 'setFilter', 'removeLayer', 'addSource', 'setPaintProperty']) {
        const orig = v.map[name];
        v.map[name] = function (...args) {
          const id = typeof args[0] === 'string' ? args[0] : args[0] && args[0].id;
          log.styleCalls.push([performance.now(), name + ' ' + id + (name === 'setLayoutProperty' ? ' ' + args[1] + '=' + JSON.stringify(args[2]).slice(0, 30) : '')]);
          return orig.apply(this, args);
        };
      }
    },
  });
  const getContext = HTMLCanvasElement.prototype.getContext;
  HTMLCanvasElement.prototype.getContext = function (type, attrs) {
    const c = getContext.call(this, type, attrs);
    if (c && /webgl/.test(type) && !log.contexts.some((x) => x.ctx === c)) log.contexts.push({ ctx: c, type, attrs: JSON.stringify(attrs ?? {}), at: performance.now(), w: this.width, h: this.height });
    return c;
  };
  try {
    new PerformanceObserver((l) => { for (const e of l.getEntries()) log.longTasks.push([e.startTime, e.duration]); }).observe({ type: 'longtask', buffered: true });
  } catch {}
})();`;

interface Profile {
  idle: number;
  marks: [string, number][];
  gl: [string, number, number][];
  contexts: { type: string; attrs: string; at: number; w: number; h: number }[];
  renders: number[];
  programs: [number, string][];
  tileLoads: [number, string][];
  styleCalls: [number, string][];
  frames: { at: number; draws: number; ms?: number; by: Record<string, number> }[];
  longTasks: [number, number][];
  resources: [string, number, number][];
}

async function profileOnce(browser: Browser, url: string, tracePath?: string): Promise<Profile> {
  const context = await browser.newContext({ viewport: { width: 1024, height: 768 }, locale: 'zh-CN' });
  await context.addInitScript(instrument);
  const page = await context.newPage();
  const cdp = tracePath ? await context.newCDPSession(page) : null;
  const events: unknown[] = [];
  if (cdp) {
    cdp.on('Tracing.dataCollected', (e: { value: unknown[] }) => void events.push(...e.value));
    await cdp.send('Tracing.start', {
      categories: process.env.PROFILE_CATEGORIES || 'devtools.timeline,disabled-by-default-devtools.timeline,disabled-by-default-devtools.timeline.frame,v8.execute,blink.user_timing,gpu,disabled-by-default-gpu.service,loading,latencyInfo',
      transferMode: 'ReportEvents',
    } as never);
  }
  try {
    await page.goto(url);
    await page.waitForFunction(() => window.__atlas?.flows !== undefined, undefined, { timeout: 120_000 });
    // The benchmark's own definition of first idle (measure-page.ts firstIdle).
    const idle = (await page.evaluate(`(async () => {
      await window.__atlas.ready;
      await window.__atlas.flows.ready;
      await new Promise((resolve) => {
        const map = window.__atlas.map;
        if (map.loaded() && map.areTilesLoaded() && !map.isMoving()) requestAnimationFrame(() => requestAnimationFrame(() => resolve()));
        else map.once('idle', () => resolve());
      });
      return performance.now();
    })()`)) as number;
    const rest = (await page.evaluate(`({
      marks: [...performance.getEntriesByType('mark').map((m) => [m.name, m.startTime]), ...['domContentLoadedEventStart', 'loadEventStart'].map((k) => [k, performance.getEntriesByType('navigation')[0][k]])],
      gl: window.__profile.gl,
      programs: window.__profile.programs,
      frames: window.__profile.frames,
      tileLoads: window.__profile.tiles,
      styleCalls: window.__profile.styleCalls,
      contexts: window.__profile.contexts.map(({ ctx, ...c }) => c),
      renders: window.__profile.renders,
      longTasks: window.__profile.longTasks,
      resources: performance.getEntriesByType('resource').map((r) => [r.name.replace(location.origin, ''), r.startTime, r.responseEnd]),
    })`)) as Omit<Profile, 'idle'>;
    if (cdp) {
      const done = new Promise<void>((resolve) => cdp.once('Tracing.tracingComplete', () => resolve()));
      await cdp.send('Tracing.end');
      await done;
      fs.writeFileSync(tracePath!, JSON.stringify({ traceEvents: events }));
    }
    return { idle, ...rest };
  } finally {
    await context.close();
  }
}

const r = (x: number) => Math.round(x);

function report(p: Profile): void {
  console.log(`first idle ${r(p.idle)} ms`);
  for (const c of p.contexts) console.log(`  WebGL context ${c.type} ${c.w}×${c.h} at ${r(c.at)} ms, attributes ${c.attrs}`);
  console.log(`  marks: ${p.marks.map(([n, t]) => `${n.replace('atlas:', '')} ${r(t)}`).join(', ')}`);
  const byName = new Map<string, { n: number; ms: number }>();
  for (const [name, , d] of p.gl) {
    const e = byName.get(name) ?? { n: 0, ms: 0 };
    e.n++;
    e.ms += d;
    byName.set(name, e);
  }
  console.log(`  blocking GL calls: ${[...byName].map(([n, e]) => `${n} ×${e.n} ${r(e.ms)} ms`).join(', ')}`);
  const slow = p.gl.filter(([, , d]) => d > 20).map(([n, t, d]) => `${n}@${r(t)} ${r(d)}ms`);
  console.log(`  GL calls over 20 ms: ${slow.join(', ') || 'none'}`);
  console.log(`  programs linked: ${p.programs.length}\n${p.programs.map(([t, a]) => `    ${r(t)} ${a}`).join('\n')}`);
  console.log(`  long tasks: ${p.longTasks.map(([t, d]) => `${r(t)}+${r(d)}`).join(', ')} (sum ${r(p.longTasks.reduce((a, [, d]) => a + d, 0))} ms)`);
  console.log(`  renders: ${p.renders.map(r).join(', ')}`);
  console.log(`  frames that drew:\n${p.frames.map((f) => `    ${r(f.at)} (${f.draws} draws, ${r(f.ms ?? 0)} ms) ${Object.entries(f.by).map(([k, v]) => `${k}×${v}`).join(' ')}`).join('\n')}`);
  const perSource = new Map<string, string[]>();
  for (const [t, id] of p.tileLoads) perSource.set(id.split(':')[0]!, [...(perSource.get(id.split(':')[0]!) ?? []), `${r(t)}:${id.split(':')[1]}`]);
  console.log(`  tiles loaded: ${[...perSource].map(([id, ts]) => `${id} ×${ts.length} (${ts.join(' ')})`).join('; ')}`);
  console.log(`  style calls: ${p.styleCalls.map(([t, c]) => `${r(t)} ${c}`).join('; ')}`);
  const api = p.resources.filter(([n]) => !/\.pbf/.test(n));
  console.log(`  fetches: ${api.map(([n, s, e]) => `${n.slice(0, 60)} ${r(s)}→${r(e)}`).join('\n           ')}`);
  const tiles = p.resources.filter(([n]) => /\.pbf/.test(n));
  if (tiles.length) console.log(`  tiles: ${tiles.length}, first asked ${r(Math.min(...tiles.map((t) => t[1])))}, last arrived ${r(Math.max(...tiles.map((t) => t[2])))}`);
}

async function main(): Promise<void> {
  await withBenchBrowser(async (browser, url) => {
    await profileOnce(browser, url);
    for (let i = 0; i < RUNS; i++) report(await profileOnce(browser, url, i === 0 ? process.env.PROFILE_TRACE : undefined));
    console.log(`load average ${os.loadavg().map((x) => x.toFixed(1)).join(' / ')}`);
  });
}

runScript(main);
