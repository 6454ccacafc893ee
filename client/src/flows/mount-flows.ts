// Mounts factor flows, alliances and the balance choropleth on the existing map: fetches the four API
// answers, keeps the filter state, and redraws layers, legend and tooltip from one place, so what the
// legend says is computed from exactly what was handed to the layers.
import './flows.css';
import type { Layer } from '@deck.gl/core';
import type { Map as MapLibreMap } from 'maplibre-gl';
import { h } from '../dom.ts';
import type { I18n } from '../i18n.ts';
import { measureKey, measuresIn } from '../data/balance-classes.ts';
import { applyFlowFilter } from '../data/flow-filter.ts';
import { allianceCurve, layoutFlows, layoutZoom, type DrawnFlow, type LonLat } from '../data/flow-geometry.ts';
import { BASES, type Alliance, type BalanceRow, type Basis, type Flow, type FlowData } from '../data/flow-json.ts';
import { widthScales } from '../data/flow-style.ts';
import { allianceTooltip, flowTooltip } from '../data/flow-tooltip.ts';
import { readFlowHash, writeFlowHash, type FlowUrlState } from '../data/url-state.ts';
import { addDeckOverlay } from '../overlay/deck-overlay.ts';
import { styleLoaded } from '../style-loaded.ts';
import { addCoreLayer } from '../core-periphery/core-layer.ts';
import { addLevelBalanceLayer, type LevelBalanceLayer } from '../drill/level-balance-layer.ts';
import { buildLevelChoropleth, type LevelChoropleth } from '../data/drill-balance.ts';
import { renderFlowControls, type DrawnSummary, type FlowsUiState } from './controls.ts';
import { fetchAlliances, fetchVocabulary } from './flows-api.ts';
import { BELOW, buildLayers, isFaded, type Hovered } from './flow-layers.ts';
import { createTooltip } from './tooltip.ts';
import { createFlowExtras } from './flow-extras.ts';
import { createScopedLoader } from './scoped-data.ts';
import { drawnEnds, partnerLabels } from '../data/partner-labels.ts';
import { createPartnerLabelLayer } from './partner-label-layer.ts';

const LEVEL = 'county';

export interface FlowsHook {
  /** Resolves once the flows, alliances and choropleth are first drawn. */
  ready: Promise<void>;
  drawn(): { id: string; origin: string; dest: string; factor: string; basis: string; middle: LonLat }[];
  choropleth(): { breaks: number[]; measure: string; perResident: boolean; counts: number[] } | null;
  /** The level and drill unit the choropleth is drawn at (null when none is drawn). */
  choroplethLevel(): { level: string; within: string | null } | null;
  balanceClassAt(code: string): number | null;
  /** The core/periphery group a county is tinted with (feature state), or null. */
  coreGroupAt(code: string): string | null;
  alliances(): { id: string; programme: string; a: string; b: string; middle: LonLat }[];
  /** Ids of the flows drawn faded (not touching the highlighted unit). */
  faded(): string[];
  /** Highlights the flows of one unit (12-digit code), or none. */
  highlight(code: string | null): void;
  /** The flow objects drawn now, with their places and sources (for exports); null before the first draw. */
  shown(): { flows: Flow[]; locations: FlowData['locations']; sources: FlowData['sources'] } | null;
  /** The filters now, and a way to change some of them as if the controls had been used (embed API). */
  filters(): Required<FlowFilterPatch>;
  setFilters(patch: FlowFilterPatch): void;
  /** Re-aggregates the flows to a level, keeping only those touching `within` (drill-down); resolves when drawn. */
  setScope(scope: FlowLevelScope): Promise<void>;
  scope(): FlowLevelScope;
}

export interface FlowLevelScope {
  level: string;
  within: string | null;
}

export interface FlowFilterPatch {
  factors?: string[];
  bases?: Basis[];
  minMagnitude?: number;
  alliances?: boolean;
}

export function mountFlows(map: MapLibreMap, stage: HTMLElement, i18n: I18n): FlowsHook {
  const root = h('section', { id: 'flows-panel', class: 'flows-panel', 'aria-labelledby': 'flows-title' });
  stage.append(root);
  const tooltip = createTooltip(stage);
  let drawn: DrawnFlow[] = [];
  let choropleth: LevelChoropleth | null = null;
  let balanceLayer: LevelBalanceLayer | null = null;
  let shownAlliances: Alliance[] = [];
  let selected: string | null = null;
  // The unit whose flows are highlighted: the selection, except the unit drilled into (every flow drawn then
  // touches it, with its end rolled down to a township or village, so none is faded).
  let lit: string | null = null;
  let redrawNow: (() => void) | null = null;
  let shownData: { flows: Flow[]; data: FlowData } | null = null;
  let uiState: FlowsUiState | null = null;
  let rebuildControls: (() => void) | null = null;
  let knownFactors: string[] = [];
  let coreGroupAt: ((code: string) => string | null) | null = null;
  let coreSelected: ((code: string | null) => void) | null = null;
  let flowScope: FlowLevelScope = { level: LEVEL, within: null };
  let rescope: (() => Promise<void>) | null = null;

  const ready = (async () => {
    const firstScope = flowScope;
    // Flows and the county balance come together, per scope (period, mechanism…) and drill-down level.
    const loader = createScopedLoader();
    const [firstAnswer, vocab, alliances, { overlay, partnerLayer, coreLayer }] = await Promise.all([
      loader.load(firstScope, ''),
      fetchVocabulary(),
      fetchAlliances().catch((err: Error): Alliance[] => (console.warn(`[atlas] alliances: ${err.message}`), [])),
      // Every layer the answers are drawn with exists before the first tile is fetched: added later, each
      // would send its source's tiles through the worker again (style-loaded.ts). Only the data comes later.
      styleLoaded(map).then(() => {
        balanceLayer = addLevelBalanceLayer(map);
        return { coreLayer: addCoreLayer(map), partnerLayer: createPartnerLabelLayer(map), overlay: addDeckOverlay(map) };
      }),
    ]);
    if (!firstAnswer) throw new Error('the first flow answer was superseded');
    const first = firstAnswer.data;
    let balance: BalanceRow[] = firstAnswer.balance;
    // The level and unit the balance rows were read at: the choropleth is drawn there, whatever is asked next.
    let balanceBase = firstAnswer.base;
    let data = first;
    const measures = measuresIn(balance);
    const defaults: FlowUrlState = {
      factors: vocab.factors.map((f) => f.key),
      bases: [...BASES],
      minMagnitude: 0,
      alliances: true,
      balance: measures[0] ? measureKey(measures[0]) : null,
      perResident: false,
    };
    // A shared link reopens the same filters (the camera is MapLibre's own `view` in the same hash).
    const asked = readFlowHash(location.hash, defaults, { factors: defaults.factors, measures: measures.map(measureKey) });
    const state: FlowsUiState = {
      factors: new Set(asked.factors),
      bases: new Set(asked.bases),
      minMagnitude: asked.minMagnitude,
      alliances: asked.alliances,
      balance: asked.balance !== null,
      measure: asked.balance ?? defaults.balance,
      perResident: asked.perResident,
    };
    const saveHash = () => {
      const next = extras.writeHash(writeFlowHash(location.hash, {
        factors: [...state.factors],
        bases: [...state.bases],
        minMagnitude: state.minMagnitude,
        alliances: state.alliances,
        balance: state.balance ? state.measure : null,
        perResident: state.perResident,
      }, defaults));
      if (next !== location.hash) history.replaceState(history.state, '', `${location.pathname}${location.search}${next}`);
    };
    const onHover = (hovered: Hovered, x: number, y: number) => {
      if (!hovered) return tooltip.hide();
      tooltip.show(hovered.kind === 'flow' ? extras.tooltip(flowTooltip(hovered.drawn.flow, { locations: drawnLocations, sources: data.sources }, vocab, i18n), data) : allianceTooltip(hovered.alliance, i18n), x, y);
      map.getCanvas().style.cursor = 'pointer';
    };
    map.getCanvas().addEventListener('mouseleave', () => tooltip.hide());

    let baseLayers: Layer[] = [];
    // The zoom the curves were cut for (flow-geometry's layoutZoom): zooming past it cuts them again.
    let laidAt: number | undefined;
    let drawnLocations = first.locations;
    const extras = createFlowExtras({
      map, i18n, vocab, initial: first, loader,
      base: () => flowScope,
      onAnswer: (a) => ((data = a.data), (balance = a.balance), (balanceBase = a.base), redraw()),
      redraw: () => redraw(),
      frame: () => overlay.setLayers(withMotion()),
      saveHash: () => saveHash(),
      coreLayer,
    });
    const withMotion = () => {
      const dots = extras.motionLayer(drawn, map.getLayer(BELOW) ? BELOW : undefined);
      return dots ? [...baseLayers, dots] : baseLayers;
    };
    let ui = renderFlowControls(root, i18n, vocab, state, measures, redraw, extras.controls());
    function redraw(): void {
      const shown = applyFlowFilter(data.flows, state);
      shownData = { flows: shown, data };
      // Large answers: ends merged by zoom and the smallest left out (said in the legend's notes).
      lit = selected !== null && selected === balanceBase.within ? null : selected;
      const view = extras.display(data.flows, shown, state, data.locations, lit);
      drawnLocations = view.locations;
      laidAt = layoutZoom(map.getZoom());
      drawn = layoutFlows(view.flows, view.locations, map.getZoom());
      const scales = widthScales(view.flows);
      const beforeId = map.getLayer(BELOW) ? BELOW : undefined;
      shownAlliances = state.alliances ? alliances : [];
      partnerLayer.show(partnerLabels(drawnEnds(drawn, view.locations, shownAlliances), i18n.locale));
      baseLayers = buildLayers(drawn, scales, shownAlliances, onHover, beforeId, lit);
      overlay.setLayers(withMotion());
      const measure = measures.find((m) => measureKey(m) === state.measure);
      choropleth = state.balance && measure && !extras.hidesBalance ? buildLevelChoropleth(balance, measure, state.perResident, balanceBase, (code) => data.locations.has(code)) : null;
      balanceLayer?.show(choropleth);
      tooltip.hide();
      const perFactor = new Map<string, number>();
      for (const d of drawn) perFactor.set(d.flow.factor, (perFactor.get(d.flow.factor) ?? 0) + 1);
      const summary: DrawnSummary = { flowCount: drawn.length, perFactor, scales: [...scales.values()], allianceCount: state.alliances ? alliances.length : 0, choropleth, notes: extras.notes(view, data) };
      ui.legend(summary);
      extras.afterRedraw(vocab.factors.map((f) => f.key).filter((f) => state.factors.has(f)), state.bases);
      saveHash();
    }
    rebuildControls = () => {
      ui = renderFlowControls(root, i18n, vocab, state, measures, redraw, extras.controls());
      redraw();
    };
    i18n.onChange(rebuildControls);
    let drawnScope = firstScope;
    // Only the answer for the latest scope is drawn: a slow earlier answer never overwrites it.
    rescope = async () => {
      const asked = flowScope;
      if (asked === drawnScope) return;
      const next = await extras.load(asked);
      if (!next || asked !== flowScope) return;
      data = next.data;
      balance = next.balance;
      balanceBase = next.base;
      drawnScope = asked;
      redraw();
    };
    redraw();
    extras.start();
    coreGroupAt = extras.core.groupAt;
    // The core/periphery list can add the unit selected on the map.
    coreSelected = (code) => extras.core.selectionChanged(code);
    coreSelected(selected);
    redrawNow = redraw;
    map.on('zoomend', () => layoutZoom(map.getZoom()) !== laidAt && redraw());
    void rescope().catch((err: Error) => console.warn(`[atlas] flows: ${err.message}`));
    uiState = state;
    knownFactors = defaults.factors;
    if (data.truncated) console.warn('[atlas] the flow answer was truncated by the server');
  })();
  ready.catch((err: Error) => console.warn(`[atlas] flows unavailable: ${err.message}`));

  return {
    ready,
    drawn: () => drawn.map((d) => ({ id: d.flow.id, origin: d.flow.origin, dest: d.flow.dest, factor: d.flow.factor, basis: d.flow.basis, middle: d.middle })),
    choropleth: () => (choropleth ? { breaks: choropleth.breaks, measure: measureKey(choropleth.measure), perResident: choropleth.perResident, counts: choropleth.counts } : null),
    choroplethLevel: () => (choropleth ? { level: choropleth.level, within: choropleth.within } : null),
    balanceClassAt: (code) => balanceLayer?.classAt(code) ?? null,
    coreGroupAt: (code) => coreGroupAt?.(code) ?? null,
    alliances: () =>
      shownAlliances.map((a) => {
        const path = allianceCurve([a.a.lon, a.a.lat], [a.b.lon, a.b.lat]);
        return { id: a.id, programme: a.programme, a: a.a.code, b: a.b.code, middle: path[Math.floor(path.length / 2)]! };
      }),
    faded: () => drawn.filter((d) => isFaded(d.flow, lit)).map((d) => d.flow.id),
    highlight(raw) {
      // Flows name units by their 12-digit code; the panel may hold a 6- or 9-digit one.
      const code = raw && /^\d{6}(\d{3}){0,2}$/.test(raw) ? raw.padEnd(12, '0') : null;
      if (code === selected) return;
      selected = code;
      coreSelected?.(code);
      redrawNow?.();
    },
    async setScope(next) {
      if (next.level === flowScope.level && next.within === flowScope.within) return;
      flowScope = { ...next };
      try {
        await ready;
        await rescope?.();
      } catch (err) {
        console.warn(`[atlas] flows at ${next.level}: ${(err as Error).message}`);
      }
    },
    scope: () => ({ ...flowScope }),
    shown: () => (shownData ? { flows: shownData.flows, locations: shownData.data.locations, sources: shownData.data.sources } : null),
    filters: () => ({
      factors: uiState ? [...uiState.factors] : [],
      bases: uiState ? [...uiState.bases] : [],
      minMagnitude: uiState?.minMagnitude ?? 0,
      alliances: uiState?.alliances ?? false,
    }),
    setFilters(patch) {
      if (!uiState) return;
      // Unknown factors are dropped here too: the checkboxes exist only for the vocabulary's factors.
      if (patch.factors) uiState.factors = new Set(patch.factors.filter((f) => knownFactors.includes(f)));
      if (patch.bases) uiState.bases = new Set(patch.bases);
      if (patch.minMagnitude !== undefined) uiState.minMagnitude = patch.minMagnitude;
      if (patch.alliances !== undefined) uiState.alliances = patch.alliances;
      rebuildControls?.();
    },
  };
}
