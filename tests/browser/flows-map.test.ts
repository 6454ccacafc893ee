// Factor flows, alliances and the balance choropleth on the real page: the real server on the seeded demo,
// the built client, Debian's Chromium with software WebGL, a real mouse. Screenshots go to the temp
// directory (or SCREENSHOT_DIR) for a person to look at.
import os from 'node:os';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildChoropleth, measuresIn } from '../../client/src/data/balance-classes.ts';
import { parseBalance } from '../../client/src/data/flow-json.ts';
import type { Running } from '../../server/start.ts';
import type { TestDb } from '../support/test-db.ts';
import type { LaunchedBrowser } from './chromium.ts';
import { idle, startAtlasSession, type AtlasSession } from './map-page.ts';

const SCREENSHOT_DIR = process.env.SCREENSHOT_DIR || os.tmpdir();
const YUEQING = '330382000000';
const TAISHUN = '330329000000';
const RUIAN = '330381000000';
const DONGTOU = '330305000000';

let session: AtlasSession;
let t: TestDb;
let s: Running;
let browser: LaunchedBrowser;
let page: Page;
let consoleErrors: string[];

beforeAll(async () => {
  session = await startAtlasSession();
  ({ db: t, server: s, browser, page, consoleErrors } = session);
  const started = Date.now();
  await page.goto(`${s.url}/`);
  await page.waitForFunction(() => window.__atlas !== undefined, undefined, { timeout: 60_000 });
  await page.evaluate(() => window.__atlas!.ready);
  await page.evaluate(() => window.__atlas!.flows.ready);
  await idle(page);
  console.info(`[flows-map] flows drawn and map idle after ${Date.now() - started} ms (software WebGL, ${t.engine})`);
}, 180_000);

afterAll(async () => {
  await session?.close();
});

type DrawnRow = ReturnType<NonNullable<Window['__atlas']>['flows']['drawn']>[number];
const drawn = (): Promise<DrawnRow[]> => page.evaluate(() => window.__atlas!.flows.drawn());
const between = (rows: DrawnRow[], o: string, d: string) => rows.filter((r) => r.origin === o && r.dest === d);

async function pixelOf(lngLat: [number, number]): Promise<{ x: number; y: number }> {
  return page.evaluate((ll) => {
    const map = window.__atlas!.map;
    const p = map.project(ll);
    const r = map.getCanvas().getBoundingClientRect();
    return { x: r.left + p.x, y: r.top + p.y };
  }, lngLat);
}

const tooltip = () => page.evaluate(() => {
  const el = document.querySelector<HTMLElement>('.flow-tooltip');
  return el && !el.hidden ? el.innerText : null;
});

describe('flows, alliances and deficits on the map', { timeout: 120_000 }, () => {
  it('loads with no console errors', () => {
    expect(consoleErrors).toEqual([]);
  });

  it('draws the seed examples 乐清 → 泰顺 and 瑞安 → 洞头, with a toggle per factor and labelled checkboxes', async () => {
    const rows = await drawn();
    expect(between(rows, YUEQING, TAISHUN).map((r) => `${r.factor}/${r.basis}`)).toEqual(expect.arrayContaining(['land/documented']));
    expect(between(rows, RUIAN, DONGTOU).map((r) => r.factor)).toContain('capital');
    const labels = await page.evaluate(() =>
      [...document.querySelectorAll<HTMLInputElement>('#flows-panel input[type=checkbox][id^=flow-factor-]')].map((i) => document.querySelector(`label[for="${i.id}"]`)?.textContent),
    );
    expect(labels).toEqual(['劳动力', '土地', '资本', '技术', '数据', '生态']);
    await page.screenshot({ path: path.join(SCREENSHOT_DIR, 'atlas-flows.png') });
  });

  it('a real mouse resting on the 乐清 → 泰顺 land flow shows its tooltip: places, factor, no figure, basis, source', async () => {
    await page.evaluate(() => window.__atlas!.map.jumpTo({ center: [120.35, 27.95], zoom: 9 }));
    await idle(page);
    const land = between(await drawn(), YUEQING, TAISHUN).find((r) => r.factor === 'land')!;
    const at = await pixelOf(land.middle);
    const hit = await page.evaluate(({ x, y }) => document.elementFromPoint(x, y)?.className ?? '', at);
    expect(hit, 'nothing covers the flow at that pixel').toContain('maplibregl-canvas');
    await page.mouse.move(at.x - 30, at.y - 30);
    await page.mouse.move(at.x, at.y, { steps: 3 });
    await page.waitForFunction(() => {
      const el = document.querySelector<HTMLElement>('.flow-tooltip');
      return el && !el.hidden && el.innerText.includes('乐清');
    }, undefined, { timeout: 20_000 });
    const text = (await tooltip())!;
    expect(text).toContain('乐清市 → 泰顺县');
    expect(text).toContain('土地');
    expect(text).toContain('无数据');
    expect(text).toContain('文献记载');
    expect(text).toContain('土地联动');
    await page.screenshot({ path: path.join(SCREENSHOT_DIR, 'atlas-flow-tooltip.png') });
    await page.mouse.move(5, 5);
  });

  it('turning the land factor off removes its flows, and the legend count follows', async () => {
    await page.click('#flow-factor-land');
    const rows = await drawn();
    expect(rows.some((r) => r.factor === 'land')).toBe(false);
    expect(rows.length).toBeGreaterThan(0);
    expect(await page.evaluate(() => document.querySelector('[data-factor-count="land"]')?.textContent)).toBe('(0)');
    expect(await page.evaluate(() => document.querySelector('.flow-shown')?.textContent)).toBe(`显示 ${rows.length} 条流动`);
    // The keyboard turns it back on.
    await page.focus('#flow-factor-land');
    await page.keyboard.press('Space');
    expect((await drawn()).some((r) => r.factor === 'land')).toBe(true);
  });

  it('the balance legend matches GET /api/balance: measure, unit, basis, class counts and what each county is painted', async () => {
    const rows = parseBalance(await (await fetch(`${s.url}/api/balance?level=county`)).json());
    const measure = measuresIn(rows)[0]!;
    const expected = buildChoropleth(rows, measure, false);
    const shown = await page.evaluate(() => window.__atlas!.flows.choropleth());
    expect(shown).toEqual({ breaks: expected.breaks, measure: `${measure.factor}|${measure.basis}|${measure.unit}`, perResident: false, counts: expected.counts });
    const legend = await page.evaluate(() =>
      [...document.querySelectorAll<HTMLElement>('#balance-legend li[data-class]')].map((li) => ({ count: Number(li.dataset.count), text: li.innerText })),
    );
    expect(legend.map((l) => l.count)).toEqual(expected.counts);
    // The demo's first measure is modelled labour: the legend must say both, and that the unit is persons.
    expect(await page.evaluate(() => document.querySelector('.balance-unit')?.textContent)).toBe('单位：人；依据：模型估算');
    for (const [code, cls] of expected.classes) expect(await page.evaluate((c) => window.__atlas!.flows.balanceClassAt(c), code), code).toBe(cls);
    // A third of the range at most and sorted: the legend's text shows the same numbers as its breaks.
    expect(legend[0]!.text).toContain(new Intl.NumberFormat('zh-CN').format(expected.breaks[0]!));
  });

  it('keeps the filters in the URL next to the camera, and a shared link reopens them', async () => {
    await page.click('#flow-basis-modelled');
    expect((await drawn()).some((r) => r.basis === 'modelled')).toBe(false);
    await page.evaluate(() => window.__atlas!.map.jumpTo({ center: [120.4, 27.9], zoom: 8.5 }));
    await idle(page);
    const url = page.url();
    expect(new URL(url).hash).toMatch(/^#view=8\.5\/27\.9\/120\.4.*&basis=documented,observed/);
    const shared = await browser.context.newPage();
    try {
      await shared.goto(url);
      await shared.waitForFunction(() => window.__atlas !== undefined, undefined, { timeout: 60_000 });
      await shared.evaluate(() => window.__atlas!.flows.ready);
      expect(await shared.evaluate(() => (document.getElementById('flow-basis-modelled') as HTMLInputElement).checked)).toBe(false);
      const rows = await shared.evaluate(() => window.__atlas!.flows.drawn());
      expect(rows.length).toBeGreaterThan(0);
      expect(rows.some((r) => r.basis === 'modelled')).toBe(false);
      expect(await shared.evaluate(() => window.__atlas!.map.getZoom())).toBeCloseTo(8.5, 5);
    } finally {
      await shared.close();
    }
    await page.click('#flow-basis-modelled');
    expect(new URL(page.url()).hash).not.toContain('basis=');
  });

  it('a real mouse on an alliance shows its programme and since-year', async () => {
    // Flows off, so only the alliance line can answer the pointer.
    for (const id of await page.evaluate(() => [...document.querySelectorAll<HTMLInputElement>('[id^=flow-factor-]:checked')].map((i) => i.id))) await page.click(`#${id}`);
    expect(await drawn()).toEqual([]);
    const pair = (await page.evaluate(() => window.__atlas!.flows.alliances())).find((a) => a.a === RUIAN && a.b === '330328000000');
    expect(pair, '瑞安 ↔ 文成 山海协作 is drawn').toBeDefined();
    await page.evaluate((c) => window.__atlas!.map.jumpTo({ center: c, zoom: 9.2 }), pair!.middle);
    await idle(page);
    const at = await pixelOf(pair!.middle);
    await page.mouse.move(at.x - 20, at.y + 20);
    await page.mouse.move(at.x, at.y, { steps: 3 });
    await page.waitForFunction(() => document.querySelector<HTMLElement>('.flow-tooltip')?.hidden === false, undefined, { timeout: 20_000 });
    const text = (await tooltip())!;
    expect(text).toContain('瑞安市 ↔ 文成县');
    expect(text).toContain('山海协作');
    expect(text).toContain('自 2002 年起');
    await page.screenshot({ path: path.join(SCREENSHOT_DIR, 'atlas-alliance-tooltip.png') });
    await page.mouse.move(5, 5);
    for (const id of await page.evaluate(() => [...document.querySelectorAll<HTMLInputElement>('[id^=flow-factor-]:not(:checked)')].map((i) => i.id))) await page.click(`#${id}`);
    expect((await drawn()).length).toBeGreaterThan(0);
  });

  it('selecting 泰顺 keeps its flows and fades every other flow', async () => {
    await page.evaluate(() => window.__atlas!.select('330329'));
    await page.waitForFunction(() => window.__atlas!.selection !== null, undefined, { timeout: 20_000 });
    const rows = await drawn();
    const faded = new Set(await page.evaluate(() => window.__atlas!.flows.faded()));
    const touching = rows.filter((r) => r.origin === TAISHUN || r.dest === TAISHUN);
    expect(touching.length).toBeGreaterThan(0);
    expect(touching.some((r) => faded.has(r.id))).toBe(false);
    expect(faded.size).toBe(rows.length - touching.length);
    await idle(page);
    await page.screenshot({ path: path.join(SCREENSHOT_DIR, 'atlas-flows-selected.png') });
    await page.keyboard.press('Escape');
    expect(await page.evaluate(() => window.__atlas!.flows.faded())).toEqual([]);
  });

  it('switches the flows panel and the balance legend to English and back', async () => {
    await page.evaluate(() => window.__atlas!.setLocale('en'));
    const labels = await page.evaluate(() =>
      [...document.querySelectorAll<HTMLInputElement>('#flows-panel input[id^=flow-factor-]')].map((i) => document.querySelector(`label[for="${i.id}"]`)?.textContent),
    );
    expect(labels).toEqual(['labour', 'land', 'capital', 'technology', 'data', 'ecology']);
    expect(await page.evaluate(() => document.querySelector('.balance-unit')?.textContent)).toBe('Unit: persons; basis: modelled');
    expect(await page.evaluate(() => document.getElementById('flows-title')?.textContent)).toBe('Factor flows');
    await page.evaluate(() => window.__atlas!.setLocale('zh-CN'));
    expect(await page.evaluate(() => document.getElementById('flows-title')?.textContent)).toBe('要素流动');
  });
});
