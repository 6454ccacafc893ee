// The embed's postMessage API (docs/embed.md). Only the page that embeds the map (window.parent) is
// heard, and only from an allowed origin; a message that fails validation is ignored with a console
// warning. The map answers with events: ready, view (after each move), selection, drill (after each change
// of drill-down scope), filters, state.
import { fetchUnit } from '../api.ts';
import {
  drillOf,
  eventTargets,
  originAllowed,
  parseHostMessage,
  parseOriginPolicy,
  viewOf,
  type AtlasEvent,
  type HostMessage,
  type OriginPolicy,
} from '../data/embed-messages.ts';
import type { AtlasHook } from '../main.ts';
import type { Box } from '../unit-details.ts';

const warn = (text: string) => console.warn(`[atlas embed] ${text}`);

export interface BridgeOptions {
  fitBox(box: Box, opts?: { minZoom?: number }): void;
  policy?: OriginPolicy;
  host?: Window;
}

export function startMessageBridge(hook: AtlasHook, opts: BridgeOptions): void {
  const host = opts.host ?? window.parent;
  if (host === window) return; // opened on its own, not in a frame: nobody to talk to
  const policy = opts.policy ?? parseOriginPolicy(location.search);
  const { map } = hook;

  const post = (event: AtlasEvent) => {
    for (const target of eventTargets(policy)) {
      try {
        host.postMessage(event, target);
      } catch (err) {
        warn(`could not post ${event.type}: ${(err as Error).message}`);
      }
    }
  };
  const drill = () => drillOf(hook.drill.unit(), hook.drill.level());
  const view = () => {
    const b = map.getBounds();
    return viewOf(map.getCenter(), map.getZoom(), [b.getWest(), b.getSouth(), b.getEast(), b.getNorth()]);
  };

  async function handle(m: HostMessage): Promise<void> {
    switch (m.type) {
      case 'atlas:setView':
        if (m.unit) {
          const unit = await fetchUnit(m.unit);
          if (unit.bbox) opts.fitBox(unit.bbox);
          else if (unit.point) map.jumpTo({ center: unit.point });
        } else {
          map.jumpTo({ ...(m.center ? { center: m.center } : {}), ...(m.zoom !== undefined ? { zoom: m.zoom } : {}) });
        }
        return;
      case 'atlas:setFilters':
        await hook.flows.ready;
        hook.flows.setFilters(m.filters);
        post({ type: 'atlas:filters', filters: hook.flows.filters() });
        return;
      case 'atlas:select':
        if (m.unit === null) hook.clearSelection();
        else await hook.select(m.unit);
        return;
      case 'atlas:setDrill': {
        // Drills as a click would (answered by an atlas:drill event when the scope changes), and frames the
        // unit close enough that what it drills to is drawn (villages exist only from their tiles' zoom).
        const unit = await hook.drill.set(m.unit);
        if (unit?.bbox) opts.fitBox(unit.bbox, { minZoom: hook.drill.minZoom() });
        return;
      }
      case 'atlas:getState':
        post({ type: 'atlas:state', view: view(), selection: hook.selection, filters: hook.flows.filters(), drill: drill() });
        return;
    }
  }

  window.addEventListener('message', (e: MessageEvent) => {
    if (e.source !== host) return; // another frame or a popup, not the embedding page
    const parsed = parseHostMessage(e.data);
    if (parsed.ok === 'foreign') return;
    if (!originAllowed(policy, e.origin)) return warn(`ignored a message from ${e.origin}: not in the embed's origins list`);
    if (parsed.ok === false) return warn(`ignored ${String((e.data as { type: string }).type).slice(0, 60)}: ${parsed.reason}`);
    handle(parsed.message).catch((err: Error) => warn(`${parsed.message.type} failed: ${err.message}`));
  });

  hook.onSelection((unit) => post({ type: 'atlas:selection', unit: unit && { code: unit.code, nameZh: unit.nameZh, nameEn: unit.nameEn, level: unit.level } }));
  map.on('moveend', () => post({ type: 'atlas:view', view: view() }));
  // Drill changes are told after ready, which carries the scope a link opened with.
  let ready = false;
  hook.drill.onChange(() => ready && post({ type: 'atlas:drill', drill: drill() }));
  // Flows may fail to load (the map still works without them): ready waits for the map, not for them.
  void Promise.allSettled([hook.ready, hook.flows.ready, hook.drill.ready]).then(() => {
    ready = true;
    post({ type: 'atlas:ready', version: 1, view: view(), drill: drill() });
  });
}
