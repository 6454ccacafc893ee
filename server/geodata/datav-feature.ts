// DataV.GeoAtlas features: properties adcode (6 digits), name, level (province/city/district),
// parent.adcode, and center (the seat, GCJ-02).
import type { Level } from './levels.ts';
import type { InputFeature } from './geojson-input.ts';
import { levelOfCode } from './nbs-code.ts';

const DATAV_LEVELS: Record<string, Level> = { province: 'province', city: 'prefecture', district: 'county' };

export interface DataVProps {
  code: unknown;
  name: unknown;
  /** DataV's level word in our terms; see datavLevel for the one place where the code overrides it. */
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

/**
 * NBS codes whose prefecture digits are 90 (410000 → 419000 省直辖县级行政区划) group the county-level units
 * that sit directly under a province: 济源 419001, 仙桃 429004, 神农架 429021, the Hainan counties 4690xx,
 * the Xinjiang corps cities 6590xx. DataV calls them `city` because their parent is a province.
 */
export function isProvinceDirectCounty(code12: string): boolean {
  return code12.slice(2, 4) === '90' && levelOfCode(code12) === 'county';
}

/**
 * The level of a DataV feature: DataV's word, except that a `city` whose code is a province-direct county
 * code is a county (the code is the NBS's own statement of the level; the word only says "under a
 * province"). Any other disagreement between word and code is left for the code check to report.
 */
export function datavLevel(code12: string, dv: DataVProps): Level | null {
  if (dv.rawLevel === 'city' && isProvinceDirectCounty(code12)) return 'county';
  return dv.level;
}
