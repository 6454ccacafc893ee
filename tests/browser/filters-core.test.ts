// The scope filters, the animated mode and the core/periphery view on the real page: the real server on
// the seeded demo, the built client, Debian's Chromium with software WebGL. Every expectation is checked
// against what the API itself answers for the same filters, read through the client's own parsers.
import os from 'node:os';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildClient, clientBuildIsCurrent } from '../../client/build.ts';
import { parseCorePeriphery } from '../../client/src/data/core-periphery.ts';
import { parseFlowData } from '../../client/src/data/flow-json.ts';
import { CROSSING_WAYS, crossingKey, parseCrossing } from '../../client/src/core-periphery/crossing.ts';
import { flowKind } from '../../server/flows/flow-records.ts';
import { insertRows } from '../../server/flows/record-store.ts';
import { rowsFromCsv } from '../../server/flows/upload-parse.ts';
import type { Running } from '../../server/start.ts';
import { seededDb, type TestDb } from '../support/test-db.ts';
import { startTestServer } from '../support/test-server.ts';
import { launchChromium, type LaunchedBrowser } from './chromium.ts';

const SCREENSHOT_DIR = process.env.SCREENSHOT_DIR || os.tmpdir();
const MECHANISMS = ['capital_pooling', 'enclave_economy', 'industrial_linkage', 'labour_migration', 'land_linkage', 'other', 'paired_assistance', 'talent_rotation'];

let t: TestDb;
let s: Running;
let browser: LaunchedBrowser;
let page: Page;
const consoleErrors: string[] = [];

async function open(p: Page, hash = ''): Promise<void> {
  await p.goto(`${s.url}/${hash}`);
  await p.waitForFunction(() => window.__atlas?.flows !== undefined, undefined, { timeout: 60_000 });
  await p.evaluate(async () => {
    await window.__atlas!.ready;
    await window.__atlas!.flows.ready;
  });
  await settled(p);
}

/** No filtered answer on its way, and the map idle after drawing it. */
async function settled(p: Page): Promise<void> {
  await p.waitForFunction(() => document.getElementById('flow-scope-status')?.dataset.busy === '0', undefined, { timeout: 30_000 });
  await p.evaluate(
    () =>
      new Promise<void>((resolve) => {
        const map = window.__atlas!.map;
        map.once('idle', () => resolve());
        map.triggerRepaint();
      }),
  );
}

const drawnIds = async (): Promise<string[]> => (await page.evaluate(() => window.__atlas!.flows.drawn().map((d) => d.id))).sort();

/** The flow ids the API answers for these parameters, as the page would draw them (ends located). */
async function apiIds(params: string): Promise<string[]> {
  const res = await fetch(`${s.url}/api/flows?level=county&${params}`);
  expect(res.status).toBe(200);
  return parseFlowData(await res.json()).flows.filter((f) => f.origin !== f.dest).map((f) => f.id).sort();
}

beforeAll(async () => {
  if (!clientBuildIsCurrent()) await buildClient({ quiet: true });
  t = await seededDb();
  // The demo's 泰顺 townships trade only among themselves (its flows with other counties are recorded county
  // to county): one township flow across its edge, 罗阳 → 乐清's 城东, so the crossing table has a figure.
  await t.db.exec(`INSERT INTO sources (id, title, publisher, licence) VALUES ('test.crossing', 'Browser test crossing flow', 'tests', 'MIT')`);
  const csv = 'origin,dest,factor,period,magnitude,magnitude_unit,basis,source_id,note\n330329100,330382001,labour,2021,40,persons,observed,test.crossing,across 泰顺 edge\n';
  await t.db.transaction((tx) => insertRows(tx, flowKind, rowsFromCsv(csv, flowKind.fields)));
  s = await startTestServer(t.db);
  browser = await launchChromium({ width: 1024, height: 900 });
  page = await browser.context.newPage();
  page.on('console', (m) => m.type() === 'error' && consoleErrors.push(m.text()));
  page.on('pageerror', (e) => consoleErrors.push(`pageerror: ${e.message}`));
  await open(page);
}, 180_000);

afterAll(async () => {
  await browser?.close();
  await s?.close();
  await t?.drop();
});

describe('scope filters, animation and the core/periphery view', () => {
  it('toggling a mechanism filter removes its flows, exactly as the API filters them, and ticking it restores them', async () => {
    const before = await drawnIds();
    expect(before).toEqual(await apiIds(''));
    await page.click('label[for=flow-mechanism-land_linkage]');
    await settled(page);
    const after = await drawnIds();
    expect(after).toEqual(await apiIds(`mechanism=${MECHANISMS.filter((m) => m !== 'land_linkage').join(',')}`));
    expect(after.length).toBeLessThan(before.length);
    // The seed's 乐清 → 泰顺 land flow is a land linkage: it must be gone.
    expect(after.filter((id) => id.startsWith('330382000000-330329000000-land'))).toEqual([]);
    expect(before.filter((id) => id.startsWith('330382000000-330329000000-land')).length).toBeGreaterThan(0);
    expect(await page.evaluate(() => location.hash)).toContain('mech=');
    await page.keyboard.press('Space'); // the checkbox keeps focus after the click on its label
    await settled(page);
    expect(await drawnIds()).toEqual(before);
    expect(await page.evaluate(() => location.hash)).not.toContain('mech=');
  });

  it('the time slider narrows the flows to the chosen years, by keyboard, and a shared link reopens them', async () => {
    const all = await drawnIds();
    const [min, max] = await page.evaluate(() => {
      const el = document.getElementById('flow-year-from') as HTMLInputElement;
      return [Number(el.min), Number(el.max)];
    });
    expect(min).toBeLessThanOrEqual(2021);
    expect(max).toBeGreaterThanOrEqual(2021);
    await page.focus('#flow-year-from');
    for (let y = min; y < 2021; y++) await page.keyboard.press('ArrowRight');
    await page.focus('#flow-year-to');
    for (let y = max; y > 2021; y--) await page.keyboard.press('ArrowLeft');
    await page.waitForFunction(() => location.hash.includes('to=2021'));
    await settled(page);
    expect(await page.textContent('#flow-period-range')).toContain('2021–2021');
    const narrowed = await drawnIds();
    expect(narrowed).toEqual(await apiIds('from=2021&to=2021'));
    expect(narrowed.length).toBeLessThan(all.length);
    const hash = await page.evaluate(() => location.hash);
    expect(hash).toMatch(/from=2021&to=2021/);

    const second = await browser.context.newPage();
    await open(second, hash);
    expect(await second.evaluate(() => window.__atlas!.flows.drawn().map((d) => d.id).sort())).toEqual(narrowed);
    expect(await second.inputValue('#flow-year-from')).toBe('2021');
    await second.close();

    // Home and End put the thumbs back at the data's edges: no period filter at all.
    await page.focus('#flow-year-from');
    await page.keyboard.press('Home');
    await page.focus('#flow-year-to');
    await page.keyboard.press('End');
    await page.waitForFunction(() => !location.hash.includes('from='));
    await settled(page);
    expect(await drawnIds()).toEqual(all);
  });

  it('the core/periphery view shows the API’s totals per factor with unit and basis, and tints each county by its group', async () => {
    await page.click('label[for=core-show]');
    await page.waitForSelector('#core-table');
    await settled(page);
    const api = parseCorePeriphery(await (await fetch(`${s.url}/api/balance/core-periphery?level=county&threshold=70`)).json());
    const rows = await page.$$eval('#core-table tbody tr', (trs) =>
      trs.map((tr) => ({ factor: tr.getAttribute('data-factor'), basis: tr.getAttribute('data-basis'), unit: tr.getAttribute('data-unit'), c2p: tr.getAttribute('data-c2p'), p2c: tr.getAttribute('data-p2c'), text: tr.textContent })),
    );
    expect(rows.length).toBe(api.totals.length);
    for (const t of api.totals) {
      const row = rows.find((r) => r.factor === t.factor && r.basis === t.basis && r.unit === (t.unit ?? ''));
      expect(row, `${t.factor} ${t.basis} ${t.unit}`).toBeDefined();
      expect(row!.c2p).toBe(t.coreToPeriphery === null ? '' : String(t.coreToPeriphery));
      expect(row!.p2c).toBe(t.peripheryToCore === null ? '' : String(t.peripheryToCore));
    }
    const labour = rows.find((r) => r.factor === 'labour' && r.basis === 'modelled');
    expect(labour?.text).toContain('单位：人；依据：模型估算');
    for (const u of api.units) expect(await page.evaluate((c) => window.__atlas!.flows.coreGroupAt(c), u.code)).toBe(u.group);
    const counts = await page.textContent('#core-counts');
    expect(counts).toContain(`核心 ${api.units.filter((u) => u.group === 'core').length} 个`);
    // The choropleth steps aside while the groups are tinted: one fill, one legend.
    expect(await page.evaluate(() => window.__atlas!.flows.choropleth())).toBeNull();
    await page.screenshot({ path: path.join(SCREENSHOT_DIR, 'atlas-core-periphery.png') });

    // A lower threshold moves units into the core; the table follows the API again.
    await page.fill('#core-threshold', '60');
    await page.press('#core-threshold', 'Enter');
    await page.waitForFunction(() => location.hash.includes('core=60'));
    const api60 = parseCorePeriphery(await (await fetch(`${s.url}/api/balance/core-periphery?level=county&threshold=60`)).json());
    await page.waitForFunction((n) => document.getElementById('core-counts')?.textContent?.includes(`核心 ${n} 个`), api60.units.filter((u) => u.group === 'core').length);
    const c2p = await page.$$eval('#core-table tbody tr[data-basis=modelled]', (trs) => trs.map((tr) => tr.getAttribute('data-c2p')));
    expect(c2p).toEqual(api60.totals.filter((x) => x.basis === 'modelled').map((x) => String(x.coreToPeriphery)));
    await page.click('label[for=core-show]');
    await settled(page);
    expect(await page.evaluate(() => window.__atlas!.flows.choropleth())).not.toBeNull();
  });

  it('the core/periphery view takes an explicit list of core units (rule=list), chosen by keyboard, and a shared link reopens it', async () => {
    await page.click('label[for=core-show]');
    await settled(page);
    // Arrow keys move between the two rules, as in any native radio group.
    await page.focus('#core-rule-urbanisation');
    await page.keyboard.press('ArrowDown');
    expect(await page.isChecked('#core-rule-list')).toBe(true);
    expect(await page.isDisabled('#core-threshold')).toBe(true);
    expect(await page.isVisible('#core-list')).toBe(true);
    await page.waitForFunction(() => location.hash.includes('corelist='));
    expect(await page.textContent('#core-list-count')).toBe('尚未选择核心单位：请在下方勾选，或加入地图上选中的单位');
    expect(await page.$('#core-table')).toBeNull();
    expect(await page.evaluate(() => window.__atlas!.flows.coreGroupAt('330302000000'))).toBeNull();

    // Type to narrow the list, Tab to the unit, Space to tick it.
    for (const [typed, code] of [['鹿城', '330302000000'], ['ouhai', '330304000000']] as const) {
      await page.fill('#core-list-filter', typed);
      await page.waitForSelector(`#core-unit-${code}`);
      expect(await page.$$eval('#core-list-options input[type=checkbox]', (xs) => xs.length)).toBe(1);
      await page.focus('#core-list-filter');
      await page.keyboard.press('Tab');
      expect(await page.evaluate(() => document.activeElement?.id)).toBe(`core-unit-${code}`);
      await page.keyboard.press('Space');
    }
    await page.waitForFunction(() => location.hash.includes('corelist=330302,330304'));
    await page.waitForSelector('#core-table');
    await settled(page);
    const api = parseCorePeriphery(await (await fetch(`${s.url}/api/balance/core-periphery?level=county&rule=list&core=330302,330304`)).json());
    const c2p = await page.$$eval('#core-table tbody tr', (trs) => trs.map((tr) => `${tr.getAttribute('data-factor')}|${tr.getAttribute('data-basis')}|${tr.getAttribute('data-c2p')}|${tr.getAttribute('data-p2c')}`));
    expect(c2p.sort()).toEqual(api.totals.map((t) => `${t.factor}|${t.basis}|${t.coreToPeriphery ?? ''}|${t.peripheryToCore ?? ''}`).sort());
    expect(api.units.filter((u) => u.group === 'core').map((u) => u.code).sort()).toEqual(['330302000000', '330304000000']);
    for (const u of api.units) expect(await page.evaluate((c) => window.__atlas!.flows.coreGroupAt(c), u.code), u.code).toBe(u.group);
    expect(await page.textContent('#core-rule-text')).toBe('核心：所选 2 个单位；流动涉及的其余单位为外围');
    expect(await page.textContent('#core-list-count')).toBe('已选 2 个核心单位');
    await page.locator('#core-list').scrollIntoViewIfNeeded();
    await page.screenshot({ path: path.join(SCREENSHOT_DIR, 'atlas-core-list.png') });

    // "Add the selected unit": the unit selected on the map (a township adds its county).
    await page.evaluate(() => window.__atlas!.select('330329100'));
    await page.waitForFunction(() => document.getElementById('core-add-selection')?.textContent === '加入选中单位：泰顺县');
    await page.click('#core-add-selection');
    await page.waitForFunction(() => location.hash.includes('corelist=330302,330304,330329'));
    await page.waitForFunction(() => window.__atlas!.flows.coreGroupAt('330329000000') === 'core');
    expect(await page.isDisabled('#core-add-selection')).toBe(true);
    await page.evaluate(() => window.__atlas!.clearSelection());

    const url = page.url();
    const second = await browser.context.newPage();
    try {
      await open(second, new URL(url).hash);
      await second.waitForSelector('#core-table');
      await settled(second);
      expect(await second.isChecked('#core-rule-list')).toBe(true);
      expect(await second.isChecked('#core-unit-330329000000')).toBe(true);
      expect(await second.evaluate(() => window.__atlas!.flows.coreGroupAt('330329000000'))).toBe('core');
      expect(await second.evaluate(() => window.__atlas!.flows.coreGroupAt('330382000000'))).toBe('periphery');
      expect(await second.textContent('#core-rule-text')).toBe('核心：所选 3 个单位；流动涉及的其余单位为外围');
    } finally {
      await second.close();
    }
    // Off again: no rule in the URL, the choropleth back.
    await page.click('label[for=core-show]');
    await settled(page);
    expect(await page.evaluate(() => location.hash)).not.toContain('corelist');
    expect(await page.evaluate(() => window.__atlas!.flows.choropleth())).not.toBeNull();
  });

  it('inside 泰顺 the view groups its own townships: two listed as core, both tables equal the API’s answer scoped to 泰顺 (flows across its edge apart), township fills are tinted, and the link reopens it', async () => {
    const p = await browser.context.newPage();
    p.on('console', (m) => m.type() === 'error' && consoleErrors.push(m.text()));
    p.on('pageerror', (e) => consoleErrors.push(`pageerror: ${e.message}`));
    const cell = (q: Page) => q.$$eval('#core-table tbody tr', (trs) => trs.map((tr) => `${tr.getAttribute('data-factor')}|${tr.getAttribute('data-basis')}|${tr.getAttribute('data-c2p')}|${tr.getAttribute('data-p2c')}`).sort());
    try {
      await open(p, '#view=9.6/27.58/119.86&drill=330329&corelist=');
      await p.waitForFunction(() => window.__atlas!.drill.scope() === '330329000000' && window.__atlas!.flows.scope().level === 'township');
      await p.waitForFunction(() => document.getElementById('core-level')?.textContent === '按当前显示的层级划分：乡级单位（泰顺县内）');
      expect(await p.isChecked('#core-rule-list')).toBe(true);
      // The list offers 泰顺's townships, no county.
      expect(await p.$('#core-unit-330329000000')).toBeNull();
      for (const [typed, code] of [['罗阳', '330329100000'], ['siqian', '330329101000']] as const) {
        await p.fill('#core-list-filter', typed);
        await p.waitForSelector(`#core-unit-${code}`);
        await p.check(`#core-unit-${code}`);
      }
      await p.waitForFunction(() => location.hash.includes('corelist=330329100,330329101'));
      await p.waitForSelector('#core-table');
      const url = `${s.url}/api/balance/core-periphery?level=township&unit=330329&rule=list&core=330329100,330329101`;
      const json: unknown = await (await fetch(url)).json();
      const api = parseCorePeriphery(json);
      const edge = parseCrossing(json)!;
      const expected = api.totals.map((t) => `${t.factor}|${t.basis}|${t.coreToPeriphery ?? ''}|${t.peripheryToCore ?? ''}`).sort();
      // The drain runs both ways between the two groups, so the comparison says something.
      expect(api.totals.some((t) => (t.coreToPeriphery ?? 0) > 0 && (t.peripheryToCore ?? 0) > 0)).toBe(true);
      expect(await cell(p)).toEqual(expected);
      // The scoped answer names 泰顺's townships only; what crosses its edge is in a table of its own.
      const inside = api.units;
      expect(inside.length).toBeGreaterThan(2);
      expect(inside.every((u) => u.code.startsWith('330329'))).toBe(true);
      const crossed = await p.$$eval('#core-crossing-table tbody tr', (trs) =>
        trs.map((tr) => [tr.getAttribute('data-factor'), tr.getAttribute('data-basis'), tr.getAttribute('data-unit'), tr.getAttribute('data-c2o'), tr.getAttribute('data-o2c'), tr.getAttribute('data-p2o'), tr.getAttribute('data-o2p')].join('|')),
      );
      const expectedCrossed = api.totals.map((t) => {
        const c = edge.get(crossingKey(t.factor, t.basis, t.unit))!;
        return [t.factor, t.basis, t.unit ?? '', ...CROSSING_WAYS.map((w) => c.sums[w] ?? '')].join('|');
      });
      expect(crossed.sort()).toEqual(expectedCrossed.sort());
      // The added 罗阳 → 城东 flow is core → outside, and not in the main table; unscoped, 城东 and every
      // other township the flows touch would be periphery.
      expect(edge.get(crossingKey('labour', 'observed', 'persons'))?.sums).toEqual({ coreToOutside: 40, outsideToCore: 0, peripheryToOutside: 0, outsideToPeriphery: 0 });
      expect(api.totals.find((x) => x.basis === 'observed' && x.unit === 'persons')?.coreToPeriphery).toBe(0);
      const unscoped = parseCorePeriphery(await (await fetch(url.replace('&unit=330329', ''))).json());
      expect(unscoped.units.map((u) => u.code)).toContain('330382001000');
      expect(unscoped.units.length).toBeGreaterThan(inside.length);
      expect(await p.textContent('#core-crossing-table caption')).toBe('与泰顺县以外的往来：一端在泰顺县以外，不计入上表');
      expect(await p.$$eval('#core-crossing-table thead th[scope=col]', (ths) => ths.map((th) => [th.textContent, th.getAttribute('aria-label')]))).toEqual([
        ['核心→外部', '由核心流向泰顺县以外'],
        ['外部→核心', '由泰顺县以外流入核心'],
        ['外围→外部', '由外围流向泰顺县以外'],
        ['外部→外围', '由泰顺县以外流入外围'],
      ]);
      expect(await p.$('#core-outside')).toBeNull();
      expect(inside.filter((u) => u.group === 'core').map((u) => u.code)).toEqual(['330329100000', '330329101000']);
      for (const u of inside) expect(await p.evaluate((c) => window.__atlas!.flows.coreGroupAt(c), u.code), u.code).toBe(u.group);
      expect(await p.evaluate(() => window.__atlas!.flows.coreGroupAt('330329000000'))).toBeNull();
      expect(await p.textContent('#core-rule-text')).toBe('核心：泰顺县内所选 2 个乡级单位；流动涉及的其余乡级单位为外围');
      expect(await p.textContent('#core-counts')).toBe(`核心 2 个，外围 ${inside.length - 2} 个，未分组 0 个`);
      await p.locator('#core-periphery-body').scrollIntoViewIfNeeded();
      await p.screenshot({ path: path.join(SCREENSHOT_DIR, 'atlas-core-township.png') });

      // Townships have no urbanisation figure: the threshold rule says so instead of an empty grouping.
      await p.check('#core-rule-urbanisation');
      await p.waitForSelector('#core-no-urbanisation');
      expect(await p.textContent('#core-no-urbanisation')).toBe('乡级单位没有城镇化率数据，无法按门槛划分核心与外围；请改用“指定核心单位”');
      expect(await p.$('#core-table')).toBeNull();
      expect(await p.evaluate(() => window.__atlas!.flows.coreGroupAt('330329100000'))).toBeNull();
      await p.evaluate(() => window.__atlas!.setLocale('en'));
      await p.waitForFunction(() => document.getElementById('core-no-urbanisation')?.textContent?.startsWith('No urbanisation figure for township units'));
      await p.evaluate(() => window.__atlas!.setLocale('zh-CN'));
      await p.check('#core-rule-list');
      await p.waitForSelector('#core-table');
      await p.evaluate(() => window.__atlas!.setLocale('en'));
      await p.waitForFunction(() => document.querySelector('#core-crossing-table caption')?.textContent?.startsWith('Flows across the edge of '));
      expect(await p.getAttribute('#core-crossing-table thead th[scope=col]', 'aria-label')).toMatch(/^From the core to outside /);
      await p.evaluate(() => window.__atlas!.setLocale('zh-CN'));
      await p.waitForSelector('#core-crossing-table');

      const second = await browser.context.newPage();
      try {
        await open(second, new URL(p.url()).hash);
        await second.waitForFunction(() => window.__atlas!.flows.coreGroupAt('330329100000') === 'core');
        await second.waitForSelector('#core-table');
        expect(await cell(second)).toEqual(expected);
        await second.waitForSelector('#core-crossing-table');
        expect(await second.isChecked('#core-unit-330329101000')).toBe(true);
        expect(await second.textContent('#core-rule-text')).toBe('核心：泰顺县内所选 2 个乡级单位；流动涉及的其余乡级单位为外围');
      } finally {
        await second.close();
      }

      // Inside 泰顺 the button adds the township a selection lies in (a village adds its township).
      await p.evaluate(() => window.__atlas!.select('330329102'));
      await p.waitForFunction(() => document.getElementById('core-add-selection')?.textContent === '加入选中单位：百丈镇');
      await p.click('#core-add-selection');
      await p.waitForFunction(() => location.hash.includes('corelist=330329100,330329101,330329102'));
      await p.waitForFunction(() => window.__atlas!.flows.coreGroupAt('330329102000') === 'core');
      await p.evaluate(() => window.__atlas!.clearSelection());

      // Back at the top the list has no county: nothing is asked and no county is tinted; the townships stay in the link.
      await p.evaluate(() => window.__atlas!.drill.set(null));
      await p.waitForFunction(() => window.__atlas!.flows.scope().level === 'county' && document.getElementById('core-level') === null);
      await p.waitForFunction(() => document.getElementById('core-periphery-body')?.textContent?.includes('尚未选择核心单位'));
      expect(await p.evaluate(() => window.__atlas!.flows.coreGroupAt('330329000000'))).toBeNull();
      expect(await p.evaluate(() => window.__atlas!.flows.coreGroupAt('330329100000'))).toBeNull();
      expect(await p.evaluate(() => location.hash)).toContain('corelist=330329100,330329101,330329102');
    } finally {
      await p.close();
    }
  });

  it('the animated mode is off by default, turns on from its checkbox, and stays off when the system asks for reduced motion', async () => {
    expect(await page.isChecked('#flow-animate')).toBe(false);
    await page.click('label[for=flow-animate]');
    await page.waitForFunction(() => location.hash.includes('animate=1'));
    await page.click('label[for=flow-animate]');
    await page.waitForFunction(() => !location.hash.includes('animate=1'));

    const reduced = await browser.context.newPage();
    await reduced.emulateMedia({ reducedMotion: 'reduce' });
    await open(reduced, '#animate=1');
    expect(await reduced.isChecked('#flow-animate')).toBe(false);
    expect(await reduced.isDisabled('#flow-animate')).toBe(true);
    await reduced.close();
  });

  it('loaded and filtered with no console errors', () => {
    expect(consoleErrors).toEqual([]);
  });
});
