// The benchmark's own database on the PostgreSQL server: created and dropped here, never the demo's or a
// test's. A finished build writes its stamp (generator version and parameters) as the database's comment;
// a database without the expected stamp (another build, or one that stopped half-way) is rebuilt.
import pg from 'pg';
import type { Database } from '../../server/db/database.ts';
import { openPostgres } from '../../server/db/postgres-database.ts';

export interface BenchDbTarget {
  /** Any database on the server, to connect to while the bench database is created or dropped. */
  adminUrl: string;
  name: string;
}

export function benchTarget(env: Record<string, string | undefined> = process.env): BenchDbTarget {
  const name = env.BENCH_NATIONAL_DB || 'atlas_bench_national';
  if (!/^[a-z_][a-z0-9_]{0,62}$/.test(name)) throw new Error(`BENCH_NATIONAL_DB must be a plain lower-case identifier, got "${name}"`);
  return { adminUrl: env.DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/postgres', name };
}

export function benchUrl(t: BenchDbTarget): string {
  const u = new URL(t.adminUrl);
  u.pathname = `/${t.name}`;
  return u.toString();
}

async function withAdmin<T>(t: BenchDbTarget, fn: (c: pg.Client) => Promise<T>): Promise<T> {
  const c = new pg.Client({ connectionString: t.adminUrl });
  await c.connect();
  try {
    return await fn(c);
  } finally {
    await c.end();
  }
}

/** The stamp of a finished build, or null when the database is missing or unfinished. */
export function readStamp(t: BenchDbTarget): Promise<unknown> {
  return withAdmin(t, async (c) => {
    const r = await c.query<{ d: string | null }>(
      "SELECT shobj_description(oid, 'pg_database') AS d FROM pg_database WHERE datname = $1",
      [t.name],
    );
    const text = r.rows[0]?.d;
    if (!text) return null;
    try {
      return JSON.parse(text);
    } catch {
      return null;
    }
  });
}

export async function writeStamp(t: BenchDbTarget, stamp: unknown): Promise<void> {
  // COMMENT takes no parameters; the literal is quoted by the server's own quote_literal.
  await withAdmin(t, async (c) => {
    const q = await c.query<{ l: string }>('SELECT quote_literal($1) AS l', [JSON.stringify(stamp)]);
    await c.query(`COMMENT ON DATABASE ${t.name} IS ${q.rows[0]!.l}`);
  });
}

export async function recreateDatabase(t: BenchDbTarget): Promise<void> {
  await withAdmin(t, async (c) => {
    await c.query(`DROP DATABASE IF EXISTS ${t.name} WITH (FORCE)`);
    await c.query(`CREATE DATABASE ${t.name}`);
  });
}

export async function dropDatabase(t: BenchDbTarget): Promise<void> {
  await withAdmin(t, (c) => c.query(`DROP DATABASE IF EXISTS ${t.name} WITH (FORCE)`));
}

/** A pool on the bench database; long statements are the point here, so the timeout is generous. */
export function openBench(t: BenchDbTarget, statementTimeoutMs = 30 * 60_000): Database {
  return openPostgres({ url: benchUrl(t), poolMax: 4, poolWaitMs: 30_000, statementTimeoutMs });
}

/** The national bench database of this environment, refused unless a build finished (for the side benches). */
export async function openBuiltBench(statementTimeoutMs: number): Promise<{ target: BenchDbTarget; db: Database }> {
  const target = benchTarget();
  if (!(await readStamp(target))) throw new Error(`${target.name} is missing or unfinished: build it with npm run bench:national -- --build-only`);
  return { target, db: openBench(target, statementTimeoutMs) };
}
