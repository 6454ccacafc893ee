// The options of a region import the tests run: the local mirror only (never a download), the real source
// manifest, no progress lines, invalid upstream outlines repaired.
import { loadConfig } from '../../server/config.ts';
import { DEFAULT_MAX_FILE_BYTES } from '../../server/geodata/import-limits.ts';
import { silentProgress, type Progress } from '../../server/geodata/progress.ts';
import type { RegionImportOptions } from '../../server/geodata/region-import.ts';
import { loadManifest } from '../../server/geodata/source-manifest.ts';

export function mirrorRegionOptions(region: string, progress: Progress = silentProgress): RegionImportOptions {
  return {
    region,
    access: { geodataDir: loadConfig().geodataDir, allowDownload: false, maxFileBytes: DEFAULT_MAX_FILE_BYTES },
    manifest: loadManifest(),
    progress,
    repair: true,
  };
}
