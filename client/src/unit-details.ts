// The shape of GET /api/units/{code}, parsed at the edge into types: the panel never reads raw JSON, and an
// answer of the wrong shape fails here with a message rather than showing "undefined" to a user.
export const levels = ['province', 'prefecture', 'county', 'township', 'village'] as const;
export type Level = (typeof levels)[number];
export const qualities = ['surveyed', 'approximate', 'none'] as const;
export type Quality = (typeof qualities)[number];
export type Box = [number, number, number, number];

export interface UnitSummary {
  /** The 12-digit NBS code, as the database keys it. */
  code: string;
  level: Level;
  nameZh: string;
  nameEn: string | null;
}

export interface SourceRef {
  id: string;
  title: string;
  publisher: string;
  url: string | null;
  licence: string;
  originalCrs: string | null;
}

export interface UnitDetails extends UnitSummary {
  quality: Quality;
  pointBasis: 'seat' | 'centroid' | null;
  vintage: string | null;
  point: [number, number] | null;
  bbox: Box | null;
  source: SourceRef | null;
  /** From the top of the hierarchy down to the parent. */
  ancestors: UnitSummary[];
  children: (UnitSummary & { quality: Quality | null })[];
}

export class ShapeError extends Error {}

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);

function str(o: Obj, key: string, where: string): string {
  const v = o[key];
  if (typeof v !== 'string' || v === '') throw new ShapeError(`${where}.${key} should be a non-empty string`);
  return v;
}
function optStr(o: Obj, key: string): string | null {
  const v = o[key];
  return typeof v === 'string' && v !== '' ? v : null;
}
function oneOf<T extends string>(values: readonly T[], v: unknown, where: string): T {
  if (typeof v === 'string' && (values as readonly string[]).includes(v)) return v as T;
  throw new ShapeError(`${where} should be one of ${values.join(', ')}`);
}
function numbers(v: unknown, n: number): number[] | null {
  if (!Array.isArray(v) || v.length !== n) return null;
  const out = v.map(Number);
  return out.every(Number.isFinite) ? out : null;
}

/** Accepts 6-, 9- or 12-digit codes and returns the 12-digit form. */
export function fullCode(raw: unknown): string {
  const s = typeof raw === 'number' ? String(raw) : typeof raw === 'string' ? raw.trim() : '';
  if (!/^(\d{6}|\d{9}|\d{12})$/.test(s)) throw new ShapeError(`"${String(raw).slice(0, 20)}" is not an NBS code`);
  return s.padEnd(12, '0');
}

const significantDigits: Record<Level, number> = { province: 2, prefecture: 4, county: 6, township: 9, village: 12 };

/** The short form people use: 330383 for a county, 330383001 for a township. */
export function shortCode(code: string, level: Level): string {
  return code.slice(0, significantDigits[level]);
}

function summary(v: unknown, where: string): UnitSummary {
  if (!isObj(v)) throw new ShapeError(`${where} should be an object`);
  return {
    code: fullCode(v.code),
    level: oneOf(levels, v.level, `${where}.level`),
    nameZh: str(v, 'name_zh', where),
    nameEn: optStr(v, 'name_en'),
  };
}

function source(v: unknown): SourceRef | null {
  if (!isObj(v)) return null;
  const url = optStr(v, 'url');
  return {
    id: str(v, 'id', 'unit.source'),
    title: str(v, 'title', 'unit.source'),
    publisher: str(v, 'publisher', 'unit.source'),
    // Only web links become links: a source URL is data, and data must not be able to inject a javascript: link.
    url: url && /^https?:\/\//i.test(url) ? url : null,
    licence: str(v, 'licence', 'unit.source'),
    originalCrs: optStr(v, 'original_crs'),
  };
}

export function parseUnitDetails(json: unknown): UnitDetails {
  if (!isObj(json) || !isObj(json.unit)) throw new ShapeError('the answer should have a "unit" object');
  const u = json.unit;
  const base = summary(u, 'unit');
  const point = numbers(u.point, 2) as [number, number] | null;
  const bbox = numbers(u.bbox, 4) as Box | null;
  const ancestors = Array.isArray(json.ancestors) ? json.ancestors.map((a, i) => summary(a, `ancestors[${i}]`)) : [];
  const children = Array.isArray(json.children)
    ? json.children.map((c, i) => ({
        ...summary(c, `children[${i}]`),
        quality: isObj(c) && typeof c.geom_quality === 'string' ? oneOf(qualities, c.geom_quality, `children[${i}].geom_quality`) : null,
      }))
    : [];
  return {
    ...base,
    quality: oneOf(qualities, u.geom_quality, 'unit.geom_quality'),
    pointBasis: u.point_basis === 'seat' || u.point_basis === 'centroid' ? u.point_basis : null,
    vintage: optStr(u, 'vintage'),
    point,
    bbox,
    source: source(u.source),
    ancestors,
    children,
  };
}
