// Which units are core in the core/periphery view, as data: the urbanisation threshold or an explicit list
// of core units (the API's rule=list), the request each makes, its part of the URL hash, and the list
// editing the panel offers (toggle, add the selection, filter the candidates). The view follows the level
// the map shows: counties at the top, the townships of a county drilled into, the villages of a township.
// The list holds codes of any level; each level uses only its own units inside the scope. Pure: no DOM.
import type { CpUnit } from './core-periphery.ts';

export type CoreRule = { rule: 'urbanisation'; threshold: number } | { rule: 'list'; core: string[] };

/** Most core units a link or the API request carries (the list goes into a URL). */
export const MAX_CORE_UNITS = 200;
const CODE = /^\d{6}(\d{3}){0,2}$/;

export const fullCode = (code: string): string => code.padEnd(12, '0');
/** Short form for URLs: 6 digits for a county, 9 for a township. */
export const shortCode = (code: string): string => (code.endsWith('000000') ? code.slice(0, 6) : code.endsWith('000') ? code.slice(0, 9) : code);

/** Valid, distinct 12-digit codes in a stable order, at most MAX_CORE_UNITS. */
export function normaliseCore(codes: readonly string[]): string[] {
  return [...new Set(codes.filter((c) => CODE.test(c)).map(fullCode))].sort().slice(0, MAX_CORE_UNITS);
}

export type CoreLevel = 'county' | 'township' | 'village';

/** The level the view groups and the unit drilled into (12 digits; null at the top). */
export interface CoreBase {
  level: CoreLevel;
  within: string | null;
}

export const TOP_BASE: CoreBase = { level: 'county', within: null };

/** The level of a 12-digit code: 6 trailing zeros a county (or coarser), 3 a township, else a village. */
function levelOf(code: string): CoreLevel | 'above' {
  if (code.endsWith('00000000')) return 'above';
  return code.endsWith('000000') ? 'county' : code.endsWith('000') ? 'township' : 'village';
}

/**
 * What the view groups under the URL's drill scope (`drill=`, 12 digits), as the drill-down shows it: a
 * county shows its townships, a township (or a village, shown inside its township) its villages, anything
 * else the counties.
 */
export function coreBaseForDrill(drill: string | null): CoreBase {
  const level = drill ? levelOf(drill) : 'above';
  if (level === 'county') return { level: 'township', within: drill };
  if (level === 'township' || level === 'village') return { level: 'village', within: `${drill!.slice(0, 9)}000` };
  return TOP_BASE;
}

/** Digits a code inside the scope starts with (all codes at the top). */
const scopePrefix = (base: CoreBase) => (base.within ? shortCode(base.within) : '');

/** Whether a unit is one the view groups under this base: at its level and inside the scope. */
export const inBase = (code: string, base: CoreBase): boolean => levelOf(code) === base.level && code.startsWith(scopePrefix(base));

/** The chosen core units this base uses (the list may hold units of other levels and scopes). */
export const coreAt = (core: readonly string[], base: CoreBase): string[] => core.filter((c) => inBase(c, base));

/** The answer's units that belong to the base (a scoped answer names only its own; this also keeps the level). */
export const unitsIn = <U extends { code: string }>(units: readonly U[], base: CoreBase): U[] => units.filter((u) => inBase(u.code, base));

/**
 * The core/periphery request for a rule, scope query and base, or null when it cannot be asked (no core unit
 * at this level). Inside a drilled unit it asks with `unit=`: the API then groups only that unit's own units
 * and sums the flows across its edge apart, instead of making every outside unit periphery.
 */
export function corePeripheryUrl(rule: CoreRule, scopeQuery: string, base: CoreBase = TOP_BASE): string | null {
  const tail = scopeQuery ? `&${scopeQuery}` : '';
  const head = `/api/balance/core-periphery?level=${base.level}${base.within ? `&unit=${shortCode(base.within)}` : ''}`;
  if (rule.rule === 'urbanisation') return `${head}&threshold=${rule.threshold}${tail}`;
  const core = coreAt(rule.core, base);
  if (core.length === 0) return null;
  return `${head}&rule=list&core=${core.map(shortCode).join(',')}${tail}`;
}

/** Whether the threshold rule can group anything: at least one unit of the base has an urbanisation figure. */
export const canGroupByThreshold = (units: readonly CpUnit[], base: CoreBase): boolean => unitsIn(units, base).some((u) => u.urbanisation !== null);

/** The hash fields of url-scope.ts for a rule: `core=70`, or `corelist=330302,330303` (empty while none is chosen). */
export function coreHashFields(rule: CoreRule | null): { core: number | null; coreList?: string[] } {
  if (!rule) return { core: null };
  return rule.rule === 'urbanisation' ? { core: rule.threshold } : { core: null, coreList: rule.core };
}

/** The rule a link asks for: a list wins over a threshold; neither means the view is off. */
export function coreRuleFromHash(v: { core: number | null; coreList?: string[] }): CoreRule | null {
  if (v.coreList !== undefined) return { rule: 'list', core: normaliseCore(v.coreList) };
  return v.core !== null ? { rule: 'urbanisation', threshold: v.core } : null;
}

export function toggleCore(core: readonly string[], code: string, on: boolean): string[] {
  const full = fullCode(code);
  return normaliseCore(on ? [...core, full] : core.filter((c) => c !== full));
}

/** The county a selection belongs to. */
export const countyOf = (code: string): string => `${fullCode(code).slice(0, 6)}000000`;

/**
 * The unit of the base's level that a selection belongs to (a village adds its township, a township its
 * county), or null when the selection is coarser than the level or outside the scope.
 */
export function unitForSelection(code: string, base: CoreBase): string | null {
  const digits = { county: 6, township: 9, village: 12 }[base.level];
  const unit = fullCode(code).slice(0, digits).padEnd(12, '0');
  return inBase(unit, base) ? unit : null;
}

/**
 * Candidates for the list, filtered by a typed text (Chinese name, pinyin or code prefix, case and tones
 * ignored), chosen ones first, then by code. A chosen unit the flows do not touch (from a hand-edited link)
 * is still listed, under its code, so it can be unticked.
 */
export function coreCandidates(units: readonly CpUnit[], core: readonly string[], text: string): CpUnit[] {
  const plain = (s: string) => s.normalize('NFD').replace(/[\u0300-\u036f]/g, '').toLowerCase();
  const q = plain(text.trim());
  const chosen = new Set(core);
  const seen = new Set<string>();
  const known = new Set(units.map((u) => u.code));
  const strays = core.filter((c) => !known.has(c)).map((code): CpUnit => ({ code, nameZh: shortCode(code), nameEn: null, group: 'core', urbanisation: null, year: null }));
  return [...units, ...strays]
    .filter((u) => !seen.has(u.code) && (seen.add(u.code), true))
    .filter((u) => !q || u.code.startsWith(q) || shortCode(u.code).startsWith(q) || plain(u.nameZh).includes(q) || plain(u.nameEn ?? '').includes(q))
    .sort((a, b) => Number(chosen.has(b.code)) - Number(chosen.has(a.code)) || a.code.localeCompare(b.code));
}
