// Which units are core in the core/periphery view, as data: the urbanisation threshold or an explicit list
// of core units (the API's rule=list), the request each makes, its part of the URL hash, and the list
// editing the panel offers (toggle, add the selection, filter the candidates). Pure: no DOM.
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

/** The core/periphery request for a rule and scope query, or null when it cannot be asked (an empty list). */
export function corePeripheryUrl(rule: CoreRule, scopeQuery: string): string | null {
  const tail = scopeQuery ? `&${scopeQuery}` : '';
  if (rule.rule === 'urbanisation') return `/api/balance/core-periphery?level=county&threshold=${rule.threshold}${tail}`;
  if (rule.core.length === 0) return null;
  return `/api/balance/core-periphery?level=county&rule=list&core=${rule.core.map(shortCode).join(',')}${tail}`;
}

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

/** The county a selection belongs to (the core/periphery view groups counties). */
export const countyOf = (code: string): string => `${fullCode(code).slice(0, 6)}000000`;

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
