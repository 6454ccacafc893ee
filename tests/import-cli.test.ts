// `npm run import` end to end, as a user runs it: a real process, a real database (PostGIS, or an
// embedded one in a temporary folder), exit codes, progress on stderr, the summary on stdout.
import { spawn } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { repoRoot } from '../server/config.ts';
import { emptyDb, type TestDb } from './support/test-db.ts';

const FIXTURES = path.join(repoRoot, 'tests', 'fixtures', 'import');
let t: TestDb;
let env: Record<string, string>;
let pgliteDir: string | undefined;

function run(args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(path.join(repoRoot, 'node_modules', '.bin', 'tsx'), [path.join(repoRoot, 'server', 'cli', 'import.ts'), ...args], {
      cwd: repoRoot,
      env,
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

beforeAll(async () => {
  t = await emptyDb();
  const base = { ...process.env, ALLOW_DOWNLOAD: 'false', LOG_LEVEL: 'error' } as Record<string, string>;
  delete base.DATABASE_URL;
  if (t.url) env = { ...base, DATABASE_URL: t.url };
  else {
    // The embedded engine keeps its files in a folder of its own for this test.
    pgliteDir = path.join(repoRoot, 'tests', '.tmp', `cli-pglite-${crypto.randomBytes(4).toString('hex')}`);
    env = { ...base, PGLITE_DIR: pgliteDir };
  }
});
afterAll(async () => {
  await t?.drop();
  if (pgliteDir) fs.rmSync(pgliteDir, { recursive: true, force: true });
});

describe('npm run import', () => {
  it('imports a county with its ancestors (--region 330383, 龙港市) and prints the summary and progress', async () => {
    const r = await run(['--region', '330383']);
    expect(r.stderr).toContain('[import] staging units:');
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain('Imported region 330383');
    // 浙江省, 温州市, 龙港市 and its 103 villages; its one township-level row is statistical.
    expect(r.stdout).toContain('inserted 106, updated 0, unchanged 0, skipped 1');
    expect(r.stdout).toContain('statistical units (not townships; their villages sit under the county): 330383198 龙港县直辖村级区划');
    expect(r.stdout).toMatch(/data version is now \d+/);
  }, 180_000);

  it('changes nothing when run again', async () => {
    const r = await run(['--region', '330383', '--quiet']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain('inserted 0, updated 0, unchanged 106');
    expect(r.stdout).toContain('nothing changed; the data version stays as it was');
    expect(r.stderr).toBe('');
  }, 180_000);

  it('exits 1 on a bad file, naming the feature, without a stack trace', async () => {
    const r = await run([
      '--geojson', path.join(FIXTURES, 'code-outside-parent.geojson'),
      '--source', 'fixture-synthetic', '--sources', path.join(FIXTURES, 'sources.json'), '--crs', 'wgs84', '--quiet',
    ]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('code-outside-parent.geojson feature #0 (code 330329901000)');
    expect(r.stderr).not.toMatch(/\n\s+at /);
    expect(r.stdout).toBe('');
  }, 180_000);

  it('exits 2 on an unknown option or a file import without a source', async () => {
    const unknown = await run(['--region', '330300', '--colour', 'red']);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain("Unknown option '--colour'");
    const noSource = await run(['--geojson', path.join(FIXTURES, 'valid-township.geojson')]);
    expect(noSource.code).toBe(2);
    expect(noSource.stderr).toContain('needs --source <id>');
  }, 60_000);
});
