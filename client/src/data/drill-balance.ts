// The net-balance choropleth under the drill-down, as data: which /api/balance request goes with a drill
// scope, which of its rows are whole figures for units inside the scope, and how the result is drawn
// (county or township areas, village points, or nothing) so the legend can say so. No map or DOM here.
import { buildChoropleth, type Choropleth, type Measure } from './balance-classes.ts';
import type { BalanceRow } from './flow-json.ts';

/** The drill-down's flows base: the level shown and the unit drilled into (null at the top). */
export interface BalanceBase {
  level: string;
  within: string | null;
}

/** How a level's units are drawn: counties and townships have areas; villages only points at their seats. */
export type DrawnAs = 'areas' | 'points';

export interface LevelChoropleth extends Choropleth {
  level: string;
  /** 12-digit code drilled into, or null at the top. */
  within: string | null;
  drawnAs: DrawnAs;
  /** Units with a figure that have no point to draw it at (villages without a known seat); 0 for areas. */
  withoutPoint: number;
}

export const drawnAsFor = (level: string): DrawnAs => (level === 'village' ? 'points' : 'areas');

/** The short NBS prefix a unit's descendants share: 6 digits for a county, 9 for a township. */
export function codePrefix(code: string): string {
  const full = code.padEnd(12, '0');
  if (full.endsWith('000000')) return full.slice(0, 6);
  if (full.endsWith('000')) return full.slice(0, 9);
  return full;
}

/**
 * The balance request for a base. Drilled in, the API's `unit=` keeps only flows with an end inside the
 * scope, so every flow of a unit inside it is counted, while units outside would get partial sums: those
 * rows are dropped by `rowsWithin`.
 */
export function balancePath(base: BalanceBase, scopeQuery: string): string {
  const unit = base.within ? `&unit=${encodeURIComponent(base.within)}` : '';
  // The series layout names each unit once: a national county answer is 2.2 MB instead of 17.7 MB.
  return `/api/balance?level=${encodeURIComponent(base.level)}${unit}${scopeQuery ? `&${scopeQuery}` : ''}&layout=series`;
}

/** Rows of units inside the scope (all rows at the top): the only ones whose figures are whole. */
export function rowsWithin(rows: readonly BalanceRow[], within: string | null): BalanceRow[] {
  if (!within) return [...rows];
  const prefix = codePrefix(within);
  const self = within.padEnd(12, '0');
  return rows.filter((r) => r.code.startsWith(prefix) && r.code !== self);
}

/**
 * The choropleth for the rows read at `base`, labelled with its level and how it is drawn. `hasPoint` says
 * whether a unit has a point (the flows answer's locations): drawn as points, a unit without one is counted
 * in its class but cannot be drawn, and the legend says how many.
 */
export function buildLevelChoropleth(rows: readonly BalanceRow[], measure: Measure, perResident: boolean, base: BalanceBase, hasPoint: (code: string) => boolean = () => true): LevelChoropleth {
  const c = buildChoropleth(rows, measure, perResident);
  const drawnAs = drawnAsFor(base.level);
  const withoutPoint = drawnAs === 'points' ? [...c.classes.keys()].filter((code) => !hasPoint(code)).length : 0;
  return { ...c, level: base.level, within: base.within, drawnAs, withoutPoint };
}

/** Whether a choropleth has nothing to colour: no unit at this level has a figure for the measure. */
export const isEmptyChoropleth = (c: Choropleth): boolean => c.classes.size === 0;
