// Generalised tile shapes after an import: rebuilt around the changed units by default, left for later with
// --defer-generalise (the summary names the command), and rebuilt by `generalise` for a region or the country.
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importFile, type FileImportOptions } from '../server/geodata/file-import.ts';
import { generaliseRegion } from '../server/geodata/generalise-region.ts';
import { ImportError } from '../server/geodata/import-error.ts';
import { commonRegion } from '../server/geodata/import-run.ts';
import { silentProgress } from '../server/geodata/progress.ts';
import { loadManifest, mergeManifests } from '../server/geodata/source-manifest.ts';
import { emptyDb, type TestDb } from './support/test-db.ts';

const FIXTURES = path.resolve(import.meta.dirname, 'fixtures', 'import');
const manifest = mergeManifests(loadManifest(), loadManifest(path.join(FIXTURES, 'sources.json')));
const options = (extra: Partial<FileImportOptions> = {}): FileImportOptions => ({
  format: 'datav',
  path: path.join(FIXTURES, 'datav-folder'),
  sourceId: 'fixture-synthetic',
  props: {},
  quality: 'surveyed',
  maxFileBytes: 1024 * 1024,
  manifest,
  progress: silentProgress,
  repair: false,
  ...extra,
});

describe('the region a deferred import names', () => {
  it('is the smallest province, prefecture or county holding every changed code', () => {
    const c = (s: string) => s.padEnd(12, '0');
    expect(commonRegion([c('330302'), c('330303')])).toBe('330300');
    expect(commonRegion([c('330302')])).toBe('330302');
    expect(commonRegion([c('410000'), c('410102'), c('419001')])).toBe('410000');
    expect(commonRegion([c('330302'), c('410102')])).toBeNull();
  });
});

describe('deferring generalisation', () => {
  let t: TestDb;
  const generalised = async () =>
    (await t.db.query<{ code: string }>(`SELECT DISTINCT code::text AS code FROM unit_geom_generalised ORDER BY 1`)).map((r) => r.code);
  beforeAll(async () => {
    t = await emptyDb();
  });
  afterAll(async () => {
    await t?.drop();
  });

  it('writes the units but no generalised shapes, and names the command that builds them', async () => {
    const s = await importFile(t.db, options({ deferGeneralise: true }));
    expect(s.inserted).toBe(5);
    expect(s.generalise).toEqual({ done: false, changed: 3, command: 'npm run import -- generalise --region 410000' });
    expect(await generalised()).toEqual([]);
    const [run] = await t.db.query<{ notes: { generalise: unknown } }>(`SELECT notes FROM import_runs ORDER BY id DESC LIMIT 1`);
    expect(run!.notes.generalise).toEqual(s.generalise);
  });

  it('`generalise --region` then builds the shapes of the region’s counties and bumps the data version', async () => {
    const [v0] = await t.db.query<{ version: number }>(`SELECT version::int AS version FROM data_version`);
    const r = await generaliseRegion(t.db, { region: '410000', progress: silentProgress });
    expect(r.parts).toHaveLength(1);
    expect(r.parts[0]).toMatchObject({ region: '410000', rebuilt: 3, context: 0 });
    expect(await generalised()).toEqual(['410102000000', '410103000000', '419001000000']);
    expect(r.dataVersion).toBeGreaterThan(v0!.version);
  });

  it('`generalise` with no region rebuilds the country one province at a time', async () => {
    const r = await generaliseRegion(t.db, { progress: silentProgress });
    expect(r.parts.map((p) => p.region)).toEqual(['410000']);
    expect(await generalised()).toHaveLength(3);
  });

  it('rejects a region that holds no unit with a shape, and a malformed code', async () => {
    await expect(generaliseRegion(t.db, { region: '330300', progress: silentProgress })).rejects.toThrow(ImportError);
    await expect(generaliseRegion(t.db, { region: '33030', progress: silentProgress })).rejects.toThrow(/six-digit/);
  });

  it('an import that is not deferred rebuilds around what it changed', async () => {
    await t.db.exec(`DELETE FROM unit_geom_generalised`);
    await t.db.exec(`UPDATE units SET geom = ST_Multi(ST_Buffer(geom, 0.0001)) WHERE code = '410102000000'`);
    const s = await importFile(t.db, options());
    expect(s.updated).toBe(1);
    expect(s.generalise).toMatchObject({ done: true, rebuilt: 2 }); // 中原区 and 二七区, which shares its edge
    expect(await generalised()).toEqual(['410102000000', '410103000000']);
  });
});
