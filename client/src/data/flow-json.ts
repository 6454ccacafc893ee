// The flow API's answers parsed at the edge into types: anything malformed is dropped or rejected here,
// so the drawing code never meets a missing coordinate or an unknown basis.
export type Basis = 'observed' | 'documented' | 'modelled';
export const BASES: readonly Basis[] = ['observed', 'modelled', 'documented'];

export interface FlowLocation {
  id: string;
  nameZh: string;
  nameEn: string | null;
  lon: number;
  lat: number;
  /** False when the unit has no area on the map (geom_quality none): partner-labels.ts names it. */
  mapped?: boolean;
}

export interface Flow {
  id: string;
  origin: string;
  dest: string;
  factor: string;
  basis: Basis;
  /** null exactly when the basis is documented: there is no figure to draw. */
  magnitude: number | null;
  unit: string | null;
  count: number;
  period: string;
  /** ISO dates bounding the flow's period (an aggregate spans its records), when the answer gives them. */
  periodStart?: string;
  periodEnd?: string;
  mechanisms: string[];
  integrationTypes?: string[];
  sources: string[];
}

export interface SourceInfo {
  id: string;
  title: string;
  publisher: string | null;
}

export interface FlowData {
  locations: Map<string, FlowLocation>;
  flows: Flow[];
  sources: Map<string, SourceInfo>;
  truncated: boolean;
  /** The server was started to show synthetic (benchmark) flows: everything drawn must say so. */
  synthetic?: boolean;
}

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);
const str = (v: unknown): string | null => (typeof v === 'string' && v.length > 0 ? v : null);
const num = (v: unknown): number | null => (typeof v === 'number' && Number.isFinite(v) ? v : null);
const strings = (v: unknown): string[] => (Array.isArray(v) ? v.filter((s): s is string => typeof s === 'string') : []);
export const isBasis = (v: unknown): v is Basis => v === 'observed' || v === 'documented' || v === 'modelled';

function lonLat(o: Obj): { lon: number; lat: number } | null {
  const lon = num(o.lon);
  const lat = num(o.lat);
  return lon !== null && lat !== null && Math.abs(lon) <= 180 && Math.abs(lat) <= 90 ? { lon, lat } : null;
}

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;
function isoDates(f: Obj): { periodStart?: string; periodEnd?: string } {
  const start = str(f.period_start);
  const end = str(f.period_end);
  return start && end && ISO_DATE.test(start) && ISO_DATE.test(end) && start <= end ? { periodStart: start, periodEnd: end } : {};
}

export function parseFlowData(body: unknown): FlowData {
  if (!isObj(body) || !Array.isArray(body.locations) || !Array.isArray(body.flows)) throw new Error('flows: not an OD answer');
  const locations = new Map<string, FlowLocation>();
  for (const l of body.locations) {
    if (!isObj(l)) continue;
    const id = str(l.id);
    const nameZh = str(l.name_zh) ?? str(l.name);
    const at = lonLat(l);
    if (id && nameZh && at) locations.set(id, { id, nameZh, nameEn: str(l.name_en), ...at, mapped: l.geom_quality !== 'none' });
  }
  const flows: Flow[] = [];
  for (const f of body.flows) {
    if (!isObj(f)) continue;
    const id = str(f.id);
    const origin = str(f.origin);
    const dest = str(f.dest);
    const factor = str(f.factor);
    const basis = f.basis;
    if (!id || !origin || !dest || !factor || !isBasis(basis)) continue;
    // A flow whose end has no point cannot be drawn; one whose figure contradicts its basis is not trusted.
    if (!locations.has(origin) || !locations.has(dest)) continue;
    const magnitude = num(f.magnitude);
    if ((basis === 'documented') !== (magnitude === null)) continue;
    flows.push({
      id,
      origin,
      dest,
      factor,
      basis,
      magnitude,
      unit: magnitude === null ? null : str(f.unit),
      count: num(f.count) ?? 1,
      period: str(f.period) ?? '',
      ...isoDates(f),
      mechanisms: strings(f.mechanisms),
      integrationTypes: strings(f.integration_types),
      sources: strings(f.sources),
    });
  }
  const sources = new Map<string, SourceInfo>();
  if (isObj(body.sources)) {
    for (const [id, s] of Object.entries(body.sources)) {
      if (isObj(s) && str(s.title)) sources.set(id, { id, title: str(s.title)!, publisher: str(s.publisher) });
    }
  }
  return { locations, flows, sources, truncated: body.truncated === true, synthetic: body.synthetic_included === true };
}

export interface Term {
  key: string;
  zh: string;
  en: string;
}
export type Vocabulary = Record<'factors' | 'bases' | 'mechanisms' | 'programmes' | 'units', Term[]> & {
  integrationTypes?: Term[];
  benefitLinkages?: Term[];
};

export function parseVocabulary(body: unknown): Vocabulary {
  if (!isObj(body)) throw new Error('vocabulary: not an object');
  const terms = (v: unknown): Term[] =>
    Array.isArray(v)
      ? v.flatMap((t) => (isObj(t) && str(t.key) ? [{ key: str(t.key)!, zh: str(t.name_zh) ?? str(t.key)!, en: str(t.name_en) ?? str(t.key)! }] : []))
      : [];
  return {
    factors: terms(body.factors),
    bases: terms(body.bases),
    mechanisms: terms(body.mechanisms),
    programmes: terms(body.programmes),
    units: terms(body.units ?? body.measure_units),
    integrationTypes: terms(body.integration_types),
    benefitLinkages: terms(body.benefit_linkages),
  };
}

export interface AllianceEnd {
  code: string;
  nameZh: string;
  nameEn: string | null;
  role: string | null;
  lon: number;
  lat: number;
  mapped?: boolean;
}
export interface Alliance {
  id: string;
  programme: string;
  programmeZh: string;
  programmeEn: string;
  nameZh: string | null;
  a: AllianceEnd;
  b: AllianceEnd;
  startYear: number | null;
  endYear: number | null;
  source: string | null;
}

export function parseAlliances(body: unknown): Alliance[] {
  if (!isObj(body) || !Array.isArray(body.alliances)) throw new Error('alliances: no alliances array');
  const end = (e: unknown): AllianceEnd | null => {
    if (!isObj(e)) return null;
    const code = str(e.code);
    const nameZh = str(e.name_zh);
    const at = lonLat(e);
    return code && nameZh && at ? { code, nameZh, nameEn: str(e.name_en), role: str(e.role), ...at, mapped: e.geom_quality !== 'none' } : null;
  };
  return body.alliances.flatMap((x): Alliance[] => {
    if (!isObj(x)) return [];
    const id = str(x.id) ?? (num(x.id) !== null ? String(x.id) : null);
    const programme = str(x.programme);
    const a = end(x.a);
    const b = end(x.b);
    if (!id || !programme || !a || !b) return [];
    return [
      {
        id,
        programme,
        programmeZh: str(x.programme_zh) ?? programme,
        programmeEn: str(x.programme_en) ?? programme,
        nameZh: str(x.name_zh),
        a,
        b,
        startYear: num(x.start_year),
        endYear: num(x.end_year),
        source: str(x.source),
      },
    ];
  });
}

export interface BalanceRow {
  code: string;
  nameZh: string;
  factor: string;
  basis: Basis;
  unit: string | null;
  inflow: number | null;
  outflow: number | null;
  net: number | null;
  population: number | null;
  netPerResident: number | null;
}

/** The series layout (GET /api/balance?layout=series: each unit once, figures per series by index) as rows. */
function seriesRows(units: Obj, series: unknown[]): BalanceRow[] {
  return series.flatMap((s): BalanceRow[] => {
    if (!isObj(s) || !Array.isArray(s.code) || !str(s.factor) || !isBasis(s.basis)) return [];
    const at = (k: string, i: number) => (Array.isArray(s[k]) ? num((s[k] as unknown[])[i]) : null);
    return s.code.flatMap((c, i): BalanceRow[] => {
      const code = str(c);
      if (!code) return [];
      const u = isObj(units[code]) ? (units[code] as Obj) : {};
      const inflow = at('inflow', i);
      const outflow = at('outflow', i);
      const net = inflow !== null && outflow !== null ? inflow - outflow : null;
      const population = num(u.population);
      return [{ code, nameZh: str(u.name_zh) ?? code, factor: s.factor as string, basis: s.basis as Basis, unit: str(s.unit), inflow, outflow, net, population, netPerResident: net !== null && population ? net / population : null }];
    });
  });
}

export function parseBalance(body: unknown): BalanceRow[] {
  if (isObj(body) && isObj(body.units) && Array.isArray(body.series)) return seriesRows(body.units, body.series);
  if (!isObj(body) || !Array.isArray(body.rows)) throw new Error('balance: no rows array');
  return body.rows.flatMap((r): BalanceRow[] => {
    if (!isObj(r)) return [];
    const code = str(r.code);
    const factor = str(r.factor);
    if (!code || !factor || !isBasis(r.basis)) return [];
    return [
      {
        code,
        nameZh: str(r.name_zh) ?? code,
        factor,
        basis: r.basis,
        unit: str(r.unit),
        inflow: num(r.inflow),
        outflow: num(r.outflow),
        net: num(r.net),
        population: num(r.population),
        netPerResident: num(r.net_per_resident),
      },
    ];
  });
}
