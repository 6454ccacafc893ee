// GDAL's own OGC API – Features client (the OAPIF driver of Debian's gdal-bin) against the real server:
// a client nobody here wrote, so paging bugs that our own tests share with our own code still show up.
// Without GDAL the suite is skipped on a developer machine and fails in CI (CI=true).
import { execFile, execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seededDb, type TestDb } from './support/test-db.ts';
import { startTestServer } from './support/test-server.ts';
import type { Running } from '../server/start.ts';

const run = promisify(execFile);
const GDAL_TIMEOUT_MS = 120_000;

function gdalWithOapif(): string | null {
  try {
    const formats = execFileSync('ogrinfo', ['--formats'], { encoding: 'utf8', timeout: 20_000 });
    if (!/OAPIF/.test(formats)) return null;
    return execFileSync('ogrinfo', ['--version'], { encoding: 'utf8', timeout: 20_000 }).trim();
  } catch {
    return null;
  }
}

const gdal = gdalWithOapif();
const requiredHere = process.env.CI === 'true';

if (!gdal && requiredHere) {
  describe('GDAL OAPIF client', () => {
    it('has GDAL with the OAPIF driver installed (required in CI: apt-get install gdal-bin)', () => {
      throw new Error('ogrinfo with the OAPIF driver was not found on PATH');
    });
  });
}

// The seeded Wenzhou demo: 3,685 villages are 74 pages at PAGE_SIZE=50, the last one short.
const VILLAGES = 3685;
const PAGE_SIZE = 50;

describe.skipIf(!gdal)(`GDAL OAPIF client (${gdal ?? 'not installed'})`, () => {
  let t: TestDb;
  let s: Running;
  let dir: string;
  beforeAll(async () => {
    t = await seededDb();
    s = await startTestServer(t.db);
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'atlas-ogc-gdal-'));
  });
  afterAll(async () => {
    await s?.close();
    await t?.drop();
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
  });

  const gdalRun = async (cmd: 'ogrinfo' | 'ogr2ogr', args: string[]) => {
    const { stdout, stderr } = await run(cmd, args, { timeout: GDAL_TIMEOUT_MS, env: { ...process.env, GDAL_HTTP_TIMEOUT: '60' } });
    return { stdout, stderr };
  };
  const page = async (collection: string, query: string) => {
    const r = await fetch(`${s.url}/ogc/collections/${collection}/items?${query}`);
    return (await r.json()) as { numberMatched: number; features: { id: string }[] };
  };
  const numberMatched = async (collection: string) => (await page(collection, 'limit=1')).numberMatched;

  /**
   * Copies a collection with ogr2ogr and returns the ids of the features written, in file order. GDAL keeps
   * an integer id as the feature id (FID), written out with -preserve_fid; a string id becomes a property
   * named id (and the FID a mere counter).
   */
  async function copyWithOgr2ogr(collection: string, extra: string[] = []) {
    const out = path.join(dir, `${collection}-${Date.now()}.geojson`);
    const started = performance.now();
    await gdalRun('ogr2ogr', ['-preserve_fid', '-f', 'GeoJSON', out, `OAPIF:${s.url}/ogc`, collection, '-oo', `PAGE_SIZE=${PAGE_SIZE}`, ...extra]);
    const seconds = (performance.now() - started) / 1000;
    const fc = JSON.parse(fs.readFileSync(out, 'utf8')) as {
      features: { id?: number; geometry: { type: string } | null; properties: { id?: string; source_title: string } & Record<string, unknown> }[];
    };
    return { ids: fc.features.map((f) => f.properties.id ?? f.id), features: fc.features, seconds };
  }

  it('ogrinfo lists the collections as layers', async () => {
    const { stdout } = await gdalRun('ogrinfo', ['-ro', '-so', `OAPIF:${s.url}/ogc`]);
    for (const layer of ['units', 'counties', 'townships', 'villages', 'flows', 'alliances', 'indicators']) expect(stdout).toMatch(new RegExp(`^\\d+: ${layer}\\b`, 'm'));
  });

  it('ogrinfo reports the villages layer with numberMatched features and the fields of the schema', async () => {
    const { stdout } = await gdalRun('ogrinfo', ['-ro', '-so', `OAPIF:${s.url}/ogc`, 'villages']);
    expect(stdout).toMatch(new RegExp(`Feature Count: ${VILLAGES}\\b`));
    expect(stdout).toMatch(/^source_title: String/m);
    expect(stdout).toMatch(/^geom_quality: String/m);
  });

  it('ogrinfo types the fields from the collection schema, not from the first page', async () => {
    // On the first page of villages point_lon is null throughout, and the first flows have no magnitude:
    // guessed from the data they would become text, or whole numbers that truncate later decimals.
    const villages = (await gdalRun('ogrinfo', ['-ro', '-so', `OAPIF:${s.url}/ogc`, 'villages'])).stdout;
    expect(villages).toMatch(/^point_lon: Real/m);
    const flows = (await gdalRun('ogrinfo', ['-ro', '-so', `OAPIF:${s.url}/ogc`, 'flows'])).stdout;
    expect(flows).toMatch(/^magnitude: Real/m);
    expect(flows).toMatch(/^period_start: Date/m);
  });

  it('ogr2ogr with PAGE_SIZE=50 copies every village exactly once across many pages', async () => {
    const matched = await numberMatched('villages');
    expect(matched).toBe(VILLAGES);
    const { ids, features, seconds } = await copyWithOgr2ogr('villages');
    console.log(`[ogc-gdal] ogr2ogr villages: ${ids.length} features in ${Math.ceil(matched / PAGE_SIZE)} pages, ${seconds.toFixed(2)} s`);
    expect(ids).toHaveLength(matched);
    expect(new Set(ids).size).toBe(matched);
    expect(features.every((f) => f.properties.source_title)).toBe(true);
  });

  it('ogr2ogr with a spatial filter sends bbox and gets exactly the features the server matches', async () => {
    // GDAL prints the box with 18 significant digits; the server must accept that and filter the same way.
    const bbox = '121.0,27.7,121.4,28.1';
    const { ids } = await copyWithOgr2ogr('counties', ['-spat', ...bbox.split(',')]);
    expect(ids).toContain('330305000000'); // 洞头区
    expect(ids).toEqual((await page('counties', `limit=1000&bbox=${bbox}`)).features.map((f) => f.id));
  });

  it('ogr2ogr copies every flow exactly once, each with its basis, and documented flows without a number', async () => {
    const matched = await numberMatched('flows');
    const { ids, features, seconds } = await copyWithOgr2ogr('flows');
    console.log(`[ogc-gdal] ogr2ogr flows: ${ids.length} features in ${Math.ceil(matched / PAGE_SIZE)} pages, ${seconds.toFixed(2)} s`);
    expect(ids).toHaveLength(matched);
    expect(new Set(ids).size).toBe(matched);
    for (const f of features) {
      expect(['observed', 'documented', 'modelled']).toContain(f.properties.basis);
      if (f.properties.basis === 'documented') expect(f.properties.magnitude).toBeNull();
      else expect(typeof f.properties.magnitude).toBe('number');
    }
    expect(features.filter((f) => f.geometry?.type === 'LineString').length).toBeGreaterThan(matched / 2);
  });

  it('ogrinfo reads a single township with an attribute filter evaluated on the client', async () => {
    const { stdout } = await gdalRun('ogrinfo', ['-ro', '-q', `OAPIF:${s.url}/ogc`, 'townships', '-where', "name_zh = '罗阳镇'"]);
    expect(stdout).toMatch(/code \(String\) = 330329100000/);
    expect(stdout).toMatch(/geom_quality \(String\) = approximate/);
    expect(stdout.match(/^OGRFeature/gm)).toHaveLength(1);
  });
});
