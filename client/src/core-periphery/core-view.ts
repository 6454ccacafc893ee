// The core/periphery section of the flows panel: a switch, the rule (urbanisation threshold, or a list of
// core units: core-list.ts), and per factor the API's core → periphery and periphery → core totals
// (GET /api/balance/core-periphery), with unit and basis on every row. The same answer tints the counties.
import './core.css';
import { h } from '../dom.ts';
import type { I18n } from '../i18n.ts';
import { parseCorePeriphery, visibleTotals, type CorePeriphery, type CpTotal, type CpUnit } from '../data/core-periphery.ts';
import { corePeripheryUrl, normaliseCore, type CoreRule } from '../data/core-rule.ts';
import type { Basis, Vocabulary } from '../data/flow-json.ts';
import { ft } from '../flows/filter-strings.ts';
import type { CoreLayer } from './core-layer.ts';
import { createCoreList, type CoreList } from './core-list.ts';
import { coreAnswerNodes } from './core-table.ts';
import { ct } from './strings.ts';

export const DEFAULT_THRESHOLD = 70;

export interface CoreFilters {
  /** Scope query (period, mechanism…), or null when nothing can match. */
  query: string | null;
  factors: readonly string[];
  bases: ReadonlySet<Basis>;
}

export interface CoreView {
  /** The rule in use, or null when the view is off. */
  readonly rule: CoreRule | null;
  /** The unit selected on the map (12-digit code), which the list can add as core. */
  selectionChanged(code: string | null): void;
  controls(): HTMLElement;
  update(f: CoreFilters): Promise<void>;
  /** What the table shows now (for tests): the API's rows after the factor and basis filters. */
  shown(): CpTotal[] | null;
  groupAt(code: string): string | null;
}

/** `layer` is the tint's map layer (core-layer.ts), made by the caller before any tile is fetched. */
export function createCoreView(layer: CoreLayer | null, i18n: I18n, vocab: Vocabulary, initial: CoreRule | null, onChange: () => void): CoreView {
  let rule = initial;
  // What each rule was last set to, so switching rules or the view off and on keeps the choice.
  let lastThreshold = initial?.rule === 'urbanisation' ? initial.threshold : DEFAULT_THRESHOLD;
  let lastList = initial?.rule === 'list' ? initial.core : [];
  let selection: string | null = null;
  let list: CoreList | null = null;
  // Counties the flows touch under the scope (any rule's answer lists them): the list's candidates.
  let candidates: CpUnit[] | null = null;
  let answer: CorePeriphery | null = null;
  let rows: CpTotal[] | null = null;
  let filters: CoreFilters | null = null;
  let request = 0;
  // Factor and basis changes only re-filter the rows: the answer is re-read when the threshold or scope changes.
  let answerUrl = '';
  const fetchAnswer = async (url: string) => {
    const res = await fetch(url, { headers: { Accept: 'application/json' } });
    if (!res.ok) throw new Error(`core-periphery answered ${res.status}`);
    return parseCorePeriphery(await res.json());
  };
  const updateList = () => list?.update(candidates, rule?.rule === 'list' ? rule.core : lastList, selection);
  const body = h('div', { class: 'core-body', id: 'core-periphery-body', 'aria-live': 'polite' });

  const render = () => {
    updateList();
    if (rule === null) return body.replaceChildren();
    if (rule.rule === 'list' && rule.core.length === 0) return body.replaceChildren(h('p', { class: 'flow-note' }, ct(i18n, 'listNone')));
    if (!answer || !rows || !filters) return body.replaceChildren(h('p', { class: 'flow-note' }, ft(i18n, 'loading')));
    body.replaceChildren(...coreAnswerNodes(i18n, vocab, rule, answer, rows));
  };

  const refresh = async () => {
    const ticket = ++request;
    if (rule === null || !filters) {
      answer = null;
      answerUrl = '';
      rows = null;
      layer?.show(null);
      return render();
    }
    const url = filters.query === null ? null : corePeripheryUrl(rule, filters.query);
    if (filters.query === null) {
      answer = { threshold: null, units: [], totals: [], sources: new Map() };
      answerUrl = '';
    } else if (url === null) {
      // An empty list asks nothing of the API; the candidates still come from an answer under this scope.
      answer = null;
      answerUrl = '';
      layer?.show(null);
      render();
      if (!candidates) {
        try {
          const got = await fetchAnswer(corePeripheryUrl({ rule: 'urbanisation', threshold: lastThreshold }, filters.query)!);
          if (ticket !== request) return;
          candidates = got.units;
        } catch (err) {
          console.warn(`[atlas] ${(err as Error).message}`);
        }
      }
      return render();
    } else if (answerUrl !== url) {
      answer = null;
      render();
      try {
        const got = await fetchAnswer(url);
        if (ticket !== request) return;
        answer = got;
        answerUrl = url;
        candidates = got.units;
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
  const setRule = (next: CoreRule | null) => {
    rule = next;
    if (next?.rule === 'urbanisation') lastThreshold = next.threshold;
    if (next?.rule === 'list') lastList = next.core;
    onChange();
    void refresh();
  };

  return {
    get rule() {
      return rule;
    },
    selectionChanged(code) {
      selection = code;
      updateList();
    },
    controls() {
      const input = h('input', {
        type: 'number',
        id: 'core-threshold',
        min: 0,
        max: 100,
        step: 1,
        value: lastThreshold,
        disabled: rule?.rule !== 'urbanisation',
        onchange: (e: Event) => {
          const v = Number((e.target as HTMLInputElement).value);
          if (!Number.isFinite(v) || v < 0 || v > 100) return;
          setRule({ rule: 'urbanisation', threshold: v });
        },
      });
      list = createCoreList(i18n, (core) => setRule({ rule: 'list', core: normaliseCore(core) }));
      const radio = (value: CoreRule['rule'], label: string) =>
        h(
          'li',
          {},
          h('input', {
            type: 'radio',
            name: 'core-rule',
            id: `core-rule-${value}`,
            value,
            checked: (rule?.rule ?? 'urbanisation') === value,
            disabled: rule === null,
            onchange: () => setRule(value === 'list' ? { rule: 'list', core: lastList } : { rule: 'urbanisation', threshold: lastThreshold }),
          }),
          h('label', { for: `core-rule-${value}` }, label),
        );
      const rules = h('fieldset', { class: 'core-rules' }, h('legend', {}, ct(i18n, 'ruleLegend')), h('ul', { class: 'flow-checks' }, radio('urbanisation', ct(i18n, 'ruleUrbanisation')), radio('list', ct(i18n, 'ruleList'))));
      const listBox = list.element;
      // Only the chosen rule's controls are shown; the radios and the threshold follow the switch.
      const sync = () => {
        for (const r of rules.querySelectorAll('input')) {
          r.disabled = rule === null;
          r.checked = (rule?.rule ?? 'urbanisation') === r.value;
        }
        input.disabled = rule?.rule !== 'urbanisation';
        listBox.hidden = rule?.rule !== 'list';
      };
      const toggle = h('input', {
        type: 'checkbox',
        id: 'core-show',
        checked: rule !== null,
        onchange: (e: Event) => {
          setRule((e.target as HTMLInputElement).checked ? (rules.querySelector<HTMLInputElement>('#core-rule-list')?.checked ? { rule: 'list', core: lastList } : { rule: 'urbanisation', threshold: lastThreshold }) : null);
          sync();
        },
      });
      rules.addEventListener('change', sync);
      sync();
      render();
      return h(
        'fieldset',
        { class: 'core-view' },
        h('legend', {}, ft(i18n, 'coreTitle')),
        h('ul', { class: 'flow-checks' }, h('li', {}, toggle, h('label', { for: 'core-show' }, ct(i18n, 'coreShow')), null)),
        rules,
        h('p', {}, h('label', { for: 'core-threshold' }, ft(i18n, 'coreThreshold')), ' ', input),
        listBox,
        body,
      );
    },
    async update(f) {
      // Another scope touches other counties: the list's candidates come again with its answer.
      if (f.query !== filters?.query) candidates = null;
      filters = f;
      await refresh();
    },
    shown: () => rows,
    groupAt: (code) => layer?.groupAt(code) ?? null,
  };
}
