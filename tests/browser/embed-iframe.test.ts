// The embed in an iframe on another origin: a second small HTTP server (another port, so another origin)
// serves a host page whose iframe shows the atlas's /embed. The host talks to it with postMessage only,
// as a real host would; a real mouse clicks inside the frame. Screenshot: atlas-embed-host.png in the temp
// directory (or SCREENSHOT_DIR).
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import type { Frame, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildClient, clientBuildIsCurrent } from '../../client/build.ts';
import { parseUnitDetails } from '../../client/src/unit-details.ts';
import type { Running } from '../../server/start.ts';
import { seededDb, type TestDb } from '../support/test-db.ts';
import { startTestServer } from '../support/test-server.ts';
import { launchChromium, type LaunchedBrowser } from './chromium.ts';

const TAISHUN = '330329000000';
const SCREENSHOT_DIR = process.env.SCREENSHOT_DIR || os.tmpdir();

let t: TestDb;
let s: Running;
let host: http.Server;
let hostOrigin: string;
let browser: LaunchedBrowser;
let page: Page;
let frame: Frame;
const consoleErrors: string[] = [];
const warnings: string[] = [];

interface HostEvent {
  type: string;
  [k: string]: unknown;
}

/** The host page: an iframe of the embed (allowing this host's origin), and a log of what it posts. */
function hostPage(atlas: string, origin: string): string {
  const src = `${atlas}/embed?origins=${encodeURIComponent(origin)}`;
  return `<!doctype html><html lang="en"><meta charset="utf-8"><title>A host page</title>
<body style="margin:0">
<h1 style="height:120px;margin:0">A newspaper article</h1>
<iframe id="atlas" src="${src}" title="Atlas" width="800" height="500" style="border:0;display:block"></iframe>
<div style="height:2000px">more article text</div>
<script>
  window.events = [];
  addEventListener('message', (e) => { if (e.origin === ${JSON.stringify(atlas)}) window.events.push(e.data); });
  window.send = (m) => document.getElementById('atlas').contentWindow.postMessage(m, ${JSON.stringify(atlas)});
</script>
</body></html>`;
}

beforeAll(async () => {
  if (!clientBuildIsCurrent()) await buildClient({ quiet: true });
  t = await seededDb();
  s = await startTestServer(t.db);
  host = http.createServer((_req, res) => {
    res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8' });
    res.end(hostPage(s.url, hostOrigin));
  });
  await new Promise<void>((r) => host.listen(0, '127.0.0.1', r));
  hostOrigin = `http://127.0.0.1:${(host.address() as AddressInfo).port}`;
  expect(hostOrigin).not.toBe(s.url);

  browser = await launchChromium();
  page = await browser.context.newPage();
  page.on('console', (m) => {
    if (m.type() === 'error') consoleErrors.push(m.text());
    if (m.type() === 'warning') warnings.push(m.text());
  });
  page.on('pageerror', (e) => consoleErrors.push(`pageerror: ${e.message}`));
  await page.goto(`${hostOrigin}/`);
  frame = page.frames().find((f) => f.url().startsWith(`${s.url}/embed`))!;
  expect(frame).toBeTruthy();
  await waitForEvent((e) => e.type === 'atlas:ready', 120_000);
}, 200_000);

afterAll(async () => {
  await browser?.close();
  await new Promise((r) => host?.close(r));
  await s?.close();
  await t?.drop();
});

const events = (): Promise<HostEvent[]> => page.evaluate(() => (window as unknown as { events: HostEvent[] }).events);

async function waitForEvent(match: (e: HostEvent) => boolean, timeout = 30_000): Promise<HostEvent> {
  const started = Date.now();
  for (;;) {
    const found = (await events()).find(match);
    if (found) return found;
    if (Date.now() - started > timeout) throw new Error(`no matching event within ${timeout} ms; got ${JSON.stringify((await events()).map((e) => e.type))}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

const send = (m: unknown) => page.evaluate((msg) => (window as unknown as { send(m: unknown): void }).send(msg), m);
const clearEvents = () => page.evaluate(() => ((window as unknown as { events: HostEvent[] }).events.length = 0));

describe('the embed inside an iframe on another origin', { timeout: 120_000 }, () => {
  it('loads with no console errors and tells the host it is ready, with its view', async () => {
    expect(consoleErrors).toEqual([]);
    const ready = await waitForEvent((e) => e.type === 'atlas:ready');
    expect(ready).toMatchObject({ version: 1, view: { center: expect.any(Array), zoom: expect.any(Number) } });
    // The drill scope the embed opened with: the top, counties shown.
    expect(ready.drill).toEqual({ unit: null, level: 'county' });
  });

  it('shows minimal chrome: no top bar, a legend toggle and a link to the full map', async () => {
    expect(await frame.isVisible('.topbar')).toBe(false);
    expect(await frame.isVisible('#flows-panel')).toBe(false);
    const link = frame.getByRole('link', { name: /打开完整地图/ });
    expect(await link.getAttribute('target')).toBe('_blank');
    expect(await link.getAttribute('href')).toMatch(new RegExp(`^${s.url}/#view=`));
    const toggle = frame.getByRole('button', { name: '图例与来源' });
    expect(await toggle.getAttribute('aria-expanded')).toBe('false');
    await toggle.click();
    expect(await frame.isVisible('#flows-panel')).toBe(true);
    expect(await frame.isVisible('#legend')).toBe(true);
    expect(await frame.getByRole('button', { name: '隐藏图例' }).getAttribute('aria-expanded')).toBe('true');
    await page.screenshot({ path: path.join(SCREENSHOT_DIR, 'atlas-embed-host.png') });
    await frame.getByRole('button', { name: '隐藏图例' }).click();
    expect(await frame.isVisible('#flows-panel')).toBe(false);
  });

  it('lets the wheel scroll the host page instead of zooming the map (cooperative gestures)', async () => {
    const zoom = await frame.evaluate(() => window.__atlas!.map.getZoom());
    expect(await frame.evaluate(() => window.__atlas!.map.cooperativeGestures.isEnabled())).toBe(true);
    await page.mouse.move(400, 120 + 250);
    await page.mouse.wheel(0, 300);
    await page.waitForFunction(() => window.scrollY > 0, undefined, { timeout: 10_000 });
    expect(await frame.evaluate(() => window.__atlas!.map.getZoom())).toBe(zoom);
    // The hint MapLibre shows says how to zoom, in the page's language.
    expect(await frame.textContent('.maplibregl-desktop-message')).toBe('按住 Ctrl 键并滚动鼠标滚轮以缩放地图');
    await page.evaluate(() => window.scrollTo(0, 0));
    await page.waitForFunction(() => window.scrollY === 0);
  });

  it('applies filters the host sets, and echoes the filters in force (unknown factors dropped)', async () => {
    await clearEvents();
    await send({ type: 'atlas:setFilters', filters: { factors: ['land', 'nonsense_factor'], bases: ['documented', 'observed'] } });
    const echoed = await waitForEvent((e) => e.type === 'atlas:filters');
    expect(echoed.filters).toMatchObject({ factors: ['land'], bases: ['documented', 'observed'] });
    const drawn = await frame.evaluate(() => window.__atlas!.flows.drawn());
    expect(drawn.length).toBeGreaterThan(0);
    expect(new Set(drawn.map((d) => d.factor))).toEqual(new Set(['land']));
    expect(drawn.some((d) => d.basis === 'modelled')).toBe(false);
    expect(await frame.evaluate(() => (document.getElementById('flow-factor-labour') as HTMLInputElement).checked)).toBe(false);
    await clearEvents();
    await send({ type: 'atlas:getState' });
    expect(await waitForEvent((e) => e.type === 'atlas:state')).toMatchObject({ selection: null, filters: { factors: ['land'] } });
  });

  it('fits the camera to a unit the host names, by code', async () => {
    const ruian = parseUnitDetails(await (await fetch(`${s.url}/api/units/330381`)).json());
    const [w, south, e, n] = ruian.bbox!;
    await clearEvents();
    await send({ type: 'atlas:setView', unit: '330381' });
    const view = (await waitForEvent((ev) => ev.type === 'atlas:view')).view as { center: [number, number]; bounds: [number, number, number, number] };
    const [lon, lat] = view.center;
    expect(lon).toBeGreaterThan(w);
    expect(lon).toBeLessThan(e);
    expect(lat).toBeGreaterThan(south);
    expect(lat).toBeLessThan(n);
    // The whole unit is in view.
    expect(view.bounds[0]).toBeLessThanOrEqual(w);
    expect(view.bounds[2]).toBeGreaterThanOrEqual(e);
  });

  it('moves the camera when the host posts atlas:setView, and answers with a view event', async () => {
    const point = parseUnitDetails(await (await fetch(`${s.url}/api/units/${TAISHUN}`)).json()).point!;
    await clearEvents();
    await send({ type: 'atlas:setView', center: point, zoom: 9 });
    const view = await waitForEvent((e) => e.type === 'atlas:view');
    expect((view.view as { zoom: number }).zoom).toBe(9);
    const [lon, lat] = (view.view as { center: [number, number] }).center;
    expect(lon).toBeCloseTo(point[0], 4);
    expect(lat).toBeCloseTo(point[1], 4);
  });

  it('tells the host what a real mouse click in the frame selected', async () => {
    await frame.evaluate(() => new Promise<void>((r) => (window.__atlas!.map.once('idle', () => r()), window.__atlas!.map.triggerRepaint())));
    await clearEvents();
    const box = (await page.locator('#atlas').boundingBox())!;
    await page.mouse.click(box.x + box.width / 2, box.y + box.height / 2);
    const selection = await waitForEvent((e) => e.type === 'atlas:selection');
    expect(selection.unit).toMatchObject({ code: TAISHUN, nameZh: '泰顺县', level: 'county' });
    // The click drilled into 泰顺 as on the full map: the host hears the new scope and the level shown.
    const drill = await waitForEvent((e) => e.type === 'atlas:drill');
    expect(drill.drill).toEqual({ unit: { code: TAISHUN, nameZh: '泰顺县', nameEn: expect.any(String), level: 'county' }, level: 'township' });
  });

  it('sets the drill scope the host asks for (atlas:setDrill), tells it with atlas:drill, and goes back to the top with null', async () => {
    await clearEvents();
    await send({ type: 'atlas:setDrill', unit: '330329100' });
    const drill = await waitForEvent((e) => e.type === 'atlas:drill');
    expect(drill.drill).toMatchObject({ unit: { code: '330329100000', nameZh: '罗阳镇', level: 'township' }, level: 'village' });
    expect(await frame.evaluate(() => window.__atlas!.drill.scope())).toBe('330329100000');
    await frame.waitForFunction(() => window.__atlas!.flows.scope().level === 'village', undefined, { timeout: 20_000 });
    expect(await frame.evaluate(() => window.__atlas!.flows.scope())).toEqual({ level: 'village', within: '330329100000' });
    // Framed close enough that the township's village points exist in the tiles.
    await frame.waitForFunction(() => !window.__atlas!.map.isMoving(), undefined, { timeout: 20_000 });
    expect(await frame.evaluate(() => window.__atlas!.map.getZoom() >= window.__atlas!.drill.minZoom() - 0.01)).toBe(true);
    expect(await frame.evaluate(() => (document.getElementById('drill-bar') as HTMLElement).innerText.replace(/\s+/g, ' '))).toMatch(/泰顺县 › 罗阳镇/);
    await clearEvents();
    await send({ type: 'atlas:getState' });
    expect((await waitForEvent((e) => e.type === 'atlas:state')).drill).toMatchObject({ unit: { code: '330329100000' }, level: 'village' });

    await clearEvents();
    await send({ type: 'atlas:setDrill', unit: null });
    expect((await waitForEvent((e) => e.type === 'atlas:drill')).drill).toEqual({ unit: null, level: 'county' });
    await frame.waitForFunction(() => window.__atlas!.flows.scope().level === 'county', undefined, { timeout: 20_000 });
    expect(await frame.evaluate(() => window.__atlas!.drill.scope())).toBeNull();

    // A village drills to its township, framed as such.
    await clearEvents();
    await send({ type: 'atlas:setDrill', unit: '330329100005' });
    expect((await waitForEvent((e) => e.type === 'atlas:drill')).drill).toMatchObject({ unit: { code: '330329100000' }, level: 'village' });
    await frame.waitForFunction(() => !window.__atlas!.map.isMoving() && window.__atlas!.flows.scope().level === 'village', undefined, { timeout: 20_000 });
    expect(await frame.evaluate(() => window.__atlas!.map.getZoom() >= window.__atlas!.drill.minZoom() - 0.01)).toBe(true);
    await clearEvents();
    await send({ type: 'atlas:setDrill', unit: null });
    await waitForEvent((e) => e.type === 'atlas:drill');

    warnings.length = 0;
    await send({ type: 'atlas:setDrill', unit: 'Taishun' });
    await expect.poll(() => warnings.filter((w) => w.includes('ignored atlas:setDrill')).length, { timeout: 5_000 }).toBe(1);
    expect(warnings.join('\n')).toContain('or null for the top');
    expect(await frame.evaluate(() => window.__atlas!.drill.scope())).toBeNull();
  });

  it('has a visible language switch in its chrome, used by mouse and by keyboard', async () => {
    const zh = frame.getByRole('button', { name: '切换为英文界面' });
    expect(await zh.isVisible()).toBe(true);
    expect(await zh.textContent()).toBe('English');
    await zh.click();
    await frame.waitForFunction(() => document.documentElement.lang === 'en');
    expect(await frame.getByRole('button', { name: 'Legend and sources' }).isVisible()).toBe(true);
    expect(await frame.getByRole('link', { name: /Open full map/ }).isVisible()).toBe(true);
    expect(await frame.textContent('#flows-title')).toBe('Factor flows');
    const en = frame.getByRole('button', { name: 'Switch to Chinese' });
    expect(await en.textContent()).toBe('中文');
    expect(await en.getAttribute('lang')).toBe('zh-CN');
    await en.focus();
    await page.keyboard.press('Enter');
    await frame.waitForFunction(() => document.documentElement.lang === 'zh-CN');
    expect(await frame.getByRole('button', { name: '图例与来源' }).isVisible()).toBe(true);
  });

  it('selects a unit, and clears the selection, when the host asks', async () => {
    await clearEvents();
    await send({ type: 'atlas:select', unit: '330381' });
    expect((await waitForEvent((e) => e.type === 'atlas:selection')).unit).toMatchObject({ code: '330381000000', nameZh: '瑞安市' });
    await clearEvents();
    await send({ type: 'atlas:select', unit: null });
    expect((await waitForEvent((e) => e.type === 'atlas:selection')).unit).toBeNull();
    expect(await frame.evaluate(() => window.__atlas!.selection)).toBeNull();
  });

  it('ignores malformed atlas messages with a console warning, and other messages silently, never throwing', async () => {
    warnings.length = 0;
    // The previous test's selection may still be flying the camera; compare zooms only once it has settled.
    await frame.waitForFunction(() => !window.__atlas!.map.isMoving(), undefined, { timeout: 15_000 });
    const zoom = await frame.evaluate(() => window.__atlas!.map.getZoom());
    await send({ type: 'atlas:setView', zoom: 99 });
    await send({ type: 'atlas:launch' });
    await send({ type: 'somebody-elses-message', zoom: 3 });
    await send('a plain string');
    await page.waitForFunction(() => true);
    await expect.poll(() => warnings.filter((w) => w.includes('[atlas embed] ignored')).length, { timeout: 5_000 }).toBe(2);
    expect(warnings.join('\n')).toContain('zoom must be a number');
    expect(warnings.join('\n')).toContain('atlas:launch');
    expect(await frame.evaluate(() => window.__atlas!.map.getZoom())).toBe(zoom);
    expect(consoleErrors).toEqual([]);
  });
});
