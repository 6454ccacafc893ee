// The demo region: Wenzhou (温州市, 330300) with its province, 12 counties (incl. 龙港市), 185 townships
// and 3,685 villages, imported from the mirror like any other region.
import type { Config } from '../config.ts';
import type { Database } from '../db/database.ts';
import { log } from '../log.ts';
import { DEFAULT_MAX_FILE_BYTES } from './import-limits.ts';
import { silentProgress } from './progress.ts';
import { importRegion, type RegionImportReport } from './region-import.ts';
import { loadManifest } from './source-manifest.ts';

export const DEMO_REGION = '330300';

export async function seedDemo(db: Database, config: Config): Promise<RegionImportReport> {
  const report = await importRegion(db, {
    region: DEMO_REGION,
    access: { geodataDir: config.geodataDir, allowDownload: config.allowDownload, maxFileBytes: DEFAULT_MAX_FILE_BYTES },
    manifest: loadManifest(),
    progress: silentProgress,
    repair: true,
    requireOutlines: true,
  });
  // What the import did without (village points whose 2016 file could not be had, and so on).
  for (const warning of report.warnings) log.info('demo import warning', { warning });
  log.info('demo region imported', {
    region: DEMO_REGION,
    inserted: report.inserted,
    updated: report.updated,
    townshipSeats: report.townships.withPoint,
    ms: report.durationMs,
  });
  return report;
}
