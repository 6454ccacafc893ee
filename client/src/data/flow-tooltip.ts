// What a tooltip says about a flow or an alliance, as plain text rows: origin → destination, factor,
// magnitude or "no figure", basis, mechanism, period and source. Kept apart from the DOM to be testable.
import type { I18n } from '../i18n.ts';
import type { Alliance, FlowData, FlowLocation, Vocabulary } from './flow-json.ts';
import type { Flow } from './flow-json.ts';
import { formatNumber, termLabel } from './term-labels.ts';

export interface TooltipText {
  title: string;
  rows: [label: string, value: string][];
}

const placeName = (l: { nameZh: string; nameEn: string | null } | undefined, i18n: I18n, code: string) =>
  !l ? code : i18n.locale === 'en' ? `${l.nameEn ?? l.nameZh} ${l.nameZh}` : l.nameZh;

export function flowTooltip(flow: Flow, data: Pick<FlowData, 'locations' | 'sources'>, vocab: Vocabulary, i18n: I18n): TooltipText {
  const loc = (id: string): FlowLocation | undefined => data.locations.get(id);
  const L = i18n.locale;
  const magnitude =
    flow.magnitude === null ? i18n.t('flowsNoFigure') : `${formatNumber(flow.magnitude, L)} ${flow.unit ? termLabel(vocab, 'units', flow.unit, L) : ''}`.trim();
  const rows: [string, string][] = [
    [i18n.t('tipFactor'), termLabel(vocab, 'factors', flow.factor, L)],
    [i18n.t('tipMagnitude'), magnitude],
    [i18n.t('tipBasis'), termLabel(vocab, 'bases', flow.basis, L)],
  ];
  if (flow.mechanisms.length) rows.push([i18n.t('tipMechanism'), flow.mechanisms.map((m) => termLabel(vocab, 'mechanisms', m, L)).join('、')]);
  if (flow.period) rows.push([i18n.t('tipPeriod'), flow.period]);
  rows.push([i18n.t('tipSource'), flow.sources.map((s) => data.sources.get(s)?.title ?? s).join('; ') || i18n.t('notStated')]);
  return { title: `${placeName(loc(flow.origin), i18n, flow.origin)} → ${placeName(loc(flow.dest), i18n, flow.dest)}`, rows };
}

export function allianceTooltip(a: Alliance, i18n: I18n): TooltipText {
  const programme = i18n.locale === 'en' ? a.programmeEn : a.programmeZh;
  const years = [a.startYear !== null ? i18n.t('allianceSince', { year: a.startYear }) : null, a.endYear !== null ? i18n.t('allianceUntil', { year: a.endYear }) : null]
    .filter(Boolean)
    .join(i18n.locale === 'en' ? ', ' : '，');
  const rows: [string, string][] = [[i18n.t('tipProgramme'), programme]];
  if (years) rows.push([i18n.t('tipPeriod'), years]);
  if (a.source) rows.push([i18n.t('tipSource'), a.source]);
  return { title: `${placeName(a.a, i18n, a.a.code)} ↔ ${placeName(a.b, i18n, a.b.code)}`, rows };
}
