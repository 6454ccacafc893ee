// Starts the page: reads the server's TileJSON, builds the style, and wires the map to the panel, the
// legend and the language switch. Everything the page loads comes from its own origin.
import 'maplibre-gl/dist/maplibre-gl.css';
import './atlas.css';
import { fetchTileSet, fetchUnit } from './api.ts';
import { createI18n, pickLocale, type Locale } from './i18n.ts';
import { renderLegend } from './legend.ts';
import { createMapView, prewarmMap, type MapView } from './map-view.ts';
import { renderPanel, type PanelState } from './panel.ts';
import { buildStyle } from './style.ts';
import { mountFlows, type FlowsHook } from './flows/mount-flows.ts';
import { mountDrill, type DrillHook } from './drill/mount-drill.ts';
import { mountSearchBox } from './search/search-box.ts';
import { createUnitProfile } from './panel/unit-profile.ts';
import { readViewHash } from './data/view-url-state.ts';
import type { TileSet } from './tilejson.ts';
import type { Box, Level, UnitDetails } from './unit-details.ts';
import { mountShareAndEmbed } from './share/mount-share.ts';
import { isEmbedPath } from './data/embed-link.ts';

/** Where the map opens when the tiles say nothing about their extent: China. */
const CHINA: Box = [73, 18, 135, 54];
const LANG_KEY = 'atlas.lang';

export interface AtlasHook {
  map: MapView['map'];
  ready: Promise<void>;
  select(code: string): Promise<void>;
  readonly selection: string | null;
  setLocale(locale: Locale): void;
  flows: FlowsHook;
  /** Drill-down scope and level, and the panel's and search's pending work (for tests). */
  drill: DrillHook;
  settled(): Promise<void>;
  /** Closes the panel and clears the selection, as Escape does. */
  clearSelection(): void;
  /** Called with the unit each time one is selected, and with null when the selection is cleared. */
  onSelection(listener: (unit: UnitDetails | null) => void): void;
  readonly locale: Locale;
  onLocale(listener: (locale: Locale) => void): void;
}

declare global {
  interface Window {
    __atlas?: AtlasHook;
  }
}

function storedLocale(): string | null {
  try {
    return localStorage.getItem(LANG_KEY);
  } catch {
    return null; // storage can be disabled; the choice then lasts for the page only
  }
}

async function optionalTileSet(layer: string): Promise<TileSet | null> {
  try {
    return await fetchTileSet(layer);
  } catch (err) {
    console.warn(`[atlas] ${layer} tiles unavailable: ${(err as Error).message}`);
    return null;
  }
}

function element<T extends HTMLElement>(id: string): T {
  const el = document.getElementById(id);
  if (!el) throw new Error(`#${id} is missing from index.html`);
  return el as T;
}

/** What the open panels cover: the unit panel on the right (or at the bottom on phones), the flows panel on the left. */
function coveredInsets(panel: HTMLElement): { left: number; right: number; bottom: number } {
  const half = window.innerHeight / 2;
  const p = panel.getBoundingClientRect();
  const f = document.getElementById('flows-panel')?.getBoundingClientRect();
  const sheet = p.height > 0 && p.top >= half;
  return {
    right: p.width && !sheet ? p.width + 12 : 0,
    bottom: sheet ? window.innerHeight - p.top : 0,
    // The flows panel counts only where it floats beside the map (on phones it sits low, over the sheet).
    left: f && f.width && f.top < half / 2 ? f.right : 0,
  };
}

// Marks for the client benchmark and for anyone profiling start-up: performance.getEntriesByType('mark').
const mark = (name: string) => performance.mark(`atlas:${name}`);

async function start(): Promise<void> {
  mark('start');
  prewarmMap();
  // Before the map is made, so its container never changes size under it.
  const embedded = isEmbedPath(location.pathname);
  document.documentElement.classList.toggle('embed', embedded);
  const i18n = createI18n(pickLocale(location.search, storedLocale()));
  const panel = element('panel');
  const legend = element('legend');
  const status = element('status');
  const langButton = element<HTMLButtonElement>('lang-switch');

  // The villages' tile set is asked for now too, though only the drill-down needs it: it then arrives before
  // the style is loaded, and the drill's layers exist before the first tile is fetched.
  const villages = optionalTileSet('villages');
  const [counties, townships, seats] = await Promise.all([optionalTileSet('counties'), optionalTileSet('townships'), optionalTileSet('seats')]);
  mark('tilejson');
  const style = buildStyle({ origin: location.origin, locale: i18n.locale, counties, townships, seats });
  // Read before the map exists: MapLibre writes its own camera into the hash as soon as it starts.
  const initialView = readViewHash(location.hash);
  element('map').dataset.loading = i18n.t('loading');
  const view = createMapView(element('map'), style, { counties, townships }, counties?.bounds ?? CHINA);
  const { map } = view;
  map.once('load', () => mark('load'));
  void view.ready.then(() => mark('idle'));

  let state: PanelState = { status: 'closed' };
  let request: AbortController | null = null;
  let returnFocus: HTMLElement | null = null;
  const selectionListeners: ((unit: UnitDetails | null) => void)[] = [];

  const profile = createUnitProfile();
  const go = (code: string) => void select(code, { fly: true, drill: true });
  const render = () => renderPanel(panel, state, i18n, { close, go, profile: (slot, u) => profile.render(slot, u, i18n, go) });
  const announce = (text: string) => {
    status.textContent = text;
  };

  async function select(code: string, opts: { fly?: boolean; drill?: boolean; level?: Level; featureId?: string | number } = {}): Promise<void> {
    request?.abort();
    const controller = new AbortController();
    request = controller;
    if (!panel.contains(document.activeElement)) returnFocus = document.activeElement as HTMLElement | null;
    if (opts.level) view.setSelected({ code, level: opts.level, featureId: opts.featureId });
    state = { status: 'loading', code };
    render();
    try {
      const unit = await fetchUnit(code, controller.signal);
      if (controller.signal.aborted) return;
      view.setSelected(opts.featureId !== undefined ? { ...unit, featureId: opts.featureId } : unit);
      state = { status: 'ready', unit };
      render();
      flows.highlight(unit.code);
      // Drilling into a unit frames it, so its townships or villages are in view.
      const drilled = opts.drill ? drill.enterFor(unit) : false;
      drill.selectionChanged(unit.code);
      for (const l of selectionListeners) l(unit);
      announce(i18n.t('selected', { name: i18n.locale === 'en' && unit.nameEn ? unit.nameEn : unit.nameZh }));
      // The panel floats over the right of the map on wide screens (a bottom sheet on phones).
      if ((opts.fly || drilled) && unit.bbox) view.fitBox(unit.bbox, { ...coveredInsets(panel), minZoom: drill.minZoom() });
    } catch (err) {
      if (controller.signal.aborted) return;
      console.warn(`[atlas] unit ${code}: ${(err as Error).message}`);
      state = { status: 'error', code };
      render();
    }
    panel.focus({ preventScroll: true });
  }

  function close(): void {
    if (state.status === 'closed') return;
    request?.abort();
    state = { status: 'closed' };
    view.setSelected(null);
    flows.highlight(null);
    drill.selectionChanged(null);
    for (const l of selectionListeners) l(null);
    render();
    announce(i18n.t('closed'));
    (returnFocus && document.contains(returnFocus) ? returnFocus : map.getCanvas()).focus();
  }

  map.on('click', (e) => {
    const picked = view.pickAt(e.point);
    if (picked) void select(picked.code, { level: picked.level, featureId: picked.featureId, drill: true });
    else close();
  });
  // Enter on the focused map selects what is under its centre: the keyboard's way to click.
  map.getCanvas().addEventListener('keydown', (e) => {
    if (e.key !== 'Enter') return;
    const c = map.getCanvas();
    const picked = view.pickAt({ x: c.clientWidth / 2, y: c.clientHeight / 2 });
    if (picked) void select(picked.code, { level: picked.level, featureId: picked.featureId, drill: true });
    else announce(i18n.t('noUnitHere'));
  });
  document.addEventListener('keydown', (e) => {
    if (e.key === 'Escape' && state.status !== 'closed') {
      e.preventDefault();
      close();
    }
  });

  const applyLocale = (locale: Locale) => {
    document.documentElement.lang = locale;
    document.title = `${i18n.t('title')} · ${i18n.t('subtitle')}`;
    for (const el of document.querySelectorAll<HTMLElement>('[data-i18n]')) el.textContent = i18n.t(el.dataset.i18n as never);
    langButton.textContent = i18n.t('switchLanguage');
    langButton.setAttribute('aria-label', i18n.t('switchLanguageLabel'));
    langButton.lang = locale === 'en' ? 'zh-CN' : 'en';
    view.setLocale(locale, (key) => i18n.t(key));
    renderLegend(legend, i18n, { townships: Boolean(townships) });
    render();
  };
  i18n.onChange((locale) => {
    try {
      localStorage.setItem(LANG_KEY, locale);
    } catch {
      /* see storedLocale */
    }
    applyLocale(locale);
  });
  langButton.addEventListener('click', () => i18n.set(i18n.locale === 'en' ? 'zh-CN' : 'en'));
  applyLocale(i18n.locale);
  const flows = mountFlows(map, element('map').parentElement!, i18n);
  const drill = mountDrill({
    map,
    stage: element('map').parentElement!,
    i18n,
    announce,
    initial: initialView,
    select: (code, fly) => select(code, { fly }),
    frameTop: () => view.fitBox(counties?.bounds ?? CHINA),
    setFlowScope: (scope) => flows.setScope(scope),
    villages,
  });
  const search = mountSearchBox(element('search'), i18n, (hit) => void select(hit.code, { fly: true, drill: true }));
  i18n.onChange(() => search.setLocale());
  // A shared link: the drill scope is applied by mountDrill; the selection opens its panel here, flying
  // to it only when the link has no camera of its own.
  void drill.ready.then(() => {
    if (drill.initial.selection) void select(drill.initial.selection, { fly: !drill.initial.camera });
  });

  window.__atlas = {
    map,
    ready: view.ready,
    select: (code) => select(code, { fly: true }),
    get selection() {
      return state.status === 'ready' ? state.unit.code : null;
    },
    setLocale: (l) => i18n.set(l),
    flows,
    drill,
    settled: () => Promise.all([drill.ready, search.settled(), profile.settled()]).then(() => undefined),
    clearSelection: close,
    onSelection: (l) => void selectionListeners.push(l),
    get locale() {
      return i18n.locale;
    },
    onLocale: (l) => i18n.onChange(l),
  };
  mountShareAndEmbed(window.__atlas, { embedded, fitBox: (box, o) => view.fitBox(box, o) });
}

start().catch((err) => console.error('[atlas] the map could not start', err));
