// GET /api/balance/core-periphery parsed at the edge, and the rows of the view's table: per factor, basis
// and unit, core → periphery against periphery → core. Sums are the API's own; documented rows carry
// counts only. Pure: no DOM.
import { isBasis, type Basis } from './flow-json.ts';

export type CpGroup = 'core' | 'periphery' | 'unclassified';
const GROUPS: readonly CpGroup[] = ['core', 'periphery', 'unclassified'];

export interface CpUnit {
  code: string;
  nameZh: string;
  nameEn: string | null;
  group: CpGroup;
  urbanisation: number | null;
  year: number | null;
}

export interface CpTotal {
  factor: string;
  basis: Basis;
  unit: string | null;
  coreToPeriphery: number | null;
  peripheryToCore: number | null;
  net: number | null;
  counts: { coreToPeriphery: number; peripheryToCore: number; unclassified: number };
}

export interface CorePeriphery {
  threshold: number | null;
  units: CpUnit[];
  totals: CpTotal[];
  sources: Map<string, string>;
}

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);
const num = (v: unknown): number | null => (typeof v === 'number' && Number.isFinite(v) ? v : null);
const str = (v: unknown): string | null => (typeof v === 'string' && v.length > 0 ? v : null);

export function parseCorePeriphery(body: unknown): CorePeriphery {
  if (!isObj(body) || !Array.isArray(body.groups) || !Array.isArray(body.totals)) throw new Error('core-periphery: not a core-periphery answer');
  const units = body.groups.flatMap((g): CpUnit[] => {
    if (!isObj(g)) return [];
    const code = str(g.code);
    const group = GROUPS.find((x) => x === g.group);
    if (!code || !group) return [];
    return [{ code, nameZh: str(g.name_zh) ?? code, nameEn: str(g.name_en), group, urbanisation: num(g.urbanisation_rate), year: num(g.urbanisation_year) }];
  });
  const totals = body.totals.flatMap((t): CpTotal[] => {
    if (!isObj(t) || !str(t.factor) || !isBasis(t.basis)) return [];
    const documented = t.basis === 'documented';
    const c = isObj(t.counts) ? t.counts : {};
    return [
      {
        factor: str(t.factor)!,
        basis: t.basis,
        unit: documented ? null : str(t.unit),
        coreToPeriphery: documented ? null : num(t.core_to_periphery),
        peripheryToCore: documented ? null : num(t.periphery_to_core),
        net: documented ? null : num(t.net_core_to_periphery),
        counts: { coreToPeriphery: num(c.core_to_periphery) ?? 0, peripheryToCore: num(c.periphery_to_core) ?? 0, unclassified: num(c.involving_unclassified) ?? 0 },
      },
    ];
  });
  const sources = new Map<string, string>();
  if (isObj(body.sources)) for (const [id, s] of Object.entries(body.sources)) if (isObj(s) && str(s.title)) sources.set(id, str(s.title)!);
  return { threshold: num(body.threshold), units, totals, sources };
}

/** The rows shown: only factors and bases the flow filters let through, in the factor vocabulary's order. */
export function visibleTotals(cp: CorePeriphery, factors: readonly string[], bases: ReadonlySet<Basis>): CpTotal[] {
  const rank = (f: string) => (factors.includes(f) ? factors.indexOf(f) : factors.length);
  return cp.totals
    .filter((t) => factors.includes(t.factor) && bases.has(t.basis))
    .sort((a, b) => rank(a.factor) - rank(b.factor) || a.basis.localeCompare(b.basis) || (a.unit ?? '').localeCompare(b.unit ?? ''));
}

/** Bar lengths (0–1) of the two directions within one row, against the larger of the two. */
export function barShares(t: CpTotal): [number, number] {
  const a = t.coreToPeriphery ?? 0;
  const b = t.peripheryToCore ?? 0;
  const m = Math.max(a, b);
  return m > 0 ? [a / m, b / m] : [0, 0];
}

export const GROUP_COLOURS: Record<CpGroup, string> = { core: '#4D4D4D', periphery: '#1B9E77', unclassified: '#BDBDBD' };
