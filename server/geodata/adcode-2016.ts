// Seat points from the 2016 NBS list with coordinates (Vonng/adcode, GCJ-02): townships from the national
// towns file, villages from the per-county files where the mirror (or upstream) has them.
import { csvRowsWithPrefix } from './csv-prefix-rows.ts';
import type { JoinCandidate } from './name-join.ts';
import { townshipKey, villageKey } from './place-names.ts';
import { findSourceFile, type FileAccess, type SourceFile } from './source-files.ts';
import type { SourceEntry } from './source-manifest.ts';

export interface Seats2016 {
  townships: JoinCandidate[];
  villages: JoinCandidate[];
  /** 2016 county codes whose village file was not found (their villages get no points). */
  countiesWithoutVillageFile: string[];
  files: string[];
}

function point(lon: string | undefined, lat: string | undefined): [number, number] | null {
  if (!lon || !lat) return null;
  const x = Number(lon);
  const y = Number(lat);
  return Number.isFinite(x) && Number.isFinite(y) ? [x, y] : null;
}

const rows = (file: SourceFile, prefix: string) => csvRowsWithPrefix(file.bytes, prefix, file.location);

/**
 * areaPrefix: the digits shared by every code in the area searched (the prefecture, or the province).
 * Without the national towns file, township rows come from the per-county files of fallbackCounties.
 */
export async function readSeats2016(
  access: FileAccess,
  source: SourceEntry,
  areaPrefix: string,
  fallbackCounties: readonly string[],
): Promise<Seats2016> {
  const files: string[] = [];
  const townships: JoinCandidate[] = [];
  const towns = await findSourceFile(access, [source], 'towns', {});
  const counties = new Set<string>();
  if (towns) {
    files.push(towns.location);
    for (const { row: r, line } of rows(towns, areaPrefix)) {
      if (r.level !== 'town') continue;
      const county = r.code!.slice(0, 6);
      counties.add(county);
      townships.push({ key: townshipKey(r.name!), county, point: point(r.longitude, r.latitude), where: `towns-2016.csv line ${line}` });
    }
  }
  const townsFromCountyFiles = !towns;
  if (townsFromCountyFiles) for (const c of fallbackCounties) counties.add(c);
  const villages: JoinCandidate[] = [];
  const countiesWithoutVillageFile: string[] = [];
  for (const county of [...counties].sort()) {
    const file = await findSourceFile(access, [source], 'county', { code6: county });
    if (!file) {
      countiesWithoutVillageFile.push(county);
      continue;
    }
    files.push(file.location);
    for (const { row: r, line } of rows(file, county)) {
      if (r.level === 'town' && townsFromCountyFiles) {
        townships.push({ key: townshipKey(r.name!), county, point: point(r.longitude, r.latitude), where: `${county}.csv line ${line}` });
      }
      if (r.level !== 'village') continue;
      villages.push({
        key: villageKey(r.name!),
        county,
        parentKey: townshipKey(r.town ?? ''),
        point: point(r.longitude, r.latitude),
        where: `${county}.csv line ${line}`,
      });
    }
  }
  return { townships, villages, countiesWithoutVillageFile, files };
}
