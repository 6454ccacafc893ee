// The core/periphery section of the flows panel: a switch, the urbanisation threshold, and per factor the
// API's core → periphery and periphery → core totals (GET /api/balance/core-periphery), with unit and
// basis on every row. The same answer tints the counties on the map.
import type { Map as MapLibreMap } from 'maplibre-gl';
import { h } from '../dom.ts';
import type { I18n } from '../i18n.ts';
import { barShares, GROUP_COLOURS, parseCorePeriphery, visibleTotals, type CorePeriphery, type CpTotal } from '../data/core-periphery.ts';
import type { Basis, Vocabulary } from '../data/flow-json.ts';
import { factorColour } from '../data/flow-style.ts';
import { formatNumber, termLabel } from '../data/term-labels.ts';
import { ft } from '../flows/filter-strings.ts';
import { addCoreLayer } from './core-layer.ts';

export const DEFAULT_THRESHOLD = 70;

export interface CoreFilters {
  /** Scope query (period, mechanism…), or null when nothing can match. */
  query: string | null;
  factors: readonly string[];
  bases: ReadonlySet<Basis>;
}

export interface CoreView {
  /** The threshold in use, or null when the view is off. */
  readonly threshold: number | null;
  controls(): HTMLElement;
  update(f: CoreFilters): Promise<void>;
  /** What the table shows now (for tests): the API's rows after the factor and basis filters. */
  shown(): CpTotal[] | null;
  groupAt(code: string): string | null;
}

export function createCoreView(map: MapLibreMap, i18n: I18n, vocab: Vocabulary, initial: number | null, onChange: () => void): CoreView {
  const layer = addCoreLayer(map);
  let threshold = initial;
  let lastThreshold = initial ?? DEFAULT_THRESHOLD;
  let answer: CorePeriphery | null = null;
  let rows: CpTotal[] | null = null;
  let filters: CoreFilters | null = null;
  let request = 0;
  // Factor and basis changes only re-filter the rows: the answer is re-read when the threshold or scope changes.
  let answerUrl = '';
  const urlFor = (t: number, query: string) => `/api/balance/core-periphery?level=county&threshold=${t}${query ? `&${query}` : ''}`;
  const body = h('div', { class: 'core-body', id: 'core-periphery-body', 'aria-live': 'polite' });

  const render = () => {
    const L = i18n.locale;
    if (threshold === null) return body.replaceChildren();
    if (!answer || !rows || !filters) return body.replaceChildren(h('p', { class: 'flow-note' }, ft(i18n, 'loading')));
    const n = (g: string) => answer!.units.filter((u) => u.group === g).length;
    const swatch = (colour: string) => h('span', { class: 'flow-swatch', style: `background:${colour};opacity:0.6`, 'aria-hidden': 'true' });
    const fmt = (v: number | null) => (v === null ? '—' : formatNumber(v, L));
    const row = (t: CpTotal) => {
      const [a, b] = barShares(t);
      const unit = t.unit ? termLabel(vocab, 'units', t.unit, L) : '';
      const figure = (v: number | null, count: number, share: number, cls: string) =>
        h('td', {}, t.basis === 'documented' ? ft(i18n, 'coreCountOnly', { n: count }) : `${fmt(v)}`, t.basis === 'documented' ? null : h('span', { class: `core-bar ${cls}`, style: `width:${(share * 100).toFixed(1)}%`, 'aria-hidden': 'true' }));
      return h(
        'tr',
        { 'data-factor': t.factor, 'data-basis': t.basis, 'data-unit': t.unit ?? '', 'data-c2p': t.coreToPeriphery ?? '', 'data-p2c': t.peripheryToCore ?? '' },
        h('th', { scope: 'row' }, h('span', { class: 'flow-swatch', style: `background:${factorColour(t.factor)}`, 'aria-hidden': 'true' }), termLabel(vocab, 'factors', t.factor, L), h('small', { class: 'flow-note' }, t.unit ? ft(i18n, 'coreUnitBasis', { unit, basis: termLabel(vocab, 'bases', t.basis, L) }) : termLabel(vocab, 'bases', t.basis, L))),
        figure(t.coreToPeriphery, t.counts.coreToPeriphery, a, 'core-bar-out'),
        figure(t.peripheryToCore, t.counts.peripheryToCore, b, 'core-bar-in'),
        h('td', {}, fmt(t.net)),
      );
    };
    const titles = [...answer.sources.values()];
    body.replaceChildren(
      h('p', { class: 'flow-note' }, ft(i18n, 'coreRule', { t: threshold })),
      h(
        'ul',
        { class: 'core-groups' },
        h('li', {}, swatch(GROUP_COLOURS.core), ft(i18n, 'coreGroupCore')),
        h('li', {}, swatch(GROUP_COLOURS.periphery), ft(i18n, 'coreGroupPeriphery')),
        h('li', {}, swatch(GROUP_COLOURS.unclassified), ft(i18n, 'coreGroupNone')),
      ),
      h('p', { class: 'flow-note', id: 'core-counts' }, ft(i18n, 'coreUnits', { core: n('core'), periphery: n('periphery'), none: n('unclassified') })),
      rows.length
        ? h(
            'table',
            { class: 'core-table', id: 'core-table' },
            h('thead', {}, h('tr', {}, h('th', {}, ''), h('th', { scope: 'col' }, ft(i18n, 'coreToPeriphery')), h('th', { scope: 'col' }, ft(i18n, 'peripheryToCore')), h('th', { scope: 'col' }, ft(i18n, 'coreNet')))),
            h('tbody', {}, ...rows.map(row)),
          )
        : h('p', { class: 'flow-note' }, ft(i18n, 'coreNone')),
      ...(titles.length ? [h('p', { class: 'flow-note' }, ft(i18n, 'coreSource', { sources: titles.join('; ') }))] : []),
      h('p', { class: 'flow-note' }, ft(i18n, 'coreHidesBalance')),
    );
  };

  const refresh = async () => {
    const ticket = ++request;
    if (threshold === null || !filters) {
      answer = null;
      answerUrl = '';
      rows = null;
      layer?.show(null);
      return render();
    }
    if (filters.query === null) {
      answer = { threshold, units: [], totals: [], sources: new Map() };
      answerUrl = '';
    } else if (answerUrl !== urlFor(threshold, filters.query)) {
      const url = urlFor(threshold, filters.query);
      answer = null;
      render();
      try {
        const res = await fetch(url, { headers: { Accept: 'application/json' } });
        if (!res.ok) throw new Error(`core-periphery answered ${res.status}`);
        const got = parseCorePeriphery(await res.json());
        if (ticket !== request) return;
        answer = got;
        answerUrl = url;
      } catch (err) {
        if (ticket !== request) return;
        console.warn(`[atlas] ${(err as Error).message}`);
        body.replaceChildren(h('p', { class: 'flow-note' }, ft(i18n, 'coreFailed')));
        return;
      }
    }
    if (!answer) return;
    rows = visibleTotals(answer, filters.factors, filters.bases);
    layer?.show(answer.units);
    render();
  };

  return {
    get threshold() {
      return threshold;
    },
    controls() {
      const input = h('input', {
        type: 'number',
        id: 'core-threshold',
        min: 0,
        max: 100,
        step: 1,
        value: threshold ?? lastThreshold,
        disabled: threshold === null,
        onchange: (e: Event) => {
          const v = Number((e.target as HTMLInputElement).value);
          if (!Number.isFinite(v) || v < 0 || v > 100) return;
          threshold = lastThreshold = v;
          onChange();
          void refresh();
        },
      });
      const toggle = h('input', {
        type: 'checkbox',
        id: 'core-show',
        checked: threshold !== null,
        onchange: (e: Event) => {
          threshold = (e.target as HTMLInputElement).checked ? lastThreshold : null;
          input.disabled = threshold === null;
          onChange();
          void refresh();
        },
      });
      render();
      return h(
        'fieldset',
        { class: 'core-view' },
        h('legend', {}, ft(i18n, 'coreTitle')),
        h('ul', { class: 'flow-checks' }, h('li', {}, toggle, h('label', { for: 'core-show' }, ft(i18n, 'coreShow')), null)),
        h('p', {}, h('label', { for: 'core-threshold' }, ft(i18n, 'coreThreshold')), ' ', input),
        body,
      );
    },
    async update(f) {
      filters = f;
      await refresh();
    },
    shown: () => rows,
    groupAt: (code) => layer?.groupAt(code) ?? null,
  };
}
