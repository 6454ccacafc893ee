// The filters the browser cannot apply to the county-level answer itself: the period, mechanism,
// integration type and benefit linkage. An aggregated flow mixes records of several years and mechanisms,
// so dropping part of it needs the records: these filters become query parameters of /api/flows (and of
// the balance routes), and the answer is re-read. Pure: state in, query string out.
import type { Flow } from './flow-json.ts';

export interface FlowScopeState {
  /** Inclusive years; null = the data's own first or last year (no bound sent). */
  from: number | null;
  to: number | null;
  /** null = every term, with flows that state none kept too; a list = only these (flows stating none drop). */
  mechanisms: readonly string[] | null;
  integrationTypes: readonly string[] | null;
  benefitLinkages: readonly string[] | null;
}

export const OPEN_SCOPE: FlowScopeState = { from: null, to: null, mechanisms: null, integrationTypes: null, benefitLinkages: null };

/** The years a set of flows spans, from their period bounds; null when none has one. */
export function yearSpan(flows: readonly Flow[]): [number, number] | null {
  let lo = Infinity;
  let hi = -Infinity;
  for (const f of flows) {
    if (!f.periodStart || !f.periodEnd) continue;
    lo = Math.min(lo, Number(f.periodStart.slice(0, 4)));
    hi = Math.max(hi, Number(f.periodEnd.slice(0, 4)));
  }
  return Number.isFinite(lo) && Number.isFinite(hi) ? [lo, hi] : null;
}

/**
 * A list toggle: every term checked means "no filter" (null), so flows that state no term stay; any other
 * choice is the list of checked terms in vocabulary order.
 */
export function toggleTerm(current: readonly string[] | null, all: readonly string[], key: string, on: boolean): string[] | null {
  const set = new Set(current ?? all);
  if (on) set.add(key);
  else set.delete(key);
  const next = all.filter((k) => set.has(k));
  return next.length === all.length ? null : next;
}

/** A year range kept in order and inside the data's span; a bound at the span's edge is no bound. */
export function clampYears(from: number | null, to: number | null, span: [number, number] | null): Pick<FlowScopeState, 'from' | 'to'> {
  if (!span) return { from: null, to: null };
  let lo = Math.min(Math.max(from ?? span[0], span[0]), span[1]);
  let hi = Math.min(Math.max(to ?? span[1], span[0]), span[1]);
  if (lo > hi) [lo, hi] = [hi, lo];
  return { from: lo === span[0] ? null : lo, to: hi === span[1] ? null : hi };
}

/**
 * The query parameters for a scope (sorted, so equal scopes share one cache entry), or null when a list is
 * empty: nothing can match, and the API would reject an empty list.
 */
export function scopeQuery(s: FlowScopeState): string | null {
  const p = new URLSearchParams();
  if (s.from !== null) p.set('from', String(s.from));
  if (s.to !== null) p.set('to', String(s.to));
  const lists: [string, readonly string[] | null][] = [
    ['mechanism', s.mechanisms],
    ['integration_type', s.integrationTypes],
    ['benefit_linkage', s.benefitLinkages],
  ];
  for (const [name, list] of lists) {
    if (list === null) continue;
    if (list.length === 0) return null;
    p.set(name, [...list].sort().join(','));
  }
  return p.toString().replace(/%2C/gi, ',');
}

/** True when a flow's own period overlaps the chosen years: what the server's `from`/`to` select. */
export function overlapsYears(f: Flow, s: Pick<FlowScopeState, 'from' | 'to'>): boolean {
  if (!f.periodStart || !f.periodEnd) return s.from === null && s.to === null;
  return (s.from === null || Number(f.periodEnd.slice(0, 4)) >= s.from) && (s.to === null || Number(f.periodStart.slice(0, 4)) <= s.to);
}
