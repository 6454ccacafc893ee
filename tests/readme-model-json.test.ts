// docs/model.md tells users `npm run model -- run --json > model.json`: the JSON on stdout must be whole
// and alone, also when it is larger than a pipe's buffer (64 KiB; an exit before the flush once cut it there).
import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { repoRoot } from '../server/config.ts';
import { seededDb, testEngine, type TestDb } from './support/test-db.ts';

const run = promisify(execFile);
let t: TestDb;

/** Runs the CLI as a user's shell would, stdout into a pipe; rejects on a non-zero exit. */
function model(args: string[]): Promise<{ stdout: string; stderr: string }> {
  const env = { ...process.env, DATABASE_URL: t.url!, LOG_LEVEL: 'error' };
  const tsx = path.join(repoRoot, 'node_modules', '.bin', 'tsx');
  return run(tsx, [path.join(repoRoot, 'server', 'cli', 'model.ts'), ...args], { cwd: repoRoot, env, maxBuffer: 64 << 20 });
}

// The CLI needs a server URL to share the seeded demo with a child process; the embedded engine has none.
const postgis = testEngine().kind === 'postgis';

beforeAll(async () => {
  if (postgis) t = await seededDb();
});
afterAll(async () => {
  await t?.drop();
});

describe.skipIf(!postgis)('npm run model -- run --json', () => {
  it('prints both models as one whole JSON document on a pipe, with the dry-run note on stderr', async () => {
    const r = await model(['run', '--json', '--dry-run']);
    expect(r.stdout.length).toBeGreaterThan(65_536);
    const runs = JSON.parse(r.stdout) as { level: string; flows: unknown[] }[];
    expect(runs.map((x) => x.level)).toEqual(['county', 'township']);
    expect(runs[1]!.flows.length).toBeGreaterThan(1000);
    expect(r.stderr).toContain('dry run: nothing written');
  }, 120_000);

  it('keeps stdout pure JSON when it stores the flows, and says what it stored on stderr', async () => {
    const r = await model(['run', '--level', 'county', '--json']);
    const runs = JSON.parse(r.stdout) as { level: string; flows: unknown[] }[];
    expect(runs).toHaveLength(1);
    expect(r.stderr).toMatch(/Stored \d+ modelled flows/);
  }, 120_000);
});
