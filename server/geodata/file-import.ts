// `npm run import -- --geojson <file>` or `--datav <folder>`: units from a file in any of the CRSs the
// importer knows, checked feature by feature and written in one transaction.
import fs from 'node:fs';
import path from 'node:path';
import type { Database } from '../db/database.ts';
import { datavProps } from './datav-feature.ts';
import { featuresToRows, type FeatureRules, type LocatedFeature, type PropertyNames } from './file-features.ts';
import { parseGeoJson } from './geojson-input.ts';
import { ImportError } from './import-error.ts';
import { runImport, type ImportSummary, type Skip } from './import-run.ts';
import type { Level } from './levels.ts';
import type { Progress } from './progress.ts';
import { parseCrs, type SourceCrs } from './source-crs.ts';
import { readLocalFile } from './source-files.ts';
import { findSource, type SourceEntry } from './source-manifest.ts';
import { checkStage, createStage, fillSurfacePoints, repairShapes, stageRows, writeStage, type GeomQuality, type PointBasis } from './unit-stage.ts';

export interface FileImportOptions {
  format: 'geojson' | 'datav';
  /** A file for geojson, a folder for datav. */
  path: string;
  sourceId: string;
  /** When omitted: the source's recorded CRS, or GCJ-02 for a DataV folder. */
  crs?: SourceCrs;
  level?: Level;
  props: PropertyNames;
  quality: Exclude<GeomQuality, 'none'>;
  pointBasis?: PointBasis;
  vintage?: string;
  maxFileBytes: number;
  manifest: readonly SourceEntry[];
  progress: Progress;
  repair: boolean;
  /** Leave the generalised tile shapes for `npm run import -- generalise` (a national import). */
  deferGeneralise?: boolean;
}

function listJsonFiles(dir: string): string[] {
  let entries: fs.Dirent[];
  try {
    entries = fs.readdirSync(dir, { withFileTypes: true });
  } catch (err) {
    throw new ImportError(`cannot read the folder ${dir}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`);
  }
  return entries
    .flatMap((e) => (e.isDirectory() ? listJsonFiles(path.join(dir, e.name)) : e.name.endsWith('.json') ? [path.join(dir, e.name)] : []))
    .sort();
}

/**
 * A DataV folder holds one file per unit (<code>.json) and may also hold <code>_full.json files that
 * repeat the children in a simplified form: each unit is taken from its most detailed file.
 */
function readDatavFolder(dir: string, maxBytes: number, progress: Progress): { features: LocatedFeature[]; skipped: Skip[] } {
  const files = listJsonFiles(dir).sort((a, b) => Number(a.endsWith('_full.json')) - Number(b.endsWith('_full.json')) || a.localeCompare(b));
  if (!files.length) throw new ImportError(`${dir} holds no .json files`);
  const features: LocatedFeature[] = [];
  const skipped: Skip[] = [];
  const seen = new Map<string, string>();
  files.forEach((file, i) => {
    const rel = path.relative(dir, file);
    for (const f of parseGeoJson(readLocalFile(file, maxBytes), rel)) {
      const label = `${rel} feature #${f.index}`;
      const code = String(datavProps(f).code ?? '');
      const first = code ? seen.get(code) : undefined;
      if (first) {
        skipped.push({ where: `${label} (adcode ${code})`, reason: 'the unit is also in an earlier, more detailed file' });
        continue;
      }
      if (code) seen.set(code, label);
      features.push({ ...f, label });
    }
    progress.step('reading files', i + 1, files.length);
  });
  return { features, skipped };
}

function chooseCrs(o: FileImportOptions, source: SourceEntry): SourceCrs {
  const recorded = source.originalCrs ? parseCrs(source.originalCrs === 'GCJ-02' ? 'gcj02' : source.originalCrs) : undefined;
  const crs = o.crs ?? recorded ?? (o.format === 'datav' ? parseCrs('gcj02') : undefined);
  if (!crs) throw new ImportError(`say which coordinate system the file uses with --crs (source ${source.id} does not record one)`);
  if (o.crs && recorded && o.crs.label !== recorded.label && !(o.crs.kind === 'wgs84' && recorded.kind === 'wgs84')) {
    throw new ImportError(`source ${source.id} records its CRS as ${source.originalCrs}, but --crs says ${o.crs.label}; correct one of them`);
  }
  return crs;
}

export async function importFile(db: Database, o: FileImportOptions): Promise<ImportSummary & { crs: string }> {
  const source = findSource(o.manifest, o.sourceId);
  const crs = chooseCrs(o, source);
  o.progress.note(`reading ${o.path}`);
  let features: LocatedFeature[];
  let skipped: Skip[] = [];
  if (o.format === 'geojson') {
    const name = path.basename(o.path);
    features = parseGeoJson(readLocalFile(o.path, o.maxFileBytes), name).map((f) => ({ ...f, label: `${name} feature #${f.index}` }));
  } else ({ features, skipped } = readDatavFolder(o.path, o.maxFileBytes, o.progress));
  if (!features.length) throw new ImportError(`${o.path} holds no features`);

  const rules: FeatureRules = {
    format: o.format,
    crs,
    level: o.level,
    props: o.props,
    quality: o.quality,
    pointBasis: o.pointBasis,
    sourceId: source.id,
    vintage: o.vintage ?? source.vintage,
  };
  const result = featuresToRows(features, rules);
  if (result.problems.length) throw new ImportError(`${o.path} has problems; nothing was written`, result.problems);
  skipped = [...skipped, ...result.skipped];
  const srid = crs.kind === 'epsg' ? crs.srid : 4326;

  const summary = await runImport(db, { input: `${o.format} ${o.path}`, sourceId: source.id, manifest: o.manifest, progress: o.progress, deferGeneralise: o.deferGeneralise }, async (tx) => {
    if (crs.kind === 'epsg') {
      const known = await tx.query('SELECT 1 FROM spatial_ref_sys WHERE srid = $1', [srid]);
      if (!known.length) throw new ImportError(`EPSG:${srid} is not a coordinate system PostGIS knows (spatial_ref_sys)`);
    }
    await createStage(tx);
    await stageRows(tx, result.rows, srid, o.progress);
    const repaired = o.repair ? await repairShapes(tx) : [];
    await checkStage(tx, o.path);
    await fillSurfacePoints(tx);
    const counts = await writeStage(tx, o.progress);
    return { counts, skipped, notes: { crs: crs.label, features: features.length, repaired } };
  });
  return { ...summary, crs: crs.label };
}
