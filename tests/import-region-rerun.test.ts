// Re-importing the demo region changes nothing, and a failed region import leaves the data as it was.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../server/config.ts';
import { importFile } from '../server/geodata/file-import.ts';
import { DEFAULT_MAX_FILE_BYTES } from '../server/geodata/import-limits.ts';
import { silentProgress, type Progress } from '../server/geodata/progress.ts';
import { importRegion } from '../server/geodata/region-import.ts';
import { loadManifest } from '../server/geodata/source-manifest.ts';
import { mirrorRegionOptions } from './support/region-options.ts';
import { seededDb, type TestDb } from './support/test-db.ts';

const config = loadConfig();
const manifest = loadManifest();
const regionOptions = (progress?: Progress) => mirrorRegionOptions('330300', progress);

let t: TestDb;
const snapshot = async () =>
  (
    await t.db.query<{ units: number; version: number; fingerprint: string }>(`
      SELECT count(*)::int AS units, (SELECT version::int FROM data_version) AS version,
             md5(string_agg(code || name_zh || coalesce(name_en, '') || coalesce(parent_code, '') || geom_quality ||
                            coalesce(ST_AsEWKB(geom)::text, '') || coalesce(ST_AsEWKB(point)::text, '') || coalesce(note, ''), '|' ORDER BY code)) AS fingerprint
      FROM units`)
  )[0]!;

beforeAll(async () => {
  t = await seededDb();
});
afterAll(async () => {
  await t?.drop();
});

describe('re-importing the demo region', () => {
  it('changes nothing the second time: 0 inserted, 0 updated, data version not bumped', async () => {
    const before = await snapshot();
    const r = await importRegion(t.db, regionOptions());
    expect(r).toMatchObject({ inserted: 0, updated: 0, unchanged: 1 + 1 + 12 + 185 + 3685, skipped: 6, dataVersion: null, sourcesChanged: 0 });
    expect(await snapshot()).toEqual(before);
    const [run] = await t.db.query<{ inserted: number; updated: number; data_version: number | null }>(
      'SELECT inserted, updated, data_version FROM import_runs ORDER BY id DESC LIMIT 1',
    );
    expect(run).toEqual({ inserted: 0, updated: 0, data_version: null });
  });

  it('reports the same join figures as the first run', async () => {
    const r = await importRegion(t.db, regionOptions());
    expect(r.townships).toMatchObject({ total: 185, nameMatched: 171, nameMatchedWithCoordinates: 147, withPoint: 147, withArea: 147, matchedOutsideOwnCounty: 0 });
    expect(r.townships.droppedOutsideCounty).toEqual([]);
    expect(r.villages).toMatchObject({ total: 3685, nameMatched: 2459, nameMatchedWithCoordinates: 189, matchedOutsideOwnCounty: 11, withPoint: 188 });
    expect(r.villages.droppedOutsideCounty).toEqual(['330327100036 站前社区']);
    expect(r.statisticalUnits).toEqual([
      '330324400 县特产场场区',
      '330324401 四海山林场',
      '330324402 正江山林场',
      '330326401 开发区',
      '330329400 乌岩岭自然保护区',
      '330383198 龙港县直辖村级区划',
    ]);
  });

  it('rolls back a region import that fails after writing, leaving units and data version as they were', async () => {
    await t.db.query("UPDATE units SET name_en = 'changed by the test' WHERE code = '330329000000'");
    const before = await snapshot();
    const failing: Progress = {
      step() {},
      note(message) {
        if (message.startsWith('village:')) throw new Error('simulated failure after writing');
      },
    };
    // By the time villages are written, the county's name has been restored inside the transaction.
    await expect(importRegion(t.db, regionOptions(failing))).rejects.toThrow('simulated failure after writing');
    expect(await snapshot()).toEqual(before);
    const repaired = await importRegion(t.db, regionOptions());
    expect(repaired).toMatchObject({ inserted: 0, updated: 1 });
    expect(repaired.dataVersion).toBe(before.version + 1);
  });

  it('agrees with a DataV folder import of the same files: importing the mirror\'s Wenzhou folder changes nothing', async () => {
    const before = await snapshot();
    const r = await importFile(t.db, {
      format: 'datav',
      path: `${config.geodataDir}/wenzhou/datav`,
      sourceId: 'datav-areas-v2',
      props: {},
      quality: 'surveyed',
      maxFileBytes: DEFAULT_MAX_FILE_BYTES,
      manifest,
      progress: silentProgress,
      repair: false,
    });
    // 330300.json and the 12 county files; the 12 counties again in 330300_full.json are skipped.
    expect(r).toMatchObject({ inserted: 0, updated: 0, unchanged: 13, skipped: 12, crs: 'GCJ-02' });
    expect(await snapshot()).toEqual(before);
  });
});
