// The embed's postMessage API (docs/embed.md): what a host page may send, checked at the edge. A message
// that is not ours, or is ours but malformed, becomes a reason to ignore it, never an exception: a host's
// typo must not break the map, and other scripts on the host post their own messages to every frame.
import { isBasis, type Basis } from './flow-json.ts';

export const PREFIX = 'atlas:';

export type LonLatPair = [number, number];

export type HostMessage =
  | { type: 'atlas:setView'; center?: LonLatPair; zoom?: number; unit?: string }
  | { type: 'atlas:setFilters'; filters: FilterPatch }
  | { type: 'atlas:select'; unit: string | null }
  | { type: 'atlas:setDrill'; unit: string | null }
  | { type: 'atlas:getState' };

export interface FilterPatch {
  factors?: string[];
  bases?: Basis[];
  minMagnitude?: number;
  alliances?: boolean;
}

export type Parsed = { ok: true; message: HostMessage } | { ok: false; reason: string } | { ok: 'foreign' };

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);
/** Short (6), township (9) or full (12) NBS code: the forms the units API accepts. */
export const UNIT_CODE = /^\d{6}(\d{3}){0,2}$/;
const FACTOR = /^[a-z_]{1,40}$/;
export const MIN_ZOOM = 0;
export const MAX_ZOOM = 18;

function lonLat(v: unknown): LonLatPair | null {
  if (!Array.isArray(v) || v.length !== 2) return null;
  const [lon, lat] = v as unknown[];
  if (typeof lon !== 'number' || typeof lat !== 'number' || !Number.isFinite(lon) || !Number.isFinite(lat)) return null;
  return Math.abs(lon) <= 180 && Math.abs(lat) <= 90 ? [lon, lat] : null;
}

function parseView(m: Obj): Parsed {
  const out: { type: 'atlas:setView'; center?: LonLatPair; zoom?: number; unit?: string } = { type: 'atlas:setView' };
  if (m.unit !== undefined) {
    if (typeof m.unit !== 'string' || !UNIT_CODE.test(m.unit)) return { ok: false, reason: 'unit must be a 6-, 9- or 12-digit code' };
    out.unit = m.unit;
  }
  if (m.center !== undefined) {
    const c = lonLat(m.center);
    if (!c) return { ok: false, reason: 'center must be [lon, lat] in degrees' };
    out.center = c;
  }
  if (m.zoom !== undefined) {
    if (typeof m.zoom !== 'number' || !Number.isFinite(m.zoom) || m.zoom < MIN_ZOOM || m.zoom > MAX_ZOOM) return { ok: false, reason: `zoom must be a number from ${MIN_ZOOM} to ${MAX_ZOOM}` };
    out.zoom = m.zoom;
  }
  if (out.unit && (out.center || out.zoom !== undefined)) return { ok: false, reason: 'give either unit or center/zoom, not both' };
  if (!out.unit && !out.center && out.zoom === undefined) return { ok: false, reason: 'setView needs unit, center or zoom' };
  return { ok: true, message: out };
}

function parseFilters(m: Obj): Parsed {
  const f = m.filters;
  if (!isObj(f)) return { ok: false, reason: 'filters must be an object' };
  const patch: FilterPatch = {};
  const known = new Set(['factors', 'bases', 'minMagnitude', 'alliances']);
  const unknown = Object.keys(f).filter((k) => !known.has(k));
  if (unknown.length) return { ok: false, reason: `unknown filter ${unknown.map((k) => JSON.stringify(k.slice(0, 40))).join(', ')}` };
  if (f.factors !== undefined) {
    if (!Array.isArray(f.factors) || !f.factors.every((x) => typeof x === 'string' && FACTOR.test(x))) return { ok: false, reason: 'factors must be a list of factor keys' };
    patch.factors = [...new Set(f.factors as string[])];
  }
  if (f.bases !== undefined) {
    if (!Array.isArray(f.bases) || !f.bases.every(isBasis)) return { ok: false, reason: 'bases must list observed, modelled or documented' };
    patch.bases = [...new Set(f.bases)];
  }
  if (f.minMagnitude !== undefined) {
    if (typeof f.minMagnitude !== 'number' || !Number.isFinite(f.minMagnitude) || f.minMagnitude < 0) return { ok: false, reason: 'minMagnitude must be a number ≥ 0' };
    patch.minMagnitude = f.minMagnitude;
  }
  if (f.alliances !== undefined) {
    if (typeof f.alliances !== 'boolean') return { ok: false, reason: 'alliances must be true or false' };
    patch.alliances = f.alliances;
  }
  return { ok: true, message: { type: 'atlas:setFilters', filters: patch } };
}

/**
 * A message from the host. `foreign` means it is not addressed to the atlas at all (no `atlas:` type):
 * those are ignored silently, since many libraries talk to every frame.
 */
export function parseHostMessage(data: unknown): Parsed {
  if (!isObj(data) || typeof data.type !== 'string' || !data.type.startsWith(PREFIX)) return { ok: 'foreign' };
  switch (data.type) {
    case 'atlas:setView':
      return parseView(data);
    case 'atlas:setFilters':
      return parseFilters(data);
    case 'atlas:select':
      if (data.unit === null) return { ok: true, message: { type: 'atlas:select', unit: null } };
      if (typeof data.unit !== 'string' || !UNIT_CODE.test(data.unit)) return { ok: false, reason: 'unit must be a 6-, 9- or 12-digit code, or null' };
      return { ok: true, message: { type: 'atlas:select', unit: data.unit } };
    case 'atlas:setDrill':
      // null goes back to the top (every county); a code drills into it as a click on it would.
      if (data.unit === null) return { ok: true, message: { type: 'atlas:setDrill', unit: null } };
      if (typeof data.unit !== 'string' || !UNIT_CODE.test(data.unit)) return { ok: false, reason: 'unit must be a 6-, 9- or 12-digit code, or null for the top' };
      return { ok: true, message: { type: 'atlas:setDrill', unit: data.unit } };
    case 'atlas:getState':
      return { ok: true, message: { type: 'atlas:getState' } };
    default:
      return { ok: false, reason: `unknown message type ${JSON.stringify(data.type.slice(0, 60))}` };
  }
}

/** Who may talk to the embed: any origin, or exactly the origins listed. */
export type OriginPolicy = { any: true } | { any: false; origins: ReadonlySet<string> };

/**
 * The embed URL's `origins` parameter (comma-separated http(s) origins). Absent or empty means any
 * origin; entries that are not plain origins are dropped, and a list with none left allows nobody, so a
 * typo never silently opens the embed to everyone.
 */
export function parseOriginPolicy(search: string): OriginPolicy {
  const raw = new URLSearchParams(search).get('origins');
  if (raw === null || raw.trim() === '' || raw.trim() === '*') return { any: true };
  const origins = new Set<string>();
  for (const part of raw.split(',')) {
    const s = part.trim();
    try {
      const u = new URL(s);
      if ((u.protocol === 'http:' || u.protocol === 'https:') && u.origin === s.replace(/\/$/, '')) origins.add(u.origin);
    } catch {
      /* not a URL: dropped */
    }
  }
  return { any: false, origins };
}

export const originAllowed = (policy: OriginPolicy, origin: string): boolean => policy.any || policy.origins.has(origin);

/** Where events may be posted: '*' when anyone may listen, else each allowed origin in turn. */
export const eventTargets = (policy: OriginPolicy): string[] => (policy.any ? ['*'] : [...policy.origins]);

export interface SelectedUnit {
  code: string;
  nameZh: string;
  nameEn: string | null;
  level: string;
}

/** What the embed tells its host. `version` lets a host detect a future incompatible change. */
export type AtlasEvent =
  | { type: 'atlas:ready'; version: 1; view: ViewEvent['view']; drill: DrillEvent['drill'] }
  | ViewEvent
  | { type: 'atlas:selection'; unit: SelectedUnit | null }
  | DrillEvent
  | { type: 'atlas:filters'; filters: Required<FilterPatch> }
  | { type: 'atlas:state'; view: ViewEvent['view']; selection: string | null; filters: Required<FilterPatch>; drill: DrillEvent['drill'] };

/** The drill-down scope: the unit drilled into (null at the top) and the level of the units shown under it. */
export interface DrillEvent {
  type: 'atlas:drill';
  drill: { unit: SelectedUnit | null; level: string };
}

export const drillOf = (unit: SelectedUnit | null, level: string): DrillEvent['drill'] => ({
  unit: unit && { code: unit.code, nameZh: unit.nameZh, nameEn: unit.nameEn, level: unit.level },
  level,
});

export interface ViewEvent {
  type: 'atlas:view';
  view: { center: LonLatPair; zoom: number; bounds: [number, number, number, number] };
}

/** The camera rounded to what a host can use (≈ 1 m, 0.01 zoom), so events are stable and short. */
export function viewOf(center: { lng: number; lat: number }, zoom: number, bounds: [number, number, number, number]): ViewEvent['view'] {
  const r = (v: number, d: number) => Math.round(v * 10 ** d) / 10 ** d;
  return { center: [r(center.lng, 5), r(center.lat, 5)], zoom: r(zoom, 2), bounds: bounds.map((v) => r(v, 5)) as [number, number, number, number] };
}
