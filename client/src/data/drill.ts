// The drill-down hierarchy as data: which level the map shows for a scope, which flows level goes with it,
// what a click on a unit drills into, and the breadcrumb from the top. No map or DOM here.
import { levels, type Level, type UnitSummary } from '../unit-details.ts';

/** The unit drilled into; null is the top of the map (every county). */
export type DrillScope = UnitSummary | null;

const order = (l: Level) => levels.indexOf(l);

/** The areas drawn under a scope: its children, and never coarser than counties (the map's top). */
export function shownLevel(scope: DrillScope): Level {
  if (!scope || order(scope.level) < order('county')) return 'county';
  return levels[Math.min(order(scope.level) + 1, levels.length - 1)]!;
}

/** Scopes a click can drill into: a county (to its townships) and a township (to its villages). */
export function isDrillable(level: Level): boolean {
  return level === 'county' || level === 'township';
}

/**
 * What the flows layer should ask for: roll up to the level shown, and only flows touching the scope once
 * the user has drilled into one unit (so partners outside still show, rolled up as far as the data allows).
 */
export function flowScopeFor(scope: DrillScope): { level: Level; within: string | null } {
  const level = shownLevel(scope);
  return { level, within: scope && isDrillable(scope.level) ? scope.code : null };
}

/**
 * The scope that choosing a unit (a click, a search hit) leads to: a county or township is drilled into;
 * a village shows inside its township; a province or prefecture is the top view.
 */
export function scopeForUnit(unit: UnitSummary, ancestors: readonly UnitSummary[]): DrillScope {
  if (isDrillable(unit.level)) return unit;
  if (unit.level === 'village') return [...ancestors].reverse().find((a) => a.level === 'township' || a.level === 'county') ?? null;
  return null;
}

export interface Crumb {
  /** null for the top (全部 / all). */
  unit: UnitSummary | null;
  current: boolean;
}

/** 全部 › 省 › 市 › 县 › 乡: the top, the scope's ancestors, then the scope itself (current). */
export function crumbsFor(scope: DrillScope, ancestors: readonly UnitSummary[]): Crumb[] {
  const out: Crumb[] = [{ unit: null, current: scope === null }];
  if (!scope) return out;
  for (const a of ancestors) if (order(a.level) < order(scope.level)) out.push({ unit: a, current: false });
  out.push({ unit: scope, current: true });
  return out;
}

/** Stepping up to a crumb: a province or prefecture is the top view framed on it, not a drill. */
export function scopeForCrumb(unit: UnitSummary | null): DrillScope {
  return unit && isDrillable(unit.level) ? unit : null;
}

/** A MapLibre filter on parent_code (tiles may carry codes as strings or numbers). */
export function parentFilter(parent: string): unknown[] {
  return ['==', ['to-string', ['get', 'parent_code']], parent];
}
