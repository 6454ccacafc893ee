// The flow filters in the URL's hash, next to MapLibre's own `view=zoom/lat/lon`, so a shared link reopens
// the same filters. Only what differs from the defaults is written; unknown or malformed values are ignored
// (a hand-edited link degrades to the defaults, never to an error).
import type { Basis } from './flow-json.ts';
import { isBasis } from './flow-json.ts';

export interface FlowUrlState {
  factors: string[];
  bases: Basis[];
  minMagnitude: number;
  alliances: boolean;
  /** a measure key (factor|basis|unit), or null for no choropleth */
  balance: string | null;
  perResident: boolean;
}

const KEYS = ['factors', 'basis', 'min', 'alliances', 'balance', 'per_resident'] as const;
const TERM = /^[a-z_]{1,40}$/;

function params(hash: string): URLSearchParams {
  return new URLSearchParams(hash.replace(/^#/, ''));
}

/** The state a hash asks for, over the defaults; allowed factors and measures come from the data. */
export function readFlowHash(hash: string, defaults: FlowUrlState, known: { factors: readonly string[]; measures: readonly string[] }): FlowUrlState {
  const p = params(hash);
  const list = (v: string | null) => (v === null ? null : v === '' ? [] : v.split(','));
  const factors = list(p.get('factors'));
  const bases = list(p.get('basis'));
  const min = p.get('min');
  const balance = p.get('balance');
  const minValue = min !== null && /^\d+(\.\d+)?$/.test(min) ? Number(min) : null;
  return {
    factors: factors ? factors.filter((f) => TERM.test(f) && known.factors.includes(f)) : defaults.factors,
    bases: bases ? bases.filter(isBasis) : defaults.bases,
    minMagnitude: minValue !== null && Number.isFinite(minValue) ? minValue : defaults.minMagnitude,
    alliances: p.has('alliances') ? p.get('alliances') !== '0' : defaults.alliances,
    balance: balance === null ? defaults.balance : balance === 'off' ? null : known.measures.includes(balance) ? balance : defaults.balance,
    perResident: p.has('per_resident') ? p.get('per_resident') === '1' : defaults.perResident,
  };
}

/** The hash with the flow state written in, every other parameter (MapLibre's `view`) kept as it was. */
export function writeFlowHash(hash: string, s: FlowUrlState, defaults: FlowUrlState): string {
  const p = params(hash);
  for (const k of KEYS) p.delete(k);
  const sameSet = (a: readonly string[], b: readonly string[]) => a.length === b.length && a.every((x) => b.includes(x));
  if (!sameSet(s.factors, defaults.factors)) p.set('factors', [...s.factors].sort().join(','));
  if (!sameSet(s.bases, defaults.bases)) p.set('basis', [...s.bases].sort().join(','));
  if (s.minMagnitude !== defaults.minMagnitude) p.set('min', String(s.minMagnitude));
  if (s.alliances !== defaults.alliances) p.set('alliances', s.alliances ? '1' : '0');
  if (s.balance !== defaults.balance) p.set('balance', s.balance ?? 'off');
  if (s.perResident !== defaults.perResident) p.set('per_resident', s.perResident ? '1' : '0');
  // MapLibre writes `view=9/27.9/120.3` unescaped; keep slashes and the measure's bars readable too.
  const text = p.toString().replace(/%2F/gi, '/').replace(/%7C/gi, '|').replace(/%2C/gi, ',');
  return text ? `#${text}` : '';
}
