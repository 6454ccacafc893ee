// The panel's small chart over the years: an inline SVG drawn from data/year-chart.ts's layout, with a text
// alternative naming every value, and its basis and sources printed under it (never a bare line).
import { chartLayout } from '../data/year-chart.ts';
import type { YearSeries } from '../data/unit-profile.ts';
import type { Locale } from '../i18n.ts';
import { formatNumber } from '../data/term-labels.ts';
import { dt } from '../drill/strings.ts';

const SVG = 'http://www.w3.org/2000/svg';
const WIDTH = 300;
const HEIGHT = 110;

function el<K extends keyof SVGElementTagNameMap>(tag: K, attrs: Record<string, string | number>, text?: string): SVGElementTagNameMap[K] {
  const node = document.createElementNS(SVG, tag);
  for (const [k, v] of Object.entries(attrs)) node.setAttribute(k, String(v));
  if (text !== undefined) node.textContent = text;
  return node;
}

export function yearChart(series: YearSeries, locale: Locale, unitLabel: string): SVGSVGElement | null {
  const layout = chartLayout(series.points, WIDTH, HEIGHT);
  if (!layout) return null;
  const indicator = locale === 'en' ? series.labelEn : series.labelZh;
  const values = series.points.map((p) => `${p.year}: ${formatNumber(p.value, locale)} ${unitLabel}`).join('; ');
  const svg = el('svg', { class: 'year-chart', viewBox: `0 0 ${WIDTH} ${HEIGHT}`, width: WIDTH, height: HEIGHT, role: 'img', 'aria-label': dt(locale, 'chartLabel', { indicator, values }) });
  svg.append(
    el('line', { x1: 8, x2: WIDTH - 8, y1: layout.baseline, y2: layout.baseline, class: 'year-chart-axis' }),
    // Modelled figures are drawn dashed, like modelled flows are drawn lighter: an estimate must not look measured.
    el('path', { d: layout.path, class: `year-chart-line basis-${series.basis}`, fill: 'none' }),
  );
  for (const p of layout.points) {
    svg.append(el('circle', { cx: p.x, cy: p.y, r: 3, class: 'year-chart-dot' }));
    svg.append(el('text', { x: p.x, y: HEIGHT - 4, 'text-anchor': 'middle', class: 'year-chart-year' }, String(p.year)));
  }
  const last = layout.points[layout.points.length - 1]!;
  svg.append(el('text', { x: Math.min(last.x, WIDTH - 8), y: Math.max(last.y - 5, 10), 'text-anchor': 'end', class: 'year-chart-value' }, formatNumber(last.value, locale)));
  return svg;
}
