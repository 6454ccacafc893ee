// The core/periphery section of the flows panel: a switch, the rule (urbanisation threshold, or a list of
// core units: core-list.ts), and per factor the API's core → periphery and periphery → core totals
// (GET /api/balance/core-periphery), with unit and basis on every row. The same answer tints the units.
// It groups the level the map shows, read from the drill scope in the URL (`drill=`, written by the
// drill-down before the flows redraw that calls update): counties at the top, a county's townships inside it.
import './core.css';
import { fetchUnit } from '../api.ts';
import { h } from '../dom.ts';
import type { I18n } from '../i18n.ts';
import { parseCorePeriphery, visibleTotals, type CorePeriphery, type CpTotal, type CpUnit } from '../data/core-periphery.ts';
import { canGroupByThreshold, coreAt, coreBaseForDrill, corePeripheryUrl, normaliseCore, shortCode, unitsIn, type CoreBase, type CoreRule } from '../data/core-rule.ts';
import type { Basis, Vocabulary } from '../data/flow-json.ts';
import { readViewHash } from '../data/view-url-state.ts';
import { ft } from '../flows/filter-strings.ts';
import type { CoreLayer } from './core-layer.ts';
import { createCoreList, type CoreList } from './core-list.ts';
import { coreAnswerNodes, type CoreContext } from './core-table.ts';
import { parseCrossing, type Crossing } from './crossing.ts';
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
  /** The level grouped and the unit drilled into, as last asked. */
  base(): CoreBase;
}

/** `layer` is the tint's map layer (core-layer.ts), made by the caller before any tile is fetched. */
export function createCoreView(layer: CoreLayer | null, i18n: I18n, vocab: Vocabulary, initial: CoreRule | null, onChange: () => void): CoreView {
  let rule = initial;
  // What each rule was last set to, so switching rules or the view off and on keeps the choice.
  let lastThreshold = initial?.rule === 'urbanisation' ? initial.threshold : DEFAULT_THRESHOLD;
  let lastList = initial?.rule === 'list' ? initial.core : [];
  let selection: string | null = null;
  let list: CoreList | null = null;
  let base: CoreBase = coreBaseForDrill(readViewHash(location.hash).drill);
  // Units of the base the flows touch under the scope (any rule's answer lists them): the list's
  // candidates, read again when the scope or the base changes.
  let candidates: CpUnit[] | null = null;
  let candidatesFor = '';
  // The name of the unit drilled into, for the section's sentences (the short code until it is known).
  const names = new Map<string, string>();
  const scopeName = () => (base.within ? (names.get(`${i18n.locale}|${base.within}`) ?? shortCode(base.within)) : '');
  const learnName = async (code: string) => {
    if (names.has(`${i18n.locale}|${code}`)) return;
    try {
      const u = await fetchUnit(code);
      names.set(`zh-CN|${code}`, u.nameZh);
      names.set(`en|${code}`, u.nameEn ?? u.nameZh);
    } catch (err) {
      console.warn(`[atlas] ${(err as Error).message}`);
    }
  };
  let answer: CorePeriphery | null = null;
  // The flows across the drilled unit's edge, from the same (scoped) answer; null at the top.
  let crossing: Map<string, Crossing> | null = null;
  let rows: CpTotal[] | null = null;
  let filters: CoreFilters | null = null;
  let request = 0;
  // Factor and basis changes only re-filter the rows: the answer is re-read when the threshold or scope changes.
  let answerUrl = '';
  const fetchAnswer = async (url: string) => {
    const res = await fetch(url, { headers: { Accept: 'application/json' } });
    if (!res.ok) throw new Error(`core-periphery answered ${res.status}`);
    const json: unknown = await res.json();
    return { got: parseCorePeriphery(json), edge: parseCrossing(json) };
  };
  const updateList = () => list?.update(candidates, rule?.rule === 'list' ? rule.core : lastList, selection, base);
  const context = (): CoreContext => ({ base, scopeName: scopeName(), tints: layer?.tints(base.level) ?? false, crossing });
  const body = h('div', { class: 'core-body', id: 'core-periphery-body', 'aria-live': 'polite' });

  const render = () => {
    updateList();
    if (rule === null) return body.replaceChildren();
    const level = ct(i18n, `level${base.level}`);
    const shown = base.within ? h('p', { class: 'flow-note', id: 'core-level' }, ct(i18n, 'levelShown', { level, scope: scopeName() })) : null;
    if (rule.rule === 'list' && coreAt(rule.core, base).length === 0) return body.replaceChildren(...[shown, h('p', { class: 'flow-note' }, ct(i18n, 'listNone'))].filter((x) => x !== null));
    if (!answer || !rows || !filters) return body.replaceChildren(h('p', { class: 'flow-note' }, ft(i18n, 'loading')));
    // Townships have no urbanisation figure: a threshold would leave every one ungrouped, so say so instead.
    if (rule.rule === 'urbanisation' && answer.units.length > 0 && !canGroupByThreshold(answer.units, base))
      return body.replaceChildren(...[shown, h('p', { class: 'flow-note', id: 'core-no-urbanisation' }, ct(i18n, 'noUrbanisation', { level }))].filter((x) => x !== null));
    body.replaceChildren(...[shown, ...coreAnswerNodes(i18n, vocab, rule, answer, rows, context())].filter((x) => x !== null));
  };

  const refresh = async () => {
    const ticket = ++request;
    base = coreBaseForDrill(readViewHash(location.hash).drill);
    if (filters && candidatesFor !== `${filters.query}|${base.level}|${base.within}`) candidates = null;
    if (rule !== null && base.within) await learnName(base.within);
    if (ticket !== request) return;
    if (rule === null || !filters) {
      answer = null;
      answerUrl = '';
      rows = null;
      layer?.show(null);
      return render();
    }
    const url = filters.query === null ? null : corePeripheryUrl(rule, filters.query, base);
    const asked = `${filters.query}|${base.level}|${base.within}`;
    if (filters.query === null) {
      answer = { threshold: null, units: [], totals: [], sources: new Map() };
      crossing = null;
      answerUrl = '';
    } else if (url === null) {
      // An empty list asks nothing of the API; the candidates still come from an answer under this scope.
      answer = null;
      answerUrl = '';
      layer?.show(null);
      render();
      if (!candidates) {
        try {
          const { got } = await fetchAnswer(corePeripheryUrl({ rule: 'urbanisation', threshold: lastThreshold }, filters.query, base)!);
          if (ticket !== request) return;
          candidates = unitsIn(got.units, base);
          candidatesFor = asked;
        } catch (err) {
          console.warn(`[atlas] ${(err as Error).message}`);
        }
      }
      return render();
    } else if (answerUrl !== url) {
      answer = null;
      render();
      try {
        const { got, edge } = await fetchAnswer(url);
        if (ticket !== request) return;
        answer = got;
        crossing = edge;
        answerUrl = url;
        candidates = unitsIn(got.units, base);
        candidatesFor = asked;
      } catch (err) {
        if (ticket !== request) return;
        console.warn(`[atlas] ${(err as Error).message}`);
        body.replaceChildren(h('p', { class: 'flow-note' }, ft(i18n, 'coreFailed')));
        return;
      }
    }
    if (!answer) return;
    // A scoped answer names only the drilled unit's own units: they are the list's candidates.
    candidates = unitsIn(answer.units, base);
    candidatesFor = asked;
    rows = visibleTotals(answer, filters.factors, filters.bases);
    const grouped = rule.rule === 'list' || canGroupByThreshold(answer.units, base);
    layer?.show(grouped ? unitsIn(answer.units, base) : null, base.level);
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
      // Another scope or drill touches other units: refresh reads the candidates again with its answer.
      filters = f;
      await refresh();
    },
    shown: () => rows,
    groupAt: (code) => layer?.groupAt(code) ?? null,
    base: () => base,
  };
}
