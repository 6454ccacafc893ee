// The unit panel's data sections: indicators, in/out/net per factor, top partners, each figure with its
// basis and source. Text nodes only; numbers are formatted, never computed, here.
import { h } from '../dom.ts';
import type { Locale } from '../i18n.ts';
import type { BalanceRow, Vocabulary } from '../data/flow-json.ts';
import { formatNumber, termLabel } from '../data/term-labels.ts';
import { chartSeries, latestIndicators, type CorridorGroup, type IndicatorValue, type SourceRef } from '../data/unit-profile.ts';
import { dt } from '../drill/strings.ts';
import { yearChart } from './year-chart.ts';

export interface ProfileView {
  locale: Locale;
  vocab: Vocabulary | null;
  go(code: string): void;
}

const term = (v: ProfileView, kind: 'factors' | 'units', key: string) => (v.vocab ? termLabel(v.vocab, kind, key, v.locale) : key);
const sourceTitle = (sources: Map<string, SourceRef>, id: string | null) => (id ? (sources.get(id)?.title ?? id) : '—');
const basisTag = (v: ProfileView, basis: string) =>
  h('span', { class: `basis-tag basis-${basis}` }, dt(v.locale, `basis.${basis}` as 'basis.observed'));
const section = (id: string, title: string, ...body: (Node | null)[]) =>
  h('section', { class: 'profile-section', 'aria-labelledby': id }, h('h3', { id }, title), ...body);

export function indicatorsSection(v: ProfileView, values: IndicatorValue[], sources: Map<string, SourceRef>): HTMLElement {
  const L = v.locale;
  const latest = latestIndicators(values);
  const series = chartSeries(values);
  const items = latest.map((x) =>
    h(
      'li',
      { 'data-indicator': x.indicator },
      h('span', { class: 'ind-name' }, L === 'en' ? x.labelEn : x.labelZh),
      ' ',
      h('strong', { class: 'ind-value' }, formatNumber(x.value, L), x.unit ? ` ${term(v, 'units', x.unit)}` : ''),
      ' ',
      h('span', { class: 'ind-year' }, `(${dt(L, 'year', { year: x.year })})`),
      h('span', { class: 'provenance' }, basisTag(v, x.basis), ' ', dt(L, 'sourceLabel', { source: sourceTitle(sources, x.source) })),
    ),
  );
  let chart: HTMLElement | null = null;
  if (series) {
    const unit = series.unit ? term(v, 'units', series.unit) : '';
    const svg = yearChart(series, L, unit);
    const from = series.points[0]!.year;
    const to = series.points[series.points.length - 1]!.year;
    const chartSources = [...new Set(series.points.map((p) => sourceTitle(sources, p.source)))].join('；');
    chart = svg
      ? h(
          'figure',
          { class: 'year-chart-figure' },
          h('figcaption', {}, dt(L, 'chartTitle', { indicator: L === 'en' ? series.labelEn : series.labelZh, from, to }), unit ? ` · ${dt(L, 'unitLabel', { unit })}` : ''),
          svg,
          h('p', { class: 'provenance' }, basisTag(v, series.basis), ' ', dt(L, 'sourceLabel', { source: chartSources })),
        )
      : null;
  }
  return section(
    'profile-indicators',
    dt(L, 'indicators'),
    items.length ? h('ul', { class: 'indicator-list' }, ...items) : h('p', { class: 'note' }, dt(L, 'indicatorsNone')),
    chart,
  );
}

export function balanceSection(v: ProfileView, rows: BalanceRow[]): HTMLElement {
  const L = v.locale;
  const fig = (x: number | null, unit: string | null) => (x === null ? dt(L, 'noFigure') : `${formatNumber(x, L)}${unit ? ` ${term(v, 'units', unit)}` : ''}`);
  const table = h(
    'table',
    { class: 'balance-table' },
    h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, ''), h('th', { scope: 'col' }, dt(L, 'balanceIn')), h('th', { scope: 'col' }, dt(L, 'balanceOut')), h('th', { scope: 'col' }, dt(L, 'balanceNet')))),
    h(
      'tbody',
      {},
      ...rows.map((r) =>
        h(
          'tr',
          { 'data-factor': r.factor, 'data-basis': r.basis },
          h('th', { scope: 'row' }, term(v, 'factors', r.factor), ' ', basisTag(v, r.basis)),
          h('td', {}, fig(r.inflow, r.unit)),
          h('td', {}, fig(r.outflow, r.unit)),
          h('td', {}, fig(r.net, r.unit)),
        ),
      ),
    ),
  );
  return section('profile-balance', dt(L, 'balance'), rows.length ? table : h('p', { class: 'note' }, dt(L, 'balanceNone')));
}

export function partnersSection(v: ProfileView, groups: CorridorGroup[], sources: Map<string, SourceRef>): HTMLElement {
  const L = v.locale;
  const list = groups.map((g) =>
    h(
      'li',
      { 'data-factor': g.factor, 'data-direction': g.direction, 'data-basis': g.basis },
      h('span', { class: 'partner-head' }, `${term(v, 'factors', g.factor)} · ${dt(L, g.direction === 'in' ? 'partnersIn' : 'partnersOut')} `, basisTag(v, g.basis)),
      h(
        'ol',
        {},
        ...g.partners.map((p) =>
          h(
            'li',
            {},
            h('button', { type: 'button', class: 'link-button', 'data-code': p.code, onclick: () => v.go(p.code) }, L === 'en' && p.nameEn ? p.nameEn : p.nameZh),
            ' ',
            p.magnitude === null ? dt(L, 'noFigure') : `${formatNumber(p.magnitude, L)}${g.unit ? ` ${term(v, 'units', g.unit)}` : ''}`,
            ` (${dt(L, 'flowsCount', { n: p.count })}; ${dt(L, 'sourceLabel', { source: p.sources.map((s) => sourceTitle(sources, s)).join('；') || '—' })})`,
          ),
        ),
      ),
    ),
  );
  return section('profile-partners', dt(L, 'partners'), list.length ? h('ul', { class: 'partner-list' }, ...list) : h('p', { class: 'note' }, dt(L, 'partnersNone')));
}
