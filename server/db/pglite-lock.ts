// PGlite is one process's files: a second process opening the same folder writes over the first, its work
// is never seen, and the folder may no longer open afterwards (`Aborted()`). This lock keeps a second
// process out before PGlite touches the folder, and says who holds it.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ConfigError } from '../config.ts';
import { log } from '../log.ts';

export const LOCK_FILE = 'atlas.lock';

interface Owner {
  pid: number;
  hostname: string;
  command: string;
  since: string;
}

/** The folder is held by another live process; a ConfigError, so every entry point exits with its usage/config code. */
export class DatabaseInUseError extends ConfigError {}

export interface PgliteLock {
  release(): void;
}

// Folders this process holds, and how to let each go: a second open in the same process would corrupt the
// folder just the same, and every lock must go when the process ends.
const held = new Map<string, () => void>();

function releaseAll(): void {
  for (const release of [...held.values()]) release();
}

// With no other handler, a signal ends the process without 'exit': release, then die of the signal as before.
// With another handler (npm start's), that handler closes the database and exits, which releases.
function onSignal(signal: NodeJS.Signals): void {
  if (process.listenerCount(signal) > 1) return;
  releaseAll();
  process.kill(process.pid, signal);
}

function watchExit(on: boolean): void {
  const method = on ? 'on' : 'off';
  process[method]('exit', releaseAll);
  process[method]('SIGINT', onSignal);
  process[method]('SIGTERM', onSignal);
}

/** What the user typed, as near as we can tell: `npm start`, `npm run import`, or the script. */
function describeCommand(): string {
  const event = process.env.npm_lifecycle_event;
  // npx sets the event to "npx"; the script it runs says more.
  if (event && event !== 'npx') return event === 'start' || event === 'test' ? `npm ${event}` : `npm run ${event}`;
  return process.argv.slice(1).map((a) => (path.isAbsolute(a) ? path.relative(process.cwd(), a) || a : a)).join(' ') || 'node';
}

function parseOwner(text: string): Owner | undefined {
  try {
    const o = JSON.parse(text) as Partial<Owner>;
    if (Number.isInteger(o.pid) && typeof o.hostname === 'string') return o as Owner;
  } catch {
    /* half-written or not ours: the caller decides by the file's age */
  }
  return undefined;
}

function readOwner(file: string): Owner | undefined {
  try {
    return parseOwner(fs.readFileSync(file, 'utf8'));
  } catch {
    return undefined;
  }
}

function isAlive(owner: Owner): boolean {
  const { pid } = owner;
  // Our own pid from before this process started is a previous run with the same pid (pid 1 in a container);
  // from since then, another thread of this process holds it.
  if (pid === process.pid) return !(Date.parse(owner.since) < Date.now() - process.uptime() * 1000);
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    // EPERM: the process exists but belongs to another user.
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Why the lock cannot be taken, or undefined when it is stale and may be taken over. */
function liveOwner(file: string): { owner: Owner | undefined } | undefined {
  const owner = readOwner(file);
  if (!owner) {
    // A lock being written this instant is briefly empty; one left unreadable for long is debris.
    let age: number;
    try {
      age = Date.now() - fs.statSync(file).mtimeMs;
    } catch {
      return undefined;
    }
    return age < 10_000 ? { owner: undefined } : undefined;
  }
  // Another host's pid cannot be checked from here, so its lock is taken as live.
  if (owner.hostname !== os.hostname() || isAlive(owner)) return { owner };
  return undefined;
}

function refusal(dir: string, owner: Owner | undefined): DatabaseInUseError {
  const who = owner
    ? `process ${owner.pid}${owner.hostname !== os.hostname() ? ` on ${owner.hostname}` : ''} (${owner.command}, since ${owner.since})`
    : 'another process';
  return new DatabaseInUseError(
    `The embedded database in ${dir} is in use by ${who}. Stop it first, or set DATABASE_URL to use PostgreSQL, ` +
      `which allows several processes. (PGlite is single-process; the lock is ${path.join(dir, LOCK_FILE)}.)`,
  );
}

/** Moves a stale lock aside; false when it changed under us (another process took it over first). */
function removeStale(file: string, stale: string): boolean {
  const aside = `${file}.${process.pid}.stale`;
  try {
    fs.renameSync(file, aside);
  } catch {
    return false;
  }
  if (fs.readFileSync(aside, 'utf8') === stale) {
    fs.rmSync(aside, { force: true });
    return true;
  }
  // We moved a fresh lock: put it back unless someone already holds the name again.
  try {
    fs.linkSync(aside, file);
  } catch {
    /* the name is taken again; that holder wins */
  }
  fs.rmSync(aside, { force: true });
  return false;
}

/**
 * Takes the folder for this process, or throws DatabaseInUseError naming the holder. The lock goes on
 * release(), and on any exit of the process: a normal end, process.exit, an uncaught error, or SIGINT/SIGTERM
 * when nothing else handles them.
 */
export function lockPgliteDir(dirArg: string): PgliteLock {
  const dir = path.resolve(dirArg);
  fs.mkdirSync(dir, { recursive: true });
  const file = path.join(dir, LOCK_FILE);
  if (held.has(dir)) throw refusal(dir, { pid: process.pid, hostname: os.hostname(), command: describeCommand(), since: 'earlier in this process' });
  const owner: Owner = { pid: process.pid, hostname: os.hostname(), command: describeCommand(), since: new Date().toISOString() };
  const body = JSON.stringify(owner) + '\n';
  for (let attempt = 0; ; attempt++) {
    try {
      fs.writeFileSync(file, body, { flag: 'wx' });
      break;
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
      if (attempt >= 5) throw refusal(dir, readOwner(file));
    }
    let stale: string;
    try {
      stale = fs.readFileSync(file, 'utf8');
    } catch {
      continue; // released between our create and our read
    }
    const live = liveOwner(file);
    if (live) throw refusal(dir, live.owner);
    if (removeStale(file, stale)) {
      const old = parseOwner(stale);
      log.info('took over a stale embedded-database lock', {
        dir,
        previous: old ? `process ${old.pid} (${old.command}, since ${old.since}) is no longer running` : 'an unreadable lock file',
      });
    }
  }

  const release = () => {
    if (held.get(dir) !== release) return;
    held.delete(dir);
    if (!held.size) watchExit(false);
    // Only our own lock: never one another process wrote after ours was taken over as stale.
    try {
      if (fs.readFileSync(file, 'utf8') === body) fs.rmSync(file, { force: true });
    } catch {
      /* already gone */
    }
  };
  if (!held.size) watchExit(true);
  held.set(dir, release);
  return { release };
}
