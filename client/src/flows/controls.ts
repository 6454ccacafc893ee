// The flows panel: factor toggles, basis checkboxes, minimum magnitude, alliances and the balance
// choropleth's measure, with the legend of what is drawn beside each control. The controls are built once
// per language (so focus survives a change); the legend parts are redrawn from the drawn state every time.
import { h } from '../dom.ts';
import type { I18n } from '../i18n.ts';
import { PALETTE, classRanges, measureKey, type Choropleth, type Measure } from '../data/balance-classes.ts';
import { BASES, type Basis, type Vocabulary } from '../data/flow-json.ts';
import { BASIS_ALPHA, DOCUMENTED_WIDTH, factorColour, hexToRgb, type WidthScale } from '../data/flow-style.ts';
import { formatNumber, termLabel } from '../data/term-labels.ts';
import { balanceLevelNotes } from '../drill/balance-legend.ts';

export interface FlowsUiState {
  factors: Set<string>;
  bases: Set<Basis>;
  minMagnitude: number;
  alliances: boolean;
  balance: boolean;
  measure: string | null;
  perResident: boolean;
}

export interface DrawnSummary {
  flowCount: number;
  perFactor: Map<string, number>;
  scales: WidthScale[];
  allianceCount: number;
  choropleth: Choropleth | null;
  /** Lines the legend must also say about what is drawn: synthetic data, merged ends, flows left out. */
  notes?: string[];
}

const basisStroke = (b: Basis, colour = '#444444') => {
  const [r, g, bl] = hexToRgb(colour);
  const rgba = `rgba(${r},${g},${bl},${(BASIS_ALPHA[b] / 255).toFixed(2)})`;
  return b === 'documented'
    ? `border-top:${DOCUMENTED_WIDTH}px dashed ${rgba};height:0`
    : `background:${rgba};height:5px`;
};

export function renderFlowControls(
  root: HTMLElement,
  i18n: I18n,
  vocab: Vocabulary,
  state: FlowsUiState,
  measures: Measure[],
  onChange: () => void,
  extra: { before: HTMLElement[]; after: HTMLElement[] } = { before: [], after: [] },
): { legend(summary: DrawnSummary): void } {
  const L = i18n.locale;
  const focusedId = root.contains(document.activeElement) ? (document.activeElement as HTMLElement).id : null;
  const check = (id: string, checked: boolean, label: (Node | string)[], on: (v: boolean) => void, extra?: Node) =>
    h(
      'li',
      {},
      h('input', { type: 'checkbox', id, checked, onchange: (e: Event) => (on((e.target as HTMLInputElement).checked), onChange()) }),
      h('label', { for: id }, ...label),
      extra ?? null,
    );

  const factorCounts = new Map<string, HTMLElement>();
  const factorList = h(
    'ul',
    { class: 'flow-checks' },
    ...vocab.factors.map((f) => {
      const count = h('span', { class: 'flow-count', 'data-factor-count': f.key });
      factorCounts.set(f.key, count);
      return check(
        `flow-factor-${f.key}`,
        state.factors.has(f.key),
        [h('span', { class: 'flow-swatch', style: `background:${factorColour(f.key)}`, 'aria-hidden': 'true' }), L === 'en' ? f.en : f.zh],
        (v) => (v ? state.factors.add(f.key) : state.factors.delete(f.key)),
        count,
      );
    }),
  );
  const basisNote: Record<Basis, string> = { observed: i18n.t('flowsObservedNote'), modelled: i18n.t('flowsModelledNote'), documented: i18n.t('flowsDocumentedNote') };
  const basisList = h(
    'ul',
    { class: 'flow-checks' },
    ...BASES.map((b) =>
      check(
        `flow-basis-${b}`,
        state.bases.has(b),
        [h('span', { class: 'flow-stroke', style: basisStroke(b), 'aria-hidden': 'true' }), termLabel(vocab, 'bases', b, L), h('small', { class: 'flow-note' }, basisNote[b])],
        (v) => (v ? state.bases.add(b) : state.bases.delete(b)),
      ),
    ),
  );
  const min = h('input', {
    type: 'number',
    id: 'flow-min-magnitude',
    min: 0,
    step: 'any',
    value: state.minMagnitude,
    'aria-describedby': 'flow-min-hint',
    onchange: (e: Event) => {
      const v = Number((e.target as HTMLInputElement).value);
      state.minMagnitude = Number.isFinite(v) && v > 0 ? v : 0;
      onChange();
    },
  });
  const widthNotes = h('ul', { class: 'flow-widths' });
  const shown = h('p', { class: 'flow-shown', 'aria-live': 'polite' });
  const notes = h('ul', { class: 'flow-legend-notes', id: 'flow-legend-notes' });
  const allianceList = h(
    'ul',
    { class: 'flow-checks' },
    check(
      'flow-alliances',
      state.alliances,
      [h('span', { class: 'flow-stroke flow-stroke-alliance', 'aria-hidden': 'true' }), i18n.t('flowsAlliances'), h('small', { class: 'flow-note' }, i18n.t('flowsAlliancesNote'))],
      (v) => (state.alliances = v),
    ),
  );

  const measureLabel = (m: Measure) => `${termLabel(vocab, 'factors', m.factor, L)} · ${termLabel(vocab, 'bases', m.basis, L)} · ${termLabel(vocab, 'units', m.unit, L)}`;
  const select = h(
    'select',
    { id: 'balance-measure', onchange: (e: Event) => ((state.measure = (e.target as HTMLSelectElement).value), onChange()) },
    ...measures.map((m) => h('option', { value: measureKey(m), selected: measureKey(m) === state.measure }, measureLabel(m))),
  );
  const balanceLegend = h('div', { class: 'balance-legend', id: 'balance-legend' });

  root.replaceChildren(
    h('h2', { id: 'flows-title' }, i18n.t('flowsTitle')),
    h('fieldset', {}, h('legend', {}, i18n.t('flowsFactors')), factorList),
    h('fieldset', {}, h('legend', {}, i18n.t('flowsBases')), basisList),
    ...extra.before,
    h('p', { class: 'flow-min' }, h('label', { for: 'flow-min-magnitude' }, i18n.t('flowsMinMagnitude')), ' ', min, h('small', { id: 'flow-min-hint', class: 'flow-note' }, i18n.t('flowsMinMagnitudeHint'))),
    widthNotes,
    h('p', { class: 'flow-note' }, i18n.t('flowsDirectionNote')),
    shown,
    notes,
    h('fieldset', {}, h('legend', {}, i18n.t('flowsAlliances')), allianceList),
    h(
      'fieldset',
      {},
      h('legend', {}, i18n.t('balanceTitle')),
      h(
        'ul',
        { class: 'flow-checks' },
        check('balance-show', state.balance, [i18n.t('balanceShow')], (v) => (state.balance = v)),
        check('balance-per-resident', state.perResident, [i18n.t('balancePerResident')], (v) => (state.perResident = v)),
      ),
      h('p', {}, h('label', { for: 'balance-measure' }, i18n.t('balanceMeasure')), ' ', select),
      balanceLegend,
    ),
    ...extra.after,
  );
  if (focusedId) document.getElementById(focusedId)?.focus();

  return {
    legend(s) {
      for (const [key, el] of factorCounts) el.textContent = `(${s.perFactor.get(key) ?? 0})`;
      widthNotes.replaceChildren(
        ...s.scales.map((sc) => h('li', { 'data-unit': sc.unit }, i18n.t('flowsWidthNote', { max: formatNumber(sc.max, L), unit: termLabel(vocab, 'units', sc.unit, L) }))),
      );
      shown.textContent = i18n.t('flowsShown', { n: s.flowCount });
      notes.replaceChildren(...(s.notes ?? []).map((n) => h('li', {}, n)));
      const c = s.choropleth;
      if (!c) {
        balanceLegend.replaceChildren();
        return;
      }
      const unit = termLabel(vocab, 'units', c.measure.unit, L);
      const fmt = (v: number) => formatNumber(v, L);
      const ranges = classRanges(c.breaks, fmt);
      const words = [i18n.t('balanceOutflow'), i18n.t('balanceOutflow'), '', i18n.t('balanceInflow'), i18n.t('balanceInflow')];
      balanceLegend.replaceChildren(
        h('p', { class: 'balance-unit' }, i18n.t('balanceUnit', { unit: c.perResident ? i18n.t('balancePerResidentUnit', { unit }) : unit, basis: termLabel(vocab, 'bases', c.measure.basis, L) })),
        ...balanceLevelNotes(c, i18n),
        h(
          'ol',
          { class: 'balance-classes' },
          ...PALETTE.map((colour, i) =>
            h(
              'li',
              { 'data-class': i, 'data-count': c.counts[i] ?? 0, 'data-lo': i === 0 ? '' : c.breaks[i - 1] ?? '', 'data-hi': c.breaks[i] ?? '' },
              h('span', { class: 'flow-swatch', style: `background:${colour}`, 'aria-hidden': 'true' }),
              `${ranges[i]} ${words[i]}`.trim(),
              h('small', { class: 'flow-note' }, ` ${i18n.t('balanceUnits', { n: c.counts[i] ?? 0 })}`),
            ),
          ),
        ),
        h('p', { class: 'flow-note' }, h('span', { class: 'flow-swatch flow-swatch-none', 'aria-hidden': 'true' }), i18n.t('balanceNoData')),
      );
    },
  };
}
