// The flows across the edge of the unit drilled into, as a scoped core/periphery answer gives them (`unit=`):
// per factor, basis and unit of measure, core/periphery → outside and outside → core/periphery, with counts.
// Parsed apart from data/core-periphery.ts because only a scoped answer has them. Pure: no DOM.
export const CROSSING_WAYS = ['coreToOutside', 'outsideToCore', 'peripheryToOutside', 'outsideToPeriphery'] as const;
export type CrossingWay = (typeof CROSSING_WAYS)[number];

export interface Crossing {
  /** Null for documented flows (counts only) and where the answer gives no figure. */
  sums: Record<CrossingWay, number | null>;
  counts: Record<CrossingWay, number>;
}

/** The API's field names of each way. */
const FIELDS: Record<CrossingWay, string> = {
  coreToOutside: 'core_to_outside',
  outsideToCore: 'outside_to_core',
  peripheryToOutside: 'periphery_to_outside',
  outsideToPeriphery: 'outside_to_periphery',
};

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);
const num = (v: unknown): number | null => (typeof v === 'number' && Number.isFinite(v) ? v : null);

/** The key a total is found under: the same three fields as the table's rows (data/core-periphery.ts CpTotal). */
export const crossingKey = (factor: string, basis: string, unit: string | null): string => `${factor}|${basis}|${unit ?? ''}`;

/** The crossing flows of an answer by crossingKey, or null when the answer is not scoped to a unit. */
export function parseCrossing(body: unknown): Map<string, Crossing> | null {
  if (!isObj(body) || !isObj(body.scope) || !Array.isArray(body.totals)) return null;
  const out = new Map<string, Crossing>();
  for (const t of body.totals) {
    if (!isObj(t) || typeof t.factor !== 'string' || typeof t.basis !== 'string') continue;
    const counts = isObj(t.counts) ? t.counts : {};
    const documented = t.basis === 'documented';
    const pick = <T>(read: (field: string) => T) => Object.fromEntries(CROSSING_WAYS.map((w) => [w, read(FIELDS[w])])) as Record<CrossingWay, T>;
    out.set(crossingKey(t.factor, t.basis, documented ? null : typeof t.unit === 'string' ? t.unit : null), {
      sums: pick((f) => (documented ? null : num(t[f]))),
      counts: pick((f) => num(counts[f]) ?? 0),
    });
  }
  return out;
}
