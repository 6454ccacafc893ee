// DataV.GeoAtlas features: properties adcode (6 digits), name, level (province/city/district),
// parent.adcode, and center (the seat, GCJ-02).
import type { Level } from './levels.ts';
import type { InputFeature } from './geojson-input.ts';

const DATAV_LEVELS: Record<string, Level> = { province: 'province', city: 'prefecture', district: 'county' };

export interface DataVProps {
  code: unknown;
  name: unknown;
  level: Level | null;
  /** DataV's own level word, for messages. */
  rawLevel: string;
  parent: unknown;
  center: [number, number] | null;
}

export function datavProps(f: InputFeature): DataVProps {
  const p = f.properties;
  const rawLevel = typeof p.level === 'string' ? p.level : '';
  const parent = p.parent && typeof p.parent === 'object' ? (p.parent as { adcode?: unknown }).adcode : p.parent;
  const c = p.center;
  const center =
    Array.isArray(c) && c.length === 2 && c.every((v) => typeof v === 'number' && Number.isFinite(v)) ? ([c[0], c[1]] as [number, number]) : null;
  return { code: p.adcode, name: p.name, level: DATAV_LEVELS[rawLevel] ?? null, rawLevel, parent, center };
}
