// The lines the balance legend adds for the drill-down: which level is coloured, how (areas, hatched
// approximate areas, or village points) and when nothing could be coloured, so the legend always says what
// the map draws at that level.
import { h } from '../dom.ts';
import type { Choropleth } from '../data/balance-classes.ts';
import { drawnAsFor, isEmptyChoropleth, type LevelChoropleth } from '../data/drill-balance.ts';
import type { I18n } from '../i18n.ts';
import { dt } from './strings.ts';

export function balanceLevelNotes(c: Choropleth & Partial<LevelChoropleth>, i18n: I18n): HTMLElement[] {
  const L = i18n.locale;
  const level = c.level ?? 'county';
  const name = i18n.t(`level.${level}` as never);
  const lines = [dt(L, c.within ? 'balanceLevelWithin' : 'balanceLevel', { level: name })];
  if (level === 'township') lines.push(dt(L, 'balanceTownshipAreas'));
  if (drawnAsFor(level) === 'points') lines.push(dt(L, 'balanceVillagePoints'));
  if (c.withoutPoint) lines.push(dt(L, 'balanceWithoutPoint', { n: c.withoutPoint }));
  if (isEmptyChoropleth(c)) lines.push(dt(L, 'balanceLevelEmpty', { level: name }));
  return lines.map((text, i) => h('p', { class: 'flow-note balance-level', 'data-level': i === 0 ? level : null }, text));
}
