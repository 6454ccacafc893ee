// Turns the features of a GeoJSON file or a DataV folder into unit rows, collecting every problem with
// the feature's position and code so that one run reports them all.
import type { Geometry, Point } from 'geojson';
import { datavLevel, datavProps, isProvinceDirectCounty } from './datav-feature.ts';
import type { InputFeature } from './geojson-input.ts';
import { degreeProblem, shapeOf, structureProblem } from './geometry-checks.ts';
import type { Problem } from './import-error.ts';
import type { Skip } from './import-run.ts';
import { isLevel, LEVELS, type Level } from './levels.ts';
import { ancestorCode, codeFitsLevel, levelOfCode, normaliseCode } from './nbs-code.ts';
import { romanise } from './place-pinyin.ts';
import { isDegrees, pointToWgs84, toWgs84, type SourceCrs } from './source-crs.ts';
import type { GeomQuality, PointBasis, UnitRow } from './unit-stage.ts';

export interface PropertyNames {
  code?: string;
  name?: string;
  parent?: string;
  nameEn?: string;
}

export interface FeatureRules {
  format: 'geojson' | 'datav';
  crs: SourceCrs;
  level?: Level;
  props: PropertyNames;
  quality: Exclude<GeomQuality, 'none'>;
  pointBasis?: PointBasis;
  sourceId: string;
  vintage: string;
}

export interface LocatedFeature extends InputFeature {
  /** "file.json feature #3" */
  label: string;
}

const DEFAULTS = { code: ['code', 'adcode', 'CODE'], name: ['name_zh', 'name', 'NAME'], parent: ['parent_code', 'parent'], nameEn: ['name_en'] };

function pick(props: Record<string, unknown>, explicit: string | undefined, fallbacks: string[]): unknown {
  if (explicit) return props[explicit];
  for (const k of fallbacks) if (props[k] !== undefined && props[k] !== null && props[k] !== '') return props[k];
  return undefined;
}

const DATAV_LEVEL_WORDS: Record<string, Level> = { city: 'prefecture', district: 'county' };

/** The level the unit's properties state, if any (our words or DataV's, read as datavLevel reads them). */
function statedLevel(raw: unknown, code: string): Level | undefined {
  if (isLevel(raw)) return raw;
  if (raw === 'city' && isProvinceDirectCounty(code)) return 'county';
  return typeof raw === 'string' ? DATAV_LEVEL_WORDS[raw] : undefined;
}

function parentOf(level: Level, code: string): string | null {
  const i = LEVELS.indexOf(level);
  return i === 0 ? null : ancestorCode(code, LEVELS[i - 1]!);
}

export interface FeatureResult {
  rows: UnitRow[];
  problems: Problem[];
  skipped: Skip[];
}

export function featuresToRows(features: readonly LocatedFeature[], rules: FeatureRules): FeatureResult {
  const rows: UnitRow[] = [];
  const problems: Problem[] = [];
  const skipped: Skip[] = [];
  for (const f of features) {
    const p = f.properties;
    const dv = rules.format === 'datav' ? datavProps(f) : null;
    const rawCode = dv ? dv.code : pick(p, rules.props.code, DEFAULTS.code);
    if (dv && dv.rawLevel === 'country') {
      skipped.push({ where: `${f.label} (adcode ${String(rawCode)})`, reason: 'a country outline is not an administrative unit here' });
      continue;
    }
    const problem = (reason: string, code?: string) => problems.push({ where: code ? `${f.label} (code ${code})` : f.label, reason });
    if (rawCode === undefined || rawCode === null || rawCode === '') {
      problem(`missing code: no "${rules.props.code ?? (dv ? 'adcode' : DEFAULTS.code.join('" or "'))}" property`);
      continue;
    }
    const code = normaliseCode(rawCode);
    if (!code) {
      problem(`malformed code "${String(rawCode).slice(0, 30)}": expected an NBS code of 6, 9 or 12 digits`);
      continue;
    }
    const level = rules.level ?? (dv ? datavLevel(code, dv) : statedLevel(p.level, code)) ?? levelOfCode(code);
    if (!level) {
      problem(`unknown level "${String(p.level)}"`, code);
      continue;
    }
    if (!codeFitsLevel(code, level)) {
      problem(`code ${code} is not a ${level} code (it reads as a ${levelOfCode(code)} code)`, code);
      continue;
    }
    const rawName = dv ? dv.name : pick(p, rules.props.name, DEFAULTS.name);
    if (typeof rawName !== 'string' || !rawName.trim()) {
      problem('missing name', code);
      continue;
    }
    const nameZh = rawName.trim();
    if (nameZh.length > 200) {
      problem('name longer than 200 characters', code);
      continue;
    }
    const rawParent = dv ? dv.parent : pick(p, rules.props.parent, DEFAULTS.parent);
    let parentCode: string | null;
    if (rawParent === undefined || rawParent === null || rawParent === '') parentCode = parentOf(level, code);
    else {
      const pc = typeof rawParent === 'object' ? (rawParent as { adcode?: unknown }).adcode : rawParent;
      parentCode = normaliseCode(pc);
      if (!parentCode) {
        problem(`malformed parent code "${String(pc).slice(0, 30)}"`, code);
        continue;
      }
    }
    if (level === 'province') parentCode = null;

    let geometry: Geometry | null = null;
    let point: [number, number] | null = null;
    let pointBasis: PointBasis | null = null;
    const g = f.geometry;
    const sp = structureProblem(g);
    if (sp) {
      problem(sp, code);
      continue;
    }
    if (g) {
      const dp = isDegrees(rules.crs) ? degreeProblem(g) : null;
      if (dp) {
        problem(dp, code);
        continue;
      }
      const converted = toWgs84(g, rules.crs);
      if (shapeOf(g) === 'point') {
        if (!rules.pointBasis) {
          problem('the feature is a point: say what the points are with --point-basis seat or --point-basis centroid', code);
          continue;
        }
        point = (converted as Point).coordinates as [number, number];
        pointBasis = rules.pointBasis;
      } else geometry = converted;
    }
    if (!point && dv?.center && isDegrees(rules.crs)) {
      point = pointToWgs84(dv.center, rules.crs);
      pointBasis = 'seat';
    }
    const rawEn = pick(p, rules.props.nameEn, DEFAULTS.nameEn);
    const names = romanise(nameZh);
    rows.push({
      where: f.label,
      code,
      parentCode,
      level,
      nameZh,
      nameEn: typeof rawEn === 'string' && rawEn.trim() ? rawEn.trim() : names.nameEn,
      namePinyin: names.namePinyin,
      geometry,
      point,
      pointBasis,
      geomQuality: geometry ? rules.quality : 'none',
      sourceId: rules.sourceId,
      geomSourceId: geometry ? rules.sourceId : null,
      pointSourceId: point ? rules.sourceId : null,
      vintage: rules.vintage,
      note: null,
    });
  }
  return { rows, problems, skipped };
}
