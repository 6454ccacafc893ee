// The flows across the edge of the unit drilled into, one row per row of the main table: core → outside,
// outside → core, periphery → outside and outside → periphery. They are not in the main table's totals, which
// count only flows with both ends inside. Headers are short arrows on screen and whole sentences for screen
// readers (aria-label), which also read the caption.
import { h } from '../dom.ts';
import type { I18n } from '../i18n.ts';
import type { CpTotal } from '../data/core-periphery.ts';
import type { Vocabulary } from '../data/flow-json.ts';
import { formatNumber } from '../data/term-labels.ts';
import { ft } from '../flows/filter-strings.ts';
import { CROSSING_WAYS, crossingKey, type Crossing, type CrossingWay } from './crossing.ts';
import { rowHead } from './row-head.ts';
import { ct } from './strings.ts';

/** The data attribute each way's figure is kept in (tests compare them with the API's). */
const ATTRS: Record<CrossingWay, string> = { coreToOutside: 'data-c2o', outsideToCore: 'data-o2c', peripheryToOutside: 'data-p2o', outsideToPeriphery: 'data-o2p' };

export function crossingTable(i18n: I18n, vocab: Vocabulary, rows: readonly CpTotal[], crossing: ReadonlyMap<string, Crossing>, scope: string): HTMLElement {
  const none: Crossing = { sums: { coreToOutside: null, outsideToCore: null, peripheryToOutside: null, outsideToPeriphery: null }, counts: { coreToOutside: 0, outsideToCore: 0, peripheryToOutside: 0, outsideToPeriphery: 0 } };
  const row = (t: CpTotal) => {
    const c = crossing.get(crossingKey(t.factor, t.basis, t.unit)) ?? none;
    const attrs = Object.fromEntries(CROSSING_WAYS.map((w) => [ATTRS[w], c.sums[w] ?? '']));
    const cell = (w: CrossingWay) => h('td', {}, t.basis === 'documented' ? ft(i18n, 'coreCountOnly', { n: c.counts[w] }) : c.sums[w] === null ? '—' : formatNumber(c.sums[w], i18n.locale));
    return h('tr', { 'data-factor': t.factor, 'data-basis': t.basis, 'data-unit': t.unit ?? '', ...attrs }, rowHead(i18n, vocab, t), ...CROSSING_WAYS.map(cell));
  };
  return h(
    'table',
    { class: 'core-table', id: 'core-crossing-table' },
    h('caption', {}, ct(i18n, 'crossingCaption', { scope })),
    h('thead', {}, h('tr', {}, h('th', {}, ''), ...CROSSING_WAYS.map((w) => h('th', { scope: 'col', 'aria-label': ct(i18n, `${w}Label`, { scope }) }, ct(i18n, w))))),
    h('tbody', {}, ...rows.map(row)),
  );
}
