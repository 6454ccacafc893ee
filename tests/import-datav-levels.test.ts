// DataV labels the county-level units directly under a province (济源 419001, 仙桃 429004, the Hainan
// counties, the Xinjiang corps cities) `city`, like a prefecture. The importer reads their level from the
// NBS code instead, so a whole DataV tree (country, province/, city/, county/) imports in one call.
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { datavLevel, datavProps, isProvinceDirectCounty } from '../server/geodata/datav-feature.ts';
import { importFile, type FileImportOptions } from '../server/geodata/file-import.ts';
import { ImportError } from '../server/geodata/import-error.ts';
import { silentProgress } from '../server/geodata/progress.ts';
import { loadManifest, mergeManifests } from '../server/geodata/source-manifest.ts';
import { emptyDb, type TestDb } from './support/test-db.ts';

const FIXTURES = path.resolve(import.meta.dirname, 'fixtures', 'import');
const manifest = mergeManifests(loadManifest(), loadManifest(path.join(FIXTURES, 'sources.json')));

function options(folder: string): FileImportOptions {
  return {
    format: 'datav',
    path: path.join(FIXTURES, folder),
    sourceId: 'fixture-synthetic',
    props: {},
    quality: 'surveyed',
    maxFileBytes: 1024 * 1024,
    manifest,
    progress: silentProgress,
    repair: false,
  };
}

const feature = (adcode: number, level: string) => ({ index: 1, properties: { adcode, level, name: 'x' }, geometry: null });

describe('the level of a DataV feature', () => {
  it('reads xx90xx codes as county-level units directly under a province', () => {
    for (const code of ['419001', '429004', '429021', '469030', '659010']) expect(isProvinceDirectCounty(code.padEnd(12, '0')), code).toBe(true);
    for (const code of ['419000', '410102', '441900', '330300', '110101']) expect(isProvinceDirectCounty(code.padEnd(12, '0')), code).toBe(false);
  });

  it('takes a `city` with a province-direct county code as a county, and every other word as DataV means it', () => {
    const level = (adcode: number, word: string) => datavLevel(String(adcode).padEnd(12, '0'), datavProps(feature(adcode, word)));
    expect(level(429004, 'city')).toBe('county');
    expect(level(441900, 'city')).toBe('prefecture'); // 东莞 is a prefecture-level city without counties
    expect(level(330300, 'city')).toBe('prefecture');
    expect(level(330302, 'district')).toBe('county');
    expect(level(330000, 'province')).toBe('province');
    expect(level(410102, 'city')).toBe('prefecture'); // not province-direct: left for the code check to refuse
  });
});

describe('importing a whole DataV folder in one call', () => {
  let t: TestDb;
  beforeAll(async () => {
    t = await emptyDb();
  });
  afterAll(async () => {
    await t?.drop();
  });

  it('stores 济源 (labelled `city`) as a county under its province, beside the prefecture and its districts', async () => {
    const summary = await importFile(t.db, options('datav-folder'));
    expect(summary.inserted).toBe(5);
    expect(summary.skippedByReason.map((s) => s.reason)).toEqual(['a country outline is not an administrative unit here']);
    const rows = await t.db.query<{ code: string; level: string; parent_code: string | null }>(
      `SELECT code, level, parent_code FROM units ORDER BY code`,
    );
    expect(rows).toEqual([
      { code: '410000000000', level: 'province', parent_code: null },
      { code: '410100000000', level: 'prefecture', parent_code: '410000000000' },
      { code: '410102000000', level: 'county', parent_code: '410100000000' },
      { code: '410103000000', level: 'county', parent_code: '410100000000' },
      { code: '419001000000', level: 'county', parent_code: '410000000000' },
    ]);
  });

  it('draws the province-direct county in the counties tile layer (it has generalised shapes)', async () => {
    const [r] = await t.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM unit_geom_generalised WHERE code = '419001000000'`);
    expect(r!.n).toBeGreaterThan(0);
  });

  it('still rejects a `city` whose county code is not province-direct, naming the file and the code', async () => {
    const err = await importFile(t.db, options('datav-misread')).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ImportError);
    expect((err as ImportError).message).toContain('410102.json feature #0 (code 410102000000): code 410102000000 is not a prefecture code');
  });
});
