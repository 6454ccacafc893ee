// Stages units in a temporary table inside the import's transaction, checks them all at once, and then
// writes them to units level by level (parents before children, as the parent trigger requires).
import type { Geometry } from 'geojson';
import type { Queryable } from '../db/database.ts';
import { namedQuery } from '../db/sql-files.ts';
import { CHINA_BBOX } from './geometry-checks.ts';
import { ImportError, type Problem } from './import-error.ts';
import { LEVELS, type Level } from './levels.ts';
import type { Progress } from './progress.ts';

export type GeomQuality = 'surveyed' | 'approximate' | 'none';
export type PointBasis = 'seat' | 'surface' | 'centroid' | 'name_match';

export interface UnitRow {
  where: string;
  code: string;
  parentCode: string | null;
  level: Level;
  nameZh: string;
  nameEn: string | null;
  namePinyin: string | null;
  /** Polygon or MultiPolygon in the import's SRID (already converted when the input was GCJ-02). */
  geometry: Geometry | null;
  /** [x, y] in the import's SRID. */
  point: [number, number] | null;
  pointBasis: PointBasis | null;
  geomQuality: GeomQuality;
  sourceId: string;
  geomSourceId: string | null;
  pointSourceId: string | null;
  vintage: string;
  note: string | null;
}

export interface WriteCounts {
  inserted: number;
  updated: number;
  unchanged: number;
  /** Units inserted or updated whose shape is new or changed. */
  shapesChanged: number;
  /** Their codes: generalisation rebuilds around them. */
  shapeCodes: string[];
  byLevel: Partial<Record<Level, { inserted: number; updated: number; unchanged: number }>>;
}

// Keeps each statement's parameter to a few megabytes, which both engines take comfortably.
const BATCH_ROWS = 1000;
const BATCH_CHARS = 4_000_000;

export async function createStage(tx: Queryable): Promise<void> {
  await tx.exec(namedQuery('import_stage_create'));
}

export async function stageRows(tx: Queryable, rows: readonly UnitRow[], srid: number, progress: Progress): Promise<void> {
  let batch: Record<string, unknown>[] = [];
  let chars = 0;
  let done = 0;
  const flush = async () => {
    if (!batch.length) return;
    await tx.query(namedQuery('import_stage_insert'), [JSON.stringify(batch), srid]);
    done += batch.length;
    progress.step('staging units', done, rows.length);
    batch = [];
    chars = 0;
  };
  for (let i = 0; i < rows.length; i++) {
    const r = rows[i]!;
    const geom = r.geometry ? JSON.stringify(r.geometry) : null;
    batch.push({
      idx: i,
      where_text: r.where,
      code: r.code,
      parent_code: r.parentCode,
      level: r.level,
      name_zh: r.nameZh,
      name_en: r.nameEn,
      name_pinyin: r.namePinyin,
      geom,
      point: r.point ? JSON.stringify({ type: 'Point', coordinates: r.point }) : null,
      geom_quality: r.geomQuality,
      point_basis: r.pointBasis,
      source_id: r.sourceId,
      geom_source_id: r.geomSourceId,
      point_source_id: r.pointSourceId,
      vintage: r.vintage,
      note: r.note,
    });
    chars += (geom?.length ?? 0) + 300;
    if (batch.length >= BATCH_ROWS || chars >= BATCH_CHARS) await flush();
  }
  await flush();
  await tx.query(namedQuery('import_stage_transform'));
  // Autovacuum never analyses a temporary table, and without statistics the planner takes the stage for a
  // few rows and picks nested loops that are quadratic in a province's 20,000 units.
  await tx.exec('ANALYZE import_stage');
}

/**
 * Staged units whose outline could not be downloaded this time keep the shape already stored, with its point
 * and provenance: an import run offline must not erase what an earlier import with internet filled in.
 * Returns the codes that kept one.
 */
export async function keepStoredShapes(tx: Queryable, codes: readonly string[]): Promise<string[]> {
  if (!codes.length) return [];
  const rows = await tx.query<{ code: string }>(namedQuery('import_stage_keep_stored_shapes'), [codes]);
  return rows.map((r) => r.code).sort();
}

/** With repair: invalid shapes are made valid and listed; without it they are reported as problems. */
export async function repairShapes(tx: Queryable): Promise<Problem[]> {
  const rows = await tx.query<{ where_text: string; code: string; reason: string }>(namedQuery('import_stage_repair'));
  return rows.map((r) => ({ where: `${r.where_text} (code ${r.code})`, reason: `repaired: ${r.reason}` }));
}

/** Throws an ImportError naming every bad unit (up to 100) when anything staged is wrong. */
export async function checkStage(tx: Queryable, input: string): Promise<void> {
  const rows = await tx.query<{ where_text: string; code: string; reason: string }>(namedQuery('import_stage_problems'), [
    CHINA_BBOX.west,
    CHINA_BBOX.south,
    CHINA_BBOX.east,
    CHINA_BBOX.north,
  ]);
  if (rows.length) {
    throw new ImportError(
      `${input} has problems${rows.length >= 100 ? ' (the first 100 shown)' : ''}; nothing was written`,
      rows.map((r) => ({ where: `${r.where_text} (code ${r.code})`, reason: r.reason })),
    );
  }
}

export async function fillSurfacePoints(tx: Queryable): Promise<void> {
  await tx.query(namedQuery('import_stage_surface_points'));
}

export async function writeStage(tx: Queryable, progress: Progress): Promise<WriteCounts> {
  const totals: WriteCounts = { inserted: 0, updated: 0, unchanged: 0, shapesChanged: 0, shapeCodes: [], byLevel: {} };
  const staged = await tx.query<{ level: Level; n: number }>('SELECT level, count(*)::int AS n FROM import_stage GROUP BY level');
  for (const level of LEVELS) {
    const n = staged.find((s) => s.level === level)?.n ?? 0;
    if (!n) continue;
    type Written = { n: number; with_geom: number; shape_codes: string[] };
    const [ins] = await tx.query<Written>(namedQuery('import_units_insert'), [level]);
    const [upd] = await tx.query<Written>(namedQuery('import_units_update'), [level]);
    const inserted = ins?.n ?? 0;
    const updated = upd?.n ?? 0;
    totals.byLevel[level] = { inserted, updated, unchanged: n - inserted - updated };
    totals.inserted += inserted;
    totals.updated += updated;
    totals.unchanged += n - inserted - updated;
    totals.shapesChanged += (ins?.with_geom ?? 0) + (upd?.with_geom ?? 0);
    totals.shapeCodes.push(...(ins?.shape_codes ?? []), ...(upd?.shape_codes ?? []));
    progress.note(`${level}: ${inserted} inserted, ${updated} updated, ${n - inserted - updated} unchanged`);
  }
  return totals;
}
