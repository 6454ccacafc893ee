// The bench commands answer --help and a wrong option without starting anything. DATABASE_URL points at a
// closed port, so a command that ignored --help would fail on connecting instead of loading the machine
// with minutes of benchmark.
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { repoRoot } from '../server/config.ts';

const COMMANDS = [
  ['bench', 'bench/tiles.ts', '--reuse'],
  ['bench:client', 'bench/client/run.ts', 'BENCH_SIZES'],
  ['bench:national', 'bench/national/run.ts', '--tiles-only'],
] as const;

function run(script: string, ...args: string[]) {
  const r = spawnSync(path.join(repoRoot, 'node_modules', '.bin', 'tsx'), [path.join(repoRoot, script), ...args], {
    cwd: repoRoot,
    encoding: 'utf8',
    timeout: 60_000,
    env: { ...process.env, DATABASE_URL: 'postgres://postgres@127.0.0.1:1/none', BENCH_NATIONAL_DB: 'none' },
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe.each(COMMANDS)('npm run %s', (name, script, documented) => {
  it('prints its usage for --help and exits 0 without starting', () => {
    const r = run(script, '--help');
    expect(r.stderr).toBe('');
    expect(r.stdout).toMatch(new RegExp(`^Usage: npm run ${name}\\b`));
    expect(r.stdout).toContain(documented);
    expect(r.code).toBe(0);
  }, 60_000);

  it('refuses an unknown option in one line with the usage, exit 2', () => {
    const r = run(script, '--no-such-option');
    expect(r.stdout).toBe('');
    expect(r.stderr.split('\n')[0]).toBe(`${name}: Unknown option '--no-such-option'`);
    expect(r.stderr).toContain(`Usage: npm run ${name}`);
    expect(r.stderr).not.toMatch(/\n\s+at /);
    expect(r.code).toBe(2);
  }, 60_000);
});
