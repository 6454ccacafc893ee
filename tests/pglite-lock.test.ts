// The embedded engine's folder belongs to one process at a time: a second process (here the real import CLI)
// is refused before it touches the folder, a lock left by a dead process is taken over, and the lock goes
// when its holder closes, exits or is stopped by a signal.
import { spawn, spawnSync } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import net, { type AddressInfo } from 'node:net';
import { ConfigError, loadConfig, repoRoot } from '../server/config.ts';
import { openPglite } from '../server/db/pglite-database.ts';
import { LOCK_FILE, lockPgliteDir } from '../server/db/pglite-lock.ts';
import { startServer } from '../server/start.ts';

const TSX = path.join(repoRoot, 'node_modules', '.bin', 'tsx');
const dirs: string[] = [];

function tempDir(): string {
  const dir = path.join(repoRoot, 'tests', '.tmp', `pglite-lock-${crypto.randomBytes(4).toString('hex')}`);
  dirs.push(dir);
  return dir;
}
afterAll(() => {
  for (const dir of dirs) fs.rmSync(dir, { recursive: true, force: true });
});

function run(args: string[], env: Record<string, string>): Promise<{ code: number | null; signal: NodeJS.Signals | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const base = { ...process.env, ALLOW_DOWNLOAD: 'false', LOG_LEVEL: 'error' } as Record<string, string>;
    delete base.DATABASE_URL;
    const child = spawn(TSX, args, { cwd: repoRoot, env: { ...base, ...env } });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.on('error', reject);
    child.on('close', (code, signal) => resolve({ code, signal, stdout, stderr }));
  });
}

/** A child that takes the lock on `dir`, says so on stdout, then does `then` ('wait' | 'throw'). */
function holder(dir: string, then: 'wait' | 'throw') {
  const script =
    `import(${JSON.stringify(path.join(repoRoot, 'server', 'db', 'pglite-lock.ts'))}).then(({ lockPgliteDir }) => {` +
    ` lockPgliteDir(${JSON.stringify(dir)}); console.log('held');` +
    (then === 'throw' ? ` setTimeout(() => { throw new Error('boom'); }, 50); });` : ` setInterval(() => {}, 1000); });`);
  const child = spawn(TSX, ['-e', script], { cwd: repoRoot, env: { ...process.env, LOG_LEVEL: 'error' } });
  const held = new Promise<void>((resolve, reject) => {
    child.stdout.on('data', (d) => String(d).includes('held') && resolve());
    child.on('exit', (code) => reject(new Error(`holder exited ${code} before taking the lock`)));
  });
  const exited = new Promise<NodeJS.Signals | number | null>((resolve) => child.on('exit', (code, signal) => resolve(signal ?? code)));
  return { child, held, exited };
}

/** The folder opens again in this process (its lock is gone) and answers `sql` with `rows`. */
async function expectReopens(dir: string, sql: string, rows: unknown[]): Promise<void> {
  const again = await openPglite({ dir });
  expect(await again.query(sql)).toEqual(rows);
  await again.close();
}

function deadPid(): number {
  // A process that has exited and been reaped: its pid is free (reuse within the test is vanishingly unlikely).
  const r = spawnSync(process.execPath, ['-e', 'console.log(process.pid)']);
  return Number(String(r.stdout).trim());
}

describe('the embedded database folder lock', () => {
  it('refuses the import CLI while this process has the folder open, with exit code 2 and who holds it, and leaves the folder usable', async () => {
    const dir = tempDir();
    const db = await openPglite({ dir });
    await db.exec('CREATE TABLE kept (v int); INSERT INTO kept VALUES (42)');
    const before = fs.readdirSync(dir).sort();

    const r = await run([path.join(repoRoot, 'server', 'cli', 'import.ts'), '--region', '330383', '--quiet'], { PGLITE_DIR: dir });
    expect(r.code, r.stderr).toBe(2);
    expect(r.stderr).toContain(`The embedded database in ${dir} is in use by process ${process.pid} (`);
    expect(r.stderr).toContain('Stop it first, or set DATABASE_URL to use PostgreSQL, which allows several processes.');
    expect(r.stderr).not.toMatch(/\n\s+at /);
    expect(r.stdout).toBe('');
    expect(fs.readdirSync(dir).sort()).toEqual(before);

    expect(await db.query('SELECT v FROM kept')).toEqual([{ v: 42 }]);
    await db.close();
    await expectReopens(dir, 'SELECT v FROM kept', [{ v: 42 }]);
  }, 120_000);

  it('refuses a second open in the same process too', async () => {
    const dir = tempDir();
    const lock = lockPgliteDir(dir);
    expect(() => lockPgliteDir(dir)).toThrow(/is in use by process \d+ .*Stop it first/);
    lock.release();
  });

  it('removes the lock on close, so the folder opens again', async () => {
    const dir = tempDir();
    const db = await openPglite({ dir });
    const owner = JSON.parse(fs.readFileSync(path.join(dir, LOCK_FILE), 'utf8'));
    expect(owner).toMatchObject({ pid: process.pid, hostname: os.hostname() });
    expect(Date.parse(owner.since)).not.toBeNaN();
    await db.close();
    expect(fs.existsSync(path.join(dir, LOCK_FILE))).toBe(false);
    await expectReopens(dir, 'SELECT 1 AS one', [{ one: 1 }]);
  }, 120_000);

  it('takes over a lock whose process is no longer running on this host', async () => {
    const dir = tempDir();
    fs.mkdirSync(dir, { recursive: true });
    const dead = deadPid();
    fs.writeFileSync(path.join(dir, LOCK_FILE), JSON.stringify({ pid: dead, hostname: os.hostname(), command: 'npm start', since: '2026-11-26T00:00:00.000Z' }));
    const lock = lockPgliteDir(dir);
    expect(JSON.parse(fs.readFileSync(path.join(dir, LOCK_FILE), 'utf8')).pid).toBe(process.pid);
    lock.release();
  });

  it("takes over a lock with this process's own pid written before it started (a restarted container's pid 1)", () => {
    const dir = tempDir();
    fs.mkdirSync(dir, { recursive: true });
    const before = new Date(Date.now() - process.uptime() * 1000 - 60_000).toISOString();
    fs.writeFileSync(path.join(dir, LOCK_FILE), JSON.stringify({ pid: process.pid, hostname: os.hostname(), command: 'npm start', since: before }));
    const lock = lockPgliteDir(dir);
    expect(JSON.parse(fs.readFileSync(path.join(dir, LOCK_FILE), 'utf8')).since).not.toBe(before);
    lock.release();
    // The same pid written since this process started is another thread of it: live, not stale.
    fs.writeFileSync(path.join(dir, LOCK_FILE), JSON.stringify({ pid: process.pid, hostname: os.hostname(), command: 'a worker', since: new Date().toISOString() }));
    expect(() => lockPgliteDir(dir)).toThrow(`in use by process ${process.pid} (a worker`);
  });

  it('does not take over a lock held by a live process on another host, which it cannot check', () => {
    const dir = tempDir();
    fs.mkdirSync(dir, { recursive: true });
    fs.writeFileSync(path.join(dir, LOCK_FILE), JSON.stringify({ pid: deadPid(), hostname: `not-${os.hostname()}`, command: 'npm start', since: 'x' }));
    expect(() => lockPgliteDir(dir)).toThrow(/in use by process \d+ on not-/);
  });

  it('is released when its holder is stopped with SIGTERM or SIGINT, and the signal still ends the process', async () => {
    for (const signal of ['SIGTERM', 'SIGINT'] as const) {
      const dir = tempDir();
      const h = holder(dir, 'wait');
      await h.held;
      expect(() => lockPgliteDir(dir)).toThrow(/is in use by process/);
      h.child.kill(signal);
      // tsx relays the signal to its node process and reports that death as 128 + the signal number.
      expect([signal, 128 + os.constants.signals[signal]]).toContain(await h.exited);
      expect(fs.existsSync(path.join(dir, LOCK_FILE))).toBe(false);
    }
  }, 60_000);

  it('is released when its holder dies of an uncaught error', async () => {
    const dir = tempDir();
    const h = holder(dir, 'throw');
    await h.held;
    expect(await h.exited).toBe(1);
    expect(fs.existsSync(path.join(dir, LOCK_FILE))).toBe(false);
  }, 60_000);

  it('needs no lock in memory: two in-memory databases open side by side', async () => {
    const a = await openPglite({ dir: 'memory' });
    const b = await openPglite({ dir: 'memory' });
    expect(fs.existsSync(path.join(process.cwd(), 'memory'))).toBe(false);
    expect(await b.query('SELECT 1 AS one')).toEqual([{ one: 1 }]);
    await Promise.all([a.close(), b.close()]);
  }, 120_000);

  it('says at once that the port is taken, before the server opens (or creates) the database folder', async () => {
    const taken = net.createServer();
    await new Promise<void>((resolve) => taken.listen(0, '127.0.0.1', resolve));
    const { port } = taken.address() as AddressInfo;
    const dir = tempDir();
    try {
      const start = startServer(loadConfig({ PORT: String(port), HOST: '127.0.0.1', PGLITE_DIR: dir, LOG_LEVEL: 'silent' }));
      await expect(start).rejects.toThrow(ConfigError);
      await expect(start).rejects.toThrow(`port ${port} on 127.0.0.1 is already in use`);
      expect(fs.existsSync(dir)).toBe(false);
    } finally {
      await new Promise((resolve) => taken.close(resolve));
    }
  });
});
