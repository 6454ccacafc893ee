// The demo's flows, alliances, indicators and modelled layer, loaded from the committed tables in
// geodata/wenzhou/ through the same validating writer as uploads. Runs after the boundary import; rows
// naming units the database does not hold are skipped and reported. Re-running replaces the demo's rows.
import fs from 'node:fs';
import path from 'node:path';
import { repoRoot } from '../config.ts';
import type { Database, Queryable } from '../db/database.ts';
import { dataVersion } from '../db/data-version.ts';
import { log } from '../log.ts';
import { DEFAULT_DETERRENCE, countyModel, storeModelRun, townshipModel, COUNTY_MODEL_SOURCE, TOWNSHIP_MODEL_SOURCE } from '../analysis/labour-model.ts';
import { allianceKind } from './alliance-records.ts';
import { toCode12 } from './codes.ts';
import { flowKind } from './flow-records.ts';
import { indicatorKind } from './indicator-records.ts';
import type { RecordKind } from './record-kind.ts';
import { insertRows, type RawRow } from './record-store.ts';
import { rowsFromCsv } from './upload-parse.ts';

const DIR = path.join(repoRoot, 'geodata', 'wenzhou');
const CODE_FIELDS = ['origin', 'dest', 'a_code', 'b_code', 'unit_code'];

interface SourceJson {
  id: string;
  title: string;
  publisher: string;
  url: string | null;
  licence: string;
  original_crs?: string;
  retrieved: string | null;
  vintage: string;
  notes: string;
}

export interface FactorSeedReport {
  flows: number;
  alliances: number;
  indicators: number;
  modelled: { county: number; township: number };
  skipped: string[];
}

async function upsertSources(tx: Queryable): Promise<string[]> {
  const { sources } = JSON.parse(fs.readFileSync(path.join(DIR, 'factor-sources.json'), 'utf8')) as { sources: SourceJson[] };
  for (const s of sources) {
    await tx.query(
      `INSERT INTO sources (id, title, publisher, url, licence, original_crs, retrieved, vintage, notes)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)
       ON CONFLICT (id) DO UPDATE SET title = EXCLUDED.title, publisher = EXCLUDED.publisher, url = EXCLUDED.url,
         licence = EXCLUDED.licence, original_crs = EXCLUDED.original_crs, retrieved = EXCLUDED.retrieved,
         vintage = EXCLUDED.vintage, notes = EXCLUDED.notes`,
      [s.id, s.title, s.publisher, s.url, s.licence, s.original_crs ?? null, s.retrieved, s.vintage, s.notes],
    );
  }
  return sources.map((s) => s.id);
}

/** Sichuan partners of Yueqing's east–west cooperation, so alliances and flows can name them. */
async function insertPartnerUnits(tx: Queryable): Promise<void> {
  const rows = rowsFromCsv(fs.readFileSync(path.join(DIR, 'partner-units.csv'), 'utf8'), ['code', 'parent_code', 'level', 'name_zh', 'lon', 'lat']);
  for (const { raw } of rows) {
    const r = raw as Record<string, string>;
    await tx.query(
      `INSERT INTO units (code, parent_code, level, name_zh, point, point_basis, geom_quality, source_id, vintage)
       VALUES ($1, $2, $3, $4,
               CASE WHEN $5::float8 IS NULL THEN NULL ELSE ST_SetSRID(ST_MakePoint($5::float8, $6::float8), 4326) END,
               CASE WHEN $5::float8 IS NULL THEN NULL ELSE 'seat' END, 'none', 'atlas.partner-units', 'county codes of 2020-06')
       ON CONFLICT (code) DO NOTHING`,
      [toCode12(r.code!), r.parent_code ? toCode12(r.parent_code) : null, r.level, r.name_zh, r.lon || null, r.lat || null],
    );
  }
}

async function loadTable<T>(tx: Queryable, kind: RecordKind<T>, file: string, skipped: string[]): Promise<number> {
  const rows = rowsFromCsv(fs.readFileSync(path.join(DIR, file), 'utf8'), kind.fields);
  const codesOf = (r: RawRow) => CODE_FIELDS.map((k) => r.raw[k]).filter((v): v is string => typeof v === 'string' && v !== '').map((v) => toCode12(v) ?? v);
  const wanted = [...new Set(rows.flatMap(codesOf))];
  const held = new Set((await tx.query<{ code: string }>('SELECT code FROM units WHERE code = ANY ($1::text[])', [wanted])).map((r) => r.code));
  const usable = rows.filter((r) => {
    const missing = codesOf(r).filter((c) => !held.has(c));
    if (missing.length) skipped.push(`${file} row ${r.row}: unit ${missing.join(', ')} not in the database`);
    return !missing.length;
  });
  return (await insertRows(tx, kind, usable)).length;
}

export async function seedFactorDemo(db: Database): Promise<FactorSeedReport> {
  const report = await db.transaction(async (tx) => {
    const skipped: string[] = [];
    const ids = [...(await upsertSources(tx)), COUNTY_MODEL_SOURCE, TOWNSHIP_MODEL_SOURCE];
    await insertPartnerUnits(tx);
    for (const table of ['flows', 'alliances', 'indicators']) await tx.query(`DELETE FROM ${table} WHERE source_id = ANY ($1::text[])`, [ids]);
    const indicators = await loadTable(tx, indicatorKind, 'indicators.csv', skipped);
    const flows = await loadTable(tx, flowKind, 'flows.csv', skipped);
    const alliances = await loadTable(tx, allianceKind, 'alliances.csv', skipped);
    const county = await storeModelRun(tx, await countyModel(tx), DEFAULT_DETERRENCE);
    const township = await storeModelRun(tx, await townshipModel(tx), DEFAULT_DETERRENCE);
    // The partner units are points the seats layer draws, so the units version moves too.
    await dataVersion(db).bump(tx, { units: true });
    return { flows, alliances, indicators, modelled: { county, township }, skipped };
  });
  log.info('factor demo seeded', { ...report, skipped: report.skipped.length });
  for (const s of report.skipped) log.info('factor demo row skipped', { reason: s });
  return report;
}
