// The first map, end to end: the real server on the seeded demo, the built client, Debian's Chromium with
// software WebGL, a real mouse. Screenshots land in the temp directory for a person to look at.
import os from 'node:os';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Running } from '../../server/start.ts';
import type { TestDb } from '../support/test-db.ts';
import { idle, startAtlasSession, type AtlasSession } from './map-page.ts';
import { pointInGeometry } from './point-in-polygon.ts';

const SCREENSHOT_DIR = process.env.SCREENSHOT_DIR || os.tmpdir();

let session: AtlasSession;
let t: TestDb;
let s: Running;
let page: Page;
let consoleErrors: string[];
const requests: string[] = [];

interface UnitJson {
  unit: { code: string; name_zh: string; name_en: string | null; level: string; geom_quality: string; point: [number, number] | null; source: { title: string; licence: string } };
  geometry: { type: string; coordinates: unknown } | null;
  ancestors: { code: string; name_zh: string }[];
  children: { code: string; level: string; geom_quality: string }[];
}
const api = async (code: string): Promise<UnitJson> => (await fetch(`${s.url}/api/units/${code}`)).json() as Promise<UnitJson>;

beforeAll(async () => {
  session = await startAtlasSession();
  ({ db: t, server: s, page, consoleErrors } = session);
  page.on('request', (r) => requests.push(r.url()));
  const started = Date.now();
  await page.goto(`${s.url}/`);
  await page.waitForFunction(() => window.__atlas !== undefined, undefined, { timeout: 60_000 });
  await page.evaluate(() => window.__atlas!.ready);
  console.info(`[first-map] first idle map after ${Date.now() - started} ms (software WebGL, ${t.engine})`);
});

afterAll(async () => {
  await session?.close();
});

/** Page coordinates of a lon/lat, through the map's own projection. */
async function pixelOf(lngLat: [number, number]): Promise<{ x: number; y: number }> {
  return page.evaluate((ll) => {
    const map = window.__atlas!.map;
    const p = map.project(ll);
    const r = map.getCanvas().getBoundingClientRect();
    return { x: r.left + p.x, y: r.top + p.y };
  }, lngLat);
}

/** A real mouse click, after checking that nothing (legend, panel) covers the map at that pixel. */
async function clickMap(at: { x: number; y: number }) {
  const hit = await page.evaluate(({ x, y }) => document.elementFromPoint(x, y)?.className ?? '', at);
  expect(hit, 'the map canvas is what a user would click there').toContain('maplibregl-canvas');
  await page.mouse.click(at.x, at.y);
}

const panelTitle = (text: string) =>
  page.waitForFunction((t) => document.querySelector('#panel .panel-title .name-zh')?.textContent === t, text, { timeout: 20_000 });
const panelText = () => page.evaluate(() => (document.getElementById('panel') as HTMLElement).innerText);

// Software WebGL on two shared cores: a zoom that loads new tiles and draws new glyphs can take many seconds.
describe('the first map at /', { timeout: 120_000 }, () => {
  it('loads as a Chinese page with no console errors', async () => {
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('zh-CN');
    expect(consoleErrors).toEqual([]);
  });

  it('stops saying it is loading once the map is drawn (the held first frame has been released)', async () => {
    const state = await page.evaluate(() => {
      const el = document.getElementById('map')!;
      return { busy: el.getAttribute('aria-busy'), label: el.dataset.loading };
    });
    expect(state).toEqual({ busy: null, label: '正在载入…' });
  });

  it('sends no request to any other origin', async () => {
    const origin = new URL(s.url).origin;
    expect(requests.length).toBeGreaterThan(0);
    const foreign = requests.filter((u) => {
      if (u.startsWith('data:')) return false;
      // MapLibre's worker is a blob: URL, which names the origin that made it.
      const url = new URL(u.startsWith('blob:') ? u.slice(5) : u);
      return url.origin !== origin;
    });
    expect(foreign).toEqual([]);
  });

  it('draws all 12 county-level units of Wenzhou, 龙港市 among them', async () => {
    const codes = await page.evaluate(() => {
      const features = window.__atlas!.map.queryRenderedFeatures({ layers: ['counties-fill'] });
      return [...new Set(features.map((f) => String(f.properties.code).slice(0, 6)))].sort();
    });
    expect(codes).toHaveLength(12);
    expect(codes).toContain('330383');
    expect(codes.every((c) => c.startsWith('3303'))).toBe(true);
  });

  it('labels counties with their Chinese names, drawn without a glyph server', async () => {
    const style = await page.evaluate(() => window.__atlas!.map.getStyle());
    expect(style.glyphs).toBeUndefined();
    const names = await page.evaluate(() =>
      window.__atlas!.map.queryRenderedFeatures({ layers: ['labels-county'] }).map((f) => String(f.properties.name_zh)),
    );
    expect(names).toContain('鹿城区');
    expect(names.every((n) => /^\p{Script=Han}+$/u.test(n))).toBe(true);
    await page.screenshot({ path: path.join(SCREENSHOT_DIR, 'atlas-first-map.png') });
  });

  it('a real mouse click inside 瑞安市 shows its name, code, level, quality, source and breadcrumb', async () => {
    const ruian = await api('330381');
    expect(ruian.unit.point, 'the API gives 瑞安市 a representative point').not.toBeNull();
    expect(pointInGeometry(ruian.unit.point!, ruian.geometry!), 'that point lies inside 瑞安市').toBe(true);
    await clickMap(await pixelOf(ruian.unit.point!));
    await panelTitle('瑞安市');
    const text = await panelText();
    expect(text).toContain('330381');
    expect(text).toContain('县级');
    expect(text).toContain('测绘边界');
    expect(text).toContain(ruian.unit.source.title);
    expect(text).toContain(ruian.unit.source.licence);
    if (ruian.unit.name_en) expect(text).toContain(ruian.unit.name_en);
    const crumbs = await page.evaluate(() => (document.querySelector('#panel .breadcrumb') as HTMLElement).innerText.replace(/\s+/g, ' ').trim());
    expect(crumbs).toBe('浙江省 › 温州市 › 瑞安市');
    // The clicked county is the selected feature on the map too.
    const selected = await page.evaluate(() => {
      const f = window.__atlas!.map.queryRenderedFeatures({ layers: ['counties-fill'] }).filter((x) => x.state.selected);
      return [...new Set(f.map((x) => String(x.properties.code).slice(0, 6)))];
    });
    expect(selected).toEqual(['330381']);
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('panel');
  });

  it('closes the panel with Escape and hands focus back to the map', async () => {
    await page.keyboard.press('Escape');
    expect(await page.evaluate(() => (document.getElementById('panel') as HTMLElement).hidden)).toBe(true);
    expect(await page.evaluate(() => document.activeElement?.classList.contains('maplibregl-canvas'))).toBe(true);
  });

  it('at township zoom a click selects the township, marked approximate, under its county', async () => {
    const ruian = await api('330381');
    const candidates = ruian.children.filter((c) => c.level === 'township' && c.geom_quality === 'approximate');
    expect(candidates.length).toBeGreaterThan(0);
    let township: UnitJson | null = null;
    for (const c of candidates) {
      const u = await api(c.code);
      if (u.unit.point && u.geometry && pointInGeometry(u.unit.point, u.geometry)) {
        township = u;
        break;
      }
    }
    expect(township, 'a township of 瑞安市 whose seat lies inside its area').not.toBeNull();
    await page.evaluate((center) => window.__atlas!.map.jumpTo({ center, zoom: 11 }), township!.unit.point!);
    await idle(page);
    await clickMap(await pixelOf(township!.unit.point!));
    await panelTitle(township!.unit.name_zh);
    const text = await panelText();
    expect(text).toContain(township!.unit.code.slice(0, 9));
    expect(text).toContain('乡级');
    expect(await page.locator('#panel .badge-approximate').innerText()).toBe('近似');
    const crumbs = await page.evaluate(() => (document.querySelector('#panel .breadcrumb') as HTMLElement).innerText.replace(/\s+/g, ' ').trim());
    expect(crumbs).toBe(`浙江省 › 温州市 › 瑞安市 › ${township!.unit.name_zh}`);
    await idle(page);
    await page.screenshot({ path: path.join(SCREENSHOT_DIR, 'atlas-township.png') });
  });

  it('the breadcrumb flies back up to the county', async () => {
    const before = await page.evaluate(() => window.__atlas!.map.getZoom());
    await page.locator('#panel .breadcrumb button', { hasText: '瑞安市' }).click();
    await panelTitle('瑞安市');
    await page.waitForFunction(() => !window.__atlas!.map.isMoving(), undefined, { timeout: 20_000 });
    await idle(page);
    const after = await page.evaluate(() => {
      const map = window.__atlas!.map;
      return { zoom: map.getZoom(), bounds: map.getBounds().toArray() };
    });
    expect(after.zoom).toBeLessThan(before);
    const ruian = await api('330381');
    const point = ruian.unit.point!;
    expect(point[0]).toBeGreaterThan(after.bounds[0][0]);
    expect(point[0]).toBeLessThan(after.bounds[1][0]);
    expect(point[1]).toBeGreaterThan(after.bounds[0][1]);
    expect(point[1]).toBeLessThan(after.bounds[1][1]);
  });

  it('a keyboard user selects the unit under the map centre with Enter', async () => {
    const wencheng = await api('330328');
    expect(pointInGeometry(wencheng.unit.point!, wencheng.geometry!)).toBe(true);
    await page.evaluate((center) => window.__atlas!.map.jumpTo({ center, zoom: 8.5 }), wencheng.unit.point!);
    await idle(page);
    await page.focus('.maplibregl-canvas');
    await page.keyboard.press('Enter');
    await panelTitle('文成县');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('panel');
    // Enter drills in as a click does (the camera then frames 文成), and the URL names the scope and selection.
    expect(await page.evaluate(() => location.hash)).toMatch(/^#view=\d+(\.\d+)?\/27\.\d+\/120\.\d+&drill=330328&sel=330328$/);
  });

  it('switches to English and back, labels included', async () => {
    await page.click('#lang-switch');
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('en');
    expect(await panelText()).toContain('Data quality');
    expect(await page.locator('#legend').innerText()).toContain('approximate');
    const field = await page.evaluate(() => JSON.stringify(window.__atlas!.map.getLayoutProperty('labels-county', 'text-field')));
    expect(field).toContain('name_en');
    expect(await page.getAttribute('.maplibregl-ctrl-zoom-in', 'aria-label')).toBe('Zoom in');
    await page.click('#lang-switch');
    expect(await page.getAttribute('.maplibregl-ctrl-zoom-in', 'aria-label')).toBe('放大');
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('zh-CN');
    expect(await page.locator('#legend').innerText()).toContain('近似');
    expect(consoleErrors).toEqual([]);
  });
});
