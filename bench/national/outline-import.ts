// DataV outlines for all of China through the importer's own steps (read, convert GCJ-02, stage, repair,
// check, write: server/geodata), in one transaction, but without the step importFile ends with: rebuilding
// the generalised tile shapes of every level at once. Over the national county topology that step took
// 27.5 minutes and 3 GB here (docs/bench-national.md), and flow analysis never reads those shapes, so the
// bench database has no polygon tiles.
import fs from 'node:fs';
import path from 'node:path';
import type { Database } from '../../server/db/database.ts';
import { namedQuery } from '../../server/db/sql-files.ts';
import { featuresToRows, type LocatedFeature } from '../../server/geodata/file-features.ts';
import { parseGeoJson } from '../../server/geodata/geojson-input.ts';
import { ImportError } from '../../server/geodata/import-error.ts';
import { DEFAULT_MAX_FILE_BYTES } from '../../server/geodata/import-limits.ts';
import type { Level } from '../../server/geodata/levels.ts';
import type { Progress } from '../../server/geodata/progress.ts';
import { parseCrs } from '../../server/geodata/source-crs.ts';
import { readLocalFile } from '../../server/geodata/source-files.ts';
import { findSource, mirrorPathOf, type SourceEntry } from '../../server/geodata/source-manifest.ts';
import { checkStage, createStage, fillSurfacePoints, repairShapes, stageRows, writeStage } from '../../server/geodata/unit-stage.ts';

export interface OutlineImport {
  inserted: number;
  repaired: number;
}

export async function importOutlineFolder(
  db: Database,
  o: { dir: string; level: Level; sourceId: string; manifest: readonly SourceEntry[]; progress: Progress },
): Promise<OutlineImport> {
  const source = findSource(o.manifest, o.sourceId);
  const files = fs.readdirSync(o.dir).filter((f) => /^\d{6}\.json$/.test(f)).sort();
  const features: LocatedFeature[] = files.flatMap((f) =>
    parseGeoJson(readLocalFile(path.join(o.dir, f), DEFAULT_MAX_FILE_BYTES), f).map((x) => ({ ...x, label: `${f} feature #${x.index}` })),
  );
  const result = featuresToRows(features, {
    format: 'datav',
    crs: parseCrs('gcj02'),
    level: o.level,
    props: {},
    quality: 'surveyed',
    sourceId: source.id,
    vintage: source.vintage,
  });
  if (result.problems.length) throw new ImportError(`${o.dir} has problems; nothing was written`, result.problems);
  return db.transaction(async (tx) => {
    await tx.query("SET LOCAL statement_timeout = '30min'");
    await tx.query(namedQuery('import_sources_upsert'), [
      JSON.stringify([{ ...source, original_crs: source.originalCrs, mirror_path: mirrorPathOf(source) }]),
    ]);
    await createStage(tx);
    await stageRows(tx, result.rows, 4326, o.progress);
    // DataV outlines self-intersect here and there; made valid and counted, as `npm run import -- --region` does.
    const repaired = await repairShapes(tx);
    await checkStage(tx, o.dir);
    await fillSurfacePoints(tx);
    const counts = await writeStage(tx, o.progress);
    return { inserted: counts.inserted, repaired: repaired.length };
  });
}
