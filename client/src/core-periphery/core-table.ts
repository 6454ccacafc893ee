// The core/periphery answer as the section shows it: the rule in words, the groups' colours and counts,
// and per factor, basis and unit the API's core → periphery and periphery → core totals with bars. Inside a
// drilled unit the API groups only that unit's own units, and a second table gives the flows across its
// edge (crossing-table.ts).
import { h } from '../dom.ts';
import type { I18n } from '../i18n.ts';
import { barShares, GROUP_COLOURS, type CorePeriphery, type CpTotal } from '../data/core-periphery.ts';
import { coreAt, unitsIn, type CoreBase, type CoreRule } from '../data/core-rule.ts';
import type { Vocabulary } from '../data/flow-json.ts';
import { formatNumber } from '../data/term-labels.ts';
import { ft } from '../flows/filter-strings.ts';
import type { Crossing } from './crossing.ts';
import { crossingTable } from './crossing-table.ts';
import { rowHead } from './row-head.ts';
import { ct } from './strings.ts';

export interface CoreContext {
  base: CoreBase;
  /** The name of the unit drilled into ('' at the top). */
  scopeName: string;
  /** Whether the map can tint the base's level (villages have no areas). */
  tints: boolean;
  /** The flows across the drilled unit's edge (a scoped answer's); null at the top. */
  crossing: Map<string, Crossing> | null;
}

export function coreAnswerNodes(i18n: I18n, vocab: Vocabulary, rule: CoreRule, answer: CorePeriphery, rows: readonly CpTotal[], at: CoreContext): HTMLElement[] {
  const L = i18n.locale;
  const units = unitsIn(answer.units, at.base);
  const n = (g: string) => units.filter((u) => u.group === g).length;
  const level = ct(i18n, `level${at.base.level}`);
  const chosen = rule.rule === 'list' ? coreAt(rule.core, at.base).length : 0;
  const ruleText =
    rule.rule === 'urbanisation' ? ft(i18n, 'coreRule', { t: rule.threshold }) : at.base.within ? ct(i18n, 'listRuleIn', { n: chosen, level, scope: at.scopeName }) : ct(i18n, 'listRule', { n: chosen });
  const swatch = (colour: string) => h('span', { class: 'flow-swatch', style: `background:${colour};opacity:0.6`, 'aria-hidden': 'true' });
  const fmt = (v: number | null) => (v === null ? '—' : formatNumber(v, L));
  const row = (t: CpTotal) => {
    const [a, b] = barShares(t);
    const figure = (v: number | null, count: number, share: number, cls: string) =>
      h('td', {}, t.basis === 'documented' ? ft(i18n, 'coreCountOnly', { n: count }) : `${fmt(v)}`, t.basis === 'documented' ? null : h('span', { class: `core-bar ${cls}`, style: `width:${(share * 100).toFixed(1)}%`, 'aria-hidden': 'true' }));
    return h(
      'tr',
      { 'data-factor': t.factor, 'data-basis': t.basis, 'data-unit': t.unit ?? '', 'data-c2p': t.coreToPeriphery ?? '', 'data-p2c': t.peripheryToCore ?? '' },
      rowHead(i18n, vocab, t),
      figure(t.coreToPeriphery, t.counts.coreToPeriphery, a, 'core-bar-out'),
      figure(t.peripheryToCore, t.counts.peripheryToCore, b, 'core-bar-in'),
      h('td', {}, fmt(t.net)),
    );
  };
  const titles = [...answer.sources.values()];
  return [
    h('p', { class: 'flow-note', id: 'core-rule-text' }, ruleText),
    h(
      'ul',
      { class: 'core-groups' },
      h('li', {}, swatch(GROUP_COLOURS.core), ft(i18n, 'coreGroupCore')),
      h('li', {}, swatch(GROUP_COLOURS.periphery), ft(i18n, 'coreGroupPeriphery')),
      // A list leaves no unit ungrouped.
      rule.rule === 'urbanisation' ? h('li', {}, swatch(GROUP_COLOURS.unclassified), ft(i18n, 'coreGroupNone')) : null,
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
    ...(at.crossing && rows.length ? [crossingTable(i18n, vocab, rows, at.crossing, at.scopeName)] : []),
    ...(at.tints ? [] : [h('p', { class: 'flow-note', id: 'core-no-areas' }, ct(i18n, 'noAreas', { level }))]),
    ...(titles.length && rule.rule === 'urbanisation' ? [h('p', { class: 'flow-note' }, ft(i18n, 'coreSource', { sources: titles.join('; ') }))] : []),
    h('p', { class: 'flow-note' }, ft(i18n, 'coreHidesBalance')),
  ];
}
