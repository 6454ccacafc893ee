// The real part of the national dataset, loaded through the project's own importer (server/geodata):
// every province, prefecture and county outline of China from the DataV mirror, the 2016 NBS township list
// with its seats, and the 2020 census population and urban share of each county as indicators.
import fs from 'node:fs';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import type { Database } from '../../server/db/database.ts';
import { importFile } from '../../server/geodata/file-import.ts';
import { DEFAULT_MAX_FILE_BYTES } from '../../server/geodata/import-limits.ts';
import type { Level } from '../../server/geodata/levels.ts';
import type { Progress } from '../../server/geodata/progress.ts';
import { SOURCE_IDS } from '../../server/geodata/region-import.ts';
import { loadManifest } from '../../server/geodata/source-manifest.ts';
import { indicatorKind } from '../../server/flows/indicator-records.ts';
import { insertRows, type RawRow } from '../../server/flows/record-store.ts';
import { repoRoot } from '../../server/config.ts';
import { importOutlineFolder } from './outline-import.ts';
import { type SeatsGeoJson, townSeatsGeoJson } from './town-seats.ts';

export interface RealPartReport {
  outlines: Record<'province' | 'prefecture' | 'county', { inserted: number; repaired: number; seconds: number }>;
  townships: { inserted: number; withSeat: number; parents: SeatsGeoJson['parents']; skipped: string[]; seconds: number };
  census: { counties: number; indicators: number; seconds: number };
}

const CENSUS_SOURCE = 'census-2020-county';

// DataV names its own levels; its county folder also holds 30 county-level units directly under a province
// (省直辖县级行政区, level "city" in DataV), so each folder is imported with its level stated.
const FOLDERS: readonly { folder: string; level: Level & ('province' | 'prefecture' | 'county') }[] = [
  { folder: 'province', level: 'province' },
  { folder: 'city', level: 'prefecture' },
  { folder: 'county', level: 'county' },
];

const seconds = (since: number) => Math.round((Date.now() - since) / 100) / 10;

export async function importRealUnits(db: Database, o: { geodataDir: string; workDir: string; progress: Progress }): Promise<RealPartReport> {
  const manifest = loadManifest();
  const outlines = {} as RealPartReport['outlines'];
  for (const f of FOLDERS) {
    const t = Date.now();
    o.progress.note(`importing DataV ${f.folder} outlines (${f.level})`);
    const dir = path.join(o.geodataDir, 'china', 'datav', f.folder);
    const r = await importOutlineFolder(db, { dir, level: f.level, sourceId: SOURCE_IDS.datavMirror, manifest, progress: o.progress });
    outlines[f.level] = { ...r, seconds: seconds(t) };
  }

  const t = Date.now();
  const held = new Set((await db.query<{ code: string }>("SELECT code FROM units WHERE level IN ('province', 'prefecture', 'county')")).map((r) => r.code));
  const csv = fs.readFileSync(path.join(o.geodataDir, 'china', 'adcode', 'towns-2016.csv'), 'utf8');
  const seats = townSeatsGeoJson(csv, held);
  // The importer reads files; this one is derived from the mirror and lives only in the work folder.
  const file = path.join(o.workDir, 'towns-2016.geojson');
  fs.mkdirSync(o.workDir, { recursive: true });
  fs.writeFileSync(file, JSON.stringify(seats.geojson));
  o.progress.note(`importing ${seats.townships} townships (${seats.withSeat} with a seat)`);
  const s = await importFile(db, {
    format: 'geojson',
    path: file,
    sourceId: SOURCE_IDS.seats2016,
    level: 'township',
    props: { code: 'code', name: 'name', parent: 'parent_code' },
    quality: 'surveyed',
    pointBasis: 'seat',
    maxFileBytes: DEFAULT_MAX_FILE_BYTES,
    manifest,
    progress: o.progress,
    repair: false,
  });
  const townships = { inserted: s.inserted, withSeat: seats.withSeat, parents: seats.parents, skipped: seats.skipped, seconds: seconds(t) };

  const census = await importCensus(db, o.geodataDir);
  return { outlines, townships, census };
}

/** A source row as geodata/wenzhou/factor-sources.json gives it (the demo's own list, which cites the census). */
type SourceJson = { id: string } & Record<string, string | null>;

/** Resident population and urban share (2020 census) of every county held, through the indicator writer. */
async function importCensus(db: Database, geodataDir: string): Promise<RealPartReport['census']> {
  const t = Date.now();
  const { sources } = JSON.parse(fs.readFileSync(path.join(repoRoot, 'geodata', 'wenzhou', 'factor-sources.json'), 'utf8')) as { sources: SourceJson[] };
  const src = sources.find((s) => s.id === CENSUS_SOURCE);
  if (!src) throw new Error(`geodata/wenzhou/factor-sources.json has no source ${CENSUS_SOURCE}`);
  const rows = parse(fs.readFileSync(path.join(geodataDir, 'china', 'census', 'population.csv'), 'utf8'), {
    columns: true,
    skip_empty_lines: true,
    bom: true,
  }) as Record<string, string>[];
  return db.transaction(async (tx) => {
    await tx.query(
      `INSERT INTO sources (id, title, publisher, url, licence, retrieved, vintage, notes) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
       ON CONFLICT (id) DO NOTHING`,
      ['id', 'title', 'publisher', 'url', 'licence', 'retrieved', 'vintage', 'notes'].map((k) => src[k] ?? null),
    );
    const held = new Set(
      (await tx.query<{ code: string }>("SELECT code FROM units WHERE level = 'county'")).map((r) => r.code.slice(0, 6)),
    );
    const raw: RawRow[] = [];
    for (const r of rows) {
      const code = r.CODE ?? '';
      if (!held.has(code) || !/^\d+$/.test(r.POPU ?? '')) continue;
      const urb = Number(r.POPU_URB);
      raw.push({ row: raw.length + 1, raw: { unit_code: code, year: '2020', indicator: 'population_resident', value: r.POPU, unit: 'persons', basis: 'observed', source_id: CENSUS_SOURCE, note: 'POPU' } });
      if (Number.isFinite(urb)) {
        raw.push({
          row: raw.length + 1,
          raw: { unit_code: code, year: '2020', indicator: 'urbanisation_rate', value: String(Math.round(urb * 10000) / 100), unit: 'percent', basis: 'observed', source_id: CENSUS_SOURCE, note: 'POPU_URB × 100' },
        });
      }
    }
    const ids = await insertRows(tx, indicatorKind, raw);
    return { counties: new Set(raw.map((r) => r.raw.unit_code)).size, indicators: ids.length, seconds: seconds(t) };
  });
}
