// The period slider (two native range inputs: arrow keys, Home/End and screen readers work as they do for
// any slider) and the mechanism, integration type and benefit linkage checkboxes. Built once per
// language; a change edits the shared state and asks for a new answer.
import { h } from '../dom.ts';
import type { I18n } from '../i18n.ts';
import { clampYears, toggleTerm, type FlowScopeState } from '../data/flow-scope.ts';
import type { Term, Vocabulary } from '../data/flow-json.ts';
import { ft } from './filter-strings.ts';

export interface ScopeUi {
  scope: FlowScopeState;
  /** The years the unfiltered data spans; null: no dated flows, no slider. */
  span: [number, number] | null;
  animate: boolean;
}

/** Slider moves settle for this long before a request goes out (keys repeat; a drag fires many inputs). */
const SETTLE_MS = 180;

export function renderScopeControls(i18n: I18n, vocab: Vocabulary, ui: ScopeUi, onScope: () => void, onAnimate: () => void, reducedMotion: boolean): HTMLElement[] {
  const L = i18n.locale;
  const out: HTMLElement[] = [];
  if (ui.span) out.push(periodSlider(i18n, ui, ui.span, onScope));
  const lists: [string, keyof Pick<FlowScopeState, 'mechanisms' | 'integrationTypes' | 'benefitLinkages'>, Term[], string][] = [
    ['mechanism', 'mechanisms', vocab.mechanisms, ft(i18n, 'mechanism')],
    ['integration', 'integrationTypes', vocab.integrationTypes ?? [], ft(i18n, 'integration')],
    ['benefit', 'benefitLinkages', vocab.benefitLinkages ?? [], ft(i18n, 'benefit')],
  ];
  for (const [id, key, terms, title] of lists) {
    if (!terms.length) continue;
    const all = terms.map((t) => t.key);
    out.push(
      h(
        'fieldset',
        { class: 'flow-scope-terms' },
        h('legend', {}, title),
        h(
          'ul',
          { class: 'flow-checks flow-checks-compact' },
          ...terms.map((t) =>
            h(
              'li',
              {},
              h('input', {
                type: 'checkbox',
                id: `flow-${id}-${t.key}`,
                checked: ui.scope[key] === null || ui.scope[key]!.includes(t.key),
                onchange: (e: Event) => {
                  ui.scope = { ...ui.scope, [key]: toggleTerm(ui.scope[key], all, t.key, (e.target as HTMLInputElement).checked) };
                  onScope();
                },
              }),
              h('label', { for: `flow-${id}-${t.key}` }, L === 'en' ? t.en : t.zh),
            ),
          ),
        ),
        h('small', { class: 'flow-note' }, ft(i18n, 'narrowNote')),
      ),
    );
  }
  out.push(
    h(
      'fieldset',
      {},
      h('legend', {}, ft(i18n, 'animate')),
      h(
        'ul',
        { class: 'flow-checks' },
        h(
          'li',
          {},
          h('input', { type: 'checkbox', id: 'flow-animate', checked: ui.animate, disabled: reducedMotion, onchange: (e: Event) => ((ui.animate = (e.target as HTMLInputElement).checked), onAnimate()) }),
          h('label', { for: 'flow-animate' }, ft(i18n, 'animate')),
          null,
        ),
      ),
      h('small', { class: 'flow-note' }, reducedMotion ? ft(i18n, 'animateReduced') : ft(i18n, 'animateNote')),
    ),
  );
  return out;
}

function periodSlider(i18n: I18n, ui: ScopeUi, span: [number, number], onScope: () => void): HTMLElement {
  const from = () => ui.scope.from ?? span[0];
  const to = () => ui.scope.to ?? span[1];
  const text = h('output', { class: 'flow-period-range', id: 'flow-period-range', for: 'flow-year-from flow-year-to' });
  let timer: ReturnType<typeof setTimeout> | undefined;
  const show = () => (text.textContent = ft(i18n, 'periodRange', { from: from(), to: to() }));
  const slider = (id: string, label: string, value: number, set: (v: number) => void) => {
    const input = h('input', { type: 'range', id, min: span[0], max: span[1], step: 1, value, 'aria-valuetext': String(value) });
    input.addEventListener('input', () => {
      set(Number(input.value));
      // Thumbs may not cross: the other bound follows.
      for (const el of [fromInput, toInput]) if (el) el.setAttribute('aria-valuetext', el.value);
      show();
      clearTimeout(timer);
      timer = setTimeout(onScope, SETTLE_MS);
    });
    return { row: h('p', { class: 'flow-period-row' }, h('label', { for: id }, label), input), input };
  };
  let fromInput: HTMLInputElement | null = null;
  let toInput: HTMLInputElement | null = null;
  const a = slider('flow-year-from', ft(i18n, 'periodFrom'), from(), (v) => {
    ui.scope = { ...ui.scope, ...clampYears(v, Math.max(v, to()), span) };
    if (toInput) toInput.value = String(to());
  });
  const b = slider('flow-year-to', ft(i18n, 'periodTo'), to(), (v) => {
    ui.scope = { ...ui.scope, ...clampYears(Math.min(v, from()), v, span) };
    if (fromInput) fromInput.value = String(from());
  });
  fromInput = a.input;
  toInput = b.input;
  show();
  return h('fieldset', { class: 'flow-period' }, h('legend', {}, ft(i18n, 'period'), ' ', text), a.row, b.row, h('small', { class: 'flow-note' }, ft(i18n, 'periodNote')));
}
