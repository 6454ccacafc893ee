// What the unit panel shows beyond the unit itself, parsed at the edge: indicators with their sources
// (GET /api/indicators), the unit's own balance rows (GET /api/balance) and its top partners
// (GET /api/units/{code}/corridors). Malformed rows are dropped, never shown half-read.
import { isBasis, parseBalance, type Basis, type BalanceRow } from './flow-json.ts';

export interface SourceRef {
  id: string;
  title: string;
  publisher: string | null;
}

export interface IndicatorValue {
  indicator: string;
  labelZh: string;
  labelEn: string;
  year: number;
  value: number;
  unit: string | null;
  basis: Basis;
  source: string | null;
}

export interface Partner {
  code: string;
  nameZh: string;
  nameEn: string | null;
  /** null when every flow with this partner is documented: there is no figure. */
  magnitude: number | null;
  count: number;
  sources: string[];
}

export interface CorridorGroup {
  factor: string;
  direction: 'in' | 'out';
  basis: Basis;
  unit: string | null;
  partners: Partner[];
}

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);
const str = (v: unknown): string | null => (typeof v === 'string' && v.length > 0 ? v : null);
const num = (v: unknown): number | null => (typeof v === 'number' && Number.isFinite(v) ? v : null);

export function parseSources(v: unknown): Map<string, SourceRef> {
  const out = new Map<string, SourceRef>();
  if (!isObj(v)) return out;
  for (const [id, s] of Object.entries(v)) {
    const title = isObj(s) ? str(s.title) : null;
    if (title) out.set(id, { id, title, publisher: str((s as Obj).publisher) });
  }
  return out;
}

export function parseIndicators(body: unknown): { values: IndicatorValue[]; sources: Map<string, SourceRef> } {
  if (!isObj(body) || !Array.isArray(body.indicators)) throw new Error('indicators: no indicators array');
  const values = body.indicators.flatMap((r): IndicatorValue[] => {
    if (!isObj(r)) return [];
    const indicator = str(r.indicator);
    const year = num(r.year);
    const value = num(r.value);
    if (!indicator || year === null || !Number.isInteger(year) || value === null || !isBasis(r.basis)) return [];
    return [{ indicator, labelZh: str(r.indicator_zh) ?? indicator, labelEn: str(r.indicator_en) ?? indicator, year, value, unit: str(r.unit), basis: r.basis, source: str(r.source_id) }];
  });
  return { values, sources: parseSources(body.sources) };
}

/** The latest year of each indicator and basis, in a stable order (population first, then by name). */
export function latestIndicators(values: readonly IndicatorValue[]): IndicatorValue[] {
  const latest = new Map<string, IndicatorValue>();
  for (const v of values) {
    const key = `${v.indicator}|${v.basis}`;
    const had = latest.get(key);
    if (!had || v.year > had.year) latest.set(key, v);
  }
  const rank = (i: string) => (i.startsWith('population') ? 0 : 1);
  return [...latest.values()].sort((a, b) => rank(a.indicator) - rank(b.indicator) || a.indicator.localeCompare(b.indicator) || a.basis.localeCompare(b.basis));
}

export interface YearSeries {
  indicator: string;
  labelZh: string;
  labelEn: string;
  unit: string | null;
  basis: Basis;
  points: { year: number; value: number; source: string | null }[];
}

/**
 * The series the panel charts: the indicator × basis with the most years (at least two), resident
 * population first on a tie. One basis per series, so a modelled year never joins an observed line.
 */
export function chartSeries(values: readonly IndicatorValue[]): YearSeries | null {
  const groups = new Map<string, IndicatorValue[]>();
  for (const v of values) groups.set(`${v.indicator}|${v.basis}|${v.unit ?? ''}`, [...(groups.get(`${v.indicator}|${v.basis}|${v.unit ?? ''}`) ?? []), v]);
  let best: IndicatorValue[] | null = null;
  const years = (g: IndicatorValue[]) => new Set(g.map((v) => v.year)).size;
  for (const g of groups.values()) {
    if (years(g) < 2) continue;
    const preferred = (x: IndicatorValue[]) => (x[0]!.indicator === 'population_resident' ? 1 : 0);
    if (!best || years(g) > years(best) || (years(g) === years(best) && preferred(g) > preferred(best))) best = g;
  }
  if (!best) return null;
  const byYear = new Map<number, IndicatorValue>();
  for (const v of best) if (!byYear.has(v.year)) byYear.set(v.year, v);
  const first = best[0]!;
  return {
    indicator: first.indicator,
    labelZh: first.labelZh,
    labelEn: first.labelEn,
    unit: first.unit,
    basis: first.basis,
    points: [...byYear.values()].sort((a, b) => a.year - b.year).map((v) => ({ year: v.year, value: v.value, source: v.source })),
  };
}

/** The unit's own rows of a balance answer (the answer also holds its partners' rows). */
export function ownBalance(body: unknown, code: string): BalanceRow[] {
  return parseBalance(body)
    .filter((r) => r.code === code)
    .sort((a, b) => a.factor.localeCompare(b.factor) || a.basis.localeCompare(b.basis));
}

export function parseCorridors(body: unknown): { groups: CorridorGroup[]; sources: Map<string, SourceRef> } {
  if (!isObj(body) || !Array.isArray(body.corridors)) throw new Error('corridors: no corridors array');
  const groups = body.corridors.flatMap((g): CorridorGroup[] => {
    if (!isObj(g) || !Array.isArray(g.partners)) return [];
    const factor = str(g.factor);
    const direction = g.direction === 'in' || g.direction === 'out' ? g.direction : null;
    if (!factor || !direction || !isBasis(g.basis)) return [];
    const partners = g.partners.flatMap((p): Partner[] => {
      if (!isObj(p) || !str(p.code) || !str(p.name_zh)) return [];
      const magnitude = num(p.magnitude);
      // Same rule as the flows: a documented partner has no figure, an observed or modelled one must have one.
      if ((g.basis === 'documented') !== (magnitude === null)) return [];
      const sources = Array.isArray(p.sources) ? p.sources.filter((s): s is string => typeof s === 'string') : [];
      return [{ code: str(p.code)!, nameZh: str(p.name_zh)!, nameEn: str(p.name_en), magnitude, count: num(p.count) ?? 1, sources }];
    });
    return partners.length ? [{ factor, direction, basis: g.basis, unit: str(g.unit), partners }] : [];
  });
  return { groups, sources: parseSources(body.sources) };
}
