// One import = one transaction: load the source manifest, stage and check the units, write them, bump
// the data version and rebuild generalised shapes if anything changed, and record the run. Any error
// rolls all of it back, so a bad file leaves the previous data exactly as it was.
import type { Database, Queryable } from '../db/database.ts';
import { dataVersion } from '../db/data-version.ts';
import { namedQuery } from '../db/sql-files.ts';
import { regeneralise } from '../tiles/generalise.ts';
import type { Progress } from './progress.ts';
import { mirrorPathOf, type SourceEntry } from './source-manifest.ts';
import type { WriteCounts } from './unit-stage.ts';

export interface Skip {
  where: string;
  reason: string;
}

export interface ImportBodyResult {
  counts: WriteCounts;
  skipped: Skip[];
  /** Figures worth keeping with the run (join rates, files read, repairs). */
  notes: Record<string, unknown>;
}

export interface ImportSummary extends WriteCounts {
  input: string;
  sourceId: string;
  skipped: number;
  skippedByReason: { reason: string; count: number; examples: string[] }[];
  sourcesChanged: number;
  /** The version written, or null when nothing changed (the version stays as it was). */
  dataVersion: number | null;
  runId: number;
  notes: Record<string, unknown>;
  durationMs: number;
}

// Importing a province's villages can take minutes on a small machine; the server's short statement
// timeout is meant for requests, not for this.
const IMPORT_STATEMENT_TIMEOUT = '30min';

async function loadSources(tx: Queryable, manifest: readonly SourceEntry[]): Promise<number> {
  const rows = manifest.map((s) => ({
    id: s.id,
    title: s.title,
    publisher: s.publisher,
    url: s.url,
    licence: s.licence,
    original_crs: s.originalCrs,
    retrieved: s.retrieved,
    vintage: s.vintage,
    notes: s.notes,
    mirror_path: mirrorPathOf(s),
  }));
  const [r] = await tx.query<{ n: number }>(namedQuery('import_sources_upsert'), [JSON.stringify(rows)]);
  return r?.n ?? 0;
}

function groupSkips(skips: readonly Skip[]): ImportSummary['skippedByReason'] {
  const by = new Map<string, string[]>();
  for (const s of skips) {
    const list = by.get(s.reason) ?? [];
    list.push(s.where);
    by.set(s.reason, list);
  }
  return [...by].map(([reason, wheres]) => ({ reason, count: wheres.length, examples: wheres.slice(0, 10) }));
}

export async function runImport(
  db: Database,
  o: { input: string; sourceId: string; manifest: readonly SourceEntry[]; progress: Progress },
  body: (tx: Queryable) => Promise<ImportBodyResult>,
): Promise<ImportSummary> {
  const started = Date.now();
  return db.transaction(async (tx) => {
    await tx.query(`SET LOCAL statement_timeout = '${IMPORT_STATEMENT_TIMEOUT}'`);
    const sourcesChanged = await loadSources(tx, o.manifest);
    const { counts, skipped, notes } = await body(tx);
    let version: number | null = null;
    if (counts.inserted + counts.updated + sourcesChanged > 0) {
      if (counts.shapesChanged > 0) {
        o.progress.note('rebuilding generalised shapes for tiles');
        await regeneralise(tx);
      }
      version = await dataVersion(db).bump(tx);
    }
    const skippedByReason = groupSkips(skipped);
    const allNotes = { ...notes, byLevel: counts.byLevel, unchanged: counts.unchanged, sourcesChanged, skippedByReason };
    const [run] = await tx.query<{ id: number }>(namedQuery('import_run_record'), [
      o.sourceId,
      o.input,
      counts.inserted,
      counts.updated,
      skipped.length,
      version,
      JSON.stringify(allNotes),
    ]);
    return {
      ...counts,
      input: o.input,
      sourceId: o.sourceId,
      skipped: skipped.length,
      skippedByReason,
      sourcesChanged,
      dataVersion: version,
      runId: Number(run?.id),
      notes,
      durationMs: Date.now() - started,
    };
  });
}
