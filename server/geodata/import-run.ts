// One import = one transaction: load the source manifest, stage and check the units, write them, bump
// the data version and rebuild generalised shapes if anything changed, and record the run. Any error
// rolls all of it back, so a bad file leaves the previous data exactly as it was.
import type { Database, Queryable } from '../db/database.ts';
import { dataVersion } from '../db/data-version.ts';
import { namedQuery } from '../db/sql-files.ts';
import { GENERALISED_LEVELS, regeneralise } from '../tiles/generalise.ts';
import { byProvince } from './generalise-region.ts';
import { levelOfCode } from './nbs-code.ts';
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

/** What became of the generalised tile shapes: rebuilt around the changed units, or left for later. */
export type GeneraliseOutcome =
  | { done: true; rebuilt: number; context: number; seconds: number }
  | { done: false; changed: number; command: string };

export interface ImportSummary extends Omit<WriteCounts, 'shapeCodes'> {
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
  /** Null when no shape changed. */
  generalise: GeneraliseOutcome | null;
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
  o: {
    input: string;
    sourceId: string;
    manifest: readonly SourceEntry[];
    progress: Progress;
    /** Leave the generalised tile shapes for `npm run import -- generalise` (a national import). */
    deferGeneralise?: boolean;
  },
  body: (tx: Queryable) => Promise<ImportBodyResult>,
): Promise<ImportSummary> {
  const started = Date.now();
  return db.transaction(async (tx) => {
    await tx.query(`SET LOCAL statement_timeout = '${IMPORT_STATEMENT_TIMEOUT}'`);
    const sourcesChanged = await loadSources(tx, o.manifest);
    const { counts, skipped, notes } = await body(tx);
    let version: number | null = null;
    let generalise: GeneraliseOutcome | null = null;
    if (counts.inserted + counts.updated + sourcesChanged > 0) {
      // Only the levels tiles draw as polygons are generalised (not provinces and prefectures).
      const drawn = counts.shapeCodes.filter((c) => GENERALISED_LEVELS.includes(levelOfCode(c)));
      if (drawn.length > 0) generalise = await generaliseChanged(tx, drawn, o);
      version = await dataVersion(db).bump(tx, { units: true });
    }
    const skippedByReason = groupSkips(skipped);
    const allNotes = { ...notes, byLevel: counts.byLevel, unchanged: counts.unchanged, sourcesChanged, skippedByReason, generalise };
    const [run] = await tx.query<{ id: number }>(namedQuery('import_run_record'), [
      o.sourceId,
      o.input,
      counts.inserted,
      counts.updated,
      skipped.length,
      version,
      JSON.stringify(allNotes),
    ]);
    const { shapeCodes: _codes, ...countFigures } = counts;
    return {
      ...countFigures,
      input: o.input,
      sourceId: o.sourceId,
      skipped: skipped.length,
      skippedByReason,
      sourcesChanged,
      dataVersion: version,
      runId: Number(run?.id),
      notes,
      durationMs: Date.now() - started,
      generalise,
    };
  });
}

/** Rebuilds the generalised shapes around the changed units, or says how to do it later. */
async function generaliseChanged(tx: Queryable, codes: readonly string[], o: { progress: Progress; deferGeneralise?: boolean }): Promise<GeneraliseOutcome> {
  if (o.deferGeneralise) {
    const region = commonRegion(codes);
    const command = `npm run import -- generalise${region ? ` --region ${region}` : ''}`;
    o.progress.note(`generalised tile shapes left for later (${codes.length} units changed): run ${command}`);
    return { done: false, changed: codes.length, command };
  }
  o.progress.note(`rebuilding generalised shapes for tiles around the ${codes.length} units whose shape changed`);
  const started = Date.now();
  // One province at a time: the topology of a whole country's faces is too big to build at once (see
  // docs/import.md, "Generalised tile shapes and national imports").
  const parts = byProvince(codes);
  let rebuilt = 0;
  let context = 0;
  let i = 0;
  for (const [province, part] of parts) {
    if (parts.size > 1) o.progress.note(`province ${province.padEnd(6, '0')} (${++i}/${parts.size}): ${part.length} changed units`);
    const r = await regeneralise(tx, undefined, { around: part, note: (m) => o.progress.note(`  ${m}`) });
    rebuilt += r.rebuilt;
    context += r.context;
  }
  return { done: true, rebuilt, context, seconds: Math.round((Date.now() - started) / 100) / 10 };
}

/** The smallest province, prefecture or county (6 digits) whose code range holds every code, if any. */
export function commonRegion(codes: readonly string[]): string | null {
  for (const digits of [6, 4, 2]) {
    const head = codes[0]?.slice(0, digits);
    if (head && !/^0+$/.test(head.slice(-2)) && codes.every((c) => c.startsWith(head))) return head.padEnd(6, '0');
  }
  return null;
}
