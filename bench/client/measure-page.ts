// What the client benchmark times in the page, all with the page's own clock (performance.now):
// - first idle: navigation start → the flows drawn and the map idle (tiles loaded, frame rendered);
// - filter: a factor checkbox clicked (its change handler redraws synchronously) → the map idle again;
// - scope filter: a mechanism checkbox (a new API answer) → answer drawn and the map idle;
// - drill to a level: flows.setScope({ level }) → drawn and idle (the large answers arrive here).
import type { Browser, Page } from 'playwright-core';

export interface FirstIdle {
  ms: number;
  drawn: number;
  notes: string[];
  errors: string[];
}

async function waitIdle(page: Page): Promise<void> {
  await page.evaluate(
    () =>
      new Promise<void>((resolve) => {
        const map = window.__atlas!.map;
        map.once('idle', () => resolve());
        map.triggerRepaint();
      }),
  );
}

const legendNotes = (page: Page) => page.evaluate(() => [...document.querySelectorAll('#flow-legend-notes li')].map((li) => li.textContent ?? ''));

/** A fresh context each time: nothing cached from an earlier run. `atIdle` runs once idle, before the context closes. */
export async function firstIdle(browser: Browser, url: string, atIdle?: () => void): Promise<FirstIdle> {
  const context = await browser.newContext({ viewport: { width: 1024, height: 768 }, locale: 'zh-CN' });
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
  page.on('pageerror', (e) => errors.push(e.message));
  try {
    await page.goto(url);
    await page.waitForFunction(() => window.__atlas?.flows !== undefined, undefined, { timeout: 120_000 });
    const ms = await page.evaluate(async () => {
      await window.__atlas!.ready;
      await window.__atlas!.flows.ready;
      await new Promise<void>((resolve) => {
        const map = window.__atlas!.map;
        if (map.loaded() && map.areTilesLoaded() && !map.isMoving()) {
          // Already idle: the flows were drawn in the last frame; one more frame makes sure.
          requestAnimationFrame(() => requestAnimationFrame(() => resolve()));
        } else map.once('idle', () => resolve());
      });
      return performance.now();
    });
    atIdle?.();
    const drawn = await page.evaluate(() => window.__atlas!.flows.drawn().length);
    return { ms, drawn, notes: await legendNotes(page), errors };
  } finally {
    await context.close();
  }
}

export interface Session {
  page: Page;
  close(): Promise<void>;
}

export async function openSession(browser: Browser, url: string): Promise<Session> {
  const context = await browser.newContext({ viewport: { width: 1024, height: 768 }, locale: 'zh-CN' });
  const page = await context.newPage();
  await page.goto(url);
  await page.waitForFunction(() => window.__atlas?.flows !== undefined, undefined, { timeout: 120_000 });
  await page.evaluate(async () => {
    await window.__atlas!.ready;
    await window.__atlas!.flows.ready;
  });
  await waitIdle(page);
  return { page, close: () => context.close() };
}

export interface ToggleTiming {
  /** Input event → the map idle with the result drawn. */
  ms: number;
  /** Of which the page's own script: the click's handler returning (the redraw runs inside it). */
  script: number;
}

/** Clicks a checkbox and times until the map is idle with the result drawn. */
export async function timeToggle(page: Page, id: string, waitForAnswer: boolean): Promise<ToggleTiming> {
  return page.evaluate(
    async ({ id, waitForAnswer }) => {
      const box = document.getElementById(id) as HTMLInputElement | null;
      if (!box) throw new Error(`#${id} is not on the page`);
      const map = window.__atlas!.map;
      const t0 = performance.now();
      box.click();
      const script = performance.now() - t0;
      if (waitForAnswer) {
        const status = document.getElementById('flow-scope-status')!;
        // No named helper functions in here: tsx would wrap them in a __name() the page does not have.
        while (status.dataset.busy === '1') await new Promise((r) => setTimeout(r, 2));
      }
      await new Promise<void>((resolve) => {
        map.once('idle', () => resolve());
        map.triggerRepaint();
      });
      return { ms: performance.now() - t0, script };
    },
    { id, waitForAnswer },
  );
}

/** A repaint with nothing changed → idle: the cost of one software-rendered frame, the filter's floor. */
export async function timeRepaint(page: Page): Promise<number> {
  return page.evaluate(async () => {
    const map = window.__atlas!.map;
    const t0 = performance.now();
    await new Promise<void>((resolve) => {
      map.once('idle', () => resolve());
      map.triggerRepaint();
    });
    return performance.now() - t0;
  });
}

/** The drill-down's re-aggregation to a level (the whole region), timed to the map idle. */
export async function timeLevel(page: Page, level: string): Promise<{ ms: number; drawn: number; notes: string[]; failed?: string } | null> {
  const has = await page.evaluate(() => typeof (window.__atlas!.flows as { setScope?: unknown }).setScope === 'function');
  if (!has) return null;
  // setScope logs a warning and keeps the old flows when the answer fails: that must not count as drawn.
  const failures: string[] = [];
  const listen = (m: { type(): string; text(): string }) => m.type() === 'warning' && /flows at /.test(m.text()) && failures.push(m.text());
  page.on('console', listen);
  const ms = await page.evaluate(async (level) => {
    const flows = window.__atlas!.flows as unknown as { setScope(s: { level: string; within: string | null }): Promise<void> };
    const map = window.__atlas!.map;
    const t0 = performance.now();
    await flows.setScope({ level, within: null });
    await new Promise<void>((resolve) => {
      map.once('idle', () => resolve());
      map.triggerRepaint();
    });
    return performance.now() - t0;
  }, level);
  page.off('console', listen);
  if (failures.length) return { ms, drawn: 0, notes: [], failed: failures.join('; ') };
  return { ms, drawn: await page.evaluate(() => window.__atlas!.flows.drawn().length), notes: await legendNotes(page) };
}

export const median = (xs: number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
};
