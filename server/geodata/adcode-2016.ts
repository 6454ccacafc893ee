// Seat points from the 2016 NBS list with coordinates (Vonng/adcode, GCJ-02): townships from the national
// towns file, villages from the per-county files where the mirror (or upstream) has them.
import { csvRowsWithPrefix } from './csv-prefix-rows.ts';
import type { JoinCandidate } from './name-join.ts';
import { townshipKey, villageKey } from './place-names.ts';
import { DownloadError, findSourceFile, type FileAccess, type SourceFile } from './source-files.ts';
import type { SourceEntry } from './source-manifest.ts';

export interface Seats2016 {
  townships: JoinCandidate[];
  villages: JoinCandidate[];
  /** 2016 county codes whose village file was not found (their villages get no points). */
  countiesWithoutVillageFile: string[];
  /**
   * 2016 county codes whose village file was missing from the mirror and could not be downloaded, with why.
   * A village file only adds seat points, so the import goes on without it.
   */
  villageFilesNotFetched: { county: string; reason: string }[];
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
  const villageFilesNotFetched: Seats2016['villageFilesNotFetched'] = [];
  // After one failed download the upstream is taken to be unreachable: a province has dozens of county
  // files, and a network that drops packets would cost the download timeout for each of them.
  let failedDownload: DownloadError | null = null;
  for (const county of [...counties].sort()) {
    let file: SourceFile | null;
    try {
      file = await findSourceFile(failedDownload ? { ...access, allowDownload: false } : access, [source], 'county', { code6: county });
    } catch (err) {
      if (!(err instanceof DownloadError)) throw err;
      failedDownload = err;
      villageFilesNotFetched.push({ county, reason: err.message });
      continue;
    }
    if (!file && failedDownload) {
      villageFilesNotFetched.push({ county, reason: `not tried: the download of ${failedDownload.url} failed` });
      continue;
    }
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
  return { townships, villages, countiesWithoutVillageFile, villageFilesNotFetched, files };
}
