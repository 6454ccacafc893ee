// The file importer against the seeded demo: one named test per kind of bad input (fixtures in
// tests/fixtures/import/, described in their sources.json), the CRS options, idempotence, and that a
// failure leaves the data exactly as it was.
import path from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { importFile, type FileImportOptions } from '../server/geodata/file-import.ts';
import { parseGeoJson } from '../server/geodata/geojson-input.ts';
import { degreeProblem, structureProblem } from '../server/geodata/geometry-checks.ts';
import { ImportError } from '../server/geodata/import-error.ts';
import { silentProgress, type Progress } from '../server/geodata/progress.ts';
import { parseCrs } from '../server/geodata/source-crs.ts';
import { readLocalFile } from '../server/geodata/source-files.ts';
import { loadManifest, mergeManifests } from '../server/geodata/source-manifest.ts';
import { seededDb, type TestDb } from './support/test-db.ts';

const FIXTURES = path.resolve(import.meta.dirname, 'fixtures', 'import');
const manifest = mergeManifests(loadManifest(), loadManifest(path.join(FIXTURES, 'sources.json')));
const FIXTURE_CODE = '330302990000';
/** The pentagon every valid fixture draws, in WGS-84. */
const PENTAGON = [
  [120.6, 28.0],
  [120.62, 28.0],
  [120.625, 28.012],
  [120.61, 28.02],
  [120.598, 28.01],
  [120.6, 28.0],
];

function options(file: string, extra: Partial<FileImportOptions> = {}): FileImportOptions {
  return {
    format: 'geojson',
    path: path.join(FIXTURES, file),
    sourceId: 'fixture-synthetic',
    crs: parseCrs('wgs84'),
    props: {},
    quality: 'surveyed',
    maxFileBytes: 1024 * 1024,
    manifest,
    progress: silentProgress,
    repair: false,
    ...extra,
  };
}

let t: TestDb;
interface State {
  units: number;
  version: number;
  runs: number;
  fixture: number;
}
const state = async (): Promise<State> => {
  const [r] = await t.db.query<State>(`SELECT (SELECT count(*)::int FROM units) AS units, (SELECT version::int FROM data_version) AS version,
    (SELECT count(*)::int FROM import_runs) AS runs, (SELECT count(*)::int FROM units WHERE code = '${FIXTURE_CODE}') AS fixture`);
  return r!;
};
const removeFixtureUnit = () => t.db.query('DELETE FROM units WHERE code = $1', [FIXTURE_CODE]);

/** Runs the import, expects an ImportError, and returns its text (message with every problem). */
async function rejection(o: FileImportOptions): Promise<string> {
  const err = await importFile(t.db, o).then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(ImportError);
  return (err as ImportError).message;
}

beforeAll(async () => {
  t = await seededDb();
});
afterAll(async () => {
  await t?.drop();
});

describe('bad input files', () => {
  let before: State;
  beforeEach(async () => {
    before = await state();
  });
  const unchanged = async () => expect(await state()).toEqual(before);

  it('rejects a self-intersecting polygon, naming the feature and the PostGIS reason', async () => {
    const msg = await rejection(options('self-intersecting.geojson'));
    expect(msg).toContain('self-intersecting.geojson feature #1 (code 330302991000): invalid geometry: Self-intersection[120.61 28.01]');
    expect(msg).not.toContain('feature #0'); // the valid first feature is not blamed, and was not written either
    await unchanged();
  });

  it('rejects coordinates outside China', async () => {
    const msg = await rejection(options('outside-china.geojson'));
    expect(msg).toContain('outside-china.geojson feature #0 (code 330302992000): coordinates (2.29, 48.85) lie outside China');
    await unchanged();
  });

  it('rejects projected metres passed off as degrees and says to give the CRS', async () => {
    const msg = await rejection(options('projected-metres.geojson'));
    expect(msg).toMatch(/feature #0 \(code 330302990000\): coordinates \(13425130\.\d+, 3248973\.\d+\) are not degrees; they look like projected metres/);
    expect(msg).toContain('--crs EPSG:<code>');
    await unchanged();
  });

  it('rejects a feature with no code', async () => {
    const msg = await rejection(options('missing-code.geojson'));
    expect(msg).toContain('missing-code.geojson feature #1: missing code');
    await unchanged();
  });

  it('rejects a unit whose parent does not exist', async () => {
    const msg = await rejection(options('unknown-parent.geojson'));
    expect(msg).toContain('unknown-parent.geojson feature #0 (code 330399001000): parent 330399000000 does not exist');
    await unchanged();
  });

  it("rejects a code outside its parent's code range", async () => {
    const msg = await rejection(options('code-outside-parent.geojson'));
    expect(msg).toContain('feature #0 (code 330329901000): code 330329901000 lies outside the code range of its parent 330382000000');
    await unchanged();
  });

  it('refuses a file over the size limit before reading it', async () => {
    // too-large.geojson is a valid 66 KB file; the limit here is 16 KB.
    const msg = await rejection(options('too-large.geojson', { maxFileBytes: 16 * 1024 }));
    expect(msg).toContain('too-large.geojson is too large: 64.5 KB, over the limit of 16.0 KB');
    await unchanged();
    // The file itself is fine: it was refused for its size, not its content.
    const [feature] = parseGeoJson(readLocalFile(path.join(FIXTURES, 'too-large.geojson'), 1024 * 1024), 'too-large.geojson');
    expect(structureProblem(feature!.geometry)).toBeNull();
    expect(degreeProblem(feature!.geometry!)).toBeNull();
  });

  it('rejects an EPSG code PostGIS does not know', async () => {
    const msg = await rejection(options('epsg4549-township.geojson', { crs: parseCrs('EPSG:999999') }));
    expect(msg).toContain('EPSG:999999 is not a coordinate system PostGIS knows');
    await unchanged();
  });
});

describe('coordinate systems', () => {
  beforeEach(removeFixtureUnit);

  async function storedRing(): Promise<number[][]> {
    const [r] = await t.db.query<{ g: string; srid: number }>('SELECT ST_AsGeoJSON(geom) AS g, ST_SRID(geom) AS srid FROM units WHERE code = $1', [FIXTURE_CODE]);
    expect(r!.srid).toBe(4326);
    return (JSON.parse(r!.g) as { coordinates: number[][][][] }).coordinates[0]![0]!;
  }

  const expectPentagon = (ring: number[][]) => {
    expect(ring).toHaveLength(PENTAGON.length);
    ring.forEach((p, i) => {
      // 1e-6° is about 10 cm: the fixture's coordinates were computed by GDAL, the import uses PostGIS.
      expect(p[0]).toBeCloseTo(PENTAGON[i]![0]!, 6);
      expect(p[1]).toBeCloseTo(PENTAGON[i]![1]!, 6);
    });
  };

  it('transforms a CGCS2000 Gauss–Krüger file (--crs EPSG:4549) to WGS-84 in the database', async () => {
    const r = await importFile(t.db, options('epsg4549-township.geojson', { crs: parseCrs('EPSG:4549') }));
    expect(r).toMatchObject({ inserted: 1, crs: 'EPSG:4549' });
    expectPentagon(await storedRing());
  });

  it('reads the projected-metres file correctly once told it is web mercator (--crs EPSG:3857)', async () => {
    const r = await importFile(t.db, options('projected-metres.geojson', { crs: parseCrs('EPSG:3857') }));
    expect(r).toMatchObject({ inserted: 1, crs: 'EPSG:3857' });
    expectPentagon(await storedRing());
  });

  it('stores WGS-84 input as given, with a point on its surface as the representative point', async () => {
    await importFile(t.db, options('valid-township.geojson'));
    expectPentagon(await storedRing());
    const [r] = await t.db.query<{ point_basis: string; inside: boolean; geom_quality: string; source_id: string }>(
      'SELECT point_basis, ST_Intersects(geom, point) AS inside, geom_quality, source_id FROM units WHERE code = $1',
      [FIXTURE_CODE],
    );
    expect(r).toEqual({ point_basis: 'surface', inside: true, geom_quality: 'surveyed', source_id: 'fixture-synthetic' });
  });

  it('refuses a --crs that contradicts the CRS the source records', async () => {
    const msg = await rejection(options('valid-township.geojson', { sourceId: 'datav-areas-v2', crs: parseCrs('wgs84') }));
    expect(msg).toContain('source datav-areas-v2 records its CRS as GCJ-02, but --crs says EPSG:4326');
  });
});

describe('re-running and failing', () => {
  beforeEach(removeFixtureUnit);

  it('changes nothing when the same file is imported twice: 0 inserted, 0 updated, same data version', async () => {
    const first = await importFile(t.db, options('valid-township.geojson'));
    expect(first).toMatchObject({ inserted: 1, updated: 0 });
    expect(first.dataVersion).not.toBeNull();
    const after = await state();
    const second = await importFile(t.db, options('valid-township.geojson'));
    expect(second).toMatchObject({ inserted: 0, updated: 0, unchanged: 1, dataVersion: null });
    const again = await state();
    expect({ ...again, runs: again.runs - 1 }).toEqual(after); // only the record of the run was added
  });

  it('updates a unit whose shape changed and bumps the data version once', async () => {
    await importFile(t.db, options('valid-township.geojson'));
    const before = await state();
    const r = await importFile(t.db, options('epsg4549-township.geojson', { crs: parseCrs('EPSG:4549') }));
    expect(r).toMatchObject({ inserted: 0, updated: 1, dataVersion: before.version + 1 });
  });

  it('rolls back everything already written when the import fails part-way through', async () => {
    const before = await state();
    // Fail after the township has been written to units, inside the transaction.
    const failing: Progress = {
      step() {},
      note(message) {
        if (message.startsWith('township:')) throw new Error('simulated failure after writing');
      },
    };
    await expect(importFile(t.db, options('valid-township.geojson', { progress: failing }))).rejects.toThrow('simulated failure after writing');
    expect(await state()).toEqual(before);
    expect(before.fixture).toBe(0);
  });
});
