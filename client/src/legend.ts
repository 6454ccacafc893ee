// The legend: one swatch per drawn layer, made with the same colours the style uses, so it cannot drift.
import { h } from './dom.ts';
import type { I18n } from './i18n.ts';
import { colours } from './style.ts';

export function renderLegend(root: HTMLElement, i18n: I18n, shown: { townships: boolean }): void {
  const item = (swatch: HTMLElement, ...label: (Node | string)[]) => h('li', {}, swatch, h('span', { class: 'legend-label' }, ...label));
  const swatch = (cls: string, style: string) => h('span', { class: `swatch ${cls}`, style, 'aria-hidden': 'true' });
  root.replaceChildren(
    h('h2', { id: 'legend-title' }, i18n.t('legendTitle')),
    h(
      'ul',
      {},
      item(swatch('swatch-area', `background:${colours.countyFill};border:2px solid ${colours.countyLine}`), i18n.t('legendCounty')),
      shown.townships
        ? item(
            swatch('swatch-area swatch-hatch', `--hatch:${colours.hatch};border:1.5px dashed ${colours.townshipLine}`),
            i18n.t('legendTownship'),
            h('br'),
            h('span', { class: 'badge badge-approximate' }, i18n.t('approximateBadge')),
            ' ',
            i18n.t('legendApproximate'),
          )
        : null,
      item(swatch('swatch-line', `background:${colours.river}`), i18n.t('legendRiver')),
      item(swatch('swatch-area', `background:${colours.land};border:1px solid #d8d2c4`), i18n.t('legendLand')),
    ),
    h('p', { class: 'legend-credits' }, i18n.t('legendCredits')),
  );
}
