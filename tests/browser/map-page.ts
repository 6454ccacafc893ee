// Helpers for browser tests that drive the map page: start the usual session, wait for idle, find a
// place's pixel, click the map for real after checking nothing covers it.
import type { Page } from 'playwright-core';
import { expect } from 'vitest';
import { buildClient, clientBuildIsCurrent } from '../../client/build.ts';
import type { Running } from '../../server/start.ts';
import { seededDb, type TestDb } from '../support/test-db.ts';
import { startTestServer } from '../support/test-server.ts';
import { launchChromium, type LaunchedBrowser } from './chromium.ts';

/** Waits until the map is idle after whatever was asked of it (a repaint forces an idle event to follow). */
export const idle = (p: Page): Promise<void> =>
  p.evaluate(
    () =>
      new Promise<void>((resolve, reject) => {
        const map = window.__atlas!.map;
        const timer = setTimeout(() => reject(new Error('the map did not become idle within 30 s')), 30_000);
        map.once('idle', () => {
          clearTimeout(timer);
          resolve();
        });
        map.triggerRepaint();
      }),
  );

/** Page coordinates of a lon/lat, through the map's own projection. */
export function pixelOf(p: Page, lngLat: [number, number]): Promise<{ x: number; y: number }> {
  return p.evaluate((ll) => {
    const map = window.__atlas!.map;
    const at = map.project(ll);
    const r = map.getCanvas().getBoundingClientRect();
    return { x: r.left + at.x, y: r.top + at.y };
  }, lngLat);
}

/** A real mouse click, after checking that nothing (panels, legend, bars) covers the map at that pixel. */
export async function clickMap(p: Page, at: { x: number; y: number }): Promise<void> {
  const hit = await p.evaluate(({ x, y }) => document.elementFromPoint(x, y)?.className ?? '', at);
  expect(hit, 'the map canvas is what a user would click there').toContain('maplibregl-canvas');
  await p.mouse.click(at.x, at.y);
}

/** The usual session: the built client, the real server on a private copy of the seeded demo, Chromium. */
export interface AtlasSession {
  db: TestDb;
  server: Running;
  browser: LaunchedBrowser;
  page: Page;
  /** Console errors and uncaught page errors seen so far. */
  consoleErrors: string[];
  close(): Promise<void>;
}

export async function startAtlasSession(): Promise<AtlasSession> {
  if (!clientBuildIsCurrent()) await buildClient({ quiet: true });
  const db = await seededDb();
  const server = await startTestServer(db.db);
  const browser = await launchChromium();
  const page = await browser.context.newPage();
  const consoleErrors: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error') consoleErrors.push(m.text());
  });
  page.on('pageerror', (e) => consoleErrors.push(`pageerror: ${e.message}`));
  return {
    db,
    server,
    browser,
    page,
    consoleErrors,
    async close() {
      await browser.close();
      await server.close();
      await db.drop();
    },
  };
}
