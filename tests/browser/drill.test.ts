// Drill-down, search and the view in the URL on the real page: the real server on the seeded demo, the
// built client, Debian's Chromium with software WebGL, a real mouse and keyboard. Screenshots go to the
// temp directory (or SCREENSHOT_DIR): atlas-drill-taishun.png, atlas-drill-luoyang.png.
import os from 'node:os';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildChoropleth, type Measure } from '../../client/src/data/balance-classes.ts';
import { parseBalance, type BalanceRow } from '../../client/src/data/flow-json.ts';
import type { Running } from '../../server/start.ts';
import type { LaunchedBrowser } from './chromium.ts';
import { clickMap as clickAt, idle, pixelOf as pixelIn, startAtlasSession, type AtlasSession } from './map-page.ts';
import { pointInGeometry } from './point-in-polygon.ts';

const SCREENSHOT_DIR = process.env.SCREENSHOT_DIR || os.tmpdir();
const TAISHUN = '330329000000';
const LUOYANG = '330329100000';
/** 新北社区, 鹤祥社区 → 东城社区; 飞龙社区 → 南城社区: villages of 罗阳镇 with a known seat. */
const VILLAGE_FIXTURE = ['330329100005', '330329100006', '330329100007', '330329100008', '330329100009'];
/** 西外社区 (罗阳镇, no known seat) → 南城社区: a figure the map has no point for. */
const SEATLESS = '330329100015';

let session: AtlasSession;
let s: Running;
let browser: LaunchedBrowser;
let page: Page;

interface UnitJson {
  unit: { code: string; point: [number, number] };
  geometry: { type: string; coordinates: unknown };
  children: { code: string; level: string; geom_quality: string }[];
}
const api = async <T>(p: string): Promise<T> => (await fetch(`${s.url}${p}`)).json() as Promise<T>;

async function open(p: Page, url: string): Promise<void> {
  await p.goto(url);
  await p.waitForFunction(() => window.__atlas !== undefined, undefined, { timeout: 60_000 });
  await p.evaluate(() => Promise.all([window.__atlas!.ready, window.__atlas!.flows.ready, window.__atlas!.drill.ready]));
}

beforeAll(async () => {
  session = await startAtlasSession();
  ({ server: s, browser, page } = session);
  // The demo has no flows between villages. Three modelled labour flows between 罗阳镇's villages (in this
  // test's own copy of the demo, marked as a test fixture) give the village choropleth figures to colour.
  await session.db.db.query(
    `INSERT INTO flows (origin_code, dest_code, factor, period_start, period_end, magnitude, magnitude_unit, basis, source_id, note)
     VALUES ($1, $3, 'labour', '2020-01-01', '2020-12-31', 120, 'persons', 'modelled', 'seed.wenzhou-case-study', 'test fixture'),
            ($2, $3, 'labour', '2020-01-01', '2020-12-31', 40, 'persons', 'modelled', 'seed.wenzhou-case-study', 'test fixture'),
            ($4, $5, 'labour', '2020-01-01', '2020-12-31', 15, 'persons', 'modelled', 'seed.wenzhou-case-study', 'test fixture'),
            ($6, $5, 'labour', '2020-01-01', '2020-12-31', 30, 'persons', 'modelled', 'seed.wenzhou-case-study', 'test fixture')`,
    [...VILLAGE_FIXTURE, SEATLESS],
  );
  await session.db.db.query('UPDATE data_version SET version = version + 1, changed_at = now()');
  await open(page, `${s.url}/`);
}, 180_000);

afterAll(async () => {
  await session?.close();
});

/** The choropleth the page reports, checked against the API's rows for units inside `prefix` (not the parent itself). */
async function choroplethMatches(p: Page, balanceUrl: string, keep: (r: BalanceRow) => boolean) {
  const shown = await p.evaluate(() => window.__atlas!.flows.choropleth());
  expect(shown, 'a choropleth is drawn').not.toBeNull();
  const [factor, basis, unit] = shown!.measure.split('|') as [string, Measure['basis'], string];
  const rows = parseBalance(await api(balanceUrl)).filter(keep);
  const expected = buildChoropleth(rows, { factor, basis, unit }, false);
  expect({ breaks: shown!.breaks, counts: shown!.counts }).toEqual({ breaks: expected.breaks, counts: expected.counts });
  for (const [code, cls] of expected.classes) expect(await p.evaluate((c) => window.__atlas!.flows.balanceClassAt(c), code), code).toBe(cls);
  const legend = await p.evaluate(() => [...document.querySelectorAll<HTMLElement>('#balance-legend li[data-class]')].map((li) => Number(li.dataset.count)));
  expect(legend).toEqual(expected.counts);
  return expected;
}
const balanceNotes = () => page.evaluate(() => [...document.querySelectorAll('#balance-legend .balance-level')].map((e) => e.textContent));
const visibility = (layer: string) => page.evaluate((l) => window.__atlas!.map.getLayoutProperty(l, 'visibility') ?? 'visible', layer);

/** Waits for the camera to stop (a drill flies), every answer to be in, and the map to be idle. */
async function settle(p: Page): Promise<void> {
  await p.waitForFunction(() => !window.__atlas!.map.isMoving(), undefined, { timeout: 20_000 });
  await p.evaluate(() => window.__atlas!.settled());
  await idle(p);
}

const pixelOf = (ll: [number, number]) => pixelIn(page, ll);
const clickMap = (at: { x: number; y: number }) => clickAt(page, at);
const barText = () => page.evaluate(() => (document.getElementById('drill-bar') as HTMLElement).innerText.replace(/\s+/g, ' ').trim());
const townshipsDrawn = () =>
  page.evaluate(() => [...new Set(window.__atlas!.map.queryRenderedFeatures({ layers: ['townships-fill'] }).map((f) => `${f.properties.parent_code}:${f.properties.code}`))]);

describe('drill-down, search and the view in the URL', { timeout: 150_000 }, () => {
  it('drilling into 泰顺 shows its townships and the breadcrumb (real mouse click)', async () => {
    expect(await barText()).toContain('全部');
    const taishun = await api<UnitJson>(`/api/units/${TAISHUN}`);
    expect(pointInGeometry(taishun.unit.point, taishun.geometry), 'the seat lies inside 泰顺').toBe(true);
    expect(await townshipsDrawn(), 'no townships at the top level').toEqual([]);
    await clickMap(await pixelOf(taishun.unit.point));
    await page.waitForFunction((c) => window.__atlas!.drill.scope() === c, TAISHUN, { timeout: 20_000 });
    await settle(page);

    expect(await barText()).toMatch(/全部 › 浙江省 › 温州市 › 泰顺县 当前显示：乡级/);
    expect(await page.getAttribute('#drill-bar [aria-current]', 'data-code')).toBe(TAISHUN);
    expect(await page.textContent('#status')).toBe('已进入 泰顺县，显示下辖乡级单位');
    const drawn = await townshipsDrawn();
    const withAreas = taishun.children.filter((c) => c.level === 'township' && c.geom_quality === 'approximate').map((c) => c.code);
    expect(drawn.length).toBeGreaterThanOrEqual(8);
    // Only 泰顺's townships, every one of them hatched (their areas are approximate).
    expect(drawn.every((d) => d.startsWith(`${TAISHUN}:`))).toBe(true);
    expect(drawn.map((d) => d.split(':')[1]).every((c) => withAreas.includes(c!))).toBe(true);
    expect(await page.evaluate(() => window.__atlas!.map.getPaintProperty('townships-fill', 'fill-pattern'))).toBe('approximate-hatch');

    // Flows re-aggregate to townships, only those touching 泰顺.
    expect(await page.evaluate(() => window.__atlas!.flows.scope())).toEqual({ level: 'township', within: TAISHUN });
    const flows = await page.evaluate(() => window.__atlas!.flows.drawn());
    expect(flows.length).toBeGreaterThan(0);
    expect(flows.every((f) => f.origin.startsWith('330329') || f.dest.startsWith('330329'))).toBe(true);
    expect(flows.some((f) => /^330329\d{3}/.test(f.origin) && !f.origin.endsWith('000000'))).toBe(true);
    // 泰顺 is selected and drilled into: every flow drawn touches it (its townships), so none is faded.
    expect(await page.evaluate(() => window.__atlas!.selection)).toBe(TAISHUN);
    expect(await page.evaluate(() => window.__atlas!.flows.faded())).toEqual([]);

    // The net-balance choropleth follows the drill: 泰顺's townships, from /api/balance at township level
    // inside 泰顺 (partner townships elsewhere have partial sums there and are not coloured).
    expect(await page.evaluate(() => window.__atlas!.flows.choroplethLevel())).toEqual({ level: 'township', within: TAISHUN });
    const townshipClasses = await choroplethMatches(page, `/api/balance?level=township&unit=${TAISHUN}`, (r) => r.code.startsWith('330329') && r.code !== TAISHUN);
    expect(townshipClasses.classes.size).toBeGreaterThanOrEqual(5);
    expect(await visibility('balance-township-fill')).toBe('visible');
    expect(await visibility('balance-fill')).toBe('none');
    expect(await balanceNotes()).toEqual(['着色单位：乡级（仅当前下钻范围内）', '乡级面积为近似（由驻地生成），着色处仍画阴影线']);
    // A county outside the scope keeps no class of its own: one level coloured, one legend.
    expect(await page.evaluate(() => window.__atlas!.flows.balanceClassAt('330382000000'))).toBeNull();

    // The unit panel: indicators with basis and source, in/out/net, partners, a chart over the years.
    const panel = await page.evaluate(() => (document.getElementById('panel') as HTMLElement).innerText);
    expect(panel).toMatch(/常住人口 269,400 人 \(2023 年\)/);
    expect(panel).toContain('来源：2023年泰顺县国民经济和社会发展统计公报');
    expect(panel).toContain('要素流入、流出与净值');
    expect(panel).toMatch(/土地\s*文献记载[\s\S]*无数据/);
    expect(panel).toMatch(/乐清市 无数据/);
    expect(await page.locator('#panel svg.year-chart circle').count()).toBeGreaterThanOrEqual(3);
    expect(await page.getAttribute('#panel svg.year-chart', 'aria-label')).toMatch(/^常住人口逐年变化折线图：2020: 265,980 人/);
    await page.screenshot({ path: path.join(SCREENSHOT_DIR, 'atlas-drill-taishun.png') });
  });

  it('a click on a township drills to its villages', async () => {
    const luoyang = await api<UnitJson>(`/api/units/${LUOYANG}`);
    const at = await pixelOf(luoyang.unit.point);
    await clickMap(at);
    await page.waitForFunction((c) => window.__atlas!.drill.scope() === c, LUOYANG, { timeout: 20_000 });
    await settle(page);
    expect(await barText()).toMatch(/泰顺县 › 罗阳镇 当前显示：村级/);
    expect(await page.evaluate(() => window.__atlas!.flows.scope())).toEqual({ level: 'village', within: LUOYANG });
    const villages = await page.evaluate(() => window.__atlas!.drill.villages());
    expect(villages.length).toBeGreaterThan(0);
    expect(villages.every((c) => c.startsWith('330329100'))).toBe(true);
    // Villages have no areas: the legend says how village figures are drawn, and says so when there are none.
    expect(await page.evaluate(() => window.__atlas!.flows.choroplethLevel())).toEqual({ level: 'village', within: LUOYANG });
    const villageClasses = await choroplethMatches(page, `/api/balance?level=village&unit=${LUOYANG}`, (r) => r.code.startsWith('330329100') && r.code !== LUOYANG);
    expect([...villageClasses.classes.keys()].sort()).toEqual([...VILLAGE_FIXTURE, SEATLESS]);
    expect(new Set(villageClasses.classes.values()).size).toBeGreaterThanOrEqual(3);
    // 西外社区 has a figure but no point: counted in its class, not drawn, and the legend says so.
    expect(await balanceNotes()).toEqual([
      '着色单位：村级（仅当前下钻范围内）',
      '村没有边界面：净值以村驻地处的圆点着色（仅有驻地坐标的村）',
      '其中 1 个村没有驻地坐标，计入分级但未画出',
    ]);
    expect(await visibility('balance-village-points')).toBe('visible');
    expect(await visibility('balance-township-fill')).toBe('none');
    // The discs are drawn where the village points are: every coloured village is among those rendered.
    const rendered = await page.evaluate(() => window.__atlas!.map.queryRenderedFeatures({ layers: ['balance-village-points'] }).map((f) => String(f.properties.code)));
    expect(VILLAGE_FIXTURE.every((c) => rendered.includes(c))).toBe(true);
    expect(rendered).not.toContain(SEATLESS);
    // Per resident: villages have no population figure, so nothing can be coloured, and the legend says so.
    const perResident = parseBalance(await api(`/api/balance?level=village&unit=${LUOYANG}`)).filter((r) => r.code.startsWith('330329100'));
    expect(perResident.every((r) => r.netPerResident === null)).toBe(true);
    await page.click('label[for=balance-per-resident]');
    await page.waitForFunction(() => window.__atlas!.flows.choropleth()?.perResident === true);
    expect(await balanceNotes()).toContain('村级单位没有该量度的数值，地图未着色');
    expect(await page.evaluate(() => window.__atlas!.flows.choropleth()!.counts)).toEqual([0, 0, 0, 0, 0]);
    await page.click('label[for=balance-per-resident]');
    await page.waitForFunction(() => window.__atlas!.flows.choropleth()?.perResident === false);
    await page.screenshot({ path: path.join(SCREENSHOT_DIR, 'atlas-drill-luoyang.png') });
  });

  it('reopening the URL shows the same drill scope, selection and camera', async () => {
    const before = await page.evaluate(() => ({ hash: location.hash, zoom: window.__atlas!.map.getZoom(), sel: window.__atlas!.selection }));
    expect(before.hash).toContain(`drill=330329100`);
    expect(before.hash).toContain(`sel=330329100`);
    const second = await browser.context.newPage();
    try {
      await open(second, `${s.url}/${before.hash}`);
      await second.waitForFunction((c) => window.__atlas!.selection === c, LUOYANG, { timeout: 20_000 });
      await settle(second);
      const after = await second.evaluate(() => ({ scope: window.__atlas!.drill.scope(), level: window.__atlas!.drill.level(), zoom: window.__atlas!.map.getZoom(), flows: window.__atlas!.flows.scope() }));
      expect(after.scope).toBe(LUOYANG);
      expect(after.level).toBe('village');
      expect(after.flows).toEqual({ level: 'village', within: LUOYANG });
      expect(Math.abs(after.zoom - before.zoom)).toBeLessThan(0.02);
      expect(await second.evaluate(() => (document.getElementById('drill-bar') as HTMLElement).innerText.replace(/\s+/g, ' '))).toMatch(/泰顺县 › 罗阳镇/);
    } finally {
      await second.close();
    }
  });

  it('the breadcrumb steps back up: to 泰顺 (townships), then to 全部 (counties)', async () => {
    await page.getByRole('button', { name: '返回 泰顺县' }).click();
    await page.waitForFunction((c) => window.__atlas!.drill.scope() === c, TAISHUN, { timeout: 20_000 });
    await settle(page);
    expect(await barText()).toMatch(/泰顺县 当前显示：乡级$/);
    expect(await page.evaluate(() => window.__atlas!.drill.villages())).toEqual([]);
    expect(await page.evaluate(() => window.__atlas!.flows.scope())).toEqual({ level: 'township', within: TAISHUN });

    await page.getByRole('button', { name: '返回 全部' }).click();
    await page.waitForFunction(() => window.__atlas!.drill.scope() === null, undefined, { timeout: 20_000 });
    await settle(page);
    expect(await barText()).toBe('全部 当前显示：县级');
    expect(await page.evaluate(() => window.__atlas!.flows.scope())).toEqual({ level: 'county', within: null });
    expect(await page.evaluate(() => location.hash)).not.toContain('drill=');
    // The county choropleth is back, with the county answer's classes.
    expect(await page.evaluate(() => window.__atlas!.flows.choroplethLevel())).toEqual({ level: 'county', within: null });
    await choroplethMatches(page, '/api/balance?level=county', () => true);
    expect(await visibility('balance-fill')).toBe('visible');
    expect(await visibility('balance-township-fill')).toBe('none');
    expect(await balanceNotes()).toEqual(['着色单位：县级']);
  });

  it('search finds 泰顺 by pinyin “taishun” with the keyboard and flies there', async () => {
    const input = page.getByRole('combobox', { name: '搜索行政单位' });
    await input.click();
    await page.keyboard.type('taishun');
    await page.evaluate(() => window.__atlas!.settled());
    await page.waitForFunction(() => document.querySelectorAll('#unit-search-list [role=option][data-code]').length > 0, undefined, { timeout: 20_000 });
    expect(await input.getAttribute('aria-expanded')).toBe('true');
    const options = await page.locator('#unit-search-list [role=option]').allInnerTexts();
    expect(options[0]).toMatch(/泰顺县 县级 · 330329/);
    await page.keyboard.press('ArrowDown');
    expect(await input.getAttribute('aria-activedescendant')).toBe('unit-search-opt-0');
    expect(await page.getAttribute('#unit-search-opt-0', 'aria-selected')).toBe('true');
    await page.keyboard.press('Enter');
    await page.waitForFunction((c) => window.__atlas!.selection === c && window.__atlas!.drill.scope() === c, TAISHUN, { timeout: 20_000 });
    expect(await input.getAttribute('aria-expanded')).toBe('false');
    await settle(page);
    const centre = await page.evaluate(() => window.__atlas!.map.getCenter().toArray() as [number, number]);
    const taishun = await api<UnitJson>(`/api/units/${TAISHUN}`);
    const bbox = (await api<{ unit: { bbox: [number, number, number, number] } }>(`/api/units/${TAISHUN}`)).unit.bbox;
    expect(taishun.unit.code).toBe(TAISHUN);
    // The camera frames 泰顺 (the panel covers the right, so the centre sits a little east of the box's).
    expect(centre[1]).toBeGreaterThan(bbox[1]);
    expect(centre[1]).toBeLessThan(bbox[3]);
    expect(centre[0]).toBeGreaterThan(bbox[0]);
    expect(centre[0]).toBeLessThan(bbox[2] + (bbox[2] - bbox[0]));
    expect(await page.evaluate(() => window.__atlas!.map.getZoom())).toBeGreaterThan(8.5);
  });

  it('the search box speaks English too, and Escape closes its list first', async () => {
    await page.evaluate(() => window.__atlas!.setLocale('en'));
    const input = page.getByRole('combobox', { name: 'Search administrative units' });
    await input.fill('');
    await input.pressSequentially('3303291');
    await page.evaluate(() => window.__atlas!.settled());
    await page.waitForFunction(() => document.querySelectorAll('#unit-search-list [role=option][data-code]').length > 0, undefined, { timeout: 20_000 });
    expect((await page.locator('#unit-search-list [role=option]').allInnerTexts())[0]).toMatch(/township · 3303291/);
    await page.keyboard.press('Escape');
    expect(await input.getAttribute('aria-expanded')).toBe('false');
    expect(await page.evaluate(() => window.__atlas!.selection)).toBe(TAISHUN);
    expect(await barText()).toMatch(/^All › Zhejiang|^All › Zhèjiāng/);
    await page.evaluate(() => window.__atlas!.setLocale('zh-CN'));
  });

  it('keeps a selected village’s flows highlighted when more than 1,500 flows get their ends merged', async () => {
    // 1,872 flows between 罗阳镇's 13 villages with a seat (every ordered pair × six factors × two bases), a
    // test fixture in this test's own database: above the 1,500 drawn curves, so ends are merged by zoom.
    await session.db.db.query(
      `INSERT INTO flows (origin_code, dest_code, factor, period_start, period_end, magnitude, magnitude_unit, basis, source_id, note)
       SELECT o.code, d.code, f.factor, '2021-01-01', '2021-12-31', 1 + (hashtext(o.code || d.code || f.factor || b.basis) & 1023), f.unit, b.basis,
              'seed.wenzhou-case-study', 'test fixture: merged ends'
       FROM units o
       JOIN units d ON d.parent_code = o.parent_code AND d.code <> o.code AND d.point IS NOT NULL
       CROSS JOIN (VALUES ('labour', 'persons'), ('capital', 'cny_10k'), ('land', 'hectares'), ('technology', 'items'), ('data', 'items'), ('ecology', 'hectares')) f(factor, unit)
       CROSS JOIN (VALUES ('observed'), ('modelled')) b(basis)
       WHERE o.parent_code = $1 AND o.point IS NOT NULL`,
      [LUOYANG],
    );
    await session.db.db.query('UPDATE data_version SET version = version + 1, changed_at = now()');
    const XINBEI = VILLAGE_FIXTURE[0]!;
    // A fresh load (a hash change alone would not reload), so the flows are read again.
    await page.goto('about:blank');
    await open(page, `${s.url}/#drill=330329100&sel=${XINBEI}`);
    await page.waitForFunction((c) => window.__atlas!.selection === c, XINBEI, { timeout: 20_000 });
    await page.waitForFunction(() => window.__atlas!.flows.scope().level === 'village', undefined, { timeout: 20_000 });
    await settle(page);
    expect(await page.evaluate(() => document.getElementById('flow-legend-notes')?.textContent)).toContain('已按缩放级别合并相邻端点');
    const drawn = await page.evaluate(() => window.__atlas!.flows.drawn());
    const touching = drawn.filter((f) => f.origin === XINBEI || f.dest === XINBEI);
    // 新北社区 keeps its own end; the other villages are merged into cells.
    expect(touching.length).toBeGreaterThan(0);
    expect(drawn.some((f) => f.origin.startsWith('cell:') && f.dest.startsWith('cell:'))).toBe(true);
    const faded = new Set(await page.evaluate(() => window.__atlas!.flows.faded()));
    expect(faded).toEqual(new Set(drawn.filter((f) => f.origin !== XINBEI && f.dest !== XINBEI).map((f) => f.id)));
    expect(touching.every((f) => !faded.has(f.id))).toBe(true);
    // Without a selection nothing is faded, and 新北社区 is inside a merged cell like the rest.
    await page.evaluate(() => window.__atlas!.clearSelection());
    await settle(page);
    expect(await page.evaluate(() => window.__atlas!.flows.faded())).toEqual([]);
    expect((await page.evaluate(() => window.__atlas!.flows.drawn())).some((f) => f.origin === XINBEI || f.dest === XINBEI)).toBe(false);
  });

  it('logged no console errors', () => {
    expect(session.consoleErrors).toEqual([]);
  });
});
