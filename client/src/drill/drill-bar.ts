// The drill-down breadcrumb over the map: 全部 › 浙江省 › 温州市 › 泰顺县 › 罗阳镇. Every step above the
// current one is a button that steps back up; the current step carries aria-current. The level shown
// under it is said in words, for people who cannot see the hatch change.
import { h } from '../dom.ts';
import type { I18n } from '../i18n.ts';
import { shownLevel, type Crumb, type DrillScope } from '../data/drill.ts';
import type { UnitSummary } from '../unit-details.ts';
import { dt } from './strings.ts';

export function renderDrillBar(root: HTMLElement, i18n: I18n, scope: DrillScope, crumbs: Crumb[], onStep: (unit: UnitSummary | null) => void): void {
  const L = i18n.locale;
  const name = (u: UnitSummary | null) => (u ? (L === 'en' && u.nameEn ? u.nameEn : u.nameZh) : dt(L, 'drillTop'));
  const items: HTMLElement[] = [];
  crumbs.forEach((c, i) => {
    if (i) items.push(h('li', { class: 'sep', 'aria-hidden': 'true' }, '›'));
    items.push(
      c.current
        ? h('li', { 'aria-current': 'location', tabindex: -1, 'data-code': c.unit?.code ?? '' }, name(c.unit))
        : h(
            'li',
            {},
            h('button', { type: 'button', class: 'link-button', 'data-code': c.unit?.code ?? '', 'aria-label': dt(L, 'drillStepUp', { name: name(c.unit) }), onclick: () => onStep(c.unit) }, name(c.unit)),
          ),
    );
  });
  root.setAttribute('aria-label', dt(L, 'drillNav'));
  root.replaceChildren(
    h('ol', {}, ...items),
    h('p', { class: 'drill-level' }, dt(L, 'drillShowing', { level: i18n.t(`level.${shownLevel(scope)}`) })),
  );
}
