// The share / export dialog on the real page: reached and used with the keyboard only, its focus loop and
// Escape, the copied link and iframe snippet, and the three exports saved through real downloads.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildClient, clientBuildIsCurrent } from '../../client/build.ts';
import type { Running } from '../../server/start.ts';
import { seededDb, type TestDb } from '../support/test-db.ts';
import { startTestServer } from '../support/test-server.ts';
import { launchChromium, type LaunchedBrowser } from './chromium.ts';

const SCREENSHOT_DIR = process.env.SCREENSHOT_DIR || os.tmpdir();
let t: TestDb;
let s: Running;
let browser: LaunchedBrowser;
let page: Page;
const consoleErrors: string[] = [];

beforeAll(async () => {
  if (!clientBuildIsCurrent()) await buildClient({ quiet: true });
  t = await seededDb();
  s = await startTestServer(t.db);
  browser = await launchChromium();
  await browser.context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: s.url });
  page = await browser.context.newPage();
  page.on('console', (m) => {
    if (m.type() === 'error') consoleErrors.push(m.text());
  });
  page.on('pageerror', (e) => consoleErrors.push(`pageerror: ${e.message}`));
  await page.goto(`${s.url}/`);
  await page.waitForFunction(() => window.__atlas !== undefined, undefined, { timeout: 60_000 });
  await page.evaluate(() => window.__atlas!.ready);
  await page.evaluate(() => window.__atlas!.flows.ready);
}, 180_000);

afterAll(async () => {
  await browser?.close();
  await s?.close();
  await t?.drop();
});

const active = () => page.evaluate(() => document.activeElement?.id || document.activeElement?.tagName || null);
const dialogOpen = () => page.evaluate(() => (document.getElementById('share-dialog') as HTMLDialogElement | null)?.open ?? false);

/** Tabs from the top of the page to the share button (the first time), or focuses it, then presses Enter. */
async function openWithKeyboard(fromTop = false): Promise<void> {
  if (fromTop) {
    // A click on the title (not focusable) puts the keyboard's starting point at the top of the page.
    await page.click('.topbar h1');
    for (let i = 0; i < 15 && (await active()) !== 'share-open'; i++) await page.keyboard.press('Tab');
  } else await page.focus('#share-open');
  expect(await active()).toBe('share-open');
  await page.keyboard.press('Enter');
  await page.waitForFunction(() => (document.getElementById('share-dialog') as HTMLDialogElement).open);
}

async function download(buttonId: string): Promise<{ name: string; bytes: Buffer }> {
  const [d] = await Promise.all([page.waitForEvent('download', { timeout: 30_000 }), page.click(`#${buttonId}`)]);
  const file = await d.path();
  return { name: d.suggestedFilename(), bytes: fs.readFileSync(file) };
}

describe('the share / export dialog', { timeout: 120_000 }, () => {
  it('opens from the keyboard as a labelled modal, with focus on the link to this view', async () => {
    await openWithKeyboard(true);
    const dialog = page.getByRole('dialog', { name: '分享与导出' });
    expect(await dialog.isVisible()).toBe(true);
    expect(await active()).toBe('share-link');
    const link = await page.inputValue('#share-link');
    expect(link).toBe(await page.evaluate(() => location.href));
    expect(link).toMatch(/#view=/);
    const snippet = await page.inputValue('#share-embed');
    expect(snippet).toMatch(new RegExp(`^<iframe src="${s.url}/embed#view=[^"]+" title="城乡图谱：要素流动地图"`));
    await page.screenshot({ path: path.join(SCREENSHOT_DIR, 'atlas-share-dialog.png') });
  });

  it('keeps Tab and Shift+Tab inside the dialog', async () => {
    const ids = await page.evaluate(() =>
      [...document.querySelectorAll<HTMLElement>('#share-dialog button, #share-dialog input, #share-dialog textarea')].map((e) => e.id || e.className),
    );
    expect(ids.length).toBeGreaterThanOrEqual(7);
    const seen: (string | null)[] = [];
    for (let i = 0; i < ids.length; i++) {
      await page.keyboard.press('Tab');
      seen.push(await page.evaluate(() => (document.getElementById('share-dialog')!.contains(document.activeElement) ? document.activeElement!.id || document.activeElement!.className : null)));
    }
    expect(seen).not.toContain(null);
    expect(seen.at(-1)).toBe('share-link'); // one full loop: back where it started
    await page.keyboard.press('Shift+Tab');
    expect(await page.evaluate(() => document.getElementById('share-dialog')!.contains(document.activeElement))).toBe(true);
    await page.keyboard.press('Tab');
    expect(await active()).toBe('share-link');
  });

  it('copies the link and the iframe snippet to the clipboard, and says so', async () => {
    await page.getByRole('button', { name: '复制链接' }).press('Enter');
    await expect.poll(() => page.evaluate(() => document.querySelector('.share-status')?.textContent)).toBe('已复制');
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(await page.inputValue('#share-link'));
    await page.getByRole('button', { name: '复制嵌入代码' }).press('Enter');
    await expect.poll(() => page.evaluate(() => navigator.clipboard.readText())).toMatch(/^<iframe src=".*\/embed#view=/);
  });

  it('closes on Escape, giving focus back to the share button and leaving the rest of the page alone', async () => {
    await page.keyboard.press('Escape');
    expect(await dialogOpen()).toBe(false);
    expect(await active()).toBe('share-open');
    expect(consoleErrors).toEqual([]);
  });
});

describe('exports', { timeout: 120_000 }, () => {
  it('saves the filtered flows as CSV with a BOM, basis and source columns, and the 乐清 → 泰顺 row', async () => {
    await openWithKeyboard();
    const shown = await page.evaluate(() => window.__atlas!.flows.drawn().length);
    const { name, bytes } = await download('export-csv');
    expect(name).toMatch(/^atlas-flows-\d{4}-\d{2}-\d{2}\.csv$/);
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const lines = bytes.toString('utf8').slice(1).trimEnd().split('\r\n');
    const header = lines[0]!.split(',');
    expect(header).toEqual(expect.arrayContaining(['origin_name_zh', 'dest_name_zh', 'factor', 'basis', 'magnitude', 'source_ids', 'source_titles']));
    expect(lines.length - 1).toBe(shown);
    const col = (row: string, c: string) => row.split(',')[header.indexOf(c)];
    const yqts = lines.filter((l) => col(l, 'origin_name_zh') === '乐清市' && col(l, 'dest_name_zh') === '泰顺县');
    expect(yqts.length).toBeGreaterThan(0);
    const land = yqts.find((l) => col(l, 'factor') === 'land')!;
    expect(col(land, 'basis')).toBe('documented');
    expect(col(land, 'magnitude')).toBe('');
    expect(col(land, 'source_ids')).not.toBe('');
    expect(await page.evaluate(() => document.querySelector('.share-status')?.textContent)).toMatch(/^已生成 atlas-flows-/);
  });

  it('saves only the flows drawn: with the land factor off, neither CSV nor GeoJSON has land', async () => {
    await page.keyboard.press('Escape');
    await page.click('#flow-factor-land');
    const shown = await page.evaluate(() => window.__atlas!.flows.drawn().map((d) => d.id).sort());
    await openWithKeyboard();
    const csv = (await download('export-csv')).bytes.toString('utf8').slice(1).trimEnd().split('\r\n');
    expect(csv.length - 1).toBe(shown.length);
    const { name, bytes } = await download('export-geojson');
    expect(name).toMatch(/\.geojson$/);
    const fc = JSON.parse(bytes.toString('utf8')) as { type: string; features: { id: string; geometry: { type: string; coordinates: number[][] }; properties: { factor: string; basis: string } }[] };
    expect(fc.type).toBe('FeatureCollection');
    expect(fc.features.map((f) => f.id).sort()).toEqual(shown);
    expect(fc.features.some((f) => f.properties.factor === 'land')).toBe(false);
    expect(fc.features.every((f) => f.geometry.type === 'LineString' && f.geometry.coordinates.length === 2)).toBe(true);
    await page.keyboard.press('Escape');
    await page.click('#flow-factor-land');
  });

  it('saves the view as a PNG: the map canvas with a caption strip below, flows and all', async () => {
    await openWithKeyboard();
    const { name, bytes } = await download('export-png');
    expect(name).toMatch(/^atlas-map-\d{4}-\d{2}-\d{2}\.png$/);
    expect([...bytes.subarray(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
    expect(bytes.subarray(12, 16).toString('ascii')).toBe('IHDR');
    const width = bytes.readUInt32BE(16);
    const height = bytes.readUInt32BE(20);
    const canvas = await page.evaluate(() => ({ w: window.__atlas!.map.getCanvas().width, h: window.__atlas!.map.getCanvas().height }));
    expect(width).toBe(canvas.w);
    expect(height).toBeGreaterThan(canvas.h + 40); // the caption strip
    expect(bytes.length).toBeGreaterThan(30_000); // a drawn map, not a blank frame
    fs.writeFileSync(path.join(SCREENSHOT_DIR, 'atlas-export.png'), bytes);
    // The image is what the map drew: decode it in the page and find the factor colours of the flows.
    const colours = await page.evaluate(async (b64) => {
      const img = new Image();
      img.src = `data:image/png;base64,${b64}`;
      await img.decode();
      const c = document.createElement('canvas');
      c.width = img.width;
      c.height = img.height;
      const ctx = c.getContext('2d')!;
      ctx.drawImage(img, 0, 0);
      const data = ctx.getImageData(0, 0, img.width, window.__atlas!.map.getCanvas().height).data;
      const near = (r: number, g: number, b: number) => {
        let n = 0;
        for (let i = 0; i < data.length; i += 4) if (Math.abs(data[i]! - r) < 40 && Math.abs(data[i + 1]! - g) < 40 && Math.abs(data[i + 2]! - b) < 40) n++;
        return n;
      };
      return { land: near(0x00, 0x9e, 0x73), blank: data.every((v, i) => i % 4 === 3 || v === data[i % 4]) };
    }, bytes.toString('base64'));
    expect(colours.blank).toBe(false);
    expect(colours.land, 'pixels in the land factor colour').toBeGreaterThan(20);
    expect(consoleErrors).toEqual([]);
  });
});
