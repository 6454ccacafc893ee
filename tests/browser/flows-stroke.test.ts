// Flows with a figure are one triangle mesh (client/src/flows/stroke-layer.ts), not a path per flow: a real
// mouse on one part of a curve must still pick that flow, and the hover highlight must cover the whole
// curve, not the one segment under the pointer. Real server on the seeded demo, Chromium, software WebGL.
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { idle, pixelOf, startAtlasSession, type AtlasSession } from './map-page.ts';

let session: AtlasSession;
let page: Page;

beforeAll(async () => {
  session = await startAtlasSession();
  page = session.page;
  await page.goto(`${session.server.url}/`);
  await page.waitForFunction(() => window.__atlas !== undefined, undefined, { timeout: 60_000 });
  await page.evaluate(() => window.__atlas!.flows.ready);
  await page.evaluate(() => window.__atlas!.map.jumpTo({ center: [120.45, 27.85], zoom: 9 }));
  await idle(page);
}, 180_000);

afterAll(async () => {
  await session?.close();
});

interface Candidate {
  id: string;
  origin: string;
  near: [number, number];
  far: [number, number];
}

/**
 * Flows with a figure, with points a quarter and three quarters along their curve (the control point is
 * recovered from the curve's middle: B(½) = (a + 2c + b) / 4), longest first.
 */
const candidates = (): Promise<Candidate[]> =>
  page.evaluate(() => {
    const flows = window.__atlas!.flows;
    const locations = flows.shown()!.locations;
    const figure = new Set(flows.shown()!.flows.filter((f) => f.magnitude !== null).map((f) => f.id));
    return flows
      .drawn()
      .filter((r) => figure.has(r.id))
      .map((r) => {
        const a = locations.get(r.origin)!;
        const b = locations.get(r.dest)!;
        const c = [2 * r.middle[0] - (a.lon + b.lon) / 2, 2 * r.middle[1] - (a.lat + b.lat) / 2];
        const at = (t: number): [number, number] => [
          (1 - t) ** 2 * a.lon + 2 * (1 - t) * t * c[0]! + t * t * b.lon,
          (1 - t) ** 2 * a.lat + 2 * (1 - t) * t * c[1]! + t * t * b.lat,
        ];
        return { id: r.id, origin: r.origin, near: at(0.25), far: at(0.75), length: Math.hypot(a.lon - b.lon, a.lat - b.lat) };
      })
      .sort((x, y) => y.length - x.length)
      .map(({ id, origin, near, far }) => ({ id, origin, near, far }));
  });

/** Which flow deck picks at a page pixel, if that pixel is the map's canvas (nothing covers it). */
const pickedAt = (at: { x: number; y: number }): Promise<string | null> =>
  page.evaluate(({ x, y }) => {
    const map = window.__atlas!.map;
    if (!document.elementFromPoint(x, y)?.className.includes('maplibregl-canvas')) return null;
    const r = map.getCanvas().getBoundingClientRect();
    // The deck overlay is one of the map's controls; its pickObject is deck's public API.
    type Overlay = { _props?: { layers?: unknown }; pickObject(o: { x: number; y: number; radius: number }): { object?: { flow?: { id: string } } } | null };
    const overlay = (map as unknown as { _controls: Overlay[] })._controls.find((c) => c._props?.layers)!;
    const hit = overlay.pickObject({ x: x - r.left, y: y - r.top, radius: 0 });
    return hit?.object?.flow?.id ?? null;
  }, at);

/** The red + green + blue of one page pixel of a freshly drawn frame (read back from the map's WebGL context). */
const brightnessAt = (at: { x: number; y: number }): Promise<number> =>
  page.evaluate(({ x, y }) => {
    const map = window.__atlas!.map;
    // MapLibre's painter and _render are internal: the frame is drawn and read back at once.
    const internal = map as unknown as { painter: { context: { gl: WebGL2RenderingContext } }; _render(t: number): void };
    const gl = internal.painter.context.gl;
    const canvas = map.getCanvas();
    const r = canvas.getBoundingClientRect();
    const k = canvas.width / r.width;
    internal._render(performance.now());
    const px = new Uint8Array(4);
    gl.readPixels(Math.round((x - r.left) * k), Math.round(canvas.height - (y - r.top) * k), 1, 1, gl.RGBA, gl.UNSIGNED_BYTE, px);
    return px[0]! + px[1]! + px[2]!;
  }, at);

describe('flows drawn as one mesh', { timeout: 120_000 }, () => {
  it('a real mouse on one end of a flow with a figure shows that flow, and darkens its whole curve, far end included', async () => {
    let chosen: { c: Candidate; near: { x: number; y: number }; far: { x: number; y: number } } | null = null;
    for (const c of await candidates()) {
      const near = await pixelOf(page, c.near);
      const far = await pixelOf(page, c.far);
      if ((await pickedAt(near)) === c.id && (await pickedAt(far)) === c.id) {
        chosen = { c, near, far };
        break;
      }
    }
    expect(chosen, 'a flow with a figure whose both quarters are visible and on top').not.toBeNull();
    const { c, near, far } = chosen!;
    const before = await brightnessAt(far);
    await page.mouse.move(near.x - 20, near.y - 20);
    await page.mouse.move(near.x, near.y, { steps: 3 });
    const name = await page.evaluate((code) => window.__atlas!.flows.shown()!.locations.get(code)!.nameZh, c.origin);
    await page.waitForFunction((n) => {
      const el = document.querySelector<HTMLElement>('.flow-tooltip');
      return el && !el.hidden && el.innerText.includes(n);
    }, name, { timeout: 20_000 });
    const text = await page.evaluate(() => document.querySelector<HTMLElement>('.flow-tooltip')!.innerText);
    expect(text).not.toContain('无数据');
    expect(text).toMatch(/\d/);
    const after = await brightnessAt(far);
    expect(after, `the far end darkens under the highlight (${before} → ${after})`).toBeLessThan(before - 20);
    await page.mouse.move(5, 5);
  });
});
