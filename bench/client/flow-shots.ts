// Screenshots for judging how curves are drawn, not timings: the first view, and the same view zoomed in
// two levels on the thickest curve's middle (its joints at the widest stroke), that joint magnified, and the
// pointer resting on it (hover highlight and tooltip), with deck's instance counts.
// PNGs in bench/out/ (flow-shots-<db>-*.png); the curve's thickness is printed with them.
//   FRAME_DB=atlas_bench_client_demo npx tsx bench/client/flow-shots.ts   (SHOT_ZOOM_IN=2 zooms in from the first view)
import path from 'node:path';
import { BASE_DB } from './bench-db.ts';
import { runScript, withBenchBrowser } from './bench-browser.ts';
import { openSession } from './measure-page.ts';

const DB = process.env.FRAME_DB || BASE_DB;
const OUT = path.resolve(import.meta.dirname, '..', 'out');
const INSTANCES = `window.__atlas.map._controls.find((c) => c._props && c._props.layers)._deck.layerManager.getLayers().map((l) => l.id + ' ' + (l.getNumInstances?.() ?? '?')).join(', ')`;

async function main(): Promise<void> {
  await withBenchBrowser(async (browser, url) => {
    const s = await openSession(browser, url);
    const idle = () => s.page.evaluate(() => new Promise<void>((r) => (window.__atlas!.map.once('idle', () => r()), window.__atlas!.map.triggerRepaint())));
    console.log(await s.page.evaluate(INSTANCES));
    await s.page.screenshot({ path: path.join(OUT, `flow-shots-${DB}-view.png`) });
    // The flow drawn widest: its middle, two zooms in, is where notches at joints would show first.
    const widest = (await s.page.evaluate(`(() => {
      const layer = window.__atlas.map._controls.find((c) => c._props && c._props.layers)._deck.layerManager.getLayers().find((l) => l.id === 'flows-figure');
      const widths = layer.getAttributeManager().attributes.widths.value;
      let best = 0;
      for (let i = 1; i < widths.length; i++) if (widths[i] > widths[best]) best = i;
      return { owner: layer.props.mesh.owner[best], width: widths[best] };
    })()`)) as { owner: number; width: number };
    const middle = (await s.page.evaluate(`(() => {
      const layer = window.__atlas.map._controls.find((c) => c._props && c._props.layers)._deck.layerManager.getLayers().find((l) => l.id === 'flows-figure');
      return layer.props.data[${widest.owner}].middle;
    })()`)) as [number, number];
    console.log(`widest stroke ${widest.width} px, its middle ${middle.join(', ')}`);
    await s.page.evaluate(`window.__atlas.map.jumpTo({ center: ${JSON.stringify(middle)}, zoom: window.__atlas.map.getZoom() + ${Number(process.env.SHOT_ZOOM_IN || 2)} })`);
    await idle();
    await s.page.screenshot({ path: path.join(OUT, `flow-shots-${DB}-zoomed.png`) });
    // The joint at the middle (t = ½ is a vertex), 100 px around it magnified 8 times, pixel for pixel.
    const at = (await s.page.evaluate(`(() => { const m = window.__atlas.map; const p = m.project(${JSON.stringify(middle)}); const r = m.getCanvas().getBoundingClientRect(); return [r.left + p.x, r.top + p.y]; })()`)) as [number, number];
    const crop = await s.page.screenshot({ clip: { x: at[0] - 50, y: at[1] - 50, width: 100, height: 100 } });
    const loupe = await s.page.context().newPage();
    await loupe.setContent(`<body style="margin:0"><img style="image-rendering:pixelated;width:800px" src="data:image/png;base64,${crop.toString('base64')}"></body>`);
    await loupe.setViewportSize({ width: 800, height: 800 });
    await loupe.screenshot({ path: path.join(OUT, `flow-shots-${DB}-joint.png`) });
    // The pointer on that joint: the whole curve darkens (picked by its flow, not by a segment) and the tooltip shows.
    await s.page.mouse.move(at[0], at[1]);
    await idle();
    await s.page.screenshot({ path: path.join(OUT, `flow-shots-${DB}-hover.png`) });
    console.log(await s.page.evaluate(INSTANCES));
    await s.close();
  }, DB);
}

runScript(main);
