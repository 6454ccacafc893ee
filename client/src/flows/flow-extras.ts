// What mount-flows.ts delegates beyond factor/basis/minimum: the scope filters (period, mechanism,
// integration, benefit) that re-read the API, aggregation by zoom for large answers, the animated mode and
// the core/periphery view, with their part of the URL hash. mount-flows keeps drawing and the legend.
import type { Layer } from '@deck.gl/core';
import type { Map as MapLibreMap } from 'maplibre-gl';
import type { I18n } from '../i18n.ts';
import { createCoreView, type CoreView } from '../core-periphery/core-view.ts';
import type { CoreLayer } from '../core-periphery/core-layer.ts';
import { createAggregator, type Aggregated } from '../data/flow-aggregate.ts';
import type { FlowFilter } from '../data/flow-filter.ts';
import type { DrawnFlow } from '../data/flow-geometry.ts';
import type { Basis, Flow, FlowData, FlowLocation, Vocabulary } from '../data/flow-json.ts';
import type { TooltipText } from '../data/flow-tooltip.ts';
import { OPEN_SCOPE, scopeQuery, yearSpan } from '../data/flow-scope.ts';
import { readViewHash, writeViewHash } from '../data/url-scope.ts';
import { coreHashFields, coreRuleFromHash } from '../data/core-rule.ts';
import { ft } from './filter-strings.ts';
import { createMotion, prefersReducedMotion } from './motion-layer.ts';
import { renderScopeControls, type ScopeUi } from './scope-controls.ts';
import type { FlowBase, ScopedAnswer, ScopedLoader } from './scoped-data.ts';

/** Most flows drawn as curves; above it ends are merged by zoom and the smallest left out. */
export const DRAW_CAP = 1500;
const CELL_PX = 48;

export interface FlowExtras {
  /** The answer for a drill-down base under the chosen scope (null: a newer request superseded it). */
  load(base: FlowBase): Promise<ScopedAnswer | null>;
  controls(): { before: HTMLElement[]; after: HTMLElement[] };
  /** `keep`: the highlighted unit, kept out of merged ends so its flows stay its own. */
  /** What to draw of `shown` (= `all` through `filter`): as it is, or merged by the zoom's grid above the cap. */
  display(all: readonly Flow[], shown: readonly Flow[], filter: FlowFilter, locations: ReadonlyMap<string, FlowLocation>, keep?: string | null): Aggregated;
  motionLayer(drawn: readonly DrawnFlow[], beforeId: string | undefined): Layer | null;
  notes(agg: Aggregated, data: FlowData): string[];
  /** A flow's tooltip, marked synthetic when the answer was a bench server's. */
  tooltip(tip: TooltipText, data: FlowData): TooltipText;
  /** The core/periphery tint replaces the choropleth while it is shown: two fills would not match one legend. */
  readonly hidesBalance: boolean;
  afterRedraw(factors: readonly string[], bases: ReadonlySet<Basis>): void;
  writeHash(hash: string): string;
  /** Re-reads the API for the scope in the URL when it is not the open one. */
  start(): void;
  core: CoreView;
  busy(): boolean;
}

export function createFlowExtras(o: {
  map: MapLibreMap;
  i18n: I18n;
  vocab: Vocabulary;
  initial: FlowData;
  loader: ScopedLoader;
  /** The drill-down's level and unit now. */
  base(): FlowBase;
  /** A new answer for the chosen scope: redraw with it. */
  onAnswer(a: ScopedAnswer): void;
  redraw(): void;
  /** The core/periphery tint's layer, added with the other flow layers when the style loaded. */
  coreLayer: CoreLayer | null;
  /** Draw one animation frame (layers unchanged but the dots). */
  frame(): void;
  saveHash(): void;
}): FlowExtras {
  const { map, i18n, vocab } = o;
  const asked = readViewHash(location.hash, {
    mechanisms: vocab.mechanisms.map((t) => t.key),
    integrationTypes: (vocab.integrationTypes ?? []).map((t) => t.key),
    benefitLinkages: (vocab.benefitLinkages ?? []).map((t) => t.key),
  });
  const reduced = prefersReducedMotion();
  const ui: ScopeUi = { scope: asked.scope, span: yearSpan(o.initial.flows), animate: asked.animate && !reduced };
  const { loader } = o;
  const motion = createMotion(o.frame);
  const aggregate = createAggregator();
  motion.set(ui.animate);
  let loading = false;
  let clustered = false;
  const status = document.createElement('p');
  status.className = 'flow-note flow-scope-status';
  status.id = 'flow-scope-status';
  // The benchmark and tests wait on this: 1 while a filtered answer is on its way.
  const setBusy = (b: boolean) => ((loading = b), (status.dataset.busy = b ? '1' : '0'));
  setBusy(false);
  status.setAttribute('aria-live', 'polite');

  const reload = async () => {
    setBusy(true);
    status.textContent = ft(i18n, 'loading');
    o.saveHash();
    try {
      const got = await loader.load(o.base(), scopeQuery(ui.scope));
      // Superseded: the newer request (this one's or the drill-down's) is read with the same scope.
      if (!got) return setBusy(false);
      status.textContent = got.data.flows.length ? '' : ft(i18n, 'nothingMatches');
      o.onAnswer(got);
      setBusy(false);
    } catch (err) {
      setBusy(false);
      console.warn(`[atlas] ${(err as Error).message}`);
      status.textContent = ft(i18n, 'loadFailed');
    }
  };
  const core = createCoreView(o.coreLayer, i18n, vocab, coreRuleFromHash(asked), () => (o.saveHash(), o.redraw()));
  // Merged ends depend on the zoom: redraw when it changes, only while merging is in play.
  map.on('zoomend', () => clustered && o.redraw());

  return {
    load: (base) => loader.load(base, scopeQuery(ui.scope)),
    controls: () => ({
      before: [...renderScopeControls(i18n, vocab, ui, () => void reload(), () => (motion.set(ui.animate), o.saveHash(), o.redraw()), reduced), status],
      after: [core.controls()],
    }),
    display(all, shown, filter, locations, keep = null) {
      const agg = aggregate(all, shown, filter, locations, { zoom: map.getZoom(), cap: DRAW_CAP, cellPx: CELL_PX, keep });
      clustered = agg.clustered;
      return agg;
    },
    motionLayer: (drawn, beforeId) => motion.layer(drawn, beforeId),
    notes(agg, data) {
      const out: string[] = [];
      if (data.synthetic) out.push(ft(i18n, 'synthetic'));
      if (agg.clustered) out.push(ft(i18n, 'aggregated', { px: CELL_PX, n: agg.flows.length }));
      if (agg.hidden) out.push(ft(i18n, 'hidden', { n: agg.hidden, cap: DRAW_CAP }));
      if (agg.withinCell) out.push(ft(i18n, 'withinCell', { n: agg.withinCell }));
      return out;
    },
    tooltip: (tip, data) => (data.synthetic ? { ...tip, rows: [...tip.rows, [ft(i18n, 'tipSynthetic'), ft(i18n, 'syntheticTip')]] } : tip),
    get hidesBalance() {
      return core.rule !== null;
    },
    afterRedraw(factors, bases) {
      void core.update({ query: scopeQuery(ui.scope), factors, bases });
    },
    writeHash: (hash) => writeViewHash(hash, { scope: ui.scope, animate: ui.animate, ...coreHashFields(core.rule) }),
    start() {
      if (scopeQuery(ui.scope) !== scopeQuery(OPEN_SCOPE)) void reload();
    },
    core,
    busy: () => loading,
  };
}
